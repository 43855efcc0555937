"""On PostgreSQL, an index for "newest first, undated last" (ORDER BY start_date DESC NULLS LAST, id).

SQLite refuses NULLS LAST in an index, and its descending index already
puts NULLs last; the model's `projectdb_newest` index serves it there.
"""

from django.db import migrations

INDEX = "projectdb_newest_nulls_last"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON projectdb_project (start_date DESC NULLS LAST, id)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("projectdb", "0002_search")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
