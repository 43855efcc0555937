"""Codes are named in the reader's language: current codes, and the withdrawn ones publishers still use."""

import json
from pathlib import Path

import pytest
from django.utils import translation

from ecodialogue.projectdb.codelists import label
from ecodialogue.projectdb.codelists.refresh import WITHDRAWN_STILL_PUBLISHED

SECTORS = json.loads((Path(label.__code__.co_filename).parent / "Sector.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", sorted(WITHDRAWN_STILL_PUBLISHED))
def test_a_withdrawn_sector_still_published_is_named_in_kazakh_and_russian(code):
    english = SECTORS[code]["name"]
    with translation.override("kk"):
        kazakh = label("Sector", code)
    with translation.override("ru"):
        russian = label("Sector", code)
    assert kazakh != english and russian != english and kazakh != russian


def test_other_withdrawn_sectors_keep_their_english_name():
    other = next(c for c, item in SECTORS.items() if item.get("withdrawn") and c not in WITHDRAWN_STILL_PUBLISHED)
    with translation.override("kk"):
        assert label("Sector", other) == SECTORS[other]["name"]
