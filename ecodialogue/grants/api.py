import datetime
from decimal import Decimal

from ninja import Router, Schema

from . import permissions as perms
from . import selectors

router = Router(tags=["calls"])


class CriterionOut(Schema):
    name: str
    weight: Decimal
    max_score: int


class CategoryOut(Schema):
    code: str
    name: str


class DocumentOut(Schema):
    code: str
    name: str
    scope: str
    required: bool
    file_types: list[str]
    max_size_mb: int


class AnnouncementOut(Schema):
    title: str
    body: str
    published_at: datetime.datetime


class QuestionOut(Schema):
    question: str
    answer: str
    answered_at: datetime.datetime


class CallOut(Schema):
    code: str
    title: str
    status: str
    grant_maker_id: int
    currency: str
    grant_min: Decimal
    grant_max: Decimal
    total_budget: Decimal
    winners: int
    deadline: datetime.datetime | None
    url: str


class CallDetailOut(CallOut):
    summary: str
    purpose: str
    eligibility: str
    consortium_min: int
    consortium_max: int
    pilots_per_consortium: int
    pilot_max_months: int
    application_languages: list[str]
    network_members_only: bool
    time_zone: str
    opens_at: datetime.datetime | None
    questions_until: datetime.datetime | None
    results_at: datetime.datetime | None
    criteria: list[CriterionOut]
    budget_categories: list[CategoryOut]
    required_documents: list[DocumentOut]
    announcements: list[AnnouncementOut]
    questions: list[QuestionOut]


def _call(call, *, detail=False) -> dict:
    data = {
        "code": call.code,
        "title": call.title,
        "status": call.status,
        "grant_maker_id": call.grant_maker_id,
        "currency": call.currency,
        "grant_min": call.grant_min,
        "grant_max": call.grant_max,
        "total_budget": call.total_budget,
        "winners": call.winners,
        "deadline": call.deadline,
        "url": call.get_absolute_url(),
    }
    if detail:
        data |= {
            "summary": call.summary or "",
            "purpose": call.purpose or "",
            "eligibility": call.eligibility or "",
            **{f: getattr(call, f) for f in ("consortium_min", "consortium_max", "pilots_per_consortium")},
            **{f: getattr(call, f) for f in ("pilot_max_months", "network_members_only", "time_zone")},
            "application_languages": list(call.application_languages or []),
            **{f: getattr(call, f) for f in ("opens_at", "questions_until", "results_at")},
            "criteria": [{"name": c.name, "weight": c.weight, "max_score": c.max_score} for c in call.criteria.all()],
            "budget_categories": [{"code": c.code, "name": c.name} for c in call.budget_categories.all()],
            "required_documents": [
                {
                    "code": d.code,
                    "name": d.name,
                    "scope": d.scope,
                    "required": d.required,
                    "file_types": list(d.file_types or []),
                    "max_size_mb": d.max_size_mb,
                }
                for d in call.required_documents.all()
            ],
            "announcements": [
                {"title": a.title, "body": a.body, "published_at": a.published_at} for a in call.announcements.all()
            ],
            "questions": [
                {"question": q.text or "", "answer": q.answer or "", "answered_at": q.answered_at}
                for q in call.published_questions
            ],
        }
    return data


@router.get("/calls", response=list[CallOut], summary="Published calls", auth=None)
def call_list(request):
    return [_call(call) for call in selectors.public_calls(request.user)]


@router.get("/calls/{code}", response=CallDetailOut, summary="One call with its rules, announcements and answers")
def call_detail(request, code: str):
    call = perms.get_call_for_user(request.user, code)  # a draft is 404 to outsiders
    return _call(selectors.call_page(call), detail=True)
