import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from ecodialogue.core.errors import Invalid
from ecodialogue.core.i18n import current_language
from ecodialogue.organizations.models import Organization

from . import consortia, selectors, services
from . import permissions as perms
from .models import ConsortiumMember

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


# --- Authenticated: consortia, questions, following ---------------------------


class MemberOut(Schema):
    id: int
    organization_id: int
    organization_name: str
    is_lead: bool
    status: str


class ConsortiumOut(Schema):
    id: int
    call: str
    lead_id: int
    members: list[MemberOut]
    url: str


class ConsortiumIn(Schema):
    lead_id: int


class InvitationIn(Schema):
    organization_id: int


class QuestionIn(Schema):
    text: str


class QuestionCreatedOut(Schema):
    id: int
    published: bool


def _member(member) -> dict:
    return {
        "id": member.pk,
        "organization_id": member.organization_id,
        "organization_name": member.organization.name,
        "is_lead": member.is_lead,
        "status": member.status,
    }


def _consortium(consortium) -> dict:
    return {
        "id": consortium.pk,
        "call": consortium.call.code,
        "lead_id": consortium.lead_id,
        "members": [_member(m) for m in consortium.members.all()],
        "url": consortium.get_absolute_url(),
    }


def _auth():
    from ecodialogue.api import AUTH

    return AUTH


@router.post("/calls/{code}/consortia", response={201: ConsortiumOut}, auth=_auth(), summary="Form a consortium")
def consortium_create(request, code: str, payload: ConsortiumIn):
    call = perms.get_call_for_user(request.user, code)
    lead = get_object_or_404(Organization, pk=payload.lead_id)
    consortium = consortia.consortium_create(call=call, lead=lead, actor=request.user)
    return Status(201, _consortium(selectors.consortium_page(consortium.pk)))


@router.get("/consortia/{consortium_id}", response=ConsortiumOut, auth=_auth(), summary="A consortium and its members")
def consortium_detail(request, consortium_id: int):
    return _consortium(perms.get_consortium_for_user(request.user, consortium_id))


@router.post(
    "/consortia/{consortium_id}/invitations", response={201: MemberOut}, auth=_auth(), summary="Invite an organisation"
)
def consortium_invite(request, consortium_id: int, payload: InvitationIn):
    consortium = perms.get_consortium_for_user(request.user, consortium_id, perms.can_lead_consortium)
    organization = get_object_or_404(Organization, pk=payload.organization_id)
    member = consortia.consortium_invite(consortium=consortium, organization=organization, actor=request.user)
    return Status(201, _member(member))


@router.post(
    "/consortia/{consortium_id}/members/{member_id}/{decision}",
    response=MemberOut,
    auth=_auth(),
    summary="Accept, decline or withdraw (decision: accept | decline | withdraw)",
)
def consortium_member_decide(request, consortium_id: int, member_id: int, decision: str):
    consortium = perms.get_consortium_for_user(request.user, consortium_id)
    member = get_object_or_404(ConsortiumMember, pk=member_id, consortium=consortium)
    if decision == "withdraw":
        member = consortia.consortium_withdraw(member=member, actor=request.user)
    elif decision in ("accept", "decline"):
        member = consortia.consortium_respond(member=member, actor=request.user, accept=decision == "accept")
    else:
        raise Invalid("decision.unknown", _("The decision must be accept, decline or withdraw."))
    return _member(member)


@router.post("/calls/{code}/questions", response={201: QuestionCreatedOut}, auth=_auth(), summary="Ask a question")
def question_ask(request, code: str, payload: QuestionIn):
    call = perms.get_call_for_user(request.user, code)
    question = services.question_ask(call=call, user=request.user, text=payload.text, language=current_language())
    return Status(201, {"id": question.pk, "published": question.is_published})


@router.post("/calls/{code}/follow", response={204: None}, auth=_auth(), summary="Follow a call by e-mail")
def call_follow(request, code: str):
    services.call_follow(call=perms.get_call_for_user(request.user, code), user=request.user)
    return Status(204, None)


@router.delete("/calls/{code}/follow", response={204: None}, auth=_auth(), summary="Stop following a call")
def call_unfollow(request, code: str):
    services.call_unfollow(call=perms.get_call_for_user(request.user, code), user=request.user)
    return Status(204, None)
