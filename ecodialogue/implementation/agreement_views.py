"""Pages of grant agreements and pilot plans. Thin: check access, validate, call one service, render or redirect.

The call's staff draft an agreement from an award, set its terms, record the
signature, move it through its states and record payments; they follow the
whole call on its dashboard. The consortium's people read their agreements
and plans and propose changes of a plan, which staff approve or reject.
Whoever may not see an agreement gets 404; a person who sees it but may not
act gets 403.
"""

import datetime
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecodialogue.core.charts import bar_chart, format_number, grouped_bar_chart
from ecodialogue.core.errors import Conflict, Invalid, ServiceError
from ecodialogue.core.findings import errors
from ecodialogue.grants.models import Award, ConsortiumMember
from ecodialogue.grants.permissions import can_manage_call, get_call_for_user, organizations_of

from . import agreements as services
from . import plans as plan_services
from . import rules
from .agreement_forms import (
    AgreementCreateForm,
    PaymentForm,
    PlanDecisionForm,
    SignForm,
    TransitionForm,
    allowed_transitions,
    first_of_next_month,
    plain_number,
    proposal_initial,
    read_proposal,
    read_terms,
    terms_initial,
)
from .dashboard_selectors import call_dashboard
from .models import Agreement, PilotPlan, PlanBudgetLine, PlanChange, Report
from .permissions import can_edit_plan_part, can_manage_agreement, can_view_agreement, get_agreement_for_user
from .selectors import spending_by_plan

AMOUNT_CODES = ("amount_not_positive", "amount_over_award")
TRANCHE_CODES = ("tranches_missing", "tranche_percent_range", "tranches_not_100", "tranches_without_report")
REPORT_CODES = ("reports_missing", "report_dates", "final_report_last")


def _refusal(request, error: ServiceError) -> None:
    """The service's message, and each further finding it names."""
    messages.error(request, str(error.message))
    for detail in error.details or []:
        if isinstance(detail, dict) and detail.get("message") and detail["message"] != str(error.message):
            messages.error(request, detail["message"])


def _get(request, pk: int, permission=None) -> Agreement:
    return get_agreement_for_user(request.user, pk, permission)


def _is_paid(tranche) -> bool:
    return getattr(tranche, "payment", None) is not None


def _payable(agreement: Agreement, tranche) -> bool:
    """What tranche_pay accepts: signed (or closed), not paid, its report approved (none for the first)."""
    signed = agreement.is_running or agreement.status == Agreement.Status.CLOSED
    released = tranche.report is None or tranche.report.status == Report.Status.APPROVED
    return signed and released and not _is_paid(tranche)


# --- The call's dashboard and drafting an agreement ------------------------------


@login_required
def call_agreements(request, code: str):
    """The staff's dashboard of a call: awards and agreements, reports, money, indicators, flagged outputs."""
    call = get_call_for_user(request.user, code, can_manage_call)
    data = call_dashboard(call)
    categories = data["categories"]
    totals = data["totals"]
    whole_call = _("Whole call")
    approved = [c["approved"] for c in categories]
    spent = [c["spent"] for c in categories]
    context = {
        "call": call,
        "data": data,
        "create_form": AgreementCreateForm(initial={"starts_on": first_of_next_month(data["today"])}),
        "category_chart": grouped_bar_chart(
            [*(c["name"] for c in categories), whole_call],
            [
                (_("Approved"), [*approved, sum(approved, Decimal("0"))]),
                (_("Spent"), [*spent, sum(spent, Decimal("0"))]),
            ],
            title=_("Approved and spent per budget category"),
            unit=call.currency,
        ),
        "money_chart": bar_chart(
            [
                (_("Awarded"), totals["awarded"]),
                (_("In agreements"), totals["agreed"]),
                (_("Paid"), totals["paid"]),
                (_("Spent"), totals["spent"]),
            ],
            title=_("The call's money: awarded, agreed, paid and spent"),
            unit=call.currency,
        ),
    }
    return render(request, "implementation/call_dashboard.html", context)


@require_POST
@login_required
def agreement_create(request, code: str, award_pk: int):
    call = get_call_for_user(request.user, code, can_manage_call)
    award = get_object_or_404(Award, pk=award_pk, decision__call=call)
    form = AgreementCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the day implementation starts."))
        return redirect("implementation:call-dashboard", code=call.code)
    try:
        agreement = services.agreement_create(award=award, actor=request.user, starts_on=form.cleaned_data["starts_on"])
    except ServiceError as error:
        _refusal(request, error)
        return redirect("implementation:call-dashboard", code=call.code)
    messages.success(
        request, _("The agreement is drafted from the application. Check its terms, then record the signature.")
    )
    return redirect(agreement)


# --- The consortium's agreements --------------------------------------------------


@login_required
def my_agreements(request):
    """The agreements of every NGO the person belongs to, with the next report each owes."""
    organizations = organizations_of(request.user)
    members_of = ConsortiumMember.objects.filter(
        organization_id__in=organizations, status=ConsortiumMember.Status.ACCEPTED
    ).values("consortium_id")
    open_reports = Report.objects.filter(status__in=(Report.Status.DRAFT, Report.Status.RETURNED)).order_by(
        "due_on", "sequence"
    )
    agreements = list(
        Agreement.objects.filter(Q(consortium__lead_id__in=organizations) | Q(consortium_id__in=members_of))
        .select_related("call", "consortium__lead")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by("-created_at", "pk")
    )
    today = timezone.localdate()
    for agreement in agreements:
        agreement.next_report = agreement.open_reports[0] if agreement.is_running and agreement.open_reports else None
        agreement.next_overdue = bool(agreement.next_report and agreement.next_report.due_on < today)
    return render(request, "implementation/my_agreements.html", {"agreements": agreements})


# --- One agreement -----------------------------------------------------------------


@login_required
def agreement_detail(request, pk: int):
    agreement = _get(request, pk)
    is_staff = can_manage_agreement.test(request.user, agreement)
    today = timezone.localdate()
    tranches = list(agreement.tranches.all())
    for tranche in tranches:
        tranche.paid = getattr(tranche, "payment", None)
        tranche.payable = _payable(agreement, tranche)
        if is_staff and tranche.payable:
            tranche.pay_form = PaymentForm(
                initial={"paid_on": today, "amount": plain_number(tranche.amount)}, prefix=f"pay{tranche.pk}"
            )
    transitions = allowed_transitions(agreement) if is_staff else []
    context = {
        "agreement": agreement,
        "call": agreement.call,
        "plans": list(agreement.plans.all()),
        "tranches": tranches,
        "reports": list(agreement.reports.all()),
        "history": list(agreement.transitions.all()),
        "is_staff": is_staff,
        "today": today,
        "sign_form": SignForm(initial={"signed_on": today}) if is_staff and agreement.is_editable else None,
        "transition_form": TransitionForm(agreement=agreement) if transitions else None,
    }
    return render(request, "implementation/agreement_detail.html", context)


@login_required
def agreement_file(request, pk: int):
    """The scan of the signed agreement, to the consortium's people and the call's staff only."""
    agreement = _get(request, pk)
    if not agreement.signed_file:
        raise Http404
    response = FileResponse(
        agreement.signed_file.open("rb"),
        as_attachment=request.GET.get("inline") != "1",
        filename=agreement.signed_file_name or f"{agreement.number}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _terms_problems(agreement: Agreement, plans: list[PilotPlan], terms, error: Invalid) -> tuple[list[str], dict]:
    """Every finding of a refused save, in words, and where each belongs on the form.

    The service names the codes of its findings and words the first; the
    words of the others come from the same pure rules, run on what was typed
    (in the service's order: the amount, the pilots' periods, the schedule).
    """
    codes = set(error.details or [])
    found, titles = [], {}
    for plan in plans:
        start, end = terms.periods.get(plan.pk, (plan.starts_on, plan.ends_on))
        titles[f"plan:{plan.pk}"] = plan.title
        found += rules.period_findings(
            start, end, max_months=agreement.call.pilot_max_months, subject=f"plan:{plan.pk}"
        )
    found += services.schedule_findings(agreement, terms.percents, terms.reports)
    flags = {
        "amount": bool(codes & set(AMOUNT_CODES)),
        "tranches": bool(codes & set(TRANCHE_CODES)),
        "reports": bool(codes & set(REPORT_CODES)),
        "report_rows": set(),
        "plans": set(),
    }
    problems, covered = [], False
    for finding in errors(found):
        if finding.code not in codes:
            continue
        covered = covered or finding.text == str(error.message)
        text = finding.text
        if finding.subject in titles:
            flags["plans"].add(int(finding.subject.split(":")[1]))
            text = _("«%(pilot)s»: %(problem)s") % {"pilot": titles[finding.subject], "problem": text}
        if finding.code == "report_dates":
            flags["report_rows"].add(finding.params["number"])
        if text not in problems:
            problems.append(text)
    if not covered:  # the amount's finding, which no pure rule words
        problems.insert(0, str(error.message))
    return problems, flags


def _terms_page(request, agreement: Agreement, plans: list[PilotPlan], typed: dict, **extra):
    status = extra.pop("status", 200)
    flags = extra.pop("flags", {})
    plan_rows = [
        {"plan": plan, **typed["plans"].get(plan.pk, {}), "error": plan.pk in flags.get("plans", ())} for plan in plans
    ]
    report_rows = [
        {**row, "error": number in flags.get("report_rows", ())} for number, row in enumerate(typed["reports"], start=1)
    ]
    context = {
        "agreement": agreement,
        "call": agreement.call,
        "typed": typed,
        "plan_rows": plan_rows,
        "report_rows": report_rows,
        "kinds": Report.Kind.choices,
        "flags": flags,
        "max_months": agreement.call.pilot_max_months,
        **extra,
    }
    return render(request, "implementation/agreement_terms.html", context, status=status)


@login_required
def agreement_terms(request, pk: int):
    """A draft's terms: amount, tranches, the reporting schedule and each pilot's period."""
    agreement = _get(request, pk, can_manage_agreement)
    if not agreement.is_editable:
        messages.error(request, _("A signed agreement's terms no longer change."))
        return redirect(agreement)
    plans = list(agreement.plans.all())
    if request.method != "POST":
        return _terms_page(request, agreement, plans, terms_initial(agreement))
    terms = read_terms(request.POST, plans)
    if terms.problems:
        return _terms_page(request, agreement, plans, terms.typed, problems=terms.problems, status=422)
    try:
        services.agreement_terms_save(
            agreement=agreement,
            actor=request.user,
            amount=terms.amount,
            tranche_percents=terms.percents,
            reports=terms.reports,
            pilot_periods=terms.periods,
            notes=terms.notes,
        )
    except Invalid as error:
        problems, flags = _terms_problems(agreement, plans, terms, error)
        return _terms_page(request, agreement, plans, terms.typed, problems=problems, flags=flags, status=422)
    except ServiceError as error:
        _refusal(request, error)
        return redirect(agreement)
    messages.success(request, _("The terms are saved; the tranches and reports follow them."))
    return redirect(agreement)


def _action_page(request, agreement: Agreement, form, *, action: str, status: int = 200, **extra):
    context = {"agreement": agreement, "call": agreement.call, "form": form, "action": action, **extra}
    return render(request, "implementation/agreement_action.html", context, status=status)


@login_required
def agreement_sign(request, pk: int):
    """Record the signature: the date and the signed copy (PDF). The terms freeze and the reports open."""
    agreement = _get(request, pk, can_manage_agreement)
    if not agreement.is_editable:
        messages.error(request, _("The agreement is already signed."))
        return redirect(agreement)
    if request.method != "POST":
        form = SignForm(initial={"signed_on": timezone.localdate()})
        return _action_page(request, agreement, form, action="sign")
    form = SignForm(request.POST, request.FILES)
    problem, status = _("Give the date of the signature and the signed copy as a PDF file."), 422
    if form.is_valid():
        try:
            services.agreement_sign(
                agreement=agreement,
                actor=request.user,
                signed_on=form.cleaned_data["signed_on"],
                upload=form.cleaned_data["file"],
            )
        except ServiceError as error:
            problem, status = str(error.message), error.status
        else:
            messages.success(request, _("The agreement is signed; the consortium can start its reports."))
            return redirect(agreement)
    return _action_page(request, agreement, form, action="sign", problem=problem, status=status)


@login_required
def agreement_transition(request, pk: int):
    """Start implementation, close, or terminate with a reason."""
    agreement = _get(request, pk, can_manage_agreement)
    if not allowed_transitions(agreement):
        messages.error(request, _("This agreement's state does not change here."))
        return redirect(agreement)
    if request.method != "POST":
        initial = {"to": request.GET.get("to")} if request.GET.get("to") else None
        return _action_page(request, agreement, TransitionForm(agreement=agreement, initial=initial), action="state")
    form = TransitionForm(request.POST, agreement=agreement)
    problem, status = _("Choose the agreement's new state."), 422
    if form.is_valid():
        try:
            services.agreement_transition(
                agreement=agreement, actor=request.user, to=form.cleaned_data["to"], note=form.cleaned_data["note"]
            )
        except ServiceError as error:
            problem, status = str(error.message), error.status
        else:
            messages.success(request, _("The agreement's state is changed."))
            return redirect(agreement)
    return _action_page(request, agreement, form, action="state", problem=problem, status=status)


@login_required
def tranche_pay(request, pk: int, tranche_pk: int):
    """Record the payment of a tranche: once, after its report is approved."""
    agreement = _get(request, pk, can_manage_agreement)
    tranche = next((t for t in agreement.tranches.all() if t.pk == tranche_pk), None)
    if tranche is None:
        raise Http404
    prefix = f"pay{tranche.pk}"
    if request.method != "POST":
        form = PaymentForm(
            initial={"paid_on": timezone.localdate(), "amount": plain_number(tranche.amount)}, prefix=prefix
        )
        return _action_page(
            request, agreement, form, action="pay", tranche=tranche, payable=_payable(agreement, tranche)
        )
    form = PaymentForm(request.POST, prefix=prefix)
    problem, status = _("Give the date and the amount of the payment."), 422
    if form.is_valid():
        try:
            services.tranche_pay(
                tranche=tranche,
                actor=request.user,
                paid_on=form.cleaned_data["paid_on"],
                amount=form.cleaned_data["amount"],
                reference=form.cleaned_data["reference"],
            )
        except ServiceError as error:
            problem, status = str(error.message), error.status
        else:
            messages.success(
                request, _("The payment of tranche %(number)d is recorded.") % {"number": tranche.position}
            )
            return redirect(agreement)
    return _action_page(
        request,
        agreement,
        form,
        action="pay",
        tranche=tranche,
        payable=_payable(agreement, tranche),
        problem=problem,
        status=status,
    )


# --- Pilot plans ---------------------------------------------------------------------


def _get_plan(request, pk: int) -> PilotPlan:
    """A plan with everything its pages show; 404 for whoever may not see its agreement."""
    plan = (
        PilotPlan.objects.select_related(
            "agreement__call__grant_maker", "agreement__consortium__lead", "organization", "settlement", "pilot"
        )
        .prefetch_related(
            "activities",
            "indicators",
            Prefetch("budget_lines", queryset=PlanBudgetLine.objects.select_related("category")),
            Prefetch("changes", queryset=PlanChange.objects.select_related("proposed_by", "decided_by")),
        )
        .filter(pk=pk)
        .first()
    )
    if plan is None or not can_view_agreement.test(request.user, plan.agreement):
        raise Http404
    return plan


def _open_change(plan: PilotPlan) -> PlanChange | None:
    return next((c for c in plan.changes.all() if c.status == PlanChange.Status.PROPOSED), None)


def _day(value) -> str:
    """An ISO date of the plan's JSON as the pages write dates (31.01.2027)."""
    try:
        return datetime.date.fromisoformat(value).strftime("%d.%m.%Y") if value else "—"
    except (TypeError, ValueError):
        return str(value)


def _row_texts(data: dict, categories: dict[int, str]) -> dict[str, list[tuple]]:
    """Each table of a plan's JSON as (row id, one line of text)."""

    def line_text(line):
        try:
            amount = format_number(rules.money(Decimal(line["quantity"]) * Decimal(line["unit_cost"])))
        except (TypeError, ArithmeticError, ValueError):
            amount = "—"
        return (
            f"{categories.get(line.get('category_id'), '—')} · {line.get('item') or '—'}: "
            f"{plain_number(line.get('quantity') or 0)} {line.get('unit') or ''} × "
            f"{plain_number(line.get('unit_cost') or 0)} = {amount}"
        )

    return {
        "activities": [
            (a.get("id"), f"{a.get('title') or '—'} · {_day(a.get('starts_on'))}–{_day(a.get('ends_on'))}")
            for a in data.get("activities") or []
        ],
        "indicators": [
            (i.get("id"), f"{i.get('name') or '—'}: {plain_number(i.get('target') or 0)} {i.get('unit') or ''}".strip())
            for i in data.get("indicators") or []
        ],
        "budget_lines": [(line.get("id"), line_text(line)) for line in data.get("budget_lines") or []],
    }


def plan_diff(before: dict, after: dict, categories: dict[int, str]) -> list[dict]:
    """The plan as it was and as proposed, section by section, each row marked same/changed/added/removed."""
    sections = []
    scalars = [
        (_("Title"), before.get("title") or "", after.get("title") or ""),
        (_("What the pilot project does"), before.get("summary") or "", after.get("summary") or ""),
        (
            _("Implementation period"),
            f"{_day(before.get('starts_on'))}–{_day(before.get('ends_on'))}",
            f"{_day(after.get('starts_on'))}–{_day(after.get('ends_on'))}",
        ),
    ]
    for label, old, new in scalars:
        sections.append(
            {"label": label, "rows": [{"before": old, "after": new, "state": "same" if old == new else "changed"}]}
        )
    old_rows, new_rows = _row_texts(before, categories), _row_texts(after, categories)
    labels = {"activities": _("Activities"), "indicators": _("Indicators"), "budget_lines": _("Budget")}
    for key, label in labels.items():
        old = dict(old_rows[key])
        rows, kept = [], set()
        for row_id, text in new_rows[key]:
            if row_id and row_id in old:
                kept.add(row_id)
                rows.append(
                    {"before": old[row_id], "after": text, "state": "same" if old[row_id] == text else "changed"}
                )
            else:
                rows.append({"before": "", "after": text, "state": "added"})
        rows += [
            {"before": text, "after": "", "state": "removed"} for row_id, text in old_rows[key] if row_id not in kept
        ]
        sections.append({"label": label, "rows": rows})
    return sections


@login_required
def plan_detail(request, pk: int):
    plan = _get_plan(request, pk)
    agreement, call = plan.agreement, plan.agreement.call
    user = request.user
    lines = list(plan.budget_lines.all())
    spent = spending_by_plan([plan.pk]).get(plan.pk, {})
    for line in lines:
        line.spent = spent.get(line.pk, Decimal("0"))
        line.remaining = line.amount - line.spent
    names = {category.pk: category.name for category in call.budget_categories.all()}
    threshold = call.reallocation_threshold_percent
    by_category = rules.spending_by_category(((line.pk, line.category_id, line.amount) for line in lines), spent)
    categories = [
        {
            "name": names.get(row.category_id, "—"),
            "approved": row.approved,
            "spent": row.spent,
            "remaining": row.remaining,
            "percent": row.percent_spent,
        }
        for row in by_category
    ]
    open_change = _open_change(plan)
    changes = list(plan.changes.all())
    for change in changes:
        change.reallocation_names = [names.get(category_id, "—") for category_id in change.reallocation or []]
    is_staff = can_manage_agreement.test(user, agreement)
    may_edit = can_edit_plan_part(user, plan)
    context = {
        "plan": plan,
        "agreement": agreement,
        "call": call,
        "activities": list(plan.activities.all()),
        "indicators": list(plan.indicators.all()),
        "lines": lines,
        "spent_total": sum((line.spent for line in lines), Decimal("0")),
        "categories": categories,
        "spending_findings": rules.spending_findings(by_category, threshold_percent=threshold, names=names),
        "threshold": threshold,
        "open_change": open_change,
        "diff": plan_diff(open_change.before, open_change.proposal, names) if open_change else None,
        "changes": changes,
        "is_staff": is_staff,
        "can_propose": may_edit and agreement.is_running and open_change is None,
        "can_withdraw": may_edit and open_change is not None,
    }
    return render(request, "implementation/plan_detail.html", context)


def _posted_version(value) -> int:
    """The plan version the form was opened on; anything else counts as an old version."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else 0


@login_required
def plan_propose(request, pk: int):
    """The implementing NGO (or the lead) proposes the plan as it should become; staff decide."""
    plan = _get_plan(request, pk)
    if not can_edit_plan_part(request.user, plan):
        raise PermissionDenied
    agreement = plan.agreement
    if not agreement.is_running:
        messages.error(request, _("Plans change while the agreement is being implemented."))
        return redirect(plan)
    context = {
        "plan": plan,
        "agreement": agreement,
        "call": agreement.call,
        "categories": list(agreement.call.budget_categories.all()),
        "threshold": agreement.call.reallocation_threshold_percent,
    }
    if request.method != "POST":
        if _open_change(plan) is not None:
            messages.info(request, _("This plan already has a proposal waiting for staff."))
            return redirect(plan)
        typed = proposal_initial(plan_services.plan_data(plan))
        context |= {"typed": typed, "reason": "", "base_version": plan.version}
        return render(request, "implementation/plan_propose.html", context)
    typed, proposal = read_proposal(request.POST)
    reason = (request.POST.get("reason") or "").strip()[:4000]
    base_version = _posted_version(request.POST.get("base_version"))
    try:
        plan_services.plan_change_propose(
            plan=plan, actor=request.user, proposal=proposal, reason=reason, base_version=base_version
        )
    except ServiceError as error:
        details = [d["message"] for d in error.details or [] if isinstance(d, dict) and d.get("message")]
        problems = details or [str(error.message)]
        status = 409 if isinstance(error, Conflict) else 422 if isinstance(error, Invalid) else 403
        context |= {"typed": typed, "reason": reason, "base_version": base_version, "problems": problems}
        context["conflict"] = isinstance(error, Conflict)
        return render(request, "implementation/plan_propose.html", context, status=status)
    messages.success(request, _("The change is proposed; the call's staff will approve it or say why not."))
    return redirect(plan)


@require_POST
@login_required
def plan_change_decide(request, pk: int, change_pk: int):
    """Staff approve (a comment optional) or reject (a comment required); the proposing side may withdraw."""
    plan = _get_plan(request, pk)
    change = next((c for c in plan.changes.all() if c.pk == change_pk), None)
    if change is None:
        raise Http404
    form = PlanDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the proposal."))
        return redirect(plan)
    action, note = form.cleaned_data["action"], form.cleaned_data["note"].strip()
    if action == PlanDecisionForm.WITHDRAW:
        allowed = can_edit_plan_part(request.user, plan)
    else:
        allowed = can_manage_agreement.test(request.user, plan.agreement)
    if not allowed:
        raise PermissionDenied
    try:
        if action == PlanDecisionForm.APPROVE:
            plan_services.plan_change_approve(change=change, actor=request.user, note=note)
            done = _("The change is approved: the plan is now as proposed.")
        elif action == PlanDecisionForm.REJECT:
            plan_services.plan_change_reject(change=change, actor=request.user, note=note)
            done = _("The change is not approved; the NGO is told why.")
        else:
            plan_services.plan_change_withdraw(change=change, actor=request.user)
            done = _("The proposal is withdrawn.")
    except ServiceError as error:
        _refusal(request, error)
    else:
        messages.success(request, done)
    return redirect(f"{reverse('implementation:plan-detail', args=[plan.pk])}#changes")
