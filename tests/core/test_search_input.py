"""Search boxes take whatever people (or robots) type without failing."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/organizations?q=%00",
        "/api/v1/settlements?q=a%00",
        "/kk/organisations/?q=%00",
        "/kk/settlements/search/?q=%00",
    ],
)
def test_nul_characters_are_refused_not_crashing(client, path):
    assert client.get(path).status_code < 500
