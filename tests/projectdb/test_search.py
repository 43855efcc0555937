"""The search box: Russian, English and Kazakh word forms, identifiers, organisations, relevance, typos.

The same stories run on SQLite (FTS5) and on PostgreSQL (tsvector): run the
file with DATABASE_URL pointing at PostgreSQL to check the other engine.
"""

import pytest

from ecodialogue.projectdb import search
from ecodialogue.projectdb.models import Project
from ecodialogue.projectdb.selectors import Filters, project_search

from .conftest import make_record


def found(q: str, **filters) -> list[str]:
    """The identifiers the search box finds for q, best first."""
    return [p.identifier for p in project_search(Filters(q=q, **filters), per_page=50).rows]


def project(identifier, *, title=None, description=None, orgs=None, **changes):
    record = make_record(identifier, **changes)
    if title is not None:
        record["title"] = title
    if description is not None:
        record["descriptions"] = [{"type": "1", "text": description}]
    if orgs is not None:
        record["participating_orgs"] = orgs
    return record


@pytest.fixture
def library(save):
    """Three projects: WECOOP (EU, trilingual), an SDC water project (ru, en), a Kazakh waste project."""
    return save(
        make_record(),
        project(
            "CH-4-7F10158",
            title={"en": "Blue Peace Central Asia", "ru": "Голубой мир в Центральной Азии"},
            description={
                "en": "Transboundary water management and glaciers monitoring.",
                "ru": "Управление трансграничными водными ресурсами и мониторинг ледников.",
            },
            orgs=[
                {
                    "role": "1",
                    "ref": "CH-4",
                    "type": "10",
                    "name": {"en": "Swiss Agency for Development and Cooperation"},
                }
            ],
            countries=[{"code": "KG", "percentage": "50"}, {"code": "TJ", "percentage": "50"}],
        ),
        project(
            "KZ-BIN-123456789012-W1",
            title={"kk": "Ақмола облысындағы қатты тұрмыстық қалдықтар"},
            description={"kk": "Қалдықтарды жинау және ауаның сапасын жақсарту."},
            orgs=[{"role": "4", "ref": "", "type": "22", "name": {"kk": "Таза Орта қоғамдық бірлестігі"}}],
            default_language="kk",
        ),
    )


WECOOP, SDC, KAZAKH = "XI-IATI-EC_INTPA-2016-379586", "CH-4-7F10158", "KZ-BIN-123456789012-W1"


def test_russian_word_forms_find_each_other(library):
    assert found("отходов") == [WECOOP]  # the record says "отходами"
    assert set(found("ресурсы")) == {WECOOP, SDC}  # "ресурсов", "ресурсами"
    assert found("ледник") == [SDC]  # "ледников"


def test_english_word_forms_find_each_other(library):
    assert found("wastes") == [WECOOP]  # "waste management"
    assert found("glacier") == [SDC]  # "glaciers"
    assert set(found("managing")) == {WECOOP, SDC}  # "management"


def test_a_kazakh_word_finds_its_inflected_forms_and_back(library):
    # WECOOP's Kazakh description says "Қалдықтарды", the Kazakh project "қалдықтар"
    assert set(found("қалдық")) == {KAZAKH, WECOOP}
    assert set(found("қалдықтардың")) == {KAZAKH, WECOOP}
    assert found("тұрмыстық қалдықтарын") == [KAZAKH]
    assert set(found("ауа")) == {KAZAKH, WECOOP}  # "ауаның", "ауа сапасы"
    assert found("облыс") == [KAZAKH]  # "облысындағы"


def test_words_are_anded_and_stop_words_left_out(library):
    assert found("управление и мониторинг") == [SDC]
    assert found("water glaciers") == [SDC]
    assert found("water nonexistentword") == []


def test_the_last_word_also_matches_as_a_prefix(library):
    assert found("transbound") == [SDC]
    assert found("glac") == [SDC]


def test_an_identifier_finds_its_project_whole_and_by_its_parts(library):
    assert found(WECOOP) == [WECOOP]
    assert found(WECOOP.lower()) == [WECOOP]
    assert found("7F10158") == [SDC]
    assert found("379586") == [WECOOP]


def test_organisation_names_and_refs_are_searched(library):
    assert found("Stantec") == [WECOOP]
    assert found("Swiss Agency") == [SDC]
    assert found("CH-4") == [SDC]
    assert found("бірлестігі") == [KAZAKH]


def test_a_title_match_ranks_above_a_description_match(save):
    older, newer = save(
        project("XM-DAC-1-TITLE", title={"en": "Desertification control in the Aral region"}),
        project(
            "XM-DAC-1-BODY",
            title={"en": "Rural livelihoods"},
            description={"en": "Some work against desertification among other things."},
        ),
    )
    assert older.pk < newer.pk  # newest first would put the body match first
    assert found("desertification") == ["XM-DAC-1-TITLE", "XM-DAC-1-BODY"]


def test_an_updated_project_is_reindexed(save):
    save(project("XM-DAC-2-EDIT", title={"en": "Snow leopard habitats"}))
    assert found("leopard") == ["XM-DAC-2-EDIT"]
    save(project("XM-DAC-2-EDIT", title={"en": "Mountain pastures"}, last_updated="2021-01-01T00:00:00+00:00"))
    assert found("leopard") == []
    assert found("pastures") == ["XM-DAC-2-EDIT"]


def test_a_deleted_project_leaves_the_index(library):
    Project.objects.get(identifier=SDC).delete()
    sql, params = search.matching_sql("glacier")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert cursor.fetchall() == []


def test_a_typo_in_an_organisation_name_suggests_it_and_shows_its_projects(library):
    page = project_search(Filters(q="Swis Agency for Developmnt"))
    assert page.suggestion == "Swiss Agency for Development and Cooperation"
    assert [p.identifier for p in page.rows] == [SDC]
    assert page.total == 1


def test_a_query_matching_nothing_and_close_to_nothing_suggests_nothing(library):
    page = project_search(Filters(q="zzqx"))
    assert (page.total, page.suggestion, page.rows) == (0, "", [])


def test_a_query_without_words_is_no_query(library):
    assert search.matching_sql("!!! ...") is None
    assert project_search(Filters(q="!!!")).total == 3


def test_search_and_facets_combine(library):
    assert found("water", country=("KZ",)) == [WECOOP]
    assert found("water", funder=("CH-4",)) == [SDC]
    assert found("water", funder=("CH-4",), country=("KZ",)) == []
    assert found("water", country=("KZ", "KG")) == [WECOOP, SDC]


def test_pages_of_a_search_do_not_repeat_or_skip(save):
    save(*[project(f"XM-DAC-3-{i:03d}", title={"en": f"Climate project {i}"}) for i in range(25)])
    first = project_search(Filters(q="climate"), page=1, per_page=10)
    second = project_search(Filters(q="climate"), page=2, per_page=10)
    third = project_search(Filters(q="climate"), page=3, per_page=10)
    ids = [p.pk for page in (first, second, third) for p in page.rows]
    assert len(ids) == len(set(ids)) == 25
    assert (first.total, first.num_pages, third.has_next, second.has_previous) == (25, 3, False, True)


def test_the_ranked_window_is_followed_by_the_other_matches(save, monkeypatch):
    """Past the window that is ranked, the remaining matches follow, newest first, none lost."""
    from ecodialogue.projectdb.search import common

    monkeypatch.setattr(common, "RANK_WINDOW", 3)
    save(*[project(f"XM-DAC-4-{i:03d}", title={"en": f"Solar energy {i}"}) for i in range(8)])
    ids = []
    for page in range(1, 5):
        ids += [p.identifier for p in project_search(Filters(q="solar"), page=page, per_page=2).rows]
    assert sorted(ids) == sorted(f"XM-DAC-4-{i:03d}" for i in range(8))
    # The three newest were ranked; the five others follow newest first.
    assert sorted(ids[:3]) == ["XM-DAC-4-005", "XM-DAC-4-006", "XM-DAC-4-007"]
    assert ids[3:] == [f"XM-DAC-4-{i:03d}" for i in (4, 3, 2, 1, 0)]
