"""A portable backup of the platform: every row as JSON plus the uploaded files, in one archive.

For PostgreSQL in production `pg_dump` stays the primary tool
(docs/operations.md); this archive also works on SQLite, moves data between
the two, and is what the restore test checks.
"""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.db.models import FileField
from django.utils import timezone

# Rebuilt by migrate or worthless after a restore.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes", "django_tasks_database"]


def _file_fields():
    """(model, field) for every file field: files are saved through their own storage (local or S3)."""
    for model in apps.get_models():
        for field in model._meta.fields:
            if isinstance(field, FileField):
                yield model, field


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    archive.addfile(info, io.BytesIO(content))


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in ("contenttypes", "sessions", "axes", "django_tasks_database")
        and model._meta.label not in ("auth.Permission", "admin.LogEntry")
    }


def backup_create(*, path: Path) -> dict:
    """Write the archive; return its manifest (counts per model)."""
    data = io.StringIO()
    # Primary keys are kept (loaddata then resets the sequences); natural keys only for content types.
    call_command("dumpdata", natural_foreign=True, exclude=EXCLUDED, stdout=data)
    manifest = {"created_at": timezone.now().isoformat(), "version": settings.VERSION, "counts": _counts()}
    with tarfile.open(path, "w:gz") as archive:
        _add_bytes(archive, "data.json", data.getvalue().encode())
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
        for model, field in _file_fields():
            for name in model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True):
                if name and field.storage.exists(name):
                    with field.storage.open(name, "rb") as handle:
                        _add_bytes(archive, f"files/{model._meta.label}.{field.name}/{name}", handle.read())
    return manifest


def backup_restore(*, path: Path) -> dict:
    """Replace every row and uploaded file with the archive's; return its manifest."""
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as scratch:
        archive.extractall(scratch, filter="data")
        manifest = json.loads((Path(scratch) / "manifest.json").read_text())
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(Path(scratch) / "data.json"), verbosity=0)
        for model, field in _file_fields():
            source = Path(scratch) / "files" / f"{model._meta.label}.{field.name}"
            for file in source.rglob("*") if source.exists() else ():
                if file.is_file():
                    name = file.relative_to(source).as_posix()
                    if field.storage.exists(name):
                        field.storage.delete(name)
                    field.storage.save(name, ContentFile(file.read_bytes()))
    return manifest
