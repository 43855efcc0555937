"""The project table (CSV, XLSX): every column written and read back, the template, and rows refused with reasons."""

import datetime
import io

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from ecodialogue.projectdb import tables
from ecodialogue.projectdb.iati_import import FileRefused
from ecodialogue.projectdb.imports import import_path
from ecodialogue.projectdb.models import ImportItem, Project
from ecodialogue.projectdb.records import normalised
from ecodialogue.projectdb.services import projects_save

from .conftest import make_record


def carried_record(identifier="XI-IATI-EC_INTPA-2016-379586"):
    """WECOOP 2 with every column of the table filled, holding only what the columns carry."""
    record = make_record(identifier)
    record["participating_orgs"] = [
        {"role": "1", "ref": "XI-IATI-EC_INTPA", "type": "15", "name": {"en": "European Union"}},
        {"role": "2", "ref": "XM-DAC-918-3", "type": "", "name": {"en": "EU Delegation; Astana | Almaty"}},
        {"role": "3", "ref": "", "type": "", "name": {"en": "Regional Environmental Centre for Central Asia"}},
        {"role": "4", "ref": "", "type": "70", "name": {"en": "Stantec S.A."}},
    ]
    record["countries"] = [{"code": "KZ", "percentage": "40"}, {"code": "KG", "percentage": "10"}]
    record["regions"] = [{"code": "619", "vocabulary": "1", "percentage": "50"}]
    record["sectors"].append({"code": "13.1", "vocabulary": "8", "percentage": "100"})
    record["policy_markers"] = [
        {"code": "5", "vocabulary": "1", "significance": "0"},
        {"code": "6", "vocabulary": "1", "significance": "1"},
        {"code": "7", "vocabulary": "1", "significance": "2"},
        {"code": "8", "vocabulary": "1", "significance": "0"},
        {"code": "1", "vocabulary": "1", "significance": "1"},
    ]
    record["locations"] = [
        {
            "ref": "KATO-751110000",
            "name": {"en": "Almaty"},
            "description": {},
            "lat": "43.2567",
            "lon": "76.9286",
            "admin_vocabulary": "A4",
            "admin_code": "KZ",
        }
    ]
    record["budgets"].append(
        {
            "type": "2",
            "status": "1",
            "period_start": "2017-08-01",
            "period_end": "2018-07-31",
            "value": "-1200.5",
            "currency": "USD",
            "value_date": "2017-09-01",
        }
    )
    record["transactions"][0]["value_date"] = "2017-01-20"
    record["related"] = [{"type": "1", "ref": "XI-IATI-EC_INTPA-2011-CA-ENV"}]
    return record


class Saved:
    """A project as the writers take it, without a database row."""

    pk = None

    def __init__(self, record):
        self.record = normalised(record)


def written(records, fmt) -> bytes:
    return tables.write_table([Saved(r) for r in records], fmt)


def read(data: bytes, filename: str) -> list:
    return list(tables.read_records(io.BytesIO(data), filename))


def texts(parsed) -> list[str]:
    return [problem.text for problem in parsed.problems]


def csv_file(*rows: str, bom=True) -> bytes:
    return ("\ufeff" if bom else "").encode() + "\r\n".join(rows).encode("utf-8")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_column_is_written_and_read_back_the_same(fmt, settings):
    settings.SITE_URL = ""  # the link column is the only one not read back
    record = carried_record()
    (cells,) = [tables.row_of(record)]
    assert [name for name, cell in zip(tables.header(), cells, strict=True) if not cell] == ["link"]

    (parsed,) = read(written([record], fmt), f"projects.{fmt}")

    assert parsed.problems == []
    assert (parsed.position, parsed.line, parsed.identifier) == (2, 2, record["identifier"])
    assert parsed.record == normalised(record)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_tables_hold_one_row_per_project_under_the_documented_header(fmt):
    data = written([make_record("XM-1"), make_record("XM-2", status="2")], fmt)

    parsed = read(data, f"projects.{fmt}")

    assert [(p.position, p.identifier, p.record["status"]) for p in parsed] == [(2, "XM-1", "4"), (3, "XM-2", "2")]


def test_the_cells_use_the_documented_syntax():
    row = dict(zip(tables.header(), tables.row_of(carried_record()), strict=True))

    assert row["countries"] == "KZ:40; KG:10"
    assert row["regions"] == "619:50"
    assert row["sectors"] == "41010:60; 14010:40; 8/13.1:100"
    assert row["funders"] == "XI-IATI-EC_INTPA|European Union|15"
    assert row["accountable"] == r"XM-DAC-918-3|EU Delegation\; Astana \| Almaty"
    assert row["implementers"] == "|Stantec S.A.|70"
    assert row["budgets"] == (
        "2016-08-01..2017-07-31 1998000 EUR type=1 status=2; "
        "2017-08-01..2018-07-31 -1200.5 USD type=2 status=1 value-date=2017-09-01"
    )
    assert row["transactions"] == (
        "3 2017-01-15 800000 EUR value-date=2017-01-20 from=XI-IATI-EC_INTPA|European Union to=|Stantec S.A."
    )
    assert (row["rio_biodiversity"], row["rio_mitigation"], row["rio_adaptation"], row["rio_desertification"]) == (
        "0",
        "1",
        "2",
        "0",
    )
    assert row["other_markers"] == "1:1"
    assert row["planned_start"] == "2016-08-01"
    assert row["actual_end"] == "2019-08-31"
    assert row["related"] == "1:XI-IATI-EC_INTPA-2011-CA-ENV"


def test_the_link_column_points_to_the_project_page(save, settings):
    settings.SITE_URL = "https://ecodialogue.kz"
    (project,) = save(make_record())

    row = dict(zip(tables.header(), tables.row_of(project.record, project), strict=True))

    assert row["link"] == f"https://ecodialogue.kz{project.get_absolute_url()}"


def test_a_title_of_unknown_language_goes_to_the_column_of_the_project_language():
    record = make_record(title={"": "Water for Naryn"}, default_language="en")

    row = dict(zip(tables.header(), tables.row_of(record), strict=True))

    assert (row["title_en"], row["title_ru"]) == ("Water for Naryn", "")


def test_the_csv_starts_with_a_byte_order_mark_for_excel():
    assert written([make_record()], "csv").startswith("\ufeffidentifier,".encode())


def test_a_text_a_spreadsheet_would_run_is_quoted_and_read_back_unquoted():
    record = make_record(title={"en": '=HYPERLINK("http://evil")', "ru": "-10% отходов"})

    data = written([record], "csv")
    (parsed,) = read(data, "projects.csv")

    assert b"'=HYPERLINK" in data
    assert parsed.record["title"] == {"en": '=HYPERLINK("http://evil")', "ru": "-10% отходов"}


def test_a_csv_saved_by_excel_with_semicolons_and_without_bom_is_read():
    data = csv_file("identifier;title_ru;countries;sectors", "XM-1;Проект, второй этап;KZ:100;41010", bom=False)

    (parsed,) = read(data, "projects.csv")

    assert parsed.problems == []
    assert parsed.record["title"] == {"ru": "Проект, второй этап"}
    assert parsed.record["countries"] == [{"code": "KZ", "percentage": "100"}]


def test_a_semicolon_csv_reads_items_separated_inside_quotes():
    data = csv_file("identifier;title_ru;countries", 'XM-1;Проект;"KZ:40; KG:60"', bom=False)

    (parsed,) = read(data, "projects.csv")

    assert parsed.record["countries"] == [{"code": "KZ", "percentage": "40"}, {"code": "KG", "percentage": "60"}]


def test_headers_are_read_whatever_their_case_and_blank_rows_are_skipped():
    data = csv_file("Identifier,Title RU,STATUS", ",,", "XM-1,Проект,2", "", "XM-2,Другой,3")

    parsed = read(data, "projects.csv")

    assert [(p.position, p.identifier, p.record["status"]) for p in parsed] == [(3, "XM-1", "2"), (5, "XM-2", "3")]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_reads_back_without_a_problem_and_its_row_saves(fmt, db):
    data = tables.template(fmt)

    (parsed,) = read(data, f"template.{fmt}")

    assert parsed.problems == []
    assert parsed.record == normalised(tables.EXAMPLE)
    (result,) = projects_save(records=[parsed.record], source=Project.Source.TABLE, source_name=f"template.{fmt}")
    assert result.problems == []


def test_the_xlsx_template_explains_every_column_in_the_active_language():
    with translation.override("en"):
        workbook = load_workbook(io.BytesIO(tables.template("xlsx")), read_only=True)

    assert workbook.sheetnames == ["Projects", "Columns"]
    rows = list(workbook["Columns"].values)
    assert rows[0] == ("Column", "What it holds", "Example")
    explained = {row[0]: row for row in rows[1:]}
    assert list(explained) == tables.header()
    assert "KZ-BIN-<BIN>-<code>" in explained["identifier"][1]
    assert explained["countries"][2] == "KZ:100"


def test_a_workbook_typed_by_hand_with_numbers_and_dates_is_read():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["identifier", "title_en", "status", "planned_start", "rio_adaptation", "countries", "budgets"])
    typed_date = datetime.datetime(2021, 3, 1)  # noqa: DTZ001 - a spreadsheet cell has no time zone
    sheet.append(["XM-1", "Typed", 2, typed_date, 1, "KZ:100", "2021-03-01..2021-12-31 15000.5 EUR"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    (parsed,) = read(buffer.getvalue(), "typed.xlsx")

    assert parsed.problems == []
    assert parsed.record["status"] == "2"
    assert parsed.record["dates"] == {"1": "2021-03-01"}
    assert parsed.record["policy_markers"] == [{"code": "7", "vocabulary": "1", "significance": "1"}]
    assert parsed.record["budgets"][0]["value"] == "15000.5"


# --- Rows and files refused ----------------------------------------------------------------------


def test_a_row_without_identifier_is_refused_and_told_how_to_make_one():
    (parsed,) = read(csv_file("identifier,title_en", ",No identifier"), "projects.csv")

    assert parsed.record is None
    (message,) = texts(parsed)
    assert "no identifier" in message
    assert "KZ-BIN-<BIN>-<your code>" in message


def test_an_unknown_column_refuses_every_row_with_its_name():
    parsed = read(csv_file("identifier,title_en,titel_ru", "XM-1,One,Один", "XM-2,Two,"), "projects.csv")

    assert [p.record for p in parsed] == [None, None]
    assert texts(parsed[1]) == ["Column “titel_ru” is not one of the template's columns: rename it or delete it."]


def test_a_value_under_no_header_is_refused():
    (parsed,) = read(csv_file("identifier,title_en", "XM-1,One,stray"), "projects.csv")

    assert texts(parsed) == ["Column 3 has a value but no header."]


@pytest.mark.parametrize(
    ("column", "cell", "says"),
    [
        ("planned_start", "01.08.2016", "Column “planned_start”: “01.08.2016” is not a date (YYYY-MM-DD)."),
        ("countries", "KZ:forty", "Column “countries”: “forty” is not a percentage."),
        ("sectors", "41010 60", "Column “sectors”: “41010 60” is not a code."),
        ("budgets", "1998000 EUR", "does not start with a period"),
        ("budgets", "2016-08-01..2017-07-31 lots EUR", "“lots” is not an amount."),
        ("budgets", "2016-08-01..2017-07-31 100 EUR kind=2", "“kind=2” is not one of type=, status=, value-date=."),
        ("transactions", "3 2017-01-15", "is not “type date amount currency”"),
        ("status", "closed", "Column “status”: “closed” is not a status code (1 to 6)."),
        ("rio_mitigation", "significant", "“significant” is not a significance (0 to 4)."),
        ("funders", "a|b|c|d", "has more than 3 parts"),
        ("reporting_org", "A|One; B|Two", "a project has one reporting organisation"),
        ("related", "XI-IATI-EC_INTPA-1", "is not “type:identifier”"),
        ("locations", "Almaty|north|east", "“north” is not a latitude."),
        ("last_updated", "yesterday", "“yesterday” is not a date"),
    ],
)
def test_a_cell_that_does_not_parse_refuses_the_row_naming_its_column(column, cell, says):
    data = csv_file(f"identifier,title_en,{column}", f'XM-1,One,"{cell}"')

    (parsed,) = read(data, "projects.csv")

    assert parsed.record is None
    (problem,) = parsed.problems
    assert problem.subject == column
    assert says in problem.text


def test_every_problem_of_a_row_is_reported_at_once():
    (parsed,) = read(csv_file("identifier,status,planned_end", "XM-1,x,y"), "projects.csv")

    assert [p.subject for p in parsed.problems] == ["status", "planned_end"]


def test_a_formula_in_a_workbook_is_refused_not_computed():
    workbook = Workbook()
    workbook.active.append(["identifier", "title_en", "countries"])
    workbook.active.append(["XM-1", "Formula", '=CONCAT("KZ",":100")'])
    buffer = io.BytesIO()
    workbook.save(buffer)

    (parsed,) = read(buffer.getvalue(), "projects.xlsx")

    assert texts(parsed) == ['Column “countries” holds a formula (=CONCAT("KZ",":100")): paste its value instead.']


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        ("identifier,title_ru\r\nXM-1,Проект".encode("cp1251"), "projects.csv", "projectdb.table_encoding"),
        (b"PK\x03\x04 not really a zip", "projects.xlsx", "projectdb.table_unreadable"),
        (b"\xd0\xcf\x11\xe0 an old Excel file", "projects.xls", "projectdb.table_format"),
        (b"", "projects.csv", "projectdb.table_empty"),
        (b"\r\n\r\n", "projects.csv", "projectdb.table_empty"),
    ],
)
def test_a_file_that_is_not_a_readable_table_is_refused_whole(data, filename, code):
    with pytest.raises(FileRefused) as refused:
        read(data, filename)

    assert refused.value.code == code


def test_a_workbook_that_would_unpack_to_too_much_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(tables, "MAX_UNPACKED", 1000)

    with pytest.raises(FileRefused) as refused:
        read(tables.template("xlsx"), "template.xlsx")

    assert refused.value.code == "projectdb.table_too_large"


def test_reading_a_csv_leaves_the_callers_file_open():
    stream = io.BytesIO(csv_file("identifier,title_en", "XM-1,One"))

    (parsed,) = tables.read_records(stream, "projects.csv")

    assert parsed.identifier == "XM-1"
    assert not stream.closed


# --- Rules at save time, through the import runner -----------------------------------------------


def test_an_imported_table_saves_good_rows_and_refuses_bad_ones_with_the_rules_reasons(tmp_path, db):
    path = tmp_path / "projects.csv"
    path.write_bytes(
        csv_file(
            "identifier,title_en,countries,sectors,budgets",
            "XM-GOOD,Good,KZ:100,41010,2020-01-01..2020-12-31 1000 EUR",
            "XM-COUNTRY,Unknown country,XX:100,41010,",
            "XM-SHARES,Percentages,KZ:40; KG:40,41010,",
            "XM-CELL,Bad cell,KZ:100,41010,2020-01-01..2020-12-31 1000",
            ",No identifier,KZ:100,,",
        )
    )

    run = import_path(path)

    assert (run.created, run.invalid) == (1, 4)
    items = {item.position: item for item in run.items.all()}
    assert items[2].outcome == ImportItem.Outcome.CREATED
    assert [m["code"] for m in items[3].messages] == ["project.code_unknown"]
    assert "“XX” is not in the IATI codelist Country" in items[3].messages[0]["message"]
    assert [m["code"] for m in items[4].messages] == ["project.country_percentages"]
    assert "add up to 80, not 100" in items[4].messages[0]["message"]
    # No currency in the cell and no default currency: the rules say so.
    assert [m["code"] for m in items[5].messages] == ["project.currency_missing"]
    assert [m["code"] for m in items[6].messages] == ["projectdb.table_identifier_missing"]
    assert Project.objects.get().identifier == "XM-GOOD"


def test_importing_an_exported_table_again_changes_nothing(tmp_path, save):
    save(carried_record(), carried_record("XM-2"))
    path = tmp_path / "projects.xlsx"
    path.write_bytes(tables.write_table(Project.objects.order_by("identifier"), "xlsx"))

    run = import_path(path)

    assert (run.unchanged, run.created, run.updated, run.invalid) == (2, 0, 0, 0)
