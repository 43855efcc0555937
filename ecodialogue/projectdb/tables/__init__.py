"""Projects as a flat table (CSV, XLSX): one row per project, the columns documented in docs/projectdb-tables.md.

The same columns are written by the exports, offered as the import template
and read back by the table import. A table carries less than a record:
titles and general descriptions in Kazakh, Russian and English only, one name
per organisation, location and document (in the row's default language), no
description of a transaction or a location (`columns.py` says what each
column holds, `cells.py` the syntax of its cells).

Reading does not save: it yields one `ParsedActivity` per row, with the
record or the problems of the cells that do not parse; the import runner
saves the records through `services.projects_save`, whose rules refuse
unknown codes and percentages that do not add up.
"""

import codecs
import csv
import datetime
import io
import itertools
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ecodialogue.core.findings import Finding, Severity
from ecodialogue.core.tables import FORMULA_START

from ..iati_import import FileRefused, ParsedActivity
from ..records import decimal_text, empty_record, normalised
from .cells import CellError
from .columns import BY_NAME, COLUMNS
from .example import EXAMPLE

# An XLSX is a zip: a small upload may unpack to gigabytes (a "zip bomb"); real tables of projects stay far below.
MAX_UNPACKED = 512 * 2**20

__all__ = [
    "COLUMNS",
    "EXAMPLE",
    "header",
    "iter_csv",
    "read_records",
    "row_of",
    "template",
    "write_table",
    "write_xlsx",
]


# --- Writing -------------------------------------------------------------------------------------


def header() -> list[str]:
    return [column.name for column in COLUMNS]


def row_of(record: dict, project=None) -> list[str]:
    """One record's cells, in the order of COLUMNS; `project` (a saved one) gives the link."""
    return _cells(normalised(record), project)


def _cells(record: dict, project) -> list[str]:
    # A saved project's record is normalised already (services.projects_save): not again, for every row.
    return [column.write(record, project) for column in COLUMNS]


def _csv_text(text: str) -> str:
    # A cell a spreadsheet would run as a formula is quoted (CSV injection); the reader takes the quote off.
    return "'" + text if text.startswith(FORMULA_START) else text


def iter_csv(projects: Iterable) -> Iterator[bytes]:
    """The table as CSV in pieces (UTF-8 with a byte-order mark, so Excel reads Kazakh and Russian text)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header())
    yield ("\ufeff" + buffer.getvalue()).encode("utf-8")
    for project in projects:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_csv_text(cell) for cell in _cells(project.record, project)])
        yield buffer.getvalue().encode("utf-8")


def _xlsx_cell(sheet, value: str):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell


def write_xlsx(projects: Iterable, out, *, explain: bool = False) -> None:
    """The table as an XLSX workbook (openpyxl write-only: rows go to disk as they come) to a path or binary file.

    `explain` adds a second sheet, "Columns", explaining each column in the active language.
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(_("Projects"))[:31])
    sheet.freeze_panes = "B2"
    sheet.append([_xlsx_cell(sheet, name) for name in header()])
    example = None
    for project in projects:
        example = example or project
        sheet.append([_xlsx_cell(sheet, cell) for cell in _cells(project.record, project)])
    if explain:
        help_sheet = workbook.create_sheet(title=str(_("Columns"))[:31])
        help_sheet.column_dimensions["A"].width = 22
        help_sheet.column_dimensions["B"].width = 90
        help_sheet.column_dimensions["C"].width = 50
        help_sheet.append(
            [_xlsx_cell(help_sheet, str(text)) for text in (_("Column"), _("What it holds"), _("Example"))]
        )
        cells = _cells(example.record, example) if example else [""] * len(COLUMNS)
        for column, cell in zip(COLUMNS, cells, strict=True):
            help_sheet.append([_xlsx_cell(help_sheet, text) for text in (column.name, str(column.help), cell)])
    workbook.save(out)


def write_table(projects: Iterable, fmt: str, out=None) -> bytes | None:
    """The projects as a "csv" or "xlsx" table, written to the binary file `out`, else returned."""
    target = out if out is not None else io.BytesIO()
    if fmt == "xlsx":
        write_xlsx(projects, target)
    else:
        for piece in iter_csv(projects):
            target.write(piece)
    return target.getvalue() if out is None else None


@dataclass
class _Example:
    record: dict
    pk = None


def template(fmt: str) -> bytes:
    """The import template: the header and one filled example row (XLSX: and a sheet explaining the columns)."""
    example = [_Example(normalised(EXAMPLE))]
    if fmt == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(example, buffer, explain=True)
        return buffer.getvalue()
    return b"".join(iter_csv(example))


# --- Reading -------------------------------------------------------------------------------------


class Formula(str):
    """An XLSX cell holding a formula: refused, the import reads values only."""


def _problem(code: str, message, subject: str = "", /, **params) -> Finding:
    return Finding(code, Severity.ERROR, message, params, subject)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return decimal_text(repr(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _unquoted(cells: list[str]) -> list[str]:
    # The exports quote a text a spreadsheet would run as a formula: take the quote off.
    return [c[1:] if c.startswith("'") and c[1:].startswith(FORMULA_START) else c for c in cells]


def _lines(stream) -> Iterator[str]:
    """The lines of a text or binary stream, decoded from UTF-8 one at a time (a byte-order mark dropped)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    for line in stream:
        yield line if isinstance(line, str) else decoder.decode(line)
    yield decoder.decode(b"", final=True)


def _csv_rows(stream) -> Iterator[tuple[int, list]]:
    """The rows of a CSV file, read as a stream (a large file is never all in memory)."""
    lines = _lines(stream)
    try:
        first = next(lines, "").removeprefix("\ufeff")
        delimiter = ";" if first.count(";") > first.count(",") else ","
        for number, cells in enumerate(csv.reader(itertools.chain([first], lines), delimiter=delimiter), start=1):
            yield number, _unquoted(cells)
    except UnicodeDecodeError:
        raise FileRefused(
            "projectdb.table_encoding",
            _("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (comma delimited)”."),
        ) from None
    except csv.Error as error:
        raise FileRefused(
            "projectdb.table_unreadable", _("The file is not a CSV table: %(error)s") % {"error": error}
        ) from None


def _xlsx_rows(stream) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    _refuse_zip_bomb(stream)
    try:
        # Formulas are read as formulas (not as the values a program cached), to be refused: the import takes values.
        workbook = load_workbook(stream, read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
    except Exception:  # openpyxl raises anything from a zip, XML or key error on a file that is not a workbook
        raise FileRefused(
            "projectdb.table_unreadable",
            _("The file is not an XLSX workbook. Save it as .xlsx (Excel workbook) or as CSV UTF-8."),
        ) from None
    try:
        for number, row in enumerate(sheet.iter_rows(), start=1):
            yield number, [Formula(c.value) if getattr(c, "data_type", "") == "f" else _cell_text(c.value) for c in row]
    finally:
        workbook.close()


def _refuse_zip_bomb(stream) -> None:
    """Refuse a workbook that would unpack to more than MAX_UNPACKED bytes, before any of it is read."""
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        unpacked = 0  # not a zip after all: load_workbook says so in its own words
    finally:
        stream.seek(0)
    if unpacked > MAX_UNPACKED:
        raise FileRefused(
            "projectdb.table_too_large",
            _("The workbook unpacks to more than %(size)s MB: split it into smaller files.")
            % {"size": MAX_UNPACKED // 2**20},
        )


def _is_zip(stream, filename: str) -> bool:
    """An XLSX workbook (a zip), told by its first bytes when the stream can go back, else by its name."""
    if hasattr(stream, "seek") and (not hasattr(stream, "seekable") or stream.seekable()):
        head = stream.read(4)
        stream.seek(0)
        return head == b"PK\x03\x04"
    return filename.lower().endswith((".xlsx", ".xlsm"))


def _header_name(text: str) -> str:
    return "_".join(str(text).strip().lower().split())


def read_records(stream, filename: str) -> Iterator[ParsedActivity]:
    """Parse a CSV or XLSX table into one ParsedActivity per row (blank rows are skipped).

    Raises Invalid when the file as a whole cannot be read (not UTF-8, not a
    workbook, no header). A row is refused, with a message per problem, when
    it has no identifier, a column header is unknown, or a cell does not parse.
    """
    if filename.lower().endswith((".xls", ".xlsb", ".ods")):
        raise FileRefused(
            "projectdb.table_format", _("Save the table as .xlsx (Excel workbook) or as CSV UTF-8, then upload it.")
        )
    rows = _xlsx_rows(stream) if _is_zip(stream, filename) else _csv_rows(stream)
    first = next(rows, None)
    if first is None or not any(str(cell).strip() for cell in first[1]):
        raise FileRefused("projectdb.table_empty", _("The table has no header row (the template's first row)."))
    names = [_header_name(cell) for cell in first[1]]
    header_problems = []
    for index, name in enumerate(names):
        if name and name not in BY_NAME:
            header_problems.append(
                _problem(
                    "projectdb.table_column_unknown",
                    _("Column “%(column)s” is not one of the template's columns: rename it or delete it."),
                    name,
                    column=first[1][index],
                )
            )
        elif name and name in names[:index]:
            header_problems.append(
                _problem("projectdb.table_column_twice", _("Column “%(column)s” appears twice."), name, column=name)
            )
    for number, cells in rows:
        if any(str(cell).strip() for cell in cells):
            yield _parse_row(number, names, cells, header_problems)


def _parse_row(number: int, names: list[str], cells: list, header_problems: list[Finding]) -> ParsedActivity:
    problems = list(header_problems)
    values: dict[str, str] = {}
    for index, cell in enumerate(cells):
        name = names[index] if index < len(names) else ""
        if isinstance(cell, Formula):
            problems.append(
                _problem(
                    "projectdb.table_formula",
                    _("Column “%(column)s” holds a formula (%(value)s): paste its value instead."),
                    name,
                    column=name or str(index + 1),
                    value=str(cell)[:80],
                )
            )
        elif not name and str(cell).strip():
            problems.append(
                _problem(
                    "projectdb.table_column_unnamed",
                    _("Column %(number)s has a value but no header."),
                    "",
                    number=index + 1,
                )
            )
        elif name in BY_NAME and name not in values:
            values[name] = str(cell).strip()
    identifier = values.get("identifier", "")
    if not identifier:
        problems.append(
            _problem(
                "projectdb.table_identifier_missing",
                _(
                    "The row has no identifier. Give each project its IATI identifier, or make one from your "
                    "organisation's: KZ-BIN-<BIN>-<your code>."
                ),
                "identifier",
            )
        )
    record = empty_record(identifier)
    for column in COLUMNS:
        cell = values.get(column.name, "")
        if column.read is None or not cell:
            continue
        try:
            column.read(cell, record, values)
        except CellError as error:
            problem = str(error.message % error.params) if error.params else str(error.message)
            problems.append(
                _problem(
                    "projectdb.table_cell_invalid",
                    _("Column “%(column)s”: %(problem)s"),
                    column.name,
                    column=column.name,
                    problem=problem,
                )
            )
    return ParsedActivity(
        position=number,
        line=number,
        identifier=identifier,
        record=None if problems else normalised(record),
        problems=problems,
    )
