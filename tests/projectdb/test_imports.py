"""Importing files: every activity's outcome recorded, nothing half-written, the same file twice changes nothing."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError

from ecodialogue.core.errors import Forbidden, Invalid
from ecodialogue.projectdb import services, tables
from ecodialogue.projectdb.imports import import_enqueue, import_file, import_path
from ecodialogue.projectdb.models import (
    ImportItem,
    ImportRun,
    Project,
    ProjectAmount,
    ProjectCountry,
    ProjectOrganisation,
    ProjectRevision,
    ProjectSector,
)
from ecodialogue.projectdb.tasks import import_run

from .conftest import SHARED_IATI, make_record

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "iati"
COVID = SHARED_IATI / "dportal-covid-central-asia-extract-2.03.xml"
needs_shared = pytest.mark.skipif(
    not COVID.exists(), reason="the real IATI files are in ../shared/data/iati, absent on this machine"
)
pytestmark = pytest.mark.django_db


def outcomes(run: ImportRun) -> dict[str, str]:
    return dict(run.items.values_list("identifier", "outcome"))


def counts(run: ImportRun) -> tuple:
    return (run.created, run.updated, run.unchanged, run.skipped, run.invalid)


def version_of(path: Path, tmp_path: Path, *, updated: str, title: str) -> Path:
    """valid.xml re-published: its first activity with another `last-updated-datetime` and title."""
    text = path.read_text(encoding="utf-8")
    first, rest = text.split("</iati-activity>", 1)
    first = first.replace('last-updated-datetime="2024-03-01T10:00:00Z"', f'last-updated-datetime="{updated}"')
    first = first.replace("Waste management dialogue in Central Asia", title)
    changed = tmp_path / f"valid-{updated[:10]}.xml"
    changed.write_text(first + "</iati-activity>" + rest, encoding="utf-8")
    return changed


# --- Importing a file ------------------------------------------------------------------------------


def test_a_valid_file_creates_its_projects_and_reports_each_one():
    run = import_path(FIXTURES / "valid.xml")

    assert run.status == ImportRun.Status.DONE
    assert run.kind == ImportRun.Kind.IATI
    assert counts(run) == (2, 0, 0, 0, 0)
    assert (run.processed, run.total) == (2, 2)
    assert run.started_at and run.finished_at
    assert outcomes(run) == {"XM-ECODIALOGUE-TEST-1": "created", "XM-ECODIALOGUE-TEST-2": "created"}
    project = Project.objects.get(identifier="XM-ECODIALOGUE-TEST-1")
    assert (project.source, project.source_name) == (Project.Source.IATI, "valid.xml")
    assert project.imported_at is not None
    assert run.items.get(position=1).project == project
    assert set(ProjectCountry.objects.filter(project=project).values_list("code", flat=True)) == {"KZ", "KG"}
    assert project.title_kk == "Орталық Азиядағы қалдықтарды басқару жөніндегі диалог"


def test_the_same_file_twice_changes_nothing():
    import_path(FIXTURES / "valid.xml")
    revisions = ProjectRevision.objects.count()
    stamps = dict(Project.objects.values_list("identifier", "updated_at"))

    again = import_path(FIXTURES / "valid.xml")

    assert counts(again) == (0, 0, 2, 0, 0)
    assert set(outcomes(again).values()) == {"unchanged"}
    assert ProjectRevision.objects.count() == revisions
    assert dict(Project.objects.values_list("identifier", "updated_at")) == stamps


def test_a_newer_version_updates_and_an_older_one_is_skipped(tmp_path):
    import_path(FIXTURES / "valid.xml")
    newer = version_of(
        FIXTURES / "valid.xml", tmp_path, updated="2024-06-01T00:00:00Z", title="Waste dialogue, phase 2"
    )
    older = version_of(FIXTURES / "valid.xml", tmp_path, updated="2023-01-01T00:00:00Z", title="An early draft")

    updated = import_path(newer)
    assert counts(updated) == (0, 1, 1, 0, 0)
    assert outcomes(updated)["XM-ECODIALOGUE-TEST-1"] == "updated"
    project = Project.objects.get(identifier="XM-ECODIALOGUE-TEST-1")
    assert project.title_en == "Waste dialogue, phase 2"
    assert project.revisions.count() == 2

    skipped = import_path(older)
    assert counts(skipped) == (0, 0, 1, 1, 0)
    assert outcomes(skipped)["XM-ECODIALOGUE-TEST-1"] == "skipped"
    project.refresh_from_db()
    assert project.title_en == "Waste dialogue, phase 2"
    assert project.revisions.count() == 2


def test_invalid_activities_are_reported_with_their_reasons_and_write_nothing():
    run = import_path(FIXTURES / "rules.xml")

    assert run.status == ImportRun.Status.DONE
    assert counts(run) == (1, 0, 0, 0, 5)
    assert list(Project.objects.values_list("identifier", flat=True)) == ["XM-ECODIALOGUE-RULES-VALID"]
    valid = Project.objects.get()
    # No facet row of a refused activity: only the valid project's.
    for model in (ProjectCountry, ProjectSector, ProjectOrganisation, ProjectAmount):
        assert set(model.objects.values_list("project_id", flat=True)) <= {valid.pk}
    messages = {item.identifier: item.messages for item in run.items.filter(outcome=ImportItem.Outcome.INVALID)}
    assert {m["code"] for m in messages["XM-ECODIALOGUE-RULES-CODES"]} == {"project.code_unknown"}
    assert "“XX”" in " ".join(m["message"] for m in messages["XM-ECODIALOGUE-RULES-CODES"])
    assert {m["code"] for m in messages["XM-ECODIALOGUE-RULES-PERCENT"]} == {
        "project.country_percentages",
        "project.sector_percentages",
    }
    assert [m["code"] for m in messages["XM-ECODIALOGUE-RULES-DATES"]] == ["project.dates_order"]
    assert "XYZ" in messages["XM-ECODIALOGUE-RULES-CURRENCY"][0]["message"]
    # Rule findings point at the activity's start; schema errors at their own line.
    assert messages["XM-ECODIALOGUE-RULES-DATES"][0]["line"] == 39
    assert messages["XM-ECODIALOGUE-RULES-SCHEMA"] == [
        {
            "code": "iati.schema",
            "message": "Not valid IATI 2.03: Element 'recipient-country', attribute 'colour': "
            "The attribute 'colour' is not allowed.",
            "line": 73,
        }
    ]


def test_malformed_xml_saves_what_came_before_and_fails_the_run_saying_where():
    run = import_path(FIXTURES / "malformed.xml")

    assert run.status == ImportRun.Status.FAILED
    assert "line 92" in run.error
    assert counts(run) == (2, 0, 0, 0, 0)
    assert Project.objects.count() == 2


@pytest.mark.parametrize("name", ["xxe.xml", "billion-laughs.xml", "not-iati.xml", "iati-1.05.xml"])
def test_a_refused_file_fails_the_run_and_imports_nothing(name):
    run = import_path(FIXTURES / name)

    assert run.status == ImportRun.Status.FAILED
    assert run.error
    assert (run.processed, run.items.count(), Project.objects.count()) == (0, 0, 0)


def test_progress_is_saved_batch_by_batch(monkeypatch):
    run = ImportRun.objects.create(kind=ImportRun.Kind.IATI, filename="valid.xml")
    seen = []
    original = services.projects_save

    def watching(**kwargs):
        seen.append(ImportRun.objects.get(pk=run.pk).processed)
        return original(**kwargs)

    monkeypatch.setattr("ecodialogue.projectdb.imports.projects_save", watching)
    with (FIXTURES / "valid.xml").open("rb") as stream:
        import_file(run=run, stream=stream, batch_size=1)

    assert seen == [0, 1]  # the second batch saw the first one's progress
    assert run.processed == 2


def test_the_same_activity_twice_in_a_file_is_saved_in_turn(tmp_path):
    text = (FIXTURES / "valid.xml").read_text(encoding="utf-8")
    first = " <iati-activity " + text.split(" <iati-activity ", 1)[1].split("</iati-activity>", 1)[0]
    twice = tmp_path / "twice.xml"
    twice.write_text(text.replace("</iati-activities>", first + "</iati-activity>\n</iati-activities>"), "utf-8")

    run = import_path(twice)

    assert list(run.items.values_list("outcome", flat=True)) == ["created", "created", "unchanged"]


def test_an_activity_the_database_refuses_is_rolled_back_alone(monkeypatch):
    original = services._derive_rows

    def failing(changed, **kwargs):
        if any(project.identifier == "XM-ECODIALOGUE-TEST-2" for project, _record in changed):
            raise DatabaseError("value too long")
        return original(changed, **kwargs)

    monkeypatch.setattr(services, "_derive_rows", failing)

    run = import_path(FIXTURES / "valid.xml")

    assert outcomes(run) == {"XM-ECODIALOGUE-TEST-1": "created", "XM-ECODIALOGUE-TEST-2": "invalid"}
    assert run.items.get(identifier="XM-ECODIALOGUE-TEST-2").messages[0]["code"] == "import.save_failed"
    assert list(Project.objects.values_list("identifier", flat=True)) == ["XM-ECODIALOGUE-TEST-1"]


def test_an_unexpected_error_fails_the_run_instead_of_leaving_it_running(monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("ecodialogue.projectdb.imports.projects_save", broken)

    with pytest.raises(RuntimeError):
        import_path(FIXTURES / "valid.xml")

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert "internal error" in run.error


@needs_shared
def test_the_real_central_asia_extract_imports_ten_and_reports_the_schema_error():
    run = import_path(COVID)

    assert counts(run) == (10, 0, 0, 0, 1)
    item = run.items.get(outcome=ImportItem.Outcome.INVALID)
    assert item.identifier == "GB-GOV-1-300619-104"
    assert item.messages[0]["line"] == 1180
    assert "budget-item" in item.messages[0]["message"]
    assert Project.objects.filter(identifier="CH-4-2020001403").exists()
    assert counts(import_path(COVID)) == (0, 0, 10, 0, 1)


@needs_shared
def test_the_real_food_security_file_and_the_annotated_example():
    food = import_path(SHARED_IATI / "dportal-foodsecurity-de-en-2.03.xml")
    assert counts(food) == (7, 0, 0, 0, 0)
    bmz = Project.objects.get(identifier="DE-1-202033942-0")
    assert set(bmz.record["title"]) == {"de", "en"}

    example = import_path(SHARED_IATI / "iati-activity-standard-example-annotated-2.03.xml")
    # IATI's own example: its countries and regions of every vocabulary add up to 100, its link is "http:www…".
    assert counts(example) == (1, 0, 0, 0, 0)


# --- The staff upload and the background task -----------------------------------------------------


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else (FIXTURES / name).read_bytes())


def test_staff_upload_runs_in_the_background_and_the_file_is_then_deleted(staff, committed):
    with committed():
        run = import_enqueue(actor=staff, uploaded_file=upload("valid.xml"), kind=ImportRun.Kind.IATI)
        stored = run.file.name
        assert run.status == ImportRun.Status.QUEUED
        assert run.file.storage.exists(stored)

    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    assert (run.by, run.filename, run.created) == (staff, "valid.xml", 2)
    assert not run.file
    assert not ImportRun.file.field.storage.exists(stored)
    assert Project.objects.count() == 2


def test_a_refused_upload_fails_its_run_and_is_deleted_too(staff, committed):
    with committed():
        run = import_enqueue(actor=staff, uploaded_file=upload("xxe.xml"), kind=ImportRun.Kind.IATI)
        stored = run.file.name

    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert "document type" in run.error
    assert not ImportRun.file.field.storage.exists(stored)


@pytest.mark.parametrize("who", ["outsider", None])
def test_only_staff_import(request, who):
    actor = request.getfixturevalue(who) if who else None

    with pytest.raises(Forbidden):
        import_enqueue(actor=actor, uploaded_file=upload("valid.xml"), kind=ImportRun.Kind.IATI)
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "kind", "code"),
    [
        ("report.xml", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", ImportRun.Kind.IATI, "import.not_xml"),
        ("projects.xml", b"identifier,title_en\nXM-1,Waste\n", ImportRun.Kind.IATI, "import.not_xml"),
        ("projects.csv", (FIXTURES / "valid.xml").read_bytes(), ImportRun.Kind.TABLE, "import.not_table"),
        ("projects.csv", b"\x00\x01\x02binary", ImportRun.Kind.TABLE, "import.not_table"),
        ("empty.xml", b"", ImportRun.Kind.IATI, "import.file_empty"),
        ("valid.xml", None, "pdf", "import.kind"),
    ],
)
def test_uploads_are_checked_by_their_content(staff, name, content, kind, code):
    with pytest.raises(Invalid) as caught:
        import_enqueue(actor=staff, uploaded_file=upload(name, content), kind=kind)

    assert caught.value.code == code
    assert not ImportRun.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(staff, settings):
    settings.PROJECTDB_IMPORT_MAX_BYTES = 1000

    with pytest.raises(Invalid) as caught:
        import_enqueue(actor=staff, uploaded_file=upload("valid.xml"), kind=ImportRun.Kind.IATI)
    assert caught.value.code == "import.file_too_large"


def test_an_xml_file_with_a_byte_order_mark_is_accepted(staff, committed):
    with committed():
        import_enqueue(
            actor=staff,
            uploaded_file=upload("bom.xml", b"\xef\xbb\xbf" + (FIXTURES / "valid.xml").read_bytes()),
            kind=ImportRun.Kind.IATI,
        )
    assert ImportRun.objects.get().created == 2


@pytest.mark.parametrize(("name", "fmt"), [("projects.csv", "csv"), ("projects.csv", "xlsx"), ("export", "xlsx")])
def test_a_table_upload_is_read_as_what_it_holds_whatever_its_name(staff, committed, save, name, fmt):
    save(make_record("XM-TABLE-1"))
    data = tables.write_table(Project.objects.all(), fmt)
    Project.objects.all().delete()

    with committed():
        run = import_enqueue(actor=staff, uploaded_file=upload(name, data), kind=ImportRun.Kind.TABLE)

    run.refresh_from_db()
    assert run.filename.endswith(f".{fmt}")
    assert (run.status, run.created, run.invalid) == (ImportRun.Status.DONE, 1, 0)
    assert Project.objects.get().source == Project.Source.TABLE


def test_the_task_does_not_import_a_run_twice(staff, committed):
    with committed():
        run = import_enqueue(actor=staff, uploaded_file=upload("valid.xml"), kind=ImportRun.Kind.IATI)

    import_run.enqueue(run_id=run.pk)  # a second delivery of the same task

    assert ImportRun.objects.get().items.count() == 2


def test_a_run_whose_file_is_gone_fails_with_a_reason(staff):
    run = ImportRun.objects.create(kind=ImportRun.Kind.IATI, filename="lost.xml", by=staff, file="projectdb/lost.xml")

    import_run.enqueue(run_id=run.pk)

    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert "no longer there" in run.error
