"""Reading KATO, the classifier of administrative-territorial objects.

The published CSV has no parent column; the parent is the first existing code
among: the village (code[:7]+"00", for hamlets), the rural district
(code[:6]+"000"), the district (code[:4]+"00000"), the region
(code[:2]+"0000000"). See ../shared/data/kato/SOURCE.md.
"""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

LEVELS = ("oblast", "district", "sub_district", "settlement")
REQUIRED_COLUMNS = {"kato", "level", "name_ru", "name_kk"}


class KatoFormatError(ValueError):
    pass


@dataclass
class KatoRow:
    code: str
    level: str
    type_code: int
    name_ru: str
    name_kk: str


def read_kato_csv(lines: Iterable[str]) -> Iterator[KatoRow]:
    reader = csv.DictReader(lines)
    missing = REQUIRED_COLUMNS - set(reader.fieldnames or ())
    if missing:
        raise KatoFormatError(f"missing columns: {', '.join(sorted(missing))}")
    for number, row in enumerate(reader, start=2):
        code = (row["kato"] or "").strip()
        if len(code) != 9 or not code.isdigit():
            raise KatoFormatError(f"line {number}: code {code!r} is not 9 digits")
        if row["level"] not in LEVELS:
            raise KatoFormatError(f"line {number}: unknown level {row['level']!r}")
        yield KatoRow(
            code=code,
            level=row["level"],
            type_code=int(row.get("type_code") or 0),
            name_ru=row["name_ru"].strip(),
            name_kk=row["name_kk"].strip(),
        )


def parent_candidates(code: str) -> list[str]:
    candidates = []
    if code[7:] != "00":
        candidates.append(code[:7] + "00")
    candidates += [code[:6] + "000", code[:4] + "00000", code[:2] + "0000000"]
    return [c for c in candidates if c != code]


def find_parent(code: str, known: set[str] | dict) -> str | None:
    return next((c for c in parent_candidates(code) if c in known), None)


def ancestors(code: str, parents: dict[str, str | None]) -> list[str]:
    """Codes from `code`'s parent up to its region, nearest first."""
    chain, current = [], parents.get(code)
    while current is not None:
        chain.append(current)
        current = parents.get(current)
    return chain


def build_label(code: str, names: dict[str, str], parents: dict[str, str | None], levels: dict[str, str]) -> str:
    """'village, district, region': the place, its district and its region, skipping rural okrugs."""
    parts = [names[code]]
    for ancestor in ancestors(code, parents):
        if levels[ancestor] in ("district", "oblast"):
            parts.append(names[ancestor])
    return ", ".join(parts)
