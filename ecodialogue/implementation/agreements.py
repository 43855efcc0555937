"""Every write to grant agreements: create from the decision, set the terms, sign, run, close, pay tranches.

Only the call's staff write here. Terms (amount, tranches, pilot periods,
the reporting schedule) change only while the agreement is a draft; signing
freezes them and opens the reports. A tranche is paid once (a database
constraint), and only when its condition holds: the agreement signed, and
the report it is tied to approved.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.emails import queue_email
from ecodialogue.core.errors import Conflict, Forbidden, Invalid
from ecodialogue.core.files import check_document, sha256_of
from ecodialogue.core.findings import errors
from ecodialogue.core.services import activity_record
from ecodialogue.grants.models import Award, Pilot
from ecodialogue.grants.permissions import is_call_staff

from . import rules
from .models import (
    Agreement,
    AgreementTransition,
    Payment,
    PilotPlan,
    PilotReport,
    PlanActivity,
    PlanBudgetLine,
    PlanIndicator,
    Report,
    Tranche,
)
from .notify import consortium_people
from .public_stamp import public_figures_changed

# The seed call's arrangement: half on signature, 40 % on the interim report, the rest on the final one.
DEFAULT_TRANCHES = (Decimal("50"), Decimal("40"), Decimal("10"))
# Reports are due this many days after the end of their period.
REPORT_DUE_AFTER_DAYS = 10

# from → to → what the transition needs; every transition is the call's staff's.
TRANSITIONS = {
    Agreement.Status.DRAFT: (Agreement.Status.SIGNED,),
    Agreement.Status.SIGNED: (Agreement.Status.ACTIVE, Agreement.Status.TERMINATED),
    Agreement.Status.ACTIVE: (Agreement.Status.CLOSED, Agreement.Status.TERMINATED),
    Agreement.Status.CLOSED: (),
    Agreement.Status.TERMINATED: (),
}


@dataclass
class ReportTerm:
    """One report of the schedule: its kind, the period it covers and when it is due."""

    kind: str
    period_start: datetime.date
    period_end: datetime.date
    due_on: datetime.date


def _require_staff(actor, agreement_or_call) -> None:
    call = getattr(agreement_or_call, "call", agreement_or_call)
    if not is_call_staff.test(actor, call):
        raise Forbidden("permission.denied", _("Only the call's staff manage grant agreements."))


def _lock(agreement: Agreement) -> Agreement:
    return (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("call", "consortium__lead", "award__application")
        .get(pk=agreement.pk)
    )


def default_schedule(starts_on: datetime.date, ends_on: datetime.date) -> list[ReportTerm]:
    """An interim report over the first half of the period and a final report over the whole of it."""
    days = (ends_on - starts_on).days
    middle = starts_on + datetime.timedelta(days=days // 2)
    due = datetime.timedelta(days=REPORT_DUE_AFTER_DAYS)
    return [
        ReportTerm(Report.Kind.INTERIM, starts_on, middle, middle + due),
        ReportTerm(Report.Kind.FINAL, middle + datetime.timedelta(days=1), ends_on, ends_on + due),
    ]


def _carry_over(agreement: Agreement, pilot: Pilot, position: int, starts_on: datetime.date) -> PilotPlan:
    """Copy a submitted pilot's activities, indicators and budget into its implementation plan."""
    activities = list(pilot.activities.all())
    months = max((a.end_month or 0 for a in activities), default=0) or agreement.call.pilot_max_months
    months = min(months, agreement.call.pilot_max_months)
    plan = PilotPlan.objects.create(
        agreement=agreement,
        pilot=pilot,
        organization=pilot.organization,
        position=position,
        title=pilot.title,
        settlement=pilot.settlement,
        summary=pilot.goals,
        starts_on=starts_on,
        ends_on=rules.latest_end(starts_on, months),
    )
    for index, activity in enumerate(activities):
        if activity.start_month and activity.end_month:
            first, last = rules.month_dates(starts_on, activity.start_month, min(activity.end_month, months))
            PlanActivity.objects.create(plan=plan, title=activity.title, starts_on=first, ends_on=last, position=index)
    for index, indicator in enumerate(pilot.indicators.all()):
        if indicator.name and indicator.target is not None:
            PlanIndicator.objects.create(
                plan=plan, name=indicator.name, unit=indicator.unit, target=indicator.target, position=index
            )
    total = Decimal("0")
    for index, line in enumerate(pilot.budget_lines.all()):
        if line.category_id and line.quantity and line.unit_cost:
            PlanBudgetLine.objects.create(
                plan=plan,
                category_id=line.category_id,
                item=line.item,
                unit=line.unit,
                quantity=line.quantity,
                unit_cost=line.unit_cost,
                amount=line.total,
                position=index,
            )
            total += line.total
    plan.budget_total = total
    plan.save(update_fields=["budget_total"])
    return plan


@transaction.atomic
def agreement_create(*, award: Award, actor, starts_on: datetime.date) -> Agreement:
    """Draft the agreement of an award from the submitted application: plans, default tranches and reports."""
    award = Award.objects.select_related("application__call", "application__consortium", "decision").get(pk=award.pk)
    application = award.application
    _require_staff(actor, application.call)
    if not award.decision.is_published:
        raise Invalid("agreement.not_published", _("Agreements are made once the results are published."))
    if Agreement.objects.filter(award=award).exists():
        raise Conflict("agreement.exists", _("This consortium already has its agreement."))
    call = application.call
    if not rules.plausible(starts_on):
        raise Invalid("agreement.starts_on", _("Give the date implementation starts."))
    agreement = Agreement.objects.create(
        award=award,
        call=call,
        consortium=application.consortium,
        number=f"{application.number}-GA",
        amount=award.amount,
        currency=call.currency,
        created_by=actor,
    )
    pilots = Pilot.objects.filter(application=application).prefetch_related("activities", "indicators", "budget_lines")
    plans = [_carry_over(agreement, pilot, index, starts_on) for index, pilot in enumerate(pilots)]
    ends_on = max((p.ends_on for p in plans), default=rules.latest_end(starts_on, call.pilot_max_months))
    agreement.starts_on, agreement.ends_on = starts_on, ends_on
    agreement.save(update_fields=["starts_on", "ends_on"])
    _replace_schedule(agreement, list(DEFAULT_TRANCHES), default_schedule(starts_on, ends_on))
    activity_record(actor=actor, verb="agreement.created", obj=agreement, details={"amount": str(award.amount)})
    return agreement


def _replace_schedule(agreement: Agreement, percents: list[Decimal], reports: list[ReportTerm]) -> None:
    """Tranches and reports of a draft, rebuilt: the first tranche on signature, each next on a report."""
    Tranche.objects.filter(agreement=agreement).delete()
    Report.objects.filter(agreement=agreement).delete()
    created = [
        Report.objects.create(
            agreement=agreement,
            sequence=index,
            kind=term.kind,
            period_start=term.period_start,
            period_end=term.period_end,
            due_on=term.due_on,
        )
        for index, term in enumerate(reports, start=1)
    ]
    for index, (percent, amount) in enumerate(
        zip(percents, rules.tranche_amounts(agreement.amount, percents), strict=True)
    ):
        Tranche.objects.create(
            agreement=agreement,
            position=index + 1,
            percent=percent,
            amount=amount,
            # Tranche 1 on signature; tranche n on the approval of report n-1.
            report=created[index - 1] if 0 < index <= len(created) else None,
        )


def schedule_findings(agreement: Agreement, percents: list[Decimal], reports: list[ReportTerm]) -> list:
    findings = rules.tranche_findings(percents)
    if len(percents) - 1 > len(reports):
        findings.append(
            rules.Finding(
                "tranches_without_report",
                rules.Severity.ERROR,
                _("Every tranche after the first needs a report whose approval releases it."),
            )
        )
    if not reports:
        findings.append(rules.Finding("reports_missing", rules.Severity.ERROR, _("Plan at least the final report.")))
    for index, term in enumerate(reports, start=1):
        if term.period_end < term.period_start or term.due_on < term.period_end:
            findings.append(
                rules.Finding(
                    "report_dates",
                    rules.Severity.ERROR,
                    _("Report %(number)d: its period must be in order and it is due after the period ends."),
                    {"number": index},
                )
            )
    if reports and reports[-1].kind != Report.Kind.FINAL:
        findings.append(
            rules.Finding("final_report_last", rules.Severity.ERROR, _("The last report is the final report."))
        )
    return findings


@transaction.atomic
def agreement_terms_save(
    *,
    agreement: Agreement,
    actor,
    amount: Decimal,
    tranche_percents: list[Decimal],
    reports: list[ReportTerm],
    pilot_periods: dict[int, tuple[datetime.date, datetime.date]],
    notes: str = "",
) -> Agreement:
    """Set a draft's terms; refused whole with every finding when a rule says no."""
    agreement = _lock(agreement)
    _require_staff(actor, agreement)
    if not agreement.is_editable:
        raise Conflict("agreement.frozen", _("A signed agreement's terms no longer change."))
    findings = []
    if amount is None or amount <= 0:
        findings.append(
            rules.Finding("amount_not_positive", rules.Severity.ERROR, _("The amount must be more than zero."))
        )
    elif amount > agreement.award.amount:
        findings.append(
            rules.Finding(
                "amount_over_award",
                rules.Severity.ERROR,
                _("The agreement cannot give more than the %(award)s awarded."),
                {"award": agreement.award.amount},
            )
        )
    plans = list(agreement.plans.all())
    for plan in plans:
        start, end = pilot_periods.get(plan.pk, (plan.starts_on, plan.ends_on))
        findings += rules.period_findings(
            start, end, max_months=agreement.call.pilot_max_months, subject=f"plan:{plan.pk}"
        )
    findings += schedule_findings(agreement, tranche_percents, reports)
    if errors(findings):
        raise Invalid("agreement.terms", errors(findings)[0].text, details=[f.code for f in errors(findings)])
    agreement.amount = amount
    agreement.notes = notes
    for plan in plans:
        start, end = pilot_periods.get(plan.pk, (plan.starts_on, plan.ends_on))
        if start != plan.starts_on:
            # The planned activities move with their pilot: they were dated from its first day.
            shift = start - plan.starts_on
            for activity in plan.activities.all():
                activity.starts_on = min(activity.starts_on + shift, end)
                activity.ends_on = min(activity.ends_on + shift, end)
                activity.save(update_fields=["starts_on", "ends_on"])
        plan.starts_on, plan.ends_on = start, end
        plan.save(update_fields=["starts_on", "ends_on"])
    agreement.starts_on = min(p.starts_on for p in plans) if plans else agreement.starts_on
    agreement.ends_on = max(p.ends_on for p in plans) if plans else agreement.ends_on
    agreement.save()
    _replace_schedule(agreement, tranche_percents, reports)
    activity_record(actor=actor, verb="agreement.terms_changed", obj=agreement)
    return agreement


def _transition(agreement: Agreement, to: str, actor, note: str = "") -> None:
    if to not in TRANSITIONS[agreement.status]:
        raise Conflict(
            "agreement.transition",
            _("An agreement that is %(from)s cannot become %(to)s.")
            % {"from": agreement.get_status_display(), "to": Agreement.Status(to).label},
        )
    AgreementTransition.objects.create(
        agreement=agreement, from_status=agreement.status, to_status=to, actor=actor, note=note
    )
    agreement.status = to
    agreement.save(update_fields=["status", "updated_at", *(["signed_on"] if to == Agreement.Status.SIGNED else [])])
    activity_record(actor=actor, verb="agreement.transition", obj=agreement, details={"to": to, "note": note})
    public_figures_changed(agreement.call_id)


@transaction.atomic
def agreement_sign(*, agreement: Agreement, actor, signed_on: datetime.date, upload) -> Agreement:
    """Record the signed agreement (the scan, as PDF): the terms freeze and the reports open."""
    agreement = _lock(agreement)
    _require_staff(actor, agreement)
    try:
        check_document(upload, allowed=["pdf"], max_bytes=20 * 1024 * 1024)
    except ValidationError as error:
        raise Invalid(f"agreement.{error.code or 'file'}", error.messages[0]) from error
    if signed_on is None or signed_on > timezone.localdate():
        raise Invalid("agreement.signed_on", _("Give the date the agreement was signed (not in the future)."))
    percents = [t.percent for t in agreement.tranches.all()]
    terms = [ReportTerm(r.kind, r.period_start, r.period_end, r.due_on) for r in agreement.reports.all()]
    findings = errors(schedule_findings(agreement, percents, terms))
    if findings:
        raise Invalid("agreement.terms", findings[0].text, details=[f.code for f in findings])
    agreement.signed_on = signed_on
    agreement.signed_file_name = (getattr(upload, "name", "") or "agreement.pdf")[-255:]
    agreement.signed_file_sha256 = sha256_of(upload)
    agreement.signed_file.save(agreement.signed_file_name, upload, save=False)
    _transition(agreement, Agreement.Status.SIGNED, actor)
    agreement.save(update_fields=["signed_file", "signed_file_name", "signed_file_sha256"])
    # Every report gets a part per pilot now, so each member sees what it owes from the first day.
    plans = list(agreement.plans.all())
    PilotReport.objects.bulk_create(
        [PilotReport(report=report, plan=plan) for report in agreement.reports.all() for plan in plans]
    )
    for user, language in consortium_people(agreement):
        queue_email(
            to=user.email,
            language=language,
            template="implementation/emails/agreement_signed",
            context={"agreement": agreement, "user": user},
        )
    return agreement


@transaction.atomic
def agreement_transition(*, agreement: Agreement, to: str, actor, note: str = "") -> Agreement:
    """Start implementation, close (everything approved and paid) or terminate (with a reason)."""
    agreement = _lock(agreement)
    _require_staff(actor, agreement)
    if to == Agreement.Status.SIGNED:
        raise Invalid("agreement.sign_with_file", _("An agreement is signed by uploading the signed copy."))
    if to == Agreement.Status.TERMINATED and not note.strip():
        raise Invalid("agreement.reason", _("Say why the agreement is terminated."))
    if to == Agreement.Status.CLOSED:
        if agreement.reports.exclude(status=Report.Status.APPROVED).exists():
            raise Conflict("agreement.reports_open", _("An agreement closes once every report is approved."))
        if agreement.tranches.filter(payment__isnull=True).exists():
            raise Conflict("agreement.tranches_open", _("An agreement closes once every tranche is paid."))
    _transition(agreement, to, actor, note)
    return agreement


@transaction.atomic
def tranche_pay(
    *, tranche: Tranche, actor, paid_on: datetime.date, amount: Decimal | None = None, reference: str = ""
) -> Payment:
    """Record a tranche as paid: once, after its condition holds, for at most its amount."""
    agreement = _lock(tranche.agreement)
    _require_staff(actor, agreement)
    # Re-read under the agreement's lock: two staff paying at once see each other's payment.
    tranche = Tranche.objects.select_related("report").get(pk=tranche.pk, agreement=agreement)
    if not agreement.is_running and agreement.status != Agreement.Status.CLOSED:
        raise Conflict("tranche.agreement_not_signed", _("Tranches are paid once the agreement is signed."))
    if Payment.objects.filter(tranche=tranche).exists():
        raise Conflict("tranche.already_paid", _("This tranche is already paid."))
    if tranche.report is not None and tranche.report.status != Report.Status.APPROVED:
        raise Conflict(
            "tranche.report_not_approved",
            _("This tranche is paid after %(report)s is approved.") % {"report": tranche.report},
        )
    amount = tranche.amount if amount is None else rules.money(amount)
    if amount <= 0 or amount > tranche.amount:
        raise Invalid(
            "tranche.amount", _("The payment is more than zero and at most %(amount)s.") % {"amount": tranche.amount}
        )
    if paid_on is None or paid_on > timezone.localdate():
        raise Invalid("tranche.paid_on", _("Give the date of the payment (not in the future)."))
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                tranche=tranche, paid_on=paid_on, amount=amount, reference=reference, recorded_by=actor
            )
    except IntegrityError as error:  # the database's own refusal, should a payment slip past the lock
        raise Conflict("tranche.already_paid", _("This tranche is already paid.")) from error
    activity_record(
        actor=actor, verb="tranche.paid", obj=agreement, details={"tranche": tranche.position, "amount": str(amount)}
    )
    public_figures_changed(agreement.call_id)
    for user, language in consortium_people(agreement, heads_only=True):
        queue_email(
            to=user.email,
            language=language,
            template="implementation/emails/tranche_paid",
            context={"agreement": agreement, "tranche": tranche, "payment": payment, "user": user},
        )
    return payment
