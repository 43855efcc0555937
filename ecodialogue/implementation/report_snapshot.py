"""The frozen record of an approved report: every part, line and file hash as approved."""

from decimal import Decimal


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _part(part) -> dict:
    return {
        "pilot": part.plan.title,
        "organization": part.plan.organization.name,
        "narrative": part.narrative,
        "participants": part.participants,
        "women": part.women,
        "youth": part.youth,
        "events_held": part.events_held,
        "materials_produced": part.materials_produced,
        "infrastructure_installed": part.infrastructure_installed,
        "infrastructure_note": part.infrastructure_note,
        "indicators": [
            {"indicator": a.indicator.name, "target": _money(a.indicator.target), "value": _money(a.value)}
            for a in part.indicator_actuals.select_related("indicator").order_by("indicator__position", "pk")
        ],
        "activities": [
            {"title": a.title, "from": a.done_from.isoformat(), "to": a.done_to.isoformat(), "note": a.note}
            for a in part.activities.order_by("done_from", "pk")
        ],
        "decisions": [
            {
                "authority": d.authority,
                "title": d.title,
                "number": d.number,
                "adopted_on": d.adopted_on.isoformat(),
                "document_sha256": d.document_sha256,
            }
            for d in part.decisions.order_by("adopted_on", "pk")
        ],
        "expenditures": [
            {
                "line": e.line.item,
                "category": e.line.category.code,
                "spent_on": e.spent_on.isoformat(),
                "description": e.description,
                "paid": f"{_money(e.paid_amount)} {e.paid_currency}",
                "exchange_rate": None if e.exchange_rate is None else str(e.exchange_rate),
                "amount": _money(e.amount),
                "receipt_sha256": e.receipt_sha256,
            }
            for e in part.expenditures.select_related("line__category").order_by("spent_on", "pk")
        ],
        "outputs": [
            {"kind": o.kind, "title": o.title, "sha256": o.sha256, "visibility": o.visibility}
            for o in part.outputs.order_by("created_at", "pk")
        ],
    }


def report_snapshot(report) -> dict:
    agreement = report.agreement
    return {
        "agreement": agreement.number,
        "currency": agreement.currency,
        "report": {
            "sequence": report.sequence,
            "kind": report.kind,
            "period": [report.period_start.isoformat(), report.period_end.isoformat()],
            "summary": report.summary,
        },
        "parts": [_part(p) for p in report.parts.select_related("plan__organization").order_by("plan__position", "pk")],
    }
