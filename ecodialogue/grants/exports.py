"""The tables of a call's decision, built once and shown as a page, a PDF, CSV, XLSX or JSON.

Two audiences, two sources:

- Staff read the ranking with every score (`ranking_table`): the live computation of the rules
  (`call_ranking`) until the commission decides, then only the frozen `Decision.ranking`, so the page,
  the protocol and the exports show what was decided whatever happens to the rows later.
- The public reads the awards of a published decision in the 360Giving data standard's names
  (grants/open_data.py).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from ecodialogue.core.tables import number

from .evaluation_rules import (
    Aggregate,
    CandidateFacts,
    CriterionFacts,
    Outcome,
    SelectionConfig,
    explanation,
    selection_totals,
)
from .evaluation_selectors import call_ranking, selection_config
from .models import Application, Call, Decision


def plain(value: Decimal) -> str:
    """A weight as people write it: 1, 1.5 (not 1.00)."""
    return f"{value.normalize():f}"


# --- The staff's ranking -------------------------------------------------------


@dataclass
class EvaluatorTotal:
    number: int  # "Evaluator 1", "Evaluator 2": anonymous within the application
    total: Decimal
    # "100 × (1×8/10 + …) / 6"; empty once decided: the decision freezes the totals, not each score.
    formula: str = ""


@dataclass
class RankingRow:
    application_id: int
    number: str
    lead: str
    requested: Decimal
    rank: int | None
    evaluators: list[EvaluatorTotal]
    mean: Decimal | None
    bonus: Decimal
    bonus_reasons: list[str]
    final: Decimal | None
    criterion_means: list[tuple[CriterionFacts, Decimal | None]]
    spread: Decimal
    flagged: bool
    complete: bool
    selected: bool
    award: Decimal
    reason: str
    explanation: str
    override: bool | None  # the commission's change: True include, False exclude, None none
    justification: str

    @property
    def mean_formula(self) -> str:
        if self.mean is None:
            return ""
        totals = "+".join(number(e.total) for e in self.evaluators)
        return f"({totals})/{len(self.evaluators)}"

    @property
    def high(self) -> Decimal | None:
        return max((e.total for e in self.evaluators), default=None)

    @property
    def low(self) -> Decimal | None:
        return min((e.total for e in self.evaluators), default=None)


@dataclass
class RankingTable:
    call: Call
    config: SelectionConfig
    rows: list[RankingRow]
    decision: Decision | None
    winners: int = 0
    awarded: Decimal = Decimal("0")
    evaluators: int = 0  # the most evaluators any application has: the exports' columns
    overrides: list[RankingRow] = field(default_factory=list)

    @property
    def budget_left(self) -> Decimal:
        return self.config.total_budget - self.awarded

    @property
    def is_decided(self) -> bool:
        return self.decision is not None


def total_formula(scores: dict, criteria: tuple[CriterionFacts, ...]) -> str:
    """An evaluator's total with its numbers: 100 × Σ(weight × score / maximum) / Σ weights.

    Written tight, as the ranking page shows one a evaluator for every application; a weight of 1
    is left out, as in arithmetic: "100×(8/10+2×7/10)/3".
    """
    terms = "+".join(
        f"{'' if c.weight == 1 else plain(c.weight) + '×'}{scores.get(c.id, 0)}/{c.max_score}" for c in criteria
    )
    weights = plain(sum((c.weight for c in criteria), Decimal("0")))
    return f"100×({terms})/{weights}"


def _applications(call: Call) -> dict[int, Application]:
    """The call's submitted applications with their lead NGO and the commission's change: one query."""
    applications = Application.objects.filter(call=call, status=Application.Status.SUBMITTED).select_related(
        "consortium__lead", "override"
    )
    return {a.pk: a for a in applications}


def _live_rows(outcomes: list[Outcome], config: SelectionConfig, applications: dict, currency: str) -> list:
    rows = []
    for outcome in outcomes:
        candidate, aggregate = outcome.candidate, outcome.aggregate
        application = applications.get(outcome.application_id)
        override = getattr(application, "override", None)
        rows.append(
            RankingRow(
                application_id=outcome.application_id,
                number=candidate.number,
                lead=application.consortium.lead.name if application else "",
                requested=candidate.requested,
                rank=outcome.rank,
                evaluators=[
                    EvaluatorTotal(e.evaluator, total, total_formula(e.scores, config.criteria))
                    for e, total in zip(candidate.evaluations, aggregate.totals, strict=True)
                ],
                mean=aggregate.mean,
                bonus=aggregate.bonus,
                bonus_reasons=list(candidate.bonus_reasons),
                final=aggregate.final,
                criterion_means=[(c, aggregate.criterion_means.get(c.id)) for c in config.criteria],
                spread=aggregate.spread,
                flagged=aggregate.flagged,
                complete=aggregate.complete,
                selected=outcome.selected,
                award=outcome.award,
                reason=outcome.reason,
                explanation=explanation(outcome, config, currency),
                override=None if override is None else override.selected,
                justification="" if override is None else override.justification,
            )
        )
    return rows


def _decimal(value) -> Decimal | None:
    return None if value is None or value == "" else Decimal(value)


def _remaining_before(snapshot: list[dict]) -> dict[int, Decimal]:
    """The budget left when each application was considered, as the decision recorded it."""
    return {row["application_id"]: Decimal(row["remaining_before"]) for row in snapshot}


def frozen_outcome(row: dict, config: SelectionConfig, remaining_before: Decimal) -> Outcome:
    """An Outcome as the rules would have returned it, rebuilt from one row of `Decision.ranking`.

    Only what the explanation reads is real; the candidate's submission time is not frozen.
    """
    totals = tuple(Decimal(t) for t in row.get("totals", []))
    means = {int(k): _decimal(v) for k, v in (row.get("criterion_means") or {}).items()}
    aggregate = Aggregate(
        application_id=row["application_id"],
        totals=totals,
        mean=_decimal(row.get("mean")),
        bonus=Decimal(row.get("bonus") or "0"),
        final=_decimal(row.get("final")),
        criterion_means=means,
        spread=Decimal(row.get("spread") or "0"),
        flagged=bool(row.get("flagged")),
        complete=bool(row.get("complete")),
    )
    candidate = CandidateFacts(
        application_id=row["application_id"],
        number=row.get("number") or "",
        requested=Decimal(row.get("requested") or "0"),
        submitted_at=datetime.datetime.min.replace(tzinfo=datetime.UTC),
        eligible=row["reason"] != "not_eligible",
        bonus=aggregate.bonus,
        bonus_reasons=tuple(row.get("bonus_reasons") or ()),
    )
    return Outcome(
        application_id=row["application_id"],
        rank=row.get("rank"),
        selected=bool(row.get("selected")),
        award=Decimal(row.get("award") or "0"),
        reason=row["reason"],
        remaining_before=remaining_before,
        aggregate=aggregate,
        candidate=candidate,
    )


def _frozen_rows(decision: Decision, config: SelectionConfig, applications: dict, currency: str) -> list:
    remaining = _remaining_before(decision.ranking)
    rows = []
    for row in decision.ranking:
        outcome = frozen_outcome(row, config, remaining[row["application_id"]])
        aggregate = outcome.aggregate
        reason = row["reason"]
        application = applications.get(outcome.application_id)
        rows.append(
            RankingRow(
                application_id=outcome.application_id,
                number=outcome.candidate.number,
                lead=application.consortium.lead.name if application else "",
                requested=outcome.candidate.requested,
                rank=outcome.rank,
                evaluators=[EvaluatorTotal(n, t) for n, t in enumerate(aggregate.totals, start=1)],
                mean=aggregate.mean,
                bonus=aggregate.bonus,
                bonus_reasons=list(outcome.candidate.bonus_reasons),
                final=aggregate.final,
                criterion_means=[(c, aggregate.criterion_means.get(c.id)) for c in config.criteria],
                spread=aggregate.spread,
                flagged=aggregate.flagged,
                complete=aggregate.complete,
                selected=outcome.selected,
                award=outcome.award,
                reason=reason,
                explanation=explanation(outcome, config, currency),
                override={"override_in": True, "override_out": False}.get(reason),
                justification=row.get("justification") or "",
            )
        )
    return rows


def ranking_table(call: Call) -> RankingTable:
    """The ranking staff read: proposed (live) until the decision, then the decision's frozen one.

    Names (criteria, lead NGOs) and the explanations are in the active language.
    """
    decision = Decision.objects.filter(call=call).first()
    applications = _applications(call)
    if decision is None:
        outcomes, config = call_ranking(call)
        rows = _live_rows(outcomes, config, applications, call.currency)
    else:
        config = selection_config(call)
        rows = _frozen_rows(decision, config, applications, call.currency)
    winners, awarded = selection_totals(rows)  # reads .selected and .award, as on an Outcome
    return RankingTable(
        call=call,
        config=config,
        rows=rows,
        decision=decision,
        winners=winners,
        awarded=awarded,
        evaluators=max((len(r.evaluators) for r in rows), default=0),
        overrides=[r for r in rows if r.override is not None],
    )


def ranking_sheet(table: RankingTable) -> tuple[list[str], list[list]]:
    """The staff's export: one row per application, every number of the page in its own column."""
    header = [_("Rank"), _("Application number"), _("Lead NGO"), _("Requested amount")]
    header += [_("Evaluator %(number)d, total of 100") % {"number": n} for n in range(1, table.evaluators + 1)]
    header += [
        _("Mean score on “%(criterion)s” (of %(max)d, weight %(weight)s)")
        % {"criterion": c.name, "max": c.max_score, "weight": plain(c.weight)}
        for c in table.config.criteria
    ]
    header += [
        _("Mean of the totals"),
        _("Bonus"),
        _("Priorities met"),
        _("Final score"),
        _("Spread between evaluators"),
        _("Flagged for discussion"),
        _("All evaluations in"),
        _("Selected"),
        _("Award"),
        _("Reason code"),
        _("Why"),
        _("Commission's change"),
        _("Justification"),
    ]
    yes, no = _("yes"), _("no")
    change = {True: _("include"), False: _("exclude"), None: ""}
    rows = []
    for row in table.rows:
        totals = [e.total for e in row.evaluators]
        rows.append(
            [row.rank, row.number, row.lead, row.requested]
            + totals
            + [None] * (table.evaluators - len(totals))
            + [mean for _criterion, mean in row.criterion_means]
            + [
                row.mean,
                row.bonus,
                "; ".join(row.bonus_reasons),
                row.final,
                row.spread,
                yes if row.flagged else no,
                yes if row.complete else no,
                yes if row.selected else no,
                row.award,
                row.reason,
                row.explanation,
                change[row.override],
                row.justification,
            ]
        )
    return header, rows
