"""Reads of the project database: the search with its facets and totals, the statistics, a project's page.

The search's counts and sums come from this process's copy of the facet
tables that `services.projects_save` derives from the records
(`search/facet_snapshot.py`); the statistics, from one SQL statement each
over those tables, restricted by an id subquery (`search/facets.py`). Within a facet the
selected values combine with OR, across facets with AND; a facet's own
counts apply the other facets' selections but not its own, so choosing
"KZ" still shows how many projects "KG" would add.

Money is split as d-portal does: with countries or regions selected, a
project counts with the share of its money in them (their percentages
summed); with sectors or categories selected, likewise, the two splits
multiplied. Amounts in different currencies are never added up.

The counting lives in `search/facet_snapshot.py` (numpy) and `search/facets.py` (SQL); this
module is what the pages, the API and the exports use.
"""

import functools
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from urllib.parse import urlencode

import numpy as np
from django.core.cache import cache
from django.db import connection
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from ecodialogue.organizations.models import Organization

from . import search
from .codelists import RIO_MARKERS, is_code, label, sector_category
from .models import Project, ProjectOrganisation
from .search import facet_snapshot
from .search.facets import (
    amounts_by,
    budget_by_year,
    count_sql,
    facet_rows,
    ids_sql,
    totals_rows,
)
from .search.texts import parse as parse_query

FILTER_NAMES = ("country", "region", "category", "sector", "funder", "implementer", "status", "year", "marker")
SORTS = ("relevance", "newest", "budget")
MAX_QUERY = 200
# Facet counts and totals are kept this long at most (a change of any project renews them at once).
CACHE_SECONDS = 600
# Funders and implementers can number thousands: a facet shows the most frequent ones (and any selected).
MAX_ORGANISATION_VALUES = 50
FACET_LABELS = {
    "country": _("Country"),
    "region": _("Region"),
    "category": _("Sector category"),
    "sector": _("Sector"),
    "funder": _("Funder"),
    "implementer": _("Implementer"),
    "status": _("Status"),
    "year": _("Years active"),
    "marker": _("Rio marker"),
}


@dataclass(frozen=True)
class Filters:
    q: str = ""
    country: tuple[str, ...] = ()  # ISO 3166 codes ("KZ")
    region: tuple[str, ...] = ()  # Region codes, vocabulary 1 ("619")
    category: tuple[str, ...] = ()  # DAC 3-digit sector categories ("410")
    sector: tuple[str, ...] = ()  # DAC 5-digit sectors ("41010")
    funder: tuple[str, ...] = ()  # ProjectOrganisation.key of role 1
    implementer: tuple[str, ...] = ()  # ProjectOrganisation.key of role 4
    status: tuple[str, ...] = ()  # ActivityStatus codes
    year: tuple[int, ...] = ()  # years active (ProjectYear)
    marker: tuple[str, ...] = ()  # Rio markers "5" "6" "7" "8" (significance >= 1)
    sort: str = "relevance"  # "relevance" | "newest" | "budget" (relevance without q = newest)

    @property
    def order(self) -> str:
        """The sort in effect: relevance needs a query."""
        if self.sort == "relevance" and not search_words(self.q):
            return "newest"
        return self.sort


def search_words(q: str) -> bool:
    return bool(parse_query(q))


def _values(data, name: str) -> list[str]:
    if hasattr(data, "getlist"):
        values = data.getlist(name)
    else:
        value = data.get(name, [])
        values = value if isinstance(value, list | tuple) else [value]
    return [str(v).strip() for v in values if v is not None and str(v).strip()]


def _valid(name: str, value: str):
    """The value in its canonical form, or None when it is no value of the facet."""
    if name == "country":
        value = value.upper()
        return value if is_code("Country", value) else None
    if name == "region":
        return value if is_code("Region", value) else None
    if name == "category":
        return value if is_code("SectorCategory", value) else None
    if name == "sector":
        return value if is_code("Sector", value) else None
    if name in ("funder", "implementer"):
        return value if len(value) <= 200 else None
    if name == "status":
        return value if is_code("ActivityStatus", value) else None
    if name == "year":
        return int(value) if value.isdigit() and 1900 <= int(value) <= 2100 else None
    if name == "marker":
        return value if value in RIO_MARKERS else None
    return None


def parse_filters(data) -> Filters:
    """Filters from request.GET or a dict; invalid values are dropped, never an error."""
    fields = {}
    for name in FILTER_NAMES:
        found = [_valid(name, v) for v in _values(data, name)]
        fields[name] = tuple(dict.fromkeys(v for v in found if v is not None))
    q = " ".join((_values(data, "q") or [""])[0].split())[:MAX_QUERY]
    sort = (_values(data, "sort") or ["relevance"])[0]
    return Filters(q=q, sort=sort if sort in SORTS else "relevance", **fields)


def querystring(filters: Filters, **changes) -> str:
    """The URL query of the filters ("q=..&country=KZ"), with some fields replaced; `page=` may be added."""
    extra = {k: v for k, v in changes.items() if k not in Filters.__dataclass_fields__}
    filters = replace(filters, **{k: v for k, v in changes.items() if k in Filters.__dataclass_fields__})
    pairs = [("q", filters.q)] if filters.q else []
    for name in FILTER_NAMES:
        pairs += [(name, str(v)) for v in getattr(filters, name)]
    if filters.sort != "relevance":
        pairs.append(("sort", filters.sort))
    pairs += [(k, str(v)) for k, v in extra.items() if v not in (None, "")]
    return urlencode(pairs)


def toggled(filters: Filters, name: str, value) -> Filters:
    """The filters with one facet value added, or removed when it was selected."""
    value = _valid(name, str(value))
    if value is None:
        return filters
    current = getattr(filters, name)
    values = tuple(v for v in current if v != value) if value in current else (*current, value)
    return replace(filters, **{name: values})


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    group: str = ""  # sector facet: the category's label, so the page can group sectors under categories


@dataclass
class Facet:
    name: str  # one of FILTER_NAMES
    label: str  # translated ("Country")
    values: list[FacetValue]  # by count desc (years by year desc); selected values always included


@dataclass
class Total:
    kind: str  # ProjectAmount.Kind: "budget" | "commitment" | "disbursement"
    currency: str
    value: Decimal  # split by the selected countries'/regions' and sectors' percentages, as d-portal does


@dataclass
class SearchPage:
    filters: Filters
    total: int  # projects matching
    number: int
    per_page: int
    num_pages: int
    has_previous: bool
    has_next: bool
    rows: list[Project]  # only list columns loaded (defer `record`); each row has `.funders` (list of names)
    facets: list[Facet]
    totals: list[Total]
    suggestion: str  # when q matches nothing: a close organisation name (trigram), else ""


def _fuzzy_names(q: str) -> tuple[str, list[str]]:
    """For a query that matched nothing: the closest organisation name, and the names close enough to show."""
    found = search.similar_names(q, limit=5)
    if not found:
        return "", []
    best = found[0][1]
    return found[0][0], [name for name, score in found if score >= best * 0.8]


def list_rows(ids: list[int]) -> list[Project]:
    """The projects of a page, in the order given, without their records; `.funders` set."""
    projects = {p.pk: p for p in Project.objects.filter(pk__in=ids).defer("record")}
    funders: dict[int, list[str]] = {}
    # By project only (role checked here): SQLite, without statistics, would otherwise read every funder row.
    for pk, role, name in (
        ProjectOrganisation.objects.filter(project_id__in=ids).order_by("id").values_list("project_id", "role", "name")
    ):
        if role == "1" and name not in funders.setdefault(pk, []):
            funders[pk].append(name)
    rows = [projects[pk] for pk in ids if pk in projects]
    for project in rows:
        project.funders = funders.get(project.pk, [])
    return rows


def _aggregates(filters: Filters, snapshot, query_matches, *, facets: bool) -> dict:
    """What a search page shows beyond its rows, the same on every page: cached until a project changes.

    Counting facets and summing money is the costly part of a search with
    many matches (every match's facet rows are read); it is kept per filters
    (not sort or page) and version of the data, as plain values (labels are
    added in the reader's language).
    """
    key_filters = replace(filters, sort="relevance")
    # The snapshot's own version: a fresh read could be newer than what is counted here.
    version = facet_snapshot.version_stamp(snapshot.version)
    key = "projectdb:search:" + hashlib.sha256(f"{version}|{facets}|{key_filters!r}".encode()).hexdigest()
    found = cache.get(key)
    if found is not None:
        return found
    suggestion, names = "", []
    with search.counting():
        matches = query_matches()
        total = int(snapshot.matching(filters, matches).sum())
        if total == 0 and search_words(filters.q):
            suggestion, names = _fuzzy_names(filters.q)
            if names:
                matches = _named(snapshot, names)
                total = int(snapshot.matching(filters, matches).sum())
    found = {"total": total, "suggestion": suggestion, "names": names, "facets": None, "totals": []}
    if facets:
        found["facets"] = snapshot.facet_counts(filters, matches, keep=MAX_ORGANISATION_VALUES)
        found["totals"] = snapshot.totals(filters, matches)
    cache.set(key, found, CACHE_SECONDS)
    return found


def _matches(snapshot, filters: Filters):
    """The projects matching the query words, as the snapshot's set; None without words."""
    ids = search.matching_ids(filters.q, at=snapshot.version) if filters.q else None
    return None if ids is None else snapshot.as_set(ids)


def _named(snapshot, names: list[str]):
    """The projects an organisation of one of these names takes part in: the search's answer to a typo."""
    return snapshot.as_set(ProjectOrganisation.objects.filter(name__in=names).values_list("project_id", flat=True))


def _page_ids(filters: Filters, snapshot, matches, *, by_name: bool, limit: int | None, offset: int) -> list[int]:
    """The ids of the matching projects in the sort's order, one page of them (or all: limit None)."""
    within = snapshot.matching(filters, matches)
    if filters.order == "relevance" and not by_name:
        with search.counting():
            return search.ranked(filters.q, np.flatnonzero(within), limit=limit, offset=offset, at=snapshot.version)
    return snapshot.ordered(within, filters.order, limit=limit, offset=offset)


def project_search(filters: Filters, *, page: int = 1, per_page: int = 20, facets: bool = True) -> SearchPage:
    """One page of the projects matching the filters, with facets and money totals.

    A query that matches nothing but is close to an organisation's name
    (a typo: "Swis Agency for Developmnt") shows that organisation's projects,
    and `suggestion` names it.
    """
    snapshot = facet_snapshot.current()
    query_matches = functools.cache(lambda: _matches(snapshot, filters))  # read once, if at all
    found = _aggregates(filters, snapshot, query_matches, facets=facets)
    total, names = found["total"], found["names"]
    num_pages = max(1, -(-total // per_page))
    number = min(max(1, int(page or 1)), num_pages)
    ids = []
    if total:
        offset = (number - 1) * per_page
        matches = _named(snapshot, names) if names else query_matches()
        ids = _page_ids(filters, snapshot, matches, by_name=bool(names), limit=per_page, offset=offset)
    return SearchPage(
        filters=filters,
        total=total,
        number=number,
        per_page=per_page,
        num_pages=num_pages,
        has_previous=number > 1,
        has_next=number < num_pages,
        rows=list_rows(ids),
        facets=_facets(filters, found["facets"]) if facets else [],
        totals=_totals(found["totals"]) if facets else [],
        suggestion=found["suggestion"],
    )


def _facet_label(name: str, value: str, names: dict) -> tuple[str, str]:
    if name == "country":
        return label("Country", value), ""
    if name == "region":
        return label("Region", value), ""
    if name == "category":
        return label("SectorCategory", value), ""
    if name == "sector":
        code, category = value
        category = category or sector_category(code)
        return label("Sector", code), label("SectorCategory", category) if category else ""
    if name in ("funder", "implementer"):
        return names.get((name, value), value), ""
    if name == "status":
        return label("ActivityStatus", value), ""
    if name == "marker":
        return label("PolicyMarker", value), ""
    return str(value), ""


def _facets(filters: Filters, rows) -> list[Facet]:
    counts, names = rows
    result = []
    for name in FILTER_NAMES:
        selected = {str(v) for v in getattr(filters, name)}
        found = sorted(counts.get(name, {}).items(), key=lambda item: -item[1])
        if name in ("funder", "implementer"):
            found = [item for i, item in enumerate(found) if i < MAX_ORGANISATION_VALUES or item[0] in selected]
        values = []
        for value, count in found:
            code = str(value[0] if name == "sector" else value)
            text, group = _facet_label(name, value, names)
            values.append(FacetValue(code, text, count, code in selected, group))
        present = {v.value for v in values}
        for value in getattr(filters, name):
            if str(value) not in present:
                text, group = _facet_label(name, (value, "") if name == "sector" else value, names)
                values.append(FacetValue(str(value), text, 0, True, group))
        if name == "year":
            values.sort(key=lambda v: -int(v.value))
        else:
            values.sort(key=lambda v: (-v.count, v.label))
        result.append(Facet(name=name, label=str(FACET_LABELS[name]), values=values))
    return result


def _money(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def _totals(rows) -> list[Total]:
    order = {"budget": 0, "commitment": 1, "disbursement": 2}
    totals = [Total(kind, currency, _money(value)) for kind, currency, value in rows]
    return sorted(totals, key=lambda t: (order.get(t.kind, 9), -t.value, t.currency))


def matching_count(filters: Filters) -> int:
    """How many projects match the filters (without the typo fallback of the search page)."""
    snapshot = facet_snapshot.current()
    with search.counting():
        matches = _matches(snapshot, filters)
    return int(snapshot.matching(filters, matches).sum())


def projects_for_export(filters: Filters, *, chunk: int = 500) -> Iterator[Project]:
    """Every matching project in the sort order, full record loaded, a chunk at a time."""
    snapshot = facet_snapshot.current()
    with search.counting():
        matches = _matches(snapshot, filters)
    ids = _page_ids(filters, snapshot, matches, by_name=False, limit=None, offset=0)
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        projects = Project.objects.in_bulk(part)
        for pk in part:
            if pk in projects:
                yield projects[pk]


@dataclass
class StatisticsRow:
    key: str
    label: str
    count: int
    amounts: dict[str, Decimal]  # budget per currency, split by percentages like the totals


@dataclass
class Statistics:
    filters: Filters
    total: int
    by_country: list[StatisticsRow]
    by_category: list[StatisticsRow]
    by_funder: list[StatisticsRow]
    by_year: list[StatisticsRow]  # by_year: budgets by the year of their period start
    currencies: list[str] = field(default_factory=list)  # currencies present, most money first


def _statistics_rows(counts: dict, amounts: dict, labeller, keep=()) -> list[StatisticsRow]:
    """Rows of one dimension; with values selected in the filters, only those (a KZ page has no KG row)."""
    keep = {str(k) for k in keep}
    rows = []
    for key in set(counts) | set(amounts):
        if keep and str(key) not in keep:
            continue
        money = {currency: _money(value) for currency, value in sorted(amounts.get(key, {}).items())}
        rows.append(StatisticsRow(str(key), labeller(key), counts.get(key, 0), money))
    return rows


def project_statistics(filters: Filters) -> Statistics:
    """Projects and budgets by country, sector category, funder and year, following the search's filters."""
    base = ids_sql(filters)
    total = count_sql(base)
    counts, names = facet_rows(
        filters, only=("country", "category", "funder", "year"), own_selection=True, keep=1_000_000
    )
    funder_names = {key: text for (facet, key), text in names.items() if facet == "funder"}
    categories = filters.category or tuple(sector_category(code) for code in filters.sector)
    by_country = _statistics_rows(
        counts.get("country", {}), amounts_by("country", filters, base), lambda k: label("Country", k), filters.country
    )
    by_category = _statistics_rows(
        counts.get("category", {}),
        amounts_by("category", filters, base),
        lambda k: label("SectorCategory", k),
        categories,
    )
    by_funder = _statistics_rows(
        counts.get("funder", {}), amounts_by("funder", filters, base), lambda k: funder_names.get(k, k), filters.funder
    )
    by_year = _statistics_rows(counts.get("year", {}), budget_by_year(filters, base), str, filters.year)
    for rows in (by_country, by_category, by_funder):
        rows.sort(key=lambda r: (-r.count, r.label))
    by_year.sort(key=lambda r: r.key)
    money = {currency: _money(value) for kind, currency, value in totals_rows(filters, base) if kind == "budget"}
    currencies = sorted(money, key=lambda c: (-money[c], c))
    return Statistics(filters, total, by_country, by_category, by_funder, by_year, currencies)


@dataclass
class ProjectPage:
    project: Project
    # [{"type": "1", "type_label": ..., "identifier": ..., "project": Project | None}],
    # + children found by other projects pointing at this one as parent
    related: list[dict]
    organisations: dict[str, Organization]  # ProjectOrganisation.key -> platform organisation, when linked


def project_for_page(pk: int) -> ProjectPage:
    """A project with its related projects and linked organisations, in a constant number of queries."""
    project = Project.objects.filter(pk=pk).first()
    if project is None:
        raise Http404("No such project.")
    organisations = {
        row.key: row.organization
        for row in ProjectOrganisation.objects.filter(project=project, organization__isnull=False).select_related(
            "organization"
        )
    }
    related = [
        {"type": str(r.get("type") or ""), "identifier": (r.get("ref") or "").strip()}
        for r in project.record.get("related") or []
        if (r.get("ref") or "").strip()
    ]
    with connection.cursor() as cursor:
        # Projects naming this one as their parent (type 1) are its children (type 2).
        cursor.execute(
            "SELECT DISTINCT project_id FROM projectdb_searchrelation "
            "WHERE ref = %s AND type = '1' AND project_id <> %s",
            [project.identifier, project.pk],
        )
        child_ids = [row[0] for row in cursor.fetchall()]
    found = Project.objects.filter(identifier__in=[r["identifier"] for r in related]) | Project.objects.filter(
        pk__in=child_ids
    )
    found = list(found.defer("record"))
    by_identifier = {p.identifier: p for p in found}
    known = {r["identifier"] for r in related}
    for child in sorted((p for p in found if p.pk in child_ids), key=lambda p: p.identifier):
        if child.identifier not in known:
            related.append({"type": "2", "identifier": child.identifier})
    for item in related:
        item["type_label"] = label("RelatedActivityType", item["type"]) if item["type"] else ""
        item["project"] = by_identifier.get(item["identifier"])
    return ProjectPage(project=project, related=related, organisations=organisations)
