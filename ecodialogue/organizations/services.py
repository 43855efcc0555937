"""Every write to organisations, people and settlements goes through here."""

import datetime
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.collation import collation_key
from ecodialogue.core.emails import queue_email, recipient_language
from ecodialogue.core.errors import Conflict, Invalid, NotFound
from ecodialogue.core.files import check_image, check_pdf
from ecodialogue.core.findings import errors
from ecodialogue.core.services import activity_record

from .bin import bin_findings, normalize_bin
from .kato import KatoRow, build_label, find_parent
from .models import Invitation, JoinRequest, Membership, Organization, Settlement
from .selectors import heads_of

INVITATION_DAYS = 14

# Fields a head may change on the profile; verification and network status are staff's.
PROFILE_FIELDS = (
    "kind",
    "legal_form",
    "name_kk",
    "name_ru",
    "name_en",
    "short_name_kk",
    "short_name_ru",
    "short_name_en",
    "country",
    "bin",
    "registration_date",
    "settlement",
    "address",
    "website",
    "public_email",
    "public_phone",
    "description_kk",
    "description_ru",
    "description_en",
)


# Changing any of these makes a verification meaningless: it was of another identity.
IDENTITY_FIELDS = ("kind", "bin", "country", "name_kk", "name_ru", "name_en")


# --- Settlements ------------------------------------------------------------


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _fold(*parts: str) -> str:
    return " ".join(p for p in parts if p).casefold()


@transaction.atomic
def settlements_load(*, rows: list[KatoRow], progress: Callable[[int], object] | None = None) -> LoadResult:
    """Create or update settlements from KATO rows; running it twice changes nothing."""
    by_code = {row.code: row for row in rows}
    existing = {s.code: s for s in Settlement.objects.all()}
    known = set(by_code) | set(existing)
    parents = {code: find_parent(code, known) for code in by_code}
    for code, settlement in existing.items():
        parents.setdefault(code, settlement.parent_id)
    levels = {code: row.level for code, row in by_code.items()} | {
        c: s.level for c, s in existing.items() if c not in by_code
    }
    names_kk = {c: s.name_kk for c, s in existing.items()} | {c: r.name_kk for c, r in by_code.items()}
    names_ru = {c: s.name_ru for c, s in existing.items()} | {c: r.name_ru for c, r in by_code.items()}

    def region_of(code: str) -> str:
        while parents.get(code):
            code = parents[code]
        return code

    result = LoadResult()
    to_create, to_update = [], []
    fields = ["name_kk", "name_ru", "level", "type_code", "parent", "region", "label_kk", "label_ru", "search_text"]
    for row in rows:
        values = {
            "name_kk": row.name_kk,
            "name_ru": row.name_ru,
            "level": row.level,
            "type_code": row.type_code,
            "parent_id": parents[row.code],
            "region_id": region_of(row.code),
            "label_kk": build_label(row.code, names_kk, parents, levels),
            "label_ru": build_label(row.code, names_ru, parents, levels),
            "search_text": _fold(row.name_kk, row.name_ru),
        }
        current = existing.get(row.code)
        if current is None:
            to_create.append(Settlement(code=row.code, **values))
            result.created += 1
        elif any(getattr(current, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(current, key, value)
            to_update.append(current)
            result.updated += 1
        else:
            result.unchanged += 1
    # Foreign keys are checked at commit, so rows may reference parents created in the same batch.
    for start in range(0, len(to_create), 2000):
        Settlement.objects.bulk_create(to_create[start : start + 2000])
        if progress:
            progress(len(to_create[start : start + 2000]))
    for start in range(0, len(to_update), 2000):
        Settlement.objects.bulk_update(to_update[start : start + 2000], fields)
        if progress:
            progress(len(to_update[start : start + 2000]))
    if progress:
        progress(result.unchanged)
    from .selectors import forget_choices

    transaction.on_commit(forget_choices)
    return result


# --- Organisations ----------------------------------------------------------


def organization_search_text(organization: Organization) -> str:
    place = organization.settlement
    return _fold(
        *(
            getattr(organization, f"{field}_{lang}") or ""
            for field in ("name", "short_name")
            for lang in ("kk", "ru", "en")
        ),
        organization.bin or "",
        place.name_kk if place else "",
        place.name_ru if place else "",
    )


def organization_sort_keys(organization: Organization) -> dict[str, str]:
    """Alphabetical keys of the name each language shows, with modeltranslation's fallbacks."""
    keys = {}
    for language, _label in settings.LANGUAGES:
        chain = [language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES.get(language, ())]
        name = next(
            (getattr(organization, f"name_{code}") for code in chain if getattr(organization, f"name_{code}")), ""
        )
        keys[f"sort_{language}"] = collation_key(name)
    return keys


def _check_bin(organization: Organization) -> None:
    organization.bin = normalize_bin(organization.bin) or None
    if organization.bin is None:
        if organization.requires_bin:
            raise Invalid("bin.required", _("A BIN is required for organisations registered in Kazakhstan."))
        return
    problems = errors(bin_findings(organization.bin))
    if problems:
        raise Invalid(problems[0].code, problems[0].text)
    duplicate = Organization.objects.filter(bin=organization.bin).exclude(pk=organization.pk).first()
    if duplicate is not None:
        raise Conflict(
            "bin.duplicate",
            _("An organisation with this BIN is already registered: %(name)s. You can ask to join it instead.")
            % {"name": duplicate.name},
            details={"organization_id": duplicate.pk},
        )


def _place(organization: Organization) -> None:
    organization.region_id = organization.settlement.region_id if organization.settlement_id else None


def _save_profile(organization: Organization) -> None:
    _check_bin(organization)
    if not (organization.name_kk or organization.name_ru or organization.name_en):
        raise Invalid("organization.name_required", _("Give the organisation's name in at least one language."))
    _place(organization)
    organization.search_text = organization_search_text(organization)
    for field, key in organization_sort_keys(organization).items():
        setattr(organization, field, key)
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError as exc:
        # Two people registering the same BIN at once: the unique index decides.
        raise Conflict("bin.duplicate", _("An organisation with this BIN is already registered.")) from exc


@transaction.atomic
def organization_register(*, user, data: dict, themes: Iterable = (), head: bool = True) -> Organization:
    """Register an organisation; its registrant becomes its first head.

    Staff (and the demo data) may register an organisation without becoming
    its head (head=False); its people then join by invitation.
    """
    organization = Organization(**{key: value for key, value in data.items() if key in PROFILE_FIELDS})
    _save_profile(organization)
    organization.themes.set(themes)
    if head:
        Membership.objects.create(organization=organization, user=user, role=Membership.Role.HEAD)
    activity_record(actor=user, verb="organization.registered", obj=organization)
    return organization


@transaction.atomic
def organization_update(
    *, organization: Organization, actor, data: dict, themes: Iterable | None = None
) -> Organization:
    changed = []
    for key, value in data.items():
        if key in PROFILE_FIELDS and getattr(organization, key) != value:
            setattr(organization, key, value)
            changed.append(key)
    if "logo" in data and data["logo"] is not None:
        if data["logo"] is False:
            organization.logo = ""
        else:
            try:
                check_image(data["logo"])
            except ValidationError as exc:
                raise Invalid(exc.code or "logo.invalid", exc.messages[0]) from exc
            organization.logo = data["logo"]
        changed.append("logo")
    if organization.is_verified and set(changed) & set(IDENTITY_FIELDS):
        organization.verification_status = Organization.Verification.UNVERIFIED
        organization.verification_note = ""
        activity_record(
            actor=actor, verb="organization.verification_reset", obj=organization, details={"fields": changed}
        )
    _save_profile(organization)
    if themes is not None:
        before = set(organization.themes.values_list("pk", flat=True))
        organization.themes.set(themes)
        if before != {t.pk for t in themes}:
            changed.append("themes")
    if changed:
        activity_record(actor=actor, verb="organization.updated", obj=organization, details={"fields": changed})
    return organization


@transaction.atomic
def organization_save_from_admin(*, organization: Organization, actor, changed: list[str]) -> Organization:
    """Save an organisation edited in the admin with the same checks as the pages."""
    _save_profile(organization)
    if changed:
        activity_record(actor=actor, verb="organization.updated", obj=organization, details={"fields": changed})
    return organization


@transaction.atomic
def organization_upload_certificate(*, organization: Organization, actor, upload) -> Organization:
    try:
        check_pdf(upload)
    except ValidationError as exc:
        raise Invalid(exc.code or "file.invalid", exc.messages[0]) from exc
    old = organization.certificate.name if organization.certificate else None
    organization.certificate.save(upload.name, upload, save=False)
    organization.certificate_uploaded_at = timezone.now()
    organization.save(update_fields=["certificate", "certificate_uploaded_at", "updated_at"])
    activity_record(actor=actor, verb="organization.certificate_uploaded", obj=organization)
    if old:
        storage = organization.certificate.storage
        transaction.on_commit(lambda: storage.delete(old))
    return organization


@transaction.atomic
def organization_verify(*, organization: Organization, actor, status: str, note: str = "") -> Organization:
    """Staff verify or reject an organisation; a rejection needs a reason the organisation will read."""
    if status not in (Organization.Verification.VERIFIED, Organization.Verification.REJECTED):
        raise Invalid("verification.status", _("Choose to verify or to reject."))
    if status == Organization.Verification.REJECTED and not note.strip():
        raise Invalid("verification.reason_required", _("Give the reason for the rejection."))
    if status == Organization.Verification.VERIFIED and organization.requires_bin and not organization.certificate:
        raise Invalid(
            "verification.certificate_missing",
            _("The organisation has not uploaded its registration certificate yet."),
        )
    organization.verification_status = status
    organization.verification_note = note.strip()
    organization.verified_at = timezone.now()
    organization.verified_by = actor
    organization.save(
        update_fields=["verification_status", "verification_note", "verified_at", "verified_by", "updated_at"]
    )
    verb = "organization.verified" if status == Organization.Verification.VERIFIED else "organization.rejected"
    activity_record(actor=actor, verb=verb, obj=organization, details={"note": organization.verification_note})
    for head in heads_of(organization):
        queue_email(
            to=head.email,
            language=recipient_language(head),
            template="organizations/emails/verification",
            context={"organization": organization, "user": head},
        )
    return organization


@transaction.atomic
def organization_set_network(
    *, organization: Organization, actor, status: str, since: datetime.date | None
) -> Organization:
    if status == Organization.NetworkStatus.MEMBER and since is None:
        since = timezone.localdate()
    if status == Organization.NetworkStatus.NONE:
        since = None
    organization.network_status = status
    organization.network_member_since = since
    organization.save(update_fields=["network_status", "network_member_since", "updated_at"])
    activity_record(
        actor=actor,
        verb="organization.network_changed",
        obj=organization,
        details={"status": status, "since": since.isoformat() if since else None},
    )
    return organization


# --- People -----------------------------------------------------------------


def _invitation_url(token: str, language: str) -> str:
    # The link opens the page in the language the e-mail is written in.
    with translation.override(language):
        return settings.SITE_URL + reverse("organizations:invitation", args=[token])


@transaction.atomic
def invitation_create(*, organization: Organization, actor, email: str, role: str, language: str) -> Invitation:
    """Invite a person by e-mail; they may not have an account yet."""
    email = email.strip().lower()
    if organization.memberships.filter(user__email__iexact=email).exists():
        raise Conflict("invitation.already_member", _("This person is already a member of the organisation."))
    if organization.invitations.filter(email__iexact=email, status=Invitation.Status.PENDING).exists():
        raise Conflict("invitation.pending", _("This person has already been invited and has not answered yet."))
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                organization=organization,
                email=email,
                role=role,
                token_hash=_token_hash(token),
                invited_by=actor,
                language=language,
                expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
            )
    except IntegrityError as exc:
        # A double click: the partial unique index keeps one pending invitation per address.
        raise Conflict(
            "invitation.pending", _("This person has already been invited and has not answered yet.")
        ) from exc
    activity_record(actor=actor, verb="membership.invited", obj=organization, details={"email": email, "role": role})
    queue_email(
        to=email,
        language=language,
        template="organizations/emails/invitation",
        context={
            "organization": organization,
            "inviter": actor,
            "url": _invitation_url(token, language),
            "invitation": invitation,
        },
    )
    return invitation


def _token_hash(token: str) -> str:
    import hashlib

    return hashlib.sha256(token.encode()).hexdigest()


def invitation_by_token(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("organization", "invited_by").filter(token_hash=_token_hash(token)).first()
    )
    if invitation is None:
        raise NotFound("invitation.not_found", _("This invitation link is not valid. Check that it was copied whole."))
    return invitation


def _check_open(invitation: Invitation) -> None:
    if invitation.status != Invitation.Status.PENDING:
        raise Conflict("invitation.closed", _("This invitation has already been answered or withdrawn."))
    if invitation.is_expired:
        raise Invalid("invitation.expired", _("This invitation has expired. Ask the organisation to invite you again."))


@transaction.atomic
def invitation_accept(*, token: str, user) -> Membership:
    invitation = invitation_by_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _check_open(invitation)
    membership, created = Membership.objects.get_or_create(
        organization=invitation.organization, user=user, defaults={"role": invitation.role}
    )
    invitation.status = Invitation.Status.ACCEPTED
    invitation.responded_at = timezone.now()
    invitation.responded_by = user
    invitation.save(update_fields=["status", "responded_at", "responded_by"])
    if created:
        activity_record(
            actor=user, verb="membership.joined", obj=invitation.organization, details={"role": membership.role}
        )
    return membership


@transaction.atomic
def invitation_decline(*, token: str, user) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation_by_token(token).pk)
    _check_open(invitation)
    invitation.status = Invitation.Status.DECLINED
    invitation.responded_at = timezone.now()
    invitation.responded_by = user
    invitation.save(update_fields=["status", "responded_at", "responded_by"])
    activity_record(
        actor=user, verb="membership.declined", obj=invitation.organization, details={"email": invitation.email}
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor) -> Invitation:
    if invitation.status != Invitation.Status.PENDING:
        raise Conflict("invitation.closed", _("This invitation has already been answered or withdrawn."))
    invitation.status = Invitation.Status.REVOKED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    activity_record(
        actor=actor,
        verb="membership.invitation_revoked",
        obj=invitation.organization,
        details={"email": invitation.email},
    )
    return invitation


def _lock_heads(organization: Organization) -> list[Membership]:
    # Lock every membership row so two heads cannot both step down at once.
    return list(organization.memberships.select_for_update().filter(role=Membership.Role.HEAD))


def _refuse_last_head(membership: Membership) -> None:
    heads = _lock_heads(membership.organization)
    if membership.role == Membership.Role.HEAD and len(heads) <= 1:
        raise Conflict(
            "membership.last_head",
            _("The organisation must keep at least one head. Make another person head first."),
        )


@transaction.atomic
def membership_remove(*, membership: Membership, actor) -> None:
    _refuse_last_head(membership)
    leaving = membership.user == actor
    membership.delete()
    activity_record(
        actor=actor,
        verb="membership.left" if leaving else "membership.removed",
        obj=membership.organization,
        details={"user": str(membership.user)},
    )


@transaction.atomic
def membership_set_role(*, membership: Membership, actor, role: str) -> Membership:
    if role not in Membership.Role.values:
        raise Invalid("membership.role", _("Unknown role."))
    if role == membership.role:
        return membership
    if role == Membership.Role.MEMBER:
        _refuse_last_head(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    activity_record(
        actor=actor,
        verb="membership.role_changed",
        obj=membership.organization,
        details={"user": str(membership.user), "role": role},
    )
    return membership


@transaction.atomic
def join_request_create(*, organization: Organization, user, message: str = "") -> JoinRequest:
    if organization.memberships.filter(user=user).exists():
        raise Conflict("invitation.already_member", _("You are already a member of this organisation."))
    if organization.join_requests.filter(user=user, status=JoinRequest.Status.PENDING).exists():
        raise Conflict(
            "join_request.pending", _("You have already asked to join; the organisation's heads will answer.")
        )
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(organization=organization, user=user, message=message.strip())
    except IntegrityError as exc:
        raise Conflict(
            "join_request.pending", _("You have already asked to join; the organisation's heads will answer.")
        ) from exc
    activity_record(actor=user, verb="membership.join_requested", obj=organization)
    for head in heads_of(organization):
        queue_email(
            to=head.email,
            language=recipient_language(head),
            template="organizations/emails/join_request",
            context={"organization": organization, "requester": user, "join_request": join_request, "head": head},
        )
    return join_request


@transaction.atomic
def join_request_decide(*, join_request: JoinRequest, actor, approve: bool) -> JoinRequest:
    join_request = (
        JoinRequest.objects.select_for_update().select_related("organization", "user").get(pk=join_request.pk)
    )
    if join_request.status != JoinRequest.Status.PENDING:
        raise Conflict("join_request.closed", _("This request has already been answered."))
    join_request.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
    join_request.decided_at = timezone.now()
    join_request.decided_by = actor
    join_request.save(update_fields=["status", "decided_at", "decided_by"])
    if approve:
        Membership.objects.get_or_create(organization=join_request.organization, user=join_request.user)
    activity_record(
        actor=actor,
        verb="membership.join_approved" if approve else "membership.join_declined",
        obj=join_request.organization,
        details={"user": str(join_request.user)},
    )
    queue_email(
        to=join_request.user.email,
        language=recipient_language(join_request.user),
        template="organizations/emails/join_decided",
        context={"organization": join_request.organization, "approved": approve, "user": join_request.user},
    )
    return join_request
