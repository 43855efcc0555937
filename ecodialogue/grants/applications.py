"""Every write to applications goes through here: start, save forms, pilots, documents, submit, re-open.

Drafts are saved often (every few seconds while people type), so a save is
cheap and never silent about a conflict: it names the version it was made
from, and a save made from an older version is refused with both versions.
A submitted application is frozen: every write here refuses it, and its
snapshot (grants/snapshot.py) is stored with the receipt's hash.
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.emails import queue_email, recipient_language
from ecodialogue.core.errors import Conflict, Forbidden, Invalid
from ecodialogue.core.files import check_document, sha256_of
from ecodialogue.core.findings import errors
from ecodialogue.core.services import activity_record
from ecodialogue.organizations.models import Membership, Organization, Settlement, Theme
from ecodialogue.organizations.selectors import heads_of

from .application_rules import LEAD_FIELDS, application_findings
from .application_selectors import (
    accepted_file_types,
    application_config,
    application_facts,
    application_page,
    effective_deadline,
)
from .models import (
    Activity,
    Application,
    ApplicationDocument,
    ApplicationTransition,
    BudgetCategory,
    BudgetLine,
    Call,
    Consortium,
    ConsortiumMember,
    Indicator,
    Pilot,
    RequiredDocument,
    Submission,
)
from .permissions import is_call_staff
from .snapshot import application_snapshot, snapshot_hash

# Far beyond any grant, and what the amount columns hold with room for a consortium's sum.
MAX_AMOUNT = Decimal("1000000000")

PILOT_FIELDS = (
    "title",
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


@dataclass
class PilotData:
    """A pilot project's form as parsed by a page or the API; numbers that did not parse are None."""

    title: str = ""
    settlement: str | None = None  # KATO code
    problem: str = ""
    goals: str = ""
    expected_results: str = ""
    target_groups: str = ""
    participants: int | None = None
    women: int | None = None
    youth: int | None = None
    cooperation: str = ""
    team: str = ""
    risks: str = ""
    sustainability: str = ""
    eu_declaration: bool = False
    themes: list[int] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)  # {name, unit, target}
    activities: list[dict] = field(default_factory=list)  # {title, start_month, end_month}
    budget_lines: list[dict] = field(default_factory=list)  # {category (code), item, unit, quantity, unit_cost}


# --- Checks shared by the writes --------------------------------------------


def _is_person_of(user, organization_id: int) -> bool:
    """Fresh from the database: services do not trust a page's cached answer."""
    return (
        bool(user and user.is_authenticated)
        and Membership.objects.filter(user=user, organization_id=organization_id).exists()
    )


def _accepted(consortium: Consortium) -> set[int]:
    return set(
        consortium.members.filter(status=ConsortiumMember.Status.ACCEPTED).values_list("organization_id", flat=True)
    )


def _lock(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",)).select_related("call", "consortium").get(pk=application.pk)
    )


def accepts_changes(application: Application, now: datetime.datetime) -> bool:
    """A draft, while the call accepts applications (or until the moment staff re-opened it for)."""
    if application.status != Application.Status.DRAFT:
        return False
    deadline = effective_deadline(application)
    accepting = application.call.status == Call.Status.OPEN or application.reopened_until is not None
    return accepting and (deadline is None or now <= deadline)


def _require_changeable(application: Application, now: datetime.datetime) -> None:
    if application.status != Application.Status.DRAFT:
        raise Conflict("application.frozen", _("The application is submitted and can no longer change."))
    if not accepts_changes(application, now):
        raise Invalid("call.not_open", _("The call is not accepting applications."))


def _conflict(kind: str, current: dict, by, at) -> Conflict:
    return Conflict(
        "application.version",
        _("Someone else saved this form in the meantime. Nothing was overwritten: compare both versions."),
        details={
            "form": kind,
            "current": current,
            "saved_by": (getattr(by, "full_name", "") or getattr(by, "email", "")) if by else "",
            "saved_at": at.isoformat() if at else None,
        },
    )


def _refresh_summary(application: Application) -> None:
    """Keep the staff list's figures (checklist errors, requested amount) in step with the forms."""
    loaded = application_page(application.pk)
    findings = application_findings(application_facts(loaded), application_config(loaded.call))
    total = min(sum((p.budget_total for p in loaded.pilots.all()), Decimal("0")), Decimal("999999999999.99"))
    Application.objects.filter(pk=application.pk).update(
        checklist_errors=min(len(errors(findings)), 32767), total_amount=total
    )


# --- Starting and the lead form ---------------------------------------------


@transaction.atomic
def application_start(
    *, consortium: Consortium, actor, language: str, now: datetime.datetime | None = None
) -> Application:
    """The lead NGO opens the consortium's one application, in one of the call's languages."""
    now = now or timezone.now()
    consortium = Consortium.objects.select_for_update(of=("self",)).select_related("call").get(pk=consortium.pk)
    call = consortium.call
    if not _is_person_of(actor, consortium.lead_id):
        raise Forbidden("permission.denied", _("Only the people of the lead NGO may start the application."))
    if call.status != Call.Status.OPEN or (call.deadline is not None and now > call.deadline):
        raise Invalid("call.not_open", _("The call is not accepting applications."))
    if language not in (call.application_languages or ()):
        raise Invalid(
            "application.language",
            _("Applications to this call are written in: %(languages)s.")
            % {"languages": ", ".join(call.application_languages or ())},
        )
    if Application.objects.filter(consortium=consortium).exists():
        raise Conflict("application.exists", _("The consortium already has its application."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                consortium=consortium, call=call, language=language, created_by=actor, updated_by=actor
            )
    except IntegrityError as exc:  # a second start raced this one
        raise Conflict("application.exists", _("The consortium already has its application.")) from exc
    activity_record(actor=actor, verb="application.started", obj=application, details={"language": language})
    _refresh_summary(application)
    return application


@transaction.atomic
def application_save_lead_form(
    *, application: Application, actor, data: dict, version: int, now: datetime.datetime | None = None
) -> Application:
    """Save the lead form (Annex 2) and the application's language; refused if saved meanwhile by someone else."""
    now = now or timezone.now()
    application = _lock(application)
    _require_changeable(application, now)
    if not _is_person_of(actor, application.consortium.lead_id):
        raise Forbidden("permission.denied", _("Only the people of the lead NGO fill the lead form."))
    if version != application.version:
        current = {name: getattr(application, name) for name in (*LEAD_FIELDS, "language")}
        raise _conflict("lead", current, application.updated_by, application.updated_at)
    language = data.get("language") or application.language
    if language not in (application.call.application_languages or ()):
        raise Invalid(
            "application.language",
            _("Applications to this call are written in: %(languages)s.")
            % {"languages": ", ".join(application.call.application_languages or ())},
        )
    for name in LEAD_FIELDS:
        if name in data:
            setattr(application, name, (data[name] or "").strip())
    application.language = language
    application.version += 1
    application.updated_by = actor
    application.save()
    _refresh_summary(application)
    return application


# --- Pilot projects ----------------------------------------------------------


@transaction.atomic
def pilot_add(*, application: Application, organization: Organization, actor, now=None) -> Pilot:
    """A member adds one of its pilot projects, up to the call's number for the consortium."""
    now = now or timezone.now()
    application = _lock(application)
    _require_changeable(application, now)
    if organization.pk not in _accepted(application.consortium):
        raise Invalid("pilot.implementer", _("Only members of the consortium implement pilot projects."))
    if not (_is_person_of(actor, organization.pk) or _is_person_of(actor, application.consortium.lead_id)):
        raise Forbidden("permission.denied", _("Only the people of %(name)s may do this.") % {"name": organization})
    count = application.pilots.count()
    if count >= application.call.pilots_per_consortium:
        raise Invalid(
            "pilot.count",
            _("The consortium already has its %(count)d pilot projects.") % {"count": count},
        )
    last = application.pilots.order_by("-position").values_list("position", flat=True).first()
    pilot = Pilot.objects.create(
        application=application,
        organization=organization,
        position=0 if last is None else last + 1,
        updated_by=actor,
    )
    activity_record(actor=actor, verb="application.pilot_added", obj=application, details={"pilot": pilot.pk})
    _refresh_summary(application)
    return pilot


def _lock_pilot(pilot: Pilot, actor, now, *, removing: bool = False) -> tuple[Pilot, Application]:
    application = _lock(pilot.application)
    _require_changeable(application, now)
    pilot = Pilot.objects.select_for_update(of=("self",)).get(pk=pilot.pk, application=application)
    if not (_is_person_of(actor, pilot.organization_id) or _is_person_of(actor, application.consortium.lead_id)):
        raise Forbidden("permission.denied", _("Only the people of the implementing NGO fill this form."))
    if not removing and pilot.organization_id not in _accepted(application.consortium):
        # Its NGO left the consortium: the pilot can only be removed (or its NGO come back).
        raise Invalid("pilot.implementer", _("The NGO of this pilot project is no longer in the consortium."))
    return pilot, application


def pilot_current(pilot: Pilot) -> dict:
    """The saved form as plain data: what a conflicting save is shown beside its own."""
    return {
        **{name: getattr(pilot, name) for name in PILOT_FIELDS},
        "settlement": pilot.settlement_id,
        "themes": sorted(pilot.themes.values_list("pk", flat=True)),
        "indicators": [
            {"name": i.name, "unit": i.unit, "target": None if i.target is None else str(i.target)}
            for i in pilot.indicators.all()
        ],
        "activities": [
            {"title": a.title, "start_month": a.start_month, "end_month": a.end_month} for a in pilot.activities.all()
        ],
        "budget_lines": [
            {
                "category": line.category.code if line.category_id else None,
                "item": line.item,
                "unit": line.unit,
                "quantity": None if line.quantity is None else str(line.quantity),
                "unit_cost": None if line.unit_cost is None else str(line.unit_cost),
            }
            for line in pilot.budget_lines.select_related("category")
        ],
    }


def _text(value, limit: int) -> str:
    return (value or "").strip()[:limit]


@transaction.atomic
def pilot_save(*, pilot: Pilot, actor, data: PilotData, version: int, now: datetime.datetime | None = None) -> Pilot:
    """Save a pilot project's form with its indicators, activities and budget lines as typed.

    Incomplete values are kept (a draft may be half-filled); the checklist
    says what is missing. Lines are replaced as a whole: the form always
    sends all of them, in order.
    """
    now = now or timezone.now()
    pilot, application = _lock_pilot(pilot, actor, now)
    if version != pilot.version:
        raise _conflict("pilot", pilot_current(pilot), pilot.updated_by, pilot.updated_at)
    for name in PILOT_FIELDS:
        value = getattr(data, name)
        if isinstance(value, str):
            value = _text(value, 300) if name == "title" else value.strip()
        setattr(pilot, name, value)
    settlement = None
    if data.settlement:
        settlement = Settlement.objects.filter(code=data.settlement).first()
        if settlement is None:
            raise Invalid(
                "settlement.unknown",
                _("There is no settlement with the KATO code %(code)s.") % {"code": data.settlement},
            )
    pilot.settlement = settlement
    categories = {c.code: c for c in BudgetCategory.objects.filter(call=application.call)}
    unknown = {line.get("category") for line in data.budget_lines} - set(categories) - {None, ""}
    if unknown:
        raise Invalid("budget.lines", _("A budget line's category is not one of the call's."))
    pilot.indicators.all().delete()
    pilot.activities.all().delete()
    pilot.budget_lines.all().delete()
    Indicator.objects.bulk_create(
        Indicator(pilot=pilot, position=i, name=_text(row.get("name"), 300), unit=_text(row.get("unit"), 64),
                  target=row.get("target"))
        for i, row in enumerate(data.indicators)
    )  # fmt: skip
    Activity.objects.bulk_create(
        Activity(pilot=pilot, position=i, title=_text(row.get("title"), 300), start_month=row.get("start_month"),
                 end_month=row.get("end_month"))
        for i, row in enumerate(data.activities)
    )  # fmt: skip
    lines = [
        BudgetLine(
            pilot=pilot, position=i, category=categories.get(row.get("category") or ""),
            item=_text(row.get("item"), 300), unit=_text(row.get("unit"), 64), quantity=row.get("quantity"),
            unit_cost=row.get("unit_cost"),
        )
        for i, row in enumerate(data.budget_lines)
    ]  # fmt: skip
    if any(line.total >= MAX_AMOUNT for line in lines) or sum(line.total for line in lines) >= MAX_AMOUNT:
        raise Invalid(
            "budget.too_large",
            _("A budget line or the pilot project's budget is far beyond any grant: check the quantities and costs."),
        )
    BudgetLine.objects.bulk_create(lines)
    pilot.budget_total = sum((line.total for line in lines), Decimal("0.00"))
    # Ids beyond the column's range cannot be themes (and PostgreSQL would refuse the query).
    pilot.themes.set(Theme.objects.filter(pk__in=[pk for pk in data.themes if 0 < pk < 2**31]))
    pilot.version += 1
    pilot.updated_by = actor
    pilot.save()
    _refresh_summary(application)
    return pilot


@transaction.atomic
def pilot_remove(*, pilot: Pilot, actor, now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    pilot, application = _lock_pilot(pilot, actor, now, removing=True)
    activity_record(
        actor=actor,
        verb="application.pilot_removed",
        obj=application,
        details={"pilot": pilot.pk, "title": pilot.title},
    )
    pilot.delete()
    _refresh_summary(application)


# --- Documents ---------------------------------------------------------------


@transaction.atomic
def document_upload(
    *,
    application: Application,
    requirement: RequiredDocument,
    organization: Organization,
    upload,
    actor,
    now: datetime.datetime | None = None,
) -> ApplicationDocument:
    """Upload a file into a slot; the file it replaces is kept until the application is submitted."""
    now = now or timezone.now()
    application = _lock(application)
    _require_changeable(application, now)
    if requirement.call_id != application.call_id:
        raise Invalid("documents.slot", _("This document is not one the call asks for."))
    lead_id = application.consortium.lead_id
    if requirement.scope == RequiredDocument.Scope.CONSORTIUM:
        if organization.pk != lead_id:
            raise Invalid("documents.slot", _("Documents of the whole consortium are filed under the lead NGO."))
        if not _is_person_of(actor, lead_id):
            raise Forbidden("permission.denied", _("Documents of the whole consortium are uploaded by the lead NGO."))
    else:
        if organization.pk not in _accepted(application.consortium):
            raise Invalid("documents.slot", _("Documents are uploaded for members of the consortium only."))
        if not (_is_person_of(actor, organization.pk) or _is_person_of(actor, lead_id)):
            raise Forbidden("permission.denied", _("Only the people of %(name)s may do this.") % {"name": organization})
    try:
        file_type = check_document(
            upload, allowed=accepted_file_types(requirement), max_bytes=requirement.max_size_mb * 1024 * 1024
        )
    except ValidationError as error:
        raise Invalid(f"documents.{error.code or 'invalid'}", error.messages[0]) from error
    ApplicationDocument.objects.filter(
        application=application, requirement=requirement, organization=organization, replaced_at__isnull=True
    ).update(replaced_at=now)
    document = ApplicationDocument(
        application=application,
        requirement=requirement,
        organization=organization,
        original_name=(getattr(upload, "name", "") or "document")[-255:],
        size=upload.size,
        file_type=file_type,
        sha256=sha256_of(upload),
        uploaded_by=actor,
    )
    document.file.save(document.original_name, upload, save=False)
    document.save()
    activity_record(
        actor=actor,
        verb="application.document_uploaded",
        obj=application,
        details={"requirement": requirement.code, "organization": organization.pk, "sha256": document.sha256},
    )
    _refresh_summary(application)
    return document


@transaction.atomic
def document_restore(*, document: ApplicationDocument, actor, now: datetime.datetime | None = None):
    """Bring back a replaced file (an upload by mistake); the current one becomes the replaced one."""
    now = now or timezone.now()
    application = _lock(document.application)
    _require_changeable(application, now)
    document = ApplicationDocument.objects.select_for_update().get(pk=document.pk, application=application)
    if document.replaced_at is None:
        return document
    if not (_is_person_of(actor, document.organization_id) or _is_person_of(actor, application.consortium.lead_id)):
        raise Forbidden("permission.denied", _("You do not have permission to do this."))
    ApplicationDocument.objects.filter(
        application=application,
        requirement=document.requirement,
        organization=document.organization,
        replaced_at__isnull=True,
    ).update(replaced_at=now)
    document.replaced_at = None
    document.save(update_fields=["replaced_at"])
    activity_record(
        actor=actor, verb="application.document_restored", obj=application, details={"sha256": document.sha256}
    )
    _refresh_summary(application)
    return document


# --- Submission and re-opening -----------------------------------------------


def _application_number(call: Call) -> str:
    """ECODIALOGUE-2026-007: the call's code and a number in the call, given in order of first submission.

    Two calls whose codes differ only in case would give the same numbers:
    the second then carries its own id too.
    """
    prefix = call.code.upper()[:48]
    taken = Application.objects.filter(call=call, number__isnull=False).count()
    number = f"{prefix}-{taken + 1:03d}"
    if Application.objects.filter(number=number).exclude(call=call).exists():
        number = f"{prefix}-{call.pk}-{taken + 1:03d}"
    return number


def _receipt_recipients(application: Application, submitter) -> list:
    people = {submitter.pk: submitter} if submitter is not None else {}
    for member in application.consortium.members.filter(status=ConsortiumMember.Status.ACCEPTED).select_related(
        "organization"
    ):
        for user in heads_of(member.organization):
            people.setdefault(user.pk, user)
    for user in heads_of(application.call.grant_maker):
        people.setdefault(user.pk, user)
    return list(people.values())


@transaction.atomic
def application_submit(*, application: Application, actor, now: datetime.datetime | None = None) -> Submission:
    """The lead NGO's head submits: every rule must hold, before the deadline by the server's clock.

    The application is frozen, its snapshot stored with its hash, replaced
    files are let go, and the receipt goes to every member's heads and the
    grant-maker.
    """
    now = now or timezone.now()
    # Lock the call row first: numbers are given in order within the call.
    Call.objects.select_for_update().get(pk=application.call_id)
    locked = _lock(application)
    if (
        not _is_person_of(actor, locked.consortium.lead_id)
        or not Membership.objects.filter(
            user=actor, organization_id=locked.consortium.lead_id, role=Membership.Role.HEAD
        ).exists()
    ):
        raise Forbidden("permission.denied", _("Only a head of the lead NGO submits the application."))
    if locked.status != Application.Status.DRAFT:
        raise Conflict("application.frozen", _("The application is already submitted."))
    loaded = application_page(locked.pk)
    findings = errors(application_findings(application_facts(loaded), application_config(loaded.call), now))
    if findings:
        raise Invalid(
            "application.incomplete",
            _("The application does not meet every rule of the call yet."),
            details=[{"code": f.code, "message": f.text, "subject": f.subject} for f in findings],
        )
    number = locked.number or _application_number(loaded.call)
    sequence = locked.submissions.count() + 1
    previous = locked.submissions.order_by("-sequence").values_list("submitted_at", flat=True).first()
    snapshot = application_snapshot(loaded, number=number, sequence=sequence, submitted_at=now, submitted_by=actor)
    submission = Submission.objects.create(
        application=locked,
        sequence=sequence,
        number=number,
        submitted_at=now,
        submitted_by=actor,
        snapshot=snapshot,
        sha256=snapshot_hash(snapshot),
    )
    ApplicationTransition.objects.create(
        application=locked, from_status=locked.status, to_status=Application.Status.SUBMITTED, actor=actor
    )
    Application.objects.filter(pk=locked.pk).update(
        status=Application.Status.SUBMITTED,
        number=number,
        submitted_at=now,
        reopened_until=None,
        updated_at=now,
        checklist_errors=0,
    )
    # Files replaced since the last submission go; a file an earlier receipt lists stays with it.
    replaced = ApplicationDocument.objects.filter(application=locked, replaced_at__isnull=False)
    if previous is not None:
        replaced = replaced.filter(uploaded_at__gt=previous)
    replaced = list(replaced)
    for document in replaced:
        name, storage = document.file.name, document.file.storage
        transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
    ApplicationDocument.objects.filter(pk__in=[d.pk for d in replaced]).delete()
    activity_record(
        actor=actor,
        verb="application.submitted",
        obj=locked,
        details={"number": number, "sequence": sequence, "sha256": submission.sha256},
    )
    for user in _receipt_recipients(loaded, actor):
        queue_email(
            to=user.email,
            language=recipient_language(user),
            template="grants/emails/application_receipt",
            context={
                "application": loaded,
                "submission": submission,
                "call": loaded.call,
                "user": user,
                "documents": loaded.current_documents,
            },
        )
    return submission


@transaction.atomic
def application_reopen(
    *,
    application: Application,
    actor,
    reason: str,
    until: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> Application:
    """Staff re-open a submitted application for changes, with a reason; after the deadline, until a moment they set."""
    now = now or timezone.now()
    application = _lock(application)
    if not is_call_staff.test(actor, application.call):
        raise Forbidden("permission.denied", _("Only the call's staff re-open applications."))
    if application.status != Application.Status.SUBMITTED:
        raise Conflict("application.not_submitted", _("Only a submitted application can be re-opened."))
    from .models import Assignment, Decision, Screening

    if (
        Screening.objects.filter(application=application).exists()
        or Assignment.objects.filter(application=application).exists()
        or Decision.objects.filter(call=application.call).exists()
    ):
        # Screened, scored or decided: what the commission read must stay what was submitted.
        raise Conflict(
            "application.in_evaluation", _("The application is being evaluated: it can no longer be re-opened.")
        )
    if until is not None and timezone.is_naive(until):
        # A moment typed without a zone is in the call's time zone, as shown to staff.
        until = timezone.make_aware(until, zoneinfo.ZoneInfo(application.call.time_zone))
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise Invalid("application.reason", _("Write the reason for re-opening the application."))
    deadline = application.call.deadline
    if deadline is not None and now > deadline and (until is None or until <= now):
        raise Invalid(
            "application.reopen_until",
            _("The call's deadline has passed: set until when the consortium may change and re-submit it."),
        )
    ApplicationTransition.objects.create(
        application=application,
        from_status=application.status,
        to_status=Application.Status.DRAFT,
        actor=actor,
        note=reason,
    )
    application.status = Application.Status.DRAFT
    application.reopened_until = until
    application.updated_by = actor
    application.save()
    activity_record(
        actor=actor,
        verb="application.reopened",
        obj=application,
        details={"reason": reason, "until": until.isoformat() if until else None},
    )
    _refresh_summary(application)
    for user in heads_of(application.consortium.lead):
        queue_email(
            to=user.email,
            language=recipient_language(user),
            template="grants/emails/application_reopened",
            context={"application": application, "call": application.call, "reason": reason, "until": until},
        )
    return application
