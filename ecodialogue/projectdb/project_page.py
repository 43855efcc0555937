"""A project's public page: every field in the reader's language, its organisations, places, money and provenance.

Thin: `selectors.project_for_page` loads the project; this arranges it, and
the page's HTML is kept per language until a project changes (`view_common`).
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.dateparse import parse_date
from django.utils.safestring import mark_safe

from . import selectors
from .codelists import RIO_MARKERS, label
from .records import org_key, pick
from .view_common import cached, language_name, narrative, staff_links


def _participant(org: dict, organisations: dict) -> dict:
    linked = organisations.get(org_key(org))
    return {
        "name": narrative(org.get("name")),
        "ref": org.get("ref", ""),
        "type": label("OrganisationType", org["type"]) if org.get("type") else "",
        "role": label("OrganisationRole", org["role"]) if org.get("role") else "",
        "organization": linked,
    }


def _sector_name(sector: dict) -> str:
    vocabulary, code = sector.get("vocabulary") or "1", sector["code"]
    if vocabulary == "1":
        return label("Sector", code)
    if vocabulary == "2":
        return label("SectorCategory", code)
    return f"{label('SectorVocabulary', vocabulary)}: {code}"


def _point(location: dict, fallback: str) -> dict | None:
    try:
        lat, lon = float(location["lat"]), float(location["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    name, _lang = pick(location.get("name"))
    description, _lang = pick(location.get("description"))
    return {
        "lat": lat,
        "lon": lon,
        "title": f"{name or fallback}{': ' + description if description else ''}",
        "url": "",
    }


def _day(text: str | None) -> datetime.date | None:
    try:
        return parse_date(text or "")
    except ValueError:
        return None


def _amount(text: str | None) -> Decimal | None:
    # Records keep amounts as text; one the rules let through is a decimal, anything else is shown as written.
    try:
        number = Decimal(text)
    except (InvalidOperation, TypeError):
        return None
    return number if number.is_finite() else None


def _titles(project) -> dict:
    """A project's titles by language, from its list columns (the related projects are loaded without records)."""
    titles = {"kk": project.title_kk, "ru": project.title_ru, "en": project.title_en}
    return {language: text for language, text in titles.items() if text} or {"": project.title or project.identifier}


def _detail_context(page) -> dict:
    project, record = page.project, page.project.record
    title = narrative(record["title"])
    heading = title["text"] or project.identifier
    organisations = page.organisations
    people = [(org, _participant(org, organisations)) for org in record["participating_orgs"]]
    locations = [
        {
            "name": narrative(loc.get("name")),
            "description": narrative(loc.get("description")),
            "admin_code": loc.get("admin_code", ""),
            "point": _point(loc, heading),
        }
        for loc in record["locations"]
    ]
    return {
        "project": project,
        "record": record,
        "title": title,
        "heading": heading,
        "status": label("ActivityStatus", record["status"]) if record["status"] else "",
        "descriptions": [
            {"type": label("DescriptionType", d["type"]), "text": narrative(d["text"])} for d in record["descriptions"]
        ],
        "dates": [
            {"label": label("ActivityDateType", code), "value": value, "day": _day(value)}
            for code, value in sorted(record["dates"].items())
        ],
        "default_language": language_name(record["default_language"]),
        "countries": [{"name": label("Country", c["code"]), **c} for c in record["countries"]],
        "regions": [
            {"name": label("Region", r["code"]) if r.get("vocabulary", "1") == "1" else r["code"], **r}
            for r in record["regions"]
        ],
        "sectors": [
            {"name": _sector_name(s), "dac": (s.get("vocabulary") or "1") in ("1", "2"), **s} for s in record["sectors"]
        ],
        "markers": [
            {
                "name": label("PolicyMarker", m["code"]) if m.get("vocabulary", "1") == "1" else m["code"],
                "significance": label("PolicySignificance", m["significance"]) if m.get("significance") else "",
                "rio": m["code"] in RIO_MARKERS and m.get("vocabulary", "1") == "1",
            }
            for m in record["policy_markers"]
        ],
        "reporting_org": _participant(record["reporting_org"], organisations) if record["reporting_org"] else None,
        "funders": [p for o, p in people if o["role"] == "1"],
        "implementers": [p for o, p in people if o["role"] == "4"],
        "others": [p for o, p in people if o["role"] not in ("1", "4")],
        "locations": locations,
        "points": [loc["point"] for loc in locations if loc["point"]],
        # The map lists its places itself; these have no coordinates.
        "unmapped": [loc for loc in locations if not loc["point"]],
        # A related project by its title in the reader's language (falling back as everywhere), not the stored one.
        "related": [
            {**item, "title": narrative(_titles(item["project"]))["text"] if item["project"] else ""}
            for item in page.related
        ],
        "documents": [
            {
                "url": d["url"],
                "title": narrative(d.get("title")),
                "format": d.get("format", ""),
                "categories": [label("DocumentCategory", c) for c in d.get("categories", [])],
                "languages": [language_name(lang) for lang in d.get("languages", [])],
            }
            for d in record["documents"]
        ],
        "budgets": [
            {
                **b,
                "start": _day(b.get("period_start")),
                "end": _day(b.get("period_end")),
                "amount": _amount(b.get("value")),
                "type_label": label("BudgetType", b["type"]) if b.get("type") else "",
                "status_label": label("BudgetStatus", b["status"]) if b.get("status") else "",
            }
            for b in record["budgets"]
        ],
        "transactions": [
            {
                **t,
                "day": _day(t.get("date")),
                "amount": _amount(t.get("value")),
                "type_label": label("TransactionType", t["type"]) if t.get("type") else "",
                "text": narrative(t.get("description")),
            }
            for t in record["transactions"]
        ],
        "source_label": project.get_source_display(),
    }


def project_detail(request, pk: int):
    """A project's page. Its body is cached like the search: it shows related projects, which any save may change."""

    def build():
        context = _detail_context(selectors.project_for_page(pk))  # Http404 when missing: nothing cached
        return {"title": context["heading"], "html": render_to_string("projectdb/_detail_body.html", context, request)}

    page = cached(f"detail:{pk}", build)
    context = {"pk": pk, "title": page["title"], "body": mark_safe(page["html"]), **staff_links(request.user)}  # noqa: S308
    return render(request, "projectdb/detail.html", context)
