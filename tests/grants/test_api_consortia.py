"""The consortium journey through the API, with a personal token: same services, structured refusals."""

import pytest

from ecodialogue.accounts.services import api_token_create
from ecodialogue.grants.models import Call, CallFollower, Question

from .test_consortia import ngo_with_head

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, key = api_token_create(user=user, name="test")
    return {"authorization": f"Bearer {key}"}


def test_form_invite_accept_through_the_api(client, open_call):
    lead, lead_head = ngo_with_head()
    partner, partner_head = ngo_with_head()
    response = client.post(
        f"/api/v1/calls/{open_call.code}/consortia",
        {"lead_id": lead.pk},
        content_type="application/json",
        headers=bearer(lead_head),
    )
    assert response.status_code == 201
    consortium = response.json()
    assert consortium["lead_id"] == lead.pk and consortium["members"][0]["status"] == "accepted"
    invited = client.post(
        f"/api/v1/consortia/{consortium['id']}/invitations",
        {"organization_id": partner.pk},
        content_type="application/json",
        headers=bearer(lead_head),
    )
    assert invited.status_code == 201 and invited.json()["status"] == "invited"
    member_id = invited.json()["id"]
    accepted = client.post(
        f"/api/v1/consortia/{consortium['id']}/members/{member_id}/accept", headers=bearer(partner_head)
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"


def test_refusals_are_structured(client, open_call, outsider):
    lead, lead_head = ngo_with_head()
    response = client.post(
        f"/api/v1/calls/{open_call.code}/consortia",
        {"lead_id": lead.pk},
        content_type="application/json",
        headers=bearer(outsider),
    )
    assert response.status_code == 403 and response.json()["code"] == "permission.denied"
    Call.objects.filter(pk=open_call.pk).update(status="closed")
    response = client.post(
        f"/api/v1/calls/{open_call.code}/consortia",
        {"lead_id": lead.pk},
        content_type="application/json",
        headers=bearer(lead_head),
    )
    assert response.status_code == 422 and response.json()["code"] == "call.not_open"
    assert (
        client.post(
            f"/api/v1/calls/{open_call.code}/consortia", {"lead_id": lead.pk}, content_type="application/json"
        ).status_code
        == 401
    )


def test_outsiders_do_not_see_consortia(client, open_call, outsider):
    lead, lead_head = ngo_with_head()
    created = client.post(
        f"/api/v1/calls/{open_call.code}/consortia",
        {"lead_id": lead.pk},
        content_type="application/json",
        headers=bearer(lead_head),
    ).json()
    assert client.get(f"/api/v1/consortia/{created['id']}", headers=bearer(outsider)).status_code == 404
    assert client.get(f"/api/v1/consortia/{created['id']}", headers=bearer(lead_head)).status_code == 200
    unknown = client.post(f"/api/v1/consortia/{created['id']}/members/1/explode", headers=bearer(lead_head))
    assert unknown.status_code in (404, 422)


def test_questions_and_following_through_the_api(client, open_call, outsider):
    headers = bearer(outsider)
    response = client.post(
        f"/api/v1/calls/{open_call.code}/questions?lang=ru",
        {"text": "Можно ли участвовать из Костаная?"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201 and response.json()["published"] is False
    assert Question.objects.get().text_ru == "Можно ли участвовать из Костаная?"
    assert client.post(f"/api/v1/calls/{open_call.code}/follow", headers=headers).status_code == 204
    assert CallFollower.objects.filter(user=outsider).exists()
    assert client.delete(f"/api/v1/calls/{open_call.code}/follow", headers=headers).status_code == 204
    assert not CallFollower.objects.exists()
    short = client.post(
        f"/api/v1/calls/{open_call.code}/questions", {"text": "?"}, content_type="application/json", headers=headers
    )
    assert short.status_code == 422 and short.json()["code"] == "question.too_short"
