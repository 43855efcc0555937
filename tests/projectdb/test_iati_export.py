"""The IATI export: every field of a record in a 2.03 document that validates, whatever the record lacks."""

import io

import pytest
from django.utils import timezone
from lxml import etree

from ecodialogue.projectdb import iati_export
from ecodialogue.projectdb.models import Project

from .conftest import SHARED_IATI, SHARED_XSD, make_record

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def full_record(identifier="XI-IATI-EC_INTPA-2016-379586"):
    """WECOOP 2 with every field of the record filled, some of them in more than one way."""
    record = make_record(identifier)
    record["countries"] = [{"code": "KZ", "percentage": "30"}, {"code": "UZ", "percentage": "20"}]
    record["regions"] = [
        {"code": "619", "vocabulary": "1", "percentage": "50"},
        {"code": "Central Asia", "vocabulary": "99", "percentage": ""},
    ]
    record["sectors"].append({"code": "13.1", "vocabulary": "8", "percentage": "100"})
    record["policy_markers"].append({"code": "1", "vocabulary": "1", "significance": "0"})
    record["locations"] = [
        {
            "ref": "KATO-751110000",
            "name": {"kk": "Алматы", "ru": "Алматы", "en": "Almaty"},
            "description": {"en": "Regional knowledge centre"},
            "lat": "43.2567",
            "lon": "76.9286",
            "admin_vocabulary": "A4",
            "admin_code": "KZ",
        },
        {
            "ref": "",
            "name": {"ru": "Бишкек"},
            "description": {},
            "lat": "",
            "lon": "",
            "admin_vocabulary": "",
            "admin_code": "",
        },
    ]
    record["budgets"].append(
        {
            "type": "2",
            "status": "1",
            "period_start": "2017-08-01",
            "period_end": "2018-07-31",
            "value": "500000.50",
            "currency": "USD",
            "value_date": "",
        }
    )
    record["transactions"].append(
        {
            "type": "2",
            "date": "2016-07-20",
            "value": "1998000",
            "currency": "EUR",
            "value_date": "",
            "description": {"en": "Contract signed", "ru": "Контракт подписан"},
            "provider": {"ref": "", "name": ""},
            "receiver": {"ref": "", "name": ""},
        }
    )
    record["documents"].append(
        {"url": "https://wecoop.eu/report.pdf", "format": "", "title": {}, "categories": [], "languages": []}
    )
    record["related"] = [{"type": "1", "ref": "XI-IATI-EC_INTPA-2011-CA-ENV"}]
    record["descriptions"].append({"type": "2", "text": {"en": "Better environmental governance."}})
    return record


def minimal_record(identifier="KZ-BIN-123456789012-MIN-1"):
    """What a member of staff may save: an identifier and a title, nothing else."""
    return {"identifier": identifier, "title": {"ru": "Минимальный проект"}}


def export(projects) -> bytes:
    out = io.BytesIO()
    iati_export.write_activities(projects, out)
    return out.getvalue()


def activities(document: bytes) -> dict:
    root = etree.fromstring(document)
    return {a.findtext("iati-identifier"): a for a in root.iterfind("iati-activity")}


@pytest.fixture
def varied(save):
    unknown_language = make_record("GB-GOV-1-300619-104", default_language="")
    unknown_language["title"] = {"": "Title of unknown language"}
    unknown_language["reporting_org"] = {"ref": "GB-GOV-1", "type": "", "name": {"": "FCDO"}}
    return save(full_record(), make_record("XM-DAC-41114-PROJECT-00126746"), unknown_language, minimal_record())


def test_an_export_of_varied_records_validates_against_the_vendored_schema(varied):
    document = export(Project.objects.order_by("identifier"))

    assert iati_export.validate(document) == []
    assert len(activities(document)) == 4


@pytest.mark.skipif(not SHARED_XSD.exists(), reason="../shared/data/iati/schema is not on this machine")
def test_an_export_validates_against_the_shared_copy_of_the_official_schema(varied):
    document = export(Project.objects.all())

    assert iati_export.validate(document, xsd=SHARED_XSD) == []


def test_the_document_says_its_version_and_when_it_was_made(varied):
    root = etree.fromstring(export(Project.objects.all()))

    assert root.tag == "iati-activities"
    assert root.get("version") == "2.03"
    assert root.get("generated-datetime").endswith("+00:00")


def test_every_field_of_a_full_record_is_written(save):
    (project,) = save(full_record())
    activity = activities(export([project]))["XI-IATI-EC_INTPA-2016-379586"]

    assert activity.get(XML_LANG) == "en"
    assert activity.get("default-currency") == "EUR"
    assert activity.get("last-updated-datetime") == "2020-01-10T09:00:00+00:00"
    assert activity.find("reporting-org").get("ref") == "XI-IATI-EC_INTPA"
    assert {n.get(XML_LANG) for n in activity.find("title")} == {"en", "ru", "kk"}
    assert [d.get("type") for d in activity.iterfind("description")] == ["1", "2"]
    assert [(o.get("role"), o.get("ref")) for o in activity.iterfind("participating-org")] == [
        ("1", "XI-IATI-EC_INTPA"),
        ("4", None),
    ]
    assert activity.find("activity-status").get("code") == "4"
    assert {d.get("type"): d.get("iso-date") for d in activity.iterfind("activity-date")} == {
        "1": "2016-08-01",
        "2": "2016-08-01",
        "3": "2019-08-31",
        "4": "2019-08-31",
    }
    assert [(c.get("code"), c.get("percentage")) for c in activity.iterfind("recipient-country")] == [
        ("KZ", "30"),
        ("UZ", "20"),
    ]
    assert [
        (r.get("code"), r.get("vocabulary"), r.get("percentage")) for r in activity.iterfind("recipient-region")
    ] == [
        ("619", "1", "50"),
        ("Central Asia", "99", None),
    ]
    almaty, bishkek = activity.iterfind("location")
    assert almaty.get("ref") == "KATO-751110000"
    assert almaty.findtext("point/pos") == "43.2567 76.9286"
    assert almaty.find("administrative").attrib == {"code": "KZ", "vocabulary": "A4"}
    assert almaty.findtext("description/narrative") == "Regional knowledge centre"
    assert bishkek.find("point") is None
    assert [(s.get("vocabulary"), s.get("code")) for s in activity.iterfind("sector")] == [
        ("1", "41010"),
        ("1", "14010"),
        ("8", "13.1"),
    ]
    assert [m.get("code") for m in activity.iterfind("policy-marker")] == ["6", "7", "1"]
    assert [b.findtext("value") for b in activity.iterfind("budget")] == ["1998000", "500000.5"]
    assert activity.find("transaction[2]/description/narrative").text == "Contract signed"
    assert activity.find("transaction[1]/provider-org").get("ref") == "XI-IATI-EC_INTPA"
    assert activity.find("transaction[1]/receiver-org/narrative").text == "Stantec S.A."
    assert [d.get("url") for d in activity.iterfind("document-link")] == [
        "https://wecoop.eu/",
        "https://wecoop.eu/report.pdf",
    ]
    assert activity.find("related-activity").attrib == {"ref": "XI-IATI-EC_INTPA-2011-CA-ENV", "type": "1"}


def test_narratives_carry_their_language_and_a_text_of_unknown_language_none(varied):
    found = activities(export(Project.objects.all()))

    wecoop_titles = found["XI-IATI-EC_INTPA-2016-379586"].find("title")
    assert {n.get(XML_LANG): n.text for n in wecoop_titles}["kk"].startswith("WECOOP 2: ЕО")
    unknown = found["GB-GOV-1-300619-104"]
    assert unknown.get(XML_LANG) is None
    (title,) = unknown.find("title")
    assert XML_LANG not in title.attrib
    assert title.text == "Title of unknown language"


def test_every_value_has_its_currency_and_a_value_date(save):
    (project,) = save(full_record())
    activity = activities(export([project]))["XI-IATI-EC_INTPA-2016-379586"]

    values = activity.findall(".//value")
    assert len(values) == 4
    assert all(v.get("currency") for v in values)
    second_budget, second_transaction = activity.find("budget[2]/value"), activity.find("transaction[2]/value")
    # Without a value date: the budget's period start, the transaction's date.
    assert (second_budget.get("currency"), second_budget.get("value-date")) == ("USD", "2017-08-01")
    assert second_transaction.get("value-date") == "2016-07-20"


def test_what_the_schema_requires_and_a_minimal_record_lacks_is_filled(save, settings):
    settings.IATI_REPORTING_ORG_REF = "KZ-BIN-987654321098"
    (project,) = save(minimal_record(), source=Project.Source.MANUAL)
    document = export([project])
    activity = activities(document)["KZ-BIN-123456789012-MIN-1"]

    assert iati_export.validate(document) == []
    reporting = activity.find("reporting-org")
    assert (reporting.get("ref"), reporting.get("type"), reporting.findtext("narrative")) == (
        "KZ-BIN-987654321098",
        "90",
        "EcoDialogue",
    )
    (participant,) = activity.iterfind("participating-org")
    assert (participant.get("ref"), participant.get("role")) == ("KZ-BIN-987654321098", "2")
    (description,) = activity.iterfind("description")
    assert [n.text for n in description] == [None]
    assert activity.find("activity-status").get("code") == "1"
    (date,) = activity.iterfind("activity-date")
    assert (date.get("type"), date.get("iso-date")) == ("1", timezone.localdate(project.created_at).isoformat())


def test_without_the_setting_the_platform_reports_as_ecodialogue(save, settings):
    settings.IATI_REPORTING_ORG_REF = ""
    (project,) = save(minimal_record())

    activity = activities(export([project]))["KZ-BIN-123456789012-MIN-1"]

    assert activity.find("reporting-org").get("ref") == "ECODIALOGUE"


@pytest.mark.parametrize(
    ("dates", "status"),
    [({"2": "2020-01-01", "4": "2021-01-01"}, "3"), ({"2": "2020-01-01"}, "2"), ({"1": "2030-01-01"}, "1")],
)
def test_a_missing_status_is_told_by_the_dates(dates, status):
    record = {**make_record(), "status": "", "dates": dates}

    activity = iati_export.activity_element(record)

    assert activity.find("activity-status").get("code") == status


def test_without_dates_the_first_budget_gives_the_planned_start():
    record = {**make_record(), "dates": {}}

    (date,) = iati_export.activity_element(record).iterfind("activity-date")

    assert date.attrib == {"type": "1", "iso-date": "2016-08-01"}


def test_a_document_without_format_gets_one_from_its_address_and_a_category():
    record = make_record(documents=[{"url": "https://example.org/Report.PDF?v=2", "title": {}, "categories": []}])

    (link,) = iati_export.activity_element(record).iterfind("document-link")

    assert link.get("format") == "application/pdf"
    assert link.find("category").get("code") == "A12"


def test_characters_xml_cannot_carry_are_dropped_not_fatal(save):
    (project,) = save(make_record(title={"en": "Waste\x0b sorting\x01"}))

    document = export([project])

    assert iati_export.validate(document) == []
    assert b'<narrative xml:lang="en">Waste sorting</narrative>' in document


def test_the_document_is_written_one_activity_at_a_time(save):
    projects = save(*(make_record(f"XM-TEST-{n}") for n in range(3)))

    pieces = list(iati_export.iter_activities(projects))

    # The first piece is the declaration, the root's start and the first activity; the last the root's end.
    assert len(pieces) == 4
    assert [piece.count(b"<iati-activity ") for piece in pieces] == [1, 1, 1, 0]
    assert pieces[-1].strip() == b"</iati-activities>"


def test_write_activities_counts_what_it_wrote(save):
    projects = save(make_record("XM-TEST-1"), make_record("XM-TEST-2"))

    assert iati_export.write_activities(projects, io.BytesIO()) == 2
    assert iati_export.write_activities([], io.BytesIO()) == 0


def test_validate_reports_schema_errors_with_their_lines():
    document = b"""<?xml version="1.0"?>
<iati-activities version="2.03">
  <iati-activity>
    <iati-identifier>XM-1</iati-identifier>
    <title><narrative>No reporting organisation</narrative></title>
  </iati-activity>
</iati-activities>"""

    (error,) = iati_export.validate(document)

    assert error.startswith("line 5: Element 'title'")
    assert "reporting-org" in error


def test_validate_reports_malformed_xml_instead_of_raising():
    (error,) = iati_export.validate(b"<iati-activities version='2.03'><iati-activity>")

    assert error.startswith("line 1:")


def test_validate_checks_a_large_file_as_a_stream(tmp_path, monkeypatch, save):
    monkeypatch.setattr(iati_export, "WHOLE_TREE_BYTES", 10)
    path = tmp_path / "export.xml"
    path.write_bytes(export(save(make_record())))

    assert iati_export.validate(path) == []
    path.write_bytes(
        path.read_bytes()
        .replace(b"<reporting-org", b"<reporting-orgx")
        .replace(b"</reporting-org>", b"</reporting-orgx>")
    )
    assert iati_export.validate(path) == [
        "line 5: Element 'reporting-orgx': This element is not expected. Expected is ( reporting-org )."
    ]
    path.write_bytes(b"<iati-activities version='2.03'></iati-activities>")
    assert iati_export.validate(path) == ["line 1: Element 'iati-activities': Missing child element(s)."]
    path.write_bytes(b"<iati-organisations version='2.03'/>")
    assert iati_export.validate(path) == ['line 1: the root element is not <iati-activities version="…">.']


@pytest.mark.skipif(not SHARED_IATI.exists(), reason="../shared/data/iati is not on this machine")
@pytest.mark.parametrize("whole_tree_bytes", [iati_export.WHOLE_TREE_BYTES, 10])
def test_validate_finds_the_real_publisher_error_of_the_central_asia_extract(whole_tree_bytes, monkeypatch):
    monkeypatch.setattr(iati_export, "WHOLE_TREE_BYTES", whole_tree_bytes)

    errors = iati_export.validate(SHARED_IATI / "dportal-covid-central-asia-extract-2.03.xml")

    assert errors == [
        "line 1180: Element 'budget-item', attribute 'vocabulary': The attribute 'vocabulary' is not allowed."
    ]
