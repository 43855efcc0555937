"""Reads of the public results: a funded pilot's page and a call's impact dashboard, as plain data.

What is public: the pilots of agreements signed, in implementation or closed
(never a draft, never a terminated one) of calls whose decision is published.
Every figure comes from approved reports only: a submitted or returned
report's numbers are not public until staff approve them. Outputs are those
`selectors.public_outputs` gives. Nothing here names a person: organisations
are named, their people are not.

Each read takes a constant number of queries, whatever the number of pilots,
and returns dicts, lists, strings, dates and Decimals, so the pages and the
API share them. The `cached_*` functions keep the result for a few minutes in
Django's cache, under a version read from the database in one query (the
latest approval, payment, change of an agreement or plan, confirmed output),
so a page shows an approval at once and otherwise costs one query.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Count, QuerySet, Sum

from ecodialogue.core.i18n import current_language
from ecodialogue.grants.models import Award, Call
from ecodialogue.organizations.models import Organization

from .models import (
    ActivityProgress,
    Agreement,
    AuthorityDecision,
    Expenditure,
    IndicatorActual,
    Output,
    Payment,
    PilotPlan,
    PilotReport,
    PlanBudgetLine,
    Report,
)
from .rules import money
from .selectors import public_outputs

# Agreements whose pilots the public sees.
PUBLIC_STATUSES = (Agreement.Status.SIGNED, Agreement.Status.ACTIVE, Agreement.Status.CLOSED)
# The call's standard indicators of a member's part, summed over approved parts.
STANDARD = ("participants", "women", "youth", "events_held", "materials_produced", "infrastructure_installed")
# A backstop for what the version does not see (a settlement's coordinates, a category's name).
CACHE_TIMEOUT = 300
ZERO = Decimal("0")


def public_agreements() -> QuerySet[Agreement]:
    return Agreement.objects.filter(status__in=PUBLIC_STATUSES, award__decision__published_at__isnull=False)


def public_plans() -> QuerySet[PilotPlan]:
    """Plans of public agreements: the pilots that have a public page."""
    return PilotPlan.objects.filter(
        agreement__status__in=PUBLIC_STATUSES, agreement__award__decision__published_at__isnull=False
    )


def call_has_public_pilots(call: Call) -> bool:
    return public_plans().filter(agreement__call=call).exists()


def public_output(plan_pk: int, output_pk: int) -> Output | None:
    """An output of a public pilot that the public may download, or None. One query."""
    return public_outputs([plan_pk]).filter(pk=output_pk, part__plan__in=public_plans()).first()


def _approved_parts() -> QuerySet[PilotReport]:
    return PilotReport.objects.filter(report__status=Report.Status.APPROVED)


def _percent(part: int, whole: int) -> int | None:
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _standard_totals(plan_ids) -> dict[int, dict]:
    """{plan id: {indicator: sum over approved parts, "reports": approved parts}}. One query."""
    rows = (
        _approved_parts()
        .filter(plan_id__in=plan_ids)
        .values("plan_id")
        .annotate(reports=Count("id"), **{name: Sum(name) for name in STANDARD})
    )
    return {row.pop("plan_id"): {key: value or 0 for key, value in row.items()} for row in rows}


def _empty_totals() -> dict:
    return {"reports": 0, **dict.fromkeys(STANDARD, 0)}


def _with_shares(totals: dict) -> dict:
    return {
        **totals,
        "women_percent": _percent(totals["women"], totals["participants"]),
        "youth_percent": _percent(totals["youth"], totals["participants"]),
    }


def _settlement(settlement) -> dict | None:
    if settlement is None:
        return None
    has_point = settlement.latitude is not None and settlement.longitude is not None
    return {
        "code": settlement.code,
        "label": settlement.label or settlement.name,
        "latitude": settlement.latitude if has_point else None,
        "longitude": settlement.longitude if has_point else None,
    }


def _organization(organization: Organization) -> dict:
    return {"id": organization.pk, "name": organization.name}


def _decision(row: dict) -> dict:
    return {
        "title": row["title"],
        "number": row["number"],
        "authority": row["authority"],
        "authority_label": str(AuthorityDecision.Authority(row["authority"]).label),
        "adopted_on": row["adopted_on"],
        "plan_id": row["part__plan_id"],
    }


def _decisions(plan_ids) -> list[dict]:
    """Decisions of local authorities in approved parts; the document stays private. One query."""
    rows = (
        AuthorityDecision.objects.filter(part__in=_approved_parts().filter(plan_id__in=plan_ids))
        .order_by("adopted_on", "id")
        .values("title", "number", "authority", "adopted_on", "part__plan_id")
    )
    return [_decision(row) for row in rows]


def _budget_rows(lines, spent_by_category: dict[int, Decimal]) -> list[dict]:
    """Approved and spent per category, in the call's order of categories, from lines with their category."""
    approved: dict[int, Decimal] = defaultdict(Decimal)
    categories = {}
    for line in lines:
        approved[line.category_id] += line.amount
        categories[line.category_id] = line.category
    ordered = sorted(categories.values(), key=lambda c: (c.position, c.pk))
    return [
        {
            "category_id": c.pk,
            "category": c.name,
            "approved": money(approved[c.pk]),
            "spent": money(spent_by_category.get(c.pk, ZERO)),
        }
        for c in ordered
    ]


# --- A pilot's public page --------------------------------------------------------------------


def pilot_public_data(plan_pk: int) -> dict | None:
    """Everything the public page of a funded pilot shows, or None when it is not public. Nine queries."""
    plan = (
        public_plans()
        .select_related("agreement__call", "agreement__consortium__lead", "organization", "settlement")
        .filter(pk=plan_pk)
        .first()
    )
    if plan is None:
        return None
    agreement, call = plan.agreement, plan.agreement.call
    totals = _standard_totals([plan.pk]).get(plan.pk) or _empty_totals()
    approved_parts = _approved_parts().filter(plan=plan)
    reached = dict(
        IndicatorActual.objects.filter(part__in=approved_parts)
        .values("indicator_id")
        .annotate(total=Sum("value"))
        .values_list("indicator_id", "total")
    )
    indicators = [
        {
            "name": indicator.name,
            "unit": indicator.unit,
            "target": indicator.target,
            "reached": reached.get(indicator.pk, ZERO),
            "percent": _percent(reached.get(indicator.pk, ZERO), indicator.target) if indicator.target else None,
        }
        for indicator in plan.indicators.all()
    ]
    activities = list(
        ActivityProgress.objects.filter(part__in=approved_parts)
        .order_by("done_from", "id")
        .values("title", "done_from", "done_to")
    )
    spent = dict(
        Expenditure.objects.filter(part__in=approved_parts)
        .values("line__category_id")
        .annotate(total=Sum("amount"))
        .values_list("line__category_id", "total")
    )
    budget = _budget_rows(PlanBudgetLine.objects.filter(plan=plan).select_related("category"), spent)
    outputs = list(public_outputs([plan.pk]).values("id", "kind", "title", "file_type", "size"))
    return {
        "id": plan.pk,
        "title": plan.title,
        "summary": plan.summary,
        "starts_on": plan.starts_on,
        "ends_on": plan.ends_on,
        "status": agreement.status,
        "status_label": agreement.get_status_display(),
        "agreement_number": agreement.number,
        "currency": agreement.currency,
        "budget_total": money(plan.budget_total),
        "spent_total": money(sum((row["spent"] for row in budget), ZERO)),
        "settlement": _settlement(plan.settlement),
        "organization": _organization(plan.organization),
        "lead": _organization(agreement.consortium.lead),
        "call": {"code": call.code, "title": call.title},
        "standard": _with_shares(totals),
        "indicators": indicators,
        "activities": activities,
        "decisions": _decisions([plan.pk]),
        "budget": budget,
        "outputs": outputs,
    }


# --- A call's impact dashboard ------------------------------------------------------------------


def call_impact_data(call: Call) -> dict | None:
    """The figures of a call's funded pilots, or None when none is public yet. Seven queries."""
    plans = list(
        public_plans()
        .filter(agreement__call=call)
        .select_related("agreement", "organization", "settlement")
        .order_by("agreement__number", "position", "id")
    )
    if not plans:
        return None
    plan_ids = [p.pk for p in plans]
    agreement_ids = {p.agreement_id for p in plans}
    awarded = Award.objects.filter(decision__call=call, decision__published_at__isnull=False).aggregate(
        total=Sum("amount")
    )["total"]
    paid = Payment.objects.filter(tranche__agreement_id__in=agreement_ids).aggregate(total=Sum("amount"))["total"]
    totals = _standard_totals(plan_ids)
    spent_by_plan: dict[int, Decimal] = defaultdict(Decimal)
    spent_by_category: dict[int, Decimal] = defaultdict(Decimal)
    for plan_id, category_id, total in (
        Expenditure.objects.filter(part__in=_approved_parts().filter(plan_id__in=plan_ids))
        .values("line__plan_id", "line__category_id")
        .annotate(total=Sum("amount"))
        .values_list("line__plan_id", "line__category_id", "total")
    ):
        spent_by_plan[plan_id] += total
        spent_by_category[category_id] += total
    categories = _budget_rows(
        PlanBudgetLine.objects.filter(plan_id__in=plan_ids).select_related("category"), spent_by_category
    )
    decisions = _decisions(plan_ids)
    titles = {p.pk: p.title for p in plans}
    decisions_by_plan: dict[int, int] = defaultdict(int)
    for decision in decisions:
        decision["plan_title"] = titles[decision["plan_id"]]
        decisions_by_plan[decision["plan_id"]] += 1
    pilots = [
        {
            "id": plan.pk,
            "title": plan.title,
            "agreement_number": plan.agreement.number,
            "settlement": _settlement(plan.settlement),
            "organization": _organization(plan.organization),
            "budget": money(plan.budget_total),
            "spent": money(spent_by_plan.get(plan.pk, ZERO)),
            **(totals.get(plan.pk) or _empty_totals()),
            "decisions": decisions_by_plan.get(plan.pk, 0),
        }
        for plan in plans
    ]
    overall = _empty_totals()
    for pilot in pilots:
        for key in overall:
            overall[key] += pilot[key]
    return {
        "call": {"code": call.code, "title": call.title, "currency": call.currency},
        "agreements": len(agreement_ids),
        "awarded": money(awarded or ZERO),
        "paid": money(paid or ZERO),
        "approved": money(sum((p["budget"] for p in pilots), ZERO)),
        "spent": money(sum((p["spent"] for p in pilots), ZERO)),
        "totals": _with_shares(overall),
        "decisions": decisions,
        "categories": categories,
        "pilots": pilots,
    }


# --- Cached: one query for the version, then the cache -------------------------------------------


def _stamp(row: dict | None) -> str:
    if row is None:
        return "none"
    return ":".join(str(value.timestamp() if hasattr(value, "timestamp") else value) for value in row.values())


def pilot_version(plan_pk: int) -> str:
    """What a pilot's public data depends on: its plan, agreement, NGO and the call's stamp (public_stamp.py)."""
    row = (
        PilotPlan.objects.filter(pk=plan_pk)
        .values("version", "agreement__status", "agreement__call__updated_at", "organization__updated_at")
        .first()
    )
    return _stamp(row)


def call_version(call: Call) -> str:
    """What a call's impact data depends on: the stamp every write it shows moves (public_stamp.py). No query."""
    return str(call.updated_at.timestamp())


def _cached(key: str, build):
    # None (not public) is kept too, as a marker, so a missing page costs no more than a present one.
    found = cache.get(key, default=_MISSING)
    if found is _MISSING:
        found = build()
        cache.set(key, found, CACHE_TIMEOUT)
    return found


_MISSING = object()


def cached_pilot_public_data(plan_pk: int, *, version: str | None = None) -> dict | None:
    version = pilot_version(plan_pk) if version is None else version
    key = f"public:pilot:{plan_pk}:{current_language()}:{version}"
    return _cached(key, lambda: pilot_public_data(plan_pk))


def cached_call_impact_data(call: Call, *, version: str | None = None) -> dict | None:
    version = call_version(call) if version is None else version
    key = f"public:impact:{call.pk}:{current_language()}:{version}"
    return _cached(key, lambda: call_impact_data(call))


def cached_html(key: str, build) -> str:
    """A page's public content rendered once per version and language: it is the same for every reader."""
    return _cached(f"public:html:{current_language()}:{key}", build)


def cached_for_call(call: Call, name: str, build):
    """Anything else built from a call's public data (its IATI file), under the same version."""
    return _cached(f"public:{name}:{call.pk}:{current_language()}:{call_version(call)}", build)
