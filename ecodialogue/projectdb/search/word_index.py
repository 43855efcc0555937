"""The words of PostgreSQL's search vectors, held in memory per process: a common word's matches without the heap.

Why: PostgreSQL finds a word's projects in its GIN index, but must then
visit every matching row of the table to check it is visible (GIN has no
index-only scans). A search vector fills a third of a page, so a common
word visits thousands of pages: 30–75 ms at 100,000 projects, more than the
whole budget of a search page (docs/performance.md). Here each process
keeps the lexemes of every stored vector and title, inverted (lexeme →
sorted project ids), and answers the same tsquery in memory.

What the words mean is still PostgreSQL's: the query is built by
`postgres._query_sql` and turned into its lexemes by `to_tsquery` (the
russian and english stemmers, the simple configuration for Kazakh stems);
only the set algebra is done here. A tsquery this module does not read
(phrases, negation, weights) is answered by the SQL instead.

The index follows the data like the facet copy (`facet_snapshot.py`): its
version is the latest change number (`changes.py`); projects changed since
it was read are read again into a small overlay (their old postings are
masked), and above OVERLAY_MAX of them it is read whole.
"""

# SQL is assembled from table names; every value is a %s parameter.
# ruff: noqa: S608

import bisect
import copy
import re

import numpy as np
from django.conf import settings
from django.db import connection

from ..changes import changed_since
from . import postgres, texts
from .followed import Followed, Stale

SEPARATOR = "\x01"  # between the lexemes of one row: never part of a word the index cuts
OVERLAY_MAX = 5000  # changed projects kept beside the inverted arrays before they are built again
COLUMNS = ("vector", "title")
LEXEMES = "array_to_string(tsvector_to_array({}), E'\\x01')"
CHUNK = 5000  # rows inverted at a time: the words of a chunk are held as text only while it is read
UNANSWERED = object()  # the query has a form read by PostgreSQL only


def enabled() -> bool:
    return connection.vendor == "postgresql" and settings.PROJECTDB_WORD_INDEX


class Postings:
    """One column's lexemes inverted: lexeme → the sorted ids of the projects having it (`ids[offsets[c]:…]`)."""

    def __init__(self, size: int, chunks: list[tuple[np.ndarray, np.ndarray, np.ndarray]]):
        """From chunks of rows in project order: (project ids, lexeme count of each, their lexeme codes).

        A counting sort, a chunk at a time: the memory it needs beyond the
        result is one chunk's, where sorting all codes at once needed three
        times the result.
        """
        counts = np.zeros(size, dtype=np.int64)
        for _ids, _counts, codes in chunks:
            counts += np.bincount(codes, minlength=size)
        self.offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self.ids = np.empty(int(self.offsets[-1]), dtype=np.int32)
        fill = self.offsets[:-1].copy()  # where each lexeme's next id goes
        for ids, lengths, codes in chunks:
            if not len(codes):
                continue
            order = np.argsort(codes, kind="stable")  # stable: within a lexeme, the ids stay in project order
            code, project = codes[order], np.repeat(ids, lengths)[order]
            starts = np.flatnonzero(np.concatenate([[True], code[1:] != code[:-1]]))  # each lexeme's first
            sizes = np.diff(np.concatenate([starts, [len(code)]]))
            self.ids[fill[code] + np.arange(len(code)) - np.repeat(starts, sizes)] = project
            fill[code[starts]] += sizes


class WordIndex:
    """Every stored vector's and title's lexemes, at one version of the data."""

    def __init__(self):
        self.version = None
        self.position = None  # the change number read up to
        self.words: dict[str, int] = {}
        self.sorted_words: list[str] = []  # for prefixes: the lexemes in order, and their codes
        self.sorted_codes: np.ndarray = np.zeros(0, dtype=np.int64)
        self.columns: dict[str, Postings] = {}
        self.masked = np.zeros(1, dtype=bool)  # by project id: its postings above are out of date
        self.overlay: dict[int, tuple[frozenset, frozenset]] = {}  # changed projects: (vector, title) lexemes
        # The overlay inverted, per column: lexeme → the changed projects having it. Replaced, never edited
        # (copy on write): other threads may be reading the previous index.
        self.overlay_words: dict[str, dict[str, frozenset]] = {column: {} for column in COLUMNS}
        self.tsqueries: dict[str, str] = {}  # query text → its tsquery as PostgreSQL wrote it, at this version

    # Reading

    def load(self, version: tuple) -> None:
        """Read every row (the first time), or the projects changed since into the overlay."""
        self.tsqueries = {}  # whether a word is in the index (its prefix) may change with the data
        with connection.cursor() as cursor:
            if self.position is None:
                connection.ensure_connection()
                with connection.chunked_cursor() as server_side:  # the rows come a chunk at a time, not all at once
                    server_side.itersize = CHUNK
                    self._build(server_side, cursor)
            else:
                changed = changed_since(self.position, limit=OVERLAY_MAX - len(self.overlay))
                if changed is None or version[0] < self.position:
                    raise Stale
                self._patch(cursor, changed)
        self.position = version[0]
        self.version = version

    def _patch(self, cursor, changed: list[int]) -> None:
        self.masked = _grown(self.masked, max(changed, default=0))
        self.masked[changed] = True
        overlay = dict(self.overlay)
        words = {column: dict(self.overlay_words[column]) for column in COLUMNS}
        for pk in changed:  # their lexemes as they were: out of the inverted overlay
            for position, column in enumerate(COLUMNS):
                for word in overlay.get(pk, (frozenset(), frozenset()))[position]:
                    words[column][word] = words[column].get(word, frozenset()) - {pk}
            overlay.pop(pk, None)
        for pk, read in _exact_lexemes(cursor, changed).items():  # deleted projects: not read, not added
            overlay[pk] = read
            for position, column in enumerate(COLUMNS):
                for word in read[position]:
                    words[column][word] = words[column].get(word, frozenset()) | {pk}
        self.overlay, self.overlay_words = overlay, words

    def _build(self, cursor, exact_cursor) -> None:
        """Invert every row, a chunk at a time: a word is a small integer as soon as it is read."""
        words: dict[str, int] = {}
        code = words.setdefault
        chunks: dict[str, list] = {name: [] for name in COLUMNS}
        largest = 0
        cursor.execute(
            f"SELECT project_id, length(vector), length(title), {LEXEMES.format('vector')}, {LEXEMES.format('title')} "
            f"FROM {postgres.TABLE} ORDER BY project_id"
        )
        while rows := cursor.fetchmany(CHUNK):
            ids = np.array([row[0] for row in rows], dtype=np.int32)
            largest = int(ids[-1])
            for position, column in enumerate(COLUMNS):
                lengths = np.array([row[1 + position] for row in rows], dtype=np.int64)
                lexemes = SEPARATOR.join(row[3 + position] for row in rows if row[3 + position]).split(SEPARATOR)
                if lengths.any() and len(lexemes) != lengths.sum():  # a lexeme holds the separator: row by row
                    lexemes = _lexemes_exactly(exact_cursor, rows, position)
                codes = [code(w, len(words)) for w in lexemes] if lengths.any() else []
                chunks[column].append((ids, lengths, np.array(codes, dtype=np.int32)))
        self.columns = {column: Postings(len(words), chunks[column]) for column in COLUMNS}
        self.words = words
        self.sorted_words = sorted(words)
        self.sorted_codes = np.array([words[w] for w in self.sorted_words], dtype=np.int64)
        self.masked = np.zeros(largest + 1, dtype=bool)
        self.overlay = {}
        self.overlay_words = {column: {} for column in COLUMNS}

    # Answering

    def matches(self, tsquery: str, column: str) -> np.ndarray | object:
        """The sorted ids whose column matches the tsquery text (PostgreSQL's output form), or UNANSWERED.

        Sets of projects are boolean arrays by id while the query is read: an
        AND or an OR of a common word's 60,000 ids is then a few microseconds.
        """
        tokens = _tokens(tsquery)
        if tokens is None:
            return UNANSWERED
        if not tokens:
            return np.zeros(0, dtype=np.int64)
        found, end = self._or(tokens, 0, column)
        return np.flatnonzero(found) if end == len(tokens) else UNANSWERED

    def _or(self, tokens: list, at: int, column: str):
        found, at = self._and(tokens, at, column)
        while at < len(tokens) and tokens[at] == "|":
            other, at = self._and(tokens, at + 1, column)
            found |= other
        return found, at

    def _and(self, tokens: list, at: int, column: str):
        found, at = self._term(tokens, at, column)
        while at < len(tokens) and tokens[at] == "&":
            other, at = self._term(tokens, at + 1, column)
            found &= other
        return found, at

    def _term(self, tokens: list, at: int, column: str):
        token = tokens[at] if at < len(tokens) else ")"
        if token == "(":  # noqa: S105 - a parenthesis, not a password
            found, at = self._or(tokens, at + 1, column)
            return found, at + 1  # the closing parenthesis (checked by _tokens)
        lexeme, prefix = token
        return self._lexeme(lexeme, prefix, column), at + 1

    def _lexeme(self, lexeme: str, prefix: bool, column: str) -> np.ndarray:
        """The projects having the lexeme (or, for a prefix, any lexeme starting with it), as a boolean array."""
        postings = self.columns.get(column)
        if prefix:
            start = bisect.bisect_left(self.sorted_words, lexeme)
            end = bisect.bisect_left(self.sorted_words, lexeme + "\U0010ffff", lo=start)
            codes = self.sorted_codes[start:end].tolist()
        else:
            codes = [self.words[lexeme]] if lexeme in self.words else []
        found = np.zeros(len(self.masked), dtype=bool)
        if postings is not None:
            for code in codes:
                found[postings.ids[postings.offsets[code] : postings.offsets[code + 1]]] = True
        found &= ~self.masked  # changed since the arrays were built: the overlay says (deleted: not there)
        overlay = self.overlay_words[column]
        if prefix:
            having = [pks for word, pks in overlay.items() if word.startswith(lexeme)]
        else:
            having = [overlay.get(lexeme, ())]
        for pks in having:
            if pks:
                found[list(pks)] = True
        return found


def _exact_lexemes(cursor, ids: list[int]) -> dict[int, tuple[frozenset, frozenset]]:
    """{project: (vector lexemes, title lexemes)} read one lexeme per row: exact whatever a lexeme holds."""
    found: dict[int, tuple[set, set]] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ",".join(["%s"] * len(part))
        for position, column in enumerate(COLUMNS):
            cursor.execute(
                f"SELECT project_id, unnest(tsvector_to_array({column})) FROM {postgres.TABLE} "
                f"WHERE project_id IN ({marks})",
                part,
            )
            for pk, lexeme in cursor.fetchall():
                found.setdefault(pk, (set(), set()))[position].add(lexeme)
        cursor.execute(f"SELECT project_id FROM {postgres.TABLE} WHERE project_id IN ({marks})", part)
        for (pk,) in cursor.fetchall():  # a project whose vectors are empty is still there
            found.setdefault(pk, (set(), set()))
    return {pk: (frozenset(vector), frozenset(title)) for pk, (vector, title) in found.items()}


def _lexemes_exactly(cursor, rows: list[tuple], position: int) -> list[str]:
    """The lexemes of these rows' column in row order, each row split by the separator unless a lexeme holds it."""
    lexemes = []
    for row in rows:
        count, text = row[1 + position], row[3 + position]
        split = text.split(SEPARATOR) if text else []
        if len(split) != count:
            cursor.execute(
                f"SELECT unnest(tsvector_to_array({COLUMNS[position]})) FROM {postgres.TABLE} WHERE project_id = %s",
                [row[0]],
            )
            split = [lexeme for (lexeme,) in cursor.fetchall()]
        lexemes += split
    return lexemes


def _grown(array: np.ndarray, largest: int) -> np.ndarray:
    if largest < len(array):
        return array.copy()
    grown = np.zeros(max(largest + 1, len(array) * 2), dtype=bool)
    grown[: len(array)] = array
    return grown


_TOKEN = re.compile(r"\s*(?:(\()|(\))|(&)|(\|)|'((?:[^'\\]|''|\\.)*)'(:\*)?(?![:<A-Za-z])|(\S))")


def _tokens(tsquery: str) -> list | None:
    """A tsquery's text as tokens: "(", ")", "&", "|", (lexeme, is prefix); None for anything else."""
    tokens, depth = [], 0
    for match in _TOKEN.finditer(tsquery.strip()):
        opening, closing, conjunction, disjunction, lexeme, prefix, other = match.groups()
        if other is not None:
            return None  # !, <->, weights: PostgreSQL answers
        if opening:
            depth += 1
            tokens.append("(")
        elif closing:
            depth -= 1
            if depth < 0:
                return None
            tokens.append(")")
        elif conjunction:
            tokens.append("&")
        elif disjunction:
            tokens.append("|")
        else:
            tokens.append((re.sub(r"\\(.)", r"\1", lexeme.replace("''", "'")), bool(prefix)))
    return tokens if depth == 0 else None


copies = Followed(WordIndex, copy.copy)  # the arrays are shared: a patch replaces, never edits


def current(at: tuple | None = None) -> WordIndex:
    """This process's word index, brought up to date with the database (or at version `at`)."""
    return copies.current(at)


def tsquery_text(query: texts.Query, *, exists) -> str:
    """The query's tsquery as PostgreSQL writes it: its words stemmed by each configuration."""
    sql, params = postgres._query_sql(query, exists=exists)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({sql})::text", params)
        return cursor.fetchone()[0] or ""


def matching_ids(text: str, column: str = "vector", *, at: tuple | None = None):
    """As the engine's SQL: the sorted ids matching the query in the column; None for no words; or UNANSWERED.

    `at`: the version the caller's other copy was read at, which saves looking it up again.
    """
    query = texts.parse(text)
    if not query:
        return None
    index = current(at)
    tsquery = index.tsqueries.get(text)
    if tsquery is None:  # a search asks twice (its matches, its title matches): PostgreSQL stems it once

        def exists(word: str) -> bool:  # the last word is a word of the index: no prefix
            found = index.matches(tsquery_text(texts.Query(words=(word,)), exists=lambda _w: True), "vector")
            return postgres._exists(word) if found is UNANSWERED else bool(len(found))

        if len(index.tsqueries) >= 256:
            index.tsqueries.clear()
        tsquery = index.tsqueries[text] = tsquery_text(query, exists=exists)
    return index.matches(tsquery, column)
