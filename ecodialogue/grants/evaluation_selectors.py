"""Reads of a call's evaluation: the candidates the ranking needs, in a few queries for any number of them."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from .application_rules import PilotFacts, PriorityFacts, priority_bonus
from .evaluation_rules import CandidateFacts, CriterionFacts, EvaluationFacts, SelectionConfig, rank_and_select
from .models import Application, Assignment, Call, CommissionMember, Pilot, Score, Screening, SelectionOverride


def selection_config(call: Call) -> SelectionConfig:
    return SelectionConfig(
        criteria=tuple(
            CriterionFacts(c.pk, c.name, c.weight, c.max_score) for c in call.criteria.order_by("position", "id")
        ),
        winners=call.winners,
        total_budget=call.total_budget,
        grant_min=call.grant_min,
        grant_max=call.grant_max,
        spread=call.disagreement_spread,
    )


def submitted_applications(call: Call) -> QuerySet[Application]:
    return call.applications.filter(status=Application.Status.SUBMITTED)


def call_candidates(call: Call) -> list[CandidateFacts]:
    """Every submitted application of the call as the ranking sees it: screening, submitted scores, bonus."""
    applications = list(submitted_applications(call).select_related("screening").order_by("number"))
    scores = defaultdict(lambda: defaultdict(dict))  # application → assignment → criterion → score
    for application_id, assignment_id, criterion_id, value in Score.objects.filter(
        assignment__application__call=call, assignment__status=Assignment.Status.SUBMITTED, score__isnull=False
    ).values_list("assignment__application_id", "assignment_id", "criterion_id", "score"):
        scores[application_id][assignment_id][criterion_id] = value
    # Only what the priorities read: the place (and its region), the themes, and the people involved.
    pilots = defaultdict(list)
    themes = defaultdict(set)
    for pilot_id, theme_id in Pilot.themes.through.objects.filter(
        pilot__application__call=call, pilot__application__status=Application.Status.SUBMITTED
    ).values_list("pilot_id", "theme_id"):
        themes[pilot_id].add(theme_id)
    for pk, application_id, settlement, region, participants, women, youth in (
        Pilot.objects.filter(application__call=call, application__status=Application.Status.SUBMITTED)
        .order_by("application_id", "position", "id")
        .values_list("pk", "application_id", "settlement_id", "settlement__region_id", "participants", "women", "youth")
    ):
        pilots[application_id].append(
            PilotFacts(
                id=pk, number=len(pilots[application_id]) + 1, organization_id=0, title="", settlement=settlement,
                region=region, blank=(), indicators=0, participants=participants, women=women, youth=youth,
                themes=frozenset(themes[pk]),
            )
        )  # fmt: skip
    priorities = tuple(
        PriorityFacts(p.kind, str(p), p.bonus_points, p.region_id, p.theme_id, p.min_share_percent)
        for p in call.priorities.select_related("region", "theme")
    )
    candidates = []
    for application in applications:
        bonus, reasons = priority_bonus(pilots[application.pk], priorities)
        screening = getattr(application, "screening", None)
        by_assignment = scores[application.pk]
        candidates.append(
            CandidateFacts(
                application_id=application.pk,
                number=application.number or "",
                requested=application.total_amount,
                submitted_at=application.submitted_at,
                eligible=screening is not None and screening.result == Screening.Result.PASSED,
                # Evaluators are numbered within the application in the order of their assignments: anonymous.
                evaluations=tuple(
                    EvaluationFacts(number, dict(by_assignment[key]))
                    for number, key in enumerate(sorted(by_assignment), start=1)
                ),
                expected_evaluations=call.evaluators_per_application,
                bonus=bonus,
                bonus_reasons=reasons,
            )
        )
    return candidates


def call_overrides(call: Call) -> dict[int, bool]:
    return dict(SelectionOverride.objects.filter(call=call).values_list("application_id", "selected"))


def call_ranking(call: Call):
    """The ranking and the proposed selection (with the commission's changes), and the config it used."""
    config = selection_config(call)
    return rank_and_select(call_candidates(call), config, call_overrides(call)), config


def commission_progress(call: Call) -> QuerySet[CommissionMember]:
    """Each member with the counts of their assignments by status."""
    return (
        call.commission.filter(active=True)
        .select_related("user")
        .annotate(
            assigned=Count("assignments"),
            started=Count("assignments", filter=Q(assignments__status=Assignment.Status.IN_PROGRESS)),
            done=Count("assignments", filter=Q(assignments__status=Assignment.Status.SUBMITTED)),
            conflicts=Count("assignments", filter=Q(assignments__status=Assignment.Status.CONFLICT)),
        )
        .order_by("appointed_at", "id")
    )


def applications_with_assignments(call: Call) -> QuerySet[Application]:
    return (
        submitted_applications(call)
        .select_related("consortium__lead", "screening")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("member__user").order_by("id"))
        )
        .order_by("number")
    )


def assignments_of_user(user) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(member__user=user, member__active=True)
        .select_related("application__call", "application__consortium__lead")
        .order_by("application__call__deadline", "application__number")
    )


def feedback_for_applicant(application: Application) -> dict | None:
    """Scores per criterion and the evaluators' comments, anonymised, once the results are published."""
    decision = getattr(application.call, "decision", None)
    if decision is None or not decision.is_published:
        return None
    assignments = list(
        application.assignments.filter(status=Assignment.Status.SUBMITTED)
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("id")
    )
    criteria = list(application.call.criteria.order_by("position", "id"))
    rows = []
    for criterion in criteria:
        given = [s for a in assignments for s in a.scores.all() if s.criterion_id == criterion.pk]
        values = [s.score for s in given if s.score is not None]
        rows.append(
            {
                "criterion": criterion,
                "mean": (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01")) if values else None,
                "comments": [
                    (number, s.comment)
                    for number, a in enumerate(assignments, start=1)
                    for s in a.scores.all()
                    if s.criterion_id == criterion.pk and s.comment
                ],
            }
        )
    entry = next((row for row in decision.ranking if row.get("application_id") == application.pk), None)
    return {"decision": decision, "rows": rows, "entry": entry}
