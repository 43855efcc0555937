"""`manage.py export_iati`: all projects or the search's filters, as valid IATI XML, CSV or XLSX."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from ecodialogue.projectdb import iati_export, tables

from .conftest import make_record


@pytest.fixture
def projects(save):
    """WECOOP 2 in all five countries; a Kyrgyz water project; a Kazakh adaptation project in implementation."""
    water = make_record(
        "XM-KG-WATER",
        title={"en": "Drinking water in Naryn"},
        status="2",
        countries=[{"code": "KG", "percentage": ""}],
        sectors=[{"code": "14030", "vocabulary": "1", "percentage": ""}],
        policy_markers=[],
        dates={"2": "2021-03-01"},
    )
    adaptation = make_record(
        "XM-KZ-ADAPT",
        title={"en": "Adaptation of farms near Shymkent"},
        status="2",
        countries=[{"code": "KZ", "percentage": "100"}],
        policy_markers=[{"code": "7", "vocabulary": "1", "significance": "2"}],
        dates={"2": "2022-05-01", "3": "2024-12-31"},
    )
    return save(make_record(), water, adaptation)


def run(*args) -> str:
    out = StringIO()
    call_command("export_iati", *args, stdout=out)
    return out.getvalue()


def identifiers(path) -> list[str]:
    return sorted(etree.parse(str(path)).getroot().xpath("iati-activity/iati-identifier/text()"))


def test_without_filters_every_project_is_exported_and_validated(projects, tmp_path):
    path = tmp_path / "all.xml"

    output = run("--output", str(path))

    assert identifiers(path) == ["XI-IATI-EC_INTPA-2016-379586", "XM-KG-WATER", "XM-KZ-ADAPT"]
    assert f"3 projects written to {path}" in output
    assert "Valid against the IATI 2.03 schema." in output
    assert iati_export.validate(path) == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--country", "KG"], ["XI-IATI-EC_INTPA-2016-379586", "XM-KG-WATER"]),
        (["--country", "KG", "--country", "KZ"], ["XI-IATI-EC_INTPA-2016-379586", "XM-KG-WATER", "XM-KZ-ADAPT"]),
        (["--country", "KZ", "--status", "2"], ["XM-KZ-ADAPT"]),
        (["--marker", "7"], ["XI-IATI-EC_INTPA-2016-379586", "XM-KZ-ADAPT"]),
        (["--sector", "14030"], ["XM-KG-WATER"]),
        (["--category", "410"], ["XI-IATI-EC_INTPA-2016-379586", "XM-KZ-ADAPT"]),
        (["--year", "2017"], ["XI-IATI-EC_INTPA-2016-379586"]),
        (["--funder", "XI-IATI-EC_INTPA", "--year", "2023"], ["XM-KZ-ADAPT"]),
        (["--q", "Naryn"], ["XM-KG-WATER"]),
    ],
)
def test_the_search_filters_choose_the_projects(projects, tmp_path, args, expected):
    path = tmp_path / "some.xml"

    run("--output", str(path), *args)

    assert identifiers(path) == expected


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_table_export_reads_back(projects, tmp_path, fmt):
    path = tmp_path / f"projects.{fmt}"

    output = run("--output", str(path), "--format", fmt, "--country", "KZ")

    assert "2 projects written" in output
    with path.open("rb") as stream:
        parsed = list(tables.read_records(stream, path.name))
    assert sorted(p.identifier for p in parsed) == ["XI-IATI-EC_INTPA-2016-379586", "XM-KZ-ADAPT"]
    assert all(p.problems == [] for p in parsed)


def test_the_format_follows_the_suffix_of_the_output(projects, tmp_path):
    path = tmp_path / "projects.csv"

    run("--output", str(path))

    assert path.read_bytes().startswith("\ufeffidentifier,".encode())


def test_nothing_matching_writes_an_empty_document_and_says_so(projects, tmp_path):
    path = tmp_path / "none.xml"

    output = run("--output", str(path), "--country", "TM", "--status", "6")

    assert "0 projects written" in output
    assert "No project matched" in output
    assert identifiers(path) == []


def test_an_export_that_does_not_validate_fails_and_keeps_the_file(projects, tmp_path, monkeypatch):
    monkeypatch.setattr(iati_export, "validate", lambda path: ["line 3: Element 'x': not expected."])
    path = tmp_path / "bad.xml"

    with pytest.raises(CommandError, match="line 3: Element 'x'"):
        run("--output", str(path))

    assert path.exists()


def test_no_validate_skips_the_check(projects, tmp_path, monkeypatch):
    monkeypatch.setattr(iati_export, "validate", lambda path: pytest.fail("validated"))
    path = tmp_path / "fast.xml"

    output = run("--output", str(path), "--no-validate")

    assert "3 projects written" in output
    assert "Valid" not in output
