from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ecodialogue.core.backup import backup_restore


class Command(BaseCommand):
    help = "Replace the database's rows and the uploaded files with a backup archive. Destroys current data."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--yes", action="store_true", help="confirm that the current data is to be replaced")

    def handle(self, *args, path: Path, yes: bool, **options):
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        if not yes:
            raise CommandError("restore replaces all current data: run it again with --yes to confirm")
        manifest = backup_restore(path=path)
        self.stdout.write(self.style.SUCCESS(f"Restored the backup of {manifest['created_at']}."))
