"""Reads of applications: the page in a constant number of queries, and the plain facts the rules check."""

import datetime

from django.db.models import Prefetch, QuerySet

from ecodialogue.organizations.bin import is_valid_bin
from ecodialogue.organizations.models import Settlement

from .application_rules import (
    LEAD_FIELDS,
    PILOT_NUMBER_FIELDS,
    PILOT_TEXT_FIELDS,
    ActivityFacts,
    ApplicationConfig,
    ApplicationFacts,
    DocumentFacts,
    LineFacts,
    MemberFacts,
    PilotFacts,
    PriorityFacts,
    RequirementFacts,
)
from .models import (
    Application,
    ApplicationDocument,
    BudgetLine,
    Call,
    ConsortiumMember,
    Pilot,
    Priority,
    Submission,
)
from .rules import OrganizationFacts
from .selectors import eligibility_config


def pilots_prefetch() -> Prefetch:
    return Prefetch(
        "pilots",
        queryset=Pilot.objects.select_related("settlement", "organization")
        .prefetch_related(
            "themes",
            "indicators",
            "activities",
            Prefetch("budget_lines", queryset=BudgetLine.objects.select_related("category")),
        )
        .order_by("position", "id"),
    )


def documents_prefetch() -> Prefetch:
    """Every file of the application, current and replaced, in one query (newest first)."""
    return Prefetch(
        "documents",
        queryset=ApplicationDocument.objects.select_related("requirement", "organization").order_by(
            "-uploaded_at", "-id"
        ),
        to_attr="all_documents",
    )


def application_page(pk: int) -> Application | None:
    """An application with its consortium, pilots, lines and documents: the same queries for any size."""
    application = (
        Application.objects.select_related("consortium__lead", "call__grant_maker", "updated_by")
        .prefetch_related(
            Prefetch(
                "consortium__members",
                queryset=ConsortiumMember.objects.select_related("organization").order_by(
                    "-is_lead", "invited_at", "id"
                ),
            ),
            pilots_prefetch(),
            documents_prefetch(),
            "call__budget_categories",
            "call__required_documents",
            Prefetch("call__priorities", queryset=Priority.objects.select_related("region", "theme")),
        )
        .filter(pk=pk)
        .first()
    )
    if application is not None:
        application.current_documents = [d for d in application.all_documents if d.replaced_at is None]
    return application


def accepted_file_types(requirement) -> tuple[str, ...]:
    """The kinds a slot accepts; a slot configured with none (or with one as a bare string) takes PDF."""
    types = requirement.file_types or ("pdf",)
    return (types,) if isinstance(types, str) else tuple(types)


def application_config(call: Call) -> ApplicationConfig:
    """The call's rules for applications; reads the call's prefetched lists when there are any."""
    return ApplicationConfig(
        consortium_min=call.consortium_min,
        consortium_max=call.consortium_max,
        pilots=call.pilots_per_consortium,
        pilot_max_months=call.pilot_max_months,
        grant_min=call.grant_min,
        grant_max=call.grant_max,
        currency=call.currency,
        languages=tuple(call.application_languages or ()),
        categories=frozenset(c.code for c in call.budget_categories.all()),
        eligibility=eligibility_config(call),
        requirements=tuple(
            RequirementFacts(
                code=d.code,
                name=d.name,
                scope=d.scope,
                required=d.required,
                file_types=accepted_file_types(d),
                max_bytes=d.max_size_mb * 1024 * 1024,
            )
            for d in call.required_documents.all()
        ),
        priorities=tuple(
            PriorityFacts(
                kind=p.kind,
                name=str(p),
                bonus=p.bonus_points,
                region=p.region_id,
                theme=p.theme_id,
                min_share=p.min_share_percent,
            )
            for p in call.priorities.all()
        ),
    )


def field_labels() -> dict:
    labels = {name: Application._meta.get_field(name).verbose_name for name in LEAD_FIELDS}
    labels |= {name: Pilot._meta.get_field(name).verbose_name for name in (*PILOT_TEXT_FIELDS, *PILOT_NUMBER_FIELDS)}
    return labels


def pilot_facts(pilot: Pilot, number: int) -> PilotFacts:
    blank = tuple(name for name in PILOT_TEXT_FIELDS if not (getattr(pilot, name) or "").strip())
    blank += tuple(name for name in PILOT_NUMBER_FIELDS if getattr(pilot, name) is None)
    return PilotFacts(
        id=pilot.pk,
        number=number,
        organization_id=pilot.organization_id,
        title=pilot.title,
        settlement=pilot.settlement_id,
        region=pilot.settlement.region_id if pilot.settlement_id else None,
        blank=blank,
        indicators=sum(1 for i in pilot.indicators.all() if i.name.strip() and i.target is not None),
        activities=tuple(ActivityFacts(a.title, a.start_month, a.end_month) for a in pilot.activities.all()),
        lines=tuple(
            LineFacts(line.category.code if line.category_id else None, line.item, line.quantity, line.unit_cost)
            for line in pilot.budget_lines.all()
        ),
        participants=pilot.participants,
        women=pilot.women,
        youth=pilot.youth,
        themes=frozenset(t.pk for t in pilot.themes.all()),
        eu_declaration=pilot.eu_declaration,
        whole_region=bool(pilot.settlement_id)
        and pilot.settlement.level == Settlement.Level.OBLAST
        and pilot.settlement.type_code == 0,
    )


def effective_deadline(application: Application) -> datetime.datetime | None:
    """The call's deadline, or the later moment staff gave when they re-opened the application."""
    deadline = application.call.deadline
    if application.reopened_until and (deadline is None or application.reopened_until > deadline):
        return application.reopened_until
    return deadline


def application_facts(application: Application) -> ApplicationFacts:
    """The plain facts of a loaded application (application_page) for the rules."""
    members = tuple(
        MemberFacts(
            organization_id=m.organization_id,
            name=m.organization.name,
            is_lead=m.is_lead,
            status=m.status,
            organization=OrganizationFacts(
                kind=m.organization.kind,
                country=m.organization.country,
                bin_valid=bool(m.organization.bin) and is_valid_bin(m.organization.bin),
                network_member=m.organization.is_network_member,
            ),
        )
        for m in application.consortium.members.all()
        if m.status in (ConsortiumMember.Status.INVITED, ConsortiumMember.Status.ACCEPTED)
    )
    documents = getattr(application, "current_documents", None)
    if documents is None:
        documents = list(application.documents.filter(replaced_at__isnull=True).select_related("requirement"))
    return ApplicationFacts(
        language=application.language,
        lead_blank=tuple(name for name in LEAD_FIELDS if not (getattr(application, name) or "").strip()),
        members=members,
        pilots=tuple(pilot_facts(pilot, number) for number, pilot in enumerate(application.pilots.all(), start=1)),
        documents=tuple(DocumentFacts(d.requirement.code, d.organization_id, d.file_type, d.size) for d in documents),
        deadline=effective_deadline(application),
        accepting=application.call.status == Call.Status.OPEN or application.reopened_until is not None,
        field_labels=field_labels(),
    )


def applications_of_call(call: Call) -> QuerySet[Application]:
    """Staff's list: one row per application with what the list shows, no per-row queries."""
    return call.applications.select_related("consortium__lead").order_by("status", "number", "created_at")


def submission_by_receipt(number: str, sha256: str) -> Submission | None:
    number, sha256 = number.strip().upper(), sha256.strip().lower()
    if not number or len(sha256) != 64:
        return None
    return (
        Submission.objects.select_related("application__call", "application__consortium__lead")
        .filter(number=number, sha256=sha256)
        .first()
    )
