"""A report's story: each NGO writes its pilot's part, the lead submits, staff return it, then approve it."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ecodialogue.core.errors import Conflict, Forbidden, Invalid
from ecodialogue.grants.snapshot import snapshot_hash
from ecodialogue.implementation import reports
from ecodialogue.implementation.models import Expenditure, Report, ReportComment

from .conftest import part_of, pdf_upload

pytestmark = pytest.mark.django_db
D = Decimal
today = timezone.localdate


def complete(part, actor, **overrides):
    values = {"narrative": "Тұрғындармен үш кездесу өтті", "participants": 40, "women": 25, "youth": 10, "ready": True}
    return reports.part_save(part=part, actor=actor, data=reports.PartData(**{**values, **overrides}))


def spend(part, actor, *, line=None, amount="100", currency="EUR", rate=None, upload=None):
    line = line or part.plan.budget_lines.first()
    return reports.expenditure_add(
        part=part,
        actor=actor,
        line_id=line.pk,
        spent_on=today(),
        description="Семинар залын жалға алу",
        paid_currency=currency,
        paid_amount=D(amount),
        exchange_rate=D(rate) if rate else None,
        upload=upload or pdf_upload("receipt.pdf"),
    )


@pytest.fixture
def written(interim, lead_ngo, partner_ngo, lead_head, partner_head):
    """Every part complete and the summary written: ready to submit."""
    for part in interim.parts.select_related("plan"):
        complete(part, lead_head if part.plan.organization_id == lead_ngo.pk else partner_head)
    reports.report_summary_save(report=interim, actor=lead_head, summary="Төрт пилот жоспар бойынша жүріп жатыр")
    return interim


class TestWritingAPart:
    def test_a_member_writes_its_own_pilots_part(self, interim, partner_ngo, partner_head):
        part = complete(part_of(interim, partner_ngo), partner_head)
        part.refresh_from_db()
        assert (part.participants, part.women, part.youth, part.ready) == (40, 25, 10, True)

    def test_but_not_another_members(self, interim, lead_ngo, partner_head):
        with pytest.raises(Forbidden):
            complete(part_of(interim, lead_ngo), partner_head)

    def test_the_lead_may_fill_any_part_since_it_consolidates(self, interim, partner_ngo, lead_colleague):
        assert complete(part_of(interim, partner_ngo), lead_colleague).ready

    def test_more_women_than_people_is_refused_even_in_a_draft(self, interim, partner_ngo, partner_head):
        part = part_of(interim, partner_ngo)
        with pytest.raises(Invalid) as refused:
            complete(part, partner_head, women=41, ready=False)
        assert [d["code"] for d in refused.value.details] == ["women_exceed_total"]
        part.refresh_from_db()
        assert part.women is None

    def test_a_half_written_draft_saves_but_cannot_be_marked_complete(self, interim, partner_ngo, partner_head):
        part = part_of(interim, partner_ngo)
        complete(part, partner_head, narrative="", participants=None, ready=False)
        with pytest.raises(Invalid) as refused:
            complete(part, partner_head, narrative="", participants=None)
        assert {d["code"] for d in refused.value.details} == {"narrative_missing", "participants_missing"}

    def test_the_plans_indicators_get_their_values(self, interim, partner_ngo, partner_head):
        part = part_of(interim, partner_ngo)
        indicator = part.plan.indicators.get()
        complete(part, partner_head, actuals={indicator.pk: D("2.5")})
        assert part.indicator_actuals.get().value == D("2.50")
        with pytest.raises(Invalid):
            complete(part, partner_head, actuals={indicator.pk: D("-1")})


class TestActivitiesAndDecisions:
    def test_an_activity_inside_the_period_is_recorded(self, interim, partner_ngo, partner_head):
        part = part_of(interim, partner_ngo)
        planned = part.plan.activities.first()
        row = reports.activity_progress_add(
            part=part, actor=partner_head, activity_id=planned.pk, title="", done_from=today(), done_to=today()
        )
        assert row.title == planned.title

    def test_an_activity_before_the_pilot_started_is_refused(self, interim, partner_ngo, partner_head):
        part = part_of(interim, partner_ngo)
        before = part.plan.starts_on - datetime.timedelta(days=1)
        with pytest.raises(Invalid) as refused:
            reports.activity_progress_add(
                part=part, actor=partner_head, title="Ерте", done_from=before, done_to=today()
            )
        assert refused.value.code == "activity.dates"

    def test_a_change_to_a_complete_part_makes_it_a_draft_again(self, interim, partner_ngo, partner_head):
        part = complete(part_of(interim, partner_ngo), partner_head)
        reports.activity_progress_add(
            part=part, actor=partner_head, title="Кездесу", done_from=today(), done_to=today()
        )
        part.refresh_from_db()
        assert not part.ready

    def test_a_decision_of_the_akimat_with_its_document(self, interim, partner_ngo, partner_head):
        decision = reports.decision_add(
            part=part_of(interim, partner_ngo),
            actor=partner_head,
            authority="akimat",
            title="Контейнер алаңдарын бөлу туралы",
            number="45",
            adopted_on=today(),
            upload=pdf_upload("decision.pdf"),
        )
        assert len(decision.document_sha256) == 64

    def test_a_decision_from_the_future_or_of_an_unknown_authority_is_refused(self, interim, partner_ngo, partner_head):
        part = part_of(interim, partner_ngo)
        with pytest.raises(Invalid):
            reports.decision_add(
                part=part,
                actor=partner_head,
                authority="akimat",
                title="Шешім",
                adopted_on=today() + datetime.timedelta(days=1),
            )
        with pytest.raises(Invalid):
            reports.decision_add(
                part=part, actor=partner_head, authority="parliament", title="Шешім", adopted_on=today()
            )


class TestSpending:
    def test_tenge_are_recorded_with_the_rate_and_converted(self, interim, partner_ngo, partner_head):
        expenditure = spend(part_of(interim, partner_ngo), partner_head, amount="104000", currency="KZT", rate="520")
        assert (expenditure.paid_amount, expenditure.exchange_rate, expenditure.amount) == (
            D("104000.00"),
            D("520.0000"),
            D("200.00"),
        )

    def test_tenge_without_the_rate_are_refused(self, interim, partner_ngo, partner_head):
        with pytest.raises(Invalid) as refused:
            spend(part_of(interim, partner_ngo), partner_head, amount="104000", currency="KZT")
        assert "rate_missing" in [d["code"] for d in refused.value.details]
        assert not Expenditure.objects.exists()

    def test_spending_on_a_line_of_another_pilot_is_refused(self, interim, lead_ngo, partner_ngo, partner_head):
        foreign = part_of(interim, lead_ngo).plan.budget_lines.first()
        with pytest.raises(Invalid) as refused:
            spend(part_of(interim, partner_ngo), partner_head, line=foreign)
        assert "line_not_approved" in [d["code"] for d in refused.value.details]

    def test_a_receipt_is_checked_by_its_content(self, interim, partner_ngo, partner_head):
        fake = SimpleUploadedFile("receipt.pdf", b"just text", content_type="application/pdf")
        with pytest.raises(Invalid):
            spend(part_of(interim, partner_ngo), partner_head, upload=fake)
        assert not Expenditure.objects.exists()

    def test_overspending_a_category_beyond_the_threshold_stops_the_submission(
        self, written, partner_ngo, partner_head, lead_head
    ):
        part = part_of(written, partner_ngo)
        events = part.plan.budget_lines.get(item="Семинар")  # 750 approved; 10 % more is 825
        spend(part, partner_head, line=events, amount="826")
        complete(part, partner_head)
        with pytest.raises(Invalid) as refused:
            reports.report_submit(report=written, actor=lead_head)
        assert "overspend_needs_reallocation" in [d["code"] for d in refused.value.details]

    def test_overspending_within_the_threshold_is_only_a_warning(self, written, partner_ngo, partner_head, lead_head):
        part = part_of(written, partner_ngo)
        spend(part, partner_head, line=part.plan.budget_lines.get(item="Семинар"), amount="825")
        complete(part, partner_head)
        assert "overspend_within_threshold" in [f.code for f in reports.submit_findings(written)]
        assert reports.report_submit(report=written, actor=lead_head).status == "submitted"


class TestSubmitting:
    def test_the_lead_head_submits_and_staff_hear_of_it(self, written, lead_head, call_staff, committed):
        with committed():
            reports.report_submit(report=written, actor=lead_head)
        written.refresh_from_db()
        assert written.status == Report.Status.SUBMITTED and written.submitted_by == lead_head
        assert [m.to for m in mail.outbox] == [[call_staff.email]]

    def test_the_lead_colleague_and_the_partner_do_not_submit(self, written, lead_colleague, partner_head):
        for person in (lead_colleague, partner_head):
            with pytest.raises(Forbidden):
                reports.report_submit(report=written, actor=person)

    def test_a_part_not_marked_complete_stops_the_submission(self, written, partner_ngo, partner_head, lead_head):
        complete(part_of(written, partner_ngo), partner_head, ready=False)
        with pytest.raises(Invalid) as refused:
            reports.report_submit(report=written, actor=lead_head)
        assert "part_not_ready" in [d["code"] for d in refused.value.details]

    def test_a_submitted_report_waits_for_staff(self, written, lead_head, partner_ngo, partner_head):
        reports.report_submit(report=written, actor=lead_head)
        with pytest.raises(Conflict) as refused:
            complete(part_of(written, partner_ngo), partner_head)
        assert refused.value.code == "report.submitted"


class TestReview:
    @pytest.fixture
    def submitted(self, written, lead_head):
        return reports.report_submit(report=written, actor=lead_head)

    def test_staff_return_it_with_comments_per_section(
        self, submitted, partner_ngo, partner_head, call_staff, committed, lead_head
    ):
        part = part_of(submitted, partner_ngo)
        with committed():
            reports.report_return(
                report=submitted,
                actor=call_staff,
                comments=[
                    (part.pk, "expenditure", "Контейнерлерді сатып алу чектерін қосыңыз"),
                    (None, "summary", "Укажите, какие решения принял акимат"),
                    (None, "outputs", " "),
                ],
            )
        submitted.refresh_from_db()
        assert submitted.status == Report.Status.RETURNED and submitted.round == 2
        assert list(ReportComment.objects.values_list("section", "round")) == [("expenditure", 1), ("summary", 1)]
        part.refresh_from_db()
        assert not part.ready  # its NGO looks at it again
        assert partner_head.email in [m.to[0] for m in mail.outbox]
        # Fixed and submitted again.
        complete(part, partner_head)
        reports.report_summary_save(report=submitted, actor=lead_head, summary="Акимат выделил площадки")
        assert reports.report_submit(report=submitted, actor=lead_head).status == "submitted"

    def test_a_return_without_a_comment_is_refused(self, submitted, call_staff):
        with pytest.raises(Invalid):
            reports.report_return(report=submitted, actor=call_staff, comments=[(None, "summary", "  ")])
        assert Report.objects.get(pk=submitted.pk).status == "submitted"

    def test_a_comment_on_a_section_that_does_not_exist_is_refused(self, submitted, call_staff):
        with pytest.raises(Invalid):
            reports.report_return(report=submitted, actor=call_staff, comments=[(None, "poetry", "Әдемі")])

    def test_only_the_calls_staff_review(self, submitted, lead_head, staff):
        for person in (lead_head, staff):
            with pytest.raises(Forbidden):
                reports.report_approve(report=submitted, actor=person)

    def test_an_approved_report_is_frozen_with_its_hash(
        self, submitted, call_staff, partner_ngo, partner_head, lead_head
    ):
        reports.report_approve(report=submitted, actor=call_staff, note="Жақсы")
        submitted.refresh_from_db()
        assert submitted.status == Report.Status.APPROVED
        assert submitted.sha256 == snapshot_hash(submitted.snapshot)
        assert [p["participants"] for p in submitted.snapshot["parts"]] == [40, 40, 40, 40]
        part = part_of(submitted, partner_ngo)
        for write in (
            lambda: complete(part, partner_head),
            lambda: spend(part, partner_head),
            lambda: reports.report_summary_save(report=submitted, actor=lead_head, summary="Басқа"),
        ):
            with pytest.raises(Conflict) as refused:
                write()
            assert refused.value.code == "report.frozen"
        with pytest.raises(Conflict):
            reports.report_return(report=submitted, actor=call_staff, comments=[(None, "summary", "Кеш")])
