"""Who may do what with an organisation. Deny unless a rule says yes."""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Membership, Organization


@rules.predicate
def is_member(user, organization: Organization) -> bool:
    if not user.is_authenticated or organization is None:
        return False
    return _role(user, organization) is not None


@rules.predicate
def is_head(user, organization: Organization) -> bool:
    if not user.is_authenticated or organization is None:
        return False
    return _role(user, organization) == Membership.Role.HEAD


@rules.predicate
def is_platform_staff(user) -> bool:
    """The platform's operators: administrators, or staff granted act_as_platform_staff.

    Staff of a grant-maker are staff too (for their calls), but they must not
    verify, edit or see the people of other organisations.
    """
    if not user.is_authenticated or not user.is_staff:
        return False
    return user.is_superuser or user.has_perm("organizations.act_as_platform_staff")


def _role(user, organization: Organization) -> str | None:
    # Cached per request on the user object: pages ask several questions about the same organisation.
    cache = user.__dict__.setdefault("_organization_roles", {})
    if organization.pk not in cache:
        cache[organization.pk] = (
            Membership.objects.filter(user=user, organization=organization).values_list("role", flat=True).first()
        )
    return cache[organization.pk]


can_view_people = is_member | is_platform_staff
can_view_activity = is_member | is_platform_staff
can_edit_organization = is_head | is_platform_staff
can_manage_people = is_head
can_upload_certificate = is_head
can_view_certificate = is_member | is_platform_staff
can_verify_organization = is_platform_staff
can_set_network = is_platform_staff
can_leave_organization = is_member

rules.add_perm("organizations.view_people", can_view_people)
rules.add_perm("organizations.view_activity", can_view_activity)
rules.add_perm("organizations.edit_organization", can_edit_organization)
rules.add_perm("organizations.manage_people", can_manage_people)
rules.add_perm("organizations.upload_certificate", can_upload_certificate)
rules.add_perm("organizations.view_certificate", can_view_certificate)
rules.add_perm("organizations.verify_organization", can_verify_organization)
rules.add_perm("organizations.set_network", can_set_network)
rules.add_perm("organizations.leave_organization", can_leave_organization)


def get_organization_for_user(user, pk: int, permission=None) -> Organization:
    """Fetch an organisation for `user`: 404 if it does not exist, 403 if the rule says no."""
    organization = Organization.objects.select_related("settlement", "region", "legal_form").filter(pk=pk).first()
    if organization is None:
        raise Http404
    if permission is not None and not permission.test(user, organization):
        raise PermissionDenied
    return organization
