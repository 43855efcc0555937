from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    *, to: list[str], subject: str, body: str, html: str | None = None, reply_to: list[str] | None = None
) -> None:
    """Send one rendered e-mail; queued by services after their transaction commits."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, reply_to=reply_to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
