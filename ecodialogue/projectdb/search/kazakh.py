"""A light Kazakh stemmer: strips the common inflectional suffixes of nouns so a word finds its forms.

Kazakh is agglutinative: "қалдықтардың" is қалдық (waste) + тар (plural) +
дың (genitive). Neither PostgreSQL nor Snowball has a Kazakh stemmer, so
this one strips suffixes, longest first, again and again, until none
applies. Every form of a word then reduces to the same stem: "жоба",
"жобаның", "жобаларды", "жобасын" all give "жоба".

Rules:

1. Suffixes, each with its back (а/ы) and front (е/і) form:
   - plural -лар/-лер, -дар/-дер, -тар/-тер;
   - possessive: 3rd person -сы/-сі (after a vowel), -ы/-і (after a
     consonant); with the accusative -сын/-сін, -ын/-ін; 1st and 2nd person
     -ым/-ім, -ың/-ің, -ымыз/-іміз, -ыңыз/-іңіз, -мыз/-міз, -ңыз/-ңіз;
   - genitive -ның/-нің, -дың/-дің, -тың/-тің;
   - dative -ға/-ге, -қа/-ке, and -на/-не after a 3rd-person possessive;
   - accusative -ны/-ні, -ды/-ді, -ты/-ті, and -н after a possessive;
   - locative -да/-де, -та/-те, -нда/-нде; with -ғы: -дағы/-дегі,
     -тағы/-тегі, -ндағы/-ндегі;
   - ablative -дан/-ден, -тан/-тен, -нан/-нен;
   - instrumental -мен, -бен, -пен.
   Combinations ("-тарды", "-ларының") need no entries: stripping repeats.
2. A suffix is stripped only after the letters Kazakh puts it after, so that
   a root is not mistaken for a suffix: -лар after a vowel, р, у, й;
   -дар after л, м, н, ң, з, ж; -тар after a voiceless consonant (and б, в,
   г, д); -ның after a vowel or м, н, ң; -дың after р, у, й, л, з, ж; -ны
   after a vowel; -н, -на, -нда only after -ы/-і; and so on. That keeps
   "орта" (its -та follows р, not a voiceless consonant), "ауа", "қала",
   "Астана" whole.
3. Vowel harmony: a suffix with а/ы is stripped only from a stem whose last
   vowel is back (а, о, ұ, ы, я), one with е/і only from a front one (ә, е,
   і, ө, ү, э); у, и, ю, ё are neutral, as are stems without a vowel.
4. The stem keeps at least two letters and a vowel ("су" from "суы",
   "ел" from "елдер"); at least three before the ablative ("аудан" is not
   ау + дан) and before a 1st/2nd-person possessive ("ұйым" is not ұй + ым).
   -тан is not stripped after с, so place names in -стан stay whole.
5. A final б, г, ғ after a vowel is written п, к, қ: Kazakh devoices it at
   the end of a word ("аймағы" → "аймақ", "кітабы" → "кітап").

Derivational suffixes are kept: "орталық" (central) is not "орта" (milieu),
"қалдық" (waste) is not "қал" (stay), "аймақтық" (regional) not "аймақ".
Verb forms are not stemmed. The input is one lower-case word.
"""

from functools import lru_cache

VOWELS = frozenset("аәеыіоөұүэяюиуё")
BACK = frozenset("аоұыя")
FRONT = frozenset("әеіөүэ")
# What the last letter of a stem is, for choosing which suffixes may follow it.
VOWEL, SONORANT, L, ZH, NASAL, VOICELESS = "V", "S", "L", "Z", "N", "K"
_CLASSES = {
    **dict.fromkeys("аәеыіоөұүэяё", VOWEL),
    **dict.fromkeys("руйию", SONORANT),
    "л": L,
    **dict.fromkeys("зж", ZH),
    **dict.fromkeys("мнң", NASAL),
    **dict.fromkeys("кқпстфхцчшщбвгдғһ", VOICELESS),
}
CONSONANT = frozenset({SONORANT, L, ZH, NASAL, VOICELESS})
ANY = frozenset({VOWEL}) | CONSONANT
# "P": the stem ends in a 3rd-person possessive -ы/-і, after which the n-forms of the cases follow.
POSSESSIVE = "P"


def _both(back: str, *after, min_stem: int = 2) -> list[tuple[str, frozenset, int]]:
    """A suffix in its back and front forms (а→е, ы→і, ғ→г, қ→к), allowed after the given classes."""
    front = back.translate(str.maketrans("аығқ", "еігк"))
    allowed = frozenset(after)
    return [(back, allowed, min_stem), (front, allowed, min_stem)] if front != back else [(back, allowed, min_stem)]


_RULES = [
    # plural
    *_both("лар", VOWEL, SONORANT),
    *_both("дар", L, ZH, NASAL),
    *_both("тар", VOICELESS),
    # possessive (and possessive + accusative)
    *_both("сы", VOWEL),
    *_both("сын", VOWEL),
    *_both("ы", *CONSONANT),
    *_both("ын", *CONSONANT),
    *_both("ымыз", *CONSONANT, min_stem=3),
    *_both("ыңыз", *CONSONANT, min_stem=3),
    *_both("мыз", VOWEL, min_stem=3),
    *_both("ңыз", VOWEL, min_stem=3),
    # genitive
    *_both("ның", VOWEL, NASAL),
    *_both("дың", SONORANT, L, ZH),
    *_both("тың", VOICELESS),
    # dative
    *_both("ға", VOWEL, SONORANT, L, ZH, NASAL),
    *_both("қа", VOICELESS),
    *_both("на", POSSESSIVE),
    # accusative
    *_both("ны", VOWEL),
    *_both("ды", SONORANT, L, ZH, NASAL),
    *_both("ты", VOICELESS),
    ("н", frozenset({POSSESSIVE}), 2),
    # locative, and locative + -ғы ("in the …": аймақтағы)
    *_both("да", VOWEL, SONORANT, L, ZH, NASAL),
    *_both("та", VOICELESS),
    *_both("нда", POSSESSIVE),
    *_both("дағы", VOWEL, SONORANT, L, ZH, NASAL),
    *_both("тағы", VOICELESS),
    *_both("ндағы", POSSESSIVE),
    # ablative
    *_both("дан", VOWEL, SONORANT, L, ZH, min_stem=3),
    *_both("тан", VOICELESS, min_stem=3),
    *_both("нан", NASAL, POSSESSIVE, min_stem=3),
    # instrumental: one form each, whatever the stem's vowels
    ("мен", frozenset({VOWEL, SONORANT, L}), 2),
    ("бен", frozenset({ZH, NASAL}), 2),
    ("пен", frozenset({VOICELESS}), 2),
]
INVARIANT = frozenset({"мен", "бен", "пен"})
# Longest first: "-сын" before "-ын", "-тың" before "-ың", so a suffix is never cut inside another.
RULES = sorted(_RULES, key=lambda rule: -len(rule[0]))
DEVOICED = {"б": "п", "г": "к", "ғ": "қ"}
# A suffix that may also be a root's last consonant and a possessive -ы/-і (аудан + ы, not ауда + ны).
AMBIGUOUS = {"сы": "ы", "сі": "і", "ны": "ы", "ні": "і", "сын": "ын", "сін": "ін"}
MAX_STEMS = 4


def _last_vowel(stem: str) -> str:
    for letter in reversed(stem):
        if letter in VOWELS:
            return letter
    return ""


def _harmonious(stem: str, suffix: str) -> bool:
    if suffix in INVARIANT:
        return True
    vowel = _last_vowel(stem)
    if any(letter in "аы" for letter in suffix):
        return vowel not in FRONT
    if any(letter in "еі" for letter in suffix):
        return vowel not in BACK
    return True


def _classes(stem: str) -> set[str]:
    last = stem[-1]
    if last in "ьъ" and len(stem) > 1:
        last = stem[-2]
    found = {_CLASSES.get(last, VOICELESS)}
    if last in "ыі" and len(stem) > 2:
        found.add(POSSESSIVE)
    return found


def _strips(word: str, suffix: str, allowed: frozenset, min_stem: int) -> str | None:
    """The stem left when `suffix` is cut from `word`, if the rules allow it there."""
    if not word.endswith(suffix):
        return None
    stem = word[: -len(suffix)]
    if len(stem) < min_stem or not any(letter in VOWELS for letter in stem):
        return None
    if not (_classes(stem) & allowed) or not _harmonious(stem, suffix):
        return None
    if suffix in ("тан", "тен") and stem.endswith("с"):
        return None
    return stem


def _steps(word: str) -> list[str]:
    """The stems one suffix shorter: the longest suffix that applies, and its ambiguous reading if any."""
    for suffix, allowed, min_stem in RULES:
        stem = _strips(word, suffix, allowed, min_stem)
        if stem is None:
            continue
        found = [stem]
        other = AMBIGUOUS.get(suffix)
        if other:
            alternative = _strips(word, other, frozenset(CONSONANT), 2)
            if alternative is not None:
                found.append(alternative)
        return found
    return []


def _final(word: str) -> str:
    if len(word) > 2 and word[-1] in DEVOICED and word[-2] in VOWELS:
        return word[:-1] + DEVOICED[word[-1]]
    return word


@lru_cache(maxsize=100_000)
def stems(word: str) -> tuple[str, ...]:
    """Every stem of one lower-case word: the first is `stem(word)`; more when a suffix reads two ways.

    "-сы" and "-ны" are ambiguous: "жобаны" is жоба + ны, but "ауданы" is
    аудан + ы, "басы" бас + ы. Both readings are kept (at most four stems),
    so the index and the query each hold the reading the other needs.
    """
    found: list[str] = []
    pending = [word]
    while pending and len(found) < MAX_STEMS:
        current = pending.pop(0)
        shorter = _steps(current)
        if not shorter:
            result = _final(current)
            if result not in found:
                found.append(result)
            continue
        pending = shorter + pending
    return tuple(found) or (word,)


def stem(word: str) -> str:
    """The stem of one lower-case Kazakh word (the word itself when no rule applies)."""
    return stems(word)[0]
