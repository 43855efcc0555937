from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class StaffTwoFactorMiddleware:
    """Send staff without two-factor authentication to set it up first.

    Staff can verify organisations and, later, decide grants; a stolen
    password alone must not be enough. Only the pages needed to set up TOTP
    or to leave stay open to them.
    """

    ALLOWED_PREFIXES = ("/static/", "/media/", "/healthz", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff and not self._allowed(request.path):
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                messages.warning(request, _("Staff accounts must use two-factor authentication. Please set it up now."))
                return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _allowed(self, path: str) -> bool:
        if path.startswith(self.ALLOWED_PREFIXES):
            return True
        open_pages = (
            reverse("mfa_activate_totp"),
            reverse("account_logout"),
            reverse("mfa_index"),
            reverse("account_reauthenticate"),
        )
        return any(path.startswith(page) for page in open_pages) or "/account/2fa/" in path
