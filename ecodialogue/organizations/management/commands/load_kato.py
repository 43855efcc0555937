import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ecodialogue.organizations.kato import KatoFormatError, read_kato_csv
from ecodialogue.organizations.services import settlements_load


class Command(BaseCommand):
    help = "Load or update the KATO classifier from its CSV file (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="kato.csv (columns kato, level, type_code, name_ru, name_kk)")

    def handle(self, *args, path: Path, **options):
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        started = time.monotonic()
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(read_kato_csv(handle))
        except KatoFormatError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        progress = tqdm(total=len(rows), unit="rows", disable=options["verbosity"] == 0, file=self.stderr._out)
        result = settlements_load(rows=rows, progress=progress.update)
        progress.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"KATO: {result.created} created, {result.updated} updated, {result.unchanged} unchanged "
                f"({len(rows)} rows in {time.monotonic() - started:.1f} s)"
            )
        )
