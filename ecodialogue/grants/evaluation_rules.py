"""How scores become a ranking and a selection within the call's budget: pure functions over plain data.

The arithmetic, in the order it is applied:

1. An evaluator's total = 100 × Σ(weightᵢ × scoreᵢ / maximumᵢ) / Σ weightᵢ — each criterion counts by
   its weight whatever its scale, and the total is out of 100.
2. An application's score = the mean of its evaluators' totals (submitted evaluations only), plus the
   bonus points of the call's priorities it meets. Evaluators further apart than the call's spread
   (the highest total minus the lowest) flag it for discussion.
3. Ranking: by final score, highest first; ties go to the higher mean on the call's first criterion,
   then to the earlier submission, then to the lower application number.
4. Selection: going down the ranking, an application is selected while fewer than the call's number of
   winners are selected and its requested amount (which must lie within the grant range) fits in what
   is left of the total budget; one that does not fit is skipped and the next is considered. The
   commission may change this only with a written justification per application: a forced inclusion is
   placed first (it must fit), a forced exclusion is skipped.

Every outcome carries a reason code and words that explain it; every number can be shown with how it
was computed. Money and scores are Decimal throughout.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CriterionFacts:
    id: int
    name: str
    weight: Decimal
    max_score: int


@dataclass(frozen=True)
class EvaluationFacts:
    evaluator: int  # an anonymous number within the application (1, 2, …), never a name
    scores: dict  # criterion id → score


@dataclass(frozen=True)
class CandidateFacts:
    application_id: int
    number: str
    requested: Decimal
    submitted_at: datetime.datetime
    eligible: bool  # passed the screening
    evaluations: tuple[EvaluationFacts, ...] = ()
    expected_evaluations: int = 0
    bonus: Decimal = Decimal("0")
    bonus_reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class SelectionConfig:
    criteria: tuple[CriterionFacts, ...]
    winners: int
    total_budget: Decimal
    grant_min: Decimal
    grant_max: Decimal
    spread: Decimal = Decimal("20")


@dataclass(frozen=True)
class Aggregate:
    application_id: int
    totals: tuple[Decimal, ...]  # each evaluator's total out of 100
    mean: Decimal | None  # None without any submitted evaluation
    bonus: Decimal
    final: Decimal | None
    criterion_means: dict  # criterion id → mean score (on the criterion's own scale)
    spread: Decimal
    flagged: bool
    complete: bool  # every expected evaluation is in


def evaluator_total(scores: dict, criteria: tuple[CriterionFacts, ...]) -> Decimal:
    """100 × Σ(wᵢ·sᵢ/maxᵢ) / Σwᵢ, rounded to the cent."""
    weights = sum((c.weight for c in criteria), Decimal("0"))
    if weights <= 0:
        return Decimal("0.00")
    weighted = sum((c.weight * Decimal(scores.get(c.id, 0)) / Decimal(c.max_score) for c in criteria), Decimal("0"))
    return _round(Decimal(100) * weighted / weights)


def aggregate(candidate: CandidateFacts, config: SelectionConfig) -> Aggregate:
    totals = tuple(evaluator_total(e.scores, config.criteria) for e in candidate.evaluations)
    means = {}
    for criterion in config.criteria:
        given = [Decimal(e.scores[criterion.id]) for e in candidate.evaluations if criterion.id in e.scores]
        means[criterion.id] = _round(sum(given, Decimal("0")) / len(given)) if given else None
    if not totals:
        return Aggregate(candidate.application_id, (), None, candidate.bonus, None, means, Decimal("0"), False, False)
    mean = _round(sum(totals, Decimal("0")) / len(totals))
    spread = max(totals) - min(totals)
    return Aggregate(
        application_id=candidate.application_id,
        totals=totals,
        mean=mean,
        bonus=candidate.bonus,
        final=mean + candidate.bonus,
        criterion_means=means,
        spread=spread,
        flagged=len(totals) > 1 and spread > config.spread,
        complete=len(totals) >= max(candidate.expected_evaluations, 1),
    )


def ranking_key(candidate: CandidateFacts, result: Aggregate, config: SelectionConfig) -> tuple:
    """Sort key: final score, then the first criterion (as a share of its maximum), then the earlier submission."""
    first = config.criteria[0] if config.criteria else None
    first_mean = result.criterion_means.get(first.id) if first else None
    first_share = (first_mean / first.max_score) if first and first_mean is not None else Decimal("-1")
    final = result.final if result.final is not None else Decimal("-1")
    return (-final, -first_share, candidate.submitted_at, candidate.number)


@dataclass(frozen=True)
class Outcome:
    application_id: int
    rank: int | None  # position in the ranking; None for applications that are not ranked
    selected: bool
    award: Decimal
    # A stable code: selected, override_in, override_out, not_eligible, not_scored, out_of_range, winners, budget.
    reason: str
    remaining_before: Decimal  # budget left when this application was considered
    aggregate: Aggregate
    candidate: CandidateFacts = field(compare=False, repr=False, default=None)


class SelectionError(ValueError):
    def __init__(self, code: str, message, **params):
        super().__init__(code)
        self.code = code
        self.message = message
        self.params = params

    @property
    def text(self) -> str:
        return str(self.message % self.params) if self.params else str(self.message)


def in_range(amount: Decimal, config: SelectionConfig) -> bool:
    return config.grant_min <= amount <= config.grant_max


def rank_and_select(
    candidates: list[CandidateFacts], config: SelectionConfig, overrides: dict | None = None
) -> list[Outcome]:
    """The ranking and the proposed (or overridden) selection, best first; unranked ones at the end.

    `overrides` maps an application id to True (include) or False (exclude). An inclusion that
    cannot be honoured within the rules raises SelectionError: the commission may change the
    order, never the call's limits.
    """
    overrides = overrides or {}
    results = {c.application_id: aggregate(c, config) for c in candidates}
    ranked = [c for c in candidates if c.eligible and results[c.application_id].final is not None]
    ranked.sort(key=lambda c: ranking_key(c, results[c.application_id], config))
    unranked = [c for c in candidates if c not in ranked]

    remaining, winners = config.total_budget, 0
    decided: dict[int, tuple[bool, Decimal, str, Decimal]] = {}
    for candidate in ranked:  # forced inclusions first, in ranking order
        if overrides.get(candidate.application_id) is not True:
            continue
        if not in_range(candidate.requested, config):
            raise SelectionError(
                "selection.out_of_range",
                _("Application %(number)s asks for an amount outside the grant range: it cannot be selected."),
                number=candidate.number,
            )
        if winners >= config.winners or candidate.requested > remaining:
            raise SelectionError(
                "selection.limits",
                _("Selecting application %(number)s too would exceed the call's winners or total budget."),
                number=candidate.number,
            )
        decided[candidate.application_id] = (True, candidate.requested, "override_in", remaining)
        remaining -= candidate.requested
        winners += 1
    for candidate in ranked:
        key = candidate.application_id
        if key in decided:
            continue
        if overrides.get(key) is False:
            decided[key] = (False, Decimal("0"), "override_out", remaining)
        elif not in_range(candidate.requested, config):
            decided[key] = (False, Decimal("0"), "out_of_range", remaining)
        elif winners >= config.winners:
            decided[key] = (False, Decimal("0"), "winners", remaining)
        elif candidate.requested > remaining:
            decided[key] = (False, Decimal("0"), "budget", remaining)
        else:
            decided[key] = (True, candidate.requested, "selected", remaining)
            remaining -= candidate.requested
            winners += 1

    outcomes = []
    for rank, candidate in enumerate(ranked, start=1):
        selected, award, reason, before = decided[candidate.application_id]
        outcomes.append(
            Outcome(candidate.application_id, rank, selected, award, reason, before, results[candidate.application_id],
                    candidate)
        )  # fmt: skip
    for candidate in unranked:
        reason = "not_eligible" if not candidate.eligible else "not_scored"
        outcomes.append(
            Outcome(candidate.application_id, None, False, Decimal("0"), reason, remaining,
                    results[candidate.application_id], candidate)
        )  # fmt: skip
    return outcomes


REASONS = {
    "selected": _(
        "Selected: ranked %(rank)d with %(final)s points, and its %(requested)s fitted in the %(remaining)s "
        "left of the budget."
    ),
    "override_in": _("Selected by the commission's decision, with a written justification (ranked %(rank)d)."),
    "override_out": _("Not selected by the commission's decision, with a written justification (ranked %(rank)d)."),
    "winners": _("Not selected: ranked %(rank)d, after the call's %(winners)d winners had been selected."),
    "budget": _(
        "Not selected: ranked %(rank)d, but its %(requested)s did not fit in the %(remaining)s left of the budget."
    ),
    "out_of_range": _("Not selected: it asks for %(requested)s, outside the grant range of %(min)s to %(max)s."),
    "not_eligible": _("Not ranked: it did not pass the screening of administrative eligibility."),
    "not_scored": _("Not ranked: no evaluator has submitted scores for it yet."),
}


def explanation(outcome: Outcome, config: SelectionConfig, currency: str) -> str:
    """Why an application was or was not selected, in plain words (the active language)."""
    from ecodialogue.core.templatetags.ecodialogue import money

    candidate = outcome.candidate
    params = {
        "rank": outcome.rank or 0,
        "final": f"{outcome.aggregate.final:.2f}" if outcome.aggregate.final is not None else "—",
        "requested": money(candidate.requested, currency) if candidate else "",
        "remaining": money(outcome.remaining_before, currency),
        "winners": config.winners,
        "min": money(config.grant_min, currency),
        "max": money(config.grant_max, currency),
    }
    return str(REASONS[outcome.reason] % params)


def selection_totals(outcomes: list[Outcome]) -> tuple[int, Decimal]:
    selected = [o for o in outcomes if o.selected]
    return len(selected), sum((o.award for o in selected), Decimal("0"))


def check_selection(outcomes: list[Outcome], config: SelectionConfig) -> list[str]:
    """The call's limits, checked again on the outcome itself (the decision's last guard)."""
    problems = []
    count, total = selection_totals(outcomes)
    if count > config.winners:
        problems.append("selection.winners")
    if total > config.total_budget:
        problems.append("selection.budget")
    if any(o.selected and not in_range(o.award, config) for o in outcomes):
        problems.append("selection.out_of_range")
    return problems
