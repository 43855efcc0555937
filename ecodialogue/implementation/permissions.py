"""Who may do what with an agreement, its plans and its reports. Deny unless a rule says yes.

Only members of the consortium write its reports (each member its own pilot's
part; the lead NGO may fill any part, since it consolidates); only the lead's
head submits the consolidated report; only the call's staff approve, return,
pay and change agreements.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ecodialogue.grants.permissions import is_call_staff, organizations_of, roles_of


def _member_ids(agreement) -> set[int]:
    """The accepted members of the agreement's consortium (the lead among them); cached on the object."""
    cached = agreement.__dict__.get("_member_ids")
    if cached is None:
        from ecodialogue.grants.models import ConsortiumMember

        cached = set(
            ConsortiumMember.objects.filter(
                consortium_id=agreement.consortium_id, status=ConsortiumMember.Status.ACCEPTED
            ).values_list("organization_id", flat=True)
        )
        cached.add(agreement.consortium.lead_id)
        agreement.__dict__["_member_ids"] = cached
    return cached


@rules.predicate
def is_agreement_staff(user, agreement) -> bool:
    return is_call_staff.test(user, agreement.call)


@rules.predicate
def is_agreement_member(user, agreement) -> bool:
    """People of any NGO of the consortium."""
    return bool(organizations_of(user) & _member_ids(agreement))


@rules.predicate
def is_agreement_lead(user, agreement) -> bool:
    return agreement.consortium.lead_id in organizations_of(user)


@rules.predicate
def is_agreement_lead_head(user, agreement) -> bool:
    return roles_of(user).get(agreement.consortium.lead_id) == "head"


# Cheapest first: staff and the lead are answered from what the page already loaded.
can_view_agreement = is_agreement_staff | is_agreement_lead | is_agreement_member
can_manage_agreement = is_agreement_staff
can_submit_report = is_agreement_lead_head
can_write_summary = is_agreement_lead
can_propose_plan_change = is_agreement_member

rules.add_perm("implementation.view_agreement", can_view_agreement)
rules.add_perm("implementation.manage_agreement", can_manage_agreement)


def can_edit_plan_part(user, plan) -> bool:
    """A pilot's part (its report, its plan proposals): the implementing NGO's people, or the lead's."""
    people_of = organizations_of(user)
    return plan.organization_id in people_of or plan.agreement.consortium.lead_id in people_of


def get_agreement_for_user(user, pk: int, permission=None):
    """404 for anyone who may not see the agreement, 403 when a rule says no."""
    from .selectors import agreement_for_page

    agreement = agreement_for_page(pk)
    if agreement is None or not can_view_agreement.test(user, agreement):
        raise Http404
    if permission is not None and not permission.test(user, agreement):
        raise PermissionDenied
    return agreement


def get_report_for_user(user, pk: int, permission=None):
    from .selectors import report_for_page

    report = report_for_page(pk)
    if report is None or not can_view_agreement.test(user, report.agreement):
        raise Http404
    if permission is not None and not permission.test(user, report.agreement):
        raise PermissionDenied
    return report


def get_part_for_user(user, report_pk: int, part_pk: int, *, edit: bool = False):
    """A member's part of a report; editing needs the pilot's NGO or the lead."""
    report = get_report_for_user(user, report_pk)
    part = next((p for p in report.parts.all() if p.pk == part_pk), None)
    if part is None:
        raise Http404
    if edit and not can_edit_plan_part(user, part.plan):
        raise PermissionDenied
    return report, part


def _is_grant_maker_staff(user, obj=None) -> bool:
    from ecodialogue.grants.permissions import is_grant_maker_staff

    return is_grant_maker_staff.test(user, obj)


rules.add_perm("implementation", rules.predicate(_is_grant_maker_staff))  # the app's entry on the admin index
