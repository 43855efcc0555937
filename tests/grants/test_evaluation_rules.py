"""Scores into a ranking and a selection within budget: hand-computed examples and properties (hypothesis)."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecodialogue.grants.evaluation_rules import (
    CandidateFacts,
    CriterionFacts,
    EvaluationFacts,
    SelectionConfig,
    SelectionError,
    aggregate,
    check_selection,
    evaluator_total,
    explanation,
    rank_and_select,
    selection_totals,
)

D = Decimal
T0 = datetime.datetime(2026, 5, 20, 9, tzinfo=datetime.UTC)
SIX = tuple(CriterionFacts(i, f"criterion {i}", D("1"), 10) for i in range(1, 7))
CALL = SelectionConfig(criteria=SIX, winners=5, total_budget=D("60000"), grant_min=D("10000"), grant_max=D("12000"))


def evaluation(*scores, evaluator=1) -> EvaluationFacts:
    return EvaluationFacts(evaluator, dict(zip(range(1, len(scores) + 1), scores, strict=True)))


def candidate(pk, *evaluations, requested="11000", minutes=0, eligible=True, bonus="0") -> CandidateFacts:
    return CandidateFacts(
        application_id=pk,
        number=f"ECO-{pk:03d}",
        requested=D(requested),
        submitted_at=T0 + datetime.timedelta(minutes=minutes),
        eligible=eligible,
        evaluations=tuple(evaluations),
        expected_evaluations=len(evaluations),
        bonus=D(bonus),
    )


class TestArithmetic:
    def test_equal_weights_out_of_100(self):
        assert evaluator_total({1: 8, 2: 7, 3: 9, 4: 6, 5: 10, 6: 5}, SIX) == D("75.00")

    def test_weights_and_scales_of_their_own(self):
        """Relevance weighs 2 and is scored 0–20; budget weighs 1 and is scored 0–5.
        100 × (2 × 15/20 + 1 × 4/5) / 3 = 100 × 2.3 / 3 = 76.67."""
        criteria = (CriterionFacts(1, "relevance", D("2"), 20), CriterionFacts(2, "budget", D("1"), 5))
        assert evaluator_total({1: 15, 2: 4}, criteria) == D("76.67")

    def test_the_mean_of_evaluators_plus_bonus_and_the_spread_flag(self):
        """Totals 80, 60 and 50: mean 63.33, +5 bonus = 68.33; spread 30 > 20 flags it."""
        result = aggregate(
            candidate(
                1,
                evaluation(8, 8, 8, 8, 8, 8, evaluator=1),
                evaluation(6, 6, 6, 6, 6, 6, evaluator=2),
                evaluation(5, 5, 5, 5, 5, 5, evaluator=3),
                bonus="5",
            ),
            CALL,
        )
        assert result.totals == (D("80.00"), D("60.00"), D("50.00"))
        assert result.mean == D("63.33") and result.final == D("68.33")
        assert result.spread == D("30.00") and result.flagged
        assert result.criterion_means[1] == D("6.33")

    def test_agreement_within_the_spread_is_not_flagged(self):
        result = aggregate(candidate(1, evaluation(8, 8, 8, 8, 8, 8), evaluation(7, 7, 7, 7, 7, 7)), CALL)
        assert result.spread == D("10.00") and not result.flagged

    def test_no_evaluation_no_score(self):
        result = aggregate(candidate(1), CALL)
        assert result.final is None and not result.complete


class TestRanking:
    def test_ties_go_to_the_first_criterion_then_the_earlier_submission(self):
        first_high = candidate(1, evaluation(9, 7, 8, 8, 8, 8), minutes=30)  # total 80, first criterion 9
        first_low = candidate(2, evaluation(7, 9, 8, 8, 8, 8), minutes=0)  # total 80, first criterion 7
        early = candidate(3, evaluation(9, 7, 8, 8, 8, 8), minutes=10)  # same as 1, submitted earlier
        ranked = [o.application_id for o in rank_and_select([first_high, first_low, early], CALL)]
        assert ranked == [3, 1, 2]

    def test_bonus_points_move_an_application_up(self):
        plain = candidate(1, evaluation(8, 8, 8, 8, 8, 8))
        priority = candidate(2, evaluation(8, 8, 8, 8, 7, 7), bonus="5")  # 76.67 + 5 = 81.67
        assert [o.application_id for o in rank_and_select([plain, priority], CALL)] == [2, 1]


class TestSelection:
    def test_the_seed_calls_rules_five_within_sixty_thousand(self):
        candidates = [candidate(i, evaluation(*([10 - i] * 6)), requested="12000") for i in range(1, 8)]
        outcomes = rank_and_select(candidates, CALL)
        assert [o.application_id for o in outcomes if o.selected] == [1, 2, 3, 4, 5]
        assert selection_totals(outcomes) == (5, D("60000"))
        assert [o.reason for o in outcomes[5:]] == ["winners", "winners"]

    def test_one_that_does_not_fit_is_skipped_and_the_next_considered(self):
        config = SelectionConfig(SIX, winners=3, total_budget=D("33000"), grant_min=D("10000"), grant_max=D("12000"))
        candidates = [
            candidate(1, evaluation(9, 9, 9, 9, 9, 9), requested="12000"),
            candidate(2, evaluation(8, 8, 8, 8, 8, 8), requested="12000"),
            candidate(3, evaluation(7, 7, 7, 7, 7, 7), requested="12000"),  # 9,000 left: skipped
            candidate(4, evaluation(6, 6, 6, 6, 6, 6), requested="10000"),  # does not fit either
            candidate(5, evaluation(5, 5, 5, 5, 5, 5), requested="9000"),  # below the grant range
        ]
        outcomes = {o.application_id: o for o in rank_and_select(candidates, config)}
        assert [k for k, o in outcomes.items() if o.selected] == [1, 2]
        assert outcomes[3].reason == "budget" and outcomes[4].reason == "budget"
        assert outcomes[5].reason == "out_of_range"

    def test_a_smaller_request_further_down_fills_the_rest(self):
        config = SelectionConfig(SIX, winners=3, total_budget=D("34000"), grant_min=D("10000"), grant_max=D("12000"))
        candidates = [
            candidate(1, evaluation(9, 9, 9, 9, 9, 9), requested="12000"),
            candidate(2, evaluation(8, 8, 8, 8, 8, 8), requested="12000"),
            candidate(3, evaluation(7, 7, 7, 7, 7, 7), requested="12000"),
            candidate(4, evaluation(6, 6, 6, 6, 6, 6), requested="10000"),
        ]
        selected = [o.application_id for o in rank_and_select(candidates, config) if o.selected]
        assert selected == [1, 2, 4]

    def test_screened_out_and_unscored_applications_are_not_ranked(self):
        outcomes = rank_and_select([candidate(1, evaluation(9, 9, 9, 9, 9, 9), eligible=False), candidate(2)], CALL)
        assert [(o.rank, o.reason) for o in outcomes] == [(None, "not_eligible"), (None, "not_scored")]

    def test_the_commission_changes_the_proposal_only_within_the_limits(self):
        candidates = [candidate(i, evaluation(*([10 - i] * 6)), requested="12000") for i in range(1, 8)]
        changed = rank_and_select(candidates, CALL, overrides={7: True, 1: False})
        selected = [o.application_id for o in changed if o.selected]
        assert selected == [2, 3, 4, 5, 7]
        reasons = {o.application_id: o.reason for o in changed}
        assert reasons[7] == "override_in" and reasons[1] == "override_out" and reasons[6] == "winners"
        with pytest.raises(SelectionError) as refused:
            # Six forced inclusions of 12,000 each: more than the five winners and the 60,000 allow.
            rank_and_select(candidates, CALL, overrides=dict.fromkeys(range(2, 8), True))
        assert refused.value.code == "selection.limits"

    def test_every_outcome_is_explained(self):
        outcomes = rank_and_select([candidate(1, evaluation(9, 9, 9, 9, 9, 9)), candidate(2, eligible=False)], CALL)
        texts = [explanation(o, CALL, "EUR") for o in outcomes]
        assert "90.00" in texts[0] and "11\u00a0000\u00a0EUR" in texts[0]
        assert texts[1] and texts[0] != texts[1]


amounts = st.integers(min_value=8_000, max_value=14_000).map(lambda n: D(n))
score_lists = st.lists(st.integers(min_value=0, max_value=10), min_size=6, max_size=6)
candidate_lists = st.lists(
    st.tuples(amounts, st.lists(score_lists, min_size=0, max_size=3), st.booleans(), st.integers(0, 5)),
    min_size=0,
    max_size=14,
)


def build(specs) -> list[CandidateFacts]:
    return [
        CandidateFacts(
            application_id=i,
            number=f"ECO-{i:03d}",
            requested=requested,
            submitted_at=T0 + datetime.timedelta(minutes=i),
            eligible=eligible,
            evaluations=tuple(EvaluationFacts(n, dict(zip(range(1, 7), s, strict=True))) for n, s in enumerate(ev)),
            bonus=D(bonus),
        )
        for i, (requested, ev, eligible, bonus) in enumerate(specs, start=1)
    ]


@settings(max_examples=300, deadline=None)
@given(
    specs=candidate_lists,
    winners=st.integers(1, 6),
    budget=st.integers(5_000, 80_000).map(D),
)
def test_the_selection_never_breaks_the_calls_limits(specs, winners, budget):
    config = SelectionConfig(SIX, winners=winners, total_budget=budget, grant_min=D("10000"), grant_max=D("12000"))
    outcomes = rank_and_select(build(specs), config)
    assert check_selection(outcomes, config) == []
    count, total = selection_totals(outcomes)
    assert count <= winners and total <= budget
    # No unselected application that would have fitted ranks above a selected one.
    selected_ranks = [o.rank for o in outcomes if o.selected]
    for outcome in outcomes:
        if outcome.selected or outcome.rank is None or outcome.reason == "out_of_range":
            continue
        assert outcome.reason in ("winners", "budget")
        if outcome.reason == "budget":
            assert outcome.candidate.requested > outcome.remaining_before
        if selected_ranks and outcome.rank < max(selected_ranks):
            assert outcome.reason == "budget"


@settings(max_examples=200, deadline=None)
@given(specs=candidate_lists, data=st.data())
def test_overrides_are_honoured_or_refused_never_bent(specs, data):
    candidates = build(specs)
    if not candidates:
        return
    ids = [c.application_id for c in candidates]
    overrides = data.draw(st.dictionaries(st.sampled_from(ids), st.booleans(), max_size=4))
    try:
        outcomes = rank_and_select(candidates, CALL, overrides)
    except SelectionError:
        return
    assert check_selection(outcomes, CALL) == []
    for outcome in outcomes:
        if outcome.rank is not None and outcome.application_id in overrides:
            assert outcome.selected is overrides[outcome.application_id]
