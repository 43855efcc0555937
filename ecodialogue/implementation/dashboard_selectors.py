"""Reads for the staff's dashboard of a call: every award and its agreement, money, reports, indicators.

`call_dashboard` returns plain data (numbers, dates, strings and lists, no
HTML and no model instances), so the page and the API read the same figures.
It costs a constant number of queries whatever the number of agreements:
each figure is one grouped query over the whole call, summed in Python.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ecodialogue.grants.models import Award, BudgetCategory, Call

from .models import Agreement, Expenditure, Output, Payment, PilotPlan, PilotReport, PlanBudgetLine, Report
from .rules import money

ZERO = Decimal("0")
# Materials the EU visibility check could not pass: staff and the NGO look at them.
FLAGGED = (Output.Visibility.MISSING, Output.Visibility.MANUAL, Output.Visibility.UNREADABLE)
# Reports whose figures count: the lead submitted them (staff may still return them) or staff approved them.
REPORTED = (Report.Status.SUBMITTED, Report.Status.APPROVED)
# The call's standard indicators, as counted in every member's part of a report.
STANDARD_INDICATORS = (
    "participants",
    "women",
    "youth",
    "events_held",
    "materials_produced",
    "infrastructure_installed",
)


def _indicator_labels() -> dict[str, str]:
    return {
        "participants": _("People involved, in total"),
        "women": _("of them women"),
        "youth": _("of them young people"),
        "events_held": _("Events held"),
        "materials_produced": _("Information materials produced"),
        "infrastructure_installed": _("Infrastructure installed"),
        "decisions_adopted": _("Decisions adopted by the akimat or maslikhat"),
    }


def _sum_subquery(queryset, field: str) -> Coalesce:
    """A correlated SUM as an annotation (0 when nothing matches)."""
    total = queryset.order_by().values(field).annotate(total=Sum("amount")).values("total")
    return Coalesce(Subquery(total), Value(ZERO), output_field=DecimalField(max_digits=14, decimal_places=2))


def report_counts(reports, today: datetime.date) -> dict[str, int]:
    """Reports of one agreement by what they wait for: due (upcoming), overdue, submitted, returned, approved."""
    counts = dict.fromkeys(("due", "overdue", "submitted", "returned", "approved"), 0)
    for report in reports:
        if report["status"] == Report.Status.DRAFT:
            counts["overdue" if report["due_on"] < today else "due"] += 1
        else:
            counts[report["status"]] += 1
    return counts


def call_dashboard(call: Call, *, today: datetime.date | None = None) -> dict:
    """Every figure of the staff's dashboard of a call, as plain data. Seven queries."""
    today = today or timezone.localdate()
    paid = _sum_subquery(Payment.objects.filter(tranche__agreement__award=OuterRef("pk")), "tranche__agreement")
    awards = list(
        Award.objects.filter(decision__call=call)
        .select_related("decision", "application__consortium__lead", "agreement")
        .annotate(paid=paid)
        .order_by("rank", "pk")
    )

    reports_by_agreement: dict[int, list[dict]] = defaultdict(list)
    report_rows = (
        Report.objects.filter(agreement__call=call)
        .exclude(agreement__status=Agreement.Status.DRAFT)  # a draft's schedule is not open yet
        .select_related("agreement")
        .order_by("due_on", "sequence")
    )
    waiting, overdue = [], []
    for report in report_rows:
        row = {
            "id": report.pk,
            "agreement_id": report.agreement_id,
            "agreement_number": report.agreement.number,
            "label": str(report),
            "status": report.status,
            "status_label": str(report.get_status_display()),
            "due_on": report.due_on,
            "submitted_at": report.submitted_at,
        }
        reports_by_agreement[report.agreement_id].append(row)
        if report.status == Report.Status.SUBMITTED:
            waiting.append(row)
        elif report.status == Report.Status.DRAFT and report.due_on < today:
            overdue.append(row)

    # Spending, once, grouped by agreement and category: both the agreements' and the categories' sums.
    spent_by_agreement: dict[int, Decimal] = defaultdict(Decimal)
    spent_by_category: dict[int, Decimal] = defaultdict(Decimal)
    for agreement_id, category_id, total in (
        Expenditure.objects.filter(part__report__agreement__call=call)
        .values_list("part__report__agreement_id", "line__category_id")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        spent_by_agreement[agreement_id] += total
        spent_by_category[category_id] += total

    # approved: the plans' budget lines (every agreement's); agreed: the agreements' amounts.
    rows, totals = [], {"awarded": ZERO, "agreed": ZERO, "paid": ZERO, "spent": ZERO}
    for award in awards:
        agreement = getattr(award, "agreement", None)
        application = award.application
        totals["awarded"] += award.amount
        row = {
            "award_id": award.pk,
            "rank": award.rank,
            "awarded": money(award.amount),
            "application_id": application.pk,
            "application_number": application.number,
            "consortium_id": application.consortium_id,
            "lead_name": application.consortium.lead.name,
            "agreement": None,
        }
        if agreement is not None:
            reports = reports_by_agreement.get(agreement.pk, [])
            next_due = next((r for r in reports if r["status"] in (Report.Status.DRAFT, Report.Status.RETURNED)), None)
            row["agreement"] = {
                "id": agreement.pk,
                "number": agreement.number,
                "status": agreement.status,
                "status_label": str(agreement.get_status_display()),
                "amount": money(agreement.amount),
                "paid": money(award.paid),
                "spent": money(spent_by_agreement.get(agreement.pk, ZERO)),
                "starts_on": agreement.starts_on,
                "ends_on": agreement.ends_on,
                "reports": report_counts(reports, today),
                "next_due": next_due["due_on"] if next_due else None,
            }
            totals["agreed"] += agreement.amount
            totals["paid"] += award.paid
            totals["spent"] += spent_by_agreement.get(agreement.pk, ZERO)
        rows.append(row)

    # Approved per category: the categories of the call, each with the sum of the plans' lines in it.
    approved = _sum_subquery(
        PlanBudgetLine.objects.filter(category=OuterRef("pk"), plan__agreement__call=call), "category"
    )
    categories = [
        {
            "id": category.pk,
            "code": category.code,
            "name": category.name,
            "approved": money(category.approved),
            "spent": money(spent_by_category.get(category.pk, ZERO)),
            "remaining": money(category.approved - spent_by_category.get(category.pk, ZERO)),
        }
        for category in BudgetCategory.objects.filter(call=call).annotate(approved=approved).order_by("position", "pk")
    ]
    totals["approved"] = sum((c["approved"] for c in categories), ZERO)
    totals["remaining"] = totals["approved"] - sum((c["spent"] for c in categories), ZERO)

    return {
        "call_id": call.pk,
        "currency": call.currency,
        "today": today,
        "decision_published": any(a.decision.is_published for a in awards),
        "awards": rows,
        "totals": {key: money(value) for key, value in totals.items()},
        "categories": categories,
        "indicators": _indicators(call),
        "reports_waiting": waiting,
        "reports_overdue": overdue,
        "outputs_flagged": _flagged_outputs(call),
    }


def _indicators(call: Call) -> list[dict]:
    """The standard indicators: targets from the applications' pilots, sums of the reported parts. Two queries."""
    targets = PilotPlan.objects.filter(agreement__call=call).aggregate(
        participants=Sum("pilot__participants"), women=Sum("pilot__women"), youth=Sum("pilot__youth")
    )
    reported = dict.fromkeys((*STANDARD_INDICATORS, "decisions_adopted"), 0)
    approved = dict(reported)
    parts = (
        PilotReport.objects.filter(report__agreement__call=call, report__status__in=REPORTED)
        .annotate(decisions_adopted=Count("decisions"))
        .order_by()
        .values_list("report__status", *STANDARD_INDICATORS, "decisions_adopted")
    )
    for status, *values in parts:
        for name, value in zip((*STANDARD_INDICATORS, "decisions_adopted"), values, strict=True):
            reported[name] += value or 0
            if status == Report.Status.APPROVED:
                approved[name] += value or 0
    labels = _indicator_labels()
    return [
        {
            "code": name,
            "label": labels[name],
            "target": targets.get(name),
            "reported": reported[name],
            "approved": approved[name],
            "percent": round(reported[name] * 100 / targets[name]) if targets.get(name) else None,
        }
        for name in (*STANDARD_INDICATORS, "decisions_adopted")
    ]


def _flagged_outputs(call: Call) -> list[dict]:
    outputs = (
        Output.objects.filter(part__report__agreement__call=call, visibility__in=FLAGGED)
        .select_related("part__report__agreement", "part__plan__organization")
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": output.pk,
            "title": output.title,
            "kind": output.kind,
            "visibility": output.visibility,
            "visibility_label": str(output.get_visibility_display()),
            "report_id": output.part.report_id,
            "report_label": str(output.part.report),
            "part_id": output.part_id,
            "agreement_number": output.part.report.agreement.number,
            "organization_name": output.part.plan.organization.name,
        }
        for output in outputs
    ]
