from django.conf import settings
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ecodialogue.accounts.services import user_set_language
from ecodialogue.organizations.models import Organization


def home(request):
    counts = {
        "organizations": Organization.objects.count(),
        "ngos": Organization.objects.filter(kind=Organization.Kind.NGO).count(),
        "network": Organization.objects.filter(network_status=Organization.NetworkStatus.MEMBER).count(),
    }
    return render(request, "core/home.html", {"counts": counts})


def about(request):
    return render(request, "core/about.html")


@require_POST
def set_language(request):
    """Switch language, stay on the same page, and remember the choice for signed-in people."""
    language = request.POST.get("language")
    next_url = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("core:home")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_url)
    response = HttpResponseRedirect(translate_url(next_url, language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    translation.activate(language)
    return response


@never_cache
def healthz(request):
    """Liveness and database status for monitors and load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = {"status": "ok", "vendor": connection.vendor}
        status = 200
    except Exception as exc:  # any failure means unhealthy; the monitor needs the reason
        database = {"status": "unavailable", "vendor": connection.vendor, "error": exc.__class__.__name__}
        status = 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "unavailable", "version": settings.VERSION, "database": database},
        status=status,
    )
