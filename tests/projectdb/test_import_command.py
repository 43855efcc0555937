"""`manage.py import_iati`: what it prints per file, and its exit status."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ecodialogue.projectdb.models import ImportRun, Project

from .conftest import SHARED_IATI

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "iati"
COVID = SHARED_IATI / "dportal-covid-central-asia-extract-2.03.xml"
pytestmark = pytest.mark.django_db


def run_command(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_iati", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_the_counts_of_each_file_and_imports_without_a_user():
    out, err = run_command(FIXTURES / "valid.xml")

    assert f"{FIXTURES / 'valid.xml'}: 2 activities: 2 created, 0 updated, 0 unchanged, 0 skipped, 0 invalid" in out
    assert err == ""
    assert set(Project.objects.values_list("source", flat=True)) == {Project.Source.IATI}
    assert ImportRun.objects.get().by is None


def test_a_second_run_reports_everything_unchanged():
    run_command(FIXTURES / "valid.xml")

    out, _err = run_command(FIXTURES / "valid.xml")

    assert "2 activities: 0 created, 0 updated, 2 unchanged, 0 skipped, 0 invalid" in out


def test_each_invalid_activity_is_listed_with_its_reasons():
    out, _err = run_command(FIXTURES / "rules.xml")

    assert "6 activities: 1 created, 0 updated, 0 unchanged, 0 skipped, 5 invalid" in out
    assert "  invalid: XM-ECODIALOGUE-RULES-DATES\n    line 39: The project ends before it starts." in out
    assert "line 73: Not valid IATI 2.03: Element 'recipient-country', attribute 'colour'" in out
    assert "XM-ECODIALOGUE-RULES-VALID" not in out


def test_a_folder_imports_its_xml_files(tmp_path):
    shutil.copy(FIXTURES / "valid.xml", tmp_path / "a.xml")
    shutil.copy(FIXTURES / "rules.xml", tmp_path / "b.XML")
    (tmp_path / "notes.txt").write_text("not imported")

    out, _err = run_command(tmp_path)

    assert [line.split(":")[0] for line in out.splitlines() if not line.startswith(" ")] == [
        str(tmp_path / "a.xml"),
        str(tmp_path / "b.XML"),
    ]
    assert Project.objects.count() == 3


def test_a_refused_file_exits_with_status_1_after_importing_the_others():
    with pytest.raises(CommandError) as caught:
        run_command(FIXTURES / "xxe.xml", FIXTURES / "valid.xml")

    assert caught.value.returncode == 1
    assert "1 of 2 files refused" in str(caught.value)
    assert Project.objects.count() == 2


def test_refusals_go_to_stderr_even_when_quiet():
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_iati",
            str(FIXTURES / "valid.xml"),
            str(FIXTURES / "not-iati.xml"),
            "--quiet",
            stdout=out,
            stderr=err,
        )

    assert out.getvalue() == ""
    assert "not-iati.xml: refused: This is not an IATI activity file" in err.getvalue()


def test_a_missing_path_is_an_error():
    with pytest.raises(CommandError, match="No such file"):
        run_command(FIXTURES / "absent.xml")


@pytest.mark.skipif(not COVID.exists(), reason="the real IATI files are in ../shared/data/iati, absent on this machine")
def test_the_central_asia_extract_reports_its_one_invalid_activity():
    out, _err = run_command(COVID)

    assert "11 activities: 10 created, 0 updated, 0 unchanged, 0 skipped, 1 invalid" in out
    assert "  invalid: GB-GOV-1-300619-104\n    line 1180: Not valid IATI 2.03: Element 'budget-item'" in out
