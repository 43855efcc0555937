from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectdbConfig(AppConfig):
    name = "ecodialogue.projectdb"
    label = "projectdb"
    verbose_name = _("Project database")

    def ready(self):
        from django.db.models.signals import post_delete

        from . import permissions  # noqa: F401
        from .models import Project
        from .search import facet_snapshot

        # Deleting a project leaves the latest update time as it was: the search's copy must be read again.
        post_delete.connect(facet_snapshot.deleted, sender=Project, dispatch_uid="projectdb-snapshot-deleted")
