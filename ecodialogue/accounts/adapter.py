from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.db import transaction
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext

from ecodialogue.core.emails import recipient_language
from ecodialogue.core.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        """After signing in, continue in the person's preferred language."""
        url = super().get_login_redirect_url(request)
        language = getattr(request.user, "preferred_language", None)
        return translate_url(url, language) if language else url

    def send_mail(self, template_prefix, email, context):
        """Render allauth's e-mails in the recipient's language and send them through a task."""
        user = context.get("user")
        language = recipient_language(user) if user is not None else translation.get_language()
        with translation.override(language):
            # Without django.contrib.sites allauth knows no site name; name the platform.
            context["current_site"] = SimpleNamespace(
                name=gettext("EcoDialogue"), domain=urlsplit(settings.SITE_URL).netloc
            )
            message = self.render_mail(template_prefix, email, context)
        html = next((content for content, mime in getattr(message, "alternatives", []) if mime == "text/html"), None)
        transaction.on_commit(
            lambda: send_email.enqueue(to=list(message.to), subject=message.subject, body=message.body, html=html)
        )
