"""Who hears about an agreement: the consortium's people and the call's staff, each in their own language."""

from ecodialogue.core.emails import recipient_language
from ecodialogue.grants.models import ConsortiumMember
from ecodialogue.organizations.models import Membership


def consortium_people(agreement, *, heads_only: bool = False) -> list[tuple]:
    """(user, language) for the people of every NGO of the consortium, each person once."""
    organization_ids = set(
        ConsortiumMember.objects.filter(
            consortium_id=agreement.consortium_id, status=ConsortiumMember.Status.ACCEPTED
        ).values_list("organization_id", flat=True)
    ) | {agreement.consortium.lead_id}
    memberships = Membership.objects.filter(organization_id__in=organization_ids).select_related("user")
    if heads_only:
        memberships = memberships.filter(role=Membership.Role.HEAD)
    people = {m.user_id: m.user for m in memberships.order_by("user_id") if m.user.is_active and m.user.email}
    return [(user, recipient_language(user)) for user in people.values()]


def call_staff_people(call) -> list[tuple]:
    """(user, language) for the grant-maker's staff: they review reports and pay tranches."""
    memberships = Membership.objects.filter(organization_id=call.grant_maker_id, user__is_staff=True).select_related(
        "user"
    )
    people = {m.user_id: m.user for m in memberships.order_by("user_id") if m.user.is_active and m.user.email}
    return [(user, recipient_language(user)) for user in people.values()]
