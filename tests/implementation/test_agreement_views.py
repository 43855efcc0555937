"""The agreement and plan pages, for everyone who may or may not see them.

The story: the consortium of the lead NGO (its head and a colleague) and a
partner NGO (its head) was awarded 11,000 EUR. The call's staff draft the
agreement, set its terms, record the signature and pay the first tranche;
the lead NGO proposes a change of one of its pilots' plans, which staff
approve or reject. An outsider and the platform's staff of another
grant-maker see none of it.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ecodialogue.implementation import plans
from ecodialogue.implementation.models import Agreement, Payment, PilotPlan, PlanChange, Report, Tranche

from .conftest import pdf_upload

pytestmark = pytest.mark.django_db

ANON, OUTSIDER, PARTNER, COLLEAGUE, LEAD_HEAD, CALL_STAFF, OTHER_STAFF = (
    "anonymous", "outsider", "partner head", "lead colleague", "lead head", "call staff", "other staff",
)  # fmt: skip
CONSORTIUM = (PARTNER, COLLEAGUE, LEAD_HEAD)


@pytest.fixture
def people(outsider, partner_head, lead_colleague, lead_head, call_staff, staff):
    return {
        ANON: None, OUTSIDER: outsider, PARTNER: partner_head, COLLEAGUE: lead_colleague, LEAD_HEAD: lead_head,
        CALL_STAFF: call_staff, OTHER_STAFF: staff,
    }  # fmt: skip


def lead_plan(agreement) -> PilotPlan:
    """The lead NGO's first pilot."""
    return agreement.plans.filter(organization=agreement.consortium.lead).order_by("position").first()


def expect(who: str, *, consortium: int, call_staff: int = 200) -> int:
    """The status a page answers: signed-out people go to the sign-in page, strangers get 404."""
    if who == ANON:
        return 302
    if who in (OUTSIDER, OTHER_STAFF):
        return 404
    return call_staff if who == CALL_STAFF else consortium


def terms_post(agreement, *, amount="11000", percents=("50", "40", "10"), reports=None, periods=None, notes=""):
    """The terms form as a person fills it: every row numbered, plus one empty spare row."""
    data = {"amount": amount, "notes": notes}
    for number, percent in enumerate([*percents, ""]):
        data[f"tr-{number}-percent"] = percent
    if reports is None:
        reports = [(r.kind, r.period_start, r.period_end, r.due_on) for r in agreement.reports.all()]
    for number, (kind, start, end, due) in enumerate([*reports, ("", "", "", "")]):
        data |= {
            f"rep-{number}-kind": kind,
            f"rep-{number}-period_start": str(start),
            f"rep-{number}-period_end": str(end),
            f"rep-{number}-due_on": str(due),
        }
    for plan in agreement.plans.all():
        start, end = (periods or {}).get(plan.pk, (plan.starts_on, plan.ends_on))
        data |= {f"plan-{plan.pk}-starts_on": str(start), f"plan-{plan.pk}-ends_on": str(end)}
    return data


def proposal_post(plan, *, reason="Контейнерлер арзандады, семинар көбейді.", edit=None) -> dict:
    """The plan-change form pre-filled with the plan as it is; `edit` changes the plan's data first."""
    data = plans.plan_data(plan)
    if edit:
        edit(data)
    post = {
        "title": data["title"], "summary": data["summary"], "starts_on": data["starts_on"],
        "ends_on": data["ends_on"], "reason": reason, "base_version": str(plan.version),
    }  # fmt: skip
    for prefix, key in (("act", "activities"), ("ind", "indicators"), ("line", "budget_lines")):
        for number, row in enumerate(data[key]):
            post |= {f"{prefix}-{number}-{name}": "" if value is None else str(value) for name, value in row.items()}
    return post


def more_seminars(data):
    """A third seminar and one container fewer: events 750 → 1,125 and infrastructure 2,000 → 1,500 EUR."""
    events, containers = data["budget_lines"]
    events["quantity"] = "3"
    containers["quantity"] = "3"


# --- Who sees what -----------------------------------------------------------------


@pytest.mark.parametrize("who", [ANON, OUTSIDER, PARTNER, COLLEAGUE, LEAD_HEAD, CALL_STAFF, OTHER_STAFF])
class TestWhoSeesWhat:
    def test_the_agreement_page(self, client_for, people, agreement, who):
        response = client_for(people[who]).get(f"/kk/agreements/{agreement.pk}/")
        assert response.status_code == expect(who, consortium=200)
        if response.status_code == 200:
            body = response.content.decode()
            assert agreement.number in body
            # Only staff see the staff's actions.
            assert (f"/kk/agreements/{agreement.pk}/terms/" in body) is (who == CALL_STAFF)

    def test_a_plan(self, client_for, people, signed, who):
        plan = lead_plan(signed)
        response = client_for(people[who]).get(f"/kk/plans/{plan.pk}/")
        assert response.status_code == expect(who, consortium=200)
        if response.status_code == 200:
            can_propose = who in (COLLEAGUE, LEAD_HEAD)
            assert (f"/kk/plans/{plan.pk}/propose/" in response.content.decode()) is can_propose

    def test_the_terms_form(self, client_for, people, agreement, who):
        response = client_for(people[who]).get(f"/kk/agreements/{agreement.pk}/terms/")
        assert response.status_code == expect(who, consortium=403)

    def test_the_signature_form(self, client_for, people, agreement, who):
        response = client_for(people[who]).get(f"/kk/agreements/{agreement.pk}/sign/")
        assert response.status_code == expect(who, consortium=403)

    def test_the_state_form(self, client_for, people, signed, who):
        response = client_for(people[who]).get(f"/kk/agreements/{signed.pk}/state/")
        assert response.status_code == expect(who, consortium=403)

    def test_the_payment_form(self, client_for, people, signed, who):
        tranche = signed.tranches.get(position=1)
        response = client_for(people[who]).get(f"/kk/agreements/{signed.pk}/tranches/{tranche.pk}/pay/")
        assert response.status_code == expect(who, consortium=403)

    def test_the_signed_copy(self, client_for, people, signed, who):
        response = client_for(people[who]).get(f"/kk/agreements/{signed.pk}/signed.pdf")
        assert response.status_code == expect(who, consortium=200)
        if response.status_code == 200:
            assert response["Content-Type"] == "application/pdf"
            assert response["Cache-Control"] == "private, no-store"
            assert b"".join(response.streaming_content).startswith(b"%PDF")

    def test_the_plan_change_form(self, client_for, people, signed, who):
        """The lead's pilot: its people propose; the partner (another NGO of the consortium) and staff do not."""
        plan = lead_plan(signed)
        response = client_for(people[who]).get(f"/kk/plans/{plan.pk}/propose/")
        assert response.status_code == expect(who, consortium=200 if who != PARTNER else 403, call_staff=403)

    def test_my_grants(self, client_for, people, agreement, who):
        response = client_for(people[who]).get("/kk/agreements/mine/")
        assert response.status_code == (302 if who == ANON else 200)
        if who != ANON:
            assert (agreement.number in response.content.decode()) is (who in CONSORTIUM)

    def test_drafting_an_agreement(self, client_for, people, awarded, who):
        response = client_for(people[who]).post(
            f"/kk/calls/{awarded.application.call.code}/manage/agreements/new/{awarded.pk}/",
            {"starts_on": "2026-09-01"},
        )
        # The call is public: whoever is not its staff is refused, not told it does not exist.
        assert response.status_code == {ANON: 302, CALL_STAFF: 302}.get(who, 403)
        assert Agreement.objects.filter(award=awarded).exists() is (who == CALL_STAFF)

    def test_approving_a_change(self, client_for, people, signed, lead_head, who):
        plan = lead_plan(signed)
        change = plans.plan_change_propose(
            plan=plan, actor=lead_head, proposal=plans.plan_data(plan), reason="Нақтылау", base_version=plan.version
        )
        response = client_for(people[who]).post(f"/kk/plans/{plan.pk}/changes/{change.pk}/", {"action": "approve"})
        assert response.status_code == expect(who, consortium=403, call_staff=302)
        change.refresh_from_db()
        assert (change.status == PlanChange.Status.APPROVED) is (who == CALL_STAFF)


# --- The call's staff draft, set the terms, sign --------------------------------------


def test_staff_draft_the_agreement_from_the_award(client_for, call_staff, awarded):
    response = client_for(call_staff).post(
        f"/kk/calls/{awarded.application.call.code}/manage/agreements/new/{awarded.pk}/", {"starts_on": "2026-09-01"}
    )
    agreement = Agreement.objects.get(award=awarded)
    assert response.status_code == 302 and response["Location"] == f"/kk/agreements/{agreement.pk}/"
    assert agreement.status == Agreement.Status.DRAFT and agreement.starts_on == datetime.date(2026, 9, 1)
    assert agreement.plans.count() == 4 and agreement.tranches.count() == 3


def test_an_award_has_one_agreement(client_for, call_staff, agreement):
    award = agreement.award
    response = client_for(call_staff).post(
        f"/en/calls/{award.application.call.code}/manage/agreements/new/{award.pk}/",
        {"starts_on": "2026-09-01"},
        follow=True,
    )
    assert "This consortium already has its agreement." in response.content.decode()
    assert Agreement.objects.count() == 1


def test_the_terms_form_shows_the_saved_terms(client_for, call_staff, agreement):
    body = client_for(call_staff).get(f"/kk/agreements/{agreement.pk}/terms/").content.decode()
    assert 'name="amount" id="id_amount" value="11000"' in body
    assert 'name="tr-0-percent" id="tr-0-percent" value="50"' in body
    # Two spare rows after the three tranches, to add one without JavaScript.
    assert 'name="tr-4-percent"' in body and 'name="tr-5-percent"' not in body
    assert f'name="plan-{lead_plan(agreement).pk}-starts_on"' in body


def test_staff_save_the_terms(client_for, call_staff, agreement):
    start = agreement.starts_on
    final_end = start + datetime.timedelta(days=150)
    data = terms_post(
        agreement,
        amount="10 500,00",
        percents=("60", "40"),
        reports=[("final", start, final_end, final_end + datetime.timedelta(days=10))],
        notes="Кеңестің хаттамасы бойынша",
    )
    for plan in agreement.plans.all():
        data[f"plan-{plan.pk}-ends_on"] = str(final_end)
    response = client_for(call_staff).post(f"/kk/agreements/{agreement.pk}/terms/", data)
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.amount == Decimal("10500.00") and agreement.notes == "Кеңестің хаттамасы бойынша"
    assert [(t.percent, t.amount) for t in agreement.tranches.all()] == [
        (Decimal("60.00"), Decimal("6300.00")),
        (Decimal("40.00"), Decimal("4200.00")),
    ]
    assert [r.kind for r in agreement.reports.all()] == ["final"]
    assert agreement.ends_on == final_end


def test_refused_terms_keep_what_was_typed_and_say_every_problem(client_for, call_staff, agreement):
    start = agreement.starts_on
    data = terms_post(
        agreement,
        percents=("50", "30"),  # 80 %
        reports=[("final", start + datetime.timedelta(days=20), start, start + datetime.timedelta(days=30))],
        notes="Жаңа ескерту",
    )
    plan = lead_plan(agreement)
    data[f"plan-{plan.pk}-ends_on"] = str(start + datetime.timedelta(days=400))  # more than 7 months
    response = client_for(call_staff).post(f"/en/agreements/{agreement.pk}/terms/", data)
    assert response.status_code == 422
    body = response.content.decode()
    assert "The tranches add up to 80 %; they must add up to 100 %." in body
    assert "Report 1: its period must be in order and it is due after the period ends." in body
    assert f"«{plan.title}»: A pilot project lasts at most 7 months" in body
    # What was typed is still there.
    assert 'name="tr-1-percent" id="tr-1-percent" value="30"' in body
    assert "Жаңа ескерту" in body
    assert f'value="{start + datetime.timedelta(days=400)}"' in body
    agreement.refresh_from_db()
    assert agreement.notes == "" and agreement.tranches.count() == 3 and agreement.reports.count() == 2


def test_a_value_that_is_not_a_number_is_named(client_for, call_staff, agreement):
    response = client_for(call_staff).post(
        f"/en/agreements/{agreement.pk}/terms/", terms_post(agreement, percents=("50", "сорок", "10"))
    )
    assert response.status_code == 422
    assert "Tranche 2: “сорок” is not a number." in response.content.decode()
    assert agreement.tranches.count() == 3


def test_staff_record_the_signature_with_the_pdf(client_for, call_staff, agreement, lead_head):
    response = client_for(call_staff).post(
        f"/kk/agreements/{agreement.pk}/sign/",
        {"signed_on": timezone.localdate().isoformat(), "file": pdf_upload("келісім.pdf")},
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SIGNED and agreement.signed_file_name == "келісім.pdf"
    assert agreement.transitions.get().to_status == Agreement.Status.SIGNED
    # The consortium reads the signed copy.
    body = client_for(lead_head).get(f"/kk/agreements/{agreement.pk}/").content.decode()
    assert f"/kk/agreements/{agreement.pk}/signed.pdf" in body


def test_a_signature_needs_a_pdf(client_for, call_staff, agreement):
    fake = SimpleUploadedFile("agreement.pdf", b"PK\x03\x04 not a pdf at all", content_type="application/pdf")
    response = client_for(call_staff).post(
        f"/en/agreements/{agreement.pk}/sign/", {"signed_on": timezone.localdate().isoformat(), "file": fake}
    )
    assert response.status_code == 422
    assert 'class="message error"' in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.DRAFT and not agreement.signed_file


def test_a_signed_agreements_terms_no_longer_change(client_for, call_staff, signed):
    response = client_for(call_staff).get(f"/kk/agreements/{signed.pk}/terms/")
    assert response.status_code == 302 and response["Location"] == f"/kk/agreements/{signed.pk}/"


def test_staff_start_implementation_and_a_termination_needs_its_reason(client_for, call_staff, signed):
    client = client_for(call_staff)
    response = client.post(f"/en/agreements/{signed.pk}/state/", {"to": "terminated", "note": " "})
    assert response.status_code == 422 and "Say why the agreement is terminated." in response.content.decode()
    assert client.post(f"/en/agreements/{signed.pk}/state/", {"to": "active"}).status_code == 302
    signed.refresh_from_db()
    assert signed.status == Agreement.Status.ACTIVE
    assert [t.to_status for t in signed.transitions.all()] == ["signed", "active"]


# --- Payments ----------------------------------------------------------------------------


def test_staff_pay_the_first_tranche_after_the_signature(client_for, call_staff, signed):
    tranche = signed.tranches.get(position=1)
    body = client_for(call_staff).get(f"/kk/agreements/{signed.pk}/").content.decode()
    assert f"/kk/agreements/{signed.pk}/tranches/{tranche.pk}/pay/" in body  # the "Record payment" form
    response = client_for(call_staff).post(
        f"/kk/agreements/{signed.pk}/tranches/{tranche.pk}/pay/",
        {
            f"pay{tranche.pk}-paid_on": timezone.localdate().isoformat(),
            f"pay{tranche.pk}-amount": "5 500",
            f"pay{tranche.pk}-reference": "ПП-117",
        },
    )
    assert response.status_code == 302
    payment = Payment.objects.get(tranche=tranche)
    assert payment.amount == Decimal("5500.00") and payment.reference == "ПП-117"


def test_a_tranche_waits_for_its_report(client_for, call_staff, signed):
    tranche = signed.tranches.get(position=2)
    url = f"/en/agreements/{signed.pk}/tranches/{tranche.pk}/pay/"
    data = {f"pay{tranche.pk}-paid_on": timezone.localdate().isoformat(), f"pay{tranche.pk}-amount": "4400"}
    response = client_for(call_staff).post(url, data)
    assert response.status_code == 409
    assert "This tranche is paid after" in response.content.decode()
    assert not Payment.objects.exists()
    # Once its report is approved, it is paid.
    Report.objects.filter(pk=tranche.report_id).update(status=Report.Status.APPROVED)
    assert client_for(call_staff).post(url, data).status_code == 302
    assert Payment.objects.get().tranche == tranche


def test_the_consortium_sees_no_payment_form(client_for, lead_head, signed):
    body = client_for(lead_head).get(f"/kk/agreements/{signed.pk}/").content.decode()
    assert "/tranches/" not in body


# --- Plans and their changes -------------------------------------------------------------


def test_the_plan_shows_its_budget_and_spending(client_for, lead_head, signed):
    plan = lead_plan(signed)
    body = client_for(lead_head).get(f"/en/plans/{plan.pk}/").content.decode()
    assert plan.title in body
    assert "2\u00a0750\u00a0EUR" in body  # the approved budget of the pilot
    assert "up to 10 %" in body  # the call's reallocation threshold


def test_the_lead_proposes_a_change(client_for, lead_head, signed):
    plan = lead_plan(signed)
    form = client_for(lead_head).get(f"/kk/plans/{plan.pk}/propose/").content.decode()
    assert 'name="line-0-quantity" id="line-0-quantity" value="2"' in form  # pre-filled from the plan
    assert 'name="line-2-item"' in form  # a spare row
    response = client_for(lead_head).post(f"/kk/plans/{plan.pk}/propose/", proposal_post(plan, edit=more_seminars))
    assert response.status_code == 302
    change = PlanChange.objects.get(plan=plan)
    assert change.status == PlanChange.Status.PROPOSED and change.proposed_by == lead_head
    assert [line["quantity"] for line in change.proposal["budget_lines"]] == ["3", "3"]
    # Both categories move by more than 10 %: a reallocation, named on the plan's page.
    assert len(change.reallocation) == 2
    body = client_for(lead_head).get(f"/kk/plans/{plan.pk}/").content.decode()
    assert "Контейнерлер арзандады" in body and 'class="plan-diff"' in body


def test_a_refused_proposal_keeps_what_was_typed(client_for, lead_head, signed):
    plan = lead_plan(signed)

    def late_meeting(data):
        data["activities"][0]["ends_on"] = "2040-01-01"
        data["title"] = "Жаңа атау"

    response = client_for(lead_head).post(f"/en/plans/{plan.pk}/propose/", proposal_post(plan, edit=late_meeting))
    assert response.status_code == 422
    body = response.content.decode()
    assert "The dates must fall inside the implementation period" in body
    assert 'value="Жаңа атау"' in body and 'value="2040-01-01"' in body
    assert not PlanChange.objects.exists()


def test_a_proposal_on_an_old_version_is_refused(client_for, lead_head, signed):
    plan = lead_plan(signed)
    data = proposal_post(plan) | {"base_version": "0"}
    response = client_for(lead_head).post(f"/en/plans/{plan.pk}/propose/", data)
    assert response.status_code == 409
    assert "The plan was changed since you opened it." in response.content.decode()


def test_staff_approve_a_change(client_for, lead_head, call_staff, signed):
    plan = lead_plan(signed)
    client_for(lead_head).post(f"/kk/plans/{plan.pk}/propose/", proposal_post(plan, edit=more_seminars))
    change = PlanChange.objects.get()
    body = client_for(call_staff).get(f"/kk/plans/{plan.pk}/").content.decode()
    assert 'value="approve"' in body and 'value="reject"' in body
    response = client_for(call_staff).post(
        f"/kk/plans/{plan.pk}/changes/{change.pk}/", {"action": "approve", "note": "Келісілді"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    change.refresh_from_db()
    assert change.status == PlanChange.Status.APPROVED and change.decision_note == "Келісілді"
    assert plan.version == 2 and plan.budget_total == Decimal("2625.00")  # 3 × 375 + 3 × 500


def test_a_rejection_needs_a_comment(client_for, lead_head, call_staff, signed):
    plan = lead_plan(signed)
    client_for(lead_head).post(f"/kk/plans/{plan.pk}/propose/", proposal_post(plan, edit=more_seminars))
    change = PlanChange.objects.get()
    url = f"/en/plans/{plan.pk}/changes/{change.pk}/"
    response = client_for(call_staff).post(url, {"action": "reject", "note": ""}, follow=True)
    assert "Say why the change is not approved." in response.content.decode()
    change.refresh_from_db()
    assert change.status == PlanChange.Status.PROPOSED
    client_for(call_staff).post(url, {"action": "reject", "note": "Семинарлар жеткілікті."})
    change.refresh_from_db()
    assert change.status == PlanChange.Status.REJECTED and change.decision_note == "Семинарлар жеткілікті."
    plan.refresh_from_db()
    assert plan.version == 1
    body = client_for(lead_head).get(f"/kk/plans/{plan.pk}/").content.decode()
    assert "Семинарлар жеткілікті." in body  # the history says why


def test_the_proposing_side_withdraws(client_for, lead_head, lead_colleague, partner_head, signed):
    plan = lead_plan(signed)
    client_for(lead_head).post(f"/kk/plans/{plan.pk}/propose/", proposal_post(plan, edit=more_seminars))
    change = PlanChange.objects.get()
    url = f"/kk/plans/{plan.pk}/changes/{change.pk}/"
    assert client_for(partner_head).post(url, {"action": "withdraw"}).status_code == 403
    assert client_for(lead_colleague).post(url, {"action": "withdraw"}).status_code == 302
    change.refresh_from_db()
    assert change.status == PlanChange.Status.WITHDRAWN


def test_a_draft_agreements_plans_do_not_change(client_for, lead_head, agreement):
    plan = lead_plan(agreement)
    response = client_for(lead_head).get(f"/kk/plans/{plan.pk}/propose/")
    assert response.status_code == 302 and response["Location"] == f"/kk/plans/{plan.pk}/"


# --- Queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", [LEAD_HEAD, CALL_STAFF])
def test_the_agreement_page_in_few_queries(client_for, people, signed, django_assert_max_num_queries, who):
    client = client_for(people[who])
    with django_assert_max_num_queries(15):
        assert client.get(f"/kk/agreements/{signed.pk}/").status_code == 200


@pytest.mark.parametrize("who", [LEAD_HEAD, CALL_STAFF])
def test_the_plan_page_in_few_queries(client_for, people, signed, django_assert_max_num_queries, who):
    plan = lead_plan(signed)
    client = client_for(people[who])
    with django_assert_max_num_queries(15):
        assert client.get(f"/kk/plans/{plan.pk}/").status_code == 200


def test_my_grants_name_the_next_report(client_for, partner_head, signed):
    body = client_for(partner_head).get("/en/agreements/mine/").content.decode()
    report = signed.reports.get(sequence=1)
    assert f"/en/reports/{report.pk}/" in body and report.due_on.strftime("%d.%m.%Y") in body


def test_the_tranche_table_names_what_releases_each(client_for, lead_head, signed):
    body = client_for(lead_head).get(f"/en/agreements/{signed.pk}/").content.decode()
    assert "the signature" in body and "approval of the interim report no. 1" in body
    assert Tranche.objects.filter(agreement=signed).count() == 3
