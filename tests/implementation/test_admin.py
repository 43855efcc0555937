"""The admin shows agreements and reports to the call's staff and changes nothing: pages and services do."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_calls_staff_read_an_agreement_and_cannot_change_it(signed, call_staff, client_for):
    client = client_for(call_staff)
    url = f"/kk/admin/implementation/agreement/{signed.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200
    assert signed.number in response.content.decode()
    assert client.post(url, {"status": "closed"}).status_code == 403
    assert client.post(f"/kk/admin/implementation/agreement/{signed.pk}/delete/").status_code == 403
    signed.refresh_from_db()
    assert signed.status == "signed"


def test_staff_of_another_grant_maker_see_no_agreement(signed, staff, client_for):
    response = client_for(staff).get("/kk/admin/implementation/agreement/")
    assert signed.number not in response.content.decode()


def test_an_ngo_has_no_admin(signed, lead_head, client_for):
    response = client_for(lead_head).get("/kk/admin/implementation/agreement/")
    assert response.status_code == 302  # to the sign-in page: not staff
