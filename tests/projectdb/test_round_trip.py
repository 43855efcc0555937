"""Import → export → import gives the same records: nothing an IATI file said is lost or changed by the platform."""

import pytest
from django.utils import timezone

from ecodialogue.projectdb.iati_export import validate, write_activities
from ecodialogue.projectdb.iati_import import read_activities
from ecodialogue.projectdb.imports import import_path
from ecodialogue.projectdb.models import Project
from ecodialogue.projectdb.records import normalised

from .conftest import SHARED_IATI, make_record
from .test_iati_export import full_record, minimal_record

REAL_FILES = [
    "dportal-covid-central-asia-extract-2.03.xml",
    "dportal-foodsecurity-de-en-2.03.xml",
    "iati-activity-standard-example-annotated-2.03.xml",
]


def exported(tmp_path, projects):
    path = tmp_path / "export.xml"
    with path.open("wb") as out:
        write_activities(projects, out)
    return path


def read_back(path) -> dict:
    parsed = list(read_activities(path))
    assert [(p.identifier, p.problems) for p in parsed if p.problems] == []
    return {p.identifier: normalised(p.record) for p in parsed}


def as_a_file_gives_it(record: dict) -> dict:
    """The record with what a valid IATI file always has and the export would otherwise fill (test_iati_export)."""
    for item in record["budgets"] + record["transactions"]:
        item["value_date"] = item["value_date"] or item.get("period_start") or item["date"]
    for document in record["documents"]:
        document["format"] = document["format"] or "application/pdf"
        document["categories"] = document["categories"] or ["A01"]
    return record


def differences(back: dict, stored: dict) -> dict:
    """{identifier: {field: (read back, stored)}} for the fields that differ: a failure says what changed."""
    found = {}
    for identifier, record in stored.items():
        changed = {k: (back[identifier][k], v) for k, v in record.items() if back[identifier].get(k) != v}
        if changed:
            found[identifier] = changed
    return found


def assert_round_trip(tmp_path):
    """The export of every stored project reads back as the stored records and re-imports unchanged."""
    stored = {p.identifier: normalised(p.record) for p in Project.objects.all()}
    path = exported(tmp_path, Project.objects.order_by("id"))

    assert validate(path) == []
    back = read_back(path)
    assert sorted(back) == sorted(stored)
    assert differences(back, stored) == {}
    again = import_path(path)
    assert (again.unchanged, again.created, again.updated, again.skipped, again.invalid) == (len(stored), 0, 0, 0, 0)


@pytest.mark.skipif(not SHARED_IATI.exists(), reason="../shared/data/iati is not on this machine")
@pytest.mark.parametrize("name", REAL_FILES)
def test_a_real_file_comes_back_the_same_after_export(name, tmp_path, db):
    run = import_path(SHARED_IATI / name)
    assert run.processed > 0
    if not Project.objects.exists():
        pytest.skip(f"the rules refuse every activity of {name}: nothing to export")

    assert_round_trip(tmp_path)


@pytest.mark.skipif(not SHARED_IATI.exists(), reason="../shared/data/iati is not on this machine")
def test_all_real_files_together_come_back_the_same(tmp_path, db):
    for name in REAL_FILES:
        import_path(SHARED_IATI / name)

    # The 10 valid activities of the Central Asia extract and the 7 of the food security file, at least.
    assert Project.objects.count() >= 17
    assert_round_trip(tmp_path)


def test_records_made_here_come_back_the_same(tmp_path, save):
    unknown_language = make_record("GB-GOV-1-300619-104", default_language="")
    unknown_language["title"] = {"": "Title of unknown language"}
    save(as_a_file_gives_it(full_record()), make_record("XM-DAC-41114-PROJECT-00126746"), unknown_language)

    assert_round_trip(tmp_path)


def test_a_minimal_record_comes_back_with_the_documented_fills_only(tmp_path, save, settings):
    settings.IATI_REPORTING_ORG_REF = "KZ-BIN-987654321098"
    (project,) = save(minimal_record(), source=Project.Source.MANUAL)

    (back,) = read_back(exported(tmp_path, [project])).values()

    platform = {"ref": "KZ-BIN-987654321098", "type": "90", "name": {"en": "EcoDialogue"}}
    assert back == normalised(
        {
            **project.record,
            "reporting_org": platform,
            "participating_orgs": [{**platform, "role": "2"}],
            "status": "1",
            "dates": {"1": timezone.localdate(project.created_at).isoformat()},
        }
    )
