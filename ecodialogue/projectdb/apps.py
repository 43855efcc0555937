from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectdbConfig(AppConfig):
    name = "ecodialogue.projectdb"
    label = "projectdb"
    verbose_name = _("Project database")

    def ready(self):
        from django.db.models.signals import post_delete

        from . import (
            changes,
            permissions,  # noqa: F401
        )
        from .models import Project

        # A deletion is numbered like a save, so that every process's search copy drops the project.
        post_delete.connect(changes.deleted, sender=Project, dispatch_uid="projectdb-change-deleted")
