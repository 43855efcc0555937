"""Changes of a pilot's implementation plan: the NGO proposes, staff approve or reject; the history stays.

A proposal is the whole plan as it should become (period, activities,
indicators, budget lines), in the plain shape of `plan_data`. Rows keep their
ids across a change, so spending and reported activities stay attached; a
row something was already reported against can be changed, never removed.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.emails import queue_email
from ecodialogue.core.errors import Conflict, Forbidden, Invalid
from ecodialogue.core.findings import Finding, Severity, errors
from ecodialogue.core.services import activity_record
from ecodialogue.grants.permissions import is_call_staff

from . import rules
from .models import (
    ActivityProgress,
    Expenditure,
    IndicatorActual,
    PilotPlan,
    PlanActivity,
    PlanBudgetLine,
    PlanChange,
    PlanIndicator,
)
from .notify import call_staff_people, consortium_people
from .public_stamp import public_figures_changed
from .selectors import spending_by_plan


def plan_data(plan: PilotPlan) -> dict:
    """The plan as plain JSON-able data: what a proposal edits and what the history keeps."""
    return {
        "title": plan.title,
        "summary": plan.summary,
        "starts_on": plan.starts_on.isoformat() if plan.starts_on else None,
        "ends_on": plan.ends_on.isoformat() if plan.ends_on else None,
        "activities": [
            {"id": a.pk, "title": a.title, "starts_on": a.starts_on.isoformat(), "ends_on": a.ends_on.isoformat()}
            for a in plan.activities.all()
        ],
        "indicators": [
            {"id": i.pk, "name": i.name, "unit": i.unit, "target": str(i.target)} for i in plan.indicators.all()
        ],
        "budget_lines": [
            {
                "id": line.pk,
                "category_id": line.category_id,
                "item": line.item,
                "unit": line.unit,
                "quantity": str(line.quantity),
                "unit_cost": str(line.unit_cost),
            }
            for line in plan.budget_lines.all()
        ],
    }


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _id(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def normalise_proposal(data: dict) -> dict:
    """Parse a proposal from a form or the API into typed values (what did not parse becomes None)."""
    return {
        "title": str(data.get("title") or "").strip(),
        "summary": str(data.get("summary") or "").strip(),
        "starts_on": _date(data.get("starts_on")),
        "ends_on": _date(data.get("ends_on")),
        "activities": [
            {
                "id": _id(a.get("id")),
                "title": str(a.get("title") or "").strip(),
                "starts_on": _date(a.get("starts_on")),
                "ends_on": _date(a.get("ends_on")),
            }
            for a in data.get("activities") or []
        ],
        "indicators": [
            {
                "id": _id(i.get("id")),
                "name": str(i.get("name") or "").strip(),
                "unit": str(i.get("unit") or "").strip(),
                "target": _decimal(i.get("target")),
            }
            for i in data.get("indicators") or []
        ],
        "budget_lines": [
            {
                "id": _id(line.get("id")),
                "category_id": _id(line.get("category_id")),
                "item": str(line.get("item") or "").strip(),
                "unit": str(line.get("unit") or "").strip(),
                "quantity": _decimal(line.get("quantity")),
                "unit_cost": _decimal(line.get("unit_cost")),
            }
            for line in data.get("budget_lines") or []
        ],
    }


def _jsonable(proposal: dict) -> dict:
    def plain(value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        return value

    return {
        key: [{k: plain(v) for k, v in row.items()} for row in value] if isinstance(value, list) else plain(value)
        for key, value in proposal.items()
    }


def proposal_findings(plan: PilotPlan, proposal: dict) -> list[Finding]:
    """Every rule a proposed plan must meet, with the plan's current rows and spending as context."""
    agreement = plan.agreement
    call = agreement.call
    findings: list[Finding] = []
    if not proposal["title"]:
        findings.append(Finding("title_missing", Severity.ERROR, _("Give the pilot project's title.")))
    findings += rules.period_findings(proposal["starts_on"], proposal["ends_on"], max_months=call.pilot_max_months)
    period = (proposal["starts_on"], proposal["ends_on"])
    for index, activity in enumerate(proposal["activities"], start=1):
        if not activity["title"]:
            findings.append(
                Finding("activity_title", Severity.ERROR, _("Activity %(number)d needs a title."), {"number": index})
            )
        findings += rules.dates_within_findings(
            activity["starts_on"], activity["ends_on"], period=period, subject=f"activity:{index}"
        )
    for index, indicator in enumerate(proposal["indicators"], start=1):
        target = indicator["target"]
        if not indicator["name"] or target is None or target < 0 or not rules.within_columns(target):
            findings.append(
                Finding(
                    "indicator_incomplete",
                    Severity.ERROR,
                    _("Indicator %(number)d needs a name and a target of 0 or more."),
                    {"number": index},
                )
            )
    findings += _length_findings(proposal)
    findings += _reported_within(plan, period)
    spent = spending_by_plan([plan.pk]).get(plan.pk, {})
    others = sum((p.budget_total for p in agreement.plans.exclude(pk=plan.pk)), Decimal("0"))
    findings += rules.plan_budget_findings(
        lines=proposal["budget_lines"],
        allowed_categories=set(call.budget_categories.values_list("pk", flat=True)),
        ceiling=agreement.amount - others,
        spent_by_line=spent,
    )
    # Rows something was reported against stay (their ids must be in the proposal).
    kept_activities = {a["id"] for a in proposal["activities"] if a["id"]}
    reported_activities = set(
        ActivityProgress.objects.filter(activity__plan=plan).values_list("activity_id", flat=True)
    )
    kept_indicators = {i["id"] for i in proposal["indicators"] if i["id"]}
    reported_indicators = set(
        IndicatorActual.objects.filter(indicator__plan=plan).values_list("indicator_id", flat=True)
    )
    if reported_activities - kept_activities or reported_indicators - kept_indicators:
        findings.append(
            Finding(
                "reported_row_removed",
                Severity.ERROR,
                _("An activity or indicator that a report already refers to cannot be removed."),
            )
        )
    return findings


# Longest texts the plan's columns hold, checked here so a page and the API both get a message, not an error.
LENGTHS = {"title": 300, "activities.title": 300, "indicators.name": 300, "indicators.unit": 64}
LENGTHS |= {"budget_lines.item": 300, "budget_lines.unit": 64}


def _length_findings(proposal: dict) -> list[Finding]:
    too_long = len(proposal["title"]) > LENGTHS["title"]
    for key, limit in LENGTHS.items():
        if "." in key:
            rows, field = key.split(".")
            too_long = too_long or any(len(row[field]) > limit for row in proposal[rows])
    if not too_long:
        return []
    return [
        Finding(
            "text_too_long", Severity.ERROR, _("A title or unit is longer than the plan holds (300 and 64 letters).")
        )
    ]


def _reported_within(plan: PilotPlan, period) -> list[Finding]:
    """What was already reported must stay inside the period: a change cannot leave it outside."""
    start, end = period
    if start is None or end is None:
        return []
    activities = ActivityProgress.objects.filter(part__plan=plan).exclude(done_from__gte=start, done_to__lte=end)
    spending = Expenditure.objects.filter(part__plan=plan).exclude(spent_on__gte=start, spent_on__lte=end)
    if not (activities.exists() or spending.exists()):
        return []
    return [
        Finding(
            "reported_outside_period",
            Severity.ERROR,
            _("Activities or payments already reported would fall outside this period."),
        )
    ]


def _reallocation(plan: PilotPlan, proposal: dict) -> list[int]:
    before = rules.category_totals((line.category_id, line.amount) for line in plan.budget_lines.all())
    after = rules.category_totals(
        (line["category_id"], rules.money(line["quantity"] * line["unit_cost"]))
        for line in proposal["budget_lines"]
        if line["category_id"] and line["quantity"] and line["unit_cost"]
    )
    return rules.reallocated_categories(
        before, after, threshold_percent=plan.agreement.call.reallocation_threshold_percent
    )


def _lock_plan(plan: PilotPlan) -> PilotPlan:
    return (
        PilotPlan.objects.select_for_update(of=("self",))
        .select_related("agreement__call", "agreement__consortium")
        .get(pk=plan.pk)
    )


def _is_person_of(user, organization_id: int) -> bool:
    from ecodialogue.organizations.models import Membership

    return (
        bool(user and user.is_authenticated)
        and Membership.objects.filter(user=user, organization_id=organization_id).exists()
    )


@transaction.atomic
def plan_change_propose(*, plan: PilotPlan, actor, proposal: dict, reason: str, base_version: int) -> PlanChange:
    """Propose the plan as it should become; staff decide. One open proposal per plan."""
    plan = _lock_plan(plan)
    agreement = plan.agreement
    if not (_is_person_of(actor, plan.organization_id) or _is_person_of(actor, agreement.consortium.lead_id)):
        raise Forbidden("permission.denied", _("Only the implementing NGO or the lead NGO proposes changes."))
    if not agreement.is_running:
        raise Conflict("plan.agreement_not_running", _("Plans change while the agreement is being implemented."))
    if base_version != plan.version:
        raise Conflict("plan.stale", _("The plan was changed since you opened it. Reload it and propose again."))
    if not reason.strip():
        raise Invalid("plan.reason", _("Say why the plan should change."))
    proposal = normalise_proposal(proposal)
    problems = errors(proposal_findings(plan, proposal))
    if problems:
        raise Invalid("plan.invalid", problems[0].text, details=[{"code": f.code, "message": f.text} for f in problems])
    try:
        with transaction.atomic():
            change = PlanChange.objects.create(
                plan=plan,
                reason=reason.strip(),
                base_version=plan.version,
                before=plan_data(plan),
                proposal=_jsonable(proposal),
                reallocation=_reallocation(plan, proposal),
                proposed_by=actor,
            )
    except IntegrityError as error:
        raise Conflict("plan.open_proposal", _("This plan already has a proposal waiting for staff.")) from error
    activity_record(actor=actor, verb="plan.change_proposed", obj=plan, details={"change": change.pk})
    for user, language in call_staff_people(agreement.call):
        queue_email(
            to=user.email,
            language=language,
            template="implementation/emails/plan_change_proposed",
            context={"plan": plan, "change": change, "agreement": agreement, "user": user},
        )
    return change


def _apply(plan: PilotPlan, proposal: dict) -> None:
    """Make the plan what the proposal says, keeping the ids of rows that stay."""
    plan.title, plan.summary = proposal["title"], proposal["summary"]
    plan.starts_on, plan.ends_on = proposal["starts_on"], proposal["ends_on"]

    def sync(model, rows, fields, extra=None):
        existing = {row.pk: row for row in model.objects.filter(plan=plan)}
        keep = set()
        for position, data in enumerate(rows):
            values = {field: data[field] for field in fields} | (extra(data) if extra else {}) | {"position": position}
            row = existing.get(data.get("id"))
            if row is None:
                row = model.objects.create(plan=plan, **values)
            else:
                for key, value in values.items():
                    setattr(row, key, value)
                row.save()
            keep.add(row.pk)
        model.objects.filter(plan=plan).exclude(pk__in=keep).delete()

    sync(PlanActivity, proposal["activities"], ("title", "starts_on", "ends_on"))
    sync(PlanIndicator, proposal["indicators"], ("name", "unit", "target"))
    sync(
        PlanBudgetLine,
        proposal["budget_lines"],
        ("category_id", "item", "unit", "quantity", "unit_cost"),
        lambda d: {"amount": rules.money(d["quantity"] * d["unit_cost"])},
    )
    plan.budget_total = sum((line.amount for line in plan.budget_lines.all()), Decimal("0"))
    plan.version += 1
    plan.save()


def _lock_change(change: PlanChange, actor) -> tuple[PlanChange, PilotPlan]:
    plan = _lock_plan(change.plan)
    change = PlanChange.objects.select_for_update().get(pk=change.pk, plan=plan)
    if change.status != PlanChange.Status.PROPOSED:
        raise Conflict("plan.change_decided", _("This proposal is already decided."))
    return change, plan


def _decide(change: PlanChange, plan: PilotPlan, actor, status: str, note: str) -> None:
    change.status = status
    change.decided_by, change.decided_at, change.decision_note = actor, timezone.now(), note
    change.save()
    activity_record(actor=actor, verb=f"plan.change_{status}", obj=plan, details={"change": change.pk, "note": note})
    if status in (PlanChange.Status.APPROVED, PlanChange.Status.REJECTED):
        for user, language in consortium_people(plan.agreement):
            if user.pk == getattr(actor, "pk", None):
                continue
            queue_email(
                to=user.email,
                language=language,
                template="implementation/emails/plan_change_decided",
                context={"plan": plan, "change": change, "user": user},
            )


@transaction.atomic
def plan_change_approve(*, change: PlanChange, actor, note: str = "") -> PilotPlan:
    """Apply a proposal: re-checked against the plan as it is now (spending may have moved on)."""
    change, plan = _lock_change(change, actor)
    if not is_call_staff.test(actor, plan.agreement.call):
        raise Forbidden("permission.denied", _("Only the call's staff approve changes of a plan."))
    if change.base_version != plan.version:
        raise Conflict("plan.stale", _("The plan changed after this proposal was made; it must be proposed again."))
    proposal = normalise_proposal(change.proposal)
    problems = errors(proposal_findings(plan, proposal))
    if problems:
        raise Invalid("plan.invalid", problems[0].text, details=[{"code": f.code, "message": f.text} for f in problems])
    _apply(plan, proposal)
    _decide(change, plan, actor, PlanChange.Status.APPROVED, note)
    public_figures_changed(plan.agreement.call_id)
    return plan


@transaction.atomic
def plan_change_reject(*, change: PlanChange, actor, note: str) -> PlanChange:
    change, plan = _lock_change(change, actor)
    if not is_call_staff.test(actor, plan.agreement.call):
        raise Forbidden("permission.denied", _("Only the call's staff decide on changes of a plan."))
    if not note.strip():
        raise Invalid("plan.note", _("Say why the change is not approved."))
    _decide(change, plan, actor, PlanChange.Status.REJECTED, note.strip())
    return change


@transaction.atomic
def plan_change_withdraw(*, change: PlanChange, actor) -> PlanChange:
    change, plan = _lock_change(change, actor)
    if not (_is_person_of(actor, plan.organization_id) or _is_person_of(actor, plan.agreement.consortium.lead_id)):
        raise Forbidden("permission.denied", _("Only the NGO that proposed it withdraws a proposal."))
    _decide(change, plan, actor, PlanChange.Status.WITHDRAWN, "")
    return change
