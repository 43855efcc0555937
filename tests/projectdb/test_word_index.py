"""PostgreSQL's search words held in memory answer exactly as the GIN index does, and follow the data.

`search/word_index.py` answers the tsquery PostgreSQL builds with the
lexemes of the stored vectors; the SQL of `search/postgres.py` is the
reference. On SQLite the index is not used (FTS5 answers in time); the
tsquery reader is tested there too.
"""

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecodialogue.projectdb import search
from ecodialogue.projectdb.models import Project
from ecodialogue.projectdb.search import facet_snapshot, followed, word_index

from .test_search import library, project  # noqa: F401 - `library` is a fixture

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the word index serves PostgreSQL only; SQLite's FTS5 answers in time"
)

QUERIES = [
    "water",  # English stem: waters, watering
    "водных",  # Russian form of водные ресурсы
    "ресурсами",
    "қалдықтар",  # Kazakh stems
    "облысы",
    "transboundary glaciers",  # two words ANDed
    "water zzzz",  # one word matching nothing
    "glac",  # a prefix of the last word
    "мониторинг лед",  # a word and a prefix
    "CH-4-7F10158",  # an identifier
    "swiss agency",
    "the",  # a stop word only
    "zzzzqqqq",
]


def _sql(text: str, column: str = "vector"):
    engine = search.engine()
    sql = engine.matching_sql(text) if column == "vector" else engine.title_matching_sql(text)
    return search._ids(sql)


def test_the_tsquery_text_is_read_into_operators_and_lexemes():
    tokens = word_index._tokens("( 'облыс' | 'облысы' ) & 'ресурс':* | 'o''neil'")
    assert tokens == ["(", ("облыс", False), "|", ("облысы", False), ")", "&", ("ресурс", True), "|", ("o'neil", False)]


@pytest.mark.parametrize("tsquery", ["'a' <-> 'b'", "!'a'", "'a':A", "( 'a'", "'a' )"])
def test_a_tsquery_it_cannot_read_is_left_to_postgresql(tsquery):
    assert word_index._tokens(tsquery) is None


@needs_postgres
@pytest.mark.parametrize("text", QUERIES)
def test_the_matches_equal_the_gin_index(library, text):  # noqa: F811 - the fixture imported above
    for column in ("vector", "title"):
        found = word_index.matching_ids(text, column)
        assert found is not word_index.UNANSWERED
        expected = _sql(text, column)
        assert (found is None and expected is None) or found.tolist() == expected.tolist(), (text, column)


@needs_postgres
def test_a_search_reads_no_search_vector_after_the_first(library):  # noqa: F811
    search.matching_ids("water")
    with CaptureQueriesContext(connection) as queries:
        found = search.matching_ids("ресурсами")
    assert found.tolist() == _sql("ресурсами").tolist() and len(found) == 2
    assert not [q["sql"] for q in queries.captured_queries if "projectdb_searchvector" in q["sql"]]


@needs_postgres
def test_edits_new_projects_and_deletions_are_seen_at_the_next_search(library, save):  # noqa: F811
    assert word_index.matching_ids("glaciers").tolist() == [Project.objects.get(identifier="CH-4-7F10158").pk]
    save(
        project(
            "CH-4-7F10158",
            title={"en": "Blue Peace Central Asia"},
            description={"en": "Snow leopards."},
            last_updated="2030-01-01T00:00:00+00:00",
        ),
        project("XM-NEW-1", title={"en": "Glaciers of the Pamirs"}),
    )
    new = Project.objects.get(identifier="XM-NEW-1").pk
    assert word_index.matching_ids("glaciers").tolist() == [new] == _sql("glaciers").tolist()
    assert word_index.matching_ids("leopard").tolist() == _sql("leopard").tolist()
    assert word_index.matching_ids("glac", "title").tolist() == [new]
    Project.objects.filter(pk=new).delete()
    assert word_index.matching_ids("glaciers").tolist() == []


@needs_postgres
def test_more_changes_than_the_overlay_holds_read_the_index_again(library, save, monkeypatch):  # noqa: F811
    first = word_index.current()
    monkeypatch.setattr(word_index, "OVERLAY_MAX", 1)
    save(project("XM-NEW-1", title={"en": "Glaciers"}), project("XM-NEW-2", title={"en": "Glaciers"}))
    again = word_index.current()
    assert again is not first and not again.overlay and not np.any(again.masked)
    assert len(word_index.matching_ids("glaciers")) == 3


@needs_postgres
def test_off_by_setting_the_gin_index_answers(library, settings):  # noqa: F811
    settings.PROJECTDB_WORD_INDEX = False
    with CaptureQueriesContext(connection) as queries:
        found = search.matching_ids("ресурсами")
    assert len(found) == 2
    assert [q for q in queries.captured_queries if "projectdb_searchvector" in q["sql"]]


@needs_postgres
def test_a_lexeme_holding_the_separator_is_read_exactly_when_built_and_patched(library, save):  # noqa: F811
    # An organisation ref may hold any character; the index's separator must not split it.
    odd = {"role": "1", "ref": "AB\x01CD", "type": "10", "name": {"en": "Odd Ref Fund"}}
    save(project("XM-ODD-1", title={"en": "Glaciers"}, orgs=[odd]))  # patched into the overlay
    for text in ("glaciers", "ab", "cd", "odd"):
        assert word_index.matching_ids(text).tolist() == _sql(text).tolist(), text
    facet_snapshot.forget()  # built whole
    for text in ("glaciers", "ab", "cd", "odd"):
        assert word_index.matching_ids(text).tolist() == _sql(text).tolist(), text


@needs_postgres
def test_a_fault_in_the_word_index_leaves_the_answer_to_the_gin_index(library, monkeypatch, caplog):  # noqa: F811
    def broken(*args, **kwargs):
        raise IndexError("index 8511 is out of bounds")

    monkeypatch.setattr(word_index, "matching_ids", broken)
    assert search.matching_ids("ресурсами").tolist() == _sql("ресурсами").tolist()
    assert "the GIN index answers" in caplog.text


@needs_postgres
def test_a_request_holding_an_older_version_does_not_read_the_index_again(library, save, monkeypatch):  # noqa: F811
    older = followed.version()
    save(project("XM-NEW-1", title={"en": "Glaciers"}))
    newer = word_index.current()
    monkeypatch.setattr(followed, "version", lambda: older)  # a thread that read the version earlier
    assert word_index.current() is newer


def test_a_prefix_of_a_changed_project_is_found_in_the_overlay():
    index = word_index.WordIndex()
    index.masked = np.zeros(10, dtype=bool)
    index.masked[[3, 4]] = True
    index.overlay_words = {"vector": {"glacier": frozenset({3}), "glade": frozenset({4})}, "title": {}}
    assert np.flatnonzero(index._lexeme("gla", True, "vector")).tolist() == [3, 4]
    assert np.flatnonzero(index._lexeme("glacier", False, "vector")).tolist() == [3]


@needs_postgres
def test_a_search_looks_the_version_up_once_and_does_not_stem_again_for_the_titles(library, monkeypatch):  # noqa: F811
    from ecodialogue.projectdb.search import common
    from ecodialogue.projectdb.selectors import Filters, project_search

    monkeypatch.setattr(common, "RANK_WINDOW", 1)  # more matches than the window: the title matches are asked for
    monkeypatch.setattr(common, "_KNOWN", {})  # no word remembered from another test
    project_search(Filters(q="водных"))  # the copies read
    with CaptureQueriesContext(connection) as queries:
        project_search(Filters(q="ресурсами"))
    statements = [q["sql"] for q in queries.captured_queries]
    assert len([s for s in statements if "projectdb_projectsversion" in s]) == 1
    # Stemmed twice: the last word alone (is it a word of the index, or a prefix?), then the query.
    assert len([s for s in statements if s.startswith("SELECT ((") and s.endswith(")::text")]) == 2
