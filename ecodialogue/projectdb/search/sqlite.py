"""The SQLite engine: FTS5 over tokens stemmed in Python, ranked with bm25.

SQLite has no Russian or Kazakh stemmer, so `texts.py` stems each word of
the index (Snowball ru/en, `kazakh.py`) and the FTS5 table holds the stems,
space-separated (table `projectdb_search`, rowid = project id, columns
title, body, ids; migration 0002). A query word becomes the OR of every
token it may be indexed as (its Russian and Kazakh stems for Cyrillic, the
English stem for Latin, the word itself, and for the last word of three
letters or more, any token it begins); words are ANDed. An identifier typed
whole also matches the exact token.

Ranking only what is shown (`search.ranked`): bm25 (title and identifiers
weighted 10, body 1) is computed for the newest RANK_WINDOW matches and the
newest RANK_WINDOW title matches. Those are the first pages, best first;
deeper pages list the remaining matches newest first.
"""

# SQL is assembled from table names and fixed fragments; every value is a %s parameter.
# ruff: noqa: S608

import hashlib
import re

from django.db import connection, connections

from . import texts
from .common import PREFIX_MIN, known_word, relation_rows, trigram_similarity

TABLE = "projectdb_search"
NAMES = "projectdb_orgname"
WEIGHTS = "10.0, 1.0, 10.0"  # title, body, ids
CHUNK = 500


def _tokens(words_by_bucket: dict[str, list[str]]) -> str:
    tokens = []
    for language, words in words_by_bucket.items():
        for word in texts.kept(words, language):
            tokens.extend(texts.index_stems(word, language))
    return " ".join(tokens)


def _name_rowid(name: str) -> int:
    return int.from_bytes(hashlib.sha1(name.encode("utf-8")).digest()[:8], "big") >> 1  # noqa: S324 - a key


def index(changed: list, *, using: str = "default") -> None:
    """Replace the index entries of [(project, record)]: a few statements per chunk of projects."""
    with connections[using].cursor() as cursor:
        for start in range(0, len(changed), CHUNK):
            chunk = changed[start : start + CHUNK]
            ids = [project.pk for project, _record in chunk]
            marks = ",".join(["%s"] * len(ids))
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", ids)
            cursor.execute(f"DELETE FROM projectdb_searchrelation WHERE project_id IN ({marks})", ids)
            rows, names = [], {}
            for project, record in chunk:
                found = texts.collect(record)
                rows.append((project.pk, _tokens(found.title), _tokens(found.body), " ".join(found.exact)))
                for org in [record.get("reporting_org") or {}, *record.get("participating_orgs", [])]:
                    for name in (org.get("name") or {}).values():
                        names[_name_rowid(name)] = name
            cursor.executemany(f"INSERT INTO {TABLE} (rowid, title, body, ids) VALUES (%s, %s, %s, %s)", rows)
            relations = relation_rows(chunk)
            if relations:
                cursor.executemany(
                    "INSERT INTO projectdb_searchrelation (project_id, type, ref) VALUES (%s, %s, %s)", relations
                )
            if names:
                keys = list(names)
                cursor.execute(f"DELETE FROM {NAMES} WHERE rowid IN ({','.join(['%s'] * len(keys))})", keys)
                cursor.executemany(f"INSERT INTO {NAMES} (rowid, name) VALUES (%s, %s)", list(names.items()))


def _term(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _variants(word: str) -> list[str]:
    return [_term(v) for v in texts.query_stems(word)]


def _exists(word: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {TABLE} WHERE {TABLE} MATCH %s LIMIT 1",
            [" OR ".join(_variants(word))],
        )
        return cursor.fetchone() is not None


def _expression(query: texts.Query, *, prefix: bool = True) -> str:
    groups = []
    for position, word in enumerate(query.words):
        variants = _variants(word)
        last = prefix and position == len(query.words) - 1
        if last and len(word) >= PREFIX_MIN and not known_word(word, _exists):
            variants.append(_term(word) + "*")
        groups.append("(" + " OR ".join(variants) + ")")
    expression = " AND ".join(groups)
    if query.identifier:
        expression = f"({expression}) OR {_term(query.identifier)}" if expression else _term(query.identifier)
    return expression


def matching_sql(text: str, *, prefix: bool = True):
    query = texts.parse(text)
    if not query:
        return None
    return f"SELECT rowid AS id FROM {TABLE} WHERE {TABLE} MATCH %s", [_expression(query, prefix=prefix)]


def title_matching_sql(text: str):
    query = texts.parse(text)
    if not query:
        return None
    return f"SELECT rowid AS id FROM {TABLE} WHERE {TABLE} MATCH %s", ["{title} : (" + _expression(query) + ")"]


def scores(text: str, ids: list[int]) -> dict[int, float]:
    """bm25 of the given matches, made positive (more is better).

    FTS5 reads the query's matches from the smallest id on (a range it seeks
    to) and the list filters them ("+": as a rowid constraint FTS5 would run
    the whole query once per id, seconds for a common word).
    """
    query = texts.parse(text)
    if not query or not ids:
        return {}
    marks = ",".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, -bm25({TABLE}, {WEIGHTS}) FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid >= %s "
            f"AND +rowid IN ({marks})",
            [_expression(query), min(ids), *ids],
        )
        return {pk: float(score) for pk, score in cursor.fetchall()}


def _within(within_sql) -> tuple[str, list]:
    if within_sql is None:
        return "", []
    sql, params = within_sql
    # "+": a filter on the rows FTS5 yields; as a rowid constraint FTS5 would rerun the query for every id.
    return f" AND +rowid IN ({sql})", list(params)


def scored_any(words: list[str], *, within_sql, limit: int) -> list[tuple[int, float]]:
    """Projects matching any of the words, best first by bm25 over every match (made positive: more is better)."""
    if not words:
        return []
    expression = " OR ".join("(" + " OR ".join(_variants(w)) + ")" for w in words)
    within, within_params = _within(within_sql)
    sql = (
        f"SELECT rowid, -bm25({TABLE}, {WEIGHTS}) AS score FROM {TABLE} "
        f"WHERE {TABLE} MATCH %s{within} ORDER BY bm25({TABLE}, {WEIGHTS}), rowid DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, *within_params, limit])
        return [(pk, float(score)) for pk, score in cursor.fetchall()]


_TRIGRAM_WORD = re.compile(r"[^\W_]+")


def similar_names(text: str, *, limit: int = 5, threshold: float = 0.3) -> list[tuple[str, float]]:
    """Organisation names close to the text by trigrams, best first, as pg_trgm's similarity() scores them."""
    grams = set()
    for word in _TRIGRAM_WORD.findall(text.casefold()):
        grams.update(word[i : i + 3] for i in range(len(word) - 2))
    if not grams:
        return []
    expression = " OR ".join(_term(g) for g in sorted(grams))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name FROM {NAMES} WHERE {NAMES} MATCH %s ORDER BY rank LIMIT 50",
            [expression],
        )
        candidates = [row[0] for row in cursor.fetchall()]
        scored = sorted(((trigram_similarity(text, n), n) for n in candidates), reverse=True)
        scored = [(n, s) for s, n in scored if s >= threshold]
        if not scored:
            return []
        # Names of organisations no longer in any project stay in the trigram table: keep the used ones.
        names = [n for n, _s in scored]
        marks = ",".join(["%s"] * len(names))
        cursor.execute(f"SELECT DISTINCT name FROM projectdb_projectorganisation WHERE name IN ({marks})", names)
        used = {row[0] for row in cursor.fetchall()}
    return [(n, s) for n, s in scored if n in used][:limit]
