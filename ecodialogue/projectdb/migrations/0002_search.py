"""The search index: SQLite FTS5 tables, or PostgreSQL tsvectors with GIN and trigram indexes.

Raw SQL, per database, because neither kind of index is a Django field that
works on both. The tables are written only by `projectdb.search` (inside
`services.projects_save`'s transaction); triggers drop a deleted project's
entries, also when a test flushes the tables (TRUNCATE on PostgreSQL).
See `ecodialogue/projectdb/search/__init__.py`.
"""

from django.db import migrations

# Both databases: a project's related-activity refs, so a project page finds the projects that name it as parent.
RELATION = """
CREATE TABLE projectdb_searchrelation (
    project_id bigint NOT NULL,
    type varchar(2) NOT NULL,
    ref varchar(150) NOT NULL
)
"""
RELATION_INDEXES = [
    "CREATE INDEX projectdb_searchrelation_ref ON projectdb_searchrelation (ref, type)",
    "CREATE INDEX projectdb_searchrelation_project ON projectdb_searchrelation (project_id)",
]

SQLITE = [
    # Pre-stemmed tokens (search/texts.py), so the tokenizer only splits on spaces; identifiers keep - _ . /.
    """CREATE VIRTUAL TABLE projectdb_search USING fts5(
        title, body, ids, tokenize = "unicode61 remove_diacritics 0 tokenchars '-_./'", prefix = '3'
    )""",
    # Distinct organisation names by trigram, for "did you mean" (rowid: a hash of the name).
    "CREATE VIRTUAL TABLE projectdb_orgname USING fts5(name, tokenize = 'trigram')",
    "CREATE INDEX projectdb_projectorganisation_name ON projectdb_projectorganisation (name)",
    RELATION,
    *RELATION_INDEXES,
    """CREATE TRIGGER projectdb_search_forget AFTER DELETE ON projectdb_project BEGIN
        DELETE FROM projectdb_search WHERE rowid = OLD.id;
        DELETE FROM projectdb_searchrelation WHERE project_id = OLD.id;
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS projectdb_search_forget",
    "DROP TABLE IF EXISTS projectdb_searchrelation",
    "DROP INDEX IF EXISTS projectdb_projectorganisation_name",
    "DROP TABLE IF EXISTS projectdb_orgname",
    "DROP TABLE IF EXISTS projectdb_search",
]

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # `vector`: every text, title weighted A, body B; `title`: the title alone, to find title matches cheaply.
    """CREATE TABLE projectdb_searchvector (
        project_id bigint PRIMARY KEY,
        vector tsvector NOT NULL,
        title tsvector NOT NULL
    )""",
    # Every match is a vector read: lz4 reads several times faster than the default pglz (PostgreSQL 14+).
    """DO $$ BEGIN
        ALTER TABLE projectdb_searchvector ALTER COLUMN vector SET COMPRESSION lz4;
    EXCEPTION WHEN OTHERS THEN NULL;
    END $$""",
    "CREATE INDEX projectdb_searchvector_vector ON projectdb_searchvector USING gin (vector)",
    "CREATE INDEX projectdb_searchvector_title ON projectdb_searchvector USING gin (title)",
    "CREATE INDEX projectdb_projectorganisation_name_trgm ON projectdb_projectorganisation "
    "USING gin (name gin_trgm_ops)",
    RELATION,
    *RELATION_INDEXES,
    """CREATE FUNCTION projectdb_search_forget() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM projectdb_searchvector WHERE project_id = OLD.id;
        DELETE FROM projectdb_searchrelation WHERE project_id = OLD.id;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER projectdb_search_forget AFTER DELETE ON projectdb_project
        FOR EACH ROW EXECUTE FUNCTION projectdb_search_forget()""",
    """CREATE FUNCTION projectdb_search_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE projectdb_searchvector, projectdb_searchrelation;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER projectdb_search_truncate AFTER TRUNCATE ON projectdb_project
        FOR EACH STATEMENT EXECUTE FUNCTION projectdb_search_truncate()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS projectdb_search_truncate ON projectdb_project",
    "DROP FUNCTION IF EXISTS projectdb_search_truncate()",
    "DROP TRIGGER IF EXISTS projectdb_search_forget ON projectdb_project",
    "DROP FUNCTION IF EXISTS projectdb_search_forget()",
    "DROP TABLE IF EXISTS projectdb_searchrelation",
    "DROP INDEX IF EXISTS projectdb_projectorganisation_name_trgm",
    "DROP TABLE IF EXISTS projectdb_searchvector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return run


def _reindex(apps, schema_editor):
    """Index the projects already there (a database migrated with projects in it)."""
    if schema_editor.connection.vendor not in ("sqlite", "postgresql"):
        return
    from ecodialogue.projectdb.search import reindex_all

    reindex_all(using=schema_editor.connection.alias, number=False)


class Migration(migrations.Migration):
    dependencies = [("projectdb", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
        migrations.RunPython(_reindex, migrations.RunPython.noop),
    ]
