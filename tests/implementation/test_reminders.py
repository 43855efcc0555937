"""Reminders on a schedule: a week before a report is due, and weekly once it is overdue; never twice."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from ecodialogue.implementation.models import Agreement, ReminderSent, Report
from ecodialogue.implementation.reminders import reminders_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def due(interim):
    return interim.due_on


def people(lead_head, lead_colleague, partner_head):
    return sorted([lead_head.email, lead_colleague.email, partner_head.email])


def test_nothing_is_sent_eight_days_before(interim, due, committed):
    with committed():
        assert reminders_send(today=due - datetime.timedelta(days=8)) == 0
    assert mail.outbox == []


def test_a_week_before_everyone_in_the_consortium_hears_once(
    interim, due, committed, lead_head, lead_colleague, partner_head
):
    with committed():
        assert reminders_send(today=due - datetime.timedelta(days=7)) == 1
        assert reminders_send(today=due - datetime.timedelta(days=6)) == 0  # the same reminder, already sent
    assert sorted(m.to[0] for m in mail.outbox) == people(lead_head, lead_colleague, partner_head)
    kazakh = next(m for m in mail.outbox if m.to == [lead_head.email])
    assert "7 күн" in kazakh.body or "7" in kazakh.body
    assert ReminderSent.objects.get().recipients == 3


def test_overdue_the_day_after_and_again_a_week_later(interim, due, committed):
    with committed():
        assert reminders_send(today=due + datetime.timedelta(days=1)) == 1
        assert reminders_send(today=due + datetime.timedelta(days=3)) == 0
        assert reminders_send(today=due + datetime.timedelta(days=8)) == 1
    assert list(ReminderSent.objects.values_list("kind", flat=True)) == ["overdue", "overdue"]


def test_a_submitted_report_is_not_chased(interim, due, committed):
    Report.objects.filter(pk=interim.pk).update(status=Report.Status.SUBMITTED)
    with committed():
        assert reminders_send(today=due + datetime.timedelta(days=1)) == 0


def test_a_returned_report_is_chased_like_a_draft(interim, due, committed):
    Report.objects.filter(pk=interim.pk).update(status=Report.Status.RETURNED)
    with committed():
        assert reminders_send(today=due + datetime.timedelta(days=1)) == 1


def test_a_terminated_agreements_reports_are_not_chased(signed, interim, due, committed):
    Agreement.objects.filter(pk=signed.pk).update(status=Agreement.Status.TERMINATED)
    with committed():
        assert reminders_send(today=due + datetime.timedelta(days=1)) == 0


def test_the_scheduled_command_runs_the_task(interim, due, committed, monkeypatch):
    # The server's clock says it is the day after the due date.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: due + datetime.timedelta(days=1))
    with committed():
        call_command("send_report_reminders")
    assert ReminderSent.objects.filter(report=interim, kind="overdue").exists()
    assert mail.outbox
