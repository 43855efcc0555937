"""Saving records: created, updated, unchanged or skipped; facets derived; every change kept; never half a project."""

from decimal import Decimal

import pytest

from ecodialogue.core.errors import Forbidden, Invalid
from ecodialogue.core.models import ActivityEntry
from ecodialogue.projectdb.models import (
    Project,
    ProjectAmount,
    ProjectCountry,
    ProjectMarker,
    ProjectOrganisation,
    ProjectRevision,
    ProjectSector,
    ProjectYear,
)
from ecodialogue.projectdb.services import project_save, projects_save

from .conftest import make_record

pytestmark = pytest.mark.django_db


def save_one(record, **kwargs):
    (result,) = projects_save(records=[record], source=Project.Source.IATI, source_name="a.xml", **kwargs)
    return result


def test_a_new_record_creates_the_project_with_its_facets_and_a_first_revision():
    result = save_one(make_record())
    project = result.project
    assert result.outcome == "created"
    assert project.title.startswith("WECOOP 2")
    assert project.title_kk.startswith("WECOOP 2: ЕО")
    assert project.status == "4"
    assert str(project.start_date) == "2016-08-01" and str(project.end_date) == "2019-08-31"
    assert (project.budget_value, project.budget_currency) == (Decimal("1998000"), "EUR")
    assert sorted(ProjectCountry.objects.values_list("code", "share")) == [
        (code, Decimal("20")) for code in ("KG", "KZ", "TJ", "TM", "UZ")
    ]
    assert sorted(ProjectSector.objects.values_list("code", "category")) == [("14010", "140"), ("41010", "410")]
    funder = ProjectOrganisation.objects.get(role="1")
    assert funder.key == "XI-IATI-EC_INTPA" and funder.is_eu
    assert ProjectOrganisation.objects.get(role="4").key == "name:stantec s.a."
    assert sorted(ProjectMarker.objects.values_list("code", "significance")) == [("6", 1), ("7", 2)]
    assert list(ProjectYear.objects.order_by("year").values_list("year", flat=True)) == [2016, 2017, 2018, 2019]
    assert set(ProjectAmount.objects.values_list("kind", "currency", "value")) == {
        ("budget", "EUR", Decimal("1998000")),
        ("disbursement", "EUR", Decimal("800000")),
    }
    revision = ProjectRevision.objects.get()
    assert revision.before is None and revision.after["identifier"] == project.identifier
    assert project.source_name == "a.xml" and project.imported_at is not None


def test_the_same_record_again_writes_nothing():
    save_one(make_record())
    again = save_one(make_record())
    assert again.outcome == "unchanged"
    assert ProjectRevision.objects.count() == 1


def test_a_newer_version_updates_and_an_older_one_is_skipped():
    save_one(make_record())
    newer = make_record(status="3", last_updated="2021-05-01T00:00:00+00:00")
    assert save_one(newer).outcome == "updated"
    older = make_record(status="2", last_updated="2019-01-01T00:00:00+00:00")
    assert save_one(older).outcome == "skipped"
    project = Project.objects.get()
    assert project.status == "3"
    revision = ProjectRevision.objects.first()
    assert revision.changed == ["last_updated", "status"]
    assert revision.before["status"] == "4" and revision.after["status"] == "3"


def test_an_update_rewrites_the_facets():
    save_one(make_record())
    save_one(make_record(countries=[{"code": "KZ", "percentage": "100"}], last_updated=""))
    assert list(ProjectCountry.objects.values_list("code", "share")) == [("KZ", Decimal("100"))]


def test_an_invalid_record_writes_nothing_but_the_others_save():
    bad = make_record("BAD-1", countries=[{"code": "KZ", "percentage": "60"}])
    good = make_record("GOOD-1")
    results = projects_save(records=[bad, good], source=Project.Source.IATI)
    assert [r.outcome for r in results] == ["", "created"]
    assert [f.code for f in results[0].problems] == ["project.country_percentages"]
    assert list(Project.objects.values_list("identifier", flat=True)) == ["GOOD-1"]
    assert not ProjectCountry.objects.filter(project__identifier="BAD-1").exists()


def test_percentages_not_given_are_split_evenly():
    save_one(make_record(countries=[{"code": "KZ", "percentage": ""}, {"code": "UZ", "percentage": ""}]))
    assert set(ProjectCountry.objects.values_list("share", flat=True)) == {Decimal("50")}


def test_staff_edit_through_project_save_and_it_is_logged(staff):
    saved = project_save(record=make_record(), source=Project.Source.MANUAL, actor=staff)
    assert saved.outcome == "created"
    assert saved.project.edited_by == staff and saved.project.edited_at is not None
    assert ActivityEntry.objects.filter(verb="project.created").exists()
    # A staff edit applies even with an older publication time: a person saw the current record.
    edited = make_record(status="2", last_updated="2000-01-01T00:00:00+00:00")
    assert project_save(record=edited, source=Project.Source.MANUAL, actor=staff).outcome == "updated"


def test_project_save_refuses_non_staff_and_invalid_records(outsider, staff):
    with pytest.raises(Forbidden):
        project_save(record=make_record(), source=Project.Source.MANUAL, actor=outsider)
    with pytest.raises(Invalid) as refused:
        project_save(record=make_record(dates={"1": "2020-01-01", "3": "2019-01-01"}), source="manual", actor=staff)
    assert refused.value.code == "project.dates_order"
    assert refused.value.details[0]["subject"] == "dates"
    assert not Project.objects.exists()
