"""The call's dashboard for its staff: every award and agreement, reports, money, indicators, flagged materials.

The story: the consortium's agreement is signed and its first tranche paid;
the interim report is submitted with each pilot's figures, 300 EUR spent on
a seminar, one decision of the akimat and two materials, one of them
without the EU funding statement. Only the call's staff read the dashboard.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from ecodialogue.grants.models import Application, Award, Call, Consortium, ConsortiumMember, Pilot
from ecodialogue.grants.models import BudgetLine as ApplicationBudgetLine
from ecodialogue.implementation import agreements
from ecodialogue.implementation.dashboard_selectors import call_dashboard
from ecodialogue.implementation.models import (
    Agreement,
    AuthorityDecision,
    Expenditure,
    Output,
    PilotReport,
    PlanBudgetLine,
    Report,
)

from ..factories import OrganizationFactory
from .conftest import part_of, pdf_upload

pytestmark = pytest.mark.django_db

ANON, OUTSIDER, LEAD_HEAD, CALL_STAFF, OTHER_STAFF = "anonymous", "outsider", "lead head", "call staff", "other staff"


@pytest.fixture
def people(outsider, lead_head, call_staff, staff):
    return {ANON: None, OUTSIDER: outsider, LEAD_HEAD: lead_head, CALL_STAFF: call_staff, OTHER_STAFF: staff}


def url(call) -> str:
    return f"/kk/calls/{call.code}/manage/agreements/"


@pytest.fixture
def reported(signed, interim, call_staff, lead_ngo, partner_ngo):
    """The first tranche paid; the interim report submitted with figures, spending, a decision and materials."""
    tranche = signed.tranches.get(position=1)
    agreements.tranche_pay(tranche=tranche, actor=call_staff, paid_on=timezone.localdate())
    PilotReport.objects.filter(report=interim).update(
        participants=50, women=30, youth=10, events_held=1, materials_produced=2, infrastructure_installed=1
    )
    lead_part = part_of(interim, lead_ngo)
    seminar = PlanBudgetLine.objects.get(plan=lead_part.plan, category__code="events")
    Expenditure.objects.create(
        part=lead_part, line=seminar, spent_on=signed.starts_on, description="Семинар залы", paid_currency="EUR",
        paid_amount=Decimal("300"), amount=Decimal("300"), receipt="reports/receipt.pdf", receipt_name="чек.pdf",
        receipt_type="pdf", receipt_sha256="0" * 64,
    )  # fmt: skip
    AuthorityDecision.objects.create(
        part=lead_part, authority="akimat", title="Контейнер алаңын бөлу туралы", adopted_on=signed.starts_on
    )
    partner_part = part_of(interim, partner_ngo)
    for title, visibility in (("Буклет", Output.Visibility.MISSING), ("Плакат", Output.Visibility.FOUND)):
        Output.objects.create(
            part=partner_part, title=title, file="reports/o.pdf", original_name=f"{title}.pdf", file_type="pdf",
            sha256="0" * 64, visibility=visibility,
        )  # fmt: skip
    Report.objects.filter(pk=interim.pk).update(status=Report.Status.SUBMITTED, submitted_at=timezone.now())
    return signed


def award_another(awarded, call_staff, settlement, n: int) -> Agreement:
    """One more selected consortium of one NGO and one pilot, its agreement signed."""
    call = awarded.application.call
    lead = OrganizationFactory(verified=True, network=True, settlement=settlement)
    consortium = Consortium.objects.create(call=call, lead=lead)
    ConsortiumMember.objects.create(
        consortium=consortium, call=call, organization=lead, is_lead=True, status=ConsortiumMember.Status.ACCEPTED
    )
    application = Application.objects.create(
        consortium=consortium, call=call, language="kk", status=Application.Status.SUBMITTED,
        number=f"OPEN-CALL-Q{n:02d}", submitted_at=timezone.now(), total_amount=Decimal("10000"),
    )  # fmt: skip
    pilot = Pilot.objects.create(
        application=application, organization=lead, title=f"Таза ауыл {n}", settlement=settlement,
        participants=100, women=60, youth=30, budget_total=Decimal("10000"),
    )  # fmt: skip
    ApplicationBudgetLine.objects.create(
        pilot=pilot, category=call.budget_categories.get(code="events"), item="Семинар",
        quantity=Decimal("20"), unit_cost=Decimal("500"),
    )  # fmt: skip
    award = Award.objects.create(decision=awarded.decision, application=application, amount=Decimal("10000"), rank=n)
    agreement = agreements.agreement_create(award=award, actor=call_staff, starts_on=timezone.localdate())
    return agreements.agreement_sign(
        agreement=agreement, actor=call_staff, signed_on=timezone.localdate(), upload=pdf_upload()
    )


# --- Who sees it ----------------------------------------------------------------------


@pytest.mark.parametrize("who", [ANON, OUTSIDER, LEAD_HEAD, CALL_STAFF, OTHER_STAFF])
def test_only_the_calls_staff_read_the_dashboard(client_for, people, awarded, who):
    response = client_for(people[who]).get(url(awarded.application.call))
    # The call is public, so others are refused rather than told it does not exist.
    assert response.status_code == {ANON: 302, CALL_STAFF: 200}.get(who, 403)


def test_a_draft_calls_dashboard_does_not_exist_for_others(client_for, outsider, call_staff, draft_call):
    assert client_for(outsider).get(url(draft_call)).status_code == 404
    assert client_for(call_staff).get(url(draft_call)).status_code == 200


def test_the_call_manage_page_links_the_dashboard_once_the_results_are_published(client_for, call_staff, awarded):
    call = awarded.application.call
    body = client_for(call_staff).get(f"/kk/calls/{call.code}/manage/").content.decode()
    assert url(call) in body


# --- What it says ---------------------------------------------------------------------


def test_an_award_without_its_agreement_offers_to_draft_it(client_for, call_staff, awarded):
    body = client_for(call_staff).get(url(awarded.application.call)).content.decode()
    today = timezone.localdate()
    first_of_next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    assert f"/kk/calls/{awarded.application.call.code}/manage/agreements/new/{awarded.pk}/" in body
    assert f'value="{first_of_next_month.isoformat()}"' in body


def test_the_figures_of_the_call(reported, lead_ngo):
    call = reported.call
    data = call_dashboard(call)
    (row,) = data["awards"]
    agreement = row["agreement"]
    assert agreement["number"] == reported.number and agreement["status"] == "signed"
    assert (agreement["amount"], agreement["paid"], agreement["spent"]) == (
        Decimal("11000.00"), Decimal("5500.00"), Decimal("300.00"),
    )  # fmt: skip
    assert agreement["reports"] == {"due": 1, "overdue": 0, "submitted": 1, "returned": 0, "approved": 0}
    assert data["totals"] == {
        "awarded": Decimal("11000.00"), "agreed": Decimal("11000.00"), "paid": Decimal("5500.00"),
        "spent": Decimal("300.00"), "approved": Decimal("11000.00"), "remaining": Decimal("10700.00"),
    }  # fmt: skip
    by_code = {c["code"]: c for c in data["categories"]}
    assert (by_code["events"]["approved"], by_code["events"]["spent"]) == (Decimal("3000.00"), Decimal("300.00"))
    assert (by_code["infrastructure"]["approved"], by_code["infrastructure"]["spent"]) == (Decimal("8000.00"), 0)
    indicators = {i["code"]: i for i in data["indicators"]}
    # Four pilots of 200 people (120 women, 60 young) each; four parts of 50 people reported.
    assert (indicators["participants"]["target"], indicators["participants"]["reported"]) == (800, 200)
    assert indicators["participants"]["percent"] == 25 and indicators["participants"]["approved"] == 0
    assert (indicators["women"]["target"], indicators["women"]["reported"]) == (480, 120)
    assert (indicators["youth"]["target"], indicators["youth"]["reported"]) == (240, 40)
    assert indicators["events_held"]["target"] is None and indicators["events_held"]["reported"] == 4
    assert indicators["decisions_adopted"]["reported"] == 1
    assert [r["id"] for r in data["reports_waiting"]] == [reported.reports.get(sequence=1).pk]
    assert [o["title"] for o in data["outputs_flagged"]] == ["Буклет"]


def test_an_overdue_report_is_counted_and_listed(reported):
    final = reported.reports.get(sequence=2)
    Report.objects.filter(pk=final.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    data = call_dashboard(reported.call)
    assert data["awards"][0]["agreement"]["reports"]["overdue"] == 1
    assert [r["id"] for r in data["reports_overdue"]] == [final.pk]


def test_the_page_shows_the_figures_with_links(client_for, call_staff, reported):
    body = client_for(call_staff).get(url(reported.call)).content.decode()
    interim = reported.reports.get(sequence=1)
    assert f'href="/kk/agreements/{reported.pk}/"' in body
    assert f'href="/kk/reports/{interim.pk}/"' in body  # waiting for review, and the flagged material's report
    assert "5\u00a0500\u00a0EUR" in body and "300\u00a0EUR" in body
    assert body.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 2
    assert "Буклет" in body and "Плакат" not in body


# --- Queries ---------------------------------------------------------------------------


def test_the_dashboard_costs_the_same_queries_for_one_or_three_agreements(
    client_for, call_staff, reported, kato, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(call_staff)
    call_url = url(reported.call)
    with CaptureQueriesContext(connection) as one:
        assert client.get(call_url).status_code == 200
    for n in (2, 3):
        award_another(reported.award, call_staff, kato["117020100"], n)
    assert Agreement.objects.filter(call=reported.call).count() == 3
    with django_assert_max_num_queries(15), CaptureQueriesContext(connection) as three:
        response = client.get(call_url)
    assert response.status_code == 200 and "OPEN-CALL-Q03-GA" in response.content.decode()
    assert len(three) == len(one)


def test_the_decision_must_be_published_for_a_draft(client_for, call_staff, awarded):
    Call.objects.filter(pk=awarded.application.call_id).update(status=Call.Status.DECIDED)
    awarded.decision.published_at = None
    awarded.decision.save()
    body = client_for(call_staff).get(url(awarded.application.call)).content.decode()
    assert "/manage/agreements/new/" not in body
