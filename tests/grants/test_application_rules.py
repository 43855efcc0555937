"""The rules an application must meet: each refuses bad input with its stable code, and accepts good input.

Pure functions over plain data: no database here.
"""

import dataclasses
import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from ecodialogue.core.findings import Severity
from ecodialogue.grants.application_rules import (
    ActivityFacts,
    ApplicationConfig,
    ApplicationFacts,
    DocumentFacts,
    LineFacts,
    MemberFacts,
    PilotFacts,
    PriorityFacts,
    RequirementFacts,
    application_findings,
    checklist,
    pilot_months,
    women_youth_share,
)
from ecodialogue.grants.rules import EligibilityConfig, OrganizationFacts

MB = 1024 * 1024
NOW = datetime.datetime(2026, 5, 20, 12, tzinfo=datetime.UTC)
DEADLINE = datetime.datetime(2026, 6, 1, 18, 59, tzinfo=datetime.UTC)  # 23:59 in Almaty


def config(**overrides) -> ApplicationConfig:
    values = {
        "consortium_min": 2,
        "consortium_max": 4,
        "pilots": 4,
        "pilot_max_months": 7,
        "grant_min": Decimal("10000"),
        "grant_max": Decimal("12000"),
        "currency": "EUR",
        "languages": ("kk", "ru"),
        "categories": frozenset({"events", "infrastructure", "materials", "administration"}),
        "eligibility": EligibilityConfig(network_members_only=True, initiative_groups_as_partners=True),
        "requirements": (
            RequirementFacts("memorandum", "Меморандум", "consortium", True, ("pdf",), 10 * MB),
            RequirementFacts("registration-certificate", "Анықтама", "member", True, ("pdf",), 10 * MB),
            RequirementFacts("cv", "Түйіндеме", "member", False, ("pdf", "docx"), 10 * MB),
        ),
        "priorities": (
            PriorityFacts("region", "Ақмола облысы", Decimal("3"), region="110000000"),
            PriorityFacts("theme", "Қалдықтарды басқару", Decimal("2"), theme=7),
            PriorityFacts("women_youth", "әйелдер мен жастар", Decimal("2"), min_share=50),
        ),
    }
    values.update(overrides)
    return ApplicationConfig(**values)


NGO = OrganizationFacts(kind="ngo", country="KZ", bin_valid=True, network_member=True)


def member(organization_id: int, *, lead=False, status="accepted", organization=NGO) -> MemberFacts:
    return MemberFacts(organization_id, f"ҮЕҰ {organization_id}", lead, status, organization)


def pilot(number: int, organization_id: int, **overrides) -> PilotFacts:
    """A complete pilot of six months and 2,750 EUR, in Atbasar (Akmola region)."""
    values = {
        "id": 100 + number,
        "number": number,
        "organization_id": organization_id,
        "title": f"Пилот {number}",
        "settlement": "113820100",
        "region": "110000000",
        "blank": (),
        "indicators": 1,
        "activities": (ActivityFacts("Кездесу", 1, 1), ActivityFacts("Контейнерлер", 2, 6)),
        "lines": (
            LineFacts("events", "Семинар", Decimal("2"), Decimal("375")),
            LineFacts("infrastructure", "Контейнер", Decimal("4"), Decimal("500")),
        ),
        "participants": 200,
        "women": 120,
        "youth": 60,
        "themes": frozenset({7}),
        "eu_declaration": True,
    }
    values.update(overrides)
    return PilotFacts(**values)


def documents(*organization_ids: int) -> tuple[DocumentFacts, ...]:
    return (DocumentFacts("memorandum", 1, "pdf", 1000),) + tuple(
        DocumentFacts("registration-certificate", org, "pdf", 1000) for org in organization_ids
    )


def facts(**overrides) -> ApplicationFacts:
    values = {
        "language": "kk",
        "lead_blank": (),
        "members": (member(1, lead=True), member(2)),
        "pilots": (pilot(1, 1), pilot(2, 1), pilot(3, 2), pilot(4, 2)),
        "documents": documents(1, 2),
        "deadline": DEADLINE,
        "accepting": True,
    }
    values.update(overrides)
    return ApplicationFacts(**values)


def codes(found) -> set[str]:
    return {f.code for f in found if f.severity is Severity.ERROR}


def test_a_complete_application_meets_every_rule():
    found = application_findings(facts(), config(), NOW)
    assert codes(found) == set()
    assert all(item.ok for item in checklist(found, config()))


@pytest.mark.parametrize(
    ("members", "ok"),
    [
        ((member(1, lead=True),), False),
        ((member(1, lead=True), member(2)), True),
        ((member(1, lead=True), *(member(n) for n in range(2, 5))), True),
        ((member(1, lead=True), *(member(n) for n in range(2, 6))), False),
    ],
)
def test_the_consortium_has_two_to_four_ngos(members, ok):
    found = application_findings(facts(members=members, pilots=()), config())
    assert ("consortium.size" not in codes(found)) is ok


def test_invited_members_who_have_not_answered_are_a_warning_not_counted():
    found = application_findings(
        facts(members=(member(1, lead=True), member(2), member(3, status="invited"))), config()
    )
    assert "consortium.size" not in codes(found)
    assert any(f.code == "consortium.pending" and f.severity is Severity.WARNING for f in found)


@pytest.mark.parametrize(
    ("organization", "code"),
    [
        (OrganizationFacts("ngo", "KZ", False, True), "eligibility.registration"),
        (OrganizationFacts("ngo", "DE", True, True), "eligibility.registration"),
        (OrganizationFacts("ngo", "KZ", True, False), "eligibility.network"),
        (OrganizationFacts("akimat", "KZ", True, True), "eligibility.kind"),
    ],
)
def test_every_member_must_be_eligible(organization, code):
    found = application_findings(facts(members=(member(1, lead=True), member(2, organization=organization))), config())
    assert code in codes(found)
    assert "consortium.eligibility" in {item.code for item in checklist(found, config()) if not item.ok}


def test_an_initiative_group_may_be_a_partner_but_not_the_lead():
    group = OrganizationFacts("initiative_group", "KZ", False, False)
    as_partner = facts(members=(member(1, lead=True), member(2, organization=group)))
    assert codes(application_findings(as_partner, config())) == set()
    as_lead = facts(members=(member(1, lead=True, organization=group), member(2)))
    assert "eligibility.kind" in codes(application_findings(as_lead, config()))


def test_the_lead_form_must_be_complete():
    found = application_findings(facts(lead_blank=("summary",), field_labels={"summary": "түйіндеме"}), config())
    assert "lead.complete" in codes(found)
    assert "түйіндеме" in next(f.text for f in found if f.code == "lead.complete")


@pytest.mark.parametrize("count", [3, 5])
def test_exactly_the_calls_number_of_pilots(count):
    pilots = tuple(pilot(n, 1 if n % 2 else 2) for n in range(1, count + 1))
    found = application_findings(facts(pilots=pilots), config())
    assert "pilot.count" in codes(found)
    with translation.override("en"):
        assert f"exactly 4 pilot projects; it has {count}" in next(f.text for f in found if f.code == "pilot.count")


def test_every_pilot_is_implemented_by_an_accepted_member_and_every_member_implements_one():
    outsider_pilot = facts(pilots=(pilot(1, 1), pilot(2, 1), pilot(3, 2), pilot(4, 9)))
    assert "pilot.implementer" in codes(application_findings(outsider_pilot, config()))
    idle_member = facts(pilots=(pilot(1, 1), pilot(2, 1), pilot(3, 1), pilot(4, 1)))
    found = application_findings(idle_member, config())
    assert "pilot.implementer" in codes(found)
    assert "ҮЕҰ 2" in next(f.text for f in found if f.code == "pilot.implementer")


def test_a_pilot_form_must_be_complete():
    found = application_findings(
        facts(pilots=(pilot(1, 1, blank=("goals",), indicators=0), *facts().pilots[1:])), config()
    )
    finding = next(f for f in found if f.code == "pilot.complete")
    assert finding.subject == "pilot:101"


def test_women_and_youth_cannot_outnumber_everyone():
    found = application_findings(facts(pilots=(pilot(1, 1, women=201), *facts().pilots[1:])), config())
    assert "pilot.people" in codes(found)


def test_a_pilot_takes_place_in_a_settlement():
    found = application_findings(
        facts(pilots=(pilot(1, 1, settlement=None, region=None), *facts().pilots[1:])), config()
    )
    assert "pilot.settlement" in codes(found)


def test_duration_is_computed_from_the_activities():
    seven = pilot(1, 1, activities=(ActivityFacts("а", 1, 3), ActivityFacts("б", 4, 7)))
    eight = pilot(1, 1, activities=(ActivityFacts("а", 2, 3), ActivityFacts("б", 5, 9)))
    assert pilot_months(seven) == 7 and pilot_months(eight) == 8
    assert "pilot.duration" not in codes(application_findings(facts(pilots=(seven, *facts().pilots[1:])), config()))
    found = application_findings(facts(pilots=(eight, *facts().pilots[1:])), config())
    with translation.override("en"):
        assert "lasts 8 months; the call allows at most 7" in next(f.text for f in found if f.code == "pilot.duration")


@pytest.mark.parametrize("activity", [ActivityFacts("а", None, 3), ActivityFacts("а", 4, 2), ActivityFacts("а", 0, 2)])
def test_every_activity_has_a_start_and_an_end_month_in_order(activity):
    broken = pilot(1, 1, activities=(activity,))
    assert "pilot.duration" in codes(application_findings(facts(pilots=(broken, *facts().pilots[1:])), config()))


@pytest.mark.parametrize(
    "line",
    [
        LineFacts(None, "Семинар", Decimal("1"), Decimal("100")),
        LineFacts("events", "", Decimal("1"), Decimal("100")),
        LineFacts("events", "Семинар", None, Decimal("100")),
        LineFacts("travel", "Ұшақ", Decimal("1"), Decimal("100")),
        LineFacts("events", "Семинар", Decimal("0"), Decimal("100")),
        LineFacts("events", "Семинар", Decimal("1"), Decimal("-100")),
    ],
)
def test_budget_lines_are_complete_positive_and_in_the_calls_categories(line):
    with_line = pilot(1, 1, lines=(*pilot(1, 1).lines, line))
    assert "budget.lines" in codes(application_findings(facts(pilots=(with_line, *facts().pilots[1:])), config()))


@pytest.mark.parametrize(
    ("unit_cost", "ok"),
    [("249.99", False), ("250", True), ("500", True), ("500.01", False)],
)
def test_the_consortiums_total_is_within_the_grant_range(unit_cost, ok):
    """Four pilots of 2 × cost + 2,000 each: 250 gives exactly 10,000; 500 exactly 12,000."""
    lines = (
        LineFacts("events", "Семинар", Decimal("2"), Decimal(unit_cost)),
        LineFacts("infrastructure", "Контейнер", Decimal("4"), Decimal("500")),
    )
    pilots = tuple(dataclasses.replace(p, lines=lines) for p in facts().pilots)
    found = application_findings(facts(pilots=pilots), config())
    assert ("budget.range" not in codes(found)) is ok


def test_required_documents_per_member_and_for_the_consortium():
    without_partner = application_findings(facts(documents=documents(1)), config())
    assert "documents.required" in codes(without_partner)
    without_memorandum = application_findings(facts(documents=documents(1, 2)[1:]), config())
    assert "documents.required" in codes(without_memorandum)


def test_documents_are_rechecked_against_the_calls_types_and_sizes():
    too_big = (*documents(1, 2), DocumentFacts("cv", 2, "pdf", 11 * MB))
    assert "documents.type" in codes(application_findings(facts(documents=too_big), config()))
    wrong_kind = (*documents(1, 2), DocumentFacts("cv", 2, "png", 1000))
    assert "documents.type" in codes(application_findings(facts(documents=wrong_kind), config()))


def test_the_application_is_written_in_a_language_of_the_call():
    assert "application.language" in codes(application_findings(facts(language="en"), config()))


def test_every_pilot_declares_it_is_not_funded_by_another_eu_programme():
    undeclared = pilot(3, 2, eu_declaration=False)
    pilots = (*facts().pilots[:2], undeclared, facts().pilots[3])
    assert "declaration.eu" in codes(application_findings(facts(pilots=pilots), config()))


def test_the_deadline_is_the_servers_clock_against_the_instant():
    one_second = datetime.timedelta(seconds=1)
    assert "submission.deadline" not in codes(application_findings(facts(), config(), DEADLINE))
    assert "submission.deadline" not in codes(application_findings(facts(), config(), DEADLINE - one_second))
    assert "submission.deadline" in codes(application_findings(facts(), config(), DEADLINE + one_second))
    assert "submission.deadline" in codes(application_findings(facts(accepting=False), config(), NOW))


def test_priorities_are_information_never_errors():
    elsewhere = tuple(
        dataclasses.replace(p, settlement="750000000", region="750000000", themes=frozenset(), women=10, youth=10)
        for p in facts().pilots
    )
    found = application_findings(facts(pilots=elsewhere), config(), NOW)
    assert codes(found) == set()
    infos = {f.code: f for f in found if f.severity is Severity.INFO}
    assert set(infos) == {"priority.region", "priority.theme", "priority.women_youth"}
    with translation.override("en"):
        assert "no pilot project meets it" in infos["priority.region"].text
        met = application_findings(facts(), config(), NOW)
        assert "+3 points): pilot projects 1. Пилот 1" in next(f.text for f in met if f.code == "priority.region")


def test_women_and_youth_share_takes_the_larger_of_the_two():
    assert women_youth_share(pilot(1, 1, participants=200, women=60, youth=100)) == 50
    assert women_youth_share(pilot(1, 1, participants=0, women=0, youth=0)) == 0


def test_messages_are_in_the_readers_language():
    found = application_findings(facts(language="en"), config())
    finding = next(f for f in found if f.code == "application.language")
    with translation.override("ru"):
        russian = finding.text
    with translation.override("kk"):
        kazakh = finding.text
    with translation.override("en"):
        english = finding.text
    assert len({russian, kazakh, english}) == 3 and "kk, ru" in english


def test_a_whole_region_is_not_a_settlement():
    region = pilot(1, 1, settlement="110000000", region="110000000", whole_region=True)
    found = application_findings(facts(pilots=(region, *facts().pilots[1:])), config())
    assert "pilot.settlement" in codes(found)
