"""Two people acting on one application at the same moment: the database lets exactly one through."""

import pytest
from django.db import connection

from ecodialogue.grants import applications
from ecodialogue.grants.models import Application, Submission

from ..organizations.test_concurrency import race
from .conftest import LEAD_FORM

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent connections and row locks"
    ),
]


def test_two_starts_at_once_make_one_application(consortium, lead_head, lead_colleague):
    outcomes = race(
        lambda: applications.application_start(consortium=consortium, actor=lead_head, language="kk"),
        lambda: applications.application_start(consortium=consortium, actor=lead_colleague, language="ru"),
    )
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"]
    assert [o[1] for o in outcomes if o[0] == "refused"] == ["application.exists"]
    assert Application.objects.filter(consortium=consortium).count() == 1


def test_two_saves_of_one_version_keep_one_and_refuse_the_other(application, lead_head, lead_colleague):
    outcomes = race(
        lambda: applications.application_save_lead_form(
            application=application, actor=lead_head, data={**LEAD_FORM, "summary": "Бірінші"}, version=1
        ),
        lambda: applications.application_save_lead_form(
            application=application, actor=lead_colleague, data={**LEAD_FORM, "summary": "Екінші"}, version=1
        ),
    )
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"]
    assert [o[1] for o in outcomes if o[0] == "refused"] == ["application.version"]
    application.refresh_from_db()
    assert application.version == 2 and application.summary in ("Бірінші", "Екінші")


def test_two_submissions_at_once_make_one_receipt(complete_application, lead_head):
    outcomes = race(
        lambda: applications.application_submit(application=complete_application, actor=lead_head),
        lambda: applications.application_submit(application=complete_application, actor=lead_head),
    )
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"]
    assert Submission.objects.filter(application=complete_application).count() == 1
