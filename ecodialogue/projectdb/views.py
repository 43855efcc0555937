"""Public pages of the project database: the search, a project's page, the statistics and the exports.

Thin: the reads are `selectors` (filters, facets, totals, statistics, the
detail loader), the pages only arrange them. Everyone may read and export;
staff additionally see the links to add, import, edit and read history.

The search results and the statistics are the same for every reader, so
their HTML is rendered once per filter, page and language, and kept until a
project changes: the version is the number of the latest committed change
of any project, one lookup (`search.facet_snapshot.stamp`, `changes.py`),
which a save or a deletion moves at once in every web process. The page
around it (menu, staff links) stays per person. With htmx the search form asks for the same address and gets only
the part below the search box (facets and results), which it swaps in.
"""

import datetime
import hashlib
import json
from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_date
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ecodialogue.core import charts
from ecodialogue.core.errors import Invalid
from ecodialogue.core.i18n import current_language

from . import exports, selectors
from . import permissions as perms
from .codelists import RIO_MARKERS, label
from .models import ProjectAmount, ProjectOrganisation
from .records import org_key, pick
from .search import facet_snapshot

PER_PAGE = 20
CACHE_TIMEOUT = 600
# Facet values shown at once; the rest open under "more".
FACET_SHOWN = 8
# Countries named in a result row before "+N".
ROW_COUNTRIES = 5
# Bars per chart on the statistics page; the tables list every row.
CHART_ROWS = 15


# --- Shared ----------------------------------------------------------------


def _stamp() -> str:
    return facet_snapshot.stamp()


def _cached(key: str, build):
    """What `build()` returns, once per version of the projects and language of the reader."""
    key = f"projectdb:page:{current_language()}:{_stamp()}:{key}"
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, CACHE_TIMEOUT)
    return found


def _cached_html(kind: str, filters, build, **extra) -> str:
    """HTML built from the filters, once per version of the projects, language and filters."""
    wanted = json.dumps({**asdict(filters), **extra}, sort_keys=True, default=str)
    html = _cached(f"{kind}:{hashlib.sha256(wanted.encode()).hexdigest()[:32]}", build)
    # Our own template's output, escaped when it was rendered.
    return mark_safe(html)  # noqa: S308


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return label("Language", code) if code else ""


# The note beside a text in another language, one whole sentence per pair of the platform's languages:
# Kazakh and Russian decline language names, so "Shown in %(language)s" cannot be translated well.
FALLBACK_NOTES = {
    ("ru", "kk"): _lazy("Shown in Russian: no Kazakh text"),
    ("en", "kk"): _lazy("Shown in English: no Kazakh text"),
    ("kk", "ru"): _lazy("Shown in Kazakh: no Russian text"),
    ("en", "ru"): _lazy("Shown in English: no Russian text"),
    ("kk", "en"): _lazy("Shown in Kazakh: no English text"),
    ("ru", "en"): _lazy("Shown in Russian: no English text"),
}
# The short note of a result row.
LANGUAGE_NOTES = {"kk": _lazy("in Kazakh"), "ru": _lazy("in Russian"), "en": _lazy("in English")}


def _text(narratives: dict | None) -> dict:
    """A narrative in the reader's language, or the fallback with the note the page shows beside it."""
    text, lang = pick(narratives)
    wanted = current_language()
    note = ""
    if text and lang != wanted:
        if (lang, wanted) in FALLBACK_NOTES:
            note = str(FALLBACK_NOTES[lang, wanted])
        elif lang:
            note = _("Shown in another language (%(language)s): there is no text in the language of this page.") % {
                "language": _language_name(lang)
            }
        else:
            note = _("Shown as published: there is no text in the language of this page.")
    return {"text": text, "lang": lang, "note": note}


def _staff_links(user) -> dict:
    return {
        "can_edit": perms.can_edit_projects.test(user),
        "can_import": perms.can_import_projects.test(user),
        "can_view_history": perms.can_view_project_history.test(user),
    }


def _is_filtered(filters) -> bool:
    return bool(filters.q or any(getattr(filters, name) for name in selectors.FILTER_NAMES))


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


# --- Search ----------------------------------------------------------------


def _row(project) -> dict:
    title = _text({"kk": project.title_kk, "ru": project.title_ru, "en": project.title_en})
    if not title["text"]:
        title = {"text": project.title or project.identifier, "lang": "", "note": ""}
    codes = project.countries.split()
    years = ""
    if project.start_date:
        end = project.end_date.year if project.end_date else ""
        years = f"{project.start_date.year}–{end}" if end != project.start_date.year else str(end)
    return {
        "url": reverse("projectdb:detail", args=[project.pk]),
        "title": title,
        # Only a short note in the list: the language, not the whole sentence.
        "title_language": str(LANGUAGE_NOTES.get(title["lang"]) or _language_name(title["lang"]))
        if title["note"]
        else "",
        "identifier": project.identifier,
        "countries": [label("Country", code) for code in codes[:ROW_COUNTRIES]],
        "more_countries": max(0, len(codes) - ROW_COUNTRIES),
        "funders": project.funders,
        "years": years,
        "status": label("ActivityStatus", project.status) if project.status else "",
        "budget_value": project.budget_value,
        "budget_currency": project.budget_currency,
    }


def _facet(facet) -> dict:
    """A facet as the form shows it: groups of values (sectors under their category), the rest under "more"."""
    shown = [v for i, v in enumerate(facet.values) if i < FACET_SHOWN or v.selected]
    more = [v for i, v in enumerate(facet.values) if i >= FACET_SHOWN and not v.selected]

    def grouped(values):
        # Sectors under their category, the categories in the order of their most frequent sector.
        groups: dict[str, list] = {}
        for value in values:
            # A stable id: htmx keeps the focus on the box just ticked when the facets are swapped.
            groups.setdefault(value.group, []).append({**asdict(value), "id": f"f-{facet.name}-{slugify(value.value)}"})
        return [{"label": group, "values": items} for group, items in groups.items()]

    return {"name": facet.name, "label": facet.label, "shown": grouped(shown), "more": grouped(more), "size": len(more)}


def _chips(page) -> list[dict]:
    filters = page.filters
    chips = []
    if filters.q:
        chips.append(
            {
                "label": _("Words: %(q)s") % {"q": filters.q},
                "query": selectors.querystring(filters, q=""),
                "reloads": True,  # the search box must be emptied too
            }
        )
    for facet in page.facets:
        for value in facet.values:
            if value.selected:
                chips.append(
                    {
                        "label": f"{facet.label}: {value.label}",
                        "query": selectors.querystring(selectors.toggled(filters, facet.name, value.value)),
                        "reloads": False,
                    }
                )
    return chips


def _totals_table(totals) -> dict:
    """The money totals as a small table: a row per currency (most budget first), a column per kind."""
    kinds = [kind for kind in ProjectAmount.Kind.values if any(t.kind == kind for t in totals)]
    values = {(t.currency, t.kind): t.value for t in totals}
    currencies = sorted({t.currency for t in totals}, key=lambda c: (-values.get((c, "budget"), 0), c))
    return {
        "total_kinds": [ProjectAmount.Kind(kind).label for kind in kinds],
        "totals": [{"currency": c, "values": [values.get((c, kind)) for kind in kinds]} for c in currencies],
    }


def _search_body(filters, number: int) -> str:
    def build():
        page = selectors.project_search(filters, page=number, per_page=PER_PAGE)
        query = selectors.querystring(page.filters)
        context = {
            "page": page,
            "rows": [_row(project) for project in page.rows],
            "facets": [_facet(facet) for facet in page.facets if facet.values],
            "chips": _chips(page),
            **_totals_table(page.totals),
            "filtered": _is_filtered(filters),
            "query": query,
            "suggestion_query": selectors.querystring(page.filters, q=page.suggestion) if page.suggestion else "",
            "sorts": [("relevance", _("relevance")), ("newest", _("newest first")), ("budget", _("largest budget"))],
            "pager": _pager(page),
            "first": (page.number - 1) * page.per_page + 1,
            "export_refused": exports.too_large_message(page.total)
            if page.total > settings.PROJECTDB_EXPORT_MAX
            else "",
        }
        return render_to_string("projectdb/_search_body.html", context)

    return _cached_html("search", filters, build, page=number)


def _pager(page) -> SimpleNamespace:
    """A SearchPage as templates/_pagination.html reads a Django Page (templates call the methods it has)."""
    return SimpleNamespace(
        number=page.number,
        has_previous=page.has_previous,
        has_next=page.has_next,
        has_other_pages=page.num_pages > 1,
        previous_page_number=page.number - 1,
        next_page_number=page.number + 1,
        paginator=SimpleNamespace(num_pages=page.num_pages, count=page.total),
    )


def project_search(request):
    filters = selectors.parse_filters(request.GET)
    body = _search_body(filters, _page_number(request))
    partial = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
    if partial:
        response = HttpResponse(body)
    else:
        context = {"filters": filters, "body": body, **_staff_links(request.user)}
        response = render(request, "projectdb/search.html", context)
    patch_vary_headers(response, ["HX-Request"])  # the same address serves the page and its part
    return response


def project_export(request, fmt: str):
    filters = selectors.parse_filters(request.GET)
    try:
        return exports.export_response(filters, fmt)
    except Invalid as refused:
        context = {"message": refused.message, "query": selectors.querystring(filters)}
        return render(request, "projectdb/export_refused.html", context, status=refused.status)


# --- A project's page ----------------------------------------------------------


def _participant(org: dict, organisations: dict) -> dict:
    linked = organisations.get(org_key(org))
    return {
        "name": _text(org.get("name")),
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


def _detail_context(page) -> dict:
    project, record = page.project, page.project.record
    title = _text(record["title"])
    heading = title["text"] or project.identifier
    organisations = page.organisations
    people = [(org, _participant(org, organisations)) for org in record["participating_orgs"]]
    locations = [
        {
            "name": _text(loc.get("name")),
            "description": _text(loc.get("description")),
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
            {"type": label("DescriptionType", d["type"]), "text": _text(d["text"])} for d in record["descriptions"]
        ],
        "dates": [
            {"label": label("ActivityDateType", code), "value": value, "day": _day(value)}
            for code, value in sorted(record["dates"].items())
        ],
        "default_language": _language_name(record["default_language"]),
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
        "related": page.related,
        "documents": [
            {
                "url": d["url"],
                "title": _text(d.get("title")),
                "format": d.get("format", ""),
                "categories": [label("DocumentCategory", c) for c in d.get("categories", [])],
                "languages": [_language_name(lang) for lang in d.get("languages", [])],
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
                "text": _text(t.get("description")),
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

    page = _cached(f"detail:{pk}", build)
    context = {"pk": pk, "title": page["title"], "body": mark_safe(page["html"]), **_staff_links(request.user)}  # noqa: S308
    return render(request, "projectdb/detail.html", context)


# --- Statistics -------------------------------------------------------------------


def _dimension(key: str, title: str, rows: list, currencies: list[str]) -> dict:
    charted = rows[:CHART_ROWS]
    return {
        "key": key,
        "title": title,
        "rows": [{"row": row, "amounts": [row.amounts.get(c) for c in currencies]} for row in rows],
        "count_chart": charts.bar_chart(
            [(row.label, row.count) for row in charted], title=_("%(what)s: number of projects") % {"what": title}
        ),
        "money_charts": [
            (
                currency,
                charts.bar_chart(
                    [(row.label, row.amounts.get(currency, 0)) for row in charted],
                    title=_("%(what)s: budgets in %(currency)s") % {"what": title, "currency": currency},
                    unit=currency,
                    # Wide enough for the values of large currencies (tenge run to 15 digits).
                    width=800,
                ),
            )
            for currency in currencies
        ],
        "cut": len(rows) > CHART_ROWS,
    }


def _statistics_body(filters) -> str:
    def build():
        stats = selectors.project_statistics(filters)
        currencies = stats.currencies
        context = {
            "stats": stats,
            "currencies": currencies,
            "query": selectors.querystring(filters),
            "filtered": _is_filtered(filters),
            "dimensions": [
                _dimension("country", _("Countries"), stats.by_country, currencies),
                _dimension("category", _("Sector categories"), stats.by_category, currencies),
                _dimension("funder", _("Funders"), stats.by_funder, currencies),
                _dimension("year", _("Years"), stats.by_year, currencies),
            ],
            "chart_rows": CHART_ROWS,
        }
        return render_to_string("projectdb/_statistics_body.html", context)

    return _cached_html("statistics", filters, build)


def project_statistics(request):
    filters = selectors.parse_filters(request.GET)
    context = {
        "filters": filters,
        "active": _active_filters(filters),
        "query": selectors.querystring(filters),
        "body": _statistics_body(filters),
    }
    return render(request, "projectdb/statistics.html", context)


# The codelist naming the values of a filter.
FILTER_LISTS = {
    "country": "Country",
    "region": "Region",
    "category": "SectorCategory",
    "sector": "Sector",
    "status": "ActivityStatus",
    "marker": "PolicyMarker",
}


def _active_filters(filters) -> list[str]:
    """The filters in words, for the statistics page: "Country: Kazakhstan" (labels, no counting)."""
    keys = [*filters.funder, *filters.implementer]
    names = {}
    if keys:
        rows = ProjectOrganisation.objects.filter(role__in=("1", "4"), key__in=keys).order_by().values("key")
        names = dict(rows.annotate(name=Min("name")).values_list("key", "name"))
    active = [_("Words: %(q)s") % {"q": filters.q}] if filters.q else []
    for name in selectors.FILTER_NAMES:
        for value in getattr(filters, name):
            if name in FILTER_LISTS:
                text = label(FILTER_LISTS[name], value)
            elif name in ("funder", "implementer"):
                text = names.get(value) or value.removeprefix("name:")
            else:
                text = str(value)
            active.append(f"{selectors.FACET_LABELS[name]}: {text}")
    return active
