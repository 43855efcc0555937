"""Filters, facets with counts, money totals split by percentages, sorting, statistics, a project's page."""

from decimal import Decimal

import pytest
from django.http import Http404, QueryDict

from ecodialogue.projectdb.search import facet_snapshot
from ecodialogue.projectdb.selectors import (
    Filters,
    parse_filters,
    project_for_page,
    project_search,
    project_statistics,
    projects_for_export,
    querystring,
    toggled,
)

from .conftest import make_record

EU = {"role": "1", "ref": "XI-IATI-EC_INTPA", "type": "15", "name": {"en": "European Union"}}
SDC = {"role": "1", "ref": "CH-4", "type": "10", "name": {"en": "Swiss Agency for Development and Cooperation"}}


def budget(value, currency, start):
    return {
        "type": "1",
        "status": "2",
        "period_start": start,
        "period_end": start[:4] + "-12-31",
        "value": str(value),
        "currency": currency,
        "value_date": start,
    }


def record(identifier, *, countries, sectors, funder, budgets, status, start, markers=(), **changes):
    return make_record(
        identifier,
        countries=[{"code": c, "percentage": str(p)} for c, p in countries],
        sectors=[{"code": s, "vocabulary": "1", "percentage": str(p)} for s, p in sectors],
        participating_orgs=[funder],
        budgets=budgets,
        transactions=[],
        status=status,
        dates={"2": start},
        policy_markers=[{"code": m, "vocabulary": "1", "significance": "1"} for m in markers],
        **changes,
    )


@pytest.fixture
def three(save):
    """An EU project in KZ and KG, an SDC project in KZ paid in two currencies, an SDC energy project in UZ."""
    return save(
        record(
            "XM-TEST-ONE",
            countries=[("KZ", 40), ("KG", 60)],
            sectors=[("41010", 100)],
            funder=EU,
            budgets=[budget(1000, "EUR", "2018-01-01")],
            status="2",
            start="2018-01-01",
            markers=["6"],
        ),
        record(
            "XM-TEST-TWO",
            countries=[("KZ", 100)],
            sectors=[("14010", 50), ("41020", 50)],
            funder=SDC,
            budgets=[budget(2000, "USD", "2020-01-01"), budget(500, "EUR", "2021-01-01")],
            status="4",
            start="2020-03-01",
            markers=["7"],
        ),
        record(
            "XM-TEST-THREE",
            countries=[("UZ", 100)],
            sectors=[("23110", 100)],
            funder=SDC,
            budgets=[budget(5000, "USD", "2015-01-01")],
            status="2",
            start="2015-06-01",
        ),
    )


def counts(page, name) -> dict:
    (facet,) = [f for f in page.facets if f.name == name]
    return {v.value: v.count for v in facet.values}


def selected(page, name) -> set:
    (facet,) = [f for f in page.facets if f.name == name]
    return {v.value for v in facet.values if v.selected}


def totals(page) -> dict:
    return {(t.kind, t.currency): t.value for t in page.totals}


def identifiers(page) -> list[str]:
    return [p.identifier for p in page.rows]


def test_filters_are_read_from_the_query_string_and_invalid_values_dropped():
    data = QueryDict(
        "q=%20отходы%20&country=kz&country=XX&sector=41010&sector=99999&year=2019&year=abc&marker=9&sort=x"
    )
    filters = parse_filters(data)
    assert filters == Filters(q="отходы", country=("KZ",), sector=("41010",), year=(2019,))
    assert parse_filters({"q": "x" * 300, "marker": ["7", "7"], "sort": "budget"}) == Filters(
        q="x" * 200, marker=("7",), sort="budget"
    )


def test_a_querystring_and_a_toggled_value_make_links():
    filters = Filters(q="су", country=("KZ",), sort="newest")
    assert querystring(filters) == "q=%D1%81%D1%83&country=KZ&sort=newest"
    assert querystring(filters, country=(), page=2) == "q=%D1%81%D1%83&sort=newest&page=2"
    assert toggled(filters, "country", "KG").country == ("KZ", "KG")
    assert toggled(filters, "country", "KZ").country == ()
    assert toggled(filters, "year", "2019").year == (2019,)
    assert toggled(filters, "country", "nonsense") == filters


def test_facets_count_every_value_of_the_results(three):
    page = project_search(Filters())
    assert page.total == 3
    assert counts(page, "country") == {"KZ": 2, "KG": 1, "UZ": 1}
    assert counts(page, "category") == {"410": 2, "140": 1, "231": 1}
    assert counts(page, "funder") == {"CH-4": 2, "XI-IATI-EC_INTPA": 1}
    assert counts(page, "status") == {"2": 2, "4": 1}
    assert counts(page, "marker") == {"6": 1, "7": 1}
    assert counts(page, "year")["2018"] == 1
    (sector,) = [f for f in page.facets if f.name == "sector"]
    grouped = {v.value: v.group for v in sector.values}
    assert grouped["41010"] == grouped["41020"] != grouped["14010"]


def test_values_within_a_facet_combine_with_or_and_facets_with_and(three):
    assert sorted(identifiers(project_search(Filters(country=("KG", "UZ"))))) == ["XM-TEST-ONE", "XM-TEST-THREE"]
    assert identifiers(project_search(Filters(country=("KZ",), funder=("CH-4",)))) == ["XM-TEST-TWO"]
    assert identifiers(project_search(Filters(marker=("6", "7"), status=("4",)))) == ["XM-TEST-TWO"]


def test_a_facets_own_selection_does_not_narrow_its_counts(three):
    page = project_search(Filters(country=("KZ",), funder=("CH-4",)))
    # countries: counted with the funder applied but not the country selection
    assert counts(page, "country") == {"KZ": 1, "UZ": 1}
    # funders: with the country applied but not the funder selection
    assert counts(page, "funder") == {"CH-4": 1, "XI-IATI-EC_INTPA": 1}
    # other facets: with both
    assert counts(page, "status") == {"4": 1}
    assert selected(page, "country") == {"KZ"}
    assert selected(page, "funder") == {"CH-4"}


def test_a_selected_value_without_results_is_still_shown(three):
    page = project_search(Filters(country=("TM",)))
    assert page.total == 0
    assert counts(page, "country")["TM"] == 0
    assert selected(page, "country") == {"TM"}


def test_totals_are_per_kind_and_currency(three):
    assert totals(project_search(Filters())) == {
        ("budget", "EUR"): Decimal("1500.00"),
        ("budget", "USD"): Decimal("7000.00"),
    }


def test_totals_are_split_by_the_selected_countries_shares(three):
    # ONE: 40 % of 1000 EUR in KZ; TWO: all of its 500 EUR and 2000 USD
    assert totals(project_search(Filters(country=("KZ",)))) == {
        ("budget", "EUR"): Decimal("900.00"),
        ("budget", "USD"): Decimal("2000.00"),
    }
    # both of ONE's countries: its whole budget
    assert totals(project_search(Filters(country=("KZ", "KG"))))[("budget", "EUR")] == Decimal("1500.00")


def test_totals_are_split_by_countries_and_sectors_together(three):
    # ONE: 1000 × 40 % (KZ) × 100 % (410); TWO: × 100 % × 50 % (41020 of category 410)
    assert totals(project_search(Filters(country=("KZ",), category=("410",)))) == {
        ("budget", "EUR"): Decimal("650.00"),
        ("budget", "USD"): Decimal("1000.00"),
    }
    assert totals(project_search(Filters(sector=("14010",)))) == {
        ("budget", "EUR"): Decimal("250.00"),
        ("budget", "USD"): Decimal("1000.00"),
    }


def test_sorting_by_newest_and_by_budget(three):
    assert identifiers(project_search(Filters(sort="newest"))) == ["XM-TEST-TWO", "XM-TEST-ONE", "XM-TEST-THREE"]
    assert identifiers(project_search(Filters())) == ["XM-TEST-TWO", "XM-TEST-ONE", "XM-TEST-THREE"]
    assert identifiers(project_search(Filters(sort="budget"))) == ["XM-TEST-THREE", "XM-TEST-TWO", "XM-TEST-ONE"]


def test_a_project_without_dates_comes_last_when_newest_first(three, save):
    save(make_record("XM-TEST-UNDATED", dates={}))
    assert identifiers(project_search(Filters(sort="newest")))[-1] == "XM-TEST-UNDATED"


def test_rows_carry_their_funders_and_not_their_records(three):
    page = project_search(Filters(sort="newest"))
    assert page.rows[0].funders == ["Swiss Agency for Development and Cooperation"]
    assert "record" in page.rows[0].get_deferred_fields()


def test_a_search_page_takes_a_bounded_number_of_queries(three, django_assert_max_num_queries):
    # The first search after a change reads the facet tables into memory: one statement per table.
    with django_assert_max_num_queries(11):
        facet_snapshot.current()
    with django_assert_max_num_queries(15):
        project_search(Filters(q="water", country=("KZ", "KG"), funder=("CH-4",)))


def test_the_export_yields_every_match_in_order_with_its_record(three):
    exported = list(projects_for_export(Filters(sort="budget")))
    assert [p.identifier for p in exported] == ["XM-TEST-THREE", "XM-TEST-TWO", "XM-TEST-ONE"]
    assert exported[0].record["budgets"][0]["value"] == "5000"
    assert [p.identifier for p in projects_for_export(Filters(q="water", country=("UZ",)))] == ["XM-TEST-THREE"]


def test_statistics_count_and_sum_by_country_category_funder_and_year(three):
    stats = project_statistics(Filters())
    assert stats.total == 3
    by_country = {r.key: (r.count, r.amounts) for r in stats.by_country}
    assert by_country["KZ"] == (2, {"EUR": Decimal("900.00"), "USD": Decimal("2000.00")})
    assert by_country["KG"] == (1, {"EUR": Decimal("600.00")})
    assert by_country["UZ"] == (1, {"USD": Decimal("5000.00")})
    by_category = {r.key: (r.count, r.amounts) for r in stats.by_category}
    assert by_category["410"] == (2, {"EUR": Decimal("1250.00"), "USD": Decimal("1000.00")})
    assert by_category["231"] == (1, {"USD": Decimal("5000.00")})
    by_funder = {r.key: (r.count, r.amounts, r.label) for r in stats.by_funder}
    assert by_funder["CH-4"] == (
        2,
        {"EUR": Decimal("500.00"), "USD": Decimal("7000.00")},
        "Swiss Agency for Development and Cooperation",
    )
    by_year = {r.key: r.amounts for r in stats.by_year}
    assert by_year["2015"] == {"USD": Decimal("5000.00")}
    assert by_year["2021"] == {"EUR": Decimal("500.00")}
    assert stats.currencies == ["USD", "EUR"]


def test_statistics_follow_the_filters(three):
    stats = project_statistics(Filters(country=("KZ",)))
    assert stats.total == 2
    assert {r.key for r in stats.by_country} == {"KZ"}
    assert {r.key: r.amounts for r in stats.by_funder}["XI-IATI-EC_INTPA"] == {"EUR": Decimal("400.00")}


def test_a_project_page_shows_its_parent_and_children(three, save, django_assert_num_queries):
    parent = three[0]
    (child,) = save(
        make_record(
            "XM-TEST-CHILD",
            related=[{"type": "1", "ref": parent.identifier}, {"type": "3", "ref": "XM-UNKNOWN-1"}],
        )
    )
    page = project_for_page(child.pk)
    assert [(r["type"], r["identifier"], r["project"]) for r in page.related] == [
        ("1", parent.identifier, parent),
        ("3", "XM-UNKNOWN-1", None),
    ]
    assert page.related[0]["type_label"]
    with django_assert_num_queries(4):
        page = project_for_page(parent.pk)
    assert [(r["type"], r["project"]) for r in page.related] == [("2", child)]


def test_a_missing_project_is_not_found(db):
    with pytest.raises(Http404):
        project_for_page(12345)
