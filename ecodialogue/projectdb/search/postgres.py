"""The PostgreSQL engine: stored tsvectors with per-language configurations, GIN indexes, pg_trgm.

Table `projectdb_searchvector` (migration 0002) holds per project
- `vector`: the title (weight A) and the body (weight B), each made with the
  configuration of its language: `russian` for ru, `english` for en, `simple`
  for kk (fed with `kazakh.py` stems, as PostgreSQL has no Kazakh stemmer)
  and for other languages; plus the identifier and organisation refs as
  exact lexemes (weight A);
- `title`: the title alone, so title matches are found through their own
  GIN index.
The words are cut and normalised in Python (`texts.py`), so both engines see
the same words. `index()` writes a whole batch in one statement.

A query word is the OR of its forms in every configuration its script may
be in (Cyrillic: russian, and simple with its Kazakh stems; Latin:
english; always simple as written, and a prefix for the last word); words
are ANDed. Ranking is bounded (`search.ranked`): ts_rank of the newest
RANK_WINDOW matches and title matches, the rest newest first.
"""

# SQL is assembled from table names and fixed fragments; every value is a %s parameter.
# ruff: noqa: S608

from django.db import connection, connections

from . import kazakh, texts
from .common import PREFIX_MIN, known_word, relation_rows

TABLE = "projectdb_searchvector"
CHUNK = 2000
_CONFIGS = {"ru": "russian", "en": "english", "kk": "simple", "other": "simple"}


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _prepared(words: list[str], language: str) -> str:
    """The words to give the language's configuration: Kazakh as stems, stop words out where Python decides them."""
    if language == "kk":
        return " ".join(
            " ".join(kazakh.stems(w)) if texts.script(w) == "cyrillic" else w for w in texts.kept(words, "kk")
        )
    return " ".join(words)


def _vectors_sql(prefix: str) -> str:
    """The part's texts of every language, each with its configuration, as one tsvector."""
    return " || ".join(f"to_tsvector('{config}', v.{prefix}_{language})" for language, config in _CONFIGS.items())


COLUMNS = [f"{part}_{language}" for part in ("t", "b") for language in _CONFIGS]
# The title's vector is made once and used twice (weighted in `vector`, alone in `title`); OFFSET 0 keeps
# PostgreSQL from folding the subquery into the outer SELECT, which would make it twice again.
UPSERT = f"""
    INSERT INTO {TABLE} (project_id, vector, title)
    SELECT w.id, setweight(w.title, 'A') || setweight(w.body, 'B') || w.exact::tsvector, w.title
    FROM (
        SELECT v.id, {_vectors_sql("t")} AS title, {_vectors_sql("b")} AS body, v.exact
        FROM unnest(%s::bigint[], {", ".join(["%s::text[]"] * (len(COLUMNS) + 1))})
             AS v(id, {", ".join(COLUMNS)}, exact)
        OFFSET 0
    ) w
    ON CONFLICT (project_id) DO UPDATE SET vector = EXCLUDED.vector, title = EXCLUDED.title
"""


def index(changed: list, *, using: str = "default") -> None:
    """Write the vectors of [(project, record)]: one statement per chunk, plus the related-activity rows."""
    with connections[using].cursor() as cursor:
        for start in range(0, len(changed), CHUNK):
            chunk = changed[start : start + CHUNK]
            ids = [project.pk for project, _record in chunk]
            columns: dict[str, list[str]] = {name: [] for name in COLUMNS}
            exact = []
            for _project, record in chunk:
                found = texts.collect(record)
                for language in _CONFIGS:
                    columns[f"t_{language}"].append(_prepared(found.title[language], language))
                    columns[f"b_{language}"].append(_prepared(found.body[language], language))
                exact.append(" ".join(f"{_lexeme(t)}:1A" for t in found.exact))
            cursor.execute(UPSERT, [ids, *columns.values(), exact])
            cursor.execute("DELETE FROM projectdb_searchrelation WHERE project_id = ANY(%s)", [ids])
            relations = relation_rows(chunk)
            if relations:
                cursor.execute(
                    "INSERT INTO projectdb_searchrelation (project_id, type, ref) "
                    "SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[])",
                    [list(column) for column in zip(*relations, strict=True)],
                )


def _exists(word: str) -> bool:
    sql, params = _word_sql(word, False)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {TABLE} WHERE vector @@ {sql} LIMIT 1", params)
        return cursor.fetchone() is not None


def _word_sql(word: str, last: bool, exists=None) -> tuple[str, list]:
    parts, params = [], []
    kind = texts.script(word)
    if kind == "cyrillic":
        parts.append("to_tsquery('russian', %s)")
        params.append(_lexeme(word))
    elif kind == "latin":
        parts.append("to_tsquery('english', %s)")
        params.append(_lexeme(word))
    simple = [_lexeme(v) for v in dict.fromkeys([word, *(kazakh.stems(word) if kind == "cyrillic" else ())])]
    if last and len(word) >= PREFIX_MIN and not known_word(word, exists or _exists):
        simple.append(_lexeme(word) + ":*")
    parts.append("%s::tsquery")
    params.append(" | ".join(simple))
    return "(" + " || ".join(parts) + ")", params


def _query_sql(query: texts.Query, *, words: str = "&&", prefix: bool = True, exists=None) -> tuple[str, list]:
    """The tsquery of the words (ANDed, or ORed); `exists(word)` tells whether the last is a word of the index."""
    groups, params = [], []
    for position, word in enumerate(query.words):
        last = prefix and words == "&&" and position == len(query.words) - 1
        sql, word_params = _word_sql(word, last, exists)
        groups.append(sql)
        params += word_params
    sql = f" {words} ".join(groups)
    if query.identifier:
        exact = "%s::tsquery"
        sql = f"(({sql}) || {exact})" if sql else exact
        params.append(_lexeme(query.identifier))
    return f"({sql})", params


def matching_sql(text: str, *, prefix: bool = True):
    query = texts.parse(text)
    if not query:
        return None
    sql, params = _query_sql(query, prefix=prefix)
    return f"SELECT project_id AS id FROM {TABLE} WHERE vector @@ {sql}", params


def title_matching_sql(text: str):
    query = texts.parse(text)
    if not query:
        return None
    sql, params = _query_sql(query)
    return f"SELECT project_id AS id FROM {TABLE} WHERE title @@ {sql}", params


def scores(text: str, ids: list[int]) -> dict[int, float]:
    """ts_rank of the given matches (a title match weighs more: weight A)."""
    query = texts.parse(text)
    if not query or not ids:
        return {}
    q, q_params = _query_sql(query)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT project_id, ts_rank(vector, {q}) FROM {TABLE} WHERE project_id = ANY(%s)", [*q_params, ids]
        )
        return {pk: float(score) for pk, score in cursor.fetchall()}


def _within(within_sql) -> tuple[str, list]:
    if within_sql is None:
        return "", []
    sql, params = within_sql
    return f" AND project_id IN ({sql})", list(params)


def scored_any(words: list[str], *, within_sql, limit: int) -> list[tuple[int, float]]:
    """Projects matching any of the words, best first by ts_rank over every match."""
    if not words:
        return []
    q, q_params = _query_sql(texts.Query(words=tuple(words)), words="||")
    within, within_params = _within(within_sql)
    sql = (
        f"SELECT project_id, ts_rank(vector, {q}) AS score FROM {TABLE} WHERE vector @@ {q}{within} "
        "ORDER BY score DESC, project_id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*q_params, *q_params, *within_params, limit])
        return [(pk, float(score)) for pk, score in cursor.fetchall()]


def similar_names(text: str, *, limit: int = 5, threshold: float = 0.3) -> list[tuple[str, float]]:
    """Organisation names close to the text by pg_trgm's similarity(), best first."""
    with connection.cursor() as cursor:
        # `%` uses the trigram index (pg_trgm's threshold, 0.3); the score then applies ours.
        cursor.execute(
            "SELECT name, similarity(name, %s) AS score FROM projectdb_projectorganisation "
            "WHERE name %% %s GROUP BY name HAVING similarity(name, %s) >= %s ORDER BY score DESC, name LIMIT %s",
            [text, text, text, threshold, limit],
        )
        return [(name, float(score)) for name, score in cursor.fetchall()]
