"""The statistics page: projects and money by country, sector category, funder and year, as charts and tables."""

import pytest

from .conftest import make_record
from .test_views import record, url

pytestmark = pytest.mark.django_db

BUDGET = {"type": "1", "status": "2", "period_start": "2020-01-01", "period_end": "2020-12-31", "value_date": ""}


@pytest.fixture
def money(save):
    """Water in Kyrgyzstan in euros, waste in Kazakhstan and Tajikistan in dollars."""
    return save(
        record("XM-TEST-KG-EUR", countries=("KG",), budgets=[{**BUDGET, "value": "3000", "currency": "EUR"}]),
        record("XM-TEST-KZ-USD", countries=("KZ", "TJ"), budgets=[{**BUDGET, "value": "1000", "currency": "USD"}]),
    )


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_anyone_reads_the_statistics(client_for, money, lang):
    response = client_for(None).get(url("statistics", lang=lang))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<svg") >= 4  # at least the number of projects by country, category, funder and year
    assert body.count("<caption>") == 4 and '<th scope="row">' in body and '<th scope="col"' in body


def test_staff_read_the_same_statistics(client_for, staff, money):
    assert client_for(staff).get(url("statistics", lang="en")).status_code == 200


def test_each_currency_has_its_own_column(client_for, money):
    body = client_for(None).get(url("statistics", lang="en")).content.decode()
    assert "Budget, EUR" in body and "Budget, USD" in body
    assert "Kyrgyzstan" in body and "Kazakhstan" in body
    assert "3\u00a0000" in body and "500" in body  # half of the dollars are in Kazakhstan


def test_the_statistics_follow_the_search_filters(client_for, money):
    body = client_for(None).get(url("statistics", lang="en", query="country=KG")).content.decode()
    assert "1 project" in body
    assert "Country: Kyrgyzstan" in body
    assert f'href="{url("search", lang="en")}?country=KG"' in body  # back to the same search
    assert "Budget, USD" not in body


def test_an_empty_selection_says_so(client_for, money):
    body = client_for(None).get(url("statistics", lang="en", query="country=TM")).content.decode()
    assert "No project matches these filters." in body


def test_the_statistics_need_few_queries(client_for, save, django_assert_max_num_queries):
    save(*[make_record(f"XM-TEST-S-{n:02}") for n in range(20)])
    client = client_for(None)
    with django_assert_max_num_queries(15):
        assert client.get(url("statistics", query="country=KZ&funder=XI-IATI-EC_INTPA")).status_code == 200
