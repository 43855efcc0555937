from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "ecodialogue.organizations"
    label = "organizations"
    verbose_name = _("Organisations")

    def ready(self):
        # Register the permission rules (rules.add_perm) for user.has_perm and the admin.
        from . import permissions  # noqa: F401
