"""The API under generated input (schemathesis): never a server error, errors always structured."""

from urllib.parse import urlencode

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from ..factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_schema(kato, client):
    for code in ("113820100", "331010000"):
        MembershipFactory(organization=OrganizationFactory(settlement=kato[code]))
    return schemathesis.openapi.from_dict(client.get("/api/v1/openapi.json").json())


def test_no_generated_input_makes_the_api_fail(api_schema, client):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 4

    for operation in operations:

        @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            # Django's test client, not raw WSGI: requests must stay inside the test's transaction.
            path = case.formatted_path
            response = client.generic(case.method, path + "?" + urlencode(case.query or {}, doseq=True))
            assert response.status_code < 500, (path, case.query, response.content[:300])
            if response.status_code >= 400:
                body = response.json()
                assert set(body) == {"code", "message", "details"}, body
                assert body["code"] and body["message"]

        check()
