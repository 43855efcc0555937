"""Pages of a call's evaluation. Thin: check access, validate, call a service, render or redirect.

Staff of the call screen the submitted applications and run the commission: appointments,
assignments (automatic and by hand) and reminders. Evaluators, who must have set up two-factor
authentication, declare a conflict of interest before anything of an application is shown to
them, then read it and score it; the others' scores stay hidden until their own are submitted.
Every refusal of a service is shown as a message.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecodialogue.core.errors import ServiceError

from . import evaluation
from . import permissions as perms
from .application_selectors import application_page
from .application_views import pdf_context
from .evaluation_forms import AppointForm, DeclarationForm, MemberChoiceForm, ScoresForm, ScreeningForm
from .evaluation_rules import CriterionFacts, evaluator_total
from .evaluation_selectors import (
    applications_with_assignments,
    assignments_of_user,
    commission_progress,
    submitted_applications,
)
from .models import Application, Assignment, CommissionMember, ConsortiumMember, Score, Screening

PER_PAGE = 50


def _refusal(request, error: ServiceError) -> None:
    messages.error(request, str(error.message))


def _page_number(data) -> str:
    """The list page a form was posted from, to go back to it; anything odd is the first page."""
    value = data.get("page") or ""
    return value if value.isascii() and value.isdigit() and len(value) < 6 else ""


def _back(name: str, code: str, data, anchor: str = "") -> str:
    page = _page_number(data)
    return reverse(name, args=[code]) + (f"?page={page}" if page else "") + (f"#{anchor}" if anchor else "")


def _staff_call(request, code: str):
    """The call, for its staff only; two-factor authentication is enforced for staff by the middleware."""
    return perms.get_call_for_user(request.user, code, perms.can_manage_call)


# --- Staff: screening ----------------------------------------------------------


@login_required
def call_screening(request, code: str):
    call = _staff_call(request, code)
    # Each submitted application stores its count of checklist errors: no rules run per row.
    applications = (
        submitted_applications(call)
        .select_related("consortium__lead", "screening__decided_by")
        .order_by("number", "id")
    )
    page = Paginator(applications, PER_PAGE).get_page(request.GET.get("page"))
    counts = submitted_applications(call).aggregate(
        passed=Count("pk", filter=Q(screening__result=Screening.Result.PASSED)),
        failed=Count("pk", filter=Q(screening__result=Screening.Result.FAILED)),
    )
    counts["waiting"] = page.paginator.count - counts["passed"] - counts["failed"]
    context = {"call": call, "page": page, "counts": counts, "Result": Screening.Result}
    return render(request, "grants/evaluation/screening.html", context)


@require_POST
@login_required
def screening_decide(request, code: str, application_pk: int):
    call = _staff_call(request, code)
    application = get_object_or_404(Application, pk=application_pk, call=call)
    form = ScreeningForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Choose whether the application passes the screening; the reason is at most 4,000 characters.")
        )
    else:
        try:
            screening = evaluation.screening_decide(
                application=application,
                actor=request.user,
                result=form.cleaned_data["result"],
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as error:
            _refusal(request, error)
        else:
            messages.success(
                request,
                _("%(application)s: %(result)s.")
                % {"application": application, "result": screening.get_result_display()},
            )
    return redirect(_back("grants:call-screening", code, request.POST, f"application-{application.pk}"))


# --- Staff: the commission and its assignments ------------------------------------


@login_required
def call_commission(request, code: str):
    call = _staff_call(request, code)
    members = list(commission_progress(call))
    page = Paginator(applications_with_assignments(call), PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for application in page:
        assignments = list(application.assignments.all())
        taken = {a.member_id for a in assignments}
        screening = getattr(application, "screening", None)
        rows.append(
            {
                "application": application,
                "screening": screening,
                "assignments": assignments,
                "active": sum(1 for a in assignments if a.status != Assignment.Status.CONFLICT),
                # Only passed applications go to the commission; the service refuses linked members.
                "can_add": screening is not None and screening.result == Screening.Result.PASSED,
                "available": [m for m in members if m.pk not in taken],
            }
        )
    context = {
        "call": call,
        "members": members,
        "page": page,
        "rows": rows,
        "appoint_form": AppointForm(),
        "Status": Assignment.Status,
    }
    return render(request, "grants/evaluation/commission.html", context)


@require_POST
@login_required
def commission_appoint(request, code: str):
    call = _staff_call(request, code)
    form = AppointForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the e-mail address of the person to appoint."))
        return redirect("grants:call-commission", code=code)
    try:
        member = evaluation.commission_appoint(call=call, actor=request.user, email=form.cleaned_data["email"])
    except ServiceError as error:
        _refusal(request, error)
    else:
        if member.user_id:
            text = _("%(email)s is appointed to the commission and told by e-mail.")
        else:
            text = _("%(email)s is invited by e-mail to sign up and join the commission.")
        messages.success(request, text % {"email": member.email})
    return redirect(reverse("grants:call-commission", args=[code]) + "#members")


@require_POST
@login_required
def commission_remove(request, code: str, member_pk: int):
    call = _staff_call(request, code)
    member = get_object_or_404(CommissionMember, pk=member_pk, call=call)
    try:
        evaluation.commission_remove(member=member, actor=request.user)
    except ServiceError as error:
        _refusal(request, error)
    else:
        messages.success(
            request,
            _("%(member)s is no longer on the commission; their unfinished assignments are removed.")
            % {"member": member},
        )
    return redirect(reverse("grants:call-commission", args=[code]) + "#members")


@require_POST
@login_required
def assignments_auto(request, code: str):
    call = _staff_call(request, code)
    try:
        created = evaluation.assignments_auto(call=call, actor=request.user)
    except ServiceError as error:
        _refusal(request, error)
    else:
        messages.success(
            request,
            _("New assignments: %(count)d. Evaluators find them on their evaluation page.") % {"count": created}
            if created
            else _("No new assignment was needed: every passed application has its evaluators."),
        )
    return redirect(_back("grants:call-commission", code, request.POST, "assignments"))


@require_POST
@login_required
def assignment_add(request, code: str, application_pk: int):
    call = _staff_call(request, code)
    application = get_object_or_404(Application.objects.select_related("call"), pk=application_pk, call=call)
    form = MemberChoiceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a member of the commission."))
        return redirect(_back("grants:call-commission", code, request.POST, f"application-{application.pk}"))
    member = get_object_or_404(CommissionMember, pk=form.cleaned_data["member"], call=call)
    try:
        evaluation.assignment_add(application=application, member=member, actor=request.user)
    except ServiceError as error:
        _refusal(request, error)
    else:
        messages.success(
            request, _("%(application)s is assigned to %(member)s.") % {"application": application, "member": member}
        )
    return redirect(_back("grants:call-commission", code, request.POST, f"application-{application.pk}"))


def _call_assignment(call, assignment_pk: int) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related("member__user", "application"), pk=assignment_pk, application__call=call
    )


@require_POST
@login_required
def assignment_remove(request, code: str, assignment_pk: int):
    call = _staff_call(request, code)
    assignment = _call_assignment(call, assignment_pk)
    try:
        evaluation.assignment_remove(assignment=assignment, actor=request.user)
    except ServiceError as error:
        _refusal(request, error)
    else:
        messages.success(
            request,
            _("%(member)s no longer evaluates %(application)s.")
            % {"member": assignment.member, "application": assignment.application},
        )
    return redirect(_back("grants:call-commission", code, request.POST, f"application-{assignment.application_id}"))


@require_POST
@login_required
def assignment_remind(request, code: str, assignment_pk: int):
    call = _staff_call(request, code)
    assignment = _call_assignment(call, assignment_pk)
    try:
        evaluation.assignment_remind(assignment=assignment, actor=request.user)
    except ServiceError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("A reminder is sent to %(member)s.") % {"member": assignment.member})
    return redirect(_back("grants:call-commission", code, request.POST, f"application-{assignment.application_id}"))


# --- Evaluators ----------------------------------------------------------------


def _without_two_factor(request):
    """A redirect to set up TOTP for a person who has not; None when they have."""
    from allauth.mfa.models import Authenticator

    if Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists():
        return None
    messages.warning(
        request,
        _("Commission members must use two-factor authentication. Set it up now, then come back to your assignments."),
    )
    return redirect("mfa_activate_totp")


def two_factor_required(view):
    """An evaluator's page: signed in, with a TOTP authenticator set up (staff's middleware covers staff only)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return _without_two_factor(request) or view(request, *args, **kwargs)

    return login_required(wrapped)


def _own_assignment(user, assignment_pk: int) -> Assignment:
    """The person's own assignment on an active seat; anyone else's is a 404, like an unknown one."""
    assignment = (
        Assignment.objects.select_related("member", "application__call", "application__consortium__lead")
        .filter(pk=assignment_pk, member__user=user, member__active=True)
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


@login_required
def evaluation_home(request):
    # Before anything: seats appointed to this person's e-mail before they had an account become theirs.
    evaluation.commission_seats_claim(user=request.user)
    refusal = _without_two_factor(request)
    if refusal:
        return refusal
    return render(request, "grants/evaluation/home.html", {"assignments": assignments_of_user(request.user)})


def _criterion_facts(criteria) -> tuple[CriterionFacts, ...]:
    return tuple(CriterionFacts(c.pk, c.name, c.weight, c.max_score) for c in criteria)


def _submitted_evaluations(assignment: Assignment, criteria) -> list[dict]:
    """Every submitted evaluation of the application, numbered as the applicant will see them (1, 2, …)."""
    facts = _criterion_facts(criteria)
    submitted = (
        Assignment.objects.filter(application_id=assignment.application_id, status=Assignment.Status.SUBMITTED)
        .prefetch_related(Prefetch("scores", queryset=Score.objects.order_by()))
        .order_by("id")
    )
    evaluations = []
    for number, other in enumerate(submitted, start=1):
        given = {s.criterion_id: s for s in other.scores.all()}
        evaluations.append(
            {
                "number": number,
                "own": other.pk == assignment.pk,
                "total": evaluator_total({k: s.score for k, s in given.items() if s.score is not None}, facts),
                "rows": [{"criterion": c, "score": given.get(c.pk)} for c in criteria],
            }
        )
    return evaluations


def _assignment_page(request, assignment: Assignment, *, declaration_form=None, scores_form=None, status=200):
    application, call = assignment.application, assignment.application.call
    context = {"assignment": assignment, "application": application, "call": call}
    template = "grants/evaluation/assignment_detail.html"
    if assignment.conflict is None:
        # Who is in the consortium, to judge a conflict of interest: nothing of the application itself.
        context["declaration_form"] = declaration_form or DeclarationForm()
        context["organizations"] = [
            m.organization
            for m in ConsortiumMember.objects.filter(
                consortium_id=application.consortium_id, status=ConsortiumMember.Status.ACCEPTED
            )
            .select_related("organization")
            .order_by("-is_lead", "invited_at", "id")
        ]
        return render(request, template, context, status=status)
    if assignment.conflict:
        return render(request, template, context, status=status)
    loaded = application_page(application.pk)
    criteria = list(call.criteria.order_by("position", "id"))
    # The documents in the call's order of slots, the lead NGO's first within a slot.
    documents = sorted(
        loaded.current_documents,
        key=lambda d: (d.requirement.position, d.requirement_id, d.organization_id != loaded.consortium.lead_id, d.pk),
    )
    context |= pdf_context(loaded) | {"documents": documents, "criteria": criteria}
    if assignment.status == Assignment.Status.SUBMITTED:
        evaluations = _submitted_evaluations(assignment, criteria)
        context["own"] = next((e for e in evaluations if e["own"]), None)
        # The others' scores only once this evaluator's own are in, and only if the call allows it.
        context["others"] = [e for e in evaluations if not e["own"]] if call.evaluators_see_others else None
    else:
        saved = {s.criterion_id: s for s in assignment.scores.all()}
        context["scores_form"] = scores_form or ScoresForm(criteria=criteria, scores=saved)
    return render(request, template, context, status=status)


@two_factor_required
def assignment_detail(request, assignment_pk: int):
    return _assignment_page(request, _own_assignment(request.user, assignment_pk))


@require_POST
@two_factor_required
def assignment_declare(request, assignment_pk: int):
    assignment = _own_assignment(request.user, assignment_pk)
    form = DeclarationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether you have a conflict of interest with this consortium."))
        return _assignment_page(request, assignment, declaration_form=form, status=422)
    try:
        evaluation.conflict_declare(
            assignment=assignment,
            actor=request.user,
            conflict=form.declared_conflict(),
            note=form.cleaned_data["note"],
        )
    except ServiceError as error:
        _refusal(request, error)
    else:
        if form.declared_conflict():
            messages.success(request, _("Your conflict of interest is recorded. The application stays closed to you."))
        else:
            messages.success(request, _("Thank you. The application is open: read it and score it."))
    return redirect("grants:assignment-detail", assignment_pk=assignment.pk)


def _scores_form(request, assignment: Assignment) -> ScoresForm:
    criteria = list(assignment.application.call.criteria.order_by("position", "id"))
    return ScoresForm(request.POST, criteria=criteria)


@require_POST
@two_factor_required
def assignment_score(request, assignment_pk: int):
    assignment = _own_assignment(request.user, assignment_pk)
    form = _scores_form(request, assignment)
    if not form.is_valid():
        messages.error(request, _("Some scores are not valid; correct the fields marked below. Nothing was saved."))
        return _assignment_page(request, assignment, scores_form=form, status=422)
    try:
        evaluation.scores_save(assignment=assignment, actor=request.user, scores=form.scores())
    except ServiceError as error:
        _refusal(request, error)
        return _assignment_page(request, assignment, scores_form=form, status=error.status)
    messages.success(request, _("Your draft is saved. Submit when every criterion is scored and commented."))
    return redirect(reverse("grants:assignment-detail", args=[assignment.pk]) + "#scores")


@require_POST
@two_factor_required
def assignment_submit(request, assignment_pk: int):
    """Submit the scores as typed: they are saved first, so a refused submission keeps them as a draft.

    Two services on purpose: submitting what was saved while ignoring what is on the screen would
    lose the last edits, and a refusal ("comment on every criterion") must not lose them either.
    """
    assignment = _own_assignment(request.user, assignment_pk)
    form = _scores_form(request, assignment)
    if not form.is_valid():
        messages.error(request, _("Some scores are not valid; correct the fields marked below. Nothing was saved."))
        return _assignment_page(request, assignment, scores_form=form, status=422)
    try:
        scores = form.scores()
        if scores:
            evaluation.scores_save(assignment=assignment, actor=request.user, scores=scores)
        evaluation.assignment_submit(assignment=assignment, actor=request.user)
    except ServiceError as error:
        _refusal(request, error)
        assignment.refresh_from_db()
        return _assignment_page(request, assignment, scores_form=form, status=error.status)
    messages.success(request, _("Your scores are submitted. Thank you."))
    return redirect("grants:assignment-detail", assignment_pk=assignment.pk)
