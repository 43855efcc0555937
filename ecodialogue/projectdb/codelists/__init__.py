"""IATI codelists: which codes exist, and their names.

The JSON files beside this module are generated from IATI's codelists
(`SOURCE.md`). Names are English, as IATI publishes them; `label()` shows the
Kazakh or Russian name where the platform's catalogs have one
(`codelist_labels.py`), else the English name.
"""

import json
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent

# Rio markers: the policy markers the search offers as facets.
RIO_MARKERS = ("5", "6", "7", "8")
CENTRAL_ASIA = ("KZ", "KG", "TJ", "TM", "UZ")


@cache
def codelist(name: str) -> dict[str, dict]:
    """Every code of one list (withdrawn ones too: old records use them) → {name, category?, withdrawn?}."""
    with (HERE / f"{name}.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def is_code(name: str, code: str) -> bool:
    return code in codelist(name)


def english_name(name: str, code: str) -> str:
    return codelist(name).get(code, {}).get("name", "")


def sector_category(code: str) -> str:
    """The DAC 3-digit category of a 5-digit DAC sector ("41010" → "410"); "" for other codes."""
    entry = codelist("Sector").get(code)
    if entry is not None:
        return entry.get("category", code[:3])
    if code in codelist("SectorCategory"):
        return code
    return ""


def label(name: str, code: str) -> str:
    """The name of a code in the active language: translated where the catalogs have it, else IATI's English."""
    from .labels import LABELS

    lazy = LABELS.get(name, {}).get(code)
    if lazy is not None:
        return str(lazy)
    return english_name(name, code) or code
