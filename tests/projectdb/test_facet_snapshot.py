"""The search's in-memory copy of the facet tables gives what the SQL gives, and follows the data.

The SQL of `search/facets.py` is the reference: for every combination of
filters below, the copy's counts, organisation names, money totals and
orders must equal it.
"""

from decimal import Decimal

import pytest

from ecodialogue.projectdb.models import Project
from ecodialogue.projectdb.search import facet_snapshot
from ecodialogue.projectdb.search.facets import facet_rows, ids_sql, ordered_ids, totals_rows
from ecodialogue.projectdb.selectors import Filters, _matches, project_search

from .test_selectors import EU, SDC, budget, record, three  # noqa: F401 - `three` is a fixture

IMPLEMENTER = {"role": "4", "ref": "", "type": "70", "name": {"en": "CAREC"}}

COMBINATIONS = [
    Filters(),
    Filters(q="water"),
    Filters(country=("KZ",)),
    Filters(country=("KZ", "KG")),
    Filters(country=("KZ",), funder=("CH-4",)),
    Filters(category=("410",)),
    Filters(sector=("41010", "23110")),
    Filters(category=("140",), sector=("41010",)),
    Filters(country=("UZ",), category=("231",)),
    Filters(status=("2",), marker=("6",)),
    Filters(year=(2020,)),
    Filters(implementer=("CAREC",)),
    Filters(q="water", country=("KZ",), status=("2", "4")),
    Filters(country=("TM",)),  # nothing matches
]


@pytest.fixture
def four(three, save):  # noqa: F811 - the fixture imported above
    """`three`, and a regional project with two categories' sectors, an implementer and no start date."""
    regional = record(
        "XM-TEST-FOUR",
        countries=[("KZ", 30), ("UZ", 30), ("TJ", 40)],
        sectors=[("41010", 25), ("41020", 25), ("14010", 50)],
        funder=EU,
        budgets=[budget("1000.10", "EUR", "2022-01-01")],
        status="2",
        start="2022-02-01",
        markers=["6", "7"],
    )
    regional["participating_orgs"].append(IMPLEMENTER)
    regional["dates"] = {}
    return [*three, *save(regional)]


def _as_sql(filters):
    counts, names = facet_rows(filters, keep=50)
    return counts, names


def _in_memory(filters):
    snapshot = facet_snapshot.current()
    return snapshot.facet_counts(filters, _matches(snapshot, filters), keep=50)


@pytest.mark.parametrize("filters", COMBINATIONS, ids=repr)
def test_the_counts_and_names_equal_the_sql(four, filters):
    assert _in_memory(filters) == _as_sql(filters)


@pytest.mark.parametrize("filters", COMBINATIONS, ids=repr)
def test_the_money_totals_equal_the_sql_to_the_cent(four, filters):
    snapshot = facet_snapshot.current()
    found = {(k, c): v for k, c, v in snapshot.totals(filters, _matches(snapshot, filters))}
    expected = {(k, c): Decimal(str(v)).quantize(Decimal("0.01")) for k, c, v in totals_rows(filters, ids_sql(filters))}
    assert found == expected


@pytest.mark.parametrize("order", ["newest", "budget"])
@pytest.mark.parametrize("filters", COMBINATIONS, ids=repr)
def test_the_orders_equal_the_sql(four, filters, order):
    snapshot = facet_snapshot.current()
    within = snapshot.matching(filters, _matches(snapshot, filters))
    assert snapshot.ordered(within, order, limit=None, offset=0) == ordered_ids(
        ids_sql(filters), order, limit=None, offset=0
    )
    assert snapshot.ordered(within, order, limit=2, offset=1) == ordered_ids(ids_sql(filters), order, limit=2, offset=1)


def test_a_split_total_keeps_the_cents_of_each_share(four):
    # 40 % of 1,000 EUR in KZ for ONE, 100 % of 500 for TWO, 30 % of 1,000.10 for FOUR.
    page = project_search(Filters(country=("KZ",)))
    assert {(t.kind, t.currency): t.value for t in page.totals}[("budget", "EUR")] == Decimal("1200.03")


def test_an_edit_is_counted_at_the_next_search(four, save):
    assert project_search(Filters(country=("UZ",))).total == 2
    moved = record(
        "XM-TEST-THREE",
        countries=[("KG", 100)],
        sectors=[("23110", 100)],
        funder=SDC,
        budgets=[],
        status="2",
        start="2015-06-01",
        last_updated="2030-01-01T00:00:00+00:00",
    )
    save(moved)
    assert project_search(Filters(country=("UZ",))).total == 1
    assert project_search(Filters(country=("KG",))).total == 2
    assert _in_memory(Filters(country=("KG",))) == _as_sql(Filters(country=("KG",)))


def test_a_new_project_is_counted_at_the_next_search(four, save):
    assert project_search(Filters(funder=("CH-4",))).total == 2
    save(
        record(
            "XM-TEST-FIVE",
            countries=[("TJ", 100)],
            sectors=[("41010", 100)],
            funder=SDC,
            budgets=[],
            status="3",
            start="2024-01-01",
        )
    )
    assert project_search(Filters(funder=("CH-4",))).total == 3
    assert _in_memory(Filters()) == _as_sql(Filters())


def test_a_deleted_project_leaves_the_counts(four):
    assert project_search(Filters(country=("KG",))).total == 1
    Project.objects.filter(identifier="XM-TEST-ONE").delete()
    assert project_search(Filters(country=("KG",))).total == 0
    assert _in_memory(Filters()) == _as_sql(Filters())


def test_the_copy_is_read_once_per_version_of_the_data(four, django_assert_num_queries):
    first = facet_snapshot.current()
    with django_assert_num_queries(1):  # the version only
        again = facet_snapshot.current()
    assert again is first
