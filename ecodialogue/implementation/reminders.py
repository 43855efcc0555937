"""Reminder e-mails before a report is due and after it is overdue, sent once each, on a daily schedule."""

import datetime

from django.db import IntegrityError, transaction

from ecodialogue.core.emails import queue_email

from . import rules
from .models import Agreement, ReminderSent, Report
from .notify import consortium_people


def reports_to_remind(today: datetime.date):
    """Reports of running agreements not yet with staff, due within the longest reminder lead time or past due."""
    longest = max(Report.objects.values_list("agreement__call__report_reminder_days", flat=True).distinct(), default=0)
    return (
        Report.objects.filter(
            agreement__status__in=(Agreement.Status.SIGNED, Agreement.Status.ACTIVE),
            status__in=(Report.Status.DRAFT, Report.Status.RETURNED),
            due_on__lte=today + datetime.timedelta(days=longest),
        )
        .select_related("agreement__call", "agreement__consortium__lead")
        .order_by("due_on", "pk")
    )


def reminders_send(*, today: datetime.date) -> int:
    """Send the reminders due by `today` that were not sent before; the number of reports reminded.

    Safe to run any number of times a day, and from two workers at once: a
    reminder is recorded (a unique row) in the same transaction that queues
    its e-mails, so one run wins and the other skips it.
    """
    sent = 0
    for report in reports_to_remind(today):
        agreement = report.agreement
        due = rules.reminders_due(
            due_on=report.due_on,
            today=today,
            days_before=agreement.call.report_reminder_days,
            submitted=not report.is_writable,
        )
        for kind, for_date in due:
            try:
                with transaction.atomic():
                    reminder = ReminderSent.objects.create(report=report, kind=kind, for_date=for_date)
                    people = consortium_people(agreement)
                    for user, language in people:
                        queue_email(
                            to=user.email,
                            language=language,
                            template=f"implementation/emails/report_{kind}",
                            context={
                                "report": report,
                                "agreement": agreement,
                                "user": user,
                                "days_left": (report.due_on - today).days,
                                "days_late": (today - report.due_on).days,
                            },
                        )
                    reminder.recipients = len(people)
                    reminder.save(update_fields=["recipients"])
            except IntegrityError:
                continue  # another run sent it
            sent += 1
    return sent
