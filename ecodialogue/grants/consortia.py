"""Every write to consortia goes through here: create, invite, answer, withdraw.

The call's rules hold under concurrency: the consortium row is locked while
its size is checked, and the database refuses a second accepted membership
of one NGO in the same call (constraint one_consortium_per_call).
"""

import datetime
import hashlib
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.emails import queue_email, recipient_language
from ecodialogue.core.errors import Conflict, Forbidden, Invalid
from ecodialogue.core.services import activity_record
from ecodialogue.organizations.models import Organization
from ecodialogue.organizations.selectors import heads_of, is_head_of

from .models import Call, Consortium, ConsortiumEmailInvitation, ConsortiumMember
from .rules import eligibility_findings
from .selectors import eligibility_config, organization_facts

ACTIVE = (ConsortiumMember.Status.INVITED, ConsortiumMember.Status.ACCEPTED)
EMAIL_INVITATION_DAYS = 14


def _require_head(user, organization: Organization) -> None:
    if not is_head_of(user, organization):
        raise Forbidden("permission.denied", _("Only the heads of %(name)s may do this.") % {"name": organization})


def _require_open(call: Call, now: datetime.datetime) -> None:
    if call.status != Call.Status.OPEN or (call.deadline is not None and now > call.deadline):
        raise Invalid("call.not_open", _("The call is not accepting applications."))


def _require_eligible(call: Call, organization: Organization, *, as_lead: bool) -> None:
    problems = eligibility_findings(organization_facts(organization), eligibility_config(call), as_lead=as_lead)
    if problems:
        raise Invalid(
            problems[0].code, _("%(name)s: %(problem)s") % {"name": organization, "problem": problems[0].text}
        )


def _require_not_submitted(consortium: Consortium) -> None:
    """A submitted application is what the consortium applied as: its members no longer change."""
    from .models import Application

    if Application.objects.filter(consortium=consortium).exclude(status=Application.Status.DRAFT).exists():
        raise Conflict(
            "application.frozen",
            _("The consortium's application is submitted: its members can no longer change."),
        )


def _already_in_call(call: Call, organization: Organization) -> Conflict:
    # The NGO is told only that it is taken; which consortium is for the call's staff to see.
    return Conflict(
        "consortium.one_per_call",
        _("%(name)s is already a member of a consortium of this call. An NGO may be in only one consortium.")
        % {"name": organization},
    )


def _mail_heads(organization: Organization, template: str, context: dict) -> None:
    for user in heads_of(organization):
        queue_email(
            to=user.email, language=recipient_language(user), template=template, context={**context, "user": user}
        )


@transaction.atomic
def consortium_create(*, call: Call, lead: Organization, actor, now: datetime.datetime | None = None) -> Consortium:
    """The lead NGO forms a consortium for an open call."""
    now = now or timezone.now()
    _require_head(actor, lead)
    _require_open(call, now)
    _require_eligible(call, lead, as_lead=True)
    if ConsortiumMember.objects.filter(call=call, organization=lead, status=ConsortiumMember.Status.ACCEPTED).exists():
        raise _already_in_call(call, lead)
    consortium = Consortium.objects.create(call=call, lead=lead, created_by=actor)
    try:
        with transaction.atomic():
            ConsortiumMember.objects.create(
                consortium=consortium,
                call=call,
                organization=lead,
                is_lead=True,
                status=ConsortiumMember.Status.ACCEPTED,
                invited_by=actor,
                responded_at=now,
                responded_by=actor,
            )
    except IntegrityError as exc:
        raise _already_in_call(call, lead) from exc
    activity_record(actor=actor, verb="consortium.created", obj=consortium, details={"call": call.code})
    return consortium


@transaction.atomic
def consortium_invite(
    *, consortium: Consortium, organization: Organization, actor, now: datetime.datetime | None = None
) -> ConsortiumMember:
    """The lead NGO invites an organisation from the directory; its heads are told by e-mail."""
    now = now or timezone.now()
    consortium = Consortium.objects.select_for_update(of=("self",)).select_related("call", "lead").get(pk=consortium.pk)
    call = consortium.call
    _require_head(actor, consortium.lead)
    _require_open(call, now)
    _require_not_submitted(consortium)
    _require_eligible(call, organization, as_lead=False)
    if consortium.members.filter(organization=organization, status__in=ACTIVE).exists():
        raise Conflict("consortium.already_invited", _("%(name)s is already invited.") % {"name": organization})
    if ConsortiumMember.objects.filter(
        call=call, organization=organization, status=ConsortiumMember.Status.ACCEPTED
    ).exists():
        raise _already_in_call(call, organization)
    if _places_taken(consortium) >= call.consortium_max:
        raise Invalid(
            "consortium.size",
            _("A consortium of this call has at most %(max)d NGOs, invitations included.")
            % {"max": call.consortium_max},
        )
    member = ConsortiumMember.objects.create(
        consortium=consortium, call=call, organization=organization, invited_by=actor
    )
    activity_record(actor=actor, verb="consortium.invited", obj=consortium, details={"organization": organization.pk})
    _mail_heads(
        organization, "grants/emails/consortium_invitation", {"consortium": consortium, "call": call, "member": member}
    )
    return member


@transaction.atomic
def consortium_respond(
    *, member: ConsortiumMember, actor, accept: bool, now: datetime.datetime | None = None
) -> ConsortiumMember:
    """The invited organisation's head accepts or declines."""
    now = now or timezone.now()
    # Lock the consortium first: concurrent acceptances of one consortium count its size one at a time.
    consortium = (
        Consortium.objects.select_for_update(of=("self",)).select_related("call", "lead").get(pk=member.consortium_id)
    )
    member = ConsortiumMember.objects.select_for_update(of=("self",)).select_related("organization").get(pk=member.pk)
    call = consortium.call
    _require_head(actor, member.organization)
    if member.status != ConsortiumMember.Status.INVITED:
        raise Conflict("consortium.answered", _("This invitation has already been answered or withdrawn."))
    member.responded_at = now
    member.responded_by = actor
    if accept:
        _require_open(call, now)
        _require_not_submitted(consortium)
        _require_eligible(call, member.organization, as_lead=False)  # it may have changed since the invitation
        accepted = consortium.members.filter(status=ConsortiumMember.Status.ACCEPTED).count()
        if accepted >= call.consortium_max:
            raise Invalid("consortium.size", _("The consortium is already full."))
        member.status = ConsortiumMember.Status.ACCEPTED
        try:
            with transaction.atomic():
                member.save()
        except IntegrityError as exc:
            raise _already_in_call(call, member.organization) from exc
    else:
        member.status = ConsortiumMember.Status.DECLINED
        member.save()
    activity_record(
        actor=actor,
        verb="consortium.accepted" if accept else "consortium.declined",
        obj=consortium,
        details={"organization": member.organization_id},
    )
    _mail_heads(
        consortium.lead,
        "grants/emails/consortium_answer",
        {"consortium": consortium, "call": call, "member": member, "accepted": accept},
    )
    return member


@transaction.atomic
def consortium_withdraw(*, member: ConsortiumMember, actor) -> ConsortiumMember:
    """The lead withdraws an invitation or removes a member; a member's head may leave."""
    member = (
        ConsortiumMember.objects.select_for_update(of=("self",))
        .select_related("consortium__lead", "organization")
        .get(pk=member.pk)
    )
    if member.is_lead:
        raise Invalid("consortium.lead_stays", _("The lead NGO cannot leave its own consortium."))
    if not (is_head_of(actor, member.consortium.lead) or is_head_of(actor, member.organization)):
        raise Forbidden("permission.denied", _("You do not have permission to do this."))
    if member.status not in ACTIVE:
        raise Conflict("consortium.answered", _("This invitation has already been answered or withdrawn."))
    # After the deadline, or once its application is submitted, the consortium is what it applied as.
    _require_open(member.consortium.call, timezone.now())
    _require_not_submitted(member.consortium)
    member.status = ConsortiumMember.Status.WITHDRAWN
    member.responded_at = timezone.now()
    member.responded_by = actor
    member.save()
    activity_record(
        actor=actor,
        verb="consortium.withdrawn",
        obj=member.consortium,
        details={"organization": member.organization_id},
    )
    return member


# --- Invitations by e-mail, for NGOs not yet on the platform -------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _places_taken(consortium: Consortium) -> int:
    """Members and invitations (from the directory or by e-mail) count against the call's maximum."""
    members = consortium.members.filter(status__in=ACTIVE).count()
    pending = consortium.email_invitations.filter(
        status=ConsortiumEmailInvitation.Status.PENDING, expires_at__gt=timezone.now()
    ).count()
    return members + pending


@transaction.atomic
def consortium_invite_by_email(
    *,
    consortium: Consortium,
    email: str,
    organization_name: str,
    language: str,
    actor,
    now: datetime.datetime | None = None,
) -> ConsortiumEmailInvitation:
    """The lead NGO invites, by e-mail, an NGO that is not registered yet; the link lets it register and join."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    now = now or timezone.now()
    consortium = Consortium.objects.select_for_update(of=("self",)).select_related("call", "lead").get(pk=consortium.pk)
    call = consortium.call
    _require_head(actor, consortium.lead)
    _require_open(call, now)
    _require_not_submitted(consortium)
    email = email.strip().lower()
    # An expired invitation to the same address gives way to the new one.
    consortium.email_invitations.filter(
        email=email, status=ConsortiumEmailInvitation.Status.PENDING, expires_at__lte=now
    ).update(status=ConsortiumEmailInvitation.Status.REVOKED)
    if consortium.email_invitations.filter(email=email, status=ConsortiumEmailInvitation.Status.PENDING).exists():
        raise Conflict("consortium.already_invited", _("An invitation to this address is already waiting."))
    if _places_taken(consortium) >= call.consortium_max:
        raise Invalid(
            "consortium.size",
            _("A consortium of this call has at most %(max)d NGOs, invitations included.")
            % {"max": call.consortium_max},
        )
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    token = secrets.token_urlsafe(32)
    expires = now + datetime.timedelta(days=EMAIL_INVITATION_DAYS)
    if call.deadline is not None:
        expires = min(expires, call.deadline)
    invitation = ConsortiumEmailInvitation.objects.create(
        consortium=consortium,
        email=email,
        organization_name=organization_name.strip()[:300],
        token_hash=_token_hash(token),
        language=language,
        invited_by=actor,
        expires_at=expires,
    )
    activity_record(actor=actor, verb="consortium.email_invited", obj=consortium, details={"invitation": invitation.pk})
    with translation.override(language):
        link = settings.SITE_URL + reverse("grants:consortium-email-invitation", args=[token])
    queue_email(
        to=email,
        language=language,
        template="grants/emails/consortium_email_invitation",
        context={"consortium": consortium, "call": call, "invitation": invitation, "link": link},
    )
    return invitation


def email_invitation_by_token(token: str) -> ConsortiumEmailInvitation:
    from ecodialogue.core.errors import NotFound

    invitation = (
        ConsortiumEmailInvitation.objects.select_related("consortium__call", "consortium__lead")
        .filter(token_hash=_token_hash(token or ""))
        .first()
    )
    if invitation is None:
        raise NotFound("invitation.unknown", _("This invitation link is not valid."))
    return invitation


@transaction.atomic
def consortium_email_invitation_claim(
    *, token: str, organization: Organization, actor, now: datetime.datetime | None = None
) -> ConsortiumMember:
    """The invited NGO's head joins the consortium with their organisation: the same checks as an acceptance."""
    now = now or timezone.now()
    invitation = email_invitation_by_token(token)
    invitation = ConsortiumEmailInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != ConsortiumEmailInvitation.Status.PENDING:
        raise Conflict("invitation.used", _("This invitation has already been used or revoked."))
    if now >= invitation.expires_at:
        raise Invalid("invitation.expired", _("This invitation has expired. Ask the lead NGO for a new one."))
    consortium = (
        Consortium.objects.select_for_update(of=("self",))
        .select_related("call", "lead")
        .get(pk=invitation.consortium_id)
    )
    call = consortium.call
    _require_head(actor, organization)
    _require_open(call, now)
    _require_not_submitted(consortium)
    _require_eligible(call, organization, as_lead=False)
    if consortium.members.filter(organization=organization, status__in=ACTIVE).exists():
        raise Conflict("consortium.already_invited", _("%(name)s is already invited.") % {"name": organization})
    if ConsortiumMember.objects.filter(
        call=call, organization=organization, status=ConsortiumMember.Status.ACCEPTED
    ).exists():
        raise _already_in_call(call, organization)
    # The invitation being claimed holds the place this member takes.
    invitation.status = ConsortiumEmailInvitation.Status.CLAIMED
    invitation.claimed_by = actor
    invitation.claimed_for = organization
    invitation.claimed_at = now
    invitation.save()
    member = ConsortiumMember.objects.create(
        consortium=consortium, call=call, organization=organization, invited_by=invitation.invited_by
    )
    activity_record(
        actor=actor, verb="consortium.email_claimed", obj=consortium, details={"organization": organization.pk}
    )
    return consortium_respond(member=member, actor=actor, accept=True, now=now)


@transaction.atomic
def consortium_email_invitation_revoke(*, invitation: ConsortiumEmailInvitation, actor) -> ConsortiumEmailInvitation:
    invitation = (
        ConsortiumEmailInvitation.objects.select_for_update().select_related("consortium__lead").get(pk=invitation.pk)
    )
    _require_head(actor, invitation.consortium.lead)
    if invitation.status != ConsortiumEmailInvitation.Status.PENDING:
        raise Conflict("invitation.used", _("This invitation has already been used or revoked."))
    invitation.status = ConsortiumEmailInvitation.Status.REVOKED
    invitation.save(update_fields=["status"])
    return invitation
