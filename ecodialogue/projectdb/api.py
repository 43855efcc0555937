"""The project database through the API: search, a project, statistics, exports; staff writes, history, imports.

The pages' reads (`selectors`), writes (`services.project_save`,
`imports.import_enqueue`) and permissions, for programs. Reading and exporting
are public, like the pages. Writing, the history (it names who changed what)
and imports are for staff: anonymous callers get 401, others 403 before any
work is done, and the services check again. Refusals come as
{"code", "message", "details"}: a record that breaks a rule is 422 with every
finding in `details` as [{code, message, subject}], the same findings the
staff form and the import report.

The search and the statistics are the same for every caller, so their JSON is
built once per filters, page and language and kept until a project changes,
as the pages do (views.py).
"""

import hashlib
import json
from typing import Literal

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status, UploadedFile

from ecodialogue.core.errors import Conflict, Invalid
from ecodialogue.core.i18n import current_language

from . import exports, imports, selectors, services
from . import permissions as perms
from .api_record_schemas import ProjectRecordIn
from .api_schemas import (
    ErrorOut,
    ExportQuery,
    HistoryOut,
    ImportIn,
    ImportItemsQuery,
    ImportRunOut,
    LookupQuery,
    PageQuery,
    ProjectDetailOut,
    ProjectFilters,
    ProjectSearchOut,
    ProjectSearchQuery,
    StatisticsOut,
)
from .codelists import label
from .exports import XML_CONTENT_TYPE
from .models import ImportRun, Project, ProjectAmount, ProjectRevision
from .records import pick
from .search import facet_snapshot

router = Router(tags=["projects"])

CACHE_TIMEOUT = 600
# What the provenance of a record written through the API names as its source.
API_SOURCE_NAME = "API"
STAFF_ERRORS = {401: ErrorOut, 403: ErrorOut}
EXPORT_MEDIA_TYPES = {
    "text/csv": "CSV, one project a row (the columns of the import template)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX, the same columns",
    XML_CONTENT_TYPE.split(";")[0]: "IATI 2.03 activities, valid against the official schema",
}


def _auth():
    from ecodialogue.api import AUTH

    return AUTH


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _filters(query: ProjectFilters) -> selectors.Filters:
    return selectors.parse_filters(query.selector_data())


def _cached_json(kind: str, wanted: dict, build) -> HttpResponse:
    """The JSON `build()` returns, once per version of the projects, language and `wanted`."""
    stamp = facet_snapshot.stamp()
    digest = hashlib.sha256(json.dumps(wanted, sort_keys=True, default=str).encode()).hexdigest()[:32]
    key = f"projectdb:api:{kind}:{current_language()}:{stamp}:{digest}"
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, CACHE_TIMEOUT)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _title(project: Project) -> tuple[str, str]:
    text, lang = pick({"kk": project.title_kk, "ru": project.title_ru, "en": project.title_en})
    # A title in none of the platform's languages (a German-only activity) is in `title`, language unknown.
    return (text, lang) if text else (project.title or project.identifier, "")


def _row(project: Project) -> dict:
    title, language = _title(project)
    return {
        "id": project.pk,
        "identifier": project.identifier,
        "title": title,
        "title_language": language,
        "status": project.status,
        "status_label": label("ActivityStatus", project.status) if project.status else "",
        "start_date": project.start_date,
        "end_date": project.end_date,
        "countries": project.countries.split(),
        "funders": project.funders,
        "budget_value": project.budget_value,
        "budget_currency": project.budget_currency,
        "url": project.get_absolute_url(),
    }


def _paged(queryset, query: PageQuery):
    page = Paginator(queryset, query.per_page).get_page(query.page)
    return page, {"count": page.paginator.count, "page": page.number, "num_pages": page.paginator.num_pages}


# --- Public: search, statistics, export ----------------------------------------------


@router.get(
    "/projects",
    response=ProjectSearchOut,
    auth=None,
    summary="Search the projects, with facets and money totals (public)",
    description="The search page's filters: `q` searches titles, descriptions, organisations and identifiers in "
    "Kazakh, Russian and English; repeat a facet parameter for several values (OR within a facet, AND across). "
    "Each facet value's `value` is what to pass back. Labels and titles are in the language of `lang` or "
    "Accept-Language. A value that is not a code is refused with 422.",
)
def project_search(request, query: Query[ProjectSearchQuery]):
    filters = _filters(query)

    def build() -> str:
        page = selectors.project_search(filters, page=query.page, per_page=query.per_page)
        data = {
            "count": page.total,
            "page": page.number,
            "per_page": page.per_page,
            "num_pages": page.num_pages,
            "results": [_row(project) for project in page.rows],
            "facets": [
                {
                    "name": facet.name,
                    "label": str(facet.label),
                    "values": [
                        {
                            "value": str(v.value),
                            "label": v.label,
                            "count": v.count,
                            "selected": v.selected,
                            "group": v.group,
                        }
                        for v in facet.values
                    ],
                }
                for facet in page.facets
            ],
            "totals": [
                {
                    "kind": t.kind,
                    "kind_label": str(ProjectAmount.Kind(t.kind).label),
                    "currency": t.currency,
                    "value": t.value,
                }
                for t in page.totals
            ],
            "suggestion": page.suggestion,
        }
        return ProjectSearchOut.model_validate(data).model_dump_json()

    return _cached_json("search", {**filters.__dict__, "page": query.page, "per_page": query.per_page}, build)


@router.get(
    "/projects/statistics",
    response=StatisticsOut,
    auth=None,
    summary="Number of projects and money by country, sector category, funder and year (public)",
    description="The statistics page's figures, following the same filters as the search. Amounts are budgets per "
    "currency (never converted), split by the countries' and sectors' percentages.",
)
def project_statistics(request, query: Query[ProjectFilters]):
    filters = _filters(query)

    def build() -> str:
        stats = selectors.project_statistics(filters)

        def rows(found):
            return [{"key": str(r.key), "label": r.label, "count": r.count, "amounts": r.amounts} for r in found]

        data = {
            "total": stats.total,
            "currencies": stats.currencies,
            "by_country": rows(stats.by_country),
            "by_category": rows(stats.by_category),
            "by_funder": rows(stats.by_funder),
            "by_year": rows(stats.by_year),
        }
        return StatisticsOut.model_validate(data).model_dump_json()

    return _cached_json("statistics", filters.__dict__, build)


@router.get(
    "/projects/export",
    auth=None,
    summary="Export the projects matching the filters as CSV, XLSX or IATI 2.03 XML (public)",
    description="Every matching project, in the search's order, as a download (`Content-Disposition: attachment`). "
    "CSV and XML are streamed as they are written.",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file",
                "content": {
                    media_type: {"schema": {"type": "string", "format": "binary", "description": what}}
                    for media_type, what in EXPORT_MEDIA_TYPES.items()
                },
            }
        }
    },
)
def project_export(request, query: Query[ExportQuery]):
    return exports.export_response(_filters(query), query.format)


# --- Public: one project --------------------------------------------------------------


def _detail(pk: int) -> dict:
    page = selectors.project_for_page(pk)
    project, record = page.project, page.project.record
    title, language = pick(record.get("title"))
    return {
        "id": project.pk,
        "identifier": project.identifier,
        "title": title or project.identifier,
        "title_language": language,
        "status_label": label("ActivityStatus", project.status) if project.status else "",
        "url": project.get_absolute_url(),
        "record": record,
        "provenance": {
            # Not who edited it: a person's name is for staff (the history).
            "source": project.source,
            "source_label": str(project.get_source_display()),
            "source_name": project.source_name,
            "imported_at": project.imported_at,
            "edited_at": project.edited_at,
            "last_updated": project.last_updated,
        },
        "related": [
            {
                "type": item["type"],
                "type_label": item["type_label"],
                "identifier": item["identifier"],
                "project": _link(item["project"]) if item["project"] is not None else None,
            }
            for item in page.related
        ],
        "organisations": [
            {"key": key, "organization_id": org.pk, "name": org.name, "url": org.get_absolute_url()}
            for key, org in sorted(page.organisations.items())
        ],
    }


def _link(project: Project) -> dict:
    return {
        "id": project.pk,
        "identifier": project.identifier,
        "title": _title(project)[0],
        "url": project.get_absolute_url(),
    }


@router.get(
    "/projects/lookup",
    response=ProjectDetailOut,
    auth=None,
    summary="Find a project by its IATI identifier (public)",
    description="The same answer as `GET /projects/{project_id}`; 404 when no project has the identifier. "
    "A query parameter, since identifiers published in the wild may contain a slash.",
)
def project_lookup(request, query: Query[LookupQuery]):
    project = get_object_or_404(Project.objects.only("pk"), identifier=query.identifier.strip())
    return _detail(project.pk)


# --- Staff: imports -------------------------------------------------------------------


def _run(run: ImportRun, items_query: ImportItemsQuery | None = None) -> dict:
    items = {"count": 0, "page": 1, "num_pages": 1, "results": []}
    if items_query is not None:
        rows = run.items.order_by("position")
        if items_query.outcome:
            rows = rows.filter(outcome=items_query.outcome)
        page, items = _paged(rows, items_query)
        items["results"] = [
            {
                "position": item.position,
                "identifier": item.identifier,
                "outcome": item.outcome,
                "outcome_label": str(item.get_outcome_display()),
                "project_id": item.project_id,
                "messages": item.messages,
            }
            for item in page.object_list
        ]
    return {
        **{name: getattr(run, name) for name in ("id", "kind", "status", "filename", "created_at", "error")},
        **{name: getattr(run, name) for name in ("started_at", "finished_at", "processed", "total")},
        **{name: getattr(run, name) for name in ("created", "updated", "unchanged", "skipped", "invalid")},
        "status_label": str(run.get_status_display()),
        "by": str(run.by) if run.by else "",
        "url": reverse("projectdb:import-detail", args=[run.pk]),
        "items": items,
    }


@router.post(
    "/projects/imports",
    response={202: ImportRunOut, **STAFF_ERRORS, 422: ErrorOut},
    auth=_auth(),
    summary="Import an IATI XML file or a CSV/XLSX table in the background (staff)",
    description="Multipart: `file` and `kind` (iati or table). The file is checked by its content (422 "
    "`import.not_xml`, `import.not_table`, `import.too_large` …), stored and imported by a background task; "
    "follow the run with `GET /projects/imports/{run_id}`.",
)
def import_create(request, payload: Form[ImportIn], file: File[UploadedFile]):
    _require(perms.can_import_projects(request.user))
    run = imports.import_enqueue(actor=request.user, uploaded_file=file, kind=payload.kind)
    # Reloaded: a task backend that runs at once (tests, development) has already moved it on.
    return Status(202, _run(ImportRun.objects.select_related("by").get(pk=run.pk), None))


@router.get(
    "/projects/imports/{run_id}",
    response={200: ImportRunOut, **STAFF_ERRORS},
    auth=_auth(),
    summary="An import run: its status, progress, counts and one page of its items (staff)",
    description="Each item is one activity or row: created, updated, unchanged, skipped (an older version) or "
    "invalid, with the reasons in `messages`.",
)
def import_detail(request, run_id: int, query: Query[ImportItemsQuery]):
    _require(perms.can_import_projects(request.user))
    run = get_object_or_404(ImportRun.objects.select_related("by"), pk=run_id)
    return _run(run, query)


@router.get(
    "/projects/{project_id}",
    response=ProjectDetailOut,
    auth=None,
    summary="One project: its whole record, provenance and related projects (public)",
    description="`record` is the project as plain data (IATI 2.03 fields: codes, ISO dates and decimal amounts as "
    "text, narratives as {language: text}); what `PUT` takes back. Related projects are resolved when they are in "
    "the database; children pointing at this one as their parent are included.",
)
def project_detail(request, project_id: int, lang: Literal["kk", "ru", "en"] | None = None):
    return _detail(project_id)


# --- Staff: writes and history --------------------------------------------------------


def _save(request, record: ProjectRecordIn):
    return services.project_save(
        record=record.model_dump(), source=Project.Source.MANUAL, source_name=API_SOURCE_NAME, actor=request.user
    )


def _exists(identifier: str) -> Conflict:
    return Conflict(
        "project.exists",
        _("A project with the identifier “%(identifier)s” exists: change it with PUT.") % {"identifier": identifier},
        details={"id": Project.objects.filter(identifier=identifier).values_list("pk", flat=True).first()},
    )


@router.post(
    "/projects",
    response={201: ProjectDetailOut, **STAFF_ERRORS, 409: ErrorOut, 422: ErrorOut},
    auth=_auth(),
    summary="Add a project from its record (staff)",
    description="The rules of the import and the staff form apply: a refused record is 422 with every finding in "
    "`details` ([{code, message, subject}]) and nothing is written. 409 `project.exists` when a project has the "
    "identifier already.",
)
def project_create(request, record: ProjectRecordIn):
    _require(perms.can_edit_projects(request.user))
    identifier = record.identifier.strip()
    if identifier and Project.objects.filter(identifier=identifier).exists():
        raise _exists(identifier)
    try:
        saved = _save(request, record)
    except IntegrityError:
        # Another request added the same identifier in the meantime.
        raise _exists(identifier) from None
    return Status(201, _detail(saved.project.pk))


@router.put(
    "/projects/{project_id}",
    response={200: ProjectDetailOut, **STAFF_ERRORS, 404: ErrorOut, 422: ErrorOut},
    auth=_auth(),
    summary="Replace a project's record (staff)",
    description="The whole record, as `GET` gives it; its identifier must stay the project's (422 "
    "`project.identifier_changed`). The same rules as `POST` apply; a change is kept in the history.",
)
def project_replace(request, project_id: int, record: ProjectRecordIn):
    _require(perms.can_edit_projects(request.user))
    project = get_object_or_404(Project.objects.only("pk", "identifier"), pk=project_id)
    if record.identifier.strip() != project.identifier:
        message = _("The identifier of a project cannot change: it is “%(identifier)s”.") % {
            "identifier": project.identifier
        }
        raise Invalid(
            "project.identifier_changed",
            message,
            details=[{"code": "project.identifier_changed", "message": message, "subject": "identifier"}],
        )
    _save(request, record)
    return _detail(project.pk)


@router.get(
    "/projects/{project_id}/history",
    response={200: HistoryOut, **STAFF_ERRORS, 404: ErrorOut},
    auth=_auth(),
    summary="A project's changes, newest first: who, when, how, and the record before and after (staff)",
)
def project_history(request, project_id: int, query: Query[PageQuery]):
    _require(perms.can_view_project_history(request.user))
    project = get_object_or_404(Project.objects.only("pk"), pk=project_id)
    revisions = ProjectRevision.objects.filter(project=project).select_related("by").order_by("-at", "-id")
    page, data = _paged(revisions, query)
    data["results"] = [
        {
            "id": revision.pk,
            "at": revision.at,
            "by": str(revision.by) if revision.by else "",
            "source": revision.source,
            "source_label": str(revision.get_source_display()),
            "source_name": revision.source_name,
            "changed": revision.changed,
            "before": revision.before,
            "after": revision.after,
        }
        for revision in page.object_list
    ]
    return data
