"""`manage.py import_iati FILE...`: import IATI activity files (or every *.xml file of a folder) into the database.

Runs without a user: projects are saved with source "iati" and the file's name
as their provenance. Prints, per file, how many activities were created,
updated, unchanged, skipped (an older version) and invalid, and the reasons
of each invalid one. Exits with status 1 if any file was refused whole.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ecodialogue.projectdb.imports import import_path
from ecodialogue.projectdb.models import ImportItem, ImportRun

COUNTS = ("created", "updated", "unchanged", "skipped", "invalid")


class Command(BaseCommand):
    help = "Import IATI 2.0x activity files (or the *.xml files of folders) into the project database."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE", help="an IATI XML file, or a folder of them")
        parser.add_argument("--quiet", action="store_true", help="print only refused files")

    def handle(self, *args, paths, quiet, **options):
        files = []
        for name in paths:
            path = Path(name)
            if path.is_dir():
                files += sorted(p for p in path.iterdir() if p.suffix.lower() == ".xml" and p.is_file())
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"No such file or folder: {name}")
        refused = 0
        for path in files:
            run = import_path(path, kind=ImportRun.Kind.IATI)
            if run.status == ImportRun.Status.FAILED:
                refused += 1
                self.stderr.write(f"{path}: refused: {run.error}")
            if not quiet:
                self._report(path, run)
        if refused:
            raise CommandError(f"{refused} of {len(files)} files refused.", returncode=1)

    def _report(self, path: Path, run: ImportRun) -> None:
        counts = ", ".join(f"{getattr(run, name)} {name}" for name in COUNTS)
        noun = "activity" if run.processed == 1 else "activities"
        self.stdout.write(f"{path}: {run.processed} {noun}: {counts}")
        for item in run.items.filter(outcome=ImportItem.Outcome.INVALID).order_by("position"):
            self.stdout.write(f"  invalid: {item.identifier or f'activity {item.position}'}")
            for message in item.messages:
                line = f"line {message['line']}: " if message.get("line") else ""
                self.stdout.write(f"    {line}{message['message']}")
