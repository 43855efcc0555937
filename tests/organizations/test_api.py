"""API v1 for organisations and settlements: public fields, filters, structured errors."""

import pytest

from ..factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_list_searches_filters_and_pages(client, kato):
    OrganizationFactory(name_kk="«Таза Атбасар» қоғамдық бірлестігі", settlement=kato["113820100"], verified=True)
    OrganizationFactory(name_kk="Талдықорған әкімдігі", kind="akimat", settlement=kato["331010000"])
    body = client.get("/api/v1/organizations", {"q": "атбасар"}).json()
    assert body["count"] == 1
    first = body["results"][0]
    assert first["name"] == "«Таза Атбасар» қоғамдық бірлестігі"
    assert first["verified"] is True
    assert first["settlement"]["code"] == "113820100"
    assert first["region"]["code"] == "110000000"
    assert client.get("/api/v1/organizations", {"kind": "akimat"}).json()["count"] == 1
    assert client.get("/api/v1/organizations", {"region": "330000000"}).json()["count"] == 1
    assert client.get("/api/v1/organizations", {"verified": "true"}).json()["count"] == 1
    page = client.get("/api/v1/organizations", {"page_size": 1, "page": 2}).json()
    assert page["page"] == 2 and page["pages"] == 2 and len(page["results"]) == 1


def test_public_responses_carry_no_personal_data(client, ngo, colleague):
    body = client.get(f"/api/v1/organizations/{ngo.pk}").content.decode()
    assert colleague.email not in body and colleague.full_name not in body
    assert "certificate" not in body


def test_detail_404_is_structured_and_in_the_requested_language(client):
    response = client.get("/api/v1/organizations/999999", {"lang": "ru"})
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "not_found" and set(body) == {"code", "message", "details"}
    english = client.get("/api/v1/organizations/999999", headers={"accept-language": "en"}).json()["message"]
    assert english == "Not found."


def test_invalid_parameters_are_422_with_details(client):
    response = client.get("/api/v1/organizations", {"page": "first", "kind": "bank"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    located = [d["loc"] for d in body["details"]]
    assert any("page" in loc for loc in located) and any("kind" in loc for loc in located)


def test_settlement_search(client, kato):
    body = client.get("/api/v1/settlements", {"q": "атбасар"}).json()
    assert {s["code"] for s in body} >= {"113820100", "113800000"}
    assert client.get("/api/v1/settlements").status_code == 422


def test_list_query_count_is_constant(client, kato, django_assert_max_num_queries):
    for _ in range(30):
        MembershipFactory(organization=OrganizationFactory(settlement=kato["113820100"]))
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/organizations", {"page_size": 30}).status_code == 200


def test_openapi_schema_lists_the_operations(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/organizations",
        "/api/v1/organizations/{organization_id}",
        "/api/v1/settlements",
        "/api/v1/me",
    } <= set(schema["paths"])


def test_docs_page_uses_vendored_assets(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in page and "https://" not in page.split("<body")[0]


def test_list_answers_from_the_cache_and_sees_changes_at_once(client, django_assert_max_num_queries):
    OrganizationFactory()
    assert client.get("/api/v1/organizations").json()["count"] == 1
    with django_assert_max_num_queries(1):  # only the version query
        assert client.get("/api/v1/organizations").json()["count"] == 1
    OrganizationFactory()
    assert client.get("/api/v1/organizations").json()["count"] == 2
