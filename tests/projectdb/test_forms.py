"""The staff form of a project: from a record to the rows people type in, and back to a record.

The form posts what the page shows; these tests post the form's own values
(`posted`), as a browser would, and look at the record it makes.
"""

import pytest
from django.utils import translation

from ecodialogue.projectdb.forms import SECTION_LABELS, SECTIONS, TABLES, ProjectForm
from ecodialogue.projectdb.records import normalised, record_hash

from .conftest import make_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def posted(form: ProjectForm, **changes) -> dict:
    """What the browser posts for the form as shown (empty rows left out), with some fields changed."""
    typed = form.typed
    data = {"identifier": typed["identifier"], "status": typed["status"], "base_hash": form.base_hash}
    data["default_currency"] = typed["default_currency"]
    data |= {f"title-{lang}": text for lang, text in typed["title"].items()}
    for kind, texts in typed["descriptions"].items():
        data |= {f"description-{kind}-{lang}": text for lang, text in texts.items()}
    data |= {f"date-{kind}": day for kind, day in typed["dates"].items()}
    data |= {f"marker-{code}": value for code, value in typed["markers"].items()}
    for name, table in TABLES.items():
        for n, row in enumerate(typed[name]):
            data |= {f"{name}-{n}-{field}": row.get(field, "") for field in (*table.fields, "orig")}
    data.update(changes)
    return data


def edited(project, **changes) -> dict:
    """The record the form makes when the project's form is posted with `changes`."""
    shown = ProjectForm(project=project)
    return normalised(ProjectForm(project=project, data=posted(shown, **changes)).record())


def test_an_unchanged_form_gives_back_the_stored_record(save):
    (project,) = save(make_record())

    assert record_hash(edited(project)) == project.record_hash


def test_the_form_shows_the_record_in_rows(save):
    (project,) = save(make_record())
    form = ProjectForm(project=project)

    assert form.typed["title"]["ru"].startswith("WECOOP 2: сотрудничество")
    assert form.typed["markers"] == {"5": "", "6": "1", "7": "2", "8": ""}
    assert [(r["code"], r["percentage"]) for r in form.typed["sectors"]] == [("41010", "60"), ("14010", "40")]
    implementer = form.typed["participating_orgs"][1]
    assert (implementer["role"], implementer["name"], implementer["name_lang"]) == ("4", "Stantec S.A.", "en")
    tables = form.tables()
    assert len(tables["countries"]) == 5 + 2  # two empty rows to type into
    assert len(ProjectForm(project=project, data=posted(form), more="countries").tables()["countries"]) == 5 + 5


def test_editing_keeps_what_the_form_does_not_show(save):
    record = make_record(
        title={"en": "Water for Naryn", "de": "Wasser für Naryn"},
        descriptions=[
            {"type": "1", "text": {"en": "Drinking water.", "fr": "Eau potable."}},
            {"type": "4", "text": {"en": "Other notes."}},
        ],
        sectors=[
            {"code": "14030", "vocabulary": "1", "percentage": "100"},
            {"code": "6.1", "vocabulary": "8", "percentage": ""},
        ],
        policy_markers=[
            {"code": "1", "vocabulary": "1", "significance": "1"},
            {"code": "7", "vocabulary": "1", "significance": "2"},
        ],
    )
    (project,) = save(record)

    after = edited(project, **{"title-en": "Clean water for Naryn", "transactions-0-value": "900 000"})

    assert after["title"] == {"en": "Clean water for Naryn", "de": "Wasser für Naryn"}
    assert after["descriptions"] == record["descriptions"]
    assert after["sectors"] == record["sectors"]
    assert after["policy_markers"] == record["policy_markers"]
    (transaction,) = after["transactions"]
    assert transaction["value"] == "900000"
    assert transaction["provider"] == {"ref": "XI-IATI-EC_INTPA", "name": "European Union"}
    assert transaction["receiver"]["name"] == "Stantec S.A."
    assert after["documents"][0]["languages"] == ["en", "ru"]
    assert after["reporting_org"] == record["reporting_org"]


def test_a_cleared_row_removes_its_item_and_a_filled_empty_row_adds_one(save):
    (project,) = save(make_record())

    after = edited(
        project,
        **{
            "sectors-1-code": "",
            "sectors-1-percentage": "",
            "sectors-0-percentage": "100",
            "locations-0-name": "Астана",
            "locations-0-name_lang": "kk",
            "locations-0-lat": "51,1694",
            "locations-0-lon": "71.4491",
        },
    )

    assert after["sectors"] == [{"code": "41010", "vocabulary": "1", "percentage": "100"}]
    (location,) = after["locations"]
    assert location["name"] == {"kk": "Астана"}
    assert (location["lat"], location["lon"]) == ("51.1694", "71.4491")


def test_an_organisation_renamed_keeps_its_name_in_other_languages(save):
    orgs = [{"role": "4", "ref": "", "type": "70", "name": {"en": "Stantec S.A.", "de": "Stantec AG"}}]
    (project,) = save(make_record(participating_orgs=orgs))

    after = edited(project, **{"participating_orgs-0-name": "Stantec SA", "participating_orgs-0-type": "71"})

    assert after["participating_orgs"] == [
        {"role": "4", "ref": "", "type": "71", "name": {"en": "Stantec SA", "de": "Stantec AG"}}
    ]


def test_rio_markers_are_set_changed_and_removed(save):
    (project,) = save(make_record())

    after = edited(project, **{"marker-5": "0", "marker-6": "", "marker-7": "1"})

    assert after["policy_markers"] == [
        {"code": "7", "vocabulary": "1", "significance": "1"},
        {"code": "5", "vocabulary": "1", "significance": "0"},
    ]


def test_typed_amounts_and_dates_are_read_as_people_write_them():
    data = {
        "title-kk": "Жаңа жоба",
        "default_currency": "eur",
        "date-1": "01.08.2016",
        "budgets-0-period_start": "2016-08-01",
        "budgets-0-period_end": "31.07.2017",
        "budgets-0-value": "1 998 000",
        "budgets-0-currency": "",
    }

    record = normalised(ProjectForm(data=data).record())

    assert record["identifier"].startswith("KZ-ECODIALOGUE-")
    assert record["title"] == {"kk": "Жаңа жоба"}
    assert record["dates"] == {"1": "2016-08-01"}
    (budget,) = record["budgets"]
    assert (budget["period_end"], budget["value"], budget["currency"]) == ("2017-07-31", "1998000", "EUR")


def test_each_refusal_is_shown_beside_its_section():
    form = ProjectForm(data={"title-en": "X"})
    form.refuse(
        [
            {"code": "project.dates_order", "message": "The project ends before it starts.", "subject": "dates"},
            {"code": "project.country_percentages", "message": "80, not 100", "subject": "countries"},
            {"code": "x", "message": "Something else.", "subject": ""},
        ]
    )

    assert form.problems == {
        "status": ["The project ends before it starts."],
        "geography": ["80, not 100"],
        "general": ["Something else."],
    }
    assert [section for section, _heading, _messages in form.problem_sections()] == ["general", "status", "geography"]
    assert set(SECTIONS.values()) <= set(SECTION_LABELS)  # every subject of the rules has a place on the page
