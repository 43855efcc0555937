from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImplementationConfig(AppConfig):
    name = "ecodialogue.implementation"
    label = "implementation"
    verbose_name = _("Implementation of grants")

    def ready(self):
        from . import permissions  # noqa: F401
