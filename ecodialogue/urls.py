from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from ecodialogue.api import api
from ecodialogue.core import views as core_views

# The admin signs in through allauth: password, then the TOTP code. Django's
# own admin login would skip the second factor.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", core_views.set_language, name="set-language"),
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", include("ecodialogue.core.urls")),
    path("", include("ecodialogue.organizations.urls")),
    path("", include("ecodialogue.grants.urls")),
    path("", include("ecodialogue.implementation.urls")),
    path("", include("ecodialogue.projectdb.urls")),
    path("", include("ecodialogue.accounts.urls")),
    path("account/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
