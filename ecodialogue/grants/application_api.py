"""Applications through the API: the pages' journey (grants/application_views.py) for programs.

Same services, same permissions: an outsider gets 404 for an application
(they are not public), 403 where a rule says no, and the services check
again. Refusals are structured: a save made from an older version answers
409 `application.version` with the saved values in `details`; a submission
that does not meet every rule answers 422 `application.incomplete` with the
failing findings. Receipts are verified publicly without any personal data.
"""

from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status, UploadedFile

from ecodialogue.core.errors import Invalid
from ecodialogue.core.findings import Severity, errors
from ecodialogue.organizations.models import Organization

from . import applications as services
from . import permissions as perms
from .application_api_schemas import (
    ApplicationOut,
    ChecklistOut,
    DocumentOut,
    DocumentUploadIn,
    LeadFormIn,
    PilotAddIn,
    PilotIn,
    PilotOut,
    ReceiptOut,
    ReopenIn,
    StartIn,
    VerifyOut,
    VerifyQuery,
)
from .application_rules import LEAD_FIELDS, application_findings, checklist, pilot_months
from .application_selectors import (
    application_config,
    application_facts,
    application_page,
    effective_deadline,
    pilot_facts,
    submission_by_receipt,
)
from .application_views import CONTENT_TYPES
from .models import Application, ApplicationDocument, ConsortiumMember, Pilot, Submission
from .snapshot import canonical_json, submission_is_intact

router = Router(tags=["applications"])


def _auth():
    from ecodialogue.api import AUTH

    return AUTH


def _get(request, application_id: int, permission=None, *, visible=None) -> Application:
    """The application as the page loads it: 404 for outsiders, 403 when the rule says no."""
    return perms.get_application_for_user(request.user, application_id, permission, visible=visible)


# --- What comes out ------------------------------------------------------------


def _document(document: ApplicationDocument) -> dict:
    return {
        "id": document.pk,
        "requirement": document.requirement.code,
        "organization_id": document.organization_id,
        "name": document.original_name,
        "size": document.size,
        "file_type": document.file_type,
        "sha256": document.sha256,
        "uploaded_at": document.uploaded_at,
    }


def _application(application: Application, user) -> dict:
    """An application loaded by application_page."""
    editable = services.accepts_changes(application, timezone.now())
    pilots = list(application.pilots.all())
    return {
        "id": application.pk,
        "call": application.call.code,
        "consortium_id": application.consortium_id,
        "status": application.status,
        "number": application.number,
        "language": application.language,
        **{name: getattr(application, name) for name in LEAD_FIELDS},
        "version": application.version,
        "currency": application.call.currency,
        "total_amount": sum((p.budget_total for p in pilots), Decimal("0.00")),
        "members": [
            {"organization_id": m.organization_id, "name": m.organization.name, "is_lead": m.is_lead}
            for m in application.consortium.members.all()
            if m.status == ConsortiumMember.Status.ACCEPTED
        ],
        "pilots": [
            {
                "id": p.pk,
                "organization_id": p.organization_id,
                "title": p.title,
                "settlement": p.settlement_id,
                "budget_total": p.budget_total,
                "version": p.version,
            }
            for p in pilots
        ],
        "documents": [_document(d) for d in application.current_documents],
        "submissions": [
            {"sequence": s.sequence, "number": s.number, "submitted_at": s.submitted_at, "sha256": s.sha256}
            for s in application.submissions.order_by("sequence")
        ],
        "deadline": effective_deadline(application),
        "submitted_at": application.submitted_at,
        "editable": editable,
        "can_submit": editable and perms.can_submit_application.test(user, application),
        "can_reopen": application.is_frozen and perms.can_reopen_application.test(user, application),
        "url": application.get_absolute_url(),
    }


def _find_pilot(application: Application, pilot_id: int) -> tuple[Pilot, int]:
    """A pilot project of this application (from the loaded page) and its number as people see it."""
    for number, pilot in enumerate(application.pilots.all(), start=1):
        if pilot.pk == pilot_id:
            return pilot, number
    raise Http404


def _pilot(pilot: Pilot, number: int) -> dict:
    return {
        "id": pilot.pk,
        "application_id": pilot.application_id,
        "organization_id": pilot.organization_id,
        "organization_name": pilot.organization.name,
        "number": number,
        **{name: getattr(pilot, name) for name in services.PILOT_FIELDS},
        "settlement": pilot.settlement_id,
        "themes": sorted(t.pk for t in pilot.themes.all()),
        "indicators": [{"name": i.name, "unit": i.unit, "target": i.target} for i in pilot.indicators.all()],
        "activities": [
            {"title": a.title, "start_month": a.start_month, "end_month": a.end_month} for a in pilot.activities.all()
        ],
        "budget_lines": [
            {
                "category": line.category.code if line.category_id else None,
                "item": line.item,
                "unit": line.unit,
                "quantity": line.quantity,
                "unit_cost": line.unit_cost,
                "total": line.total,
            }
            for line in pilot.budget_lines.all()
        ],
        "budget_total": pilot.budget_total,
        "months": pilot_months(pilot_facts(pilot, number)),
        "version": pilot.version,
        "url": pilot.get_absolute_url(),
    }


def _reloaded_pilot(application_id: int, pilot_id: int) -> dict:
    return _pilot(*_find_pilot(application_page(application_id), pilot_id))


def _finding(finding) -> dict:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.text,
        "subject": finding.subject,
    }


def _verify_url(submission: Submission) -> str:
    query = urlencode({"number": submission.number, "sha256": submission.sha256})
    return f"{settings.SITE_URL}{reverse('grants:receipt-verify')}?{query}"


def _receipt(submission: Submission) -> dict:
    return {
        "application_id": submission.application_id,
        "number": submission.number,
        "sequence": submission.sequence,
        "submitted_at": submission.submitted_at,
        "sha256": submission.sha256,
        "documents": [{"name": d["name"], "sha256": d["sha256"]} for d in submission.snapshot.get("documents", [])],
        "verify_url": _verify_url(submission),
    }


# --- Starting, reading, the lead form ------------------------------------------


@router.post(
    "/consortia/{consortium_id}/application",
    response={201: ApplicationOut},
    auth=_auth(),
    summary="Start the consortium's application (the lead NGO)",
)
def application_start(request, consortium_id: int, payload: StartIn):
    consortium = perms.get_consortium_for_user(request.user, consortium_id)
    application = services.application_start(consortium=consortium, actor=request.user, language=payload.language)
    return Status(201, _application(application_page(application.pk), request.user))


@router.get(
    "/applications/{application_id}",
    response=ApplicationOut,
    auth=_auth(),
    summary="An application: the lead form, pilot projects, current documents, submissions",
)
def application_detail(request, application_id: int):
    return _application(_get(request, application_id), request.user)


@router.put(
    "/applications/{application_id}/lead-form",
    response=ApplicationOut,
    auth=_auth(),
    summary="Save the lead form (Annex 2); 409 application.version if it was saved meanwhile",
)
def lead_form_save(request, application_id: int, payload: LeadFormIn):
    application = _get(request, application_id, perms.can_edit_lead_form)
    data = payload.model_dump(exclude={"version"}, exclude_none=True)
    services.application_save_lead_form(application=application, actor=request.user, data=data, version=payload.version)
    return _application(application_page(application.pk), request.user)


@router.get(
    "/applications/{application_id}/checklist",
    response=ChecklistOut,
    auth=_auth(),
    summary="The call's rules, whether each holds and why not; the call's priorities",
)
def application_checklist(request, application_id: int):
    application = _get(request, application_id)
    config = application_config(application.call)
    findings = application_findings(application_facts(application), config, timezone.now())
    items = [
        {"code": item.code, "label": item.label, "ok": item.ok, "findings": [_finding(f) for f in item.findings]}
        for item in checklist(findings, config)
    ]
    return {
        "ready": all(item["ok"] for item in items) and not errors(findings),
        "items": items,
        "priorities": [_finding(f) for f in findings if f.severity is Severity.INFO],
    }


# --- Pilot projects --------------------------------------------------------------


@router.post(
    "/applications/{application_id}/pilots",
    response={201: PilotOut},
    auth=_auth(),
    summary="Add a pilot project implemented by a member",
)
def pilot_add(request, application_id: int, payload: PilotAddIn):
    application = _get(request, application_id)
    organization = get_object_or_404(Organization, pk=payload.organization_id)
    pilot = services.pilot_add(application=application, organization=organization, actor=request.user)
    return Status(201, _reloaded_pilot(application.pk, pilot.pk))


@router.get(
    "/applications/{application_id}/pilots/{pilot_id}",
    response=PilotOut,
    auth=_auth(),
    summary="A pilot project's form (Annex 3) with its indicators, activities and budget",
)
def pilot_detail(request, application_id: int, pilot_id: int):
    return _pilot(*_find_pilot(_get(request, application_id), pilot_id))


@router.put(
    "/applications/{application_id}/pilots/{pilot_id}",
    response=PilotOut,
    auth=_auth(),
    summary="Save a pilot project's whole form; 409 application.version if it was saved meanwhile",
)
def pilot_save(request, application_id: int, pilot_id: int, payload: PilotIn):
    application = _get(request, application_id)
    pilot, _number = _find_pilot(application, pilot_id)
    if not perms.can_edit_pilot(request.user, pilot):
        raise PermissionDenied
    values = payload.model_dump()
    data = services.PilotData(
        **{name: values[name] for name in services.PILOT_FIELDS},
        settlement=values["settlement"] or None,
        themes=values["themes"],
        indicators=values["indicators"],
        activities=values["activities"],
        budget_lines=values["budget_lines"],
    )
    services.pilot_save(pilot=pilot, actor=request.user, data=data, version=payload.version)
    return _reloaded_pilot(application.pk, pilot.pk)


@router.delete(
    "/applications/{application_id}/pilots/{pilot_id}",
    response={204: None},
    auth=_auth(),
    summary="Remove a pilot project",
)
def pilot_remove(request, application_id: int, pilot_id: int):
    application = _get(request, application_id)
    pilot, _number = _find_pilot(application, pilot_id)
    # As on the page, the service decides: the lead NGO may remove a former member's pilot project.
    services.pilot_remove(pilot=pilot, actor=request.user)
    return Status(204, None)


# --- Documents -------------------------------------------------------------------


@router.post(
    "/applications/{application_id}/documents",
    response={201: DocumentOut},
    auth=_auth(),
    summary="Upload a document (multipart); the file it replaces is kept until submission",
)
def document_upload(request, application_id: int, payload: Form[DocumentUploadIn], file: File[UploadedFile]):
    application = _get(request, application_id)
    requirement = next((d for d in application.call.required_documents.all() if d.code == payload.requirement), None)
    if requirement is None:
        raise Invalid("documents.slot", _("This document is not one the call asks for."))
    organization = get_object_or_404(Organization, pk=payload.organization_id)
    document = services.document_upload(
        application=application, requirement=requirement, organization=organization, upload=file, actor=request.user
    )
    return Status(201, _document(document))


@router.get(
    "/applications/{application_id}/documents/{document_id}",
    auth=_auth(),
    summary="Download a document as uploaded",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file",
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def document_download(request, application_id: int, document_id: int):
    application = _get(request, application_id, visible=perms.can_read_application_documents)
    document = get_object_or_404(ApplicationDocument, pk=document_id, application=application)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=CONTENT_TYPES.get(document.file_type, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Submission, receipts, re-opening --------------------------------------------


@router.post(
    "/applications/{application_id}/submit",
    response={201: ReceiptOut},
    auth=_auth(),
    summary="Submit (a head of the lead NGO); 422 application.incomplete with the failing findings",
)
def application_submit(request, application_id: int):
    application = _get(request, application_id, perms.can_submit_application)
    submission = services.application_submit(application=application, actor=request.user)
    return Status(201, _receipt(submission))


def _submission(request, application_id: int, sequence: int) -> Submission:
    application = _get(request, application_id)
    return get_object_or_404(Submission, application=application, sequence=sequence)


@router.get(
    "/applications/{application_id}/receipts/{sequence}",
    response=ReceiptOut,
    auth=_auth(),
    summary="The receipt of a submission",
)
def receipt_detail(request, application_id: int, sequence: int):
    return _receipt(_submission(request, application_id, sequence))


@router.get(
    "/applications/{application_id}/receipts/{sequence}/snapshot",
    auth=_auth(),
    summary="The submitted data: canonical JSON bytes whose SHA-256 is the receipt's hash",
    openapi_extra={
        "responses": {
            200: {"description": "The snapshot", "content": {"application/json": {"schema": {"type": "object"}}}}
        }
    },
)
def receipt_snapshot(request, application_id: int, sequence: int):
    submission = _submission(request, application_id, sequence)
    response = HttpResponse(canonical_json(submission.snapshot), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{submission.number}-{submission.sequence}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@router.post(
    "/applications/{application_id}/reopen",
    response=ApplicationOut,
    auth=_auth(),
    summary="Re-open a submitted application for changes (the call's staff)",
)
def application_reopen(request, application_id: int, payload: ReopenIn):
    application = _get(request, application_id, perms.can_reopen_application)
    # A moment without a zone is read in the call's time zone by the service.
    services.application_reopen(application=application, actor=request.user, reason=payload.reason, until=payload.until)
    return _application(application_page(application.pk), request.user)


@router.get(
    "/receipts/verify",
    response=VerifyOut,
    auth=None,
    summary="Check a receipt (public): is this application, with this hash, the one submitted?",
)
def receipt_verify(request, query: Query[VerifyQuery]):
    result = {"state": "unknown", "number": None, "call": None, "call_title": None, "lead": None}
    result |= {"submitted_at": None, "document_found": None}
    submission = submission_by_receipt(query.number, query.sha256)
    if submission is None:
        return result
    call = submission.application.call
    result |= {
        "number": submission.number,
        "call": call.code,
        "call_title": call.title,
        "lead": submission.application.consortium.lead.name,
        "submitted_at": submission.submitted_at,
    }
    if not submission_is_intact(submission):
        return result | {"state": "altered"}
    if query.document:
        wanted = query.document.lower()
        result["document_found"] = any(d.get("sha256") == wanted for d in submission.snapshot.get("documents", []))
    return result | {"state": "valid"}
