"""Tables written as CSV, XLSX or JSON: the same rows for every format, safe to open in a spreadsheet."""

import csv
import io
import json
from decimal import Decimal

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def number(value: Decimal | None) -> str:
    """A score or an amount as the tables write it: 80.00, never grouped, never a currency."""
    return "" if value is None else f"{value:.2f}"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value) -> str:
    """A cell as text; one that a spreadsheet would run as a formula is quoted (CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return number(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_csv(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([value if isinstance(value, int | float) else _text(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def write_xlsx(header: list[str], rows: list[list], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])

    def cell(value):
        if isinstance(value, bool) or value is None:
            return WriteOnlyCell(sheet, value=None if value is None else str(value))
        if isinstance(value, int | float | Decimal):
            return WriteOnlyCell(sheet, value=value)
        # Control characters are not allowed in a spreadsheet cell (openpyxl refuses them): drop them.
        made = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
        made.data_type = "s"  # never a formula, whatever the text starts with
        return made

    sheet.append([cell(title) for title in header])
    for row in rows:
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def write_table(fmt: str, header: list[str], rows: list[list], *, title: str) -> bytes:
    if fmt == "xlsx":
        return write_xlsx(header, rows, title=title)
    return write_csv(header, rows)
