"""The EU funding statement check of an uploaded material, run as a background task."""

from django.db import transaction
from django.utils import timezone

from ecodialogue.core.emails import queue_email, recipient_language
from ecodialogue.core.services import activity_record

from .models import Output
from .visibility import check_material


def funding_phrases(call) -> list[str]:
    """The call's statement in each language; a field may hold several accepted phrasings, one per line."""
    phrases = []
    for language in ("kk", "ru", "en"):
        text = getattr(call, f"funding_statement_{language}", "") or ""
        phrases += [line.strip() for line in text.splitlines() if line.strip()]
    return phrases


def output_visibility_check(*, output_id: int) -> str:
    """Check one material and record the result; the uploader hears when the statement is missing."""
    output = Output.objects.select_related("part__report__agreement__call", "created_by").filter(pk=output_id).first()
    if output is None or output.kind != Output.Kind.MATERIAL:
        return "skipped"
    call = output.part.report.agreement.call
    with output.file.open("rb") as handle:
        data = handle.read()
    result = check_material(data, output.file_type, funding_phrases(call))
    with transaction.atomic():
        # Staff's own decision is never overwritten by a re-run of the check.
        updated = (
            Output.objects.filter(pk=output.pk)
            .exclude(visibility__in=(Output.Visibility.CONFIRMED, Output.Visibility.REFUSED))
            .update(visibility=result.status, visibility_phrase=result.phrase[:500], checked_at=timezone.now())
        )
        if updated:
            activity_record(
                actor=None,
                verb="report.visibility_checked",
                obj=output.part.report,
                details={"output": output.pk, "status": result.status},
            )
        if updated and result.status == Output.Visibility.MISSING and output.created_by and output.created_by.email:
            queue_email(
                to=output.created_by.email,
                language=recipient_language(output.created_by),
                template="implementation/emails/visibility_missing",
                context={"output": output, "report": output.part.report, "user": output.created_by},
            )
    return result.status
