"""A grant agreement's story: drafted from the award, its terms set, signed, paid in tranches, closed."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from ecodialogue.core.errors import Conflict, Forbidden, Invalid
from ecodialogue.core.models import ActivityEntry
from ecodialogue.grants.models import Decision
from ecodialogue.implementation import agreements, reports
from ecodialogue.implementation.agreements import ReportTerm
from ecodialogue.implementation.models import Agreement, Payment, PilotReport, Report

from .conftest import part_of, pdf_upload

pytestmark = pytest.mark.django_db
D = Decimal
today = timezone.localdate


class TestDraftingFromTheAward:
    def test_the_plans_carry_over_the_submitted_pilots(self, agreement, awarded, starts_on):
        assert agreement.status == Agreement.Status.DRAFT
        assert agreement.amount == D("11000") and agreement.currency == "EUR"
        awarded.application.refresh_from_db()
        assert agreement.number == f"{awarded.application.number}-GA"
        plans = list(agreement.plans.all())
        assert len(plans) == 4
        plan = plans[0]
        # Months 1 and 2–6 of the application became dates from the start.
        assert [(a.title, a.starts_on, a.ends_on) for a in plan.activities.all()] == [
            ("Тұрғындармен кездесу", starts_on, starts_on + (plan.activities.all()[0].ends_on - starts_on)),
            ("Контейнерлер орнату", plan.activities.all()[1].starts_on, plan.ends_on),
        ]
        assert plan.ends_on <= starts_on + datetime.timedelta(days=7 * 31)
        assert [(i.name, i.target) for i in plan.indicators.all()] == [("Бөлек жиналған қалдықтар", D("5.00"))]
        assert [(line.item, line.amount) for line in plan.budget_lines.all()] == [
            ("Семинар", D("750.00")),
            ("Контейнер", D("2000.00")),
        ]
        assert plan.budget_total == D("2750.00")

    def test_the_default_terms_are_half_then_forty_then_ten_per_cent(self, agreement):
        tranches = list(agreement.tranches.select_related("report"))
        assert [(t.percent, t.amount) for t in tranches] == [
            (D("50.00"), D("5500.00")),
            (D("40.00"), D("4400.00")),
            (D("10.00"), D("1100.00")),
        ]
        assert tranches[0].report is None
        assert [t.report.kind for t in tranches[1:]] == ["interim", "final"]

    def test_only_the_calls_staff_draft_an_agreement(self, awarded, lead_head, staff, starts_on):
        for person in (lead_head, staff):
            with pytest.raises(Forbidden):
                agreements.agreement_create(award=awarded, actor=person, starts_on=starts_on)
        assert not Agreement.objects.exists()

    def test_not_before_the_results_are_published(self, awarded, call_staff, starts_on):
        Decision.objects.filter(pk=awarded.decision_id).update(published_at=None)
        with pytest.raises(Invalid) as refused:
            agreements.agreement_create(award=awarded, actor=call_staff, starts_on=starts_on)
        assert refused.value.code == "agreement.not_published"

    def test_one_agreement_per_award(self, agreement, awarded, call_staff, starts_on):
        with pytest.raises(Conflict):
            agreements.agreement_create(award=awarded, actor=call_staff, starts_on=starts_on)
        assert Agreement.objects.count() == 1


class TestTerms:
    def terms(self, agreement, **overrides):
        start = agreement.starts_on
        values = {
            "agreement": agreement,
            "amount": D("11000"),
            "tranche_percents": [D("60"), D("40")],
            "reports": [ReportTerm("final", start, agreement.ends_on, agreement.ends_on + datetime.timedelta(days=15))],
            "pilot_periods": {},
        }
        return {**values, **overrides}

    def test_staff_set_two_tranches_and_one_final_report(self, agreement, call_staff):
        agreements.agreement_terms_save(actor=call_staff, **self.terms(agreement))
        assert [t.amount for t in agreement.tranches.all()] == [D("6600.00"), D("4400.00")]
        assert agreement.reports.get().kind == "final"

    @pytest.mark.parametrize(
        ("overrides", "code"),
        [
            ({"tranche_percents": [D("60"), D("30")]}, "tranches_not_100"),
            ({"amount": D("11000.01")}, "amount_over_award"),
            ({"tranche_percents": [D("50"), D("25"), D("25")]}, "tranches_without_report"),
        ],
    )
    def test_bad_terms_are_refused_whole(self, agreement, call_staff, overrides, code):
        before = [(t.percent, t.amount) for t in agreement.tranches.all()]
        with pytest.raises(Invalid) as refused:
            agreements.agreement_terms_save(actor=call_staff, **self.terms(agreement, **overrides))
        assert code in refused.value.details
        assert [(t.percent, t.amount) for t in agreement.tranches.all()] == before

    def test_a_pilot_longer_than_the_call_allows_is_refused(self, agreement, call_staff):
        plan = agreement.plans.first()
        too_long = {plan.pk: (plan.starts_on, plan.starts_on + datetime.timedelta(days=250))}
        with pytest.raises(Invalid) as refused:
            agreements.agreement_terms_save(actor=call_staff, **self.terms(agreement, pilot_periods=too_long))
        assert "period_too_long" in refused.value.details

    def test_a_signed_agreements_terms_no_longer_change(self, signed, call_staff):
        with pytest.raises(Conflict):
            agreements.agreement_terms_save(actor=call_staff, **self.terms(signed))


class TestSigning:
    def test_signing_opens_every_report_for_every_pilot_and_tells_the_consortium(
        self, agreement, call_staff, committed, lead_head, lead_colleague, partner_head
    ):
        with committed():
            agreements.agreement_sign(
                agreement=agreement, actor=call_staff, signed_on=today(), upload=pdf_upload("signed.pdf")
            )
        agreement.refresh_from_db()
        assert agreement.status == Agreement.Status.SIGNED and agreement.signed_on == today()
        assert len(agreement.signed_file_sha256) == 64
        assert PilotReport.objects.filter(report__agreement=agreement).count() == 2 * 4
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            [lead_head.email, lead_colleague.email, partner_head.email]
        )
        assert agreement.transitions.get().to_status == "signed"
        assert ActivityEntry.objects.filter(verb="agreement.transition").exists()

    def test_a_scan_that_is_not_a_pdf_is_refused(self, agreement, call_staff):
        fake = SimpleUploadedFile("signed.pdf", b"not a pdf at all", content_type="application/pdf")
        with pytest.raises(Invalid):
            agreements.agreement_sign(agreement=agreement, actor=call_staff, signed_on=today(), upload=fake)
        agreement.refresh_from_db()
        assert agreement.status == Agreement.Status.DRAFT

    def test_a_signature_date_in_the_future_is_refused(self, agreement, call_staff):
        with pytest.raises(Invalid):
            agreements.agreement_sign(
                agreement=agreement,
                actor=call_staff,
                signed_on=today() + datetime.timedelta(days=1),
                upload=pdf_upload(),
            )

    def test_the_ngo_does_not_sign_on_the_platform(self, agreement, lead_head):
        with pytest.raises(Forbidden):
            agreements.agreement_sign(agreement=agreement, actor=lead_head, signed_on=today(), upload=pdf_upload())


class TestStates:
    def test_a_draft_cannot_jump_to_closed(self, agreement, call_staff):
        with pytest.raises(Conflict):
            agreements.agreement_transition(agreement=agreement, to="closed", actor=call_staff)

    def test_termination_needs_a_reason(self, signed, call_staff):
        with pytest.raises(Invalid):
            agreements.agreement_transition(agreement=signed, to="terminated", actor=call_staff, note=" ")
        agreements.agreement_transition(agreement=signed, to="terminated", actor=call_staff, note="ҮЕҰ таратылды")
        signed.refresh_from_db()
        assert signed.status == "terminated"
        with pytest.raises(Conflict):
            agreements.agreement_transition(agreement=signed, to="active", actor=call_staff)

    def test_closing_waits_for_every_report_and_tranche(self, signed, call_staff):
        agreements.agreement_transition(agreement=signed, to="active", actor=call_staff)
        with pytest.raises(Conflict) as refused:
            agreements.agreement_transition(agreement=signed, to="closed", actor=call_staff)
        assert refused.value.code == "agreement.reports_open"


def approve_interim(report, *, lead_ngo, lead_head, partner_head, call_staff):
    for part in report.parts.select_related("plan"):
        actor = lead_head if part.plan.organization_id == lead_ngo.pk else partner_head
        reports.part_save(
            part=part,
            actor=actor,
            data=reports.PartData(narrative="Кездесулер өтті", participants=40, women=25, youth=10, ready=True),
        )
    reports.report_summary_save(report=report, actor=lead_head, summary="Барлық пилоттар жоспар бойынша")
    reports.report_submit(report=report, actor=lead_head)
    return reports.report_approve(report=report, actor=call_staff)


class TestTranches:
    def test_the_first_tranche_is_paid_once_signed(self, signed, call_staff, committed, lead_head, partner_head):
        first = signed.tranches.get(position=1)
        with committed():
            payment = agreements.tranche_pay(tranche=first, actor=call_staff, paid_on=today(), reference="ПП-17")
        assert payment.amount == D("5500.00")
        # The heads of the consortium's NGOs hear of it (the lead's colleague does not).
        assert sorted(m.to[0] for m in mail.outbox) == sorted([lead_head.email, partner_head.email])

    def test_not_before_the_agreement_is_signed(self, agreement, call_staff):
        with pytest.raises(Conflict) as refused:
            agreements.tranche_pay(tranche=agreement.tranches.get(position=1), actor=call_staff, paid_on=today())
        assert refused.value.code == "tranche.agreement_not_signed"

    def test_not_before_its_report_is_approved(self, signed, interim, call_staff, lead_ngo, lead_head, partner_head):
        second = signed.tranches.get(position=2)
        with pytest.raises(Conflict) as refused:
            agreements.tranche_pay(tranche=second, actor=call_staff, paid_on=today())
        assert refused.value.code == "tranche.report_not_approved"
        approve_interim(
            interim, lead_ngo=lead_ngo, lead_head=lead_head, partner_head=partner_head, call_staff=call_staff
        )
        assert agreements.tranche_pay(tranche=second, actor=call_staff, paid_on=today()).amount == D("4400.00")

    def test_never_twice(self, signed, call_staff):
        first = signed.tranches.get(position=1)
        agreements.tranche_pay(tranche=first, actor=call_staff, paid_on=today())
        with pytest.raises(Conflict) as refused:
            agreements.tranche_pay(tranche=first, actor=call_staff, paid_on=today())
        assert refused.value.code == "tranche.already_paid"
        assert Payment.objects.count() == 1

    def test_the_database_itself_refuses_a_second_payment(self, signed, call_staff):
        first = signed.tranches.get(position=1)
        Payment.objects.create(tranche=first, paid_on=today(), amount=D("1"))
        with pytest.raises(IntegrityError), transaction.atomic():
            Payment.objects.create(tranche=first, paid_on=today(), amount=D("1"))

    def test_more_than_the_tranche_or_a_future_date_is_refused(self, signed, call_staff):
        first = signed.tranches.get(position=1)
        with pytest.raises(Invalid):
            agreements.tranche_pay(tranche=first, actor=call_staff, paid_on=today(), amount=D("5500.01"))
        with pytest.raises(Invalid):
            agreements.tranche_pay(tranche=first, actor=call_staff, paid_on=today() + datetime.timedelta(days=1))
        assert not Payment.objects.exists()

    def test_only_staff_pay(self, signed, lead_head):
        with pytest.raises(Forbidden):
            agreements.tranche_pay(tranche=signed.tranches.get(position=1), actor=lead_head, paid_on=today())

    def test_approving_the_interim_report_starts_implementation(
        self, signed, interim, call_staff, lead_ngo, lead_head, partner_head
    ):
        approve_interim(
            interim, lead_ngo=lead_ngo, lead_head=lead_head, partner_head=partner_head, call_staff=call_staff
        )
        signed.refresh_from_db()
        assert signed.status == Agreement.Status.ACTIVE
        assert Report.objects.get(pk=interim.pk).status == "approved"
        assert part_of(interim, lead_ngo).ready


class TestMovingAPilotsPeriod:
    def test_its_planned_activities_move_with_it(self, agreement, call_staff):
        plan = agreement.plans.first()
        before = [(a.starts_on, a.ends_on) for a in plan.activities.all()]
        later = datetime.timedelta(days=45)
        agreements.agreement_terms_save(
            agreement=agreement,
            actor=call_staff,
            amount=D("11000"),
            tranche_percents=[D("50"), D("40"), D("10")],
            reports=[ReportTerm(r.kind, r.period_start, r.period_end, r.due_on) for r in agreement.reports.all()],
            pilot_periods={plan.pk: (plan.starts_on + later, plan.ends_on + later)},
        )
        plan.refresh_from_db()
        after = [(a.starts_on, a.ends_on) for a in plan.activities.all()]
        assert after == [(start + later, end + later) for start, end in before]
        assert all(plan.starts_on <= start and end <= plan.ends_on for start, end in after)

    def test_a_start_in_the_year_9999_is_refused(self, awarded, call_staff):
        with pytest.raises(Invalid):
            agreements.agreement_create(award=awarded, actor=call_staff, starts_on=datetime.date(9999, 12, 1))
