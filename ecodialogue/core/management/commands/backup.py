from pathlib import Path

from django.core.management.base import BaseCommand

from ecodialogue.core.backup import backup_create


class Command(BaseCommand):
    help = "Write every row and uploaded file to one .tar.gz archive (see docs/operations.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        manifest = backup_create(path=path)
        rows = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}: {rows} rows."))
