from django.utils import timezone
from django_tasks import task


@task()
def publish_results_when_due(*, call_id: int) -> bool:
    """Publish a call's results on their date (queued by the decision with run_after); false if not due or done."""
    from ecodialogue.core.errors import ServiceError

    from .evaluation import results_publish
    from .models import Call

    call = Call.objects.filter(pk=call_id).first()
    if call is None:
        return False
    try:
        results_publish(call=call, actor=None, now=timezone.now())
    except ServiceError:
        return False  # already published by staff, or the date was moved: nothing to do
    return True
