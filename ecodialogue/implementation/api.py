"""A grant's implementation through the API: agreements, plans, reports, spending, reviews, public results.

The pages' services (agreements.py, plans.py, reports.py) and permissions (permissions.py), for
programs. Whoever may not see an agreement gets 404 for it and for everything in it; whoever may see
it but not do something gets 403 (a member on staff's operations, staff on a member's part, a
partner on the lead's summary); the services check again and refuse with their own codes, passed
through as {"code", "message", "details"}: 422 with the failing findings in `details` (a part whose
counts do not add up, a report that is not complete, terms that break a rule), 409 for what the
state forbids (a tranche paid twice, or before its report is approved). The public operations need
no sign-in and name organisations and places, never people.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status, UploadedFile

from ecodialogue.core.errors import Invalid
from ecodialogue.core.findings import errors
from ecodialogue.grants import permissions as grants_perms
from ecodialogue.grants.models import Award, ConsortiumMember

from . import agreements, plans, public_selectors, reports, rules
from . import permissions as perms
from .api_schemas import (
    ActivityDoneIn,
    ActivityDoneOut,
    AgreementCreateIn,
    AgreementOut,
    AgreementsQuery,
    AgreementSummaryOut,
    ApproveIn,
    AuthorityDecisionIn,
    AuthorityDecisionOut,
    CallImpactOut,
    DecideIn,
    ExpenditureIn,
    ExpenditureOut,
    OutputIn,
    OutputOut,
    PartIn,
    PartOut,
    PaymentIn,
    PlanChangeIn,
    PlanChangeOut,
    PlanOut,
    PublicPilotOut,
    ReportOut,
    ReturnIn,
    SignIn,
    SummaryIn,
    TermsIn,
    TrancheOut,
    TransitionIn,
    VisibilityIn,
)
from .models import (
    ActivityProgress,
    Agreement,
    AuthorityDecision,
    Expenditure,
    Output,
    PilotPlan,
    PlanBudgetLine,
    PlanChange,
    Report,
    Tranche,
)
from .selectors import agreement_for_page, report_for_page, spending_by_plan

router = Router(tags=["implementation"])


def _auth():
    from ecodialogue.api import AUTH

    return AUTH


# --- Who may: fetch through the permissions module --------------------------------


def _agreement(request, pk: int, permission=None) -> Agreement:
    """404 unless the caller may see the agreement (its consortium, the call's staff), 403 when a rule says no."""
    return perms.get_agreement_for_user(request.user, pk, permission)


def _plan(request, pk: int) -> PilotPlan:
    plan = (
        PilotPlan.objects.select_related("agreement__call", "agreement__consortium", "organization", "settlement")
        .prefetch_related(
            "activities",
            "indicators",
            Prefetch("budget_lines", queryset=PlanBudgetLine.objects.select_related("category")),
        )
        .filter(pk=pk)
        .first()
    )
    if plan is None or not perms.can_view_agreement.test(request.user, plan.agreement):
        raise Http404
    return plan


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _part(request, report_id: int, part_id: int):
    """A part the caller writes: the pilot's NGO or the lead (403 for staff and the other members)."""
    return perms.get_part_for_user(request.user, report_id, part_id, edit=True)


def _row(model, request, report_id: int, part_id: int, row_id: int):
    _report, part = _part(request, report_id, part_id)
    return get_object_or_404(model, pk=row_id, part=part)


# --- What comes out ----------------------------------------------------------------


def _agreement_summary(agreement: Agreement) -> dict:
    return {
        "id": agreement.pk,
        "number": agreement.number,
        "call": agreement.call.code,
        "call_title": agreement.call.title,
        "status": agreement.status,
        "lead_id": agreement.consortium.lead_id,
        "lead": agreement.consortium.lead.name,
        "amount": agreement.amount,
        "currency": agreement.currency,
        "starts_on": agreement.starts_on,
        "ends_on": agreement.ends_on,
        "signed_on": agreement.signed_on,
        "url": agreement.get_absolute_url(),
    }


def _tranche(tranche: Tranche) -> dict:
    payment = getattr(tranche, "payment", None)  # a reverse one-to-one: absent until paid
    return {
        "position": tranche.position,
        "percent": tranche.percent,
        "amount": tranche.amount,
        "report_id": tranche.report_id,
        "report_status": tranche.report.status if tranche.report_id else None,
        "payment": None
        if payment is None
        else {
            "paid_on": payment.paid_on,
            "amount": payment.amount,
            "reference": payment.reference,
            "recorded_at": payment.recorded_at,
        },
    }


def _report_summary(report: Report) -> dict:
    return {
        "id": report.pk,
        "sequence": report.sequence,
        "kind": report.kind,
        "period_start": report.period_start,
        "period_end": report.period_end,
        "due_on": report.due_on,
        "status": report.status,
        "round": report.round,
        "submitted_at": report.submitted_at,
        "decided_at": report.decided_at,
    }


def _agreement_out(agreement: Agreement, user) -> dict:
    """An agreement loaded by agreement_for_page."""
    return _agreement_summary(agreement) | {
        "award_id": agreement.award_id,
        "consortium_id": agreement.consortium_id,
        "notes": agreement.notes,
        "signed_file": {"name": agreement.signed_file_name, "sha256": agreement.signed_file_sha256}
        if agreement.signed_file
        else None,
        "plans": [
            {
                "id": plan.pk,
                "organization_id": plan.organization_id,
                "organization": plan.organization.name,
                "title": plan.title,
                "settlement": plan.settlement_id,
                "settlement_label": str(plan.settlement) if plan.settlement_id else None,
                "starts_on": plan.starts_on,
                "ends_on": plan.ends_on,
                "budget_total": plan.budget_total,
                "version": plan.version,
            }
            for plan in agreement.plans.all()
        ],
        "tranches": [_tranche(t) for t in agreement.tranches.all()],
        "reports": [_report_summary(r) for r in agreement.reports.all()],
        "transitions": [
            {"from_status": t.from_status, "to_status": t.to_status, "note": t.note, "created_at": t.created_at}
            for t in agreement.transitions.all()
        ],
        "can_manage": perms.can_manage_agreement.test(user, agreement),
        "next_states": list(agreements.TRANSITIONS[agreement.status]),
    }


def _reloaded_agreement(pk: int, user) -> dict:
    return _agreement_out(agreement_for_page(pk), user)


def _plan_out(plan: PilotPlan, user) -> dict:
    """The plan in the shape a proposal takes (plans.plan_data), with what was spent per line and category."""
    data = plans.plan_data(plan)
    spent = spending_by_plan([plan.pk]).get(plan.pk, {})
    lines = {line.pk: line for line in plan.budget_lines.all()}
    categories = rules.spending_by_category(((ln.pk, ln.category_id, ln.amount) for ln in lines.values()), spent)
    category_of = {ln.category_id: ln.category for ln in lines.values()}
    agreement = plan.agreement
    return data | {
        "id": plan.pk,
        "agreement_id": plan.agreement_id,
        "organization_id": plan.organization_id,
        "organization": plan.organization.name,
        "settlement": plan.settlement_id,
        "version": plan.version,
        "currency": agreement.currency,
        "budget_total": plan.budget_total,
        "spent_total": sum(spent.values(), Decimal("0.00")),
        "budget_lines": [
            row
            | {
                "category": lines[row["id"]].category.code,
                "amount": lines[row["id"]].amount,
                "spent": spent.get(row["id"], Decimal("0.00")),
            }
            for row in data["budget_lines"]
        ],
        "categories": [
            {
                "category_id": row.category_id,
                "category": category_of[row.category_id].code,
                "name": category_of[row.category_id].name,
                "approved": row.approved,
                "spent": row.spent,
                "remaining": row.remaining,
                "percent_spent": row.percent_spent,
            }
            for row in categories
        ],
        "open_change_id": plan.changes.filter(status=PlanChange.Status.PROPOSED).values_list("pk", flat=True).first(),
        "can_propose": agreement.is_running and perms.can_edit_plan_part(user, plan),
        "can_decide": perms.can_manage_agreement.test(user, agreement),
        "url": plan.get_absolute_url(),
    }


def _change(change: PlanChange) -> dict:
    return {
        "id": change.pk,
        "plan_id": change.plan_id,
        "status": change.status,
        "reason": change.reason,
        "base_version": change.base_version,
        "before": change.before,
        "proposal": change.proposal,
        "reallocation": change.reallocation,
        "proposed_at": change.proposed_at,
        "decided_at": change.decided_at,
        "decision_note": change.decision_note,
    }


def _finding(finding) -> dict:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.text,
        "subject": finding.subject,
    }


def _activity(row: ActivityProgress) -> dict:
    return {
        "id": row.pk,
        "activity_id": row.activity_id,
        "title": row.title,
        "done_from": row.done_from,
        "done_to": row.done_to,
        "note": row.note,
    }


def _decision(row: AuthorityDecision) -> dict:
    return {
        "id": row.pk,
        "authority": row.authority,
        "title": row.title,
        "number": row.number,
        "adopted_on": row.adopted_on,
        "document_name": row.document_name,
        "document_sha256": row.document_sha256,
    }


def _expenditure(row: Expenditure) -> dict:
    return {
        "id": row.pk,
        "line_id": row.line_id,
        "line": row.line.item,
        "category": row.line.category.code,
        "spent_on": row.spent_on,
        "description": row.description,
        "paid_currency": row.paid_currency,
        "paid_amount": row.paid_amount,
        "exchange_rate": row.exchange_rate,
        "amount": row.amount,
        "receipt_name": row.receipt_name,
        "receipt_type": row.receipt_type,
        "receipt_sha256": row.receipt_sha256,
    }


def _output(row: Output) -> dict:
    return {
        "id": row.pk,
        "part_id": row.part_id,
        "kind": row.kind,
        "title": row.title,
        "original_name": row.original_name,
        "file_type": row.file_type,
        "size": row.size,
        "sha256": row.sha256,
        "visibility": row.visibility,
        "shows_statement": row.shows_statement,
        "checked_at": row.checked_at,
    }


PART_FIELDS = (
    "narrative",
    "participants",
    "women",
    "youth",
    "events_held",
    "materials_produced",
    "infrastructure_installed",
    "infrastructure_note",
)


def _part_out(part, report: Report, user, spent: dict, writable: bool) -> dict:
    """A part loaded by report_for_page, with the plan's indicators and lines beside what was reported."""
    plan = part.plan
    plan.agreement = report.agreement  # the loaded agreement: the permission reads it without a query
    values = {actual.indicator_id: actual.value for actual in part.indicator_actuals.all()}
    spent_by_line = spent.get(plan.pk, {})
    return {
        "id": part.pk,
        "report_id": report.pk,
        "plan_id": plan.pk,
        "organization_id": plan.organization_id,
        "organization": plan.organization.name,
        "pilot": plan.title,
        **{name: getattr(part, name) for name in PART_FIELDS},
        "ready": part.ready,
        "updated_at": part.updated_at,
        "editable": writable and perms.can_edit_plan_part(user, plan),
        "indicators": [
            {"indicator_id": i.pk, "name": i.name, "unit": i.unit, "target": i.target, "value": values.get(i.pk)}
            for i in plan.indicators.all()
        ],
        "activities": [_activity(row) for row in part.activities.all()],
        "decisions": [_decision(row) for row in part.decisions.all()],
        "expenditures": [_expenditure(row) for row in part.expenditures.all()],
        "outputs": [_output(row) for row in part.outputs.all()],
        "budget_lines": [
            {
                "id": line.pk,
                "category": line.category.code,
                "item": line.item,
                "amount": line.amount,
                "spent": spent_by_line.get(line.pk, Decimal("0.00")),
            }
            for line in plan.budget_lines.all()
        ],
    }


def _report_out(report: Report, user) -> dict:
    """A report loaded by report_for_page: every part with its rows, staff's comments, the submit checklist."""
    agreement = report.agreement
    parts = list(report.parts.all())
    spent = spending_by_plan([p.plan_id for p in parts])
    writable = report.is_writable and agreement.is_running
    findings = reports.submit_findings(report)
    return _report_summary(report) | {
        "agreement_id": agreement.pk,
        "agreement_number": agreement.number,
        "currency": agreement.currency,
        "summary": report.summary,
        "sha256": report.sha256,
        "writable": writable,
        "can_write_summary": writable and perms.can_write_summary.test(user, agreement),
        "can_submit": writable and perms.can_submit_report.test(user, agreement),
        "can_review": report.status == Report.Status.SUBMITTED and perms.can_manage_agreement.test(user, agreement),
        "parts": [_part_out(part, report, user, spent, writable) for part in parts],
        "comments": [
            {
                "id": c.pk,
                "part_id": c.part_id,
                "section": c.section,
                "text": c.text,
                "round": c.round,
                "created_at": c.created_at,
            }
            for c in report.comments.all()
        ],
        "checklist": {"ready": not errors(findings), "findings": [_finding(f) for f in findings]},
        "url": report.get_absolute_url(),
    }


def _reloaded_report(pk: int, user) -> dict:
    return _report_out(report_for_page(pk), user)


def _reloaded_part(report_id: int, part_id: int, user) -> dict:
    report = report_for_page(report_id)
    parts = list(report.parts.all())
    part = next(p for p in parts if p.pk == part_id)
    writable = report.is_writable and report.agreement.is_running
    return _part_out(part, report, user, spending_by_plan([part.plan_id]), writable)


# --- Agreements --------------------------------------------------------------------


def _visible_agreements(user):
    """The agreements of the person's consortia and of the calls they staff (the same rule as can_view_agreement)."""
    if not user.is_authenticated:
        return Agreement.objects.none()
    if user.is_staff and user.is_superuser:
        return Agreement.objects.all()
    mine = grants_perms.organizations_of(user)
    visible = Q(consortium__lead_id__in=mine) | Q(
        consortium__members__organization_id__in=mine, consortium__members__status=ConsortiumMember.Status.ACCEPTED
    )
    if user.is_staff:
        visible |= Q(call__grant_maker_id__in=mine)
    return Agreement.objects.filter(pk__in=Agreement.objects.filter(visible).values("pk"))


@router.get(
    "/agreements",
    response=list[AgreementSummaryOut],
    auth=_auth(),
    summary="The agreements I may see: my consortia's, and the calls' I staff",
)
def agreement_list(request, query: Query[AgreementsQuery]):
    rows = _visible_agreements(request.user).select_related("call", "consortium__lead").order_by("call_id", "number")
    if query.call:
        rows = rows.filter(call__code=query.call)
    if query.status:
        rows = rows.filter(status=query.status)
    return [_agreement_summary(a) for a in rows]


@router.get(
    "/agreements/{agreement_id}",
    response=AgreementOut,
    auth=_auth(),
    summary="An agreement: its terms, pilots' plans, tranches with their payments, reports with their status",
)
def agreement_detail(request, agreement_id: int):
    return _agreement_out(_agreement(request, agreement_id), request.user)


@router.post(
    "/calls/{code}/awards/{award_id}/agreement",
    response={201: AgreementOut},
    auth=_auth(),
    summary="Draft the agreement of an award: plans from the application, default tranches and reports (staff)",
)
def agreement_create(request, code: str, award_id: int, payload: AgreementCreateIn):
    call = grants_perms.get_call_for_user(request.user, code, grants_perms.is_call_staff)
    award = get_object_or_404(Award, pk=award_id, decision__call=call)
    agreement = agreements.agreement_create(award=award, actor=request.user, starts_on=payload.starts_on)
    return Status(201, _reloaded_agreement(agreement.pk, request.user))


@router.put(
    "/agreements/{agreement_id}/terms",
    response=AgreementOut,
    auth=_auth(),
    summary="Set a draft's terms (staff); 422 agreement.terms with the codes of the failing rules",
)
def agreement_terms(request, agreement_id: int, payload: TermsIn):
    agreement = _agreement(request, agreement_id, perms.can_manage_agreement)
    known = {plan.pk for plan in agreement.plans.all()}
    if any(period.plan_id not in known for period in payload.pilot_periods):
        raise Invalid("agreement.plan_unknown", _("This pilot project is not part of the agreement."))
    agreements.agreement_terms_save(
        agreement=agreement,
        actor=request.user,
        amount=payload.amount,
        tranche_percents=payload.tranche_percents,
        reports=[agreements.ReportTerm(r.kind, r.period_start, r.period_end, r.due_on) for r in payload.reports],
        pilot_periods={p.plan_id: (p.starts_on, p.ends_on) for p in payload.pilot_periods},
        notes=payload.notes,
    )
    return _reloaded_agreement(agreement.pk, request.user)


@router.post(
    "/agreements/{agreement_id}/sign",
    response=AgreementOut,
    auth=_auth(),
    summary="Record the signed agreement (multipart: signed_on and the PDF); the terms freeze (staff)",
)
def agreement_sign(request, agreement_id: int, payload: Form[SignIn], file: File[UploadedFile]):
    agreement = _agreement(request, agreement_id, perms.can_manage_agreement)
    agreements.agreement_sign(agreement=agreement, actor=request.user, signed_on=payload.signed_on, upload=file)
    return _reloaded_agreement(agreement.pk, request.user)


@router.post(
    "/agreements/{agreement_id}/transition",
    response=AgreementOut,
    auth=_auth(),
    summary="Start implementation, close or terminate the agreement (staff); 409 agreement.transition",
)
def agreement_transition(request, agreement_id: int, payload: TransitionIn):
    agreement = _agreement(request, agreement_id, perms.can_manage_agreement)
    agreements.agreement_transition(agreement=agreement, to=payload.to, actor=request.user, note=payload.note)
    return _reloaded_agreement(agreement.pk, request.user)


@router.post(
    "/agreements/{agreement_id}/tranches/{position}/payment",
    response={201: TrancheOut},
    auth=_auth(),
    summary="Record a tranche as paid (staff); 409 if already paid or its report is not approved",
)
def tranche_pay(request, agreement_id: int, position: int, payload: PaymentIn):
    agreement = _agreement(request, agreement_id, perms.can_manage_agreement)
    tranche = next((t for t in agreement.tranches.all() if t.position == position), None)
    if tranche is None:
        raise Http404
    agreements.tranche_pay(
        tranche=tranche, actor=request.user, paid_on=payload.paid_on, amount=payload.amount, reference=payload.reference
    )
    return Status(201, _tranche(Tranche.objects.select_related("payment", "report").get(pk=tranche.pk)))


# --- Plans -------------------------------------------------------------------------


@router.get(
    "/plans/{plan_id}",
    response=PlanOut,
    auth=_auth(),
    summary="A pilot's plan (the shape a proposal takes) with what was spent per budget line and category",
)
def plan_detail(request, plan_id: int):
    return _plan_out(_plan(request, plan_id), request.user)


@router.get(
    "/plans/{plan_id}/changes",
    response=list[PlanChangeOut],
    auth=_auth(),
    summary="The plan's history: every proposed change and its decision, newest first",
)
def plan_changes(request, plan_id: int):
    plan = _plan(request, plan_id)
    return [_change(c) for c in plan.changes.order_by("-proposed_at", "-id")]


@router.post(
    "/plans/{plan_id}/changes",
    response={201: PlanChangeOut},
    auth=_auth(),
    summary="Propose the plan as it should become (the pilot's NGO or the lead); 422 plan.invalid, 409 plan.stale",
)
def plan_change_propose(request, plan_id: int, payload: PlanChangeIn):
    plan = _plan(request, plan_id)
    _require(perms.can_edit_plan_part(request.user, plan))
    change = plans.plan_change_propose(
        plan=plan,
        actor=request.user,
        proposal=payload.proposal.model_dump(),
        reason=payload.reason,
        base_version=payload.base_version,
    )
    return Status(201, _change(change))


def _open_change(request, plan_id: int, change_id: int, allowed) -> PlanChange:
    plan = _plan(request, plan_id)
    _require(allowed(request.user, plan))
    return get_object_or_404(PlanChange, pk=change_id, plan=plan)


def _staff_of_plan(user, plan) -> bool:
    return perms.can_manage_agreement.test(user, plan.agreement)


@router.post(
    "/plans/{plan_id}/changes/{change_id}/approve",
    response=PlanChangeOut,
    auth=_auth(),
    summary="Approve a proposed change: the plan becomes it (staff)",
)
def plan_change_approve(request, plan_id: int, change_id: int, payload: DecideIn):
    change = _open_change(request, plan_id, change_id, _staff_of_plan)
    plans.plan_change_approve(change=change, actor=request.user, note=payload.note)
    return _change(PlanChange.objects.get(pk=change.pk))


@router.post(
    "/plans/{plan_id}/changes/{change_id}/reject",
    response=PlanChangeOut,
    auth=_auth(),
    summary="Reject a proposed change, saying why (staff)",
)
def plan_change_reject(request, plan_id: int, change_id: int, payload: DecideIn):
    change = _open_change(request, plan_id, change_id, _staff_of_plan)
    return _change(plans.plan_change_reject(change=change, actor=request.user, note=payload.note))


@router.post(
    "/plans/{plan_id}/changes/{change_id}/withdraw",
    response=PlanChangeOut,
    auth=_auth(),
    summary="Withdraw a proposal (the pilot's NGO or the lead)",
)
def plan_change_withdraw(request, plan_id: int, change_id: int):
    change = _open_change(request, plan_id, change_id, perms.can_edit_plan_part)
    return _change(plans.plan_change_withdraw(change=change, actor=request.user))


# --- Reports -----------------------------------------------------------------------


@router.get(
    "/reports/{report_id}",
    response=ReportOut,
    auth=_auth(),
    summary="A report: the summary, every member's part with its rows, staff's comments, the submit checklist",
)
def report_detail(request, report_id: int):
    return _report_out(perms.get_report_for_user(request.user, report_id), request.user)


@router.put(
    "/reports/{report_id}/parts/{part_id}",
    response=PartOut,
    auth=_auth(),
    summary="Save a member's part: narrative, counts and indicator values; 422 part.invalid with the findings",
)
def part_save(request, report_id: int, part_id: int, payload: PartIn):
    _report, part = _part(request, report_id, part_id)
    data = reports.PartData(**payload.model_dump(exclude={"actuals"}), actuals=dict(payload.actuals))
    reports.part_save(part=part, actor=request.user, data=data)
    return _reloaded_part(report_id, part_id, request.user)


@router.post(
    "/reports/{report_id}/parts/{part_id}/activities",
    response={201: ActivityDoneOut},
    auth=_auth(),
    summary="Add an activity carried out, with its dates inside the pilot's period",
)
def activity_add(request, report_id: int, part_id: int, payload: ActivityDoneIn):
    _report, part = _part(request, report_id, part_id)
    row = reports.activity_progress_add(
        part=part,
        actor=request.user,
        title=payload.title,
        done_from=payload.done_from,
        done_to=payload.done_to,
        activity_id=payload.activity_id,
        note=payload.note,
    )
    return Status(201, _activity(row))


@router.delete(
    "/reports/{report_id}/parts/{part_id}/activities/{row_id}",
    response={204: None},
    auth=_auth(),
    summary="Remove an activity carried out",
)
def activity_remove(request, report_id: int, part_id: int, row_id: int):
    row = _row(ActivityProgress, request, report_id, part_id, row_id)
    reports.activity_progress_remove(row=row, actor=request.user)
    return Status(204, None)


@router.post(
    "/reports/{report_id}/parts/{part_id}/expenditures",
    response={201: ExpenditureOut},
    auth=_auth(),
    summary="Report spending against an approved budget line, with the receipt (multipart)",
)
def expenditure_add(request, report_id: int, part_id: int, payload: Form[ExpenditureIn], receipt: File[UploadedFile]):
    _report, part = _part(request, report_id, part_id)
    row = reports.expenditure_add(
        part=part,
        actor=request.user,
        line_id=payload.line_id,
        spent_on=payload.spent_on,
        description=payload.description,
        paid_currency=payload.paid_currency,
        paid_amount=payload.paid_amount,
        exchange_rate=payload.exchange_rate,
        upload=receipt,
    )
    return Status(201, _expenditure(row))


@router.delete(
    "/reports/{report_id}/parts/{part_id}/expenditures/{row_id}",
    response={204: None},
    auth=_auth(),
    summary="Remove reported spending",
)
def expenditure_remove(request, report_id: int, part_id: int, row_id: int):
    row = _row(Expenditure, request, report_id, part_id, row_id)
    reports.expenditure_remove(expenditure=row, actor=request.user)
    return Status(204, None)


@router.post(
    "/reports/{report_id}/parts/{part_id}/outputs",
    response={201: OutputOut},
    auth=_auth(),
    summary="Upload a material or photo (multipart); a material is checked for the EU funding statement",
)
def output_add(request, report_id: int, part_id: int, payload: Form[OutputIn], file: File[UploadedFile]):
    _report, part = _part(request, report_id, part_id)
    row = reports.output_add(part=part, actor=request.user, kind=payload.kind, title=payload.title, upload=file)
    return Status(201, _output(row))


@router.delete(
    "/reports/{report_id}/parts/{part_id}/outputs/{row_id}",
    response={204: None},
    auth=_auth(),
    summary="Remove a material or photo",
)
def output_remove(request, report_id: int, part_id: int, row_id: int):
    row = _row(Output, request, report_id, part_id, row_id)
    reports.output_remove(output=row, actor=request.user)
    return Status(204, None)


@router.post(
    "/reports/{report_id}/parts/{part_id}/decisions",
    response={201: AuthorityDecisionOut},
    auth=_auth(),
    summary="Add a decision of the akimat or maslikhat adopted with the NGO (multipart; the document optional)",
)
def decision_add(
    request,
    report_id: int,
    part_id: int,
    payload: Form[AuthorityDecisionIn],
    document: File[UploadedFile | None] = None,
):
    _report, part = _part(request, report_id, part_id)
    row = reports.decision_add(
        part=part,
        actor=request.user,
        authority=payload.authority,
        title=payload.title,
        adopted_on=payload.adopted_on,
        number=payload.number,
        upload=document,
    )
    return Status(201, _decision(row))


@router.delete(
    "/reports/{report_id}/parts/{part_id}/decisions/{row_id}",
    response={204: None},
    auth=_auth(),
    summary="Remove a decision of a local authority",
)
def decision_remove(request, report_id: int, part_id: int, row_id: int):
    row = _row(AuthorityDecision, request, report_id, part_id, row_id)
    reports.decision_remove(decision=row, actor=request.user)
    return Status(204, None)


@router.put(
    "/reports/{report_id}/summary",
    response=ReportOut,
    auth=_auth(),
    summary="Save the consortium's summary (the lead NGO)",
)
def report_summary(request, report_id: int, payload: SummaryIn):
    report = perms.get_report_for_user(request.user, report_id, perms.can_write_summary)
    reports.report_summary_save(report=report, actor=request.user, summary=payload.summary)
    return _reloaded_report(report.pk, request.user)


@router.post(
    "/reports/{report_id}/submit",
    response=ReportOut,
    auth=_auth(),
    summary="Submit the consolidated report (the lead's head); 422 report.incomplete with the findings",
)
def report_submit(request, report_id: int):
    report = perms.get_report_for_user(request.user, report_id, perms.can_submit_report)
    reports.report_submit(report=report, actor=request.user)
    return _reloaded_report(report.pk, request.user)


@router.post(
    "/reports/{report_id}/return",
    response=ReportOut,
    auth=_auth(),
    summary="Return a submitted report with comments per section (staff)",
)
def report_return(request, report_id: int, payload: ReturnIn):
    report = perms.get_report_for_user(request.user, report_id, perms.can_manage_agreement)
    comments = [(c.part_id, c.section, c.text) for c in payload.comments]
    reports.report_return(report=report, actor=request.user, comments=comments)
    return _reloaded_report(report.pk, request.user)


@router.post(
    "/reports/{report_id}/approve",
    response=ReportOut,
    auth=_auth(),
    summary="Approve a submitted report: it freezes and releases its tranche (staff)",
)
def report_approve(request, report_id: int, payload: ApproveIn):
    report = perms.get_report_for_user(request.user, report_id, perms.can_manage_agreement)
    reports.report_approve(report=report, actor=request.user, note=payload.note)
    return _reloaded_report(report.pk, request.user)


@router.post(
    "/outputs/{output_id}/visibility",
    response=OutputOut,
    auth=_auth(),
    summary="Confirm whether a material shows the EU funding statement, having looked at it (staff)",
)
def output_visibility(request, output_id: int, payload: VisibilityIn):
    output = (
        Output.objects.select_related("part__report__agreement__call", "part__report__agreement__consortium")
        .filter(pk=output_id)
        .first()
    )
    if output is None or not perms.can_view_agreement.test(request.user, output.part.report.agreement):
        raise Http404
    _require(perms.can_manage_agreement.test(request.user, output.part.report.agreement))
    confirmed = reports.output_visibility_confirm(
        output=output, actor=request.user, shows_statement=payload.shows_statement
    )
    return _output(confirmed)


# --- Public results ----------------------------------------------------------------


@router.get(
    "/public/pilots/{plan_id}",
    response=PublicPilotOut,
    auth=None,
    summary="A funded pilot's public results (public): where, who implements it, indicators, money, outputs",
)
def public_pilot(request, plan_id: int):
    data = public_selectors.pilot_public_data(plan_id)
    if data is None:  # a draft or terminated agreement, or no such pilot: nothing to see
        raise Http404
    return data | {
        "outputs": [
            output | {"url": reverse("implementation:public-output-file", args=[plan_id, output["id"]])}
            for output in data["outputs"]
        ],
        "url": reverse("implementation:pilot-public", args=[plan_id]),
    }


@router.get(
    "/public/calls/{code}/impact",
    response=CallImpactOut,
    auth=None,
    summary="A call's public impact (public): money awarded, paid and spent, people reached, decisions, pilots",
)
def public_call_impact(request, code: str):
    call = grants_perms.get_call_for_user(request.user, code)
    data = public_selectors.call_impact_data(call)
    if data is None:  # no public pilot yet
        raise Http404
    return data | {
        "pilots": [
            pilot | {"url": reverse("implementation:pilot-public", args=[pilot["id"]])} for pilot in data["pilots"]
        ]
    }
