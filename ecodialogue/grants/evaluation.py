"""Every write of a call's evaluation goes through here: screening, commission, assignments, scores,
changes of the proposed selection, the decision and the publication of results.

Only the call's staff screen, appoint, assign, decide and publish; an evaluator scores only what is
assigned to them, after declaring no conflict of interest. The decision is the one place where money is
given: it locks the call, computes the selection again from the rows, checks the call's limits once more
and writes one Decision per call (a database constraint), so two staff deciding at once cannot both win.
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.emails import queue_email, recipient_language
from ecodialogue.core.errors import Conflict, Forbidden, Invalid
from ecodialogue.core.services import activity_record
from ecodialogue.organizations.models import Membership
from ecodialogue.organizations.selectors import heads_of

from .evaluation_rules import SelectionError, check_selection, explanation, rank_and_select
from .evaluation_selectors import call_candidates, call_overrides, selection_config
from .models import (
    Application,
    Assignment,
    Award,
    Call,
    CommissionMember,
    ConsortiumMember,
    Criterion,
    Decision,
    Score,
    Screening,
    SelectionOverride,
)
from .permissions import is_call_staff

S = Call.Status
SCREENING_STATES = (S.CLOSED, S.UNDER_REVIEW)


def _require_staff(actor, call: Call) -> None:
    if not is_call_staff.test(actor, call):
        raise Forbidden("permission.denied", _("Only the call's staff may do this."))


def _require_undecided(call: Call) -> None:
    if Decision.objects.filter(call=call).exists():
        raise Conflict("decision.recorded", _("The commission's decision is recorded: the evaluation is closed."))


def _require_state(call: Call, states) -> None:
    if call.status not in states:
        raise Invalid(
            "call.state",
            _("This is not possible while the call is “%(status)s”.") % {"status": call.get_status_display()},
        )


# --- Screening -----------------------------------------------------------------


@transaction.atomic
def screening_decide(*, application: Application, actor, result: str, reason: str = "") -> Screening:
    """Staff pass an application to the commission or fail it with a reason the applicant will read."""
    application = Application.objects.select_for_update(of=("self",)).select_related("call").get(pk=application.pk)
    call = application.call
    _require_staff(actor, call)
    _require_state(call, SCREENING_STATES)
    _require_undecided(call)
    if application.status != Application.Status.SUBMITTED:
        raise Invalid("screening.not_submitted", _("Only submitted applications are screened."))
    if result not in Screening.Result.values:
        raise Invalid("screening.result", _("The result must be passed or failed."))
    reason = (reason or "").strip()
    if result == Screening.Result.FAILED and len(reason) < 5:
        raise Invalid("screening.reason", _("Write the reason: the applicant will read it."))
    if (
        result == Screening.Result.FAILED
        and application.assignments.filter(status=Assignment.Status.SUBMITTED).exists()
    ):
        raise Conflict("screening.scored", _("Evaluators have already scored this application."))
    screening, _created = Screening.objects.update_or_create(
        application=application, defaults={"result": result, "reason": reason, "decided_by": actor}
    )
    if result == Screening.Result.FAILED:
        # It no longer goes to the commission: open assignments end, and their evaluators' access with them.
        application.assignments.exclude(status__in=(Assignment.Status.SUBMITTED, Assignment.Status.CONFLICT)).delete()
    activity_record(actor=actor, verb="application.screened", obj=application, details={"result": result})
    return screening


# --- The commission ------------------------------------------------------------


@transaction.atomic
def commission_appoint(*, call: Call, actor, email: str) -> CommissionMember:
    """Appoint an evaluator by e-mail: an account with that address, or an invitation to make one."""
    from allauth.account.models import EmailAddress

    _require_staff(actor, call)
    _require_undecided(call)
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise Invalid("commission.email", _("Enter a valid e-mail address.")) from error
    address = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user").first()
    user = address.user if address else None
    if user is not None and call.commission.filter(user=user).exclude(email=email).exists():
        # One person, one seat: a second address of the same account would count them twice.
        raise Conflict("commission.member_exists", _("This person is already a member of the commission."))
    member, created = CommissionMember.objects.get_or_create(
        call=call, email=email, defaults={"user": user, "appointed_by": actor}
    )
    if not created and member.active:
        raise Conflict("commission.member_exists", _("This person is already a member of the commission."))
    if not created:
        member.active = True
        member.save(update_fields=["active"])
    activity_record(actor=actor, verb="commission.appointed", obj=call, details={"member": member.pk})
    # Someone without an account yet is written to in the call's first language.
    language = recipient_language(user) if user else (call.application_languages or ["kk"])[0]
    queue_email(
        to=email,
        language=language,
        template="grants/emails/commission_appointed",
        context={"call": call, "member": member, "has_account": user is not None},
    )
    return member


def commission_seats_claim(*, user) -> int:
    """Bind the seats appointed to this person's verified e-mail before they had an account."""
    from allauth.account.models import EmailAddress

    if not user.is_authenticated:
        return 0
    addresses = list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))
    if not addresses:
        return 0
    claimed = 0
    seated = set(CommissionMember.objects.filter(user=user).values_list("call_id", flat=True))
    for address in addresses:
        for seat in CommissionMember.objects.filter(user__isnull=True, email__iexact=address).order_by("id"):
            if seat.call_id in seated:
                continue  # one person, one seat per call
            CommissionMember.objects.filter(pk=seat.pk).update(user=user)
            seated.add(seat.call_id)
            claimed += 1
    return claimed


@transaction.atomic
def commission_remove(*, member: CommissionMember, actor) -> CommissionMember:
    """Take an evaluator off the commission; their unfinished assignments go back to be reassigned."""
    member = CommissionMember.objects.select_for_update().select_related("call").get(pk=member.pk)
    _require_staff(actor, member.call)
    _require_undecided(member.call)
    member.active = False
    member.save(update_fields=["active"])
    # Submitted scores stay, and so do declared conflicts: a member appointed again must not be
    # given back the application they declared a conflict on.
    member.assignments.exclude(status__in=(Assignment.Status.SUBMITTED, Assignment.Status.CONFLICT)).delete()
    activity_record(actor=actor, verb="commission.removed", obj=member.call, details={"member": member.pk})
    return member


def _linked_organizations(user) -> set[int]:
    if user is None:
        return set()
    return set(Membership.objects.filter(user=user).values_list("organization_id", flat=True))


def _consortium_organizations(application: Application) -> set[int]:
    return set(
        ConsortiumMember.objects.filter(
            consortium_id=application.consortium_id,
            status__in=(ConsortiumMember.Status.INVITED, ConsortiumMember.Status.ACCEPTED),
        ).values_list("organization_id", flat=True)
    )


def is_linked(member: CommissionMember, application: Application) -> bool:
    """A member who belongs to any organisation of the consortium: never assigned to it."""
    return bool(_linked_organizations(member.user) & _consortium_organizations(application))


@transaction.atomic
def assignments_auto(*, call: Call, actor) -> int:
    """Give each passed application the call's number of evaluators, the least loaded first.

    Members linked to an organisation of the consortium, and those who declared a conflict on the
    application, are left out. Returns the number of new assignments.
    """
    call = Call.objects.select_for_update().get(pk=call.pk)
    _require_staff(actor, call)
    _require_state(call, (S.UNDER_REVIEW,))
    _require_undecided(call)
    # Only seats with an account: whether an invited person is linked to a consortium is not known yet.
    members = list(call.commission.filter(active=True, user__isnull=False).select_related("user").order_by("id"))
    if not members:
        raise Invalid("commission.empty", _("Appoint the commission first (members who have signed up)."))
    load = {m.pk: m.assignments.exclude(status=Assignment.Status.CONFLICT).count() for m in members}
    links = {m.pk: _linked_organizations(m.user) for m in members}
    created = 0
    applications = (
        Application.objects.filter(call=call, status=Application.Status.SUBMITTED, screening__result="passed")
        .prefetch_related("assignments")
        .order_by("number")
    )
    given: dict[int, int] = {}
    for application in applications:
        taken = {a.member_id for a in application.assignments.all()}
        active = sum(1 for a in application.assignments.all() if a.status != Assignment.Status.CONFLICT)
        organizations = _consortium_organizations(application)
        needed = call.evaluators_per_application - active
        eligible = [m for m in members if m.pk not in taken and not (links[m.pk] & organizations)]
        for member in sorted(eligible, key=lambda m: (load[m.pk], m.pk))[: max(needed, 0)]:
            Assignment.objects.create(application=application, member=member, assigned_by=actor)
            load[member.pk] += 1
            given[member.pk] = given.get(member.pk, 0) + 1
            created += 1
    activity_record(actor=actor, verb="commission.assigned", obj=call, details={"created": created})
    for member in members:
        if given.get(member.pk):
            _mail_assigned(member, call, given[member.pk])
    return created


def _mail_assigned(member: CommissionMember, call: Call, count: int) -> None:
    user = member.user
    queue_email(
        to=user.email if user else member.email,
        language=recipient_language(user) if user else (call.application_languages or ["kk"])[0],
        template="grants/emails/assignments_new",
        context={"call": call, "count": count},
    )


@transaction.atomic
def assignment_add(*, application: Application, member: CommissionMember, actor) -> Assignment:
    call = application.call
    _require_staff(actor, call)
    _require_state(call, (S.UNDER_REVIEW,))
    _require_undecided(call)
    if member.call_id != call.pk or not member.active or member.user_id is None:
        raise Invalid("commission.not_member", _("This person is not on the call's commission (or has not signed up)."))
    if not Screening.objects.filter(application=application, result=Screening.Result.PASSED).exists():
        raise Invalid("assignment.not_screened", _("Only applications that passed the screening go to the commission."))
    if is_linked(member, application):
        raise Invalid("assignment.linked", _("This evaluator belongs to an organisation of the consortium."))
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(application=application, member=member, assigned_by=actor)
    except IntegrityError as exc:
        raise Conflict("assignment.exists", _("This evaluator is already assigned to the application.")) from exc
    _mail_assigned(member, call, 1)
    activity_record(actor=actor, verb="commission.assigned", obj=call, details={"assignment": assignment.pk})
    return assignment


@transaction.atomic
def assignment_remove(*, assignment: Assignment, actor) -> None:
    assignment = Assignment.objects.select_for_update().select_related("application__call").get(pk=assignment.pk)
    call = assignment.application.call
    _require_staff(actor, call)
    _require_undecided(call)
    if assignment.status == Assignment.Status.SUBMITTED:
        raise Conflict("assignment.submitted", _("The evaluator has submitted the scores: they stay."))
    if assignment.status == Assignment.Status.CONFLICT:
        raise Conflict("assignment.conflict_kept", _("A declared conflict of interest stays on record."))
    assignment.delete()


def _lock_own(assignment: Assignment, actor) -> Assignment:
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("member", "application__call")
        .get(pk=assignment.pk)
    )
    if not assignment.member.active or assignment.member.user_id != getattr(actor, "pk", None):
        raise Forbidden("permission.denied", _("This application is assigned to another evaluator."))
    _require_undecided(assignment.application.call)
    return assignment


@transaction.atomic
def conflict_declare(*, assignment: Assignment, actor, conflict: bool, note: str = "", now=None) -> Assignment:
    """The evaluator declares whether they have a conflict of interest; only "no" opens the application."""
    now = now or timezone.now()
    assignment = _lock_own(assignment, actor)
    if assignment.conflict is not None:
        raise Conflict("assignment.declared", _("The declaration is already made."))
    if not conflict and is_linked(assignment.member, assignment.application):
        # Belonging to an organisation of the consortium is a conflict, whatever is declared.
        raise Invalid(
            "assignment.linked",
            _("You belong to an organisation of this consortium: declare the conflict of interest."),
        )
    assignment.conflict = conflict
    assignment.conflict_note = (note or "").strip()
    assignment.declared_at = now
    assignment.status = Assignment.Status.CONFLICT if conflict else Assignment.Status.ASSIGNED
    assignment.save()
    activity_record(
        actor=actor,
        verb="assignment.conflict_declared" if conflict else "assignment.no_conflict",
        obj=assignment.application,
        details={"assignment": assignment.pk},
    )
    return assignment


def _require_open_for_scoring(assignment: Assignment) -> None:
    if is_linked(assignment.member, assignment.application):
        raise Invalid("assignment.linked", _("You belong to an organisation of this consortium: you do not score it."))
    if assignment.conflict is True:
        raise Invalid(
            "assignment.conflict", _("You declared a conflict of interest: you do not score this application.")
        )
    if assignment.conflict is None:
        raise Invalid("assignment.declare_first", _("Declare first that you have no conflict of interest."))
    if assignment.status == Assignment.Status.SUBMITTED:
        raise Conflict("assignment.submitted", _("Your scores are submitted and can no longer change."))


@transaction.atomic
def scores_save(*, assignment: Assignment, actor, scores: dict, now=None) -> Assignment:
    """Save a draft of the scores: {criterion id: (score or None, comment)}; each score within 0..maximum."""
    assignment = _lock_own(assignment, actor)
    _require_open_for_scoring(assignment)
    criteria = {c.pk: c for c in assignment.application.call.criteria.all()}
    for criterion_id, (score, comment) in scores.items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            raise Invalid("score.criterion", _("This criterion is not one of the call's."))
        if score is not None and not 0 <= int(score) <= criterion.max_score:
            raise Invalid(
                "score.range",
                _("“%(criterion)s” is scored from 0 to %(max)d.")
                % {"criterion": criterion, "max": criterion.max_score},
            )
        Score.objects.update_or_create(
            assignment=assignment,
            criterion=criterion,
            defaults={"score": None if score is None else int(score), "comment": (comment or "").strip()},
        )
    assignment.status = Assignment.Status.IN_PROGRESS
    assignment.save(update_fields=["status"])
    return assignment


@transaction.atomic
def assignment_submit(*, assignment: Assignment, actor, now=None) -> Assignment:
    """Submit the scores: every criterion scored, each with a comment. Final for this evaluator."""
    now = now or timezone.now()
    assignment = _lock_own(assignment, actor)
    _require_open_for_scoring(assignment)
    given = {s.criterion_id: s for s in assignment.scores.all()}
    missing = [
        str(c)
        for c in assignment.application.call.criteria.order_by("position", "id")
        if c.pk not in given or given[c.pk].score is None or not given[c.pk].comment.strip()
    ]
    if missing:
        raise Invalid(
            "score.incomplete",
            _("Score every criterion and comment on each: %(criteria)s.") % {"criteria": "; ".join(missing)},
        )
    assignment.status = Assignment.Status.SUBMITTED
    assignment.submitted_at = now
    assignment.save(update_fields=["status", "submitted_at"])
    activity_record(actor=actor, verb="assignment.submitted", obj=assignment.application, details={})
    return assignment


@transaction.atomic
def assignment_remind(*, assignment: Assignment, actor, now=None) -> Assignment:
    now = now or timezone.now()
    assignment = Assignment.objects.select_related("member__user", "application__call").get(pk=assignment.pk)
    _require_staff(actor, assignment.application.call)
    _require_undecided(assignment.application.call)
    if assignment.status == Assignment.Status.SUBMITTED:
        raise Conflict("assignment.submitted", _("The evaluator has already submitted the scores."))
    if assignment.status == Assignment.Status.CONFLICT or not assignment.member.active:
        raise Invalid("assignment.closed", _("This evaluator no longer works on the application."))
    user = assignment.member.user
    queue_email(
        to=user.email if user else assignment.member.email,
        language=recipient_language(user) if user else "kk",
        template="grants/emails/assignment_reminder",
        context={
            "assignment": assignment,
            "call": assignment.application.call,
            "application": assignment.application,
        },
    )
    Assignment.objects.filter(pk=assignment.pk).update(reminded_at=now)
    return assignment


# --- Selection and decision ----------------------------------------------------


@transaction.atomic
def selection_override_set(*, application: Application, actor, selected: bool, justification: str):
    """The commission changes the proposal for one application, with a written justification."""
    call = Call.objects.select_for_update().get(pk=application.call_id)
    _require_staff(actor, call)
    _require_state(call, (S.UNDER_REVIEW,))
    _require_undecided(call)
    justification = (justification or "").strip()
    if len(justification) < 10:
        raise Invalid("selection.justification", _("Write the commission's justification for the change."))
    overrides = {**call_overrides(call), application.pk: bool(selected)}
    try:
        outcomes = rank_and_select(call_candidates(call), selection_config(call), overrides)
    except SelectionError as error:
        raise Invalid(error.code, error.text) from error
    if not any(o.application_id == application.pk and o.rank is not None for o in outcomes):
        raise Invalid(
            "selection.not_ranked",
            _("Only ranked applications (screened in and scored) can be selected or left out."),
        )
    override, _created = SelectionOverride.objects.update_or_create(
        application=application,
        defaults={"call": call, "selected": bool(selected), "justification": justification, "decided_by": actor},
    )
    activity_record(
        actor=actor, verb="selection.changed", obj=call, details={"application": application.pk, "selected": selected}
    )
    return override


@transaction.atomic
def selection_override_clear(*, application: Application, actor) -> None:
    call = Call.objects.select_for_update().get(pk=application.call_id)
    _require_staff(actor, call)
    _require_undecided(call)
    SelectionOverride.objects.filter(application=application).delete()
    activity_record(actor=actor, verb="selection.changed", obj=call, details={"application": application.pk})


def _ranking_snapshot(outcomes, config, call: Call, overrides: dict) -> list[dict]:
    """The computation as decided, with the plain-words explanation in English for the record."""
    with translation.override("en"):
        return _ranking_rows(outcomes, config, call, overrides)


def _ranking_rows(outcomes, config, call: Call, overrides: dict) -> list[dict]:
    justifications = dict(SelectionOverride.objects.filter(call=call).values_list("application_id", "justification"))
    rows = []
    for outcome in outcomes:
        aggregate, candidate = outcome.aggregate, outcome.candidate
        rows.append(
            {
                "application_id": outcome.application_id,
                "number": candidate.number,
                "rank": outcome.rank,
                "selected": outcome.selected,
                "award": f"{outcome.award:.2f}",
                "reason": outcome.reason,
                "requested": f"{candidate.requested:.2f}",
                "totals": [f"{t:.2f}" for t in aggregate.totals],
                "mean": None if aggregate.mean is None else f"{aggregate.mean:.2f}",
                "bonus": f"{aggregate.bonus:.2f}",
                "bonus_reasons": list(candidate.bonus_reasons),
                "final": None if aggregate.final is None else f"{aggregate.final:.2f}",
                "criterion_means": {
                    str(k): (None if v is None else f"{v:.2f}") for k, v in aggregate.criterion_means.items()
                },
                "spread": f"{aggregate.spread:.2f}",
                "flagged": aggregate.flagged,
                "complete": aggregate.complete,
                "justification": justifications.get(outcome.application_id, ""),
                # What the explanation quotes, frozen: the budget left when it was considered.
                "remaining_before": f"{outcome.remaining_before:.2f}",
                "explanation_en": explanation(outcome, config, call.currency),
            }
        )
    return rows


@transaction.atomic
def decision_record(
    *,
    call: Call,
    actor,
    decided_on: datetime.date,
    members_present: str,
    publish_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> Decision:
    """Record the commission's decision: the selection is computed again and checked in this transaction."""
    now = now or timezone.now()
    call = Call.objects.select_for_update().get(pk=call.pk)
    _require_staff(actor, call)
    _require_state(call, (S.UNDER_REVIEW,))
    if Decision.objects.filter(call=call).exists():
        raise Conflict("decision.recorded", _("The commission's decision on this call is already recorded."))
    members_present = (members_present or "").strip()
    if not members_present:
        raise Invalid("decision.members", _("Name the commission members present."))
    open_work = Assignment.objects.filter(application__call=call).exclude(
        status__in=(Assignment.Status.SUBMITTED, Assignment.Status.CONFLICT)
    )
    if open_work.exists():
        raise Invalid("decision.unfinished", _("Some evaluators have not submitted their scores yet."))
    submitted = Application.objects.filter(call=call, status=Application.Status.SUBMITTED)
    if submitted.filter(screening__isnull=True).exists():
        raise Invalid("decision.unscreened", _("Some submitted applications have not been screened yet."))
    config = selection_config(call)
    overrides = call_overrides(call)
    # Computed in English: what the decision freezes (priority names, explanations) is the record's language.
    with translation.override("en"):
        candidates = call_candidates(call)
    short = [c.number for c in candidates if c.eligible and len(c.evaluations) < c.expected_evaluations]
    if short:
        raise Invalid(
            "decision.evaluations_missing",
            _("Some applications have fewer evaluations than the call asks for: %(numbers)s.")
            % {"numbers": ", ".join(short[:10])},
        )
    try:
        outcomes = rank_and_select(candidates, config, overrides)
    except SelectionError as error:
        raise Invalid(error.code, error.text) from error
    problems = check_selection(outcomes, config)
    if problems:  # the pure rules should make this impossible; the decision still refuses to give money wrongly
        raise Invalid(problems[0], _("The selection breaks the call's limits; nothing was decided."))
    selected = [o for o in outcomes if o.selected]
    total = sum((o.award for o in selected), Decimal("0"))
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                call=call,
                decided_on=decided_on,
                members_present=members_present,
                ranking=_ranking_snapshot(outcomes, config, call, overrides),
                total_awarded=total,
                recorded_by=actor,
                publish_at=publish_at or call.results_at,
            )
    except IntegrityError as exc:  # another decision won the race
        raise Conflict("decision.recorded", _("The commission's decision on this call is already recorded.")) from exc
    Award.objects.bulk_create(
        Award(decision=decision, application_id=o.application_id, amount=o.award, rank=o.rank) for o in selected
    )
    activity_record(
        actor=actor, verb="call.decided", obj=call, details={"awards": len(selected), "total": f"{total:.2f}"}
    )
    if decision.publish_at:
        from .tasks import publish_results_when_due

        # Queued even when the date has passed (the worker then publishes at once), where the task
        # backend can hold a task until a moment; one that cannot (the tests' immediate backend)
        # leaves publication to staff.
        if publish_results_when_due.get_backend().supports_defer:
            call_pk, when = call.pk, decision.publish_at
            transaction.on_commit(lambda: publish_results_when_due.using(run_after=when).enqueue(call_id=call_pk))
    return decision


@transaction.atomic
def results_publish(*, call: Call, actor=None, now: datetime.datetime | None = None) -> Decision:
    """Publish the results (staff at once, or the scheduled task on the results date) and tell every applicant."""
    from .services import call_transition

    now = now or timezone.now()
    call = Call.objects.select_for_update().get(pk=call.pk)
    if actor is not None:
        _require_staff(actor, call)
    decision = Decision.objects.select_for_update().filter(call=call).first()
    if decision is None:
        raise Invalid("decision.missing", _("Record the commission's decision first."))
    if decision.published_at is not None:
        raise Conflict("results.published", _("The results are already published."))
    if actor is None and decision.publish_at and decision.publish_at > now:
        raise Invalid("results.not_due", _("The results are not due yet."))
    decision.published_at = now
    decision.save(update_fields=["published_at"])
    if call.status == S.UNDER_REVIEW:
        call_transition(call=call, actor=actor, to=S.DECIDED, note="results published", now=now)
    activity_record(actor=actor, verb="results.published", obj=call, details={})
    awards = {a.application_id: a for a in decision.awards.all()}
    for application in Application.objects.filter(call=call, status=Application.Status.SUBMITTED).select_related(
        "consortium__lead", "screening"
    ):
        organizations = ConsortiumMember.objects.filter(
            consortium_id=application.consortium_id, status=ConsortiumMember.Status.ACCEPTED
        ).select_related("organization")
        people = {}
        for member in organizations:
            for user in heads_of(member.organization):
                people.setdefault(user.pk, user)
        for user in people.values():
            queue_email(
                to=user.email,
                language=recipient_language(user),
                template="grants/emails/results",
                context={"call": call, "application": application, "award": awards.get(application.pk)},
            )
    return decision


def scores_of_criteria(call: Call) -> list[Criterion]:
    return list(call.criteria.order_by("position", "id"))
