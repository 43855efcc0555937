"""Importing a file into the project database: read it activity by activity, save in batches, record every outcome.

`import_file` is the runner the command line, the demo and the background
task share. Each batch of activities (or spreadsheet rows) is saved through
`services.projects_save` together with its `ImportItem` rows and the run's
counters, in one transaction: a batch is committed whole or not at all, so
the progress page always shows what is really saved and no activity is ever
half-written. Re-importing a file is harmless: an unchanged activity writes
nothing, an older version is skipped (`projects_save` compares the records'
hashes and `last-updated-datetime`).

`import_enqueue` is the staff upload: it checks the file by its content,
stores it on the run and queues `tasks.import_run` after the commit.
"""

import codecs
import logging
from collections import Counter
from pathlib import Path, PurePath

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecodialogue.core.errors import Forbidden, Invalid
from ecodialogue.core.files import check_size, detect_file_type
from ecodialogue.core.findings import Finding, Severity
from ecodialogue.core.services import activity_record

from .changes import changes_record
from .iati_import import max_bytes
from .models import ImportItem, ImportRun, Project
from .permissions import can_import_projects
from .services import Outcome, Result, projects_save

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
TABLE_SUFFIXES = (".csv", ".xlsx")
# A UTF-8 or UTF-16 byte-order mark may precede the "<" of an XML file.
BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
SAVE_FAILED = gettext_lazy("The database refused this project (a value too long or out of range); it was not saved.")
SUPERSEDED = gettext_lazy("Replaced by a later activity with the same identifier in this file.")


def _read(run: ImportRun, stream):
    if run.kind == ImportRun.Kind.TABLE:
        # Imported here: the table reader imports this module's reader (ParsedActivity).
        from .tables import read_records

        return read_records(stream, run.filename)
    from .iati_import import read_activities

    return read_activities(stream)


def import_file(*, run: ImportRun, stream, actor=None, batch_size: int = BATCH_SIZE) -> ImportRun:
    """Import every activity of `stream` into the database, recording each outcome on `run`; the run, finished.

    A file refused whole (not XML, not IATI, an entity declaration …) fails the
    run with its reason; when that happens in the middle of a file, the
    activities read before it are still saved and reported.
    """
    run.status, run.started_at, run.error = ImportRun.Status.RUNNING, timezone.now(), ""
    run.save(update_fields=["status", "started_at", "error"])
    source = Project.Source.TABLE if run.kind == ImportRun.Kind.TABLE else Project.Source.IATI
    batch: list = []
    identifiers: set[str] = set()
    try:
        try:
            for parsed in _read(run, stream):
                if parsed.identifier and parsed.identifier in identifiers:
                    # The same activity twice: saved in turn, so the second is an update of the first.
                    _save_batch(run, batch, source=source, actor=actor)
                    batch, identifiers = [], set()
                batch.append(parsed)
                identifiers.add(parsed.identifier)
                if len(batch) >= batch_size:
                    _save_batch(run, batch, source=source, actor=actor)
                    batch, identifiers = [], set()
        except Invalid as refused:
            _save_batch(run, batch, source=source, actor=actor)
            run.status, run.error = ImportRun.Status.FAILED, str(refused.message)
        else:
            _save_batch(run, batch, source=source, actor=actor)
            run.status = ImportRun.Status.DONE
    except Exception:
        # Never leave a run "importing" forever: the page would wait for it.
        logger.exception("Import run %s stopped", run.pk)
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED,
            error=_("The import stopped because of an internal error; what was saved before it stays."),
            finished_at=timezone.now(),
        )
        raise
    run.total, run.finished_at = run.processed, timezone.now()
    run.save(update_fields=["status", "error", "total", "finished_at"])
    return run


def _save_records(records: list[dict], *, source: str, source_name: str, actor) -> list[Result]:
    """Save a batch (numbered by the caller); if the database refuses it, each record on its own."""
    try:
        with transaction.atomic():
            return projects_save(records=records, source=source, source_name=source_name, actor=actor, numbered=False)
    except DatabaseError:
        logger.warning("A batch of %s failed; saving its records one by one", len(records), exc_info=True)
    results = []
    for record in records:
        try:
            with transaction.atomic():
                results += projects_save(
                    records=[record], source=source, source_name=source_name, actor=actor, numbered=False
                )
        except DatabaseError:
            logger.exception("Could not save %s", record.get("identifier"))
            results.append(
                Result(
                    identifier=record.get("identifier", ""),
                    problems=[Finding("import.save_failed", Severity.ERROR, SAVE_FAILED)],
                )
            )
    return results


def _message(finding: Finding, line) -> dict:
    return {"code": finding.code, "message": finding.text, "line": finding.params.get("line", line)}


def _save_batch(run: ImportRun, batch: list, *, source: str, actor) -> None:
    """Save one batch, its items and the run's counters in one transaction."""
    if not batch:
        return
    valid = [parsed for parsed in batch if parsed.record is not None and not parsed.problems]
    with transaction.atomic():
        results = _save_records(
            [parsed.record for parsed in valid], source=source, source_name=run.filename, actor=actor
        )
        by_position = {parsed.position: result for parsed, result in zip(valid, results, strict=True)}
        counts: Counter = Counter()
        items = []
        for parsed in batch:
            result = by_position.get(parsed.position)
            messages = [_message(f, parsed.line) for f in parsed.problems]
            if result is None or result.problems:
                outcome, project = ImportItem.Outcome.INVALID, None
                messages += [_message(f, parsed.line) for f in (result.problems if result else [])]
            elif result.outcome:
                outcome, project = result.outcome, result.project
            else:
                outcome, project = ImportItem.Outcome.SKIPPED, None
                messages.append({"code": "import.superseded", "message": str(SUPERSEDED), "line": parsed.line})
            counts[outcome] += 1
            items.append(
                ImportItem(
                    run=run,
                    position=parsed.position,
                    identifier=parsed.identifier[:300],
                    outcome=outcome,
                    project=project,
                    messages=messages,
                )
            )
        ImportItem.objects.bulk_create(items)
        for outcome, count in counts.items():
            setattr(run, outcome, getattr(run, outcome) + count)
        run.processed += len(batch)
        run.save(update_fields=["processed", *ImportItem.Outcome.values])
        # Last in the batch's transaction: the change counter stays locked only until the commit.
        saved = [r.project.pk for r in results if r.outcome in (Outcome.CREATED, Outcome.UPDATED) and not r.problems]
        if saved:
            changes_record(saved)


def guess_kind(path: Path) -> str:
    return ImportRun.Kind.TABLE if path.suffix.lower() in TABLE_SUFFIXES else ImportRun.Kind.IATI


def import_path(path, *, actor=None, kind: str | None = None) -> ImportRun:
    """Import a file on this machine (the command line, the demo data); the finished run."""
    path = Path(path)
    run = ImportRun.objects.create(
        kind=kind or guess_kind(path),
        filename=path.name[:300],
        by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    with path.open("rb") as stream:
        return import_file(run=run, stream=stream, actor=actor)


# --- The staff upload ---------------------------------------------------------


def _head(upload, size: int = 1024) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _looks_like_xml(head: bytes) -> bool:
    for bom in BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            if bom != codecs.BOM_UTF8:
                head = head.decode("utf-16", errors="ignore").encode("utf-8")
            break
    return head.lstrip().startswith(b"<")


def check_import_file(upload, kind: str) -> str:
    """Refuse an upload whose content is not of the kind asked for; the format found (xml, csv or xlsx)."""
    try:
        check_size(upload, max_bytes())
    except ValidationError as exc:
        raise Invalid(f"import.{exc.code}", exc.messages[0]) from None
    detected = detect_file_type(upload)
    head = _head(upload)
    if kind == ImportRun.Kind.IATI:
        if detected is not None or not _looks_like_xml(head):
            raise Invalid("import.not_xml", _("This file is not XML: an IATI file is an XML document."))
        return "xml"
    if detected == "xlsx":
        return "xlsx"
    if detected is not None or b"\x00" in head or _looks_like_xml(head):
        raise Invalid("import.not_table", _("This file is neither a CSV nor an XLSX table."))
    return "csv"


def _named_as(filename: str, found: str) -> str:
    """The file's name with the suffix of what it holds: the table reader goes by the suffix."""
    path = PurePath(filename)
    suffix = f".{found}"
    return filename if found == "xml" or path.suffix.lower() == suffix else f"{path.stem}{suffix}"


def import_enqueue(*, actor, uploaded_file, kind: str) -> ImportRun:
    """Store an uploaded file on a new run and import it in the background; the queued run."""
    if not can_import_projects(actor):
        raise Forbidden("project.import_forbidden", _("Only staff import files into the project database."))
    if kind not in ImportRun.Kind.values:
        raise Invalid("import.kind", _("Choose what kind of file this is: IATI XML, or a CSV or XLSX table."))
    found = check_import_file(uploaded_file, kind)
    from .tasks import import_run

    filename = _named_as(PurePath(uploaded_file.name or "upload").name, found)[-300:]
    with transaction.atomic():
        run = ImportRun(kind=kind, filename=filename, by=actor)
        run.file.save(filename, uploaded_file, save=False)
        run.save()
        activity_record(actor=actor, verb="project.import_queued", obj=run, details={"kind": kind})
        transaction.on_commit(lambda: import_run.enqueue(run_id=run.pk))
    return run


def import_stored(*, run_id: int) -> ImportRun | None:
    """Import the file stored on a queued run, in its uploader's language, then delete the file."""
    run = ImportRun.objects.select_related("by").filter(pk=run_id).first()
    if run is None or run.status != ImportRun.Status.QUEUED:
        return run  # gone, or already imported by an earlier delivery of the task
    language = getattr(run.by, "preferred_language", "") or translation.get_language()
    with translation.override(language):
        try:
            if not run.file:
                raise FileNotFoundError(run.filename)
            with run.file.open("rb") as stream:
                import_file(run=run, stream=stream, actor=run.by)
        except FileNotFoundError:
            run.status, run.error = ImportRun.Status.FAILED, _("The uploaded file is no longer there.")
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "error", "finished_at"])
        finally:
            if run.file:
                # Uploaded data is kept only until it is imported; the items say what it held.
                run.file.delete(save=False)
                ImportRun.objects.filter(pk=run.pk).update(file="")
    return run
