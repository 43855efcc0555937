"""Demo applications: eight consortia that applied to the seed call in May 2026, and one draft in the open call.

Everything is done through the services (grants/consortia.py,
grants/applications.py), as the people of the NGOs would do it on the
platform, at moments in May 2026 before the seed call's deadline. The few
writes that no service can make are marked where they happen.

The NGOs, people and settlements are those of organizations/demo_data.py
and demo_settlements.py (the small KATO extract): nothing here needs the
full classifier.
"""

import datetime
from contextlib import contextmanager
from decimal import Decimal
from unittest import mock
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from ecodialogue.accounts.models import User
from ecodialogue.organizations.demo_data import ORGANISATIONS
from ecodialogue.organizations.models import Membership, Organization, Theme

from . import applications, consortia
from .applications import PilotData
from .demo_applications_data import CONSORTIA, LEAD_HEADS, OPEN_LEAD_FORM, OPEN_PILOTS
from .models import Application, Call, Consortium, ConsortiumMember, RequiredDocument

ALMATY = ZoneInfo("Asia/Almaty")
SEED_CALL = "ecodialogue-2026"
OPEN_CALL = "ecodialogue-2027"


def minimal_pdf(title: str = "EcoDialogue demo") -> bytes:
    """A one-page PDF written by hand, its title naming the document: what the demo uploads for signed scans.

    The title makes each demo file (and its SHA-256 on the receipts) different, as real scans would be.
    """
    safe = "".join(c for c in title if c.isascii() and c.isalnum() or c in " -_.").encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Title (" + safe + b") /Producer (EcoDialogue demo) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _pdf(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@contextmanager
def _clock(moment: datetime.datetime):
    """Act at `moment`: the services are given it as now=, and the models' own timestamps read it too.

    The services check their rules against the `now` they are given, but the
    auto_now fields (created_at, invited_at, uploaded_at, updated_at, the
    activity log) read the clock. Without this the demo's May 2026 history
    would carry today's timestamps, and the frozen snapshot of each
    submission would record its documents as uploaded after it was submitted.
    Patching the clock is safe here only because seed_demo is a one-off
    command (refused in production) and nothing else runs in its process.
    """
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment


def _organisations() -> dict[str, Organization]:
    """The demo organisations by their key in demo_data.ORGANISATIONS."""
    by_name = {o.name_kk: o for o in Organization.objects.filter(name_kk__in=[row[3] for row in ORGANISATIONS])}
    return {row[0]: by_name[row[3]] for row in ORGANISATIONS if row[3] in by_name}


def _head(key: str, organization: Organization):
    """A head of the organisation; for the leads in LEAD_HEADS, created if there is none (see there)."""
    membership = organization.memberships.filter(role=Membership.Role.HEAD).select_related("user").first()
    if membership is not None:
        return membership.user
    if key not in LEAD_HEADS:
        return None
    full_name, language = LEAD_HEADS[key]
    email = f"head.{key}@demo.ecodialogue.kz"
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=None, full_name=full_name, preferred_language=language
    )
    # Like seed_demo's own people: a membership written directly, there is no invitation to accept here.
    Membership.objects.get_or_create(organization=organization, user=user, defaults={"role": Membership.Role.HEAD})
    return user


def _pilot_data(spec: dict, themes: dict[str, int]) -> PilotData:
    participants, women, youth = spec.get("people", (None, None, None))
    return PilotData(
        title=spec["title"],
        settlement=spec.get("place"),
        problem=spec.get("problem", ""),
        goals=spec.get("goals", ""),
        expected_results=spec.get("results", ""),
        target_groups=spec.get("groups", ""),
        participants=participants,
        women=women,
        youth=youth,
        cooperation=spec.get("cooperation", ""),
        team=spec.get("team", ""),
        risks=spec.get("risks", ""),
        sustainability=spec.get("sustainability", ""),
        eu_declaration=spec.get("eu_declaration", True),
        themes=[themes[slug] for slug in spec.get("themes", ()) if slug in themes],
        indicators=[
            {"name": name, "unit": unit, "target": Decimal(str(target))}
            for name, unit, target in spec.get("indicators", ())
        ],
        activities=[
            {"title": title, "start_month": start, "end_month": end} for title, start, end in spec.get("activities", ())
        ],
        budget_lines=[
            {
                "category": category,
                "item": item,
                "unit": unit,
                "quantity": Decimal(str(quantity)),
                "unit_cost": Decimal(cost),
            }
            for category, item, unit, quantity, cost in spec.get("budget", ())
        ],
    )


# --- The seed call: submitted applications -----------------------------------


def seed_applications() -> int:
    """Create the demo applications that are missing; return how many were created."""
    with transaction.atomic():
        return _seed_submitted() + _seed_draft()


def _seed_submitted() -> int:
    call = Call.objects.filter(code=SEED_CALL).first()
    if call is None:
        return 0
    organisations = _organisations()
    themes = dict(Theme.objects.values_list("slug", "pk"))
    todo = []
    for spec in sorted(CONSORTIA, key=lambda s: s["submitted"]):  # numbers are given in order of submission
        keys = [spec["lead"], *spec["members"]]
        if any(key not in organisations for key in keys):
            continue
        lead = organisations[spec["lead"]]
        # Idempotent: a consortium of this lead in the seed call means this spec was seeded already.
        if Consortium.objects.filter(call=call, lead=lead).exists():
            continue
        # Someone (a previous demo, a person trying the platform) may have put one of them in another consortium.
        if ConsortiumMember.objects.filter(
            call=call,
            organization__in=[organisations[k] for k in keys],
            status__in=(ConsortiumMember.Status.INVITED, ConsortiumMember.Status.ACCEPTED),
        ).exists():
            continue
        todo.append(spec)
    if not todo:
        return 0
    # The seed call is closed (its deadline, 1 June 2026, is past) and every service refuses a call that is not
    # open. The demo replays May 2026, when it was open: open it for this transaction, put its status back after.
    status = call.status
    Call.objects.filter(pk=call.pk).update(status=Call.Status.OPEN)
    call.refresh_from_db()
    try:
        for spec in todo:
            _submit_one(call, spec, organisations, themes)
    finally:
        Call.objects.filter(pk=call.pk).update(status=status)
    return len(todo)


def _submit_one(call: Call, spec: dict, organisations: dict, themes: dict) -> None:
    """One consortium's story, from forming it two weeks before submitting to the submission."""
    submitted = datetime.datetime(*spec["submitted"], tzinfo=ALMATY)

    def at(days: int, hour: int = 10) -> datetime.datetime:
        return (submitted - datetime.timedelta(days=days)).replace(hour=hour, minute=(days * 7) % 60)

    lead = organisations[spec["lead"]]
    head = _head(spec["lead"], lead)
    with _clock(at(15)) as now:
        consortium = consortia.consortium_create(call=call, lead=lead, actor=head, now=now)
    for index, key in enumerate(spec["members"]):
        with _clock(at(15, 11 + index)) as now:
            member = consortia.consortium_invite(
                consortium=consortium, organization=organisations[key], actor=head, now=now
            )
        # Accepting is for a head of the invited NGO (consortium_respond), and the demo partners have no
        # people: the answer is written as the service would write it, with no one named as having answered.
        # The database's one-consortium-per-call constraint still holds here.
        ConsortiumMember.objects.filter(pk=member.pk).update(
            status=ConsortiumMember.Status.ACCEPTED, responded_at=at(14, 12 + index)
        )
    with _clock(at(13)) as now:
        application = applications.application_start(
            consortium=consortium, actor=head, language=spec["language"], now=now
        )
    # Pilots are added and filled by the lead's head for every member: the services let the lead's people act
    # for the members (the partners have no people in the demo).
    for position, pilot_spec in enumerate(spec["pilots"]):
        organization = organisations[pilot_spec["org"]]
        with _clock(at(12 - position, 11)) as now:
            pilot = applications.pilot_add(application=application, organization=organization, actor=head, now=now)
        with _clock(at(12 - position, 16)) as now:
            applications.pilot_save(
                pilot=pilot, actor=head, data=_pilot_data(pilot_spec, themes), version=pilot.version, now=now
            )
    with _clock(at(6, 15)) as now:
        application.refresh_from_db()
        applications.application_save_lead_form(
            application=application, actor=head, data=spec["lead_form"], version=application.version, now=now
        )
    members = [lead, *(organisations[key] for key in spec["members"])]
    for requirement in call.required_documents.filter(required=True).order_by("position"):
        targets = [lead] if requirement.scope == RequiredDocument.Scope.CONSORTIUM else members
        for organization in targets:
            with _clock(at(3, 12)) as now:
                applications.document_upload(
                    application=application,
                    requirement=requirement,
                    organization=organization,
                    upload=_pdf(
                        f"{requirement.code}-{organization.pk}.pdf",
                        minimal_pdf(f"{requirement.code} {spec['lead']} {organization.pk}"),
                    ),
                    actor=head,
                    now=now,
                )
    # The receipts are queued like every e-mail of the services: queue_email renders them now and hands them
    # to the task queue on commit (transaction.on_commit), so nothing is sent if seeding fails. Once the
    # worker runs they land in var/mail: per submission, one to the lead's head and one to the grant-maker's
    # head (the partners have no people) – a handful, what the demo's inboxes would really have received.
    with _clock(submitted) as now:
        applications.application_submit(application=application, actor=head, now=now)


# --- The open call: a draft to carry on --------------------------------------


def _seed_draft() -> int:
    call = Call.objects.filter(code=OPEN_CALL).first()
    if call is None or call.status != Call.Status.OPEN:
        return 0
    now = timezone.now()
    if call.deadline is not None and now > call.deadline:
        return 0
    organisations = _organisations()
    lead = organisations.get("green-atbasar")
    consortium = Consortium.objects.filter(call=call, lead=lead).first() if lead else None
    if consortium is None or Application.objects.filter(consortium=consortium).exists():
        return 0
    head = _head("green-atbasar", lead)
    if head is None:
        return 0
    themes = dict(Theme.objects.values_list("slug", "pk"))
    accepted = set(
        consortium.members.filter(status=ConsortiumMember.Status.ACCEPTED).values_list("organization_id", flat=True)
    )
    application = applications.application_start(consortium=consortium, actor=head, language="kk", now=now)
    applications.application_save_lead_form(
        application=application, actor=head, data=OPEN_LEAD_FORM, version=application.version, now=now
    )
    for spec in OPEN_PILOTS:
        organization = organisations.get(spec["org"])
        if organization is None or organization.pk not in accepted:
            continue
        pilot = applications.pilot_add(application=application, organization=organization, actor=head, now=now)
        applications.pilot_save(pilot=pilot, actor=head, data=_pilot_data(spec, themes), version=pilot.version, now=now)
    return 1
