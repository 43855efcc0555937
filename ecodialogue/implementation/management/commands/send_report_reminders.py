from django.core.management.base import BaseCommand

from ecodialogue.implementation.tasks import report_reminders_send


class Command(BaseCommand):
    help = "Queue today's report reminders (run daily from cron or a systemd timer; repeated runs send nothing twice)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Send in this process instead of queueing the task.")

    def handle(self, *args, now=False, **options):
        if now:
            count = report_reminders_send.call()
            self.stdout.write(f"{count} report(s) reminded")
        else:
            result = report_reminders_send.enqueue()
            self.stdout.write(f"queued {result.id}")
