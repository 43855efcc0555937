"""The project search: one small interface, two engines.

PostgreSQL full-text search (`postgres.py`) in production, SQLite FTS5
(`sqlite.py`) for the embedded default; `engine()` picks the one of the
database in use. Both index the same texts (`texts.py`: the record's
narratives per language, Kazakh stemmed by `kazakh.py`) and answer the same
questions, so the same tests run on both.

The index is written by `index_projects`, which `services.projects_save`
calls inside its transaction; a deleted project leaves the index through a
trigger (migration 0002).
"""

import json
import logging
from contextlib import contextmanager
from types import SimpleNamespace

from django.db import DatabaseError, connection, connections, transaction

logger = logging.getLogger(__name__)


def engine(using: str = "default"):
    """The search engine of the database in use."""
    if connections[using].vendor == "postgresql":
        from . import postgres

        return postgres
    from . import sqlite

    return sqlite


def index_projects(changed: list) -> None:
    """(Re)index [(project, record)] after they were written, inside the writer's transaction."""
    engine().index(changed)


def matching_sql(query: str) -> tuple[str, list] | None:
    """SQL selecting the ids of projects matching the query words (unranked), with its params; None for no words."""
    return engine().matching_sql(query)


def _ids(match: tuple[str, list] | None):
    """The ids a statement selects, as a sorted numpy array; None for no statement.

    Sent as one comma-separated text and parsed by numpy: fetching a common
    word's 60,000 ids as rows costs more than finding them.
    """
    import numpy as np

    if match is None:
        return None
    sql, params = match
    joined = "string_agg(id::text, ',')" if connection.vendor == "postgresql" else "group_concat(id, ',')"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {joined} FROM ({sql}) m", params)  # noqa: S608 - the engine's SQL, values are params
        text = cursor.fetchone()[0]
    if not text:
        return np.zeros(0, dtype=np.int64)
    ids = np.fromstring(text, dtype=np.int64, sep=",")  # text mode: parsed in C, six times as fast as split()
    return ids if np.all(ids[1:] >= ids[:-1]) else np.sort(ids)


def matching_ids(query: str, *, at: tuple | None = None):
    """The ids of every project matching the query words, sorted; None for no words.

    The last word also matches as a prefix unless it is a word of the index,
    which costs a lookup. The words are tried as whole words first: if they
    match, the last one is a word of the index, and that is the answer.
    `at`: the version of the data the caller's facet copy was read at (one lookup less).
    """
    from . import common, texts, word_index

    found = _from_word_index(query, "vector", at)
    if found is not word_index.UNANSWERED:
        return found
    parsed = texts.parse(query)
    last = parsed.words[-1] if parsed and parsed.words else ""
    if len(last) >= common.PREFIX_MIN and not parsed.identifier and not common.is_remembered(last):
        ids = _ids(engine().matching_sql(query, prefix=False))
        if ids is not None and len(ids):
            common.remember_known(last)
            return ids
    return _ids(engine().matching_sql(query))


def _title_ids(query: str, at: tuple | None = None):
    """The sorted ids of the projects whose title matches the query words."""
    from . import word_index

    found = _from_word_index(query, "title", at)
    if found is not word_index.UNANSWERED:
        return found
    return _ids(engine().title_matching_sql(query))


def _from_word_index(query: str, column: str, at: tuple | None):
    """The in-memory answer on PostgreSQL (`word_index.py`), or UNANSWERED: off, SQLite, or a fault in it.

    The index only saves time: a fault in it is logged and the GIN index
    answers. A database error is not caught: the transaction it broke could
    not run the SQL either.
    """
    from . import word_index

    if not word_index.enabled():
        return word_index.UNANSWERED
    try:
        return word_index.matching_ids(query, column, at=at)
    except DatabaseError:
        raise
    except Exception:
        logger.exception("The in-memory word index failed for %r; the GIN index answers", query)
        return word_index.UNANSWERED


def ranked(query: str, matches, *, limit: int | None, offset: int = 0, at: tuple | None = None) -> list[int]:
    """One page of the matches (sorted ids of the query's matches within the filters), best first.

    Relevance is computed only for the newest RANK_WINDOW matches and the
    newest RANK_WINDOW matches in a title: those come first, by score; the
    other matches follow newest first. A common word costs as little as a
    rare one, and a title match is never buried under newer body matches.
    """
    import numpy as np

    from .common import RANK_WINDOW

    matches = np.asarray(matches, dtype=np.int64)
    window = matches
    if len(matches) > RANK_WINDOW:
        titles = _title_ids(query, at)
        titles = np.intersect1d(titles, matches, assume_unique=True) if titles is not None else matches[:0]
        window = np.union1d(matches[-RANK_WINDOW:], titles[-RANK_WINDOW:])
    end = None if limit is None else offset + limit
    if end is not None and offset >= len(window):  # a deep page: past the ranked ones, newest first
        rest = np.setdiff1d(matches, window, assume_unique=True)[::-1]
        return rest[offset - len(window) : end - len(window)].tolist()
    score = engine().scores(query, window.tolist())
    ordered = sorted(window.tolist(), key=lambda pk: (-score.get(pk, 0.0), -pk))
    if end is not None and end <= len(ordered):
        return ordered[offset:end]
    rest = np.setdiff1d(matches, window, assume_unique=True)[::-1].tolist()
    return (ordered + rest)[offset:end]


def scored_any(words: list[str], *, within_sql: tuple[str, list] | None = None, limit: int = 10):
    """[(id, score)] of projects matching ANY of the words (normalised query words), best first."""
    return engine().scored_any(words, within_sql=within_sql, limit=limit)


def similar_names(text: str, *, limit: int = 5, threshold: float = 0.3) -> list[tuple[str, float]]:
    """[(organisation name, trigram similarity 0–1)] close to the text, best first: for typos."""
    return engine().similar_names(text, limit=limit, threshold=threshold)


@contextmanager
def counting(using: str = "default"):
    """Around statements that count or sum over the matches of a query (not needed for one page of rows).

    PostgreSQL prices a sequential scan testing every vector below the GIN
    bitmap that reads none (it does not count decompressing the vectors): for
    a common word the scan takes ten times as long. Inside this block, in its
    own transaction, it uses the index.
    """
    if connections[using].vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def reindex_all(*, using: str = "default", batch: int = 1000, number: bool = True) -> int:
    """Index every project again (after a migration, or a change of the rules); returns how many.

    Each batch is read and written in one transaction, its rows locked, so a
    save meanwhile is never overwritten from the record as it was before.
    `number`: number the change (`changes.py`) so that the in-memory word
    indexes read these projects again; migration 0002 cannot, the numbers'
    tables come later (0004).
    """
    from ..changes import changes_record

    update = "" if connections[using].vendor == "sqlite" else " FOR UPDATE"  # SQLite: one writer at a time
    count, last = 0, 0
    while True:
        with transaction.atomic(using=using), connections[using].cursor() as cursor:
            cursor.execute(
                f"SELECT id, record FROM projectdb_project WHERE id > %s ORDER BY id LIMIT %s{update}",  # noqa: S608 - a fixed clause
                [last, batch],
            )
            rows = cursor.fetchall()
            if not rows:
                return count
            changed = [(SimpleNamespace(pk=pk), json.loads(r) if isinstance(r, str) else r) for pk, r in rows]
            engine(using).index(changed, using=using)
            if number and using == "default":
                changes_record([pk for pk, _record in rows])
        count += len(rows)
        last = rows[-1][0]
