"""The platform as a whole: languages, health, production hardening, demo data."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.utils import translation

from ecodialogue.accounts.models import User
from ecodialogue.organizations.models import Organization

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("kk", "ru", "en")
PUBLIC_PAGES = [
    "/{lang}/calls/",
    "/{lang}/",
    "/{lang}/about/",
    "/{lang}/organisations/",
    "/{lang}/account/login/",
    "/{lang}/account/signup/",
    "/{lang}/account/password/reset/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_every_public_page_renders_in_each_language(client, page, lang):
    response = client.get(page.format(lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    with translation.override(lang):
        nav = translation.gettext("Organisations")
    assert nav in html
    if lang != "en":
        assert nav != "Organisations", f"no {lang} translation of the navigation"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_organisation_pages_render_in_each_language(client_for, ngo, head, lang):
    for user in (None, head):
        response = client_for(user).get(f"/{lang}/organisations/{ngo.pk}/")
        assert response.status_code == 200 and f'<html lang="{lang}">' in response.content.decode()


@pytest.mark.django_db
def test_the_home_page_redirects_to_kazakh_by_default(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/kk/"


def _po_entries(path: Path):
    """(msgid, msgstrs, fuzzy) for each entry of a .po file, header excluded."""
    entries, current, fuzzy, field = [], None, False, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            current = {"msgid": re.findall(r'"(.*)"', line)[0], "msgstr": [], "fuzzy": fuzzy}
            field = "msgid"
        elif line.startswith("msgid_plural"):
            field = "plural"
        elif line.startswith("msgstr"):
            current["msgstr"].append(re.findall(r'"(.*)"', line)[0])
            field = "msgstr"
        elif line.startswith('"') and current is not None:
            text = re.findall(r'"(.*)"', line)[0]
            if field == "msgid":
                current["msgid"] += text
            elif field == "msgstr":
                current["msgstr"][-1] += text
        elif not line.strip() and current is not None:
            if current["msgid"]:
                entries.append(current)
            current, fuzzy, field = None, False, None
    return entries


@pytest.mark.parametrize("po", sorted(ROOT.glob("locale/**/django.po")), ids=lambda p: str(p.relative_to(ROOT)))
def test_translation_catalogs_are_complete(po):
    entries = _po_entries(po)
    assert entries, "empty catalog"
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if e["fuzzy"]]
    assert not untranslated, f"untranslated: {untranslated[:5]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:5]}"


def test_every_language_has_a_catalog():
    for lang in LANGUAGES:
        assert (ROOT / "locale" / lang / "LC_MESSAGES" / "django.po").exists()


@pytest.mark.django_db
def test_health_reports_the_database_and_version(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"]["status"] == "ok" and body["version"]


@pytest.mark.django_db
def test_health_is_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection

    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"]["status"] == "unavailable"


def _manage(*args, **env):
    environment = {**os.environ, "ECODIALOGUE_TESTING": "0", **env}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "x" * 20 + "k3y-for-the-deploy-check-only-4f9b2c7e1a8d6b5c3e2f1a0",
    "ALLOWED_HOSTS": "ecodialogue.example.org",
    "SITE_URL": "https://ecodialogue.example.org",
}


def test_production_settings_pass_the_deploy_check():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"])
def test_production_refuses_to_start_without_secrets_hosts_and_address(missing):
    env = {**PRODUCTION, missing: ""}
    result = _manage("check", **env)
    assert result.returncode != 0 and missing in result.stderr


def test_production_refuses_the_development_secret():
    from ecodialogue import settings

    result = _manage("check", **{**PRODUCTION, "SECRET_KEY": settings.DEVELOPMENT_SECRET_KEY})
    assert result.returncode != 0


def test_seed_demo_refuses_production(monkeypatch, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_realistic():
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    counts = (Organization.objects.count(), User.objects.count())
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert (Organization.objects.count(), User.objects.count()) == counts
    assert Organization.objects.filter(kind="ngo").count() >= 30
    priority = Organization.objects.filter(kind="ngo", region__in=["110000000", "190000000", "330000000", "750000000"])
    assert priority.count() > Organization.objects.filter(kind="ngo").count() / 2
    assert Organization.objects.filter(kind__in=["akimat", "maslikhat"]).count() >= 6
    assert Organization.objects.filter(verification_status="verified").exists()
    assert Organization.objects.exclude(verification_status="verified").exists()
    assert Organization.objects.filter(network_status="member").exists()
    assert Organization.objects.get(name_kk="«Тұрақты дамуға жәрдемдесу» орталығы").kind == "grant_maker"
    from ecodialogue.organizations.bin import is_valid_bin

    assert all(is_valid_bin(b) for b in Organization.objects.exclude(bin=None).values_list("bin", flat=True))

    from django.utils import timezone

    from ecodialogue.grants.models import Call
    from ecodialogue.grants.rules import call_configuration_findings
    from ecodialogue.grants.selectors import call_config

    seed = Call.objects.get(code="ecodialogue-2026")
    seed.refresh_from_db()
    assert (seed.consortium_min, seed.consortium_max, seed.pilots_per_consortium, seed.pilot_max_months) == (2, 4, 4, 7)
    assert (seed.grant_min, seed.grant_max, seed.total_budget, seed.winners) == (10000, 12000, 60000, 5)
    assert timezone.localtime(seed.questions_until).strftime("%Y-%m-%d %H:%M") == "2026-04-20 23:59"
    assert timezone.localtime(seed.results_at).date().isoformat() == "2026-06-25"
    assert seed.criteria.count() == 6 and seed.budget_categories.count() == 4
    current = Call.objects.get(code="ecodialogue-2027")
    assert current.status == "open" and current.deadline > timezone.now()
    half_way = current.consortia.get()
    assert half_way.lead.memberships.filter(user__email="lead@demo.ecodialogue.kz", role="head").exists()
    assert sorted(half_way.members.values_list("status", flat=True)) == ["accepted", "accepted", "invited"]
    assert call_configuration_findings(call_config(seed)) == []

    # The seed call's story: submitted applications with receipts that verify, then the evaluation.
    from ecodialogue.grants.models import Application, Assignment, Decision
    from ecodialogue.grants.snapshot import submission_is_intact

    submitted = Application.objects.filter(call=seed, status="submitted")
    assert submitted.count() >= 8
    assert all(submission_is_intact(a.submissions.get()) for a in submitted)
    assert all(10000 <= a.total_amount <= 12000 and a.pilots.count() == 4 for a in submitted)
    decision = Decision.objects.get(call=seed)
    assert decision.is_published and seed.status == "decided"
    assert decision.awards.count() == 5 and decision.total_awarded <= 60000
    assert sum(1 for row in decision.ranking if row["flagged"]) == 1
    assert Assignment.objects.filter(application__call=seed, status="conflict").count() == 1
    draft = Application.objects.get(call=current)
    assert draft.status == "draft" and draft.checklist_errors > 0
