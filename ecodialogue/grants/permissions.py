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

rules.add_perm("grants.manage_call", can_manage_call)


def get_call_for_user(user, code: str, permission=None) -> Call:
    """Fetch a call: 404 when it does not exist or stays hidden (a draft), 403 when the rule says no."""
    call = Call.objects.select_related("grant_maker").filter(code=code).first()
    if call is None or not can_view_call.test(user, call):
        raise Http404
    if permission is not None and not permission.test(user, call):
        raise PermissionDenied
    return call


@rules.predicate
def is_consortium_participant(user, consortium) -> bool:
    """People of the lead NGO or of any invited or accepted organisation."""
    if not user.is_authenticated:
        return False
    from .models import ConsortiumMember

    return ConsortiumMember.objects.filter(
        consortium=consortium,
        status__in=(ConsortiumMember.Status.INVITED, ConsortiumMember.Status.ACCEPTED),
        organization__memberships__user=user,
    ).exists()


@rules.predicate
def is_lead_head(user, consortium) -> bool:
    from ecodialogue.organizations.permissions import is_head

    return is_head.test(user, consortium.lead)


@rules.predicate
def staffs_consortium_call(user, consortium) -> bool:
    return is_call_staff.test(user, consortium.call)


can_view_consortium = is_consortium_participant | staffs_consortium_call
can_lead_consortium = is_lead_head

rules.add_perm("grants.view_consortium", can_view_consortium)
rules.add_perm("grants.lead_consortium", can_lead_consortium)


def get_consortium_for_user(user, pk: int, permission=None):
    """404 for outsiders (a consortium is not public before results), 403 when a rule says no."""
    from .selectors import consortium_page

    consortium = consortium_page(pk)
    if consortium is None or not can_view_consortium.test(user, consortium):
        raise Http404
    if permission is not None and not permission.test(user, consortium):
        raise PermissionDenied
    return consortium


@rules.predicate
def is_grant_maker_staff(user, obj=None) -> bool:
    """Staff who belong to a grant-making organisation (or administrators): they may run calls.

    With an object (a call, or a criterion/category/document/priority of one)
    the person must staff that call's grant-maker.
    """
    if not user.is_authenticated or not user.is_staff:
        return False
    if user.is_superuser:
        return True
    if obj is None:
        return user.memberships.filter(organization__kind="grant_maker").exists()
    call = obj if isinstance(obj, Call) else getattr(obj, "call", None)
    return call is not None and is_call_staff.test(user, call)


# The admin asks Django's permission API; grant-makers' staff get exactly their calls.
for model in ("call", "criterion", "budgetcategory", "requireddocument", "priority", "announcement", "question"):
    for action in ("view", "add", "change", "delete"):
        if model in ("announcement", "question") and action in ("add", "delete"):
            continue  # published from the call's manage page, which notifies followers
        rules.add_perm(f"grants.{action}_{model}", is_grant_maker_staff)
rules.add_perm("grants", is_grant_maker_staff)  # the app's entry on the admin index


# --- Applications -----------------------------------------------------------


def roles_of(user) -> dict[int, str]:
    """The person's role in each organisation they belong to; one query, cached per request on the user."""
    if not user.is_authenticated:
        return {}
    cached = user.__dict__.get("_organization_roles_all")
    if cached is None:
        from ecodialogue.organizations.models import Membership

        cached = dict(Membership.objects.filter(user=user).values_list("organization_id", "role"))
        user.__dict__["_organization_roles_all"] = cached
    return cached


def organizations_of(user) -> set[int]:
    """The organisations the person belongs to (any role)."""
    return set(roles_of(user))


def _accepted_ids(application) -> set[int]:
    from .models import ConsortiumMember

    # Uses the prefetched members when the page loaded them.
    return {
        m.organization_id for m in application.consortium.members.all() if m.status == ConsortiumMember.Status.ACCEPTED
    }


@rules.predicate
def is_application_participant(user, application) -> bool:
    """People of the NGOs that accepted to be in the consortium."""
    return bool(organizations_of(user) & _accepted_ids(application))


@rules.predicate
def is_application_lead(user, application) -> bool:
    """People of the lead NGO: they fill the lead form and the consortium's documents."""
    return application.consortium.lead_id in organizations_of(user)


@rules.predicate
def is_application_lead_head(user, application) -> bool:
    return roles_of(user).get(application.consortium.lead_id) == "head"


@rules.predicate
def staffs_application_call(user, application) -> bool:
    return is_call_staff.test(user, application.call)


@rules.predicate
def is_assigned_evaluator(user, application) -> bool:
    """An evaluator of the commission assigned to it who declared no conflict of interest."""
    if not user.is_authenticated:
        return False
    from allauth.mfa.models import Authenticator

    from .models import Assignment

    # Commission work is done with two-factor authentication, reading the application included.
    return (
        Assignment.objects.filter(application=application, member__user=user, member__active=True, conflict=False)
        .exclude(status=Assignment.Status.CONFLICT)
        .exists()
        and Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    )


can_view_application = is_application_participant | staffs_application_call
# Evaluators read the application on their assignment's page; of the applicant's own pages they
# need only the documents (previews and downloads).
can_read_application_documents = can_view_application | is_assigned_evaluator
can_edit_lead_form = is_application_lead
can_submit_application = is_application_lead_head
can_reopen_application = staffs_application_call

rules.add_perm("grants.view_application", can_view_application)
rules.add_perm("grants.submit_application", can_submit_application)
rules.add_perm("grants.reopen_application", can_reopen_application)


def can_edit_for_organization(user, application, organization_id: int) -> bool:
    """A member's pilot projects and documents: that member's people, or the lead NGO's (it consolidates)."""
    if organization_id not in _accepted_ids(application):
        return False
    people_of = organizations_of(user)
    return organization_id in people_of or application.consortium.lead_id in people_of


def can_edit_pilot(user, pilot) -> bool:
    return can_edit_for_organization(user, pilot.application, pilot.organization_id)


def get_application_for_user(user, pk: int, permission=None, *, visible=None):
    """404 for outsiders (applications are not public), 403 when a rule says no.

    `visible` is who may know the application exists at all (can_view_application unless said).
    """
    from .application_selectors import application_page

    application = application_page(pk)
    if application is None or not (visible or can_view_application).test(user, application):
        raise Http404
    if permission is not None and not permission.test(user, application):
        raise PermissionDenied
    return application
