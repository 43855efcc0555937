"""A call's life: states, copies, announcements, questions and answers, followers."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from ecodialogue.core.errors import Conflict, Forbidden, Invalid
from ecodialogue.core.models import ActivityEntry
from ecodialogue.grants import services
from ecodialogue.grants.models import Call, CallTransition, Question

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


class TestStates:
    def test_a_complete_draft_is_announced_and_the_step_is_logged(self, draft_call, call_staff):
        services.call_transition(call=draft_call, actor=call_staff, to="announced", note="Жарияланды")
        draft_call.refresh_from_db()
        assert draft_call.status == "announced"
        step = CallTransition.objects.get()
        assert (step.from_status, step.to_status, step.actor, step.note) == (
            "draft",
            "announced",
            call_staff,
            "Жарияланды",
        )
        assert ActivityEntry.objects.for_object(draft_call).filter(verb="call.transition").exists()

    def test_an_incomplete_draft_cannot_leave_draft(self, draft_call, call_staff):
        draft_call.criteria.all().delete()
        with pytest.raises(Invalid) as refused:
            services.call_transition(call=draft_call, actor=call_staff, to="announced")
        assert refused.value.code == "call.criteria"
        draft_call.refresh_from_db()
        assert draft_call.status == "draft" and not CallTransition.objects.exists()

    @pytest.mark.parametrize(
        ("start", "to"), [("draft", "decided"), ("open", "draft"), ("completed", "open"), ("closed", "decided")]
    )
    def test_transitions_outside_the_table_are_refused(self, draft_call, call_staff, start, to):
        Call.objects.filter(pk=draft_call.pk).update(status=start)
        with pytest.raises(Conflict) as refused:
            services.call_transition(call=draft_call, actor=call_staff, to=to)
        assert refused.value.code == "call.transition"

    def test_closing_waits_for_the_deadline_by_the_servers_clock(self, open_call, call_staff):
        just_before = open_call.deadline - datetime.timedelta(seconds=1)
        with pytest.raises(Invalid) as refused:
            services.call_transition(call=open_call, actor=call_staff, to="closed", now=just_before)
        assert refused.value.code == "call.deadline_not_passed"
        services.call_transition(call=open_call, actor=call_staff, to="closed", now=open_call.deadline)
        open_call.refresh_from_db()
        assert open_call.status == "closed"

    def test_reopening_needs_a_future_deadline(self, draft_call, call_staff):
        Call.objects.filter(pk=draft_call.pk).update(status="closed")
        with pytest.raises(Invalid) as refused:
            services.call_transition(call=draft_call, actor=call_staff, to="open")
        assert refused.value.code == "call.deadline_passed"


def test_a_copy_is_a_draft_with_the_same_rules_and_no_dates(open_call, call_staff):
    copy = services.call_clone(call=open_call, actor=call_staff, code="ecodialogue-2028")
    assert copy.status == "draft" and copy.deadline is None and copy.opens_at is None
    assert copy.title_ru == open_call.title_ru and copy.grant_max == open_call.grant_max
    assert list(copy.criteria.values_list("name_kk", flat=True)) == list(
        open_call.criteria.values_list("name_kk", flat=True)
    )
    assert copy.budget_categories.count() == 4 and copy.required_documents.count() == 5
    assert copy.priorities.count() == open_call.priorities.count()
    assert open_call.criteria.count() == 6  # the original keeps its own
    with pytest.raises(Conflict):
        services.call_clone(call=open_call, actor=call_staff, code="ecodialogue-2028")


class TestQuestions:
    def test_a_question_is_accepted_until_the_questions_deadline(self, open_call, outsider):
        until = open_call.questions_until
        services.question_ask(
            call=open_call, user=outsider, text="Бастамашыл топ қатыса ала ма?", language="kk", now=until
        )
        with pytest.raises(Invalid) as refused:
            services.question_ask(
                call=open_call, user=outsider, text="Бастамашыл топ қатыса ала ма?", language="kk",
                now=until + datetime.timedelta(seconds=1),
            )  # fmt: skip
        assert refused.value.code == "question.closed"
        assert Question.objects.get().text_kk == "Бастамашыл топ қатыса ала ма?"

    def test_questions_need_a_person_and_some_words(self, open_call, outsider):
        from django.contrib.auth.models import AnonymousUser

        with pytest.raises(Forbidden):
            services.question_ask(call=open_call, user=AnonymousUser(), text="Сұрақ бар ма екен?", language="kk")
        with pytest.raises(Invalid) as refused:
            services.question_ask(call=open_call, user=outsider, text="  ?  ", language="kk")
        assert refused.value.code == "question.too_short"

    def test_a_closed_call_takes_no_questions(self, draft_call, outsider):
        Call.objects.filter(pk=draft_call.pk).update(
            status="closed", questions_until=timezone.now() + datetime.timedelta(days=1)
        )
        draft_call.refresh_from_db()
        with pytest.raises(Invalid):
            services.question_ask(call=draft_call, user=outsider, text="Мерзім ұзартыла ма?", language="kk")

    def test_the_answer_is_published_and_mailed_to_asker_and_followers_in_their_languages(
        self, open_call, outsider, call_staff, committed
    ):
        follower = UserFactory(email="follower@example.kz", preferred_language="ru")
        services.call_follow(call=open_call, user=follower)
        services.call_follow(call=open_call, user=outsider)  # the asker also follows: one e-mail, not two
        question = services.question_ask(
            call=open_call, user=outsider, text="Бастамашыл топ қатыса ала ма?", language="kk"
        )
        mail.outbox.clear()
        with committed():
            services.question_answer(
                question=question, actor=call_staff,
                answers={"kk": "Иә, ҮЕҰ-мен серіктестікте.", "ru": "Да, в партнёрстве с НПО.", "en": ""},
                texts={"ru": "Может ли участвовать инициативная группа?"},
            )  # fmt: skip
        question.refresh_from_db()
        assert question.is_published and question.answered_by == call_staff
        assert question.text_ru == "Может ли участвовать инициативная группа?"
        assert sorted(m.to[0] for m in mail.outbox) == ["follower@example.kz", "outsider@example.kz"]
        russian = next(m for m in mail.outbox if m.to == ["follower@example.kz"])
        assert "Да, в партнёрстве с НПО." in russian.body and "/ru/calls/open-call/" in russian.body
        kazakh = next(m for m in mail.outbox if m.to == ["outsider@example.kz"])
        assert "Иә, ҮЕҰ-мен серіктестікте." in kazakh.body
        with pytest.raises(Conflict):
            services.question_answer(question=question, actor=call_staff, answers={"kk": "Тағы"})

    def test_an_empty_answer_is_refused(self, open_call, outsider, call_staff):
        question = services.question_ask(
            call=open_call, user=outsider, text="Бастамашыл топ қатыса ала ма?", language="kk"
        )
        with pytest.raises(Invalid) as refused:
            services.question_answer(question=question, actor=call_staff, answers={"kk": " ", "ru": ""})
        assert refused.value.code == "answer.empty"
        question.refresh_from_db()
        assert not question.is_published


class TestAnnouncements:
    def test_followers_are_told_in_their_language(self, open_call, call_staff, committed):
        follower = UserFactory(email="follower@example.kz", preferred_language="ru")
        services.call_follow(call=open_call, user=follower)
        with committed():
            services.announcement_publish(
                call=open_call, actor=call_staff,
                texts={
                    "kk": {"title": "Сессия", "body": "Сессия 22 сәуірде."},
                    "ru": {"title": "Сессия", "body": "Сессия 22 апреля."},
                },
            )  # fmt: skip
        assert [m.to for m in mail.outbox] == [["follower@example.kz"]]
        assert "Сессия 22 апреля." in mail.outbox[0].body

    def test_unfollowing_stops_the_emails(self, open_call, call_staff, outsider, committed):
        services.call_follow(call=open_call, user=outsider)
        services.call_unfollow(call=open_call, user=outsider)
        with committed():
            services.announcement_publish(
                call=open_call, actor=call_staff, texts={"kk": {"title": "Т", "body": "Мәтін"}}
            )
        assert mail.outbox == []

    def test_an_empty_announcement_or_a_draft_call_is_refused(self, open_call, draft_call, call_staff):
        with pytest.raises(Invalid) as refused:
            services.announcement_publish(
                call=open_call, actor=call_staff, texts={"kk": {"title": "Тек тақырып", "body": ""}}
            )
        assert refused.value.code == "announcement.empty"
        with pytest.raises(Invalid) as refused:
            services.announcement_publish(call=draft_call, actor=call_staff, texts={"kk": {"title": "Т", "body": "М"}})
        assert refused.value.code == "call.not_public"


def test_the_configuration_is_checked_again_when_an_announced_call_opens(draft_call, call_staff):
    services.call_transition(call=draft_call, actor=call_staff, to="announced")
    draft_call.criteria.all().delete()
    with pytest.raises(Invalid) as refused:
        services.call_transition(call=draft_call, actor=call_staff, to="open", now=draft_call.opens_at)
    assert refused.value.code == "call.criteria"
