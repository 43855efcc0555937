from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "ecodialogue.grants"
    label = "grants"
    verbose_name = _("Grant competitions")

    def ready(self):
        from . import permissions  # noqa: F401
