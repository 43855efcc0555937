"""Staff pages of the project database: add and edit a project, read its history, import files.

Thin: check access, read the form, call one service, render or redirect. An
anonymous visitor is sent to sign in, a signed-in person who is not staff
gets 403 (`permissions.py`). The project form is validated by the service
with the import's rules (`forms.ProjectForm`); the upload is checked and
queued by `imports.import_enqueue`, and its page follows the background task
(htmx asks for it again every 2 s while the file is being imported).
"""

import difflib
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecodialogue.core.errors import Forbidden, Invalid
from ecodialogue.core.tables import CONTENT_TYPES

from . import imports, services, tables
from . import permissions as perms
from .codelists import label
from .forms import ImportForm, ProjectForm
from .models import ImportItem, ImportRun, Project
from .records import FALLBACK

HISTORY_PER_PAGE = 10
ITEMS_PER_PAGE = 50
RECENT_RUNS = 20
TEMPLATE_FORMATS = ("csv", "xlsx")


def _require(permission, user) -> None:
    if not permission.test(user):
        raise PermissionDenied


# --- Adding and editing a project ---------------------------------------------------


@login_required
def project_create(request):
    _require(perms.can_edit_projects, request.user)
    return _project_form(request, None)


@login_required
def project_edit(request, pk: int):
    _require(perms.can_edit_projects, request.user)
    return _project_form(request, get_object_or_404(Project, pk=pk))


def _project_form(request, project: Project | None):
    if request.method != "POST":
        return _render_form(request, ProjectForm(project=project))
    more = request.POST.get("more", "")
    form = ProjectForm(project=project, data=request.POST, more=more)
    if more:
        return _render_form(request, form)
    if project is not None and form.base_hash != project.record_hash:
        # The rows point at the items of the record as it was when the form was opened.
        form.refuse([{"subject": "", "message": _("Someone saved this project after you opened the form.")}])
        return _render_form(request, form, status=409, conflict=True)
    record = form.record()
    existing = None
    if project is None:
        existing = Project.objects.filter(identifier=record["identifier"]).only("pk").first()
    if existing is not None:
        # Saving would replace that project: a new one needs its own identifier.
        message = _("A project with this identifier exists already; edit it instead, or give another identifier.")
        form.refuse([{"subject": "identifier", "message": message}])
        return _render_form(request, form, status=422, existing=existing)
    try:
        saved = services.project_save(record=record, source=Project.Source.MANUAL, actor=request.user)
    except Forbidden:
        raise PermissionDenied from None
    except Invalid as error:
        form.refuse(error.details or [{"subject": "", "message": str(error.message)}])
        return _render_form(request, form, status=422)
    if saved.outcome == services.Outcome.UNCHANGED:
        messages.info(request, _("Nothing was changed."))
    elif saved.outcome == services.Outcome.CREATED:
        messages.success(request, _("The project is added."))
    else:
        messages.success(request, _("The changes are saved; the history keeps the version before them."))
    return redirect(saved.project)


def _render_form(request, form: ProjectForm, *, status: int = 200, **extra):
    context = {
        "form": form,
        "project": form.project,
        "typed": form.typed,
        "tables": form.tables(),
        "choices": form.choices(),
        "kept": form.kept(),
        **extra,
    }
    return render(request, "projectdb/staff/project_form.html", context, status=status)


# --- History -----------------------------------------------------------------------

FIELD_LABELS = {
    "identifier": gettext_lazy("Identifier"),
    "default_language": gettext_lazy("Default language"),
    "default_currency": gettext_lazy("Default currency"),
    "last_updated": gettext_lazy("Last updated by the publisher"),
    "status": gettext_lazy("Status"),
    "title": gettext_lazy("Title"),
    "descriptions": gettext_lazy("Descriptions"),
    "reporting_org": gettext_lazy("Reporting organisation"),
    "participating_orgs": gettext_lazy("Participating organisations"),
    "dates": gettext_lazy("Dates"),
    "countries": gettext_lazy("Countries"),
    "regions": gettext_lazy("Regions"),
    "sectors": gettext_lazy("Sectors"),
    "policy_markers": gettext_lazy("Policy markers"),
    "locations": gettext_lazy("Locations"),
    "budgets": gettext_lazy("Budgets"),
    "transactions": gettext_lazy("Transactions"),
    "documents": gettext_lazy("Documents and links"),
    "related": gettext_lazy("Related projects"),
}

FIELD_ORDER = {field: n for n, field in enumerate(FIELD_LABELS)}


def _texts(narratives: dict) -> list[tuple[str, str]]:
    order = {lang: n for n, lang in enumerate(FALLBACK)}
    return sorted((narratives or {}).items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def _inline(narratives: dict) -> str:
    texts = _texts(narratives)
    if len(texts) == 1:
        return texts[0][1]
    return " · ".join(f"{lang or '—'}: {text}" for lang, text in texts)


def _percent(item: dict) -> str:
    return f" — {item['percentage']} %" if item.get("percentage") else ""


def _org(org: dict) -> str:
    parts = [label("OrganisationRole", org["role"]) + ":" if org.get("role") else "", _inline(org.get("name"))]
    if org.get("ref"):
        parts.append(f"[{org['ref']}]")
    if org.get("type"):
        parts.append(f"({label('OrganisationType', org['type'])})")
    return " ".join(p for p in parts if p)


def _coded(list_name: str, item: dict) -> str:
    vocabulary = item.get("vocabulary") or "1"
    if vocabulary == "1":
        return f"{item['code']} {label(list_name, item['code'])}"
    if list_name == "Sector" and vocabulary == "2":
        return f"{item['code']} {label('SectorCategory', item['code'])}"
    return _("vocabulary %(vocabulary)s: %(code)s") % {"vocabulary": vocabulary, "code": item["code"]}


def _money(item: dict) -> str:
    return f"{item.get('value') or '—'} {item.get('currency') or ''}".strip()


def _transaction(item: dict) -> str:
    text = f"{label('TransactionType', item.get('type') or '')} {item.get('date') or '—'}: {_money(item)}"
    parties = [item.get(side, {}).get("name") or item.get(side, {}).get("ref") for side in ("provider", "receiver")]
    if any(parties):
        text += f" ({parties[0] or '—'} → {parties[1] or '—'})"
    if item.get("description"):
        text += f" — {_inline(item['description'])}"
    return text


def _location(item: dict) -> str:
    text = _inline(item.get("name")) or "—"
    if item.get("lat") or item.get("lon"):
        text += f" ({item.get('lat')}, {item.get('lon')})"
    if item.get("admin_code"):
        text += f" [{item['admin_code']}]"
    return text


def _document(item: dict) -> str:
    categories = ", ".join(item.get("categories") or [])
    return f"{_inline(item.get('title')) or '—'} — {item.get('url')}" + (f" ({categories})" if categories else "")


LINES = {
    "title": lambda v: [f"{lang or '—'}: {text}" for lang, text in _texts(v)],
    "descriptions": lambda v: [
        f"{label('DescriptionType', d['type'])} · {lang or '—'}: {text}" for d in v for lang, text in _texts(d["text"])
    ],
    "reporting_org": lambda v: [_org(v)],
    "participating_orgs": lambda v: [_org(o) for o in v],
    "dates": lambda v: [f"{label('ActivityDateType', k)}: {day}" for k, day in sorted(v.items())],
    "countries": lambda v: [_coded("Country", c) + _percent(c) for c in v],
    "regions": lambda v: [_coded("Region", r) + _percent(r) for r in v],
    "sectors": lambda v: [_coded("Sector", s) + _percent(s) for s in v],
    "policy_markers": lambda v: [
        f"{_coded('PolicyMarker', m)}: {label('PolicySignificance', m.get('significance') or '') or '—'}" for m in v
    ],
    "locations": lambda v: [_location(item) for item in v],
    "budgets": lambda v: [f"{b.get('period_start') or '—'} – {b.get('period_end') or '—'}: {_money(b)}" for b in v],
    "transactions": lambda v: [_transaction(t) for t in v],
    "documents": lambda v: [_document(d) for d in v],
    "related": lambda v: [f"{label('RelatedActivityType', r.get('type') or '')}: {r.get('ref')}" for r in v],
    "status": lambda v: [f"{v} {label('ActivityStatus', v)}"],
}


def field_lines(field: str, value) -> list[str]:
    """A record's field as lines a person reads: codes with their names, amounts with their currencies."""
    if value in (None, "", [], {}):
        return []
    return LINES.get(field, lambda v: [str(v)])(value)


def record_diff(before: dict | None, after: dict, fields: list[str]) -> list[dict]:
    """The changed fields, each with its lines before and after, marked changed, added or removed."""
    sections = []
    for field in fields:
        old, new = field_lines(field, (before or {}).get(field)), field_lines(field, after.get(field))
        rows = []
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            olds, news = old[i1:i2], new[j1:j2]
            for n in range(max(len(olds), len(news))):
                was, now = (olds[n] if n < len(olds) else None), (news[n] if n < len(news) else None)
                state = "changed" if was is not None and now is not None else "removed" if now is None else "added"
                rows.append({"before": was or "", "after": now or "", "state": state})
        if rows:
            sections.append({"field": field, "label": FIELD_LABELS.get(field, field), "rows": rows})
    return sections


@login_required
def project_history(request, pk: int):
    _require(perms.can_view_project_history, request.user)
    project = get_object_or_404(Project.objects.only("pk", "identifier", "title"), pk=pk)
    revisions = project.revisions.select_related("by").order_by("-at", "-id")
    page = Paginator(revisions, HISTORY_PER_PAGE).get_page(request.GET.get("page"))
    entries = []
    for revision in page:
        fields = sorted(revision.changed, key=lambda f: (FIELD_ORDER.get(f, len(FIELD_ORDER)), f))
        if revision.source == Project.Source.MANUAL:
            # The form stamps every edit (so an older file does not undo it): no news to a reader.
            fields = [f for f in fields if f != "last_updated"]
        entries.append(
            {
                "revision": revision,
                "changed": [FIELD_LABELS.get(f, f) for f in fields] if revision.before is not None else [],
                "diff": record_diff(revision.before, revision.after, fields),
            }
        )
    return render(request, "projectdb/staff/history.html", {"project": project, "page": page, "entries": entries})


# --- Imports -----------------------------------------------------------------------


@login_required
def import_list(request):
    _require(perms.can_import_projects, request.user)
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                run = imports.import_enqueue(
                    actor=request.user, uploaded_file=form.cleaned_data["file"], kind=form.cleaned_data["kind"]
                )
            except Forbidden:
                raise PermissionDenied from None
            except Invalid as error:
                form.add_error("file", str(error.message))
            else:
                messages.success(request, _("The file is received; it is imported in the background."))
                return redirect("projectdb:import-detail", run.pk)
        status = 422
    else:
        form = ImportForm()
    runs = ImportRun.objects.select_related("by").defer("error")[:RECENT_RUNS]
    return render(request, "projectdb/staff/imports.html", {"form": form, "runs": runs}, status=status)


@login_required
def import_detail(request, pk: int):
    _require(perms.can_import_projects, request.user)
    run = get_object_or_404(ImportRun.objects.select_related("by"), pk=pk)
    outcome = request.GET.get("outcome", "")
    if outcome not in ImportItem.Outcome.values:
        outcome = ""
    items = ImportItem.objects.filter(run=run).order_by("position")
    if outcome:
        items = items.filter(outcome=outcome)
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "run": run,
        "page": page,
        "outcome": outcome,
        "outcomes": [(value, name, getattr(run, value)) for value, name in ImportItem.Outcome.choices],
        "running": run.status in (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING),
        "query": urlencode({"outcome": outcome}) if outcome else "",
    }
    # htmx's poll asks for the same address and swaps in the part below the heading.
    partial = request.headers.get("HX-Request") == "true"
    template = "projectdb/staff/_import_body.html" if partial else "projectdb/staff/import_detail.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def import_template(request, fmt: str):
    _require(perms.can_import_projects, request.user)
    if fmt not in TEMPLATE_FORMATS:
        raise Http404
    response = HttpResponse(tables.template(fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="projects-template.{fmt}"'
    return response
