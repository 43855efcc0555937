"""Reading IATI files: the real published files, small files written for the tests, and attacks that must be refused."""

import io
import os
import re
import time
from pathlib import Path

import pytest

from ecodialogue.projectdb.iati_import import FileRefused, normal_language, read_activities
from ecodialogue.projectdb.rules import record_findings

from .conftest import SHARED_IATI

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "iati"
COVID = SHARED_IATI / "dportal-covid-central-asia-extract-2.03.xml"
FOOD = SHARED_IATI / "dportal-foodsecurity-de-en-2.03.xml"
EXAMPLE = SHARED_IATI / "iati-activity-standard-example-annotated-2.03.xml"
needs_shared = pytest.mark.skipif(
    not COVID.exists(), reason="the real IATI files are in ../shared/data/iati, absent on this machine"
)


def read(path) -> dict:
    return {a.identifier: a for a in read_activities(path)}


def refusal(path_or_stream) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        list(read_activities(path_or_stream))
    return caught.value


def languages_of(record: dict) -> set[str]:
    """Every narrative language of a record."""
    found = set(record["title"])
    for description in record["descriptions"]:
        found |= set(description["text"])
    for org in [*record["participating_orgs"], record["reporting_org"] or {"name": {}}]:
        found |= set(org["name"])
    for location in record["locations"]:
        found |= set(location["name"]) | set(location["description"])
    return found


# --- The real files ----------------------------------------------------------------------------


@needs_shared
def test_the_central_asia_extract_has_ten_valid_activities_and_one_real_schema_error():
    activities = list(read_activities(COVID))

    assert len(activities) == 11
    invalid = [a for a in activities if a.record is None]
    assert [a.identifier for a in invalid] == ["GB-GOV-1-300619-104"]
    (problem,) = invalid[0].problems
    assert problem.code == "iati.schema"
    assert problem.params["line"] == 1180
    assert re.search(r"budget-item.*vocabulary.*not allowed", problem.text)
    assert invalid[0].line == 1128  # where the activity starts in the file
    assert [a.position for a in activities] == list(range(1, 12))


@needs_shared
def test_every_valid_activity_of_the_real_files_passes_the_rules():
    for path in (COVID, FOOD):
        for activity in read_activities(path):
            if activity.record is not None:
                assert record_findings(activity.record) == [], activity.identifier


@needs_shared
def test_a_swiss_sdc_activity_keeps_its_sectors_and_seven_policy_markers():
    record = read(COVID)["CH-4-2020001403"].record

    assert record["sectors"] == [
        {"code": "15220", "vocabulary": "1", "percentage": "20"},
        {"code": "43072", "vocabulary": "1", "percentage": "30"},
        {"code": "72040", "vocabulary": "1", "percentage": "50"},
    ]
    markers = {m["code"]: m["significance"] for m in record["policy_markers"]}
    assert markers == {"5": "0", "8": "0", "7": "0", "6": "0", "2": "0", "1": "1", "9": "0"}
    assert record["countries"] == [{"code": "KG", "percentage": "100"}]
    # The d-portal export writes xml:lang="EN".
    assert record["default_language"] == "en"
    assert record["title"] == {"en": "WFP Kyrgyzstans Immediate Resp to COVID"}
    # Transactions without a currency take the activity's default, CHF.
    assert {(t["type"], t["currency"]) for t in record["transactions"]} == {("2", "CHF"), ("3", "CHF")}


@needs_shared
def test_a_korea_oda_activity_has_its_location_budget_and_three_kinds_of_transaction():
    record = read(COVID)["KR-GOV-051-2020010102554"].record

    assert record["dates"] == {"1": "2020-11-26", "2": "2020-12-08", "3": "2020-12-31", "4": "2020-12-31"}
    assert record["status"] == "3"
    assert len(record["locations"]) == 1  # published with an empty name only
    assert record["budgets"] == [
        {
            "type": "1",
            "status": "1",
            "period_start": "2020-01-01",
            "period_end": "2020-12-31",
            "value": "122676234",
            "currency": "KRW",
            "value_date": "2020-01-01",
        }
    ]
    assert [(t["type"], t["value"], t["currency"]) for t in record["transactions"]] == [
        ("1", "122676234", "KRW"),
        ("2", "122676234", "KRW"),
        ("3", "122676234", "KRW"),
    ]
    assert record["transactions"][0]["provider"] == {
        "ref": "KR-GOV-051",
        "name": "Korea International Cooperation Agency",
    }
    # Its objective is written in Korean under an "EN" label: kept as published.
    assert [d["type"] for d in record["descriptions"]] == ["1", "2"]


@needs_shared
def test_undp_keeps_sdg_targets_beside_dac_sectors():
    record = read(COVID)["XM-DAC-41114-PROJECT-00125348"].record

    assert {(s["vocabulary"], s["code"]) for s in record["sectors"]} == {("8", "1.A"), ("1", "15144"), ("8", "17.18")}


@needs_shared
def test_the_food_security_file_has_seven_valid_activities():
    activities = list(read_activities(FOOD))

    assert len(activities) == 7
    assert all(a.record is not None and not a.problems for a in activities)


@needs_shared
def test_bmz_narratives_in_german_and_english_get_lower_case_language_codes():
    record = read(FOOD)["DE-1-202033942-0"].record

    assert record["default_language"] == "de"
    assert record["title"] == {
        "de": "Nachhaltiges Management der Ökosysteme in Gemeinden im Department Nippes",
        "en": "Sustainable management of ecosystems in communities in the Department of Nippes",
    }
    assert set(record["reporting_org"]["name"]) == {"de", "en"}
    rio = {m["code"]: m["significance"] for m in record["policy_markers"] if m["code"] in ("5", "6", "7", "8")}
    assert rio == {"5": "2", "6": "0", "7": "2", "8": "1"}
    assert record["locations"][0]["lat"] == "18.54349"
    assert record["locations"][0]["lon"] == "-72.33881"


@needs_shared
def test_the_three_letter_eng_becomes_en():
    record = read(FOOD)["NL-KVK-30214009-C380"].record

    assert record["default_language"] == "en"
    assert set(record["title"]) == {"en"}
    for activity in read_activities(FOOD):
        assert languages_of(activity.record) <= {"en", "de", "fr", "es", "nl", ""}, activity.identifier


@needs_shared
def test_the_annotated_example_is_read_whole_and_passes_the_rules():
    (activity,) = read_activities(EXAMPLE)
    record = activity.record

    assert activity.identifier == "AA-AAA-123456789-ABC123"
    # Narratives without xml:lang are in the activity's language, English.
    assert record["title"] == {"en": "Activity title", "fr": "Titre de l'activité", "es": "Título de la actividad"}
    assert [d["type"] for d in record["descriptions"]] == ["1", "2", "3"]
    assert record["regions"] == [
        {"code": "489", "vocabulary": "1", "percentage": "25"},
        {"code": "A1", "vocabulary": "99", "percentage": "25"},
    ]
    assert record["locations"][0] == {
        "ref": "AF-KAN",
        "name": {"en": "Location name"},
        "description": {"en": "Location description"},
        "lat": "31.616944",
        "lon": "65.716944",
        "admin_vocabulary": "G1",
        "admin_code": "1453782",
    }
    assert record["related"] == [{"type": "1", "ref": "AA-AAA-123456789-6789"}]
    assert record["last_updated"] == "2014-09-10T07:15:37Z"
    # Countries and regions of every vocabulary add up to 100 (50 + 25 + 25); "http:www…" is a web scheme.
    assert record_findings(record) == []


# --- Small files written for the tests -------------------------------------------------------------


def test_a_valid_file_is_normalised_into_complete_records():
    activities = read(FIXTURES / "valid.xml")
    record = activities["XM-ECODIALOGUE-TEST-1"].record

    assert activities["XM-ECODIALOGUE-TEST-1"].line == 6
    assert record["default_language"] == "en"  # xml:lang="EN"
    assert record["default_currency"] == "EUR"  # "eur"
    assert record["status"] == "2"  # " 2 "
    assert record["title"] == {
        "en": "Waste management dialogue in Central Asia",
        "ru": "Диалог по управлению отходами в Центральной Азии",  # RU
        "kk": "Орталық Азиядағы қалдықтарды басқару жөніндегі диалог",  # KAZ
    }
    assert record["descriptions"] == [
        {
            "type": "1",
            "text": {
                "en": "Regional dialogue on waste management and air quality.",
                "ru": "Региональный диалог по управлению отходами и качеству воздуха.",
            },
        },
        {"type": "2", "text": {"en": "Fewer open dumps in three cities."}},  # ENG
    ]
    assert record["countries"] == [{"code": "KZ", "percentage": "60"}, {"code": "KG", "percentage": "40"}]
    assert record["participating_orgs"][1] == {
        "role": "4",
        "ref": "",
        "type": "22",
        "name": {"en": "Eco Forum of Kazakhstan", "kk": "Қазақстанның экологиялық форумы"},
    }
    assert record["sectors"][1] == {"code": "14050", "vocabulary": "1", "percentage": "30"}
    # The finest administrative level: Astana's KATO code.
    assert record["locations"][0]["admin_vocabulary"] == "A4"
    assert record["locations"][0]["admin_code"] == "711000000"
    assert (record["locations"][0]["lat"], record["locations"][0]["lon"]) == ("51.1694", "71.4491")
    assert record["budgets"][0]["currency"] == "EUR"  # the default currency
    assert record["budgets"][0]["value"] == "250000"
    assert record["transactions"][0] == {
        "type": "2",
        "date": "2023-01-15",
        "value": "500000",
        "currency": "USD",  # "usd"
        "value_date": "2023-01-15",
        "description": {"en": "Grant agreement"},
        "provider": {"ref": "XI-IATI-EC_INTPA", "name": "European Union"},
        "receiver": {"ref": "", "name": "Eco Forum of Kazakhstan"},
    }
    assert record["documents"] == [
        {
            "url": "https://ecodialogue.example/waste",
            "format": "text/html",
            "title": {"en": "Project page"},
            "categories": ["A12"],
            "languages": ["en", "ru"],
        }
    ]
    assert record["related"] == [{"type": "2", "ref": "XM-ECODIALOGUE-TEST-2"}]
    assert record_findings(record) == []


def test_narratives_without_any_language_are_kept_under_the_empty_key():
    record = read(FIXTURES / "valid.xml")["XM-ECODIALOGUE-TEST-2"].record

    assert record["default_language"] == ""
    assert record["title"] == {"": "Air quality monitoring in Almaty"}
    assert record["descriptions"] == [{"type": "1", "text": {"": "Sensors and open data on air quality."}}]
    assert record["regions"] == [{"code": "619", "vocabulary": "1", "percentage": ""}]
    assert record["sectors"] == [{"code": "41010", "vocabulary": "1", "percentage": ""}]
    assert record_findings(record) == []


def test_a_path_and_a_file_object_read_the_same():
    with (FIXTURES / "valid.xml").open("rb") as stream:
        from_stream = [(a.identifier, a.record) for a in read_activities(stream)]

    assert from_stream == [(a.identifier, a.record) for a in read_activities(FIXTURES / "valid.xml")]


@pytest.mark.parametrize(
    ("identifier", "codes"),
    [
        ("XM-ECODIALOGUE-RULES-VALID", set()),
        ("XM-ECODIALOGUE-RULES-CODES", {"project.code_unknown"}),
        ("XM-ECODIALOGUE-RULES-PERCENT", {"project.country_percentages", "project.sector_percentages"}),
        ("XM-ECODIALOGUE-RULES-DATES", {"project.dates_order"}),
        ("XM-ECODIALOGUE-RULES-CURRENCY", {"project.code_unknown"}),
    ],
)
def test_schema_valid_activities_that_break_a_rule_become_records_the_rules_refuse(identifier, codes):
    record = read(FIXTURES / "rules.xml")[identifier].record

    assert {f.code for f in record_findings(record)} == codes


def test_an_activity_the_schema_refuses_has_no_record_and_says_where():
    activity = read(FIXTURES / "rules.xml")["XM-ECODIALOGUE-RULES-SCHEMA"]

    assert activity.record is None
    (problem,) = activity.problems
    assert problem.params["line"] == 73
    assert "colour" in problem.text


def test_malformed_xml_in_the_middle_yields_the_activities_before_it_then_says_where():
    read_so_far = []
    with pytest.raises(FileRefused) as caught:
        for activity in read_activities(FIXTURES / "malformed.xml"):
            read_so_far.append(activity.identifier)

    assert read_so_far == ["XM-ECODIALOGUE-TEST-1", "XM-ECODIALOGUE-TEST-2"]
    assert caught.value.code == "iati.malformed"
    assert caught.value.line == 92
    assert "line 92" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("not-iati.xml", "iati.not_iati", "rss"),
        ("not-xml.xml", "iati.not_xml", "not XML"),
        ("empty.xml", "iati.empty", "no IATI activity"),
        ("iati-1.05.xml", "iati.version", "1.05"),
    ],
)
def test_files_that_are_not_iati_2_are_refused_whole(name, code, words):
    refused = refusal(FIXTURES / name)

    assert refused.code == code
    assert words in str(refused)


def test_a_nested_activity_list_under_another_root_is_not_iati():
    stream = io.BytesIO(b'<data><iati-activities version="2.03"><iati-activity/></iati-activities></data>')

    assert refusal(stream).code == "iati.not_iati"


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(settings):
    settings.PROJECTDB_IMPORT_MAX_BYTES = 1000

    refused = refusal(FIXTURES / "valid.xml")
    assert refused.code == "iati.too_large"
    assert "1000" in str(refused) or "KB" in str(refused)


def test_a_stream_of_unknown_size_is_cut_off_at_the_limit(settings):
    settings.PROJECTDB_IMPORT_MAX_BYTES = 5000

    class Unsized:
        """A pipe: no size, no file number, no seeking."""

        def __init__(self, data):
            self._data = io.BytesIO(data)

        def read(self, size=-1):
            return self._data.read(size)

    data = (FIXTURES / "valid.xml").read_bytes() * 2
    assert refusal(Unsized(data)).code == "iati.too_large"


# --- Attacks -------------------------------------------------------------------------------------------


def test_an_external_entity_is_refused_and_nothing_of_the_target_leaks():
    started = time.monotonic()
    refused = refusal(FIXTURES / "xxe.xml")

    assert time.monotonic() - started < 1
    assert refused.code == "iati.doctype"
    assert "root:" not in str(refused)
    assert "/etc/passwd" not in str(refused)


def test_an_entity_expansion_bomb_is_refused_at_once():
    started = time.monotonic()
    refused = refusal(FIXTURES / "billion-laughs.xml")

    assert time.monotonic() - started < 1
    assert refused.code == "iati.doctype"
    assert "lol" not in str(refused)


def test_an_external_dtd_is_neither_fetched_nor_accepted():
    stream = io.BytesIO(
        b'<?xml version="1.0"?>\n<!DOCTYPE iati-activities SYSTEM "http://127.0.0.1:9/iati.dtd">\n'
        b'<iati-activities version="2.03"><iati-activity/></iati-activities>'
    )

    assert refusal(stream).code == "iati.doctype"


def test_a_declaration_before_malformed_content_is_still_refused_as_a_declaration():
    stream = io.BytesIO(b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<iati-activities <<<')

    assert refusal(stream).code == "iati.doctype"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("EN", "en"),
        ("ENG", "en"),
        ("rus", "ru"),
        ("KAZ", "kk"),
        ("GER", "de"),
        ("fre", "fr"),
        ("en-GB", "en"),
        ("", ""),
    ],
)
def test_language_codes_are_normalised_to_iso_639_1(code, expected):
    assert normal_language(code) == expected


# --- Memory -------------------------------------------------------------------------------------------


def write_activities(path: Path, count: int) -> None:
    """A file of `count` copies of the first activity of valid.xml, each with its own identifier."""
    text = (FIXTURES / "valid.xml").read_text(encoding="utf-8")
    head, rest = text.split(" <iati-activity ", 1)
    activity = " <iati-activity " + rest.split("</iati-activity>", 1)[0] + "</iati-activity>\n"
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        for number in range(count):
            out.write(activity.replace("XM-ECODIALOGUE-TEST-1", f"XM-ECODIALOGUE-GEN-{number}"))
        out.write("</iati-activities>\n")


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads the resident memory from Linux's /proc")
def test_memory_stays_flat_however_large_the_file(tmp_path):
    path = tmp_path / "large.xml"
    write_activities(path, 3000)
    assert path.stat().st_size > 9_000_000

    before = resident_mb()
    peak, count = before, 0
    for activity in read_activities(path):
        count += 1
        if count % 250 == 0:
            peak = max(peak, resident_mb())
        assert activity.record is not None

    assert count == 3000
    # The parsed tree of the whole file would take several times its 10 MB; one activity at a time takes little.
    assert peak - before < 15, f"resident memory grew by {peak - before:.1f} MB"
