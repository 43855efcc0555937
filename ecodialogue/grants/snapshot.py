"""The frozen record of a submitted application and the hash its receipt carries.

The snapshot is plain JSON (strings, integers, lists, objects: no floats, so
every amount keeps its two decimals exactly). Its hash is SHA-256 of the
canonical form: keys sorted, no spaces, UTF-8. Anyone holding the snapshot
can recompute it; a changed byte gives another hash.
"""

import datetime
import hashlib
import json
from decimal import Decimal

from .models import Application

SNAPSHOT_FORMAT = 1


def canonical_json(data) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def snapshot_hash(data) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _instant(value: datetime.datetime | None) -> str | None:
    return None if value is None else value.astimezone(datetime.UTC).isoformat()


def _organization(organization) -> dict:
    return {
        "id": organization.pk,
        "name_kk": organization.name_kk or "",
        "name_ru": organization.name_ru or "",
        "name_en": organization.name_en or "",
        "bin": organization.bin,
        "kind": organization.kind,
    }


def _pilot(pilot) -> dict:
    return {
        "id": pilot.pk,
        "organization_id": pilot.organization_id,
        "title": pilot.title,
        "settlement": None
        if pilot.settlement_id is None
        else {
            "code": pilot.settlement_id,
            "label_kk": pilot.settlement.label_kk,
            "label_ru": pilot.settlement.label_ru,
            "region": pilot.settlement.region_id,
        },
        **{
            name: getattr(pilot, name)
            for name in (
                "problem",
                "goals",
                "expected_results",
                "target_groups",
                "participants",
                "women",
                "youth",
                "cooperation",
                "team",
                "risks",
                "sustainability",
                "eu_declaration",
            )
        },
        "themes": sorted(t.slug for t in pilot.themes.all()),
        "indicators": [{"name": i.name, "unit": i.unit, "target": _money(i.target)} for i in pilot.indicators.all()],
        "activities": [
            {"title": a.title, "start_month": a.start_month, "end_month": a.end_month} for a in pilot.activities.all()
        ],
        "budget_lines": [
            {
                "category": line.category.code if line.category_id else None,
                "item": line.item,
                "unit": line.unit,
                "quantity": _money(line.quantity),
                "unit_cost": _money(line.unit_cost),
                "total": _money(line.total),
            }
            for line in pilot.budget_lines.all()
        ],
        "budget_total": _money(pilot.budget_total),
    }


def application_snapshot(
    application: Application, *, number: str, sequence: int, submitted_at: datetime.datetime, submitted_by
) -> dict:
    """Everything submitted, from an application loaded by application_page."""
    call = application.call
    members = [m for m in application.consortium.members.all() if m.status == "accepted"]
    return {
        "format": SNAPSHOT_FORMAT,
        "number": number,
        "sequence": sequence,
        "submitted_at": _instant(submitted_at),
        "submitted_by": getattr(submitted_by, "full_name", "") or getattr(submitted_by, "email", ""),
        "language": application.language,
        "call": {
            "code": call.code,
            "title_kk": call.title_kk or "",
            "title_ru": call.title_ru or "",
            "deadline": _instant(call.deadline),
            "currency": call.currency,
        },
        "consortium": {
            "id": application.consortium_id,
            "lead_id": application.consortium.lead_id,
            "members": [{**_organization(m.organization), "is_lead": m.is_lead} for m in members],
        },
        "lead_form": {
            name: getattr(application, name)
            for name in ("summary", "coherence", "coordination", "team_experience", "sustainability")
        },
        "pilots": [_pilot(pilot) for pilot in application.pilots.all()],
        "total_amount": _money(sum((p.budget_total for p in application.pilots.all()), Decimal("0"))),
        "documents": sorted(
            (
                {
                    "requirement": d.requirement.code,
                    "organization_id": d.organization_id,
                    "name": d.original_name,
                    "file_type": d.file_type,
                    "size": d.size,
                    "sha256": d.sha256,
                    "uploaded_at": _instant(d.uploaded_at),
                }
                for d in application.current_documents
            ),
            key=lambda d: (d["requirement"], d["organization_id"]),
        ),
    }


def submission_is_intact(submission) -> bool:
    """The stored snapshot still hashes to the receipt's value: nobody changed it in the database."""
    return snapshot_hash(submission.snapshot) == submission.sha256
