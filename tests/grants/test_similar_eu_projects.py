"""Screening against the project database: each pilot's most similar EU-funded projects, shown to staff only.

The story: a consortium's application about separate waste collection in
villages is submitted. The project database holds an EU-funded project on
the same subject, a similar one funded by someone else, and the call's own
EU-funded programme. Staff of the call see the first as an information
finding and a link, not the other two; the applicant sees nothing of it.
"""

from dataclasses import dataclass

import pytest
from django.utils import translation

from ecodialogue.core.findings import Severity
from ecodialogue.grants import applications
from ecodialogue.grants.models import Call
from ecodialogue.grants.similar_eu import CODE, similar_eu_findings
from ecodialogue.projectdb.models import Project
from ecodialogue.projectdb.services import projects_save

from ..projectdb.conftest import make_record

# --- The pure part --------------------------------------------------------------------------------------


@dataclass
class Found:
    project: Project
    score: float


def test_no_similar_project_no_finding():
    assert similar_eu_findings([], subject="pilot:1") == []


@translation.override("en")
def test_the_finding_is_information_naming_each_project_its_identifier_and_score():
    first = Project(identifier="XI-IATI-EC_INTPA-1", title="Waste in villages", title_en="Waste in villages")
    second = Project(identifier="XI-IATI-EC_INTPA-2", title="Air quality", title_ru="Качество воздуха")
    (finding,) = similar_eu_findings([Found(first, 0.8123), Found(second, 0.4)], subject="pilot:7")
    assert (finding.code, finding.severity, finding.subject) == (CODE, Severity.INFO, "pilot:7")
    assert not finding.is_error
    assert "«Waste in villages» (XI-IATI-EC_INTPA-1, 0.81)" in finding.text
    # A title missing in the active language falls back to another one.
    assert "«Air quality» (XI-IATI-EC_INTPA-2, 0.40)" in finding.text
    assert finding.text.index("Waste") < finding.text.index("Air quality")


# --- The pages ------------------------------------------------------------------------------------------

WASTE = {
    "kk": "Ауылдарда қалдықтарды бөлек жинау: пластик пен қағазды жинау, контейнер алаңдары, қайта өңдеу",
    "ru": "Раздельный сбор отходов в сёлах: пластик и бумага, контейнерные площадки, переработка",
    "en": "Separate waste collection in villages: plastic and paper, container sites, recycling",
}
EU_FUNDER = {"role": "1", "ref": "XI-IATI-EC_INTPA", "type": "15", "name": {"en": "European Union"}}
OTHER_FUNDER = {"role": "1", "ref": "", "type": "10", "name": {"en": "A national donor"}}


def waste_project(identifier: str, title_en: str, funder: dict) -> dict:
    return make_record(
        identifier,
        title={**WASTE, "en": title_en},
        descriptions=[{"type": "1", "text": WASTE}],
        participating_orgs=[funder],
        related=[],
    )


@pytest.fixture
def project_database(db):
    results = projects_save(
        records=[
            waste_project("XI-IATI-EC_INTPA-2020-WASTE", "EU project on separate waste collection", EU_FUNDER),
            waste_project("XM-OTHER-2021-WASTE", "Another donor's waste project", OTHER_FUNDER),
            # The call's own programme: EU-funded and about the same, but not "another" EU programme.
            waste_project("KZ-ECODIALOGUE-DEMO-012", "The call's own EU programme", EU_FUNDER),
        ],
        source=Project.Source.IATI,
        source_name="test.xml",
    )
    assert not [r.problems for r in results if r.problems]
    return {r.identifier: r.project for r in results}


@pytest.fixture
def submitted(complete_application, lead_head, network_call, project_database):
    applications.application_submit(application=complete_application, actor=lead_head)
    Call.objects.filter(pk=network_call.pk).update(status=Call.Status.UNDER_REVIEW)
    complete_application.refresh_from_db()
    return complete_application


def detail(client, application, language="kk"):
    return client.get(f"/{language}/applications/{application.pk}/")


def test_staff_see_each_pilots_similar_eu_funded_projects_with_links(client_for, call_staff, submitted,
                                                                      project_database):  # fmt: skip
    response = detail(client_for(call_staff), submitted, "en")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="similar-eu-projects"' in body
    eu = project_database["XI-IATI-EC_INTPA-2020-WASTE"]
    assert body.count(f'href="{eu.get_absolute_url()}"') == submitted.pilots.count()
    assert f'data-code="{CODE}"' in body and "XI-IATI-EC_INTPA-2020-WASTE" in body
    assert "Another donor" not in body  # not funded by the EU
    assert "The call&#x27;s own EU programme" not in body and "KZ-ECODIALOGUE-DEMO-012" not in body


def test_the_applicant_does_not_see_them(client_for, lead_head, submitted):
    response = detail(client_for(lead_head), submitted)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="similar-eu-projects"' not in body and "XI-IATI-EC_INTPA-2020-WASTE" not in body


def test_an_outsider_gets_no_application_at_all(client_for, outsider, submitted):
    assert detail(client_for(outsider), submitted).status_code == 404


def test_a_draft_is_not_screened_yet(client_for, call_staff, complete_application, project_database):
    body = detail(client_for(call_staff), complete_application).content.decode()
    assert 'id="similar-eu-projects"' not in body


def test_the_search_runs_once_per_pilot_then_comes_from_the_cache(client_for, call_staff, submitted, monkeypatch):
    from ecodialogue.projectdb import similar

    calls = []
    real = similar.similar_projects

    def counting(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(similar, "similar_projects", counting)
    client = client_for(call_staff)
    detail(client, submitted)
    assert len(calls) == submitted.pilots.count()
    assert all(c["eu_funded_only"] for c in calls)
    detail(client, submitted)
    assert len(calls) == submitted.pilots.count()


def test_the_screening_list_links_to_them_without_searching(client_for, call_staff, submitted, monkeypatch,
                                                           django_assert_max_num_queries):  # fmt: skip
    from ecodialogue.projectdb import similar

    monkeypatch.setattr(similar, "similar_projects", lambda *a, **k: pytest.fail("no search on the list page"))
    client = client_for(call_staff)
    with django_assert_max_num_queries(15):
        response = client.get(f"/kk/calls/{submitted.call.code}/manage/screening/")
    assert response.status_code == 200
    assert f'href="{submitted.get_absolute_url()}#similar-eu-projects"' in response.content.decode()
