"""The project search: one small interface, two engines.

PostgreSQL full-text search (`postgres.py`) in production, SQLite FTS5
(`sqlite.py`) for the embedded default; `engine()` picks the one of the
database in use. Both index the same texts (`texts.py`: the record's
narratives per language, Kazakh stemmed by `kazakh.py`) and answer the same
questions, so the same tests run on both.
"""

from django.db import connection


def engine():
    """The search engine of the database in use."""
    if connection.vendor == "postgresql":
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


def ranked_ids(query: str, *, within_sql: tuple[str, list] | None, limit: int, offset: int) -> list[int]:
    """The ids of one page of matches, best first; ranking only what the page needs."""
    return engine().ranked_ids(query, within_sql=within_sql, limit=limit, offset=offset)
