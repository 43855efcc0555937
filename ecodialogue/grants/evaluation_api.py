"""A call's evaluation through the API: screening, the commission, scores, ranking, decision and results.

Same services (grants/evaluation.py), same rules: the call's staff screen, appoint, assign, change the
proposal, decide and publish; an outsider gets 404 for what is not public (an application, an
assignment) and 403 where a rule says no, and the services check again. Evaluators work only on
their own assignments and need two-factor authentication (TOTP) as on the pages: without it they
get 403 `auth.two_factor_required`. An application opens to its evaluator only after they declare
no conflict of interest; the others' scores only after they submit their own, and only if the call
shows them. The public results answer 404 until the decision is published, and name organisations,
never people.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status

from ecodialogue.core.errors import Forbidden

from . import evaluation as services
from . import permissions as perms
from .application_api import _application, _pilot
from .application_selectors import application_page
from .evaluation_api_schemas import (
    AppointIn,
    AssignIn,
    AssignmentDetailOut,
    AssignmentOut,
    AutoAssignOut,
    CommissionOut,
    DecisionIn,
    DecisionOut,
    DeclarationIn,
    MemberOut,
    MyAssignmentOut,
    OverrideIn,
    OverrideOut,
    RankingOut,
    ResultsOut,
    ScoresIn,
    ScreeningIn,
    ScreeningOut,
    ScreeningRowOut,
)
from .evaluation_rules import evaluator_total, explanation, selection_totals
from .evaluation_selectors import (
    applications_with_assignments,
    assignments_of_user,
    call_ranking,
    commission_progress,
    selection_config,
    submitted_applications,
)
from .models import (
    Application,
    Assignment,
    Call,
    CommissionMember,
    ConsortiumMember,
    Decision,
    Pilot,
    Score,
    SelectionOverride,
)

router = Router(tags=["evaluation"])

STAFF, EVALUATORS, PUBLIC = ["evaluation"], ["evaluators"], ["results"]


def _auth():
    from ecodialogue.api import AUTH

    return AUTH


# --- Who may: the call's staff, an assignment's evaluator ----------------------------


def _staff_call(request, code: str) -> Call:
    """404 for a call that is hidden, 403 for anyone but its staff."""
    return perms.get_call_for_user(request.user, code, perms.is_call_staff)


def _staff_application(request, application_id: int) -> Application:
    """404 for outsiders (applications are not public), 403 for the consortium and evaluators."""
    return perms.get_application_for_user(request.user, application_id, perms.staffs_application_call)


def _staff_assignment(request, assignment_id: int) -> Assignment:
    """404 unless the call's staff (403 for the assignment's own evaluator: they know it)."""
    assignment = Assignment.objects.select_related("application__call", "member__user").filter(pk=assignment_id).first()
    if assignment is None:
        raise Http404
    if not perms.is_call_staff.test(request.user, assignment.application.call):
        if assignment.member.user_id == request.user.pk:
            raise PermissionDenied
        raise Http404
    return assignment


def _require_two_factor(user) -> None:
    from allauth.mfa.models import Authenticator

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        raise Forbidden(
            "auth.two_factor_required",
            # The pages' words, translated once.
            _(
                "Commission members must use two-factor authentication. "
                "Set it up now, then come back to your assignments."
            ),
        )


def _accepted_members() -> Prefetch:
    return Prefetch(
        "application__consortium__members",
        queryset=ConsortiumMember.objects.filter(status=ConsortiumMember.Status.ACCEPTED)
        .select_related("organization")
        .order_by("-is_lead", "invited_at", "id"),
        to_attr="accepted_members",
    )


def _my_assignments(user):
    return assignments_of_user(user).prefetch_related(_accepted_members())


def _own_assignment(request, assignment_id: int) -> Assignment:
    """The person's own assignment (an active seat on the commission): 404 for anyone else's."""
    _require_two_factor(request.user)
    assignment = _my_assignments(request.user).filter(pk=assignment_id).first()
    if assignment is None:
        raise Http404
    return assignment


# --- What comes out ------------------------------------------------------------------


def _screening(screening) -> dict | None:
    if screening is None:
        return None
    return {"result": screening.result, "reason": screening.reason, "decided_at": screening.decided_at}


def _assignment(assignment: Assignment) -> dict:
    return {
        "id": assignment.pk,
        "application_id": assignment.application_id,
        "member_id": assignment.member_id,
        "member": str(assignment.member),
        "status": assignment.status,
        "conflict": assignment.conflict,
        "conflict_note": assignment.conflict_note,
        "declared_at": assignment.declared_at,
        "submitted_at": assignment.submitted_at,
        "reminded_at": assignment.reminded_at,
    }


def _reloaded_assignment(assignment_id: int) -> dict:
    return _assignment(Assignment.objects.select_related("member__user").get(pk=assignment_id))


def _member(member: CommissionMember) -> dict:
    """A member loaded by commission_progress (with the counts of their assignments)."""
    return {
        "id": member.pk,
        "email": member.email,
        "name": (member.user.full_name or str(member.user)) if member.user_id else None,
        "has_account": member.user_id is not None,
        "assigned": member.assigned,
        "in_progress": member.started,
        "submitted": member.done,
        "conflicts": member.conflicts,
    }


def _criteria(call: Call) -> list[dict]:
    return [
        {"id": c.pk, "name": c.name, "description": c.description, "weight": c.weight, "max_score": c.max_score}
        for c in services.scores_of_criteria(call)
    ]


def _decision(decision: Decision) -> dict:
    awards = decision.awards.select_related("application").order_by("rank")
    return {
        "call": decision.call.code,
        "decided_on": decision.decided_on,
        "members_present": decision.members_present,
        "total_awarded": decision.total_awarded,
        "currency": decision.call.currency,
        "publish_at": decision.publish_at,
        "published_at": decision.published_at,
        "awards": [
            {"application_id": a.application_id, "number": a.application.number, "rank": a.rank, "amount": a.amount}
            for a in awards
        ],
    }


def _override(override: SelectionOverride) -> dict:
    return {
        "application_id": override.application_id,
        "selected": override.selected,
        "justification": override.justification,
        "decided_at": override.decided_at,
    }


def _my_assignment(assignment: Assignment) -> dict:
    """An assignment loaded by _my_assignments: who the consortium is, not what it wrote."""
    application = assignment.application
    return {
        "id": assignment.pk,
        "call": application.call.code,
        "call_title": application.call.title,
        "application_id": application.pk,
        "number": application.number,
        "lead": application.consortium.lead.name,
        "members": [m.organization.name for m in application.consortium.accepted_members],
        "status": assignment.status,
        "conflict": assignment.conflict,
        "declared_at": assignment.declared_at,
        "submitted_at": assignment.submitted_at,
    }


def _scores(assignment: Assignment, criteria) -> tuple[list[dict], Decimal | None]:
    """An assignment's scores in the criteria's order, and its total once every criterion is scored."""
    given = {s.criterion_id: s for s in assignment.scores.all()}
    rows = [
        {"criterion_id": c.id, "score": given[c.id].score, "comment": given[c.id].comment}
        for c in criteria
        if c.id in given
    ]
    values = {key: score.score for key, score in given.items() if score.score is not None}
    complete = bool(criteria) and all(c.id in values for c in criteria)
    return rows, evaluator_total(values, criteria) if complete else None


def _assignment_detail(assignment: Assignment, user) -> dict:
    application, call = assignment.application, assignment.application.call
    config = selection_config(call)
    scores, total = _scores(assignment, config.criteria)
    content = None
    if assignment.conflict is False:  # only a declaration of no conflict opens the application
        page = application_page(application.pk)
        content = {
            "application": _application(page, user),
            "pilots": [_pilot(pilot, number) for number, pilot in enumerate(page.pilots.all(), start=1)],
        }
    others = None
    if assignment.status == Assignment.Status.SUBMITTED and call.evaluators_see_others:
        # Numbered as the ranking numbers them: the submitted evaluations in the order of their assignments.
        submitted = (
            Assignment.objects.filter(application=application, status=Assignment.Status.SUBMITTED)
            .prefetch_related(Prefetch("scores", queryset=Score.objects.order_by("criterion_id")))
            .order_by("id")
        )
        others = []
        for number, other in enumerate(submitted, start=1):
            if other.pk == assignment.pk:
                continue
            rows, other_total = _scores(other, config.criteria)
            others.append({"evaluator": number, "total": other_total or Decimal("0.00"), "scores": rows})
    return _my_assignment(assignment) | {
        "conflict_note": assignment.conflict_note,
        "evaluators_see_others": call.evaluators_see_others,
        "criteria": _criteria(call),
        "scores": scores,
        "total": total,
        "content": content,
        "others": others,
    }


def _reloaded_detail(request, assignment_id: int) -> dict:
    return _assignment_detail(_own_assignment(request, assignment_id), request.user)


# --- Screening -----------------------------------------------------------------------


@router.get(
    "/calls/{code}/screening",
    response=list[ScreeningRowOut],
    auth=_auth(),
    tags=STAFF,
    summary="The call's submitted applications with their automatic findings and screening (staff)",
)
def screening_list(request, code: str):
    call = _staff_call(request, code)
    applications = submitted_applications(call).select_related("consortium__lead", "screening").order_by("number")
    return [
        {
            "application_id": a.pk,
            "number": a.number,
            "lead": a.consortium.lead.name,
            "language": a.language,
            "submitted_at": a.submitted_at,
            "total_amount": a.total_amount,
            "checklist_errors": a.checklist_errors,
            "screening": _screening(getattr(a, "screening", None)),
        }
        for a in applications
    ]


@router.put(
    "/applications/{application_id}/screening",
    response=ScreeningOut,
    auth=_auth(),
    tags=STAFF,
    summary="Pass an application to the commission, or fail it with a reason the applicant will read (staff)",
)
def screening_decide(request, application_id: int, payload: ScreeningIn):
    application = _staff_application(request, application_id)
    screening = services.screening_decide(
        application=application, actor=request.user, result=payload.result, reason=payload.reason
    )
    return _screening(screening)


# --- The commission and assignments --------------------------------------------------


@router.get(
    "/calls/{code}/commission",
    response=CommissionOut,
    auth=_auth(),
    tags=STAFF,
    summary="The commission with each member's progress, and each application's evaluators (staff)",
)
def commission_detail(request, code: str):
    call = _staff_call(request, code)
    return {
        "evaluators_per_application": call.evaluators_per_application,
        "members": [_member(m) for m in commission_progress(call)],
        "applications": [
            {
                "application_id": a.pk,
                "number": a.number,
                "lead": a.consortium.lead.name,
                "screening": a.screening.result if getattr(a, "screening", None) else None,
                "assignments": [_assignment(x) for x in a.assignments.all()],
            }
            for a in applications_with_assignments(call)
        ],
    }


@router.post(
    "/calls/{code}/commission",
    response={201: MemberOut},
    auth=_auth(),
    tags=STAFF,
    summary="Appoint an evaluator by e-mail: an account, or an invitation to sign up (staff)",
)
def commission_appoint(request, code: str, payload: AppointIn):
    call = _staff_call(request, code)
    member = services.commission_appoint(call=call, actor=request.user, email=payload.email)
    return Status(201, _member(commission_progress(call).get(pk=member.pk)))


@router.delete(
    "/calls/{code}/commission/{member_id}",
    response={204: None},
    auth=_auth(),
    tags=STAFF,
    summary="Take an evaluator off the commission; their unfinished assignments are removed (staff)",
)
def commission_remove(request, code: str, member_id: int):
    call = _staff_call(request, code)
    member = get_object_or_404(CommissionMember, pk=member_id, call=call)
    services.commission_remove(member=member, actor=request.user)
    return Status(204, None)


@router.post(
    "/calls/{code}/assignments/auto",
    response=AutoAssignOut,
    auth=_auth(),
    tags=STAFF,
    summary="Give each passed application the call's number of evaluators, load balanced, conflicts respected",
)
def assignments_auto(request, code: str):
    call = _staff_call(request, code)
    return {"created": services.assignments_auto(call=call, actor=request.user)}


@router.post(
    "/applications/{application_id}/assignments",
    response={201: AssignmentOut},
    auth=_auth(),
    tags=STAFF,
    summary="Assign a member of the commission to an application by hand (staff)",
)
def assignment_add(request, application_id: int, payload: AssignIn):
    application = _staff_application(request, application_id)
    member = get_object_or_404(CommissionMember, pk=payload.member_id, call_id=application.call_id)
    assignment = services.assignment_add(application=application, member=member, actor=request.user)
    return Status(201, _reloaded_assignment(assignment.pk))


@router.delete(
    "/assignments/{assignment_id}",
    response={204: None},
    auth=_auth(),
    tags=STAFF,
    summary="Remove an assignment whose scores are not submitted (staff)",
)
def assignment_remove(request, assignment_id: int):
    services.assignment_remove(assignment=_staff_assignment(request, assignment_id), actor=request.user)
    return Status(204, None)


@router.post(
    "/assignments/{assignment_id}/remind",
    response=AssignmentOut,
    auth=_auth(),
    tags=STAFF,
    summary="Remind the evaluator by e-mail (staff)",
)
def assignment_remind(request, assignment_id: int):
    assignment = _staff_assignment(request, assignment_id)
    services.assignment_remind(assignment=assignment, actor=request.user)
    return _reloaded_assignment(assignment.pk)


# --- Ranking, changes of the proposal, decision, publication -------------------------


@router.get(
    "/calls/{code}/ranking",
    response=RankingOut,
    auth=_auth(),
    tags=STAFF,
    summary="The ranking and the proposed selection, every number with its parts and why (staff)",
)
def ranking(request, code: str):
    call = _staff_call(request, code)
    outcomes, config = call_ranking(call)
    leads = dict(submitted_applications(call).values_list("pk", "consortium__lead__name"))
    overrides = {o.application_id: o for o in SelectionOverride.objects.filter(call=call)}
    count, awarded = selection_totals(outcomes)
    rows = []
    for outcome in outcomes:
        aggregate, candidate = outcome.aggregate, outcome.candidate
        override = overrides.get(outcome.application_id)
        rows.append(
            {
                "application_id": outcome.application_id,
                "number": candidate.number,
                "lead": leads.get(outcome.application_id, ""),
                "rank": outcome.rank,
                "selected": outcome.selected,
                "award": outcome.award,
                "reason": outcome.reason,
                "explanation": explanation(outcome, config, call.currency),
                "requested": candidate.requested,
                "remaining_before": outcome.remaining_before,
                "evaluations": [
                    {
                        "evaluator": evaluation.evaluator,
                        "total": total,
                        "scores": [
                            {"criterion_id": c.id, "score": evaluation.scores.get(c.id)} for c in config.criteria
                        ],
                    }
                    for evaluation, total in zip(candidate.evaluations, aggregate.totals, strict=True)
                ],
                "expected_evaluations": candidate.expected_evaluations,
                "mean": aggregate.mean,
                "bonus": aggregate.bonus,
                "bonus_reasons": list(candidate.bonus_reasons),
                "final": aggregate.final,
                "criterion_means": [
                    {"criterion_id": c.id, "mean": aggregate.criterion_means.get(c.id)} for c in config.criteria
                ],
                "spread": aggregate.spread,
                "flagged": aggregate.flagged,
                "complete": aggregate.complete,
                "override": _override(override) if override else None,
            }
        )
    return {
        "call": call.code,
        "currency": call.currency,
        "decided": Decision.objects.filter(call=call).exists(),
        "criteria": _criteria(call),
        "rows": rows,
        "totals": {
            "selected": count,
            "winners": config.winners,
            "awarded": awarded,
            "total_budget": config.total_budget,
            "remaining": config.total_budget - awarded,
            "grant_min": config.grant_min,
            "grant_max": config.grant_max,
            "spread": config.spread,
        },
    }


@router.put(
    "/applications/{application_id}/selection-override",
    response=OverrideOut,
    auth=_auth(),
    tags=STAFF,
    summary="Change the proposed selection for one application, with the commission's justification (staff)",
)
def selection_override_set(request, application_id: int, payload: OverrideIn):
    application = _staff_application(request, application_id)
    override = services.selection_override_set(
        application=application, actor=request.user, selected=payload.selected, justification=payload.justification
    )
    return _override(override)


@router.delete(
    "/applications/{application_id}/selection-override",
    response={204: None},
    auth=_auth(),
    tags=STAFF,
    summary="Go back to the proposed selection for one application (staff)",
)
def selection_override_clear(request, application_id: int):
    application = _staff_application(request, application_id)
    services.selection_override_clear(application=application, actor=request.user)
    return Status(204, None)


@router.post(
    "/calls/{code}/decision",
    response={201: DecisionOut},
    auth=_auth(),
    tags=STAFF,
    summary="Record the commission's decision (once per call; 409 decision.recorded), and publish now if asked",
)
def decision_record(request, code: str, payload: DecisionIn):
    call = _staff_call(request, code)
    now = timezone.now()
    with transaction.atomic():  # published at once, or not decided at all
        decision = services.decision_record(
            call=call,
            actor=request.user,
            decided_on=payload.decided_on,
            members_present=payload.members_present,
            publish_at=now if payload.publish_now else None,  # else the call's results date
            now=now,
        )
        if payload.publish_now:
            services.results_publish(call=call, actor=request.user, now=now)
    return Status(201, _decision(Decision.objects.select_related("call").get(pk=decision.pk)))


@router.post(
    "/calls/{code}/results/publish",
    response=DecisionOut,
    auth=_auth(),
    tags=STAFF,
    summary="Publish the results now and notify every applicant (staff)",
)
def results_publish(request, code: str):
    call = _staff_call(request, code)
    decision = services.results_publish(call=call, actor=request.user)
    return _decision(Decision.objects.select_related("call").get(pk=decision.pk))


# --- Evaluators ----------------------------------------------------------------------


@router.get(
    "/assignments",
    response=list[MyAssignmentOut],
    auth=_auth(),
    tags=EVALUATORS,
    summary="My assignments as an evaluator (two-factor authentication required)",
)
def my_assignments(request):
    # As on the pages, before anything: seats appointed to my e-mail before I had an account become mine.
    services.commission_seats_claim(user=request.user)
    _require_two_factor(request.user)
    return [_my_assignment(a) for a in _my_assignments(request.user)]


@router.get(
    "/assignments/{assignment_id}",
    response=AssignmentDetailOut,
    auth=_auth(),
    tags=EVALUATORS,
    summary="My assignment: the application once I declare no conflict, the others' scores after I submit mine",
)
def my_assignment(request, assignment_id: int):
    return _reloaded_detail(request, assignment_id)


@router.post(
    "/assignments/{assignment_id}/declaration",
    response=AssignmentDetailOut,
    auth=_auth(),
    tags=EVALUATORS,
    summary="Declare whether I have a conflict of interest (once); only “no” opens the application",
)
def conflict_declare(request, assignment_id: int, payload: DeclarationIn):
    assignment = _own_assignment(request, assignment_id)
    services.conflict_declare(assignment=assignment, actor=request.user, conflict=payload.conflict, note=payload.note)
    return _reloaded_detail(request, assignment_id)


@router.put(
    "/assignments/{assignment_id}/scores",
    response=AssignmentDetailOut,
    auth=_auth(),
    tags=EVALUATORS,
    summary="Save a draft of my scores and comments, from 0 to each criterion's maximum",
)
def scores_save(request, assignment_id: int, payload: ScoresIn):
    assignment = _own_assignment(request, assignment_id)
    scores = {item.criterion_id: (item.score, item.comment) for item in payload.scores}
    services.scores_save(assignment=assignment, actor=request.user, scores=scores)
    return _reloaded_detail(request, assignment_id)


@router.post(
    "/assignments/{assignment_id}/submit",
    response=AssignmentDetailOut,
    auth=_auth(),
    tags=EVALUATORS,
    summary="Submit my scores: every criterion scored and commented (422 score.incomplete); final",
)
def assignment_submit(request, assignment_id: int):
    assignment = _own_assignment(request, assignment_id)
    services.assignment_submit(assignment=assignment, actor=request.user)
    return _reloaded_detail(request, assignment_id)


# --- Public results ------------------------------------------------------------------


@router.get(
    "/calls/{code}/results",
    response=ResultsOut,
    auth=None,
    tags=PUBLIC,
    summary="The published results (public): the awards, their consortia, pilot projects and amounts",
)
def results(request, code: str):
    call = perms.get_call_for_user(request.user, code)
    decision = Decision.objects.filter(call=call, published_at__isnull=False).first()
    if decision is None:  # not decided, or not yet published: nothing to see, through any page or API
        raise Http404
    pilots = Pilot.objects.select_related("settlement", "organization").order_by("position", "id")
    awards = (
        decision.awards.select_related("application__consortium__lead")
        .prefetch_related(_accepted_members(), Prefetch("application__pilots", queryset=pilots))
        .order_by("rank")
    )
    return {
        "call": call.code,
        "call_title": call.title,
        "currency": call.currency,
        "decided_on": decision.decided_on,
        "published_at": decision.published_at,
        "total_awarded": decision.total_awarded,
        "awards": [
            {
                "rank": award.rank,
                "number": award.application.number,
                "lead": award.application.consortium.lead.name,
                "members": [m.organization.name for m in award.application.consortium.accepted_members],
                "pilots": [
                    {
                        "title": p.title,
                        "organization": p.organization.name,
                        "settlement": p.settlement_id,
                        "settlement_label": str(p.settlement) if p.settlement_id else None,
                    }
                    for p in award.application.pilots.all()
                ],
                "amount": award.amount,
            }
            for award in awards
        ],
    }
