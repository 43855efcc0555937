"""Fast inserts and updates for the batch save: COPY on PostgreSQL, executemany on SQLite.

An import writes about twenty rows per activity (the project, its revision,
its facet rows). Django's bulk_create spends more time building and quoting
those statements than the database spends storing them, so the batch save
writes plain rows here instead. Only `services.projects_save` uses it, inside
its transaction.
"""

# SQL is assembled from the models' own table and column names; every value is a parameter or COPY data.
# ruff: noqa: S608

from django.db import connection


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def allocate_ids(model, count: int) -> list[int]:
    """Reserve `count` primary keys of the model's table, so that related rows can be written before a RETURNING."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, model._meta.pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction holds the write lock (IMMEDIATE), so nobody else takes these ids meanwhile.
        # AUTOINCREMENT never reuses an id: start after the largest ever given (sqlite_sequence), not MAX(id).
        cursor.execute(f"SELECT COALESCE(MAX({_quote(model._meta.pk.column)}), 0) FROM {_quote(table)}")
        largest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(largest, row[0] if row else 0) + 1
        return list(range(start, start + count))


def insert_rows(table: str, columns: tuple[str, ...] | list[str], rows: list[tuple]) -> None:
    """Insert tuples of database-ready values into a table."""
    if not rows:
        return
    names = ", ".join(_quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {_quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {_quote(table)} ({names}) VALUES ({marks})", rows)


def _prepared(obj, fields) -> tuple:
    return tuple(field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields)


def insert_objects(model, objects: list, *, with_pk: bool = True) -> None:
    """Insert unsaved model instances as they are (no auto_now: callers set every value, the pk too if with_pk)."""
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    insert_rows(model._meta.db_table, [f.column for f in fields], [_prepared(obj, fields) for obj in objects])


def update_objects(model, objects: list, field_names: list[str]) -> None:
    """UPDATE each instance's fields by primary key, one prepared statement for all (pipelined on PostgreSQL)."""
    if not objects:
        return
    fields = [model._meta.get_field(name) for name in field_names]
    assignments = ", ".join(f"{_quote(f.column)} = %s" for f in fields)
    pk = model._meta.pk
    sql = f"UPDATE {_quote(model._meta.db_table)} SET {assignments} WHERE {_quote(pk.column)} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*_prepared(obj, fields), obj.pk) for obj in objects])
