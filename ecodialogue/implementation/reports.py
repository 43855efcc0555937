"""Every write to reports: members fill their pilot's part, the lead submits, staff return or approve.

A report is written while it is a draft or returned; once submitted it waits
for staff, and once approved it is frozen for good (its snapshot and hash are
stored, and every write here refuses it). Members write their own pilot's
part; the lead NGO may write any part, since it consolidates.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.emails import queue_email
from ecodialogue.core.errors import Conflict, Forbidden, Invalid
from ecodialogue.core.files import check_document, sha256_of
from ecodialogue.core.findings import Finding, errors
from ecodialogue.core.services import activity_record
from ecodialogue.grants.permissions import is_call_staff
from ecodialogue.grants.snapshot import snapshot_hash
from ecodialogue.organizations.models import Membership

from . import rules
from .models import (
    ActivityProgress,
    Agreement,
    AuthorityDecision,
    Expenditure,
    IndicatorActual,
    Output,
    PilotReport,
    PlanBudgetLine,
    Report,
    ReportComment,
    ReportTransition,
)
from .notify import call_staff_people, consortium_people
from .public_stamp import public_figures_changed
from .report_snapshot import report_snapshot

MB = 1024 * 1024
RECEIPT_TYPES = ("pdf", "jpeg", "png")
MATERIAL_TYPES = ("pdf", "docx", "jpeg", "png")
PHOTO_TYPES = ("jpeg", "png")
# Materials are booklets and videos' posters: larger than a receipt, still bounded.
MAX_RECEIPT_MB = 10
MAX_OUTPUT_MB = 50


@dataclass
class PartData:
    """A member's part as parsed by a page or the API; counts that did not parse are None."""

    narrative: str = ""
    participants: int | None = None
    women: int | None = None
    youth: int | None = None
    events_held: int | None = None
    materials_produced: int | None = None
    infrastructure_installed: int | None = None
    infrastructure_note: str = ""
    # {plan indicator id: value reached}; None clears a value.
    actuals: dict | None = None
    ready: bool = False


def _is_person_of(user, organization_id: int) -> bool:
    return (
        bool(user and user.is_authenticated)
        and Membership.objects.filter(user=user, organization_id=organization_id).exists()
    )


def _lock_report(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("agreement__call", "agreement__consortium__lead")
        .get(pk=report.pk)
    )


def _require_writable(report: Report) -> None:
    if not report.agreement.is_running:
        raise Conflict("report.agreement_not_running", _("Reports are written while the agreement is in force."))
    if report.status == Report.Status.APPROVED:
        raise Conflict("report.frozen", _("An approved report no longer changes."))
    if not report.is_writable:
        raise Conflict("report.submitted", _("The report is with staff; it can be changed if they return it."))


def _lock_part(part: PilotReport, actor) -> tuple[PilotReport, Report]:
    """The report locked (writes of a report are serialised), writable, and the actor allowed for this part."""
    report = _lock_report(part.report)
    _require_writable(report)
    part = PilotReport.objects.select_related("plan").get(pk=part.pk, report=report)
    if not (
        _is_person_of(actor, part.plan.organization_id) or _is_person_of(actor, report.agreement.consortium.lead_id)
    ):
        raise Forbidden("permission.denied", _("Only the implementing NGO or the lead NGO writes this part."))
    return part, report


def _invalid(findings: list[Finding], code: str = "report.invalid"):
    problems = errors(findings)
    return Invalid(code, problems[0].text, details=[{"code": f.code, "message": f.text} for f in problems])


def _upload(upload, *, allowed, max_mb: int, code: str) -> tuple[str, str]:
    try:
        file_type = check_document(upload, allowed=list(allowed), max_bytes=max_mb * MB)
    except ValidationError as error:
        raise Invalid(f"{code}.{error.code or 'invalid'}", error.messages[0]) from error
    return file_type, sha256_of(upload)


@transaction.atomic
def part_save(*, part: PilotReport, actor, data: PartData) -> PilotReport:
    """Save a member's part. Counts must add up; marking it complete also needs the narrative and people."""
    part, report = _lock_part(part, actor)
    findings = rules.part_findings(
        participants=data.participants, women=data.women, youth=data.youth, narrative=data.narrative
    )
    # A draft may be half-written; only numbers that contradict each other are refused before "complete".
    blocking = [f for f in errors(findings) if data.ready or f.code in ("women_exceed_total", "youth_exceed_total")]
    if blocking:
        raise _invalid(blocking, "part.invalid")
    for field in (
        "narrative",
        "participants",
        "women",
        "youth",
        "events_held",
        "materials_produced",
        "infrastructure_installed",
        "infrastructure_note",
        "ready",
    ):
        setattr(part, field, getattr(data, field))
    part.updated_by = actor
    part.save()
    indicators = {i.pk for i in part.plan.indicators.all()}
    for indicator_id, value in (data.actuals or {}).items():
        if indicator_id not in indicators:
            raise Invalid("part.indicator", _("This indicator is not in the pilot's plan."))
        if value is None:
            IndicatorActual.objects.filter(part=part, indicator_id=indicator_id).delete()
        elif value < 0:
            raise Invalid("part.indicator_negative", _("A value reached cannot be negative."))
        else:
            IndicatorActual.objects.update_or_create(part=part, indicator_id=indicator_id, defaults={"value": value})
    activity_record(actor=actor, verb="report.part_saved", obj=report, details={"part": part.pk, "ready": data.ready})
    return part


def _unready(part: PilotReport) -> None:
    """A change to a part complete before makes it a draft again: its NGO says when it is complete."""
    if part.ready:
        part.ready = False
        part.save(update_fields=["ready", "updated_at"])


@transaction.atomic
def activity_progress_add(
    *,
    part: PilotReport,
    actor,
    title: str,
    done_from: datetime.date | None,
    done_to: datetime.date | None,
    activity_id: int | None = None,
    note: str = "",
) -> ActivityProgress:
    part, report = _lock_part(part, actor)
    plan = part.plan
    findings = rules.dates_within_findings(done_from, done_to, period=(plan.starts_on, plan.ends_on))
    if activity_id is not None and not plan.activities.filter(pk=activity_id).exists():
        raise Invalid("activity.not_planned", _("This activity is not in the pilot's plan."))
    if not title.strip():
        planned = plan.activities.filter(pk=activity_id).first() if activity_id else None
        title = planned.title if planned else ""
    if not title.strip():
        raise Invalid("activity.title", _("Say what was done."))
    if errors(findings):
        raise _invalid(findings, "activity.dates")
    row = ActivityProgress.objects.create(
        part=part, activity_id=activity_id, title=title.strip(), done_from=done_from, done_to=done_to, note=note
    )
    _unready(part)
    activity_record(actor=actor, verb="report.activity_added", obj=report, details={"part": part.pk})
    return row


@transaction.atomic
def activity_progress_remove(*, row: ActivityProgress, actor) -> None:
    part, report = _lock_part(row.part, actor)
    ActivityProgress.objects.filter(pk=row.pk, part=part).delete()
    _unready(part)
    activity_record(actor=actor, verb="report.activity_removed", obj=report, details={"part": part.pk})


@transaction.atomic
def decision_add(
    *,
    part: PilotReport,
    actor,
    authority: str,
    title: str,
    adopted_on: datetime.date | None,
    number: str = "",
    upload=None,
) -> AuthorityDecision:
    """A decision of the akimat or maslikhat adopted with the NGO's participation, with its document."""
    part, report = _lock_part(part, actor)
    if authority not in AuthorityDecision.Authority.values:
        raise Invalid("decision.authority", _("Choose the akimat or the maslikhat."))
    if not title.strip():
        raise Invalid("decision.title", _("Give the decision's title."))
    plan = part.plan
    if (
        adopted_on is None
        or adopted_on > timezone.localdate()
        or (plan.starts_on and adopted_on < plan.starts_on)
        or (plan.ends_on and adopted_on > plan.ends_on)
    ):
        raise Invalid("decision.date", _("Give the date of adoption: inside the pilot's period, not in the future."))
    decision = AuthorityDecision(
        part=part, authority=authority, title=title.strip(), number=number, adopted_on=adopted_on
    )
    if upload is not None:
        _type, digest = _upload(upload, allowed=RECEIPT_TYPES, max_mb=MAX_RECEIPT_MB, code="decision")
        decision.document_name = (getattr(upload, "name", "") or "decision")[-255:]
        decision.document_sha256 = digest
        decision.document.save(decision.document_name, upload, save=False)
    decision.save()
    _unready(part)
    activity_record(actor=actor, verb="report.decision_added", obj=report, details={"part": part.pk})
    return decision


@transaction.atomic
def decision_remove(*, decision: AuthorityDecision, actor) -> None:
    part, report = _lock_part(decision.part, actor)
    AuthorityDecision.objects.filter(pk=decision.pk, part=part).delete()
    _unready(part)
    activity_record(actor=actor, verb="report.decision_removed", obj=report, details={"part": part.pk})


@transaction.atomic
def expenditure_add(
    *,
    part: PilotReport,
    actor,
    line_id: int | None,
    spent_on: datetime.date | None,
    description: str,
    paid_currency: str,
    paid_amount: Decimal | None,
    exchange_rate: Decimal | None,
    upload,
) -> Expenditure:
    """Spending against a line of the approved budget, with its receipt; converted to the grant's currency."""
    part, report = _lock_part(part, actor)
    plan = part.plan
    agreement = report.agreement
    line = PlanBudgetLine.objects.filter(pk=line_id, plan=plan).select_related("category").first() if line_id else None
    paid_currency = (paid_currency or agreement.currency).upper()
    findings = rules.expenditure_findings(
        paid_amount=paid_amount,
        paid_currency=paid_currency,
        grant_currency=agreement.currency,
        rate=exchange_rate,
        spent_on=spent_on,
        period=(plan.starts_on, plan.ends_on),
        line_in_plan=line is not None,
    )
    if not description.strip():
        findings.append(Finding("description_missing", rules.Severity.ERROR, _("Say what was paid for.")))
    if upload is None:
        findings.append(Finding("receipt_missing", rules.Severity.ERROR, _("Attach the receipt or invoice.")))
    if errors(findings):
        raise _invalid(findings, "expenditure.invalid")
    file_type, digest = _upload(upload, allowed=RECEIPT_TYPES, max_mb=MAX_RECEIPT_MB, code="expenditure")
    rate = exchange_rate if paid_currency != agreement.currency else None
    expenditure = Expenditure(
        part=part,
        line=line,
        spent_on=spent_on,
        description=description.strip(),
        paid_currency=paid_currency,
        paid_amount=rules.money(paid_amount),
        exchange_rate=rate,
        amount=rules.converted_amount(
            paid_amount, paid_currency=paid_currency, grant_currency=agreement.currency, rate=rate
        ),
        receipt_name=(getattr(upload, "name", "") or "receipt")[-255:],
        receipt_type=file_type,
        receipt_sha256=digest,
        created_by=actor,
    )
    expenditure.receipt.save(expenditure.receipt_name, upload, save=False)
    expenditure.save()
    _unready(part)
    activity_record(
        actor=actor,
        verb="report.expenditure_added",
        obj=report,
        details={"part": part.pk, "line": line.pk, "amount": str(expenditure.amount)},
    )
    return expenditure


@transaction.atomic
def expenditure_remove(*, expenditure: Expenditure, actor) -> None:
    part, report = _lock_part(expenditure.part, actor)
    Expenditure.objects.filter(pk=expenditure.pk, part=part).delete()
    _unready(part)
    activity_record(actor=actor, verb="report.expenditure_removed", obj=report, details={"part": part.pk})


@transaction.atomic
def output_add(*, part: PilotReport, actor, kind: str, title: str, upload) -> Output:
    """A material or photo; a material's EU funding statement is checked in the background."""
    part, report = _lock_part(part, actor)
    if kind not in Output.Kind.values:
        raise Invalid("output.kind", _("Choose a material or a photo."))
    if not title.strip():
        raise Invalid("output.title", _("Give the material's title."))
    allowed = MATERIAL_TYPES if kind == Output.Kind.MATERIAL else PHOTO_TYPES
    file_type, digest = _upload(upload, allowed=allowed, max_mb=MAX_OUTPUT_MB, code="output")
    output = Output(
        part=part,
        kind=kind,
        title=title.strip(),
        original_name=(getattr(upload, "name", "") or "material")[-255:],
        file_type=file_type,
        size=upload.size,
        sha256=digest,
        created_by=actor,
        # Photos document the work; only materials must carry the statement.
        visibility=Output.Visibility.PENDING if kind == Output.Kind.MATERIAL else Output.Visibility.MANUAL,
    )
    output.file.save(output.original_name, upload, save=False)
    output.save()
    _unready(part)
    activity_record(actor=actor, verb="report.output_added", obj=report, details={"part": part.pk})
    if kind == Output.Kind.MATERIAL:
        from .tasks import output_check_visibility

        transaction.on_commit(lambda: output_check_visibility.enqueue(output_id=output.pk))
    return output


@transaction.atomic
def output_remove(*, output: Output, actor) -> None:
    part, report = _lock_part(output.part, actor)
    Output.objects.filter(pk=output.pk, part=part).delete()
    _unready(part)
    activity_record(actor=actor, verb="report.output_removed", obj=report, details={"part": part.pk})


@transaction.atomic
def output_visibility_confirm(*, output: Output, actor, shows_statement: bool) -> Output:
    """Staff's own look at a material the check could not decide (an image, a scan) or got wrong."""
    output = (
        Output.objects.select_for_update(of=("self",)).select_related("part__report__agreement__call").get(pk=output.pk)
    )
    if not is_call_staff.test(actor, output.part.report.agreement.call):
        raise Forbidden("permission.denied", _("Only the call's staff confirm the EU funding statement."))
    output.visibility = Output.Visibility.CONFIRMED if shows_statement else Output.Visibility.REFUSED
    output.confirmed_by = actor
    output.save(update_fields=["visibility", "confirmed_by"])
    public_figures_changed(output.part.report.agreement.call_id)
    activity_record(
        actor=actor,
        verb="report.visibility_confirmed",
        obj=output.part.report,
        details={"output": output.pk, "shows_statement": shows_statement},
    )
    return output


@transaction.atomic
def report_summary_save(*, report: Report, actor, summary: str) -> Report:
    report = _lock_report(report)
    _require_writable(report)
    if not _is_person_of(actor, report.agreement.consortium.lead_id):
        raise Forbidden("permission.denied", _("The lead NGO writes the consortium's summary."))
    report.summary = summary
    report.save(update_fields=["summary"])
    activity_record(actor=actor, verb="report.summary_saved", obj=report)
    return report


def spending_findings_for(agreement: Agreement) -> list[Finding]:
    """Every pilot's spending so far (all reports) against its approved budget, per category."""
    from .selectors import spending_by_plan

    plans = list(agreement.plans.prefetch_related("budget_lines__category"))
    spent = spending_by_plan([p.pk for p in plans])
    findings: list[Finding] = []
    for plan in plans:
        lines = list(plan.budget_lines.all())
        rows = rules.spending_by_category(((ln.pk, ln.category_id, ln.amount) for ln in lines), spent.get(plan.pk, {}))
        names = {ln.category_id: f"{plan.title} — {ln.category.name}" for ln in lines}
        findings += rules.spending_findings(
            rows,
            threshold_percent=agreement.call.reallocation_threshold_percent,
            names=names,
            subject=f"plan:{plan.pk}",
        )
    return findings


def submit_findings(report: Report) -> list[Finding]:
    """What the consolidated report must meet to be submitted (the page's checklist shows the same)."""
    # A fresh query: on a page's report the parts' prefetch tree would be fetched again whole.
    parts = list(PilotReport.objects.filter(report=report).select_related("plan"))
    findings = rules.report_submit_findings(
        summary=report.summary, parts_ready=[(p.plan.title, p.ready) for p in parts]
    )
    for part in parts:
        findings += rules.part_findings(
            participants=part.participants,
            women=part.women,
            youth=part.youth,
            narrative=part.narrative,
            subject=f"part:{part.pk}",
        )
    return findings + spending_findings_for(report.agreement)


def _transition(report: Report, to: str, actor, note: str = "") -> None:
    ReportTransition.objects.create(report=report, from_status=report.status, to_status=to, actor=actor, note=note)
    report.status = to
    activity_record(actor=actor, verb=f"report.{to}", obj=report, details={"note": note} if note else {})


@transaction.atomic
def report_submit(*, report: Report, actor) -> Report:
    """The lead NGO's head submits the consolidated report once every part is complete."""
    report = _lock_report(report)
    _require_writable(report)
    agreement = report.agreement
    if not Membership.objects.filter(
        user=actor, organization_id=agreement.consortium.lead_id, role=Membership.Role.HEAD
    ).exists():
        raise Forbidden("permission.denied", _("The head of the lead NGO submits the consolidated report."))
    findings = submit_findings(report)
    if errors(findings):
        raise _invalid(findings, "report.incomplete")
    _transition(report, Report.Status.SUBMITTED, actor)
    report.submitted_at, report.submitted_by = timezone.now(), actor
    report.save()
    for user, language in call_staff_people(agreement.call):
        queue_email(
            to=user.email,
            language=language,
            template="implementation/emails/report_submitted",
            context={"report": report, "agreement": agreement, "user": user},
        )
    return report


def _lock_for_staff(report: Report, actor) -> Report:
    report = _lock_report(report)
    if not is_call_staff.test(actor, report.agreement.call):
        raise Forbidden("permission.denied", _("Only the call's staff review reports."))
    if report.status != Report.Status.SUBMITTED:
        raise Conflict("report.not_submitted", _("Only a submitted report is returned or approved."))
    return report


@transaction.atomic
def report_return(*, report: Report, actor, comments: list[tuple[int | None, str, str]]) -> Report:
    """Return a report with comments, each on a section of the summary or of a member's part."""
    report = _lock_for_staff(report, actor)
    comments = [(part_id, section, text.strip()) for part_id, section, text in comments if text and text.strip()]
    if not comments:
        raise Invalid("report.comments", _("Write at least one comment saying what to change."))
    part_ids = set(report.parts.values_list("pk", flat=True))
    for part_id, section, _text in comments:
        if section not in ReportComment.Section.values or (part_id is not None and part_id not in part_ids):
            raise Invalid("report.comment_section", _("A comment is on a section of this report."))
    ReportComment.objects.bulk_create(
        [
            ReportComment(report=report, part_id=part_id, section=section, text=text, round=report.round, author=actor)
            for part_id, section, text in comments
        ]
    )
    _transition(report, Report.Status.RETURNED, actor)
    report.round += 1
    report.decided_at, report.decided_by = timezone.now(), actor
    # Parts commented on must be looked at again by their NGO.
    report.parts.filter(pk__in={p for p, _s, _t in comments if p}).update(ready=False)
    report.save()
    for user, language in consortium_people(report.agreement):
        queue_email(
            to=user.email,
            language=language,
            template="implementation/emails/report_returned",
            context={"report": report, "agreement": report.agreement, "user": user, "count": len(comments)},
        )
    return report


@transaction.atomic
def report_approve(*, report: Report, actor, note: str = "") -> Report:
    """Approve a submitted report: it freezes (snapshot and hash), and its tranche may be paid."""
    report = _lock_for_staff(report, actor)
    _transition(report, Report.Status.APPROVED, actor, note)
    report.decided_at, report.decided_by = timezone.now(), actor
    report.snapshot = report_snapshot(report)
    report.sha256 = snapshot_hash(report.snapshot)
    report.save()
    public_figures_changed(report.agreement.call_id)
    agreement = report.agreement
    if agreement.status == Agreement.Status.SIGNED:
        # Work reported and approved means implementation is under way.
        from .agreements import agreement_transition

        agreement_transition(agreement=agreement, to=Agreement.Status.ACTIVE, actor=actor)
    for user, language in consortium_people(agreement):
        queue_email(
            to=user.email,
            language=language,
            template="implementation/emails/report_approved",
            context={"report": report, "agreement": agreement, "user": user},
        )
    return report
