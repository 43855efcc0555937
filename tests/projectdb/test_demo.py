"""The project database's demo: about 40 valid trilingual projects from public facts, and the real IATI samples.

The story: `make run` seeds the demo once, then again on the next start; the
second run must change nothing. When ../shared/data/iati is on the machine,
its real files are imported too (and only once).
"""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from ecodialogue.projectdb.demo import sample_files, samples_dir, seed_projects
from ecodialogue.projectdb.demo_data import demo_records
from ecodialogue.projectdb.models import ImportRun, Project, ProjectOrganisation, ProjectRevision
from ecodialogue.projectdb.records import normalised
from ecodialogue.projectdb.rules import record_findings
from ecodialogue.projectdb.services import project_save

from .conftest import SHARED_IATI

needs_samples = pytest.mark.skipif(
    not SHARED_IATI.is_dir(), reason=f"the real IATI sample files are not on this machine ({SHARED_IATI})"
)


def by_title(records: list[dict], words: str) -> dict:
    (record,) = [r for r in records if words in r["title"]["en"]]
    return record


@pytest.fixture
def no_samples(tmp_path):
    """A samples folder that does not exist: only the demo projects are loaded."""
    return tmp_path / "no-such-folder"


def state() -> dict:
    """What a second run must not change."""
    return {
        "projects": sorted(Project.objects.values_list("identifier", "record_hash", "updated_at")),
        "revisions": ProjectRevision.objects.count(),
        "runs": ImportRun.objects.count(),
    }


# --- The data itself (no database) ------------------------------------------------------------------


def test_about_forty_projects_each_valid_with_title_and_description_in_three_languages():
    records = demo_records()
    assert 38 <= len(records) <= 50
    assert len({r["identifier"] for r in records}) == len(records)
    for raw in records:
        record = normalised(raw)
        assert record_findings(record) == [], record["identifier"]
        for language in ("kk", "ru", "en"):
            assert record["title"][language], (record["identifier"], language)
            assert record["descriptions"][0]["text"][language], (record["identifier"], language)


def test_related_projects_point_at_demo_projects_and_parents_know_their_children():
    records = {r["identifier"]: r for r in demo_records()}
    for identifier, record in records.items():
        for related in record["related"]:
            assert related["ref"] in records, (identifier, related)
            if related["type"] == "1":
                parent = records[related["ref"]]
                assert {"type": "2", "ref": identifier} in parent["related"], identifier


def test_wecoop_2_as_the_seed_says_august_2016_to_august_2019_and_eur_1998000():
    wecoop2 = by_title(demo_records(), "(WECOOP 2)")
    assert wecoop2["dates"]["2"] == "2016-08-01" and wecoop2["dates"]["4"] == "2019-08-31"
    assert [(b["value"], b["currency"]) for b in wecoop2["budgets"]] == [("1998000", "EUR")]
    assert {o["ref"] for o in wecoop2["participating_orgs"] if o["role"] == "1"} == {"XI-IATI-EC_INTPA"}
    assert {c["code"] for c in wecoop2["countries"]} == {"KZ", "KG", "TJ", "TM", "UZ"}


def test_covenant_of_mayors_east_runs_from_2011_to_2015_funded_by_the_eu():
    com = by_title(demo_records(), "Covenant of Mayors East")
    assert com["dates"]["2"].startswith("2011") and com["dates"]["3"].startswith("2015")
    assert any(o["ref"] == "XI-IATI-EC_INTPA" and o["role"] == "1" for o in com["participating_orgs"])
    assert "Соглашение мэров" in com["title"]["ru"] and "Мэрлердің уағдаластығы" in com["title"]["kk"]


def test_the_seed_projects_are_there_the_ecodialogue_project_and_the_concepts_in_the_pipeline():
    records = demo_records()
    ecodialogue = by_title(records, "EcoDialogue: strengthening")
    call = by_title(records, "EcoDialogue call")
    assert {"type": "1", "ref": ecodialogue["identifier"]} in call["related"]
    assert [(b["value"], b["currency"]) for b in call["budgets"]] == [("60000", "EUR")]
    concepts = [r for r in records if r["status"] == "1"]
    titles = " ".join(r["title"]["ru"] for r in concepts)
    assert "Иссык-Кульской" in titles and "Душанбе" in titles and "качеством воздуха" in titles


def test_statuses_years_currencies_and_places_are_spread_so_the_facets_look_alive():
    records = demo_records()
    assert {r["status"] for r in records} >= {"1", "2", "3", "4"}
    starts = {(r["dates"].get("2") or r["dates"].get("1") or "")[:4] for r in records} - {""}
    assert len(starts) >= 15
    assert {b["currency"] for r in records for b in r["budgets"]} >= {"EUR", "USD"}
    assert sum(1 for r in records if r["locations"]) >= 10
    assert sum(1 for r in records if r["transactions"]) >= 4


# --- Seeding -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_seeding_loads_every_demo_project_as_demo_data(no_samples):
    summary = seed_projects(shared_iati_dir=no_samples)
    count = len(demo_records())
    assert summary.created == count and Project.objects.filter(source=Project.Source.DEMO).count() == count
    wecoop2 = Project.objects.get(title_en__contains="(WECOOP 2)")
    assert (wecoop2.start_date, wecoop2.end_date) == (datetime.date(2016, 8, 1), datetime.date(2019, 8, 31))
    assert (wecoop2.budget_value, wecoop2.budget_currency) == (Decimal("1998000"), "EUR")
    assert wecoop2.source_name == "demo"
    com = Project.objects.get(title_en__startswith="Covenant of Mayors East")
    assert com.start_date.year == 2011 and com.end_date.year == 2015
    # The EU filter of the grants' screening finds the EU-funded ones.
    eu_funded = ProjectOrganisation.objects.filter(is_eu=True, role="1").values("project").distinct().count()
    assert eu_funded >= 15
    assert any("not found" in line for line in summary.lines())


@pytest.mark.django_db
def test_seeding_twice_changes_nothing(no_samples):
    seed_projects(shared_iati_dir=no_samples)
    before = state()
    summary = seed_projects(shared_iati_dir=no_samples)
    assert state() == before
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, len(demo_records()))


@pytest.mark.django_db
def test_a_demo_project_staff_have_edited_is_not_undone_by_the_next_seeding(no_samples, staff):
    seed_projects(shared_iati_dir=no_samples)
    project = Project.objects.get(title_en__contains="(WECOOP 2)")
    record = dict(project.record, title={**project.record["title"], "en": "WECOOP 2, corrected by staff"})
    project_save(record=record, source=Project.Source.MANUAL, actor=staff)
    summary = seed_projects(shared_iati_dir=no_samples)
    assert summary.kept == 1
    assert Project.objects.get(pk=project.pk).title_en == "WECOOP 2, corrected by staff"


def test_the_samples_folder_is_beside_the_project_unless_a_setting_says_otherwise(settings, tmp_path):
    assert samples_dir() == settings.BASE_DIR.parent / "shared" / "data" / "iati"
    settings.PROJECTDB_SAMPLES_DIR = str(tmp_path)
    assert samples_dir() == tmp_path


@needs_samples
@pytest.mark.django_db
def test_the_real_iati_files_are_imported_once_when_present():
    files = sample_files(SHARED_IATI)
    assert {f.name for f in files} >= {
        "dportal-covid-central-asia-extract-2.03.xml",
        "dportal-foodsecurity-de-en-2.03.xml",
        "iati-activity-standard-example-annotated-2.03.xml",
    }
    summary = seed_projects(shared_iati_dir=SHARED_IATI)
    assert [outcome.name for outcome in summary.files] == [f.name for f in files]
    assert all(outcome.run.status == ImportRun.Status.DONE for outcome in summary.files)
    imported = Project.objects.filter(source=Project.Source.IATI)
    assert imported.filter(identifier="XM-DAC-41114-PROJECT-00126746").exists()  # UNDP Uzbekistan, a real one
    assert imported.filter(identifier="DE-1-202033942-0").exists()  # BMZ, with German and English narratives
    # The one real schema error of the Central Asia extract is reported, not imported.
    covid = next(o.run for o in summary.files if o.name.startswith("dportal-covid"))
    assert covid.invalid == 1 and covid.created == 10
    before = state()
    again = seed_projects(shared_iati_dir=SHARED_IATI)
    assert state() == before
    assert all(outcome.run is None for outcome in again.files)
    assert any("already imported" in line for line in again.lines())


@pytest.mark.django_db
def test_the_seed_demo_command_ends_with_the_project_database(settings, tmp_path, capsys, monkeypatch):
    settings.PROJECTDB_SAMPLES_DIR = str(tmp_path / "absent")
    # The grants' demo (calls, applications, PDFs) has its own tests and takes long: here only the wiring counts.
    monkeypatch.setattr("ecodialogue.grants.demo.seed_calls", lambda *, staff: 0)
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert f"Project database: {len(demo_records())} demo projects created" in out
    call_command("seed_demo")
    assert "0 demo projects created, 0 updated" in capsys.readouterr().out
