"""The implementation's rules, one story each: what they accept and what they refuse."""

import datetime
from decimal import Decimal

import pytest

from ecodialogue.implementation import rules

D = Decimal
day = datetime.date


def codes(findings):
    return [f.code for f in findings]


class TestTranches:
    def test_the_seed_split_of_11000_is_exact(self):
        assert rules.tranche_amounts(D("11000"), [D("50"), D("40"), D("10")]) == [
            D("5500.00"),
            D("4400.00"),
            D("1100.00"),
        ]

    def test_the_last_tranche_takes_the_rounding(self):
        amounts = rules.tranche_amounts(D("10000.01"), [D("33.33"), D("33.33"), D("33.34")])
        assert sum(amounts) == D("10000.01")

    def test_percentages_must_add_up_to_100(self):
        assert codes(rules.tranche_findings([D("50"), D("40")])) == ["tranches_not_100"]
        assert rules.tranche_findings([D("50"), D("40"), D("10")]) == []

    def test_a_tranche_of_nothing_or_more_than_everything_is_refused(self):
        assert "tranche_percent_range" in codes(rules.tranche_findings([D("0"), D("100")]))
        assert "tranche_percent_range" in codes(rules.tranche_findings([D("120"), D("-20")]))

    def test_no_tranche_at_all_is_refused(self):
        assert codes(rules.tranche_findings([])) == ["tranches_missing"]


class TestPeriods:
    def test_seven_months_from_the_first_of_august_end_on_the_last_day_of_february(self):
        assert rules.latest_end(day(2026, 8, 1), 7) == day(2027, 2, 28)

    def test_a_period_one_day_too_long_is_refused(self):
        assert rules.period_findings(day(2026, 8, 1), day(2027, 2, 28), max_months=7) == []
        assert codes(rules.period_findings(day(2026, 8, 1), day(2027, 3, 1), max_months=7)) == ["period_too_long"]

    def test_a_period_backwards_or_half_given_is_refused(self):
        assert codes(rules.period_findings(day(2026, 9, 1), day(2026, 8, 1), max_months=7)) == ["period_order"]
        assert codes(rules.period_findings(None, day(2026, 8, 1), max_months=7)) == ["period_missing"]

    def test_planned_months_become_dates_of_the_pilot(self):
        assert rules.month_dates(day(2026, 8, 1), 2, 6) == (day(2026, 9, 1), day(2027, 1, 31))

    @pytest.mark.parametrize(
        ("first", "last", "expected"),
        [
            (day(2026, 8, 1), day(2026, 8, 31), []),
            (day(2026, 7, 31), day(2026, 8, 2), ["dates_outside_period"]),
            (day(2027, 2, 1), day(2027, 3, 1), ["dates_outside_period"]),
            (day(2026, 9, 2), day(2026, 9, 1), ["dates_order"]),
            (None, day(2026, 9, 1), ["dates_missing"]),
        ],
    )
    def test_activities_fall_inside_the_implementation_period(self, first, last, expected):
        period = (day(2026, 8, 1), day(2027, 2, 28))
        assert codes(rules.dates_within_findings(first, last, period=period)) == expected


class TestMoney:
    def test_tenge_are_converted_with_the_rate_used(self):
        amount = rules.converted_amount(D("260000"), paid_currency="KZT", grant_currency="EUR", rate=D("520"))
        assert amount == D("500.00")

    def test_an_amount_in_the_grant_currency_is_kept(self):
        assert rules.converted_amount(D("12.345"), paid_currency="EUR", grant_currency="EUR", rate=None) == D("12.35")

    def test_tenge_without_a_rate_cannot_be_converted(self):
        with pytest.raises(ValueError):
            rules.converted_amount(D("1"), paid_currency="KZT", grant_currency="EUR", rate=None)

    def test_an_expenditure_is_refused_for_each_thing_wrong(self):
        findings = rules.expenditure_findings(
            paid_amount=D("0"),
            paid_currency="KZT",
            grant_currency="EUR",
            rate=None,
            spent_on=day(2026, 7, 1),
            period=(day(2026, 8, 1), day(2027, 2, 28)),
            line_in_plan=False,
        )
        assert codes(findings) == ["line_not_approved", "amount_not_positive", "rate_missing", "date_outside_period"]

    def test_an_expenditure_in_dollars_is_refused_for_a_grant_in_euro(self):
        findings = rules.expenditure_findings(
            paid_amount=D("10"),
            paid_currency="USD",
            grant_currency="EUR",
            rate=D("1"),
            spent_on=day(2026, 9, 1),
            period=(day(2026, 8, 1), day(2027, 2, 28)),
            line_in_plan=True,
        )
        assert codes(findings) == ["currency_not_allowed"]


class TestSpendingAgainstTheBudget:
    lines = [(1, 10, D("750")), (2, 20, D("1000")), (3, 20, D("1000"))]

    def test_spending_adds_up_per_category(self):
        rows = rules.spending_by_category(self.lines, {1: D("100"), 2: D("900"), 3: D("50")})
        assert [(r.category_id, r.approved, r.spent) for r in rows] == [
            (10, D("750"), D("100")),
            (20, D("2000"), D("950")),
        ]
        assert rows[1].remaining == D("1050")
        assert rows[1].percent_spent == D("47.5")

    def test_overspending_within_the_threshold_is_a_warning(self):
        rows = rules.spending_by_category(self.lines, {1: D("825")})  # 10 % over 750
        findings = rules.spending_findings(rows, threshold_percent=D("10"))
        assert [(f.code, f.severity) for f in findings] == [("overspend_within_threshold", "warning")]

    def test_overspending_beyond_the_threshold_needs_a_reallocation(self):
        rows = rules.spending_by_category(self.lines, {1: D("825.01")})
        findings = rules.spending_findings(rows, threshold_percent=D("10"), names={10: "Іс-шаралар"})
        assert codes(findings) == ["overspend_needs_reallocation"]
        assert findings[0].is_error
        assert "Іс-шаралар" in findings[0].text

    def test_a_category_moved_by_more_than_the_threshold_is_a_reallocation(self):
        before = {10: D("750"), 20: D("2000")}
        assert rules.reallocated_categories(before, {10: D("825"), 20: D("1925")}, threshold_percent=D("10")) == []
        assert rules.reallocated_categories(before, {10: D("900"), 20: D("1850")}, threshold_percent=D("10")) == [10]
        assert rules.reallocated_categories(
            before, {10: D("750"), 20: D("1000"), 30: D("1000")}, threshold_percent=D("10")
        ) == [20, 30]


class TestPlanBudget:
    def line(self, **overrides):
        return {"id": 1, "category_id": 10, "item": "Семинар", "quantity": D("2"), "unit_cost": D("375"), **overrides}

    def test_a_complete_budget_within_the_ceiling_is_accepted(self):
        assert (
            rules.plan_budget_findings(lines=[self.line()], allowed_categories={10}, ceiling=D("750"), spent_by_line={})
            == []
        )

    def test_a_budget_over_the_pilot_share_is_refused(self):
        findings = rules.plan_budget_findings(
            lines=[self.line()], allowed_categories={10}, ceiling=D("749.99"), spent_by_line={}
        )
        assert codes(findings) == ["plan_over_budget"]

    def test_lines_outside_the_call_or_without_numbers_are_refused(self):
        findings = rules.plan_budget_findings(
            lines=[self.line(category_id=99), self.line(id=2, quantity=None)],
            allowed_categories={10},
            ceiling=D("10000"),
            spent_by_line={},
        )
        assert codes(findings) == ["line_incomplete", "line_not_positive"]

    def test_a_line_cannot_go_below_what_was_spent_on_it_nor_disappear(self):
        below = rules.plan_budget_findings(
            lines=[self.line(quantity=D("1"))], allowed_categories={10}, ceiling=D("750"), spent_by_line={1: D("400")}
        )
        assert codes(below) == ["line_below_spent"]
        removed = rules.plan_budget_findings(
            lines=[], allowed_categories={10}, ceiling=D("750"), spent_by_line={1: D("1")}
        )
        assert codes(removed) == ["line_with_spending_removed"]


class TestReports:
    def test_a_part_needs_its_narrative_and_people_and_counts_that_add_up(self):
        assert codes(rules.part_findings(participants=None, women=None, youth=None, narrative=" ")) == [
            "narrative_missing",
            "participants_missing",
        ]
        assert codes(rules.part_findings(participants=10, women=11, youth=12, narrative="Жасалды")) == [
            "women_exceed_total",
            "youth_exceed_total",
        ]
        assert rules.part_findings(participants=10, women=10, youth=0, narrative="Жасалды") == []

    def test_the_consolidated_report_needs_the_summary_and_every_part_complete(self):
        findings = rules.report_submit_findings(summary="", parts_ready=[("Атбасар", True), ("Есік", False)])
        assert codes(findings) == ["summary_missing", "part_not_ready"]
        assert "Есік" in findings[1].text


class TestReminders:
    due = day(2026, 11, 10)

    def remind(self, today, submitted=False):
        return rules.reminders_due(due_on=self.due, today=today, days_before=7, submitted=submitted)

    def test_nothing_before_the_week_before(self):
        assert self.remind(day(2026, 11, 2)) == []

    def test_due_soon_from_a_week_before_until_the_day(self):
        assert self.remind(day(2026, 11, 3)) == [("due_soon", day(2026, 11, 3))]
        assert self.remind(day(2026, 11, 10)) == [("due_soon", day(2026, 11, 3))]

    def test_overdue_the_day_after_and_then_weekly_the_latest_only(self):
        assert self.remind(day(2026, 11, 11)) == [("overdue", day(2026, 11, 11))]
        assert self.remind(day(2026, 11, 17)) == [("overdue", day(2026, 11, 11))]
        assert self.remind(day(2026, 11, 18)) == [("overdue", day(2026, 11, 18))]

    def test_the_overdue_reminders_stop_after_four(self):
        assert self.remind(day(2027, 3, 1)) == [("overdue", day(2026, 12, 2))]

    def test_a_submitted_report_is_not_reminded(self):
        assert self.remind(day(2026, 11, 11), submitted=True) == []


class TestBounds:
    """Numbers and dates no grant has are refused as findings, before any column overflows."""

    def test_a_year_like_9999_is_refused(self):
        assert codes(rules.period_findings(day(9999, 12, 1), day(9999, 12, 31), max_months=7)) == [
            "period_out_of_range"
        ]

    def test_a_rate_too_small_to_be_real_is_refused(self):
        findings = rules.expenditure_findings(
            paid_amount=D("9999999"),
            paid_currency="KZT",
            grant_currency="EUR",
            rate=D("0.001"),
            spent_on=day(2026, 9, 1),
            period=(day(2026, 8, 1), day(2027, 2, 28)),
            line_in_plan=True,
        )
        assert codes(findings) == ["rate_out_of_range"]

    def test_an_amount_beyond_any_grant_is_refused(self):
        findings = rules.expenditure_findings(
            paid_amount=D("10000000000"),
            paid_currency="EUR",
            grant_currency="EUR",
            rate=None,
            spent_on=day(2026, 9, 1),
            period=(day(2026, 8, 1), day(2027, 2, 28)),
            line_in_plan=True,
        )
        assert codes(findings) == ["amount_too_large"]

    def test_a_budget_line_with_more_than_two_decimals_or_huge_is_refused(self):
        for quantity, unit_cost in ((D("10000000000000"), D("0.00000000001")), (D("1.005"), D("2"))):
            line = {"id": None, "category_id": 10, "item": "Контейнер", "quantity": quantity, "unit_cost": unit_cost}
            findings = rules.plan_budget_findings(
                lines=[line], allowed_categories={10}, ceiling=D("1000000"), spent_by_line={}
            )
            assert codes(findings) == ["line_not_positive"]
