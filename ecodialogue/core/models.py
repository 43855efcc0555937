from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityEntryQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> "ActivityEntryQuerySet":
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))

    def update(self, **kwargs):
        raise PermissionDenied("The activity log is append-only.")

    def delete(self):
        raise PermissionDenied("The activity log is append-only.")


class ActivityEntry(models.Model):
    """One domain event: who did what to which object, and when.

    Written only by services (core.services.activity_record). Rows are never
    changed or deleted through the application: save() refuses updates and
    delete() refuses, so the log can be trusted as evidence.
    """

    # Nullable: system actions (imports, scheduled tasks) have no person behind them.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(_("action"), max_length=64)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    # A string so one log serves models with integer and text primary keys.
    object_id = models.CharField(max_length=64)
    # Kept so the entry still reads well after the object is renamed or gone.
    object_repr = models.CharField(max_length=255)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    objects = ActivityEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity log entry")
        verbose_name_plural = _("activity log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.verb} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("The activity log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The activity log is append-only.")
