"""The search's in-memory copy of the facet tables gives what the SQL gives, and follows the data.

The SQL of `search/facets.py` is the reference: for every combination of
filters below, the copy's counts, organisation names, money totals and
orders must equal it.
"""

import copy
import datetime
from decimal import Decimal

import numpy as np
import pytest

from ecodialogue.projectdb.models import Project
from ecodialogue.projectdb.search import facet_snapshot, followed
from ecodialogue.projectdb.search.facets import facet_rows, ids_sql, ordered_ids, totals_rows
from ecodialogue.projectdb.selectors import Filters, _aggregates, _matches, project_search
from ecodialogue.projectdb.services import projects_save

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


def _five(**changes):
    fields = {
        "countries": [("TJ", 100)],
        "sectors": [("41010", 100)],
        "funder": SDC,
        "budgets": [],
        "status": "3",
        "start": "2024-01-01",
    }
    return record("XM-TEST-FIVE", **(fields | changes))


def test_a_change_that_commits_after_a_later_one_is_still_counted(four):
    # A save whose transaction took its time earlier than the latest one seen, and committed after it.
    assert project_search(Filters(country=("TJ",))).total == 1
    long_ago = datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC)
    projects_save(records=[_five()], source=Project.Source.IATI, now=long_ago)
    assert Project.objects.get(identifier="XM-TEST-FIVE").updated_at == long_ago
    assert project_search(Filters(country=("TJ",))).total == 2


def test_a_deletion_and_a_creation_together_are_both_seen_without_forgetting_the_copy(four, save):
    # The count of projects is unchanged: only the change numbers tell this process, as any other.
    assert project_search(Filters(country=("KG",))).total == 1
    generation = followed._generation
    Project.objects.filter(identifier="XM-TEST-ONE").delete()
    save(_five(countries=[("KG", 100)]))
    assert followed._generation == generation
    found = project_search(Filters(country=("KG",)))
    assert found.total == 1 and [p.identifier for p in found.rows] == ["XM-TEST-FIVE"]
    assert _in_memory(Filters()) == _as_sql(Filters())


def test_a_copy_read_while_projects_are_saved_reaches_the_new_ids(four, save):
    # The version is read before a project is created; the copy read afterwards must hold it, not fail.
    version = followed.version()
    save(_five())
    snapshot = facet_snapshot.Snapshot()
    snapshot.load(version)
    assert snapshot.facet_counts(Filters(), None, keep=50) == _as_sql(Filters())
    assert facet_snapshot.current().facet_counts(Filters(), None, keep=50) == _as_sql(Filters())


def test_rows_of_a_project_not_read_yet_are_left_for_the_next_patch():
    table = facet_snapshot.Table()
    present = np.array([False, True, False])
    table.replace(None, [(1, "KZ", 40), (2, "KG", 60), (7, "UZ", 100)], present, money=False, named=False)
    assert table.project.tolist() == [1]
    assert table.values.items == ["KZ"] and table.counts(np.array([True, True, True])).tolist() == [1]


def test_a_renamed_funder_is_shown_by_its_new_name(four, save):
    renamed = {**SDC, "name": {"en": "Swiss Development Cooperation"}}
    save(
        record(
            "XM-TEST-TWO",
            countries=[("KZ", 100)],
            sectors=[("41010", 100)],
            funder=renamed,
            budgets=[],
            status="2",
            start="2019-01-01",
            last_updated="2030-01-01T00:00:00+00:00",
        )
    )
    counts, names = _in_memory(Filters())
    assert (counts, names) == _as_sql(Filters())
    # XM-TEST-TWO's rows were written again: the key is now named by XM-TEST-THREE's older row.
    assert names[("funder", "CH-4")] == _as_sql(Filters())[1][("funder", "CH-4")]


def test_a_renamed_funder_of_its_first_row_takes_the_new_name(save):
    save(_five(funder={**SDC, "name": {"en": "Old name"}}))
    assert _in_memory(Filters())[1][("funder", "CH-4")] == "Old name"
    save(_five(funder={**SDC, "name": {"en": "New name"}}, last_updated="2030-01-01T00:00:00+00:00"))
    assert _in_memory(Filters())[1][("funder", "CH-4")] == "New name" == _as_sql(Filters())[1][("funder", "CH-4")]


def test_totals_beyond_float_precision_are_exact_to_the_cent(save):
    # 11 × 900,000,000,000,001 cents is past 2^53: summed as floats, the last cent would be lost. (Each amount
    # has 15 digits, which SQLite, storing decimals as floats, keeps; PostgreSQL keeps any.)
    save(
        *[
            _five(budgets=[budget("9000000000000.01", "KZT", "2024-01-01")]) | {"identifier": f"XM-TEST-BIG-{n}"}
            for n in range(11)
        ]
    )
    page = project_search(Filters())
    assert {(t.kind, t.currency): t.value for t in page.totals}[("budget", "KZT")] == Decimal("99000000000000.11")


def test_counts_are_cached_under_the_version_they_were_counted_at(four, save):
    stale = facet_snapshot.current()
    save(_five())
    # A request that took its copy before the save: what it counts must not pass for the newer version.
    _aggregates(Filters(), stale, lambda: None, facets=True)
    assert project_search(Filters()).total == 5


def test_a_database_restored_to_fewer_changes_is_read_again(four):
    snapshot = facet_snapshot.current()
    older = (snapshot.version[0] - 1, *snapshot.version[1:])
    patched = copy.deepcopy(snapshot)
    with pytest.raises(facet_snapshot.Stale):
        patched.load(older)


def test_a_request_holding_an_older_version_does_not_read_the_copy_again(four, save, monkeypatch):
    older = followed.version()
    save(_five())
    newer = facet_snapshot.current()
    monkeypatch.setattr(followed, "version", lambda: older)  # a thread that read the version earlier
    assert facet_snapshot.current() is newer


def test_the_copy_to_patch_leaves_out_the_recent_selections(four):
    snapshot = facet_snapshot.current()
    snapshot.pieces(Filters(country=("KZ",)))
    patched = copy.deepcopy(snapshot)
    assert snapshot.recent and patched.recent == {}
    assert patched.present is not snapshot.present and (patched.present == snapshot.present).all()
