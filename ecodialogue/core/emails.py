"""E-mails in the recipient's language, sent through a background task."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_email


def recipient_language(user) -> str:
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def queue_email(*, to: str, language: str, template: str, context: dict) -> None:
    """Render `template`_subject.txt / _body.txt in `language` and send it after commit.

    Rendering happens now (inside the caller's transaction, with the data as
    the service saw it); sending waits for the commit so a rolled-back action
    never mails anyone.
    """
    context = {**context, "site_url": settings.SITE_URL, "language": language}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    transaction.on_commit(lambda: send_email.enqueue(to=[to], subject=subject, body=body))
