from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import ActivityEntry


def activity_record(*, actor: Any, verb: str, obj: models.Model, details: dict | None = None) -> ActivityEntry:
    """Append one event to the activity log; call inside the service's transaction."""
    return ActivityEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        verb=verb,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        details=details or {},
    )
