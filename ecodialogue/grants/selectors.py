"""Reads of calls, shared by pages and the API."""

from django.db.models import Prefetch, QuerySet

from .models import Announcement, Call, Question
from .rules import CallConfig


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
    calls = Call.objects.select_related("grant_maker")
    visible = calls.exclude(status=Call.Status.DRAFT)
    if user.is_authenticated and user.is_staff:
        drafts = calls.filter(status=Call.Status.DRAFT)
        if not user.is_superuser:
            drafts = drafts.filter(grant_maker__memberships__user=user)
        visible = visible | drafts
    return visible.order_by("-deadline", "-created_at")


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


def open_questions(call: Call) -> QuerySet[Question]:
    return call.questions.filter(answered_at__isnull=True).select_related("asked_by").order_by("asked_at")
