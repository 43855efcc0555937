"""Reads of calls, shared by pages and the API."""

from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from django.template.loader import render_to_string

from ecodialogue.core.i18n import current_language
from ecodialogue.organizations.bin import is_valid_bin
from ecodialogue.organizations.models import Membership, Organization

from .models import Announcement, Call, Consortium, ConsortiumMember, Question
from .rules import CallConfig, EligibilityConfig, OrganizationFacts


def call_config(call: Call) -> CallConfig:
    return CallConfig(
        title=call.title_kk or call.title_ru or call.title_en or "",
        consortium_min=call.consortium_min,
        consortium_max=call.consortium_max,
        pilots_per_consortium=call.pilots_per_consortium,
        pilot_max_months=call.pilot_max_months,
        grant_min=call.grant_min,
        grant_max=call.grant_max,
        total_budget=call.total_budget,
        winners=call.winners,
        application_languages=tuple(call.application_languages or ()),
        opens_at=call.opens_at,
        questions_until=call.questions_until,
        deadline=call.deadline,
        results_at=call.results_at,
        criteria=tuple(call.criteria.values_list("weight", "max_score")),
        budget_categories=call.budget_categories.count(),
    )


def public_calls(user) -> QuerySet[Call]:
    """Calls a person may see: every public call, plus drafts of the grant-makers they staff."""
    visible = ~Q(status=Call.Status.DRAFT)
    if user.is_authenticated and user.is_superuser:
        visible = Q()
    elif user.is_authenticated and user.is_staff:
        # A subquery, not a join: a join would repeat each call once per member of its grant-maker.
        own = Membership.objects.filter(user=user).values("organization_id")
        visible |= Q(grant_maker_id__in=own)
    return Call.objects.select_related("grant_maker").filter(visible).order_by("-deadline", "-created_at")


def call_page(call: Call) -> Call:
    """A call with everything its public page shows, in a constant number of queries."""
    return (
        Call.objects.select_related("grant_maker")
        .prefetch_related(
            "criteria",
            "budget_categories",
            "required_documents",
            "priorities__region",
            "priorities__theme",
            Prefetch("announcements", queryset=Announcement.objects.order_by("-published_at")),
            Prefetch(
                "questions",
                queryset=Question.objects.filter(answered_at__isnull=False).order_by("answered_at"),
                to_attr="published_questions",
            ),
        )
        .get(pk=call.pk)
    )


CALL_BODY_TIMEOUT = 60  # the countdown inside may be a minute old


def call_body(call: Call) -> str:
    """The public sections of a call's page, the same for every visitor.

    Rendered once per call, language and change: services touch the call's
    `updated_at` when they publish announcements or answers, and the admin
    saves the call with its rules.
    """
    key = f"call:body:{call.pk}:{call.updated_at.timestamp()}:{current_language()}"
    body = cache.get(key)
    if body is None:
        body = render_to_string("grants/_call_body.html", {"call": call_page(call)})
        cache.set(key, body, CALL_BODY_TIMEOUT)
    return body


def open_questions(call: Call) -> QuerySet[Question]:
    return call.questions.filter(answered_at__isnull=True).select_related("asked_by").order_by("asked_at")


def organization_facts(organization: Organization) -> OrganizationFacts:
    return OrganizationFacts(
        kind=organization.kind,
        country=organization.country,
        bin_valid=bool(organization.bin) and is_valid_bin(organization.bin),
        network_member=organization.is_network_member,
    )


def eligibility_config(call: Call) -> EligibilityConfig:
    return EligibilityConfig(
        network_members_only=call.network_members_only, initiative_groups_as_partners=call.initiative_groups_as_partners
    )


def organizations_headed_by(user) -> QuerySet[Organization]:
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(memberships__user=user, memberships__role=Membership.Role.HEAD).order_by("name")


def consortium_page(consortium_pk: int) -> Consortium | None:
    return (
        Consortium.objects.select_related("call", "call__grant_maker", "lead")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=ConsortiumMember.objects.select_related("organization", "organization__settlement").order_by(
                    "-is_lead", "invited_at", "id"
                ),
            )
        )
        .filter(pk=consortium_pk)
        .first()
    )


def consortia_of_call(call: Call) -> QuerySet[Consortium]:
    return (
        call.consortia.select_related("lead")
        .prefetch_related(Prefetch("members", queryset=ConsortiumMember.objects.select_related("organization")))
        .order_by("created_at")
    )


def consortium_invitation_candidates(call: Call, query: str, *, limit: int = 10) -> list[Organization]:
    """Organisations matching a name or BIN that could be invited (NGOs and, if allowed, initiative groups)."""
    from ecodialogue.organizations.selectors import organization_list

    kinds = ["ngo", "initiative_group"] if call.initiative_groups_as_partners else ["ngo"]
    return list(organization_list(q=query, kinds=kinds)[:limit]) if query.strip() else []


def consortium_places_of_user(user) -> QuerySet[ConsortiumMember]:
    """Where the person's organisations stand in consortia: invitations waiting first."""
    return (
        ConsortiumMember.objects.filter(organization__memberships__user=user)
        .exclude(status__in=(ConsortiumMember.Status.WITHDRAWN, ConsortiumMember.Status.DECLINED))
        .select_related("consortium__lead", "consortium__call", "consortium__application", "organization")
        .distinct()
        .order_by("-status", "-invited_at")
    )


def consortia_of_user_in_call(user, call: Call) -> QuerySet[Consortium]:
    """The consortia of this call the person's organisations are in (invited or accepted)."""
    if not user.is_authenticated:
        return Consortium.objects.none()
    return (
        call.consortia.filter(
            members__organization__memberships__user=user,
            members__status__in=(ConsortiumMember.Status.INVITED, ConsortiumMember.Status.ACCEPTED),
        )
        .select_related("lead")
        .distinct()
    )


def application_counts(call: Call) -> dict:
    """How many applications the call has, by status (for staff's overview)."""
    from django.db.models import Count

    counts = dict(call.applications.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return {"total": sum(counts.values()), **counts}
