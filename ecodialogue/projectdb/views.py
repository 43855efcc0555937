"""Public pages of the project database: the search, the statistics and the exports.

Thin: the reads are `selectors` (filters, facets, totals, statistics), the
pages only arrange them. Everyone may read and export; staff additionally
see the links to add, import, edit and read history. A project's own page
is `project_page.py`; the cache and the language notes are `view_common.py`.

The search results and the statistics are rendered once per filter, page
and language, and kept until a project changes. With htmx the search form
asks for the same address and gets only the part below the search box
(facets and results), which it swaps in.
"""

from dataclasses import asdict
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Min
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ecodialogue.core import charts
from ecodialogue.core.errors import Invalid

from . import exports, selectors
from .codelists import label
from .models import ProjectAmount, ProjectOrganisation
from .view_common import LANGUAGE_NOTES, cached_html, language_name, narrative, staff_links

PER_PAGE = 20
# Facet values shown at once; the rest open under "more".
FACET_SHOWN = 8
# Countries named in a result row before "+N".
ROW_COUNTRIES = 5
# Bars per chart on the statistics page; the tables list every row.
CHART_ROWS = 15


def _is_filtered(filters) -> bool:
    return bool(filters.q or any(getattr(filters, name) for name in selectors.FILTER_NAMES))


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


# --- Search ----------------------------------------------------------------


def _row(project) -> dict:
    title = narrative({"kk": project.title_kk, "ru": project.title_ru, "en": project.title_en})
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
        "title_language": str(LANGUAGE_NOTES.get(title["lang"]) or language_name(title["lang"]))
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

    return cached_html("search", filters, build, page=number)


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
        context = {"filters": filters, "body": body, **staff_links(request.user)}
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

    return cached_html("statistics", filters, build)


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
