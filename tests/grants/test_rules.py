"""A call's configuration is checked before it is announced."""

import dataclasses
from decimal import Decimal

import pytest

from ecodialogue.grants.demo import _at
from ecodialogue.grants.rules import CallConfig, call_configuration_findings

SEED_CALL = CallConfig(
    title="«ЭкоДиалог» байқауы",
    consortium_min=2,
    consortium_max=4,
    pilots_per_consortium=4,
    pilot_max_months=7,
    grant_min=Decimal("10000"),
    grant_max=Decimal("12000"),
    total_budget=Decimal("60000"),
    winners=5,
    application_languages=("kk", "ru"),
    opens_at=_at(2026, 4, 1),
    questions_until=_at(2026, 4, 20, 23, 59),
    deadline=_at(2026, 6, 1, 23, 59),
    results_at=_at(2026, 6, 25, 12),
    criteria=((Decimal("1"), 10),) * 6,
    budget_categories=4,
)


def codes(config):
    return [f.code for f in call_configuration_findings(config)]


def test_the_seed_call_is_consistent():
    assert codes(SEED_CALL) == []


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"title": "  "}, "call.title"),
        ({"consortium_min": 5}, "call.consortium_size"),
        ({"consortium_min": 0}, "call.consortium_size"),
        ({"pilots_per_consortium": 0}, "call.pilots"),
        ({"pilot_max_months": 0}, "call.duration"),
        ({"grant_min": Decimal("13000")}, "call.grant_range"),
        ({"grant_min": Decimal("0")}, "call.grant_range"),
        ({"winners": 0}, "call.winners"),
        ({"total_budget": Decimal("49999.99")}, "call.budget"),
        ({"application_languages": ()}, "call.languages"),
        ({"application_languages": ("de",)}, "call.languages"),
        ({"criteria": ()}, "call.criteria"),
        ({"criteria": ((Decimal("0"), 10),)}, "call.criteria"),
        ({"budget_categories": 0}, "call.budget_categories"),
        ({"deadline": None}, "call.dates_missing"),
        ({"deadline": _at(2026, 3, 1)}, "call.dates_order"),
        ({"results_at": _at(2026, 5, 1)}, "call.dates_order"),
        ({"questions_until": _at(2026, 6, 2)}, "call.questions_after_deadline"),
    ],
)
def test_each_inconsistency_is_refused_with_its_code(change, code):
    assert code in codes(dataclasses.replace(SEED_CALL, **change))


def test_the_budget_message_names_the_figures():
    finding = call_configuration_findings(dataclasses.replace(SEED_CALL, total_budget=Decimal("40000")))[0]
    assert "40000" in finding.text and "5" in finding.text and "10000" in finding.text


def test_exactly_enough_budget_for_the_winners_is_fine():
    assert codes(dataclasses.replace(SEED_CALL, total_budget=Decimal("50000"))) == []
