"""Every write to consortia goes through here: create, invite, answer, withdraw.

The call's rules hold under concurrency: the consortium row is locked while
its size is checked, and the database refuses a second accepted membership
of one NGO in the same call (constraint one_consortium_per_call).
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.emails import queue_email, recipient_language
from ecodialogue.core.errors import Conflict, Forbidden, Invalid
from ecodialogue.core.services import activity_record
from ecodialogue.organizations.models import Organization
from ecodialogue.organizations.selectors import heads_of, is_head_of

from .models import Call, Consortium, ConsortiumMember
from .rules import eligibility_findings
from .selectors import eligibility_config, organization_facts

ACTIVE = (ConsortiumMember.Status.INVITED, ConsortiumMember.Status.ACCEPTED)


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
    _require_eligible(call, organization, as_lead=False)
    if consortium.members.filter(organization=organization, status__in=ACTIVE).exists():
        raise Conflict("consortium.already_invited", _("%(name)s is already invited.") % {"name": organization})
    if ConsortiumMember.objects.filter(
        call=call, organization=organization, status=ConsortiumMember.Status.ACCEPTED
    ).exists():
        raise _already_in_call(call, organization)
    if consortium.members.filter(status__in=ACTIVE).count() >= call.consortium_max:
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
    # After the deadline the consortium is what it applied as.
    _require_open(member.consortium.call, timezone.now())
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
