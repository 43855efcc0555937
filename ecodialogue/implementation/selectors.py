"""Reads of agreements, plans and reports shared by the pages and the API."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Prefetch, Sum

from .models import (
    ActivityProgress,
    Agreement,
    Expenditure,
    Output,
    PilotPlan,
    PilotReport,
    PlanBudgetLine,
    Report,
    ReportComment,
    Tranche,
)
from .rules import money


def agreement_for_page(pk: int) -> Agreement | None:
    return (
        Agreement.objects.select_related("call__grant_maker", "consortium__lead", "award__application")
        .prefetch_related(
            Prefetch(
                "plans",
                queryset=PilotPlan.objects.select_related("organization", "settlement").prefetch_related(
                    "activities",
                    "indicators",
                    Prefetch("budget_lines", queryset=PlanBudgetLine.objects.select_related("category")),
                ),
            ),
            Prefetch("tranches", queryset=Tranche.objects.select_related("payment", "report")),
            "reports",
            "transitions__actor",
        )
        .filter(pk=pk)
        .first()
    )


def report_for_page(pk: int) -> Report | None:
    return (
        Report.objects.select_related("agreement__call__grant_maker", "agreement__consortium__lead")
        .prefetch_related(
            Prefetch(
                "parts",
                queryset=PilotReport.objects.select_related("plan__organization", "plan__settlement").prefetch_related(
                    "plan__indicators",
                    "plan__activities",
                    Prefetch("plan__budget_lines", queryset=PlanBudgetLine.objects.select_related("category")),
                    "indicator_actuals",
                    Prefetch("activities", queryset=ActivityProgress.objects.select_related("activity")),
                    "decisions",
                    Prefetch("expenditures", queryset=Expenditure.objects.select_related("line__category")),
                    "outputs",
                ),
            ),
            Prefetch("comments", queryset=ReportComment.objects.select_related("author")),
        )
        .filter(pk=pk)
        .first()
    )


def spending_by_plan(plan_ids, *, approved_only: bool = False) -> dict[int, dict[int, Decimal]]:
    """Spent per plan and budget line: {plan_id: {line_id: amount}}. One query.

    `approved_only` counts only what approved reports carry (the public figures).
    """
    rows = Expenditure.objects.filter(line__plan_id__in=plan_ids)
    if approved_only:
        rows = rows.filter(part__report__status=Report.Status.APPROVED)
    result: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for plan_id, line_id, total in rows.values_list("line__plan_id", "line_id").annotate(total=Sum("amount")):
        result[plan_id][line_id] = money(total)
    return result


def public_outputs(plan_ids):
    """Materials of approved reports that carry the EU statement, and approved photos."""
    return (
        Output.objects.filter(part__plan_id__in=plan_ids, part__report__status=Report.Status.APPROVED)
        .filter(visibility__in=Output.VISIBLE)
        .select_related("part")
        .order_by("part__plan_id", "created_at", "id")
    )
