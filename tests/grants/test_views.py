"""Call pages for everyone who may or may not use them."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecodialogue.grants.models import Announcement, Call, CallFollower, Question

from ..factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

ANON, OUTSIDER, NGO_HEAD, OTHER_STAFF, CALL_STAFF = "anonymous", "outsider", "ngo head", "other staff", "call staff"


@pytest.fixture
def people(outsider, head, ngo, staff, call_staff):
    return {ANON: None, OUTSIDER: outsider, NGO_HEAD: head, OTHER_STAFF: staff, CALL_STAFF: call_staff}


MANAGE_PAGES = [
    ("GET", "manage/", {}),
    ("POST", "manage/state/", {"to": "closed"}),
    ("POST", "manage/announcements/", {"title_kk": "Хабар", "body_kk": "Мәтін"}),
    ("POST", "manage/clone/", {"code": "copy-of-call"}),
]


@pytest.mark.parametrize(("method", "suffix", "data"), MANAGE_PAGES, ids=[m + " " + s for m, s, _ in MANAGE_PAGES])
@pytest.mark.parametrize(
    ("who", "status"), [(ANON, 302), (OUTSIDER, 403), (NGO_HEAD, 403), (OTHER_STAFF, 403), (CALL_STAFF, None)]
)
def test_only_the_calls_staff_manage_it(client_for, people, open_call, method, suffix, data, who, status):
    client = client_for(people[who])
    url = f"/kk/calls/{open_call.code}/{suffix}"
    response = client.get(url) if method == "GET" else client.post(url, data)
    if status is None:
        assert response.status_code == (200 if method == "GET" else 302)
    else:
        assert response.status_code == status
        assert not Announcement.objects.exists() and not Call.objects.filter(code="copy-of-call").exists()


@pytest.mark.parametrize(
    ("who", "status"), [(ANON, 404), (OUTSIDER, 404), (NGO_HEAD, 404), (OTHER_STAFF, 404), (CALL_STAFF, 200)]
)
def test_a_draft_is_visible_only_to_its_staff(client_for, people, draft_call, who, status):
    assert client_for(people[who]).get(f"/kk/calls/{draft_call.code}/").status_code == status
    listed = draft_call.title_kk in client_for(people[who]).get("/kk/calls/").content.decode()
    assert listed == (who == CALL_STAFF)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_call_page_renders_the_rules_from_the_configuration(client, open_call, lang):
    page = client.get(f"/{lang}/calls/{open_call.code}/").content.decode()
    assert f'<html lang="{lang}">' in page
    assert "10\u00a0000" in page and "12\u00a0000\u00a0EUR" in page and "60\u00a0000\u00a0EUR" in page
    title = {"kk": open_call.title_kk, "ru": open_call.title_ru, "en": open_call.title_en}[lang]
    assert title in page
    assert open_call.criteria.first().name in page
    assert "Asia/Almaty" in page and "data-countdown" in page


def test_the_call_page_needs_few_queries(client, open_call, outsider):
    for index in range(5):
        Question.objects.create(
            call=open_call,
            asked_by=outsider,
            text_kk=f"Сұрақ {index}",
            answer_kk="Жауап",
            answered_at=open_call.opens_at,
        )
        Announcement.objects.create(call=open_call, title_kk=f"Хабар {index}", body_kk="Мәтін")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/kk/calls/{open_call.code}/").status_code == 200
    assert len(queries) <= 15, [q["sql"] for q in queries]


def test_a_signed_in_person_asks_and_follows(client_for, outsider, open_call):
    client = client_for(outsider)
    response = client.post(f"/kk/calls/{open_call.code}/questions/", {"text": "Бюджетке көлік шығыстары кіре ме?"})
    assert response.status_code == 302
    assert Question.objects.get().text_kk == "Бюджетке көлік шығыстары кіре ме?"
    client.post(f"/kk/calls/{open_call.code}/follow/")
    assert CallFollower.objects.filter(call=open_call, user=outsider).exists()
    client.post(f"/kk/calls/{open_call.code}/follow/", {"follow": "0"})
    assert not CallFollower.objects.exists()


def test_a_late_question_is_refused_and_the_text_kept(client_for, outsider, open_call):
    Call.objects.filter(pk=open_call.pk).update(questions_until=open_call.opens_at)
    response = client_for(outsider).post(f"/ru/calls/{open_call.code}/questions/", {"text": "Можно ли продлить срок?"})
    assert response.status_code == 400
    assert "Можно ли продлить срок?" in response.content.decode()
    assert not Question.objects.exists()


def test_anonymous_people_are_sent_to_sign_in_to_ask(client, open_call):
    response = client.post(f"/kk/calls/{open_call.code}/questions/", {"text": "Бюджетке көлік кіре ме?"})
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_staff_answer_from_the_manage_page(client_for, call_staff, outsider, open_call, committed):
    question = Question.objects.create(
        call=open_call, asked_by=outsider, language="kk", text_kk="Көлік шығыстары кіре ме?"
    )
    with committed():
        response = client_for(call_staff).post(
            f"/kk/calls/{open_call.code}/manage/questions/{question.pk}/",
            {f"q{question.pk}-answer_kk": "Иә, 4-бап бойынша."},
        )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer_kk == "Иә, 4-бап бойынша."
    assert mail.outbox[-1].to == [outsider.email]
    public = client_for(None).get(f"/kk/calls/{open_call.code}/").content.decode()
    assert "Иә, 4-бап бойынша." in public


def test_staff_move_the_call_and_see_why_not(client_for, call_staff, draft_call):
    draft_call.budget_categories.all().delete()
    client = client_for(call_staff)
    page = client.get(f"/kk/calls/{draft_call.code}/manage/").content.decode()
    assert "errorlist" in page
    response = client.post(f"/kk/calls/{draft_call.code}/manage/state/", {"to": "announced"}, follow=True)
    draft_call.refresh_from_db()
    assert draft_call.status == "draft" and response.status_code == 200


def test_another_grant_makers_staff_cannot_answer(client_for, staff, outsider, open_call):
    question = Question.objects.create(call=open_call, asked_by=outsider, text_kk="Сұрақ?")
    response = client_for(staff).post(
        f"/kk/calls/{open_call.code}/manage/questions/{question.pk}/", {f"q{question.pk}-answer_kk": "Жоқ"}
    )
    assert response.status_code == 403
    question.refresh_from_db()
    assert not question.is_published


def test_api_lists_public_calls_and_hides_drafts(client, open_call, draft_call):
    codes = [c["code"] for c in client.get("/api/v1/calls").json()]
    assert codes == [open_call.code]
    body = client.get(f"/api/v1/calls/{open_call.code}", {"lang": "ru"}).json()
    assert body["title"] == open_call.title_ru
    assert body["consortium_min"] == 2 and body["pilots_per_consortium"] == 4 and len(body["criteria"]) == 6
    assert [c["code"] for c in body["budget_categories"]] == ["events", "infrastructure", "materials", "administration"]
    draft = client.get(f"/api/v1/calls/{draft_call.code}")
    assert draft.status_code == 404 and draft.json()["code"] == "not_found"


def test_followers_are_only_people(client_for, open_call):
    assert client_for(None).post(f"/kk/calls/{open_call.code}/follow/").status_code == 302
    assert not CallFollower.objects.exists()


def test_the_call_page_is_cached_but_shows_a_new_announcement_at_once(
    client, open_call, call_staff, django_assert_max_num_queries
):
    from ecodialogue.grants import services

    client.get(f"/kk/calls/{open_call.code}/")
    with django_assert_max_num_queries(2):  # the call, and the grant-maker's name in the header
        assert client.get(f"/kk/calls/{open_call.code}/").status_code == 200
    services.announcement_publish(
        call=open_call, actor=call_staff, texts={"kk": {"title": "Жаңа хабар", "body": "Мәтін"}}
    )
    assert "Жаңа хабар" in client.get(f"/kk/calls/{open_call.code}/").content.decode()


def test_a_grant_makers_staff_edit_their_call_in_the_admin_and_nobody_elses(client_for, call_staff, staff, open_call):
    change = f"/kk/admin/grants/call/{open_call.pk}/change/"
    assert client_for(call_staff).get("/kk/admin/grants/call/").status_code == 200
    assert client_for(call_staff).get(change).status_code == 200
    assert client_for(call_staff).get("/kk/admin/grants/call/add/").status_code == 200
    # staff of no grant-maker: the admin does not open the grants section at all
    assert client_for(staff).get(change).status_code in (302, 403)
    other = UserFactory(is_staff=True)
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=other, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    rival = OrganizationFactory(kind="grant_maker")
    MembershipFactory(organization=rival, user=other, role="head")
    assert client_for(other).get("/kk/admin/grants/call/").status_code == 200
    assert open_call.title_kk not in client_for(other).get("/kk/admin/grants/call/").content.decode()
    assert client_for(other).get(change).status_code in (302, 403, 404)


def test_each_call_is_listed_once_for_its_staff(client_for, call_staff, grant_maker, open_call):
    for _ in range(2):
        MembershipFactory(organization=grant_maker)
    assert [c["code"] for c in client_for(call_staff).get("/api/v1/calls").json()] == [open_call.code]
    assert client_for(call_staff).get("/kk/calls/").content.decode().count(open_call.get_absolute_url()) == 1
