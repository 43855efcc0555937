from django.utils import timezone
from django_tasks import task


@task()
def output_check_visibility(*, output_id: int) -> str:
    """Look for the call's EU funding statement in an uploaded material; the status it set."""
    from .visibility_service import output_visibility_check

    return output_visibility_check(output_id=output_id)


@task()
def report_reminders_send() -> int:
    """The daily run of report reminders (queued by `manage.py send_report_reminders` from cron)."""
    from .reminders import reminders_send

    return reminders_send(today=timezone.localdate())
