"""Numbering the changes of projects in the order they commit, for the copies that follow the data.

Why: every process keeps an in-memory copy of the facet tables
(`search/facet_snapshot.py`) and asks, at each search, "what changed since
I last read?". A timestamp cannot answer that: a transaction that took its
time earlier may commit after a later one was already seen, and a deletion
leaves no row to find. So each saving transaction, as its last statement,
takes the next number from the one-row `ProjectsVersion` and writes it on
the `ProjectChange` row of every project it saved or deleted. Taking the
number locks that row until the commit, so numbers are given in commit
order: once a reader sees number N, every change numbered N or less is
visible to it, and "the projects with a number above the one I read" is
exactly what it has not seen. The lock is held only from that last
statement to the commit.
"""

# SQL is assembled from table names; every value is a %s parameter.
# ruff: noqa: S608

from django.db import connection, transaction

from .models import ProjectChange, ProjectsVersion

VERSION = ProjectsVersion._meta.db_table
CHANGE = ProjectChange._meta.db_table
BATCH = 500  # rows per INSERT: below SQLite's and PostgreSQL's parameter limits


def changes_record(project_ids: list[int]) -> int:
    """Number a change of these projects (saved or deleted) in the current transaction; the number given.

    Call it after the change is written, in the same transaction (or after it committed: a reader then sees
    the data before its number, which only makes it read the project once more).
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {VERSION} (id, number) VALUES (1, 1) "
            f"ON CONFLICT (id) DO UPDATE SET number = {VERSION}.number + 1 RETURNING number"
        )
        number = cursor.fetchone()[0]
        ids = sorted(set(project_ids))
        for start in range(0, len(ids), BATCH):
            part = ids[start : start + BATCH]
            cursor.execute(
                f"INSERT INTO {CHANGE} (project_id, number) VALUES {', '.join(['(%s, %s)'] * len(part))} "
                "ON CONFLICT (project_id) DO UPDATE SET number = excluded.number",
                [value for pk in part for value in (pk, number)],
            )
    return number


def latest_number() -> int:
    """The number of the latest committed change (0: none yet)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {VERSION} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def changed_since(number: int, *, limit: int) -> list[int] | None:
    """The projects changed after change `number`; None if more than `limit` (reading everything is faster)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT project_id FROM {CHANGE} WHERE number > %s LIMIT %s", [number, limit + 1])
        rows = cursor.fetchall()
    return None if len(rows) > limit else [row[0] for row in rows]


def deleted(sender, instance, **kwargs) -> None:
    """post_delete of a project: inside the deleting transaction, so the number commits with the deletion."""
    changes_record([instance.pk])
