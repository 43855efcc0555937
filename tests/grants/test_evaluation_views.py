"""Evaluation pages for everyone who may or may not use them: screening, the commission, an evaluator's work.

The story: a consortium's application is submitted and the call is under review. Staff pass it in
the screening; two experts (with two-factor authentication) are assigned to it and a third sits on
the commission unassigned. The lead NGO's head, an outsider, staff of another grant-maker and the
other expert try every page and every form, and only the right person gets through.
"""

import datetime
from decimal import Decimal

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ecodialogue.grants import applications, evaluation
from ecodialogue.grants.models import (
    Application,
    Assignment,
    Call,
    CommissionMember,
    Consortium,
    ConsortiumMember,
    Score,
    Screening,
)

from ..conftest import make_call
from ..factories import OrganizationFactory, UserFactory
from .conftest import LEAD_FORM

pytestmark = pytest.mark.django_db

ANON, OUTSIDER, LEAD_HEAD, OTHER_EVALUATOR, EVALUATOR, CALL_STAFF, OTHER_STAFF = (
    "anonymous", "outsider", "lead head", "another evaluator", "the evaluator", "call staff", "other staff",
)  # fmt: skip
EVERYONE = [ANON, OUTSIDER, LEAD_HEAD, OTHER_EVALUATOR, EVALUATOR, CALL_STAFF, OTHER_STAFF]
SECRET_COMMENT = "Екінші сарапшының жасырын пікірі"


def evaluator(email: str, *, totp: bool = True):
    user = UserFactory(email=email, preferred_language="ru")
    if totp:
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def full_scores(call, value: int = 8, comment: str = "Негіздеме") -> dict:
    """The scoring form filled in: every criterion scored and commented."""
    data = {}
    for criterion in call.criteria.all():
        data[f"score_{criterion.pk}"] = str(value)
        data[f"comment_{criterion.pk}"] = f"{comment} {criterion.pk}"
    return data


def score_and_submit(assignment, user, value=8, comment="Негіздеме"):
    criteria = assignment.application.call.criteria.all()
    evaluation.conflict_declare(assignment=assignment, actor=user, conflict=False)
    evaluation.scores_save(assignment=assignment, actor=user, scores={c.pk: (value, comment) for c in criteria})
    return evaluation.assignment_submit(assignment=assignment, actor=user)


@pytest.fixture
def submitted(complete_application, lead_head, network_call):
    applications.application_submit(application=complete_application, actor=lead_head)
    Call.objects.filter(pk=network_call.pk).update(status=Call.Status.UNDER_REVIEW)
    complete_application.refresh_from_db()
    return complete_application


@pytest.fixture
def expert(db):
    return evaluator("expert@example.kz")


@pytest.fixture
def other_expert(db):
    return evaluator("other-expert@example.kz")


@pytest.fixture
def reserve(db):
    return evaluator("reserve@example.kz")


@pytest.fixture
def assigned(submitted, call_staff, expert, other_expert, reserve):
    """The application passed; the expert and the other expert assigned to it; the reserve unassigned."""
    evaluation.screening_decide(application=submitted, actor=call_staff, result="passed")
    members = {
        user: evaluation.commission_appoint(call=submitted.call, actor=call_staff, email=user.email)
        for user in (expert, other_expert, reserve)
    }
    for user in (expert, other_expert):
        evaluation.assignment_add(application=submitted, member=members[user], actor=call_staff)
    return submitted


@pytest.fixture
def assignment(assigned, expert):
    return Assignment.objects.get(member__user=expert)


@pytest.fixture
def other_assignment(assigned, other_expert):
    return Assignment.objects.get(member__user=other_expert)


@pytest.fixture
def people(outsider, lead_head, other_expert, expert, call_staff, staff):
    return {
        ANON: None, OUTSIDER: outsider, LEAD_HEAD: lead_head, OTHER_EVALUATOR: other_expert, EVALUATOR: expert,
        CALL_STAFF: call_staff, OTHER_STAFF: staff,
    }  # fmt: skip


def assert_login_redirect(response):
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def assert_totp_redirect(response):
    assert response.status_code == 302 and response["Location"].endswith("/account/2fa/totp/activate/")


# --- Staff pages: who may see and do what -----------------------------------------

STAFF_ONLY = {
    ANON: 302, OUTSIDER: 403, LEAD_HEAD: 403, OTHER_EVALUATOR: 403, EVALUATOR: 403, CALL_STAFF: 200,
    OTHER_STAFF: 403,
}  # fmt: skip


@pytest.mark.parametrize("page", ["screening", "commission"])
@pytest.mark.parametrize("who", EVERYONE)
def test_who_opens_the_staff_pages(client_for, people, assigned, page, who):
    response = client_for(people[who]).get(f"/kk/calls/{assigned.call.code}/manage/{page}/")
    if who == ANON:
        assert_login_redirect(response)
        return
    assert response.status_code == STAFF_ONLY[who]
    if response.status_code == 200:
        assert assigned.number in response.content.decode()


def _staff_actions(application, expert_assignment, other_assignment_, reserve_member):
    """Each staff form: the URL, what is posted, and whether its effect is in the database."""
    base = f"/kk/calls/{application.call.code}/manage"
    return {
        "screening-decide": (
            f"{base}/screening/{application.pk}/",
            {"result": "failed", "reason": "Анықтама оқылмайды"},
            lambda: Screening.objects.get(application=application).result == "failed",
        ),
        "commission-appoint": (
            f"{base}/commission/appoint/",
            {"email": "new-member@example.kz"},
            lambda: CommissionMember.objects.filter(email="new-member@example.kz").exists(),
        ),
        "commission-remove": (
            f"{base}/commission/{reserve_member.pk}/remove/",
            {},
            lambda: not CommissionMember.objects.get(pk=reserve_member.pk).active,
        ),
        "assignments-auto": (
            f"{base}/commission/assign/",
            {},
            lambda: Assignment.objects.filter(member=reserve_member).exists(),
        ),
        "assignment-add": (
            f"{base}/commission/applications/{application.pk}/assign/",
            {"member": reserve_member.pk},
            lambda: Assignment.objects.filter(member=reserve_member).exists(),
        ),
        "assignment-remove": (
            f"{base}/commission/assignments/{other_assignment_.pk}/remove/",
            {},
            lambda: not Assignment.objects.filter(pk=other_assignment_.pk).exists(),
        ),
        "assignment-remind": (
            f"{base}/commission/assignments/{expert_assignment.pk}/remind/",
            {},
            lambda: Assignment.objects.get(pk=expert_assignment.pk).reminded_at is not None,
        ),
    }


STAFF_ACTIONS = [
    "screening-decide", "commission-appoint", "commission-remove", "assignments-auto", "assignment-add",
    "assignment-remove", "assignment-remind",
]  # fmt: skip


@pytest.mark.parametrize("action", STAFF_ACTIONS)
@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_calls_staff_screen_appoint_assign_and_remind(
    client_for, people, assigned, assignment, other_assignment, reserve, action, who
):
    reserve_member = CommissionMember.objects.get(user=reserve)
    url, data, done = _staff_actions(assigned, assignment, other_assignment, reserve_member)[action]
    response = client_for(people[who]).post(url, data)
    if who == ANON:
        assert_login_redirect(response)
    elif who == CALL_STAFF:
        assert response.status_code == 302 and "/manage/" in response["Location"]
        assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    else:
        assert response.status_code == 403
    assert done() is (who == CALL_STAFF)


def test_staff_pages_of_an_unknown_call_are_404(client_for, call_staff, assigned):
    assert client_for(call_staff).get("/kk/calls/no-such-call/manage/screening/").status_code == 404


def test_an_application_of_another_call_is_404_on_this_calls_forms(
    client_for, call_staff, assigned, grant_maker, themes
):
    other = make_call(grant_maker, code="other-call", status=Call.Status.UNDER_REVIEW)
    response = client_for(call_staff).post(
        f"/kk/calls/{other.code}/manage/screening/{assigned.pk}/", {"result": "passed"}
    )
    assert response.status_code == 404


# --- Screening ---------------------------------------------------------------------


class TestScreening:
    def test_the_list_shows_each_application_with_its_findings_and_result(self, client_for, call_staff, assigned):
        body = client_for(call_staff).get(f"/kk/calls/{assigned.call.code}/manage/screening/").content.decode()
        assert assigned.number in body and assigned.consortium.lead.name_kk in body
        assert "11\u00a0000" in body  # the requested amount
        assert f'action="/kk/calls/{assigned.call.code}/manage/screening/{assigned.pk}/"' in body

    def test_a_failure_needs_a_reason_the_message_says_so_and_nothing_is_saved(self, client_for, call_staff, submitted):
        response = client_for(call_staff).post(
            f"/en/calls/{submitted.call.code}/manage/screening/{submitted.pk}/",
            {"result": "failed", "reason": " "},
            follow=True,
        )
        assert response.status_code == 200
        assert "Write the reason: the applicant will read it." in response.content.decode()
        assert not Screening.objects.exists()

    def test_a_failure_with_its_reason_is_saved_and_shown(self, client_for, call_staff, submitted):
        client = client_for(call_staff)
        response = client.post(
            f"/kk/calls/{submitted.call.code}/manage/screening/{submitted.pk}/",
            {"result": "failed", "reason": "Тіркеу куәлігі ескірген", "page": "1"},
        )
        assert response["Location"].endswith(f"/manage/screening/?page=1#application-{submitted.pk}")
        screening = Screening.objects.get()
        assert screening.result == "failed" and screening.decided_by == call_staff
        assert "Тіркеу куәлігі ескірген" in client.get(response["Location"]).content.decode()

    def test_a_result_that_is_neither_is_refused(self, client_for, call_staff, submitted):
        response = client_for(call_staff).post(
            f"/en/calls/{submitted.call.code}/manage/screening/{submitted.pk}/", {"result": "maybe"}, follow=True
        )
        assert "Choose whether the application passes the screening" in response.content.decode()
        assert not Screening.objects.exists()


# --- The commission page -------------------------------------------------------------


class TestCommission:
    def test_members_with_their_progress_and_applications_with_their_assignments(
        self, client_for, call_staff, assigned, assignment, expert, other_expert
    ):
        score_and_submit(Assignment.objects.get(member__user=other_expert), other_expert)
        response = client_for(call_staff).get(f"/kk/calls/{assigned.call.code}/manage/commission/")
        members = {m.user: m for m in response.context["members"]}
        assert (members[expert].assigned, members[expert].done) == (1, 0)
        assert (members[other_expert].assigned, members[other_expert].done) == (1, 1)
        row = response.context["rows"][0]
        assert [a.status for a in row["assignments"]] == ["assigned", "submitted"]
        assert [m.user for m in row["available"]] == [CommissionMember.objects.get(email="reserve@example.kz").user]
        body = response.content.decode()
        assert "expert@example.kz" in body and "reserve@example.kz" in body

    def test_a_refusal_of_the_service_is_shown(self, client_for, call_staff, assigned, expert):
        response = client_for(call_staff).post(
            f"/en/calls/{assigned.call.code}/manage/commission/appoint/", {"email": expert.email}, follow=True
        )
        assert response.status_code == 200
        assert "This person is already a member of the commission." in response.content.decode()
        assert CommissionMember.objects.filter(email=expert.email).count() == 1

    def test_a_reminder_is_an_email_to_the_evaluator(self, client_for, call_staff, assignment, committed):
        with committed():
            client_for(call_staff).post(
                f"/kk/calls/{assignment.application.call.code}/manage/commission/assignments/{assignment.pk}/remind/"
            )
        assert any("expert@example.kz" in m.to for m in mail.outbox)

    def test_an_invited_person_is_bound_to_the_seat_on_their_first_visit(self, client_for, call_staff, assigned):
        client_for(call_staff).post(
            f"/kk/calls/{assigned.call.code}/manage/commission/appoint/", {"email": "newcomer@example.kz"}
        )
        assert CommissionMember.objects.get(email="newcomer@example.kz").user is None
        # Signed up with that address, not yet with two-factor: the seat is theirs before anything else.
        newcomer = evaluator("newcomer@example.kz", totp=False)
        assert_totp_redirect(client_for(newcomer).get("/kk/evaluation/"))
        assert CommissionMember.objects.get(email="newcomer@example.kz").user == newcomer


# --- Evaluators: who may see and do what --------------------------------------------

EVALUATOR_ONLY = {
    ANON: "login", OUTSIDER: "totp", LEAD_HEAD: "totp", OTHER_EVALUATOR: 404, EVALUATOR: 200, CALL_STAFF: 404,
    OTHER_STAFF: 404,
}  # fmt: skip


def check(response, expected):
    if expected == "login":
        assert_login_redirect(response)
    elif expected == "totp":
        assert_totp_redirect(response)
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("who", EVERYONE)
def test_who_opens_the_evaluation_home(client_for, people, assignment, who):
    response = client_for(people[who]).get("/kk/evaluation/")
    check(response, {ANON: "login", OUTSIDER: "totp", LEAD_HEAD: "totp"}.get(who, 200))
    if response.status_code == 200:
        assert (f'href="/kk/evaluation/{assignment.pk}/"' in response.content.decode()) is (who == EVALUATOR)


@pytest.mark.parametrize("who", EVERYONE)
def test_who_opens_an_assignment(client_for, people, assignment, who):
    check(client_for(people[who]).get(f"/kk/evaluation/{assignment.pk}/"), EVALUATOR_ONLY[who])


def _evaluator_actions(assignment):
    base = f"/kk/evaluation/{assignment.pk}"
    call = assignment.application.call
    return {
        "declare": (f"{base}/declare/", {"conflict": "no"}, lambda a: a.conflict is False),
        "score": (f"{base}/scores/", full_scores(call), lambda a: a.scores.count() == call.criteria.count()),
        "submit": (f"{base}/submit/", full_scores(call), lambda a: a.status == Assignment.Status.SUBMITTED),
    }


@pytest.mark.parametrize("action", ["declare", "score", "submit"])
@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_assigned_evaluator_declares_scores_and_submits(client_for, people, assignment, expert, action, who):
    if action != "declare":
        evaluation.conflict_declare(assignment=assignment, actor=expert, conflict=False)
    url, data, done = _evaluator_actions(assignment)[action]
    response = client_for(people[who]).post(url, data)
    check(response, {**EVALUATOR_ONLY, EVALUATOR: 302}[who])
    assignment.refresh_from_db()
    assert done(assignment) is (who == EVALUATOR)


def test_an_evaluator_without_two_factor_is_sent_to_set_it_up(client_for, assigned, call_staff):
    person = evaluator("no-totp@example.kz", totp=False)
    member = evaluation.commission_appoint(call=assigned.call, actor=call_staff, email=person.email)
    mine = evaluation.assignment_add(application=assigned, member=member, actor=call_staff)
    client = client_for(person)
    for url in ("/en/evaluation/", f"/en/evaluation/{mine.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/en/account/2fa/totp/activate/"
        assert any("must use two-factor authentication" in m for m in messages_of(response))
    response = client.post(f"/en/evaluation/{mine.pk}/declare/", {"conflict": "no"})
    assert response.status_code == 302 and "/2fa/" in response["Location"]
    mine.refresh_from_db()
    assert mine.conflict is None


def test_someone_elses_assignment_is_404_even_with_two_factor(client_for, assignment):
    stranger = evaluator("stranger@example.kz")
    assert client_for(stranger).get(f"/kk/evaluation/{assignment.pk}/").status_code == 404


def test_a_member_taken_off_the_commission_loses_the_page(client_for, assignment, expert, call_staff):
    evaluation.conflict_declare(assignment=assignment, actor=expert, conflict=False)
    CommissionMember.objects.filter(pk=assignment.member_id).update(active=False)
    assert client_for(expert).get(f"/kk/evaluation/{assignment.pk}/").status_code == 404


# --- The declaration of conflict of interest -------------------------------------------


PILOT_TITLE = "Ауылдағы қалдықтарды бөлек жинау"


class TestDeclaration:
    def test_before_declaring_the_application_is_not_shown(self, client_for, expert, assignment):
        body = client_for(expert).get(f"/kk/evaluation/{assignment.pk}/").content.decode()
        assert f'action="/kk/evaluation/{assignment.pk}/declare/"' in body
        assert assignment.application.consortium.lead.name_kk in body  # who to judge a conflict about
        assert LEAD_FORM["summary"] not in body and PILOT_TITLE not in body
        assert "/documents/" not in body and 'name="score_' not in body

    def test_before_declaring_the_documents_are_closed(self, client_for, expert, assignment):
        document = assignment.application.documents.first()
        response = client_for(expert).get(f"/kk/applications/{assignment.application_id}/documents/{document.pk}/")
        assert response.status_code == 404

    def test_no_conflict_opens_the_whole_application(self, client_for, expert, assignment):
        client = client_for(expert)
        response = client.post(f"/kk/evaluation/{assignment.pk}/declare/", {"conflict": "no"}, follow=True)
        body = response.content.decode()
        assert LEAD_FORM["summary"] in body and PILOT_TITLE in body
        assert "Бөлек жиналған қалдықтар" in body  # an indicator
        assert "Тұрғындармен кездесу" in body  # an activity
        assert "Контейнер" in body and "2\u00a0750" in body and "11\u00a0000" in body  # lines and totals
        document = assignment.application.documents.first()
        assert f"/kk/applications/{assignment.application_id}/documents/{document.pk}/" in body
        assert body.count('name="score_') == assignment.application.call.criteria.count()
        assignment.refresh_from_db()
        assert assignment.conflict is False and assignment.declared_at is not None

    def test_after_no_conflict_the_evaluator_reads_the_documents(self, client_for, expert, assignment):
        # Needs the rule in permissions.py that lets an assigned evaluator (no conflict) read the application.
        evaluation.conflict_declare(assignment=assignment, actor=expert, conflict=False)
        document = assignment.application.documents.first()
        response = client_for(expert).get(
            f"/kk/applications/{assignment.application_id}/documents/{document.pk}/?inline=1"
        )
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")

    def test_a_conflict_hides_the_application_for_good(self, client_for, expert, assignment):
        client = client_for(expert)
        client.post(f"/kk/evaluation/{assignment.pk}/declare/", {"conflict": "yes", "note": "Мен осы ҮЕҰ кеңесшісімін"})
        assignment.refresh_from_db()
        assert assignment.status == Assignment.Status.CONFLICT and assignment.conflict_note
        body = client.get(f"/kk/evaluation/{assignment.pk}/").content.decode()
        assert "Мен осы ҮЕҰ кеңесшісімін" in body
        assert LEAD_FORM["summary"] not in body and PILOT_TITLE not in body and "/documents/" not in body
        assert 'name="score_' not in body and "/declare/" not in body
        document = assignment.application.documents.first()
        assert client.get(f"/kk/applications/{assignment.application_id}/documents/{document.pk}/").status_code == 404
        # Scores cannot come in through the back door either.
        response = client.post(f"/kk/evaluation/{assignment.pk}/scores/", full_scores(assignment.application.call))
        assert response.status_code == 422 and not Score.objects.exists()

    def test_a_declaration_without_a_choice_is_refused(self, client_for, expert, assignment):
        response = client_for(expert).post(f"/kk/evaluation/{assignment.pk}/declare/", {"note": "?"})
        assert response.status_code == 422 and messages_of(response)
        assignment.refresh_from_db()
        assert assignment.conflict is None

    def test_a_declaration_is_made_once(self, client_for, expert, assignment):
        client = client_for(expert)
        client.post(f"/kk/evaluation/{assignment.pk}/declare/", {"conflict": "no"})
        response = client.post(f"/kk/evaluation/{assignment.pk}/declare/", {"conflict": "yes"})
        assert response.status_code == 302 and messages_of(response)
        assignment.refresh_from_db()
        assert assignment.conflict is False


# --- Scoring -------------------------------------------------------------------------


@pytest.fixture
def opened(assignment, expert):
    """The expert declared no conflict: the application is open to them."""
    return evaluation.conflict_declare(assignment=assignment, actor=expert, conflict=False)


class TestScoring:
    def test_a_draft_keeps_what_is_typed_even_half_done(self, client_for, expert, opened):
        first, second = opened.application.call.criteria.order_by("position")[:2]
        client = client_for(expert)
        response = client.post(
            f"/kk/evaluation/{opened.pk}/scores/",
            {f"score_{first.pk}": "7", f"comment_{first.pk}": "Жақсы", f"comment_{second.pk}": "Ойлану керек"},
        )
        assert response.status_code == 302 and response["Location"].endswith(f"/evaluation/{opened.pk}/#scores")
        scores = {s.criterion_id: s for s in Score.objects.filter(assignment=opened)}
        assert (scores[first.pk].score, scores[first.pk].comment) == (7, "Жақсы")
        assert (scores[second.pk].score, scores[second.pk].comment) == (None, "Ойлану керек")
        body = client.get(f"/kk/evaluation/{opened.pk}/").content.decode()
        assert "Ойлану керек" in body and 'value="7"' in body
        opened.refresh_from_db()
        assert opened.status == Assignment.Status.IN_PROGRESS

    def test_a_score_above_the_maximum_is_refused_and_nothing_is_saved(self, client_for, expert, opened):
        criterion = opened.application.call.criteria.first()
        response = client_for(expert).post(
            f"/kk/evaluation/{opened.pk}/scores/",
            {f"score_{criterion.pk}": str(criterion.max_score + 1), f"comment_{criterion.pk}": "Өте жақсы"},
        )
        assert response.status_code == 422 and messages_of(response)
        assert "Өте жақсы" in response.content.decode()  # what was typed stays on the page
        assert not Score.objects.exists()

    def test_an_incomplete_submission_is_refused_but_kept_as_a_draft(self, client_for, expert, opened):
        data = full_scores(opened.application.call)
        last = opened.application.call.criteria.order_by("position").last()
        data[f"comment_{last.pk}"] = ""
        response = client_for(expert).post(f"/kk/evaluation/{opened.pk}/submit/", data)
        assert response.status_code == 422
        assert any(last.name in m for m in messages_of(response))
        opened.refresh_from_db()
        assert opened.status == Assignment.Status.IN_PROGRESS
        assert Score.objects.filter(assignment=opened, score=8).count() == opened.application.call.criteria.count()

    def test_submitted_scores_are_read_only(self, client_for, expert, opened):
        client = client_for(expert)
        response = client.post(f"/kk/evaluation/{opened.pk}/submit/", full_scores(opened.application.call, value=9))
        assert response.status_code == 302
        opened.refresh_from_db()
        assert opened.status == Assignment.Status.SUBMITTED and opened.submitted_at is not None
        page = client.get(f"/kk/evaluation/{opened.pk}/")
        body = page.content.decode()
        assert 'name="score_' not in body and "/scores/" not in body
        assert page.context["own"]["total"] == Decimal("90.00")  # 9 of 10 on every criterion
        again = client.post(f"/kk/evaluation/{opened.pk}/scores/", full_scores(opened.application.call, value=1))
        assert again.status_code == 409 and messages_of(again)
        assert not Score.objects.filter(assignment=opened, score=1).exists()

    def test_a_submission_without_the_fields_does_not_blank_the_draft(self, client_for, expert, opened):
        call = opened.application.call
        evaluation.scores_save(
            assignment=opened, actor=expert, scores={c.pk: (6, "Дайын") for c in call.criteria.all()}
        )
        response = client_for(expert).post(f"/kk/evaluation/{opened.pk}/submit/", {})
        assert response.status_code == 302
        assert Score.objects.filter(assignment=opened, score=6, comment="Дайын").count() == call.criteria.count()


class TestOthersScores:
    def test_hidden_before_my_own_submission(self, client_for, expert, other_expert, opened, other_assignment):
        score_and_submit(other_assignment, other_expert, value=3, comment=SECRET_COMMENT)
        response = client_for(expert).get(f"/en/evaluation/{opened.pk}/")
        body = response.content.decode()
        assert SECRET_COMMENT not in body and "Evaluator 2" not in body
        assert "others" not in response.context

    def test_shown_anonymised_after_it_when_the_call_allows(
        self, client_for, expert, other_expert, opened, other_assignment
    ):
        score_and_submit(other_assignment, other_expert, value=3, comment=SECRET_COMMENT)
        client = client_for(expert)
        client.post(f"/kk/evaluation/{opened.pk}/submit/", full_scores(opened.application.call))
        response = client.get(f"/en/evaluation/{opened.pk}/")
        body = response.content.decode()
        assert SECRET_COMMENT in body and "Evaluator 2" in body
        assert other_expert.email not in body and str(other_expert) not in body
        # Numbered in the order of the assignments, as the applicant will read them: the expert was first.
        assert [e["number"] for e in response.context["others"]] == [2]
        assert response.context["own"]["number"] == 1
        assert response.context["others"][0]["total"] == Decimal("30.00")

    def test_never_shown_when_the_call_says_no(self, client_for, expert, other_expert, opened, other_assignment):
        Call.objects.filter(pk=opened.application.call_id).update(evaluators_see_others=False)
        score_and_submit(other_assignment, other_expert, value=3, comment=SECRET_COMMENT)
        client = client_for(expert)
        client.post(f"/kk/evaluation/{opened.pk}/submit/", full_scores(opened.application.call))
        response = client.get(f"/kk/evaluation/{opened.pk}/")
        assert response.context["others"] is None
        assert SECRET_COMMENT not in response.content.decode()


# --- Query counts of the staff lists --------------------------------------------------


def _many_applications(call, count: int, members) -> None:
    """Submitted applications straight in the database: the lists only read them."""
    now = timezone.now()
    for n in range(count):
        lead = OrganizationFactory()
        consortium = Consortium.objects.create(call=call, lead=lead)
        ConsortiumMember.objects.create(
            consortium=consortium, call=call, organization=lead, is_lead=True, status=ConsortiumMember.Status.ACCEPTED
        )
        application = Application.objects.create(
            consortium=consortium, call=call, language="kk", status=Application.Status.SUBMITTED,
            number=f"BULK-{n:03d}", submitted_at=now - datetime.timedelta(minutes=n), total_amount=Decimal("11000"),
            checklist_errors=n % 3,
        )  # fmt: skip
        if n % 2:
            Screening.objects.create(application=application, result="passed")
            for member in members:
                Assignment.objects.create(application=application, member=member)


@pytest.mark.parametrize("page", ["screening", "commission"])
def test_the_staff_lists_do_not_grow_with_the_applications(client_for, call_staff, assigned, page):
    members = list(CommissionMember.objects.filter(call=assigned.call))
    client = client_for(call_staff)
    url = f"/kk/calls/{assigned.call.code}/manage/{page}/"
    client.get(url)  # the session is written once, on the first page

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    _many_applications(assigned.call, 30, members)
    many = queries()
    assert many <= 15
    assert many == few


def test_the_evaluators_page_reads_the_whole_application_in_a_few_queries(
    client_for, expert, opened, django_assert_max_num_queries
):
    client = client_for(expert)
    client.get(f"/kk/evaluation/{opened.pk}/")  # the session is written once, on the first page
    with django_assert_max_num_queries(20):
        assert client.get(f"/kk/evaluation/{opened.pk}/").status_code == 200
