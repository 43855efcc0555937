"""Pages of an application. Thin: check access, validate, call a service, render.

The forms save as people type (htmx posts the form a moment after the last
keystroke and gets back a small fragment: the save's status, the new version
and the checklist) and by a plain submit button that works without
JavaScript. A save refused for a conflict answers 409 with both versions.
"""

import zoneinfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecodialogue.core.errors import Conflict, ServiceError
from ecodialogue.core.findings import Severity
from ecodialogue.core.i18n import current_language
from ecodialogue.core.pdf import render_pdf
from ecodialogue.organizations.models import Organization

from . import applications as services
from . import permissions as perms
from .application_forms import (
    DocumentUploadForm,
    LeadForm,
    PilotForm,
    StartApplicationForm,
    pilot_initial,
    pilot_tables,
)
from .application_rules import LEAD_FIELDS, application_findings, checklist, pilot_months
from .application_selectors import (
    application_config,
    application_facts,
    application_page,
    applications_of_call,
    effective_deadline,
    pilot_facts,
    submission_by_receipt,
)
from .evaluation_selectors import feedback_for_applicant
from .models import Application, ApplicationDocument, Pilot, RequiredDocument, Submission
from .similar_eu import application_similar_eu
from .snapshot import canonical_json, submission_is_intact

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpeg": "image/jpeg",
}


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _subject_url(application: Application, subject: str) -> str:
    """Where a finding is fixed: the lead form, a pilot's form, the documents, the consortium."""
    base = application.get_absolute_url()
    if subject == "lead":
        return reverse("grants:application-lead", args=[application.pk])
    if subject.startswith("pilot:"):
        return reverse("grants:pilot-edit", args=[application.pk, int(subject.split(":", 1)[1])])
    if subject == "consortium":
        return application.consortium.get_absolute_url()
    if subject in ("documents", "pilots"):
        return f"{base}#{subject}"
    return base


def checklist_context(application: Application) -> dict:
    """The live checklist: each rule, whether it holds, and links to fix what does not."""
    config = application_config(application.call)
    findings = application_findings(application_facts(application), config, timezone.now())
    items = [
        {
            "label": item.label,
            "ok": item.ok,
            "code": item.code,
            "problems": [
                {"text": f.text, "url": _subject_url(application, f.subject), "warning": not f.is_error}
                for f in item.findings
            ],
        }
        for item in checklist(findings, config)
    ]
    return {
        "checklist": items,
        "checklist_ready": all(item["ok"] for item in items),
        "warnings": [f.text for f in findings if f.severity is Severity.WARNING and f.code == "consortium.pending"],
        "priorities": [f.text for f in findings if f.severity is Severity.INFO],
    }


def _posted_id(request, name: str) -> int:
    """An id from the posted form; anything that is not one is a 404, like an unknown id."""
    value = request.POST.get(name) or ""
    if not (value.isascii() and value.isdigit() and len(value) < 18):
        raise Http404
    return int(value)


def _get(request, pk: int, permission=None, *, visible=None) -> Application:
    if not request.user.is_authenticated:
        raise Http404
    return perms.get_application_for_user(request.user, pk, permission, visible=visible)


# --- Starting, the overview ---------------------------------------------------


@require_POST
@login_required
def application_start(request, pk: int):
    consortium = perms.get_consortium_for_user(request.user, pk)
    form = StartApplicationForm(request.POST, call=consortium.call)
    if not form.is_valid():
        messages.error(request, _("Choose the language of the application."))
        return redirect(consortium)
    try:
        application = services.application_start(
            consortium=consortium, actor=request.user, language=form.cleaned_data["language"]
        )
    except ServiceError as error:
        messages.error(request, str(error.message))
        return redirect(consortium)
    messages.success(request, _("The application is started. Fill the lead form; each member adds its pilot projects."))
    return redirect(application)


def _document_slots(application: Application, user, editable: bool) -> list[dict]:
    documents = application.all_documents
    members = [m for m in application.consortium.members.all() if m.status == "accepted"]
    slots = []
    for requirement in application.call.required_documents.all():
        owners = (
            [application.consortium.lead]
            if requirement.scope == RequiredDocument.Scope.CONSORTIUM
            else [m.organization for m in members]
        )
        for organization in owners:
            here = [d for d in documents if d.requirement_id == requirement.pk and d.organization_id == organization.pk]
            can_upload = editable and (
                perms.is_application_lead.test(user, application)
                if requirement.scope == RequiredDocument.Scope.CONSORTIUM
                else perms.can_edit_for_organization(user, application, organization.pk)
            )
            slots.append(
                {
                    "requirement": requirement,
                    "organization": organization,
                    "current": next((d for d in here if d.replaced_at is None), None),
                    "previous": [d for d in here if d.replaced_at is not None],
                    "can_upload": can_upload,
                    "accept": ",".join(f".{t}" for t in requirement.file_types or ["pdf"]),
                }
            )
    return slots


def _history(application: Application) -> list:
    """State changes, newest last; each submission carries the number of its receipt (1, 2, …)."""
    history = list(application.transitions.select_related("actor"))
    sequence = 0
    for step in history:
        if step.to_status == Application.Status.SUBMITTED:
            sequence += 1
            step.receipt = sequence
    return history


@login_required
def application_detail(request, pk: int):
    application = _get(request, pk)
    user = request.user
    now = timezone.now()
    editable = services.accepts_changes(application, now)
    members = [m for m in application.consortium.members.all() if m.status == "accepted"]
    pilots = list(application.pilots.all())
    for number, pilot in enumerate(pilots, start=1):
        pilot.months = pilot_months(pilot_facts(pilot, number))
    can_add_for = []
    if editable and len(pilots) < application.call.pilots_per_consortium:
        can_add_for = [
            m.organization for m in members if perms.can_edit_for_organization(user, application, m.organization_id)
        ]
    context = {
        "application": application,
        "call": application.call,
        "consortium": application.consortium,
        "members": members,
        "pilots": pilots,
        "editable": editable,
        "deadline": effective_deadline(application),
        "can_add_for": can_add_for,
        "can_submit": editable and perms.can_submit_application.test(user, application),
        "can_reopen": application.is_frozen and perms.can_reopen_application.test(user, application),
        "slots": _document_slots(application, user, editable),
        "history": _history(application),
        "pdf_members": [m.organization for m in members if any(p.organization_id == m.organization_id for p in pilots)],
        "feedback": feedback_for_applicant(application)
        if application.is_frozen and perms.is_application_participant.test(user, application)
        else None,
        # Staff screening a submitted application: each pilot's most similar EU-funded projects.
        "similar_eu": application_similar_eu(application)
        if application.is_frozen and perms.staffs_application_call.test(user, application)
        else None,
        **checklist_context(application),
    }
    return render(request, "grants/application_detail.html", context)


# --- The forms: lead form and pilot projects --------------------------------


def _typed_version(form_data, form) -> int | None:
    """The version the save was made from; "keep my version" after a conflict names the newer one."""
    forced = form_data.get("force_version") or ""
    if forced.isascii() and forced.isdigit() and len(forced) < 10:
        return int(forced)
    return form.cleaned_data.get("version") if hasattr(form, "cleaned_data") else None


def _lead_conflict_rows(error: Conflict, typed: dict) -> list[dict]:
    current = error.details["current"]
    rows = []
    for name in (*LEAD_FIELDS, "language"):
        theirs, yours = current.get(name) or "", (typed.get(name) or "").strip()
        if theirs != yours:
            label = Application._meta.get_field(name).verbose_name
            rows.append({"label": label, "theirs": theirs, "yours": yours})
    return rows


def _save_response(request, template: str, context: dict, status: int):
    """An autosave gets the status fragment; a plain submit the whole page (with what was typed)."""
    if _is_htmx(request):
        return render(request, "grants/_autosave_status.html", {**context, "oob": True}, status=status)
    return render(request, template, context, status=status)


@login_required
def lead_form(request, pk: int):
    application = _get(request, pk)
    editable = perms.can_edit_lead_form.test(request.user, application) and services.accepts_changes(
        application, timezone.now()
    )
    context = {
        "application": application,
        "call": application.call,
        "editable": editable,
        "kind": "lead",
        # Per person: on a shared computer one person's unsaved text never reaches another's form.
        "autosave_key": f"{request.user.pk}-lead-{application.pk}",
    }
    if request.method != "POST":
        form = LeadForm(
            initial={"version": application.version, "language": application.language}
            | {name: getattr(application, name) for name in LEAD_FIELDS},
            application=application,
        )
        if not editable:
            for field in form.fields.values():
                field.disabled = True
        return render(request, "grants/lead_form.html", {**context, "form": form, **checklist_context(application)})
    if not editable:
        raise PermissionDenied
    form = LeadForm(request.POST, application=application)
    status, conflict, problem = 200, None, None
    if form.is_valid():
        try:
            application = services.application_save_lead_form(
                application=application,
                actor=request.user,
                data=form.data_for_service(),
                version=_typed_version(request.POST, form),
            )
        except Conflict as error:
            # Saved meanwhile with exactly this text (an autosave that crossed a click on Save): nothing to resolve.
            status, conflict = (200, None) if not _lead_conflict_rows(error, request.POST) else (409, error)
        except ServiceError as error:
            status, problem = 422, str(error.message)
    else:
        status, problem = 422, _("The form has errors; correct the fields marked below.")
    if status == 200 and not _is_htmx(request):
        messages.success(request, _("Saved."))
        return redirect("grants:application-lead", pk=application.pk)
    application = application_page(application.pk)
    context |= {
        "application": application,
        "form": form,
        "problem": problem,
        "conflict": conflict,
        "conflict_rows": _lead_conflict_rows(conflict, request.POST) if conflict else [],
        "saved_at": timezone.now() if status == 200 else None,
        # After a conflict the form stays on the version it was typed on: a later save conflicts again,
        # until the person chooses "keep my version" (which names the current one).
        "version": application.version if conflict is None else _typed_version(request.POST, form),
        "current_version": application.version,
        **checklist_context(application),
    }
    return _save_response(request, "grants/lead_form.html", context, status)


def _get_pilot(application: Application, pilot_pk: int) -> Pilot:
    pilot = next((p for p in application.pilots.all() if p.pk == pilot_pk), None)
    if pilot is None:
        raise Http404
    return pilot


def _table_text(rows: list[dict], keys: tuple[str, ...]) -> str:
    return "\n".join(" · ".join(str(row.get(k) or "") for k in keys) for row in rows)


def _plain_rows(rows: list[dict]) -> list[dict]:
    """Parsed rows as the saved ones read: numbers as text with their two decimals, nothing as ""."""
    return [{key: "" if value is None else str(value) for key, value in row.items()} for row in rows]


def _pilot_conflict_rows(error: Conflict, typed_form: PilotForm, typed_tables: dict) -> list[dict]:
    current = error.details["current"]
    typed = {name: typed_form.data.get(name, "") for name in typed_form.fields}
    rows = []
    scalar = ("title", "problem", "goals", "expected_results", "target_groups", "participants", "women", "youth",
              "cooperation", "team", "risks", "sustainability", "settlement")  # fmt: skip
    for name in scalar:
        theirs, yours = "" if current.get(name) is None else str(current.get(name)), (typed.get(name) or "").strip()
        if theirs != yours:
            rows.append({"label": typed_form.fields[name].label, "theirs": theirs, "yours": yours})
    tables = (
        ("indicators", "ind", ("name", "unit", "target"), _("Indicators")),
        ("activities", "act", ("title", "start_month", "end_month"), _("Activities")),
        ("budget_lines", "line", ("category", "item", "unit", "quantity", "unit_cost"), _("Budget")),
    )
    for key, prefix, fields, label in tables:
        saved = _plain_rows(current[key])
        theirs, yours = _table_text(saved, fields), _table_text(_plain_rows(typed_tables.get(prefix, [])), fields)
        if theirs != yours:
            rows.append({"label": label, "theirs": theirs, "yours": yours})
    typed_themes = sorted(int(v) for v in typed_form.data.getlist("themes") if str(v).isascii() and str(v).isdigit())
    if typed_themes != current["themes"]:
        names = dict(typed_form.fields["themes"].queryset.values_list("pk", "name"))
        rows.append(
            {
                "label": typed_form.fields["themes"].label,
                "theirs": ", ".join(names.get(pk, "") for pk in current["themes"]),
                "yours": ", ".join(names.get(pk, "") for pk in typed_themes),
            }
        )
    typed_declaration = typed_form.data.get("eu_declaration") in ("on", "true", "1")
    if typed_declaration != current["eu_declaration"]:
        yes_no = {True: _("yes"), False: _("no")}
        rows.append(
            {
                "label": typed_form.fields["eu_declaration"].label,
                "theirs": yes_no[current["eu_declaration"]],
                "yours": yes_no[typed_declaration],
            }
        )
    return rows


@login_required
def pilot_edit(request, pk: int, pilot_pk: int):
    application = _get(request, pk)
    pilot = _get_pilot(application, pilot_pk)
    editable = perms.can_edit_pilot(request.user, pilot) and services.accepts_changes(application, timezone.now())
    number = next(n for n, p in enumerate(application.pilots.all(), start=1) if p.pk == pilot.pk)
    context = {
        "application": application,
        "call": application.call,
        "pilot": pilot,
        "number": number,
        "editable": editable,
        "kind": "pilot",
        "autosave_key": f"{request.user.pk}-pilot-{pilot.pk}",
        "categories": list(application.call.budget_categories.all()),
        "max_months": application.call.pilot_max_months,
    }
    if request.method != "POST":
        form = PilotForm(initial=pilot_initial(pilot))
        if not editable:
            for field in form.fields.values():
                field.disabled = True
        context |= {"form": form, "tables": pilot_tables(pilot), "months": pilot_months(pilot_facts(pilot, number))}
        return render(request, "grants/pilot_form.html", {**context, **checklist_context(application)})
    if not editable:
        raise PermissionDenied
    form = PilotForm(request.POST)
    status, conflict, problem, table_problems, tables = 200, None, None, [], {}
    valid = form.is_valid()  # field errors are shown; the valid rest is saved (a draft)
    data, tables, table_problems = form.pilot_data(request.POST)
    version = _typed_version(request.POST, form)
    if version is None:
        status, problem = 422, _("The form is incomplete; reload the page.")
    else:
        try:
            pilot = services.pilot_save(pilot=pilot, actor=request.user, data=data, version=version)
        except Conflict as error:
            parsed = {"ind": data.indicators, "act": data.activities, "line": data.budget_lines}
            same = not _pilot_conflict_rows(error, form, parsed)
            status, conflict = (200, None) if same else (409, error)
        except ServiceError as error:
            status, problem = 422, str(error.message)
    if status == 200 and (not valid or table_problems):
        status = 422
        problem = _("Saved, except the values marked below: correct them.")
    if status == 200 and not _is_htmx(request):
        messages.success(request, _("Saved."))
        return redirect("grants:pilot-edit", pk=application.pk, pilot_pk=pilot.pk)
    application = application_page(application.pk)
    pilot = _get_pilot(application, pilot.pk)
    context |= {
        "application": application,
        "pilot": pilot,
        "form": form,
        "tables": tables,
        "table_problems": table_problems,
        "problem": problem,
        "conflict": conflict,
        "conflict_rows": _pilot_conflict_rows(
            conflict, form, {"ind": data.indicators, "act": data.activities, "line": data.budget_lines}
        )
        if conflict
        else [],
        "saved_at": timezone.now() if status in (200, 422) and conflict is None and version is not None else None,
        "version": pilot.version if conflict is None else version,
        "current_version": pilot.version,
        "months": pilot_months(pilot_facts(pilot, number)),
        **checklist_context(application),
    }
    return _save_response(request, "grants/pilot_form.html", context, status)


@require_POST
@login_required
def pilot_add(request, pk: int):
    application = _get(request, pk)
    organization = get_object_or_404(Organization, pk=_posted_id(request, "organization"))
    try:
        pilot = services.pilot_add(application=application, organization=organization, actor=request.user)
    except ServiceError as error:
        messages.error(request, str(error.message))
        return redirect(application)
    return redirect("grants:pilot-edit", pk=application.pk, pilot_pk=pilot.pk)


@require_POST
@login_required
def pilot_remove(request, pk: int, pilot_pk: int):
    application = _get(request, pk)
    pilot = _get_pilot(application, pilot_pk)
    try:
        services.pilot_remove(pilot=pilot, actor=request.user)
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The pilot project is removed."))
    return redirect(f"{application.get_absolute_url()}#pilots")


# --- Documents ---------------------------------------------------------------


@require_POST
@login_required
def document_upload(request, pk: int):
    application = _get(request, pk)
    requirement = get_object_or_404(RequiredDocument, pk=_posted_id(request, "requirement"), call=application.call)
    organization = get_object_or_404(Organization, pk=_posted_id(request, "organization"))
    form = DocumentUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
    else:
        try:
            services.document_upload(
                application=application,
                requirement=requirement,
                organization=organization,
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except ServiceError as error:
            messages.error(
                request,
                _("%(document)s (%(name)s): %(problem)s")
                % {"document": requirement.name, "name": organization.name, "problem": error.message},
            )
        else:
            messages.success(request, _("The document is uploaded."))
    return redirect(f"{application.get_absolute_url()}#documents")


@login_required
def document_download(request, pk: int, document_pk: int):
    application = _get(request, pk, visible=perms.can_read_application_documents)
    document = get_object_or_404(ApplicationDocument, pk=document_pk, application=application)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=request.GET.get("inline") != "1" or document.file_type not in ("pdf", "png", "jpeg"),
        filename=document.original_name,
        content_type=CONTENT_TYPES.get(document.file_type, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def document_restore(request, pk: int, document_pk: int):
    application = _get(request, pk)
    document = get_object_or_404(ApplicationDocument, pk=document_pk, application=application)
    try:
        services.document_restore(document=document, actor=request.user)
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The earlier file is current again."))
    return redirect(f"{application.get_absolute_url()}#documents")


# --- Submission, receipts, re-opening -----------------------------------------


@require_POST
@login_required
def application_submit(request, pk: int):
    application = _get(request, pk, perms.can_submit_application)
    try:
        submission = services.application_submit(application=application, actor=request.user)
    except ServiceError as error:
        messages.error(request, str(error.message))
        return redirect(application)
    messages.success(request, _("The application is submitted. The receipt is sent to every member by e-mail."))
    return redirect("grants:application-receipt", pk=application.pk, sequence=submission.sequence)


@login_required
def application_receipt(request, pk: int, sequence: int):
    application = _get(request, pk)
    submission = get_object_or_404(Submission, application=application, sequence=sequence)
    if request.GET.get("format") == "json":
        # The canonical bytes themselves: their SHA-256 is the receipt's hash.
        response = HttpResponse(canonical_json(submission.snapshot), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{submission.number}-{submission.sequence}.json"'
        return response
    requirements = {r.code: r.name for r in application.call.required_documents.all()}
    language = current_language()
    members = {
        m["id"]: m.get(f"name_{language}") or m.get("name_kk") or m.get("name_ru") or ""
        for m in submission.snapshot.get("consortium", {}).get("members", [])
    }
    documents = [
        {**d, "requirement_name": requirements.get(d["requirement"], d["requirement"]),
         "organization_name": members.get(d["organization_id"], "")}
        for d in submission.snapshot.get("documents", [])
    ]  # fmt: skip
    context = {"application": application, "call": application.call, "submission": submission, "documents": documents}
    return render(request, "grants/application_receipt.html", context)


class ReceiptVerifyForm(forms.Form):
    number = forms.CharField(label=_("Application number"), max_length=64)
    sha256 = forms.CharField(label=_("SHA-256 of the application"), min_length=64, max_length=64)
    document = forms.CharField(
        label=_("SHA-256 of a document (optional)"), min_length=64, max_length=64, required=False
    )


def receipt_verify(request):
    """Public: anyone holding a receipt checks it; only the facts of the receipt are shown."""
    form = ReceiptVerifyForm(request.GET or None)
    result = None
    if form.is_valid():
        submission = submission_by_receipt(form.cleaned_data["number"], form.cleaned_data["sha256"])
        if submission is None:
            result = {"state": "unknown"}
        elif not submission_is_intact(submission):
            result = {"state": "altered", "submission": submission}
        else:
            document = (form.cleaned_data.get("document") or "").strip().lower()
            names = [
                d["name"] for d in submission.snapshot.get("documents", []) if document and d["sha256"] == document
            ]
            result = {
                "state": "valid",
                "submission": submission,
                "document_checked": bool(document),
                "document_names": names,
            }
    return render(request, "grants/receipt_verify.html", {"form": form, "result": result})


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    until = forms.DateTimeField(
        label=_("Open for changes until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Needed after the call's deadline; in the call's time zone."),
    )


@require_POST
@login_required
def application_reopen(request, pk: int):
    application = _get(request, pk, perms.can_reopen_application)
    zone = zoneinfo.ZoneInfo(application.call.time_zone)
    with timezone.override(zone):
        form = ReopenForm(request.POST)
        valid = form.is_valid()
    if not valid:
        messages.error(request, _("Write the reason for re-opening the application."))
        return redirect(application)
    try:
        services.application_reopen(
            application=application,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            until=form.cleaned_data.get("until"),
        )
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The application is re-opened; the lead NGO is told by e-mail."))
    return redirect(application)


# --- PDFs for signing --------------------------------------------------------


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def pdf_context(application: Application) -> dict:
    pilots = list(application.pilots.all())
    for number, pilot in enumerate(pilots, start=1):
        pilot.number = number
        pilot.months = pilot_months(pilot_facts(pilot, number))
    members = [m for m in application.consortium.members.all() if m.status == "accepted"]
    categories = []
    for category in application.call.budget_categories.all():
        amount = sum(
            (line.total for p in pilots for line in p.budget_lines.all() if line.category_id == category.pk), 0
        )
        categories.append({"category": category, "amount": amount})
    return {
        "application": application,
        "call": application.call,
        "consortium": application.consortium,
        "members": members,
        "pilots": pilots,
        "categories": categories,
        "total": sum((p.budget_total for p in pilots), 0),
        "generated_at": timezone.now(),
    }


@login_required
def application_pdf(request, pk: int, part: str = "full", organization_pk: int | None = None):
    application = _get(request, pk)
    context = pdf_context(application)
    if part == "member":
        context["pilots"] = [p for p in context["pilots"] if p.organization_id == organization_pk]
        member = next((m for m in context["members"] if m.organization_id == organization_pk), None)
        if member is None:
            raise Http404
        context["member"] = member.organization
    template = {"full": "grants/pdf/application.html", "lead": "grants/pdf/lead_form.html",
                "member": "grants/pdf/member_form.html"}[part]  # fmt: skip
    content = render_pdf(template, context, language=application.language)
    return _pdf_response(content, f"application-{application.number or application.pk}-{part}.pdf")


@login_required
def memorandum_pdf(request, pk: int):
    consortium = perms.get_consortium_for_user(request.user, pk)
    application = Application.objects.filter(consortium=consortium).first()
    language = application.language if application else (consortium.call.application_languages or ["kk"])[0]
    context = {
        "consortium": consortium,
        "call": consortium.call,
        "members": [m for m in consortium.members.all() if m.status == "accepted"],
        "generated_at": timezone.now(),
    }
    return _pdf_response(render_pdf("grants/pdf/memorandum.html", context, language=language), "memorandum.pdf")


# --- Staff: the applications of a call --------------------------------------


@login_required
def call_applications(request, code: str):
    call = perms.get_call_for_user(request.user, code, perms.can_manage_call)
    page = Paginator(applications_of_call(call), 50).get_page(request.GET.get("page"))
    return render(request, "grants/call_applications.html", {"call": call, "page": page})
