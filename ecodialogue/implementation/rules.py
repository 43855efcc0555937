"""Rules of implementing a grant, as pure functions over plain data.

Each returns `Finding`s (or plain numbers) and is called by the services, the
pages, the API and the tests alike: the agreement's terms, the dates of
activities, spending against the approved budget, reallocations between
categories, the completeness of a report and when reminders are due.
"""

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from ecodialogue.core.findings import Finding, Severity

CENT = Decimal("0.01")
HUNDRED = Decimal("100")
# The largest number a quantity, unit cost, target or payment may have (the columns hold 12 digits before
# the point, and a sum of lines must still fit).
MAX_NUMBER = Decimal("10000000000")
# Tenge per unit of the grant's currency: no real rate is below this, and a smaller one would make a
# payment in tenge larger than the columns hold.
MIN_RATE = Decimal("0.01")


def money(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


# --- The agreement's terms --------------------------------------------------


def tranche_amounts(amount: Decimal, percents: list[Decimal]) -> list[Decimal]:
    """Split the grant by the tranches' percentages; the last tranche takes the rounding so the sum is exact."""
    amounts = [money(amount * p / HUNDRED) for p in percents[:-1]]
    return [*amounts, money(amount - sum(amounts, Decimal("0")))] if percents else []


def tranche_findings(percents: list[Decimal]) -> list[Finding]:
    if not percents:
        return [Finding("tranches_missing", Severity.ERROR, _("The agreement needs at least one payment tranche."))]
    findings = []
    if any(p <= 0 or p > HUNDRED for p in percents):
        findings.append(
            Finding("tranche_percent_range", Severity.ERROR, _("Each tranche is more than 0 % and at most 100 %."))
        )
    total = sum(percents, Decimal("0"))
    if total != HUNDRED:
        findings.append(
            Finding(
                "tranches_not_100",
                Severity.ERROR,
                _("The tranches add up to %(total)s %%; they must add up to 100 %%."),
                {"total": format(total.normalize(), "f")},
            )
        )
    return findings


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def latest_end(starts_on: datetime.date, max_months: int) -> datetime.date:
    """The last day of a period of `max_months` months starting on `starts_on` (7 months from 1 July: 31 January)."""
    return add_months(starts_on, max_months) - datetime.timedelta(days=1)


# Dates a grant can have: a typo such as 9999 is refused as a finding, not met later as an overflow.
FIRST_YEAR, LAST_YEAR = 2000, 2999


def plausible(day: datetime.date | None) -> bool:
    return day is not None and FIRST_YEAR <= day.year <= LAST_YEAR


def period_findings(
    starts_on: datetime.date | None, ends_on: datetime.date | None, *, max_months: int, subject: str = ""
) -> list[Finding]:
    if (starts_on and not plausible(starts_on)) or (ends_on and not plausible(ends_on)):
        return [
            Finding(
                "period_out_of_range",
                Severity.ERROR,
                _("Dates fall between the years %(first)d and %(last)d."),
                {"first": FIRST_YEAR, "last": LAST_YEAR},
                subject=subject,
            )
        ]
    if starts_on is None or ends_on is None:
        return [
            Finding("period_missing", Severity.ERROR, _("The implementation period needs both dates."), subject=subject)
        ]
    if ends_on < starts_on:
        return [Finding("period_order", Severity.ERROR, _("The period ends before it starts."), subject=subject)]
    if ends_on > latest_end(starts_on, max_months):
        return [
            Finding(
                "period_too_long",
                Severity.ERROR,
                _("A pilot project lasts at most %(months)d months: from %(start)s it ends by %(latest)s."),
                {
                    "months": max_months,
                    "start": starts_on.isoformat(),
                    "latest": latest_end(starts_on, max_months).isoformat(),
                },
                subject=subject,
            )
        ]
    return []


def dates_within_findings(
    first: datetime.date | None,
    last: datetime.date | None,
    *,
    period: tuple[datetime.date | None, datetime.date | None],
    subject: str = "",
) -> list[Finding]:
    """An activity's dates: both given, in order, and inside the pilot's implementation period."""
    if first is None or last is None:
        return [Finding("dates_missing", Severity.ERROR, _("Give both dates of the activity."), subject=subject)]
    if last < first:
        return [Finding("dates_order", Severity.ERROR, _("The activity ends before it starts."), subject=subject)]
    start, end = period
    if start is None or end is None or first < start or last > end:
        return [
            Finding(
                "dates_outside_period",
                Severity.ERROR,
                _("The dates must fall inside the implementation period, %(start)s to %(end)s."),
                {"start": start.isoformat() if start else "—", "end": end.isoformat() if end else "—"},
                subject=subject,
            )
        ]
    return []


def month_dates(starts_on: datetime.date, start_month: int, end_month: int) -> tuple[datetime.date, datetime.date]:
    """The dates of an activity planned in months of the pilot (month 1 starts on the pilot's first day)."""
    first = add_months(starts_on, start_month - 1)
    last = add_months(starts_on, end_month) - datetime.timedelta(days=1)
    return first, last


# --- Money: conversion, spending and reallocation ---------------------------


def converted_amount(paid_amount: Decimal, *, paid_currency: str, grant_currency: str, rate: Decimal | None) -> Decimal:
    """The amount in the grant's currency: as paid, or tenge divided by the rate (tenge per unit)."""
    if paid_currency == grant_currency:
        return money(paid_amount)
    if rate is None or rate <= 0:
        raise ValueError("a positive exchange rate is needed")
    return money(paid_amount / rate)


def expenditure_findings(
    *,
    paid_amount: Decimal | None,
    paid_currency: str,
    grant_currency: str,
    rate: Decimal | None,
    spent_on: datetime.date | None,
    period: tuple[datetime.date | None, datetime.date | None],
    line_in_plan: bool,
) -> list[Finding]:
    findings = []
    if not line_in_plan:
        findings.append(
            Finding(
                "line_not_approved",
                Severity.ERROR,
                _("Spending is reported only against a line of the approved budget."),
            )
        )
    if paid_amount is None or paid_amount <= 0:
        findings.append(Finding("amount_not_positive", Severity.ERROR, _("The amount paid must be more than zero.")))
    if paid_currency not in (grant_currency, "KZT"):
        findings.append(
            Finding(
                "currency_not_allowed",
                Severity.ERROR,
                _("Report spending in %(currency)s or in tenge (KZT)."),
                {"currency": grant_currency},
            )
        )
    elif paid_currency != grant_currency and (rate is None or rate <= 0):
        findings.append(
            Finding(
                "rate_missing",
                Severity.ERROR,
                _("Give the exchange rate used: tenge for one %(currency)s."),
                {"currency": grant_currency},
            )
        )
    elif paid_currency != grant_currency and (rate < MIN_RATE or rate >= MAX_NUMBER):
        findings.append(
            Finding(
                "rate_out_of_range",
                Severity.ERROR,
                _("The exchange rate is at least %(min)s tenge for one %(currency)s."),
                {"min": MIN_RATE, "currency": grant_currency},
            )
        )
    if paid_amount is not None and paid_amount >= MAX_NUMBER:
        findings.append(Finding("amount_too_large", Severity.ERROR, _("This amount is beyond any grant.")))
    start, end = period
    if spent_on is None:
        findings.append(Finding("date_missing", Severity.ERROR, _("Give the date of the payment.")))
    elif start and end and not (start <= spent_on <= end):
        findings.append(
            Finding(
                "date_outside_period",
                Severity.ERROR,
                _("The payment date must fall inside the implementation period, %(start)s to %(end)s."),
                {"start": start.isoformat(), "end": end.isoformat()},
            )
        )
    return findings


@dataclass(frozen=True)
class CategorySpending:
    category_id: int
    approved: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.approved - self.spent

    @property
    def percent_spent(self) -> Decimal | None:
        if not self.approved:
            return None
        return (self.spent * HUNDRED / self.approved).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def spending_by_category(
    lines: Iterable[tuple[int, int, Decimal]], spent_by_line: dict[int, Decimal]
) -> list[CategorySpending]:
    """Approved and spent per category from (line id, category id, approved) and {line id: spent}."""
    approved: dict[int, Decimal] = defaultdict(Decimal)
    spent: dict[int, Decimal] = defaultdict(Decimal)
    order: list[int] = []
    for line_id, category_id, amount in lines:
        if category_id not in approved:
            order.append(category_id)
        approved[category_id] += amount
        spent[category_id] += spent_by_line.get(line_id, Decimal("0"))
    return [CategorySpending(c, money(approved[c]), money(spent[c])) for c in order]


def spending_findings(
    rows: list[CategorySpending], *, threshold_percent: Decimal, names: dict[int, str] | None = None, subject: str = ""
) -> list[Finding]:
    """Overspending of a category: a warning within the threshold, an error above it.

    Above the threshold the money has in effect been moved from other
    categories, and that reallocation needs staff's approval first (a change
    of the plan).
    """
    names = names or {}
    findings = []
    for row in rows:
        if row.spent <= row.approved:
            continue
        limit = money(row.approved * (HUNDRED + threshold_percent) / HUNDRED)
        params = {
            "category": names.get(row.category_id, str(row.category_id)),
            "spent": row.spent,
            "approved": row.approved,
            "threshold": format(threshold_percent.normalize(), "f"),
        }
        if row.spent > limit:
            findings.append(
                Finding(
                    "overspend_needs_reallocation",
                    Severity.ERROR,
                    _(
                        "%(category)s: %(spent)s spent of %(approved)s approved, more than %(threshold)s %% over. "
                        "Ask for a reallocation (a change of the plan) and have it approved first."
                    ),
                    params,
                    subject=subject,
                )
            )
        else:
            findings.append(
                Finding(
                    "overspend_within_threshold",
                    Severity.WARNING,
                    _("%(category)s: %(spent)s spent of %(approved)s approved, within the %(threshold)s %% allowed."),
                    params,
                    subject=subject,
                )
            )
    return findings


def category_totals(lines: Iterable[tuple[int, Decimal]]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for category_id, amount in lines:
        totals[category_id] += amount
    return dict(totals)


def reallocated_categories(
    before: dict[int, Decimal], after: dict[int, Decimal], *, threshold_percent: Decimal
) -> list[int]:
    """Categories whose approved amount moves by more than the threshold (of its amount before)."""
    moved = []
    for category_id in sorted(set(before) | set(after)):
        old, new = before.get(category_id, Decimal("0")), after.get(category_id, Decimal("0"))
        if old == new:
            continue
        if old == 0 or abs(new - old) * HUNDRED / old > threshold_percent:
            moved.append(category_id)
    return moved


def within_columns(number: Decimal) -> bool:
    """A quantity, cost or target the database holds: below MAX_NUMBER, at most two decimals."""
    return abs(number) < MAX_NUMBER and number == number.quantize(CENT)


def plan_budget_findings(
    *, lines: list[dict], allowed_categories: set[int], ceiling: Decimal, spent_by_line: dict[int, Decimal]
) -> list[Finding]:
    """A proposed budget: complete lines in the call's categories, within the pilot's share of the grant.

    A line that already has spending keeps at least what was spent, and is never removed.
    """
    findings = []
    total = Decimal("0")
    for index, line in enumerate(lines, start=1):
        subject = f"line:{index}"
        if not (line.get("item") or "").strip() or line.get("category_id") not in allowed_categories:
            findings.append(
                Finding(
                    "line_incomplete",
                    Severity.ERROR,
                    _("Line %(number)d needs an item and one of the call's categories."),
                    {"number": index},
                    subject=subject,
                )
            )
            continue
        quantity, unit_cost = line.get("quantity"), line.get("unit_cost")
        if (
            quantity is None
            or unit_cost is None
            or quantity <= 0
            or unit_cost <= 0
            or not (within_columns(quantity) and within_columns(unit_cost))
        ):
            findings.append(
                Finding(
                    "line_not_positive",
                    Severity.ERROR,
                    _("Line %(number)d needs a quantity and a unit cost above zero (at most two decimals)."),
                    {"number": index},
                    subject=subject,
                )
            )
            continue
        amount = money(quantity * unit_cost)
        total += amount
        spent = spent_by_line.get(line.get("id") or 0, Decimal("0"))
        if amount < spent:
            findings.append(
                Finding(
                    "line_below_spent",
                    Severity.ERROR,
                    _("Line %(number)d: %(spent)s is already spent on it; it cannot be less."),
                    {"number": index, "spent": spent},
                    subject=subject,
                )
            )
    kept = {line.get("id") for line in lines if line.get("id")}
    if any(line_id not in kept and spent > 0 for line_id, spent in spent_by_line.items()):
        findings.append(
            Finding(
                "line_with_spending_removed",
                Severity.ERROR,
                _("A line with spending reported against it cannot be removed."),
            )
        )
    if total > ceiling:
        findings.append(
            Finding(
                "plan_over_budget",
                Severity.ERROR,
                _("The budget adds up to %(total)s, more than the %(ceiling)s the agreement gives this pilot."),
                {"total": money(total), "ceiling": money(ceiling)},
            )
        )
    return findings


# --- Reports ----------------------------------------------------------------


def part_findings(
    *,
    participants: int | None,
    women: int | None,
    youth: int | None,
    narrative: str,
    subject: str = "",
) -> list[Finding]:
    """A member's part: what was done, and counts of people that add up."""
    findings = []
    if not narrative.strip():
        findings.append(
            Finding("narrative_missing", Severity.ERROR, _("Describe what was done in the period."), subject=subject)
        )
    if participants is None:
        findings.append(
            Finding(
                "participants_missing",
                Severity.ERROR,
                _("Give the number of people involved (0 if none)."),
                subject=subject,
            )
        )
    else:
        for count, code, message in (
            (women, "women_exceed_total", _("Women cannot be more than the people involved in total.")),
            (youth, "youth_exceed_total", _("Young people cannot be more than the people involved in total.")),
        ):
            if count is not None and count > participants:
                findings.append(Finding(code, Severity.ERROR, message, subject=subject))
    return findings


def report_submit_findings(*, summary: str, parts_ready: list[tuple[str, bool]]) -> list[Finding]:
    """The consolidated report: the lead's summary, and every member's part marked complete."""
    findings = []
    if not summary.strip():
        findings.append(
            Finding("summary_missing", Severity.ERROR, _("Write the consortium's summary."), subject="summary")
        )
    for title, ready in parts_ready:
        if not ready:
            findings.append(
                Finding(
                    "part_not_ready",
                    Severity.ERROR,
                    _("The part on «%(pilot)s» is not marked complete by its NGO."),
                    {"pilot": title},
                )
            )
    return findings


# --- Reminders --------------------------------------------------------------

# Overdue reminders repeat weekly, a few times: after that it is a matter for a phone call.
OVERDUE_REPEAT_DAYS = 7
OVERDUE_REMINDERS = 4


def reminders_due(
    *, due_on: datetime.date, today: datetime.date, days_before: int, submitted: bool
) -> list[tuple[str, datetime.date]]:
    """The reminders a report should have by `today`: (kind, the day it was scheduled for).

    "due_soon" from `days_before` days before the due date until it; "overdue"
    the day after it, then weekly, a few times. None once the report is
    submitted (or approved). The caller sends each (kind, day) once.
    """
    if submitted:
        return []
    due = []
    soon = due_on - datetime.timedelta(days=days_before)
    if soon <= today <= due_on:
        due.append(("due_soon", soon))
    # Only the latest overdue reminder: after a pause of the schedule, one e-mail, not a burst.
    days = [due_on + datetime.timedelta(days=1 + n * OVERDUE_REPEAT_DAYS) for n in range(OVERDUE_REMINDERS)]
    passed = [day for day in days if day <= today]
    if passed:
        due.append(("overdue", passed[-1]))
    return due
