"""What the search reads from a record, and how words are cut and stemmed: shared by both engines.

A record is indexed as
- the title, per language bucket (kk, ru, en, other);
- the body, per bucket: descriptions, the names of the reporting and
  participating organisations, location names and descriptions, document
  titles;
- exact tokens: the identifier and the organisations' IATI refs, each whole
  (lower-cased) and in its parts split on - _ . /, so "XI-IATI-EC_INTPA-2016-379586"
  is found whole and by "379586".

A narrative's bucket is its language; one without a language has the
activity's default language (as IATI reads it), and goes to "other" when that
is none of kk, ru, en. Other languages (de, fr …) go to "other" too: words
indexed as written, unstemmed.

Words are cut here, in Python, for both engines, and normalised: case
folded, ё written е, a Latin i inside a Cyrillic word written і (Kazakh
typed on a Russian keyboard). SQLite indexes stems made here (Snowball for
ru and en, `kazakh.py` for kk); PostgreSQL gets the normalised words and
stems ru and en with its own configurations, which run the same Snowball
algorithms.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from . import kazakh, stopwords

BUCKETS = ("kk", "ru", "en", "other")
_WORD = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")
_PARTS = re.compile(r"[-_./]+")
# What an identifier typed into the box looks like: no spaces, parts joined by - _ . or /.
IDENTIFIER = re.compile(r"^[0-9a-z]+(?:[-_./][0-9a-z]+)+$")
_RUSSIAN = snowballstemmer.stemmer("russian")
_ENGLISH = snowballstemmer.stemmer("english")


@dataclass
class Texts:
    """A record's searchable text: normalised words per bucket, and exact tokens."""

    title: dict[str, list[str]] = field(default_factory=lambda: {b: [] for b in BUCKETS})
    body: dict[str, list[str]] = field(default_factory=lambda: {b: [] for b in BUCKETS})
    exact: list[str] = field(default_factory=list)


def normal(word: str) -> str:
    word = word.casefold().replace("ё", "е")
    if "i" in word and _CYRILLIC.search(word):
        word = word.replace("i", "і")
    return word


def words(text: str) -> list[str]:
    """The normalised words of a text, in order."""
    text = (text or "").casefold().replace("ё", "е")
    found = _WORD.findall(text)
    if "i" in text and _CYRILLIC.search(text):
        found = [normal(w) if "i" in w else w for w in found]
    return found


def script(word: str) -> str:
    """ "cyrillic", "latin" or "" (digits, other scripts): which languages' stems a word may have."""
    if _CYRILLIC.search(word):
        return "cyrillic"
    if _LATIN.search(word):
        return "latin"
    return ""


def exact_tokens(text: str) -> list[str]:
    """An identifier whole (lower-cased) and its parts."""
    whole = (text or "").strip().casefold()
    if not whole:
        return []
    parts = [p for p in _PARTS.split(whole) if p]
    return list(dict.fromkeys([whole.replace(" ", ""), *parts]))


def bucket(language: str, default: str) -> str:
    language = (language or default or "").lower()
    return language if language in ("kk", "ru", "en") else "other"


def collect(record: dict) -> Texts:
    """The searchable text of a (normalised) record."""
    texts = Texts()
    default = record.get("default_language") or ""

    def add(target: dict, narratives: dict | None) -> None:
        for language, text in (narratives or {}).items():
            target[bucket(language, default)].extend(words(text))

    add(texts.title, record.get("title"))
    for description in record.get("descriptions") or []:
        add(texts.body, description.get("text"))
    orgs = [record["reporting_org"]] if record.get("reporting_org") else []
    orgs += record.get("participating_orgs") or []
    exact = exact_tokens(record.get("identifier", ""))
    for org in orgs:
        add(texts.body, org.get("name"))
        exact += exact_tokens(org.get("ref", ""))
    for location in record.get("locations") or []:
        add(texts.body, location.get("name"))
        add(texts.body, location.get("description"))
    for document in record.get("documents") or []:
        add(texts.body, document.get("title"))
    texts.exact = list(dict.fromkeys(exact))
    return texts


def is_stop(word: str, language: str) -> bool:
    """A stop word of the bucket, as PostgreSQL's configurations see it (ru: English stops for Latin words)."""
    kind = script(word)
    if language == "ru":
        return word in (stopwords.RUSSIAN if kind == "cyrillic" else stopwords.ENGLISH)
    if language == "en":
        return kind == "latin" and word in stopwords.ENGLISH
    if language == "kk":
        return word in stopwords.KAZAKH
    return False


def kept(tokens: list[str], language: str) -> list[str]:
    return [w for w in tokens if not is_stop(w, language)]


@lru_cache(maxsize=200_000)
def _snowball(word: str, language: str) -> str:
    return (_RUSSIAN if language == "ru" else _ENGLISH).stemWord(word)


def index_stems(word: str, language: str) -> tuple[str, ...]:
    """The tokens SQLite indexes for one word of a bucket, mirroring the PostgreSQL configurations."""
    kind = script(word)
    if language == "ru":
        return (_snowball(word, "ru" if kind == "cyrillic" else "en"),) if kind else (word,)
    if language == "en":
        return (_snowball(word, "en"),) if kind == "latin" else (word,)
    if language == "kk":
        return kazakh.stems(word) if kind == "cyrillic" else (word,)
    return (word,)


def query_stems(word: str) -> tuple[str, ...]:
    """Every token a query word may be indexed as: its stems in each language of its script, and itself."""
    kind = script(word)
    found = [word]
    if kind == "cyrillic":
        found += [_snowball(word, "ru"), *kazakh.stems(word)]
    elif kind == "latin":
        found.append(_snowball(word, "en"))
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Query:
    """A search box's text, read: the words that count, and the identifier it may be."""

    words: tuple[str, ...]
    identifier: str = ""  # the whole text, lower-cased, when it looks like an identifier

    def __bool__(self):
        return bool(self.words or self.identifier)


def parse(text: str) -> Query:
    """Words ANDed by the engines; stop words left out unless nothing else is left."""
    text = (text or "").strip()[:200]
    identifier = text.casefold() if IDENTIFIER.match(text.casefold()) else ""
    found = list(dict.fromkeys(words(text)))
    meaningful = [w for w in found if w not in (stopwords.CYRILLIC if script(w) == "cyrillic" else stopwords.LATIN)]
    return Query(words=tuple(meaningful or found)[:12], identifier=identifier)
