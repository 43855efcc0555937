"""The rules every project record must satisfy, whatever brought it: each refuses its bad input."""

import pytest

from ecodialogue.projectdb.records import normalised, record_hash
from ecodialogue.projectdb.rules import record_findings

from .conftest import make_record


def codes(record: dict) -> set[str]:
    return {f.code for f in record_findings(normalised(record))}


def test_a_complete_record_passes():
    assert codes(make_record()) == set()


def test_a_minimal_record_passes():
    assert codes({"identifier": "KZ-BIN-123456789012-1", "title": {"kk": "Жоба"}}) == set()


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"identifier": ""}, "project.identifier_missing"),
        ({"identifier": "has space"}, "project.identifier_invalid"),
        ({"title": {}}, "project.title_missing"),
        ({"title": {"xx": "Title"}}, "project.language_unknown"),
        ({"status": "9"}, "project.code_unknown"),
        ({"countries": [{"code": "QQ", "percentage": "100"}]}, "project.code_unknown"),
        (
            {"countries": [{"code": "KZ", "percentage": "60"}, {"code": "KG", "percentage": "30"}]},
            "project.country_percentages",
        ),
        ({"countries": [{"code": "KZ", "percentage": "160"}]}, "project.percentage_invalid"),
        ({"sectors": [{"code": "41010", "vocabulary": "1", "percentage": "50"}]}, "project.sector_percentages"),
        ({"sectors": [{"code": "99999", "vocabulary": "1", "percentage": "100"}]}, "project.code_unknown"),
        ({"dates": {"1": "2019-01-01", "3": "2018-01-01"}}, "project.dates_order"),
        ({"dates": {"2": "2019-02-30"}}, "project.date_invalid"),
        ({"last_updated": "2020-13-01T00:00:00"}, "project.last_updated_invalid"),
        (
            {
                "default_currency": "",
                "budgets": [
                    {
                        "type": "1",
                        "period_start": "2020-01-01",
                        "period_end": "2020-12-31",
                        "value": "10",
                        "currency": "",
                    }
                ],
            },
            "project.currency_missing",
        ),
        (
            {
                "budgets": [
                    {
                        "type": "1",
                        "period_start": "2020-01-01",
                        "period_end": "2020-12-31",
                        "value": "10",
                        "currency": "ZZZ",
                    }
                ]
            },
            "project.code_unknown",
        ),
        (
            {
                "budgets": [
                    {
                        "type": "1",
                        "period_start": "2020-12-31",
                        "period_end": "2020-01-01",
                        "value": "10",
                        "currency": "EUR",
                    }
                ]
            },
            "project.budget_order",
        ),
        (
            {
                "budgets": [
                    {
                        "type": "1",
                        "period_start": "2020-01-01",
                        "period_end": "2020-12-31",
                        "value": "1.005",
                        "currency": "EUR",
                    }
                ]
            },
            "project.amount_invalid",
        ),
        (
            {"transactions": [{"type": "99", "date": "2020-01-01", "value": "1", "currency": "EUR"}]},
            "project.code_unknown",
        ),
        ({"locations": [{"name": {"en": "Nowhere"}, "lat": "95", "lon": "10"}]}, "project.location_point"),
        ({"documents": [{"url": "javascript:alert(1)", "title": {}, "categories": []}]}, "project.document_url"),
        ({"related": [{"type": "1", "ref": ""}]}, "project.related_ref"),
        ({"participating_orgs": [{"role": "7", "ref": "X", "type": "", "name": {}}]}, "project.code_unknown"),
    ],
)
def test_each_rule_refuses_its_bad_input(changes, code):
    assert code in codes(make_record(**changes))


def test_countries_and_regions_add_up_together():
    record = make_record(
        countries=[{"code": "KZ", "percentage": "70"}],
        regions=[{"code": "619", "vocabulary": "1", "percentage": "30"}],
    )
    assert codes(record) == set()


def test_percentages_are_optional_but_then_for_all():
    assert codes(make_record(countries=[{"code": "KZ", "percentage": ""}, {"code": "KG", "percentage": ""}])) == set()
    mixed = [{"code": "KZ", "percentage": "100"}, {"code": "KG", "percentage": ""}]
    assert "project.country_percentages" in codes(make_record(countries=mixed))


def test_normalising_makes_equal_records_hash_equal():
    typed = make_record(countries=[{"code": "kz", "percentage": "100.00"}], last_updated="2021-01-01T00:00:00Z")
    clean = make_record(countries=[{"code": "KZ", "percentage": "100"}])
    assert normalised(typed)["countries"] == [{"code": "KZ", "percentage": "100"}]
    # The publication time is not content: a re-published, unchanged activity is unchanged.
    assert record_hash(normalised(typed)) == record_hash(normalised(clean))
