"""Loading KATO: the parent rule, regions, labels, idempotence, and the real file when present."""

import io
import time

import pytest
from django.core.management import CommandError, call_command

from ecodialogue.organizations.kato import find_parent, parent_candidates
from ecodialogue.organizations.models import Settlement
from ecodialogue.organizations.selectors import settlement_search

from ..conftest import FIXTURES, SHARED_KATO


def test_parent_candidates_follow_the_published_rule():
    assert parent_candidates("103233127") == ["103233100", "103233000", "103200000", "100000000"]
    assert parent_candidates("113820100") == ["113820000", "113800000", "110000000"]
    assert parent_candidates("110000000") == []


def test_first_existing_candidate_is_the_parent():
    known = {"113800000", "110000000"}
    assert find_parent("113820100", known) == "113800000"
    assert find_parent("110000000", known) is None


@pytest.mark.django_db
def test_extract_loads_with_hierarchy_and_regions():
    call_command("load_kato", FIXTURES / "kato_extract.csv", verbosity=0)
    hamlet = Settlement.objects.get(code="103233127")
    assert hamlet.parent_id == "103233100"  # a hamlet hangs under its village
    assert hamlet.region_id == "100000000"  # Abai region, created in 2022
    town = Settlement.objects.get(code="113820100")
    assert town.parent_id == "113800000"
    assert town.region_id == "110000000"
    assert town.label_kk == "Атбасар қ., Атбасар ауданы, Ақмола облысы"
    assert town.label_ru == "г.Атбасар, Атбасарский район, Акмолинская область"
    # rural okrugs are skipped in labels; the region at the top is kept
    assert Settlement.objects.get(code="333233100").label_ru == "с.Аксу, Аксуский район, область Жетісу"
    assert Settlement.objects.get(code="750000000").region_id == "750000000"


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    out = io.StringIO()
    call_command("load_kato", FIXTURES / "kato_extract.csv", verbosity=0)
    before = list(Settlement.objects.values_list("code", "parent_id", "label_kk").order_by("code"))
    call_command("load_kato", FIXTURES / "kato_extract.csv", verbosity=0, stdout=out)
    assert "0 created, 0 updated" in out.getvalue()
    assert list(Settlement.objects.values_list("code", "parent_id", "label_kk").order_by("code")) == before


@pytest.mark.django_db
def test_a_renamed_settlement_is_updated(tmp_path):
    call_command("load_kato", FIXTURES / "kato_extract.csv", verbosity=0)
    changed = (FIXTURES / "kato_extract.csv").read_text(encoding="utf-8").replace("г.Атбасар", "г.Атбасар-2")
    path = tmp_path / "kato.csv"
    path.write_text(changed, encoding="utf-8")
    out = io.StringIO()
    call_command("load_kato", path, verbosity=0, stdout=out)
    assert "1 updated" in out.getvalue()
    assert Settlement.objects.get(code="113820100").name_ru == "г.Атбасар-2"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("code,name\n1,x\n", "missing columns"),
        ("kato,kato_version,level,type_code,name_ru,name_kk\n11382010,v,settlement,1,a,b\n", "not 9 digits"),
        ("kato,kato_version,level,type_code,name_ru,name_kk\n113820100,v,village,1,a,b\n", "unknown level"),
    ],
)
def test_malformed_files_are_refused_and_nothing_is_saved(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("load_kato", path, verbosity=0)
    assert not Settlement.objects.exists()


@pytest.mark.django_db
def test_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("load_kato", tmp_path / "nope.csv", verbosity=0)


@pytest.mark.django_db
def test_type_ahead_finds_kazakh_and_russian_names_and_codes(kato):
    assert "113820100" in [s.code for s in settlement_search("атбас")]
    assert "113820100" in [s.code for s in settlement_search("АТБАСАР")]
    assert "333233100" in [s.code for s in settlement_search("Ақсу")]
    assert [s.code for s in settlement_search("1138201")] == ["113820100"]
    assert list(settlement_search("   ")) == []


@pytest.mark.django_db
@pytest.mark.skipif(not SHARED_KATO.exists(), reason="the full KATO file lives in ../shared/data, absent here")
def test_the_real_classifier_loads_completely_and_fast():
    started = time.monotonic()
    call_command("load_kato", SHARED_KATO, verbosity=0)
    elapsed = time.monotonic() - started
    assert Settlement.objects.count() == 15594
    assert not Settlement.objects.exclude(level="oblast").filter(parent__isnull=True).exists()
    for code in ("100000000", "330000000", "620000000"):  # Abai, Zhetysu, Ulytau (2022)
        assert Settlement.objects.filter(code=code, level="oblast").exists()
    assert Settlement.objects.get(code="331010000").region_id == "330000000"
    assert elapsed < 30
