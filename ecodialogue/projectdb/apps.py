from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectdbConfig(AppConfig):
    name = "ecodialogue.projectdb"
    label = "projectdb"
    verbose_name = _("Project database")

    def ready(self):
        from . import permissions  # noqa: F401
