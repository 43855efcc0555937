"""Alphabetical order for Kazakh, Russian and English names.

Databases sort Cyrillic by code point, which puts the Kazakh letters
ә ғ қ ң ө ұ ү һ і after я. The Kazakh alphabet (2004 Cyrillic order) is a
superset of the Russian one with its extra letters after their nearest
Russian letters, so one key sorts both languages; Latin letters follow.
Quotes and punctuation are ignored, so «Ақбота» sorts under А.
"""

KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
# Keys are built from Unicode private-use characters (never spaces, never
# mistaken for text): digits, then the Kazakh-Russian alphabet, then the rest.
_RANK = {letter: chr(0xE010 + index) for index, letter in enumerate(KAZAKH_ALPHABET)}


def collation_key(text: str) -> str:
    """A string whose plain (binary) order is the alphabetical order of `text`."""
    key = []
    for char in (text or "").casefold():
        if char in _RANK:
            key.append(_RANK[char])
        elif char.isalnum():
            if char.isdecimal() and char.isascii():
                key.append(chr(0xE000 + int(char)))
            else:
                key.append(chr(0xE100 + ord(char)) if ord(char) < 0x1000 else char)
        elif char.isspace() and key and key[-1] != " ":
            key.append(" ")
    return "".join(key).rstrip(" ")[:200]
