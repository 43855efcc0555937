"""The project database's demo: about 40 projects written from public facts, and the real IATI sample files.

`seed_projects` is what `make run` (the `seed_demo` command) calls after the
grants' demo. It is idempotent: a demo project already in the database is
unchanged (the record's hash is the same), a demo project a person has since
edited is left alone, and a sample file already imported is not imported
again, so running it twice writes nothing.

The IATI sample files stay where they are (`../shared/data/iati/`, or the
folder in the setting `PROJECTDB_SAMPLES_DIR`): the repository does not
carry copies of other publishers' data.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from .demo_data import demo_records
from .imports import import_path
from .models import ImportRun, Project
from .services import projects_save

DEMO_SOURCE_NAME = "demo"


def samples_dir() -> Path:
    """Where the real IATI sample files are: the setting, else ../shared/data/iati beside the project."""
    configured = getattr(settings, "PROJECTDB_SAMPLES_DIR", None)
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR).parent / "shared" / "data" / "iati"


@dataclass
class FileOutcome:
    name: str
    run: ImportRun | None  # None: imported by an earlier run of the demo

    def __str__(self) -> str:
        if self.run is None:
            return f"{self.name}: already imported"
        run = self.run
        text = (
            f"{self.name}: {run.created} created, {run.updated} updated, {run.unchanged} unchanged, "
            f"{run.skipped} skipped, {run.invalid} invalid"
        )
        return f"{text} — {run.error}" if run.error else text


@dataclass
class DemoSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Demo projects staff have edited since: the demo does not undo their work.
    kept: int = 0
    files: list[FileOutcome] = field(default_factory=list)
    samples: Path | None = None

    def lines(self) -> list[str]:
        lines = [
            f"Project database: {self.created} demo projects created, {self.updated} updated, "
            f"{self.unchanged} unchanged" + (f", {self.kept} edited by staff kept" if self.kept else "") + "."
        ]
        if self.files:
            lines += [f"  IATI sample {outcome}" for outcome in self.files]
        elif self.samples is not None:
            lines.append(f"  IATI sample files not found in {self.samples}: only the demo projects are loaded.")
        return lines


def _seed_records(summary: DemoSummary) -> None:
    records = demo_records()
    edited = set(
        Project.objects.filter(identifier__in=[r["identifier"] for r in records])
        .exclude(source=Project.Source.DEMO)
        .values_list("identifier", flat=True)
    )
    summary.kept = len(edited)
    results = projects_save(
        records=[r for r in records if r["identifier"] not in edited],
        source=Project.Source.DEMO,
        source_name=DEMO_SOURCE_NAME,
    )
    problems = [(r.identifier, [f.code for f in r.problems]) for r in results if r.problems]
    if problems:
        # The demo data is code: a record the rules refuse is a bug to fix, not a row to skip quietly.
        raise ValueError(f"Invalid demo projects: {problems}")
    for result in results:
        if result.outcome == "created":
            summary.created += 1
        elif result.outcome == "updated":
            summary.updated += 1
        else:
            summary.unchanged += 1


def sample_files(folder: Path) -> list[Path]:
    """The IATI XML files of the samples folder (not its schema or codelists), by name."""
    return sorted(path for path in folder.glob("*.xml") if path.is_file())


def seed_projects(*, shared_iati_dir: Path | None = None) -> DemoSummary:
    """Load the demo projects, then import the real IATI sample files when their folder exists.

    `shared_iati_dir` None means the default folder (`samples_dir()`). A file
    is imported once: a finished run of the same file name means it is in.
    """
    summary = DemoSummary()
    _seed_records(summary)
    folder = Path(shared_iati_dir) if shared_iati_dir is not None else samples_dir()
    summary.samples = folder
    if not folder.is_dir():
        return summary
    done = set(ImportRun.objects.filter(status=ImportRun.Status.DONE).values_list("filename", flat=True))
    for path in sample_files(folder):
        if path.name in done:
            summary.files.append(FileOutcome(path.name, None))
            continue
        summary.files.append(FileOutcome(path.name, import_path(path)))
    return summary
