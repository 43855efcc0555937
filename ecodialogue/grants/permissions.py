"""Who may do what with a call. Deny unless a rule says yes."""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ecodialogue.organizations.permissions import is_member

from .models import Call


@rules.predicate
def is_call_staff(user, call: Call) -> bool:
    """Staff of the call's grant-maker (or the platform's administrators)."""
    if not user.is_authenticated or not user.is_staff:
        return False
    return user.is_superuser or is_member.test(user, call.grant_maker)


@rules.predicate
def call_is_public(user, call: Call) -> bool:
    return call.is_public


can_view_call = call_is_public | is_call_staff
can_manage_call = is_call_staff

rules.add_perm("grants.view_call", can_view_call)
rules.add_perm("grants.manage_call", can_manage_call)


def get_call_for_user(user, code: str, permission=None) -> Call:
    """Fetch a call: 404 when it does not exist or stays hidden (a draft), 403 when the rule says no."""
    call = Call.objects.select_related("grant_maker").filter(code=code).first()
    if call is None or not can_view_call.test(user, call):
        raise Http404
    if permission is not None and not permission.test(user, call):
        raise PermissionDenied
    return call
