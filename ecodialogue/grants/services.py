"""Every write to calls, their announcements, questions and followers goes through here."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.emails import queue_email, recipient_language
from ecodialogue.core.errors import Conflict, Forbidden, Invalid
from ecodialogue.core.services import activity_record

from .models import Announcement, Call, CallFollower, CallTransition, Question
from .rules import call_configuration_findings
from .selectors import call_config

S = Call.Status
# State machine of a call: from → the states it may move to. Only the call's staff move it.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.ANNOUNCED, S.OPEN),
    S.ANNOUNCED: (S.OPEN, S.DRAFT),
    S.OPEN: (S.CLOSED,),
    S.CLOSED: (S.UNDER_REVIEW, S.OPEN),
    S.UNDER_REVIEW: (S.DECIDED,),
    S.DECIDED: (S.IN_IMPLEMENTATION,),
    S.IN_IMPLEMENTATION: (S.COMPLETED,),
    S.COMPLETED: (),
}
QUESTION_STATES = (S.ANNOUNCED, S.OPEN)


def _touch(call: Call) -> None:
    """Mark the call changed so its cached public page is rendered again."""
    call.updated_at = timezone.now()
    Call.objects.filter(pk=call.pk).update(updated_at=call.updated_at)


def allowed_transitions(call: Call) -> tuple[str, ...]:
    return TRANSITIONS.get(call.status, ())


@transaction.atomic
def call_transition(*, call: Call, actor, to: str, note: str = "", now: datetime.datetime | None = None) -> Call:
    """Move a call to another state if the table allows it and the call is ready for it."""
    now = now or timezone.now()
    call = Call.objects.select_for_update().get(pk=call.pk)
    if to not in allowed_transitions(call):
        raise Conflict(
            "call.transition",
            _("A call cannot go from “%(from)s” to “%(to)s”.")
            % {"from": call.get_status_display(), "to": dict(S.choices).get(to, to)},
        )
    if to in (S.ANNOUNCED, S.OPEN):
        # Checked on every move to the public states: the rules may have been edited since.
        errors = [f for f in call_configuration_findings(call_config(call)) if f.is_error]
        if errors:
            raise Invalid(errors[0].code, errors[0].text, details=[{"code": f.code, "message": f.text} for f in errors])
    if to == S.OPEN and call.deadline is not None and call.deadline <= now:
        raise Invalid("call.deadline_passed", _("Move the deadline into the future before opening the call."))
    if to == S.CLOSED and call.deadline is not None and call.deadline > now:
        raise Invalid("call.deadline_not_passed", _("A call closes only after its deadline has passed."))
    if to == S.DECIDED:
        from .models import Decision

        # "Decided" means the results are published: the publication makes this move, nothing else.
        if not Decision.objects.filter(call=call, published_at__isnull=False).exists():
            raise Invalid("call.results_not_published", _("A call is decided when its results are published."))
    CallTransition.objects.create(call=call, from_status=call.status, to_status=to, actor=actor, note=note.strip())
    activity_record(actor=actor, verb="call.transition", obj=call, details={"from": call.status, "to": to})
    call.status = to
    call.save(update_fields=["status", "updated_at"])
    return call


@transaction.atomic
def call_clone(*, call: Call, actor, code: str) -> Call:
    """A new draft with the same texts and rules; dates are left for staff to set."""
    if Call.objects.filter(code=code).exists():
        raise Conflict("call.code_taken", _("Another call already uses this code."))
    criteria = list(call.criteria.all())
    categories = list(call.budget_categories.all())
    documents = list(call.required_documents.all())
    priorities = list(call.priorities.all())
    clone = Call.objects.get(pk=call.pk)
    clone.pk = None
    clone.code = code
    clone.status = S.DRAFT
    clone.created_by = actor
    for field in ("opens_at", "questions_until", "info_session_at", "deadline", "results_at"):
        setattr(clone, field, None)
    clone.info_session_url = ""
    try:
        with transaction.atomic():
            clone.save()
    except IntegrityError as exc:
        raise Conflict("call.code_taken", _("Another call already uses this code.")) from exc
    for related in (*criteria, *categories, *documents, *priorities):
        related.pk = None
        related.call = clone
        related.save()
    activity_record(actor=actor, verb="call.cloned", obj=clone, details={"from": call.code})
    return clone


def _notify_followers(call: Call, *, template: str, context: dict, skip=None) -> None:
    for follower in call.followers.select_related("user").exclude(user=skip):
        queue_email(
            to=follower.user.email,
            language=recipient_language(follower.user),
            template=template,
            context={**context, "call": call, "user": follower.user},
        )


@transaction.atomic
def announcement_publish(*, call: Call, actor, texts: dict[str, dict[str, str]]) -> Announcement:
    """Publish an announcement ({lang: {"title":…, "body":…}}) and tell the followers."""
    if not call.is_public:
        raise Invalid("call.not_public", _("Announce the call before publishing announcements."))
    fields = {}
    for language, text in texts.items():
        fields[f"title_{language}"] = (text.get("title") or "").strip()
        fields[f"body_{language}"] = (text.get("body") or "").strip()
    if not any(fields[f"title_{lang}"] and fields[f"body_{lang}"] for lang in texts):
        raise Invalid("announcement.empty", _("Write the title and the text in at least one language."))
    announcement = Announcement.objects.create(call=call, author=actor, **fields)
    _touch(call)
    activity_record(actor=actor, verb="call.announcement", obj=call, details={"announcement": announcement.pk})
    _notify_followers(call, template="grants/emails/announcement", context={"announcement": announcement})
    return announcement


@transaction.atomic
def question_ask(*, call: Call, user, text: str, language: str, now: datetime.datetime | None = None) -> Question:
    """Ask a question; accepted until the call's questions deadline (server time)."""
    now = now or timezone.now()
    if not user.is_authenticated:
        raise Forbidden("auth.required", _("Sign in to ask a question."))
    if call.status not in QUESTION_STATES or (call.questions_until is not None and now > call.questions_until):
        raise Invalid("question.closed", _("Questions about this call are no longer accepted."))
    text = text.strip()
    if len(text) < 10:
        raise Invalid("question.too_short", _("Write your question in a few words at least."))
    question = Question.objects.create(call=call, asked_by=user, language=language, **{f"text_{language}": text})
    activity_record(actor=user, verb="call.question", obj=call, details={"question": question.pk})
    return question


@transaction.atomic
def question_answer(
    *, question: Question, actor, answers: dict[str, str], texts: dict[str, str] | None = None
) -> Question:
    """Publish staff's answer (and, optionally, the question in other languages); tell asker and followers."""
    question = Question.objects.select_for_update(of=("self",)).select_related("call", "asked_by").get(pk=question.pk)
    if question.answered_at is not None:
        raise Conflict("question.answered", _("This question has already been answered."))
    if not any((answer or "").strip() for answer in answers.values()):
        raise Invalid("answer.empty", _("Write the answer in at least one language."))
    for language, answer in answers.items():
        setattr(question, f"answer_{language}", (answer or "").strip())
    for language, text in (texts or {}).items():
        if text and text.strip():
            setattr(question, f"text_{language}", text.strip())
    question.answered_at = timezone.now()
    question.answered_by = actor
    question.save()
    call = question.call
    _touch(call)
    activity_record(actor=actor, verb="call.answer", obj=call, details={"question": question.pk})
    if question.asked_by is not None:
        queue_email(
            to=question.asked_by.email,
            language=recipient_language(question.asked_by),
            template="grants/emails/answer",
            context={"call": call, "question": question, "user": question.asked_by},
        )
    _notify_followers(call, template="grants/emails/answer", context={"question": question}, skip=question.asked_by)
    return question


def call_follow(*, call: Call, user) -> CallFollower:
    follower, _created = CallFollower.objects.get_or_create(call=call, user=user)
    return follower


def call_unfollow(*, call: Call, user) -> None:
    CallFollower.objects.filter(call=call, user=user).delete()
