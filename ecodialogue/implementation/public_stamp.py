"""The stamp the public results are cached under: the call's `updated_at`, moved by every write they show.

Reading what changed from the rows themselves (latest approval, payment,
plan change, …) cost one query of 20 ms on every public page view; writes are
rare, so the writes move one timestamp instead and a view reads it for free.
"""

from django.utils import timezone


def public_figures_changed(call_id: int) -> None:
    """Call inside the service's transaction after a write the public pages show."""
    from ecodialogue.grants.models import Call

    Call.objects.filter(pk=call_id).update(updated_at=timezone.now())
