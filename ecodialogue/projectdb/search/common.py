"""What both engines share beyond the texts: the ranking window, related-activity rows, trigram similarity."""

import re
import time

# Relevance is computed for this many of the newest matches (and as many title matches): bounded work per query.
RANK_WINDOW = 500
# The last word of a query also matches as a prefix ("клим" finds климат) unless it is a word of the index
# itself: a prefix of a common word costs much, and adds nothing to a whole word.
PREFIX_MIN = 3
_KNOWN: dict[str, tuple[float, bool]] = {}
KNOWN_SECONDS = 10


def known_word(word: str, lookup) -> bool:
    """Whether the word is in the index (any of its forms), remembered a few seconds: one search asks often."""
    now = time.monotonic()
    hit = _KNOWN.get(word)
    if hit is not None and now - hit[0] < KNOWN_SECONDS:
        return hit[1]
    if len(_KNOWN) > 10_000:
        _KNOWN.clear()
    found = bool(lookup(word))
    _KNOWN[word] = (now, found)
    return found


def remember_known(word: str) -> None:
    """The word was found (a query with it matched): no need to look it up again for a while."""
    _KNOWN[word] = (time.monotonic(), True)


def is_remembered(word: str) -> bool:
    hit = _KNOWN.get(word)
    return hit is not None and time.monotonic() - hit[0] < KNOWN_SECONDS


_WORD = re.compile(r"[^\W_]+")


def relation_rows(changed: list) -> list[tuple[int, str, str]]:
    """(project id, related-activity type, ref) of [(project, record)], for finding a project's children."""
    rows = []
    for project, record in changed:
        for related in record.get("related") or []:
            ref = (related.get("ref") or "").strip()
            if ref:
                rows.append((project.pk, str(related.get("type") or "")[:2], ref[:150]))
    return rows


def trigrams(text: str) -> set[str]:
    """The trigrams pg_trgm takes from a text: each word lower-cased, padded with two spaces before, one after."""
    found = set()
    for word in _WORD.findall((text or "").casefold()):
        padded = f"  {word} "
        found.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return found


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of both."""
    first, second = trigrams(a), trigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)
