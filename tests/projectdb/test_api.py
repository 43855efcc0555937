"""The project database through the API: anyone searches, reads and exports; staff write, read history and import."""

import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from schemathesis.core import NOT_SET

from ecodialogue.projectdb import selectors
from ecodialogue.projectdb.codelists import label
from ecodialogue.projectdb.models import ImportRun, Project, ProjectRevision
from ecodialogue.projectdb.search import facet_snapshot
from ecodialogue.projectdb.services import project_save

from ..factories import OrganizationFactory
from ..grants.test_api_consortia import bearer
from .conftest import make_record

pytestmark = pytest.mark.django_db

API = "/api/v1"
IATI_FILES = Path(__file__).resolve().parents[1] / "fixtures" / "iati"
PUBLIC_READS = {
    ("GET", "/api/v1/projects"),
    ("GET", "/api/v1/projects/statistics"),
    ("GET", "/api/v1/projects/export"),
    ("GET", "/api/v1/projects/lookup"),
    ("GET", "/api/v1/projects/{project_id}"),
}


def shares(codes) -> list[dict]:
    each = 100 // len(codes)
    return [
        {"code": c, "percentage": str(100 - each * (len(codes) - 1) if i == 0 else each)} for i, c in enumerate(codes)
    ]


def record(identifier, *, countries=("KZ",), status="2", start="2018-01-01", end="2020-12-31", **changes) -> dict:
    """WECOOP 2 varied: its own identifier, title, countries, status and dates."""
    changes.setdefault(
        "title", {"en": f"Project {identifier}", "ru": f"Проект {identifier}", "kk": f"Жоба {identifier}"}
    )
    return make_record(identifier, countries=shares(countries), status=status, dates={"1": start, "3": end}, **changes)


def send(client, method: str, url: str, body=None, headers=None):
    data = "" if body is None else json.dumps(body)
    return client.generic(method, url, data, content_type="application/json", headers=headers or {})


def refusal(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["code"] and body["message"]
    return body


@pytest.fixture
def three(save):
    """Water in Kyrgyzstan (closed), waste in Kazakhstan and Tajikistan (running), air in Uzbekistan (running)."""
    return {
        p.identifier: p
        for p in save(
            record("XM-TEST-KG-WATER", countries=("KG",), status="4", start="2012-03-01", end="2015-06-30"),
            record(
                "XM-TEST-KZ-WASTE",
                countries=("KZ", "TJ"),
                start="2021-01-01",
                end="2024-12-31",
                title={"ru": "Вывоз мусора в Казахстане", "en": "Waste management in Kazakhstan"},
            ),
            record("XM-TEST-UZ-AIR", countries=("UZ",), start="2019-05-01", end="2022-04-30"),
        )
    }


@pytest.fixture
def staff_token(staff):
    return bearer(staff)


@pytest.fixture
def outsider_token(outsider):
    return bearer(outsider)


# --- Search ---------------------------------------------------------------------------------------


def test_anyone_searches_and_gets_rows_facets_and_totals(client, three):
    response = client.get(f"{API}/projects", {"lang": "en"})

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["num_pages"], body["suggestion"]) == (3, 1, 1, "")
    # Newest first without words.
    assert [row["identifier"] for row in body["results"]] == ["XM-TEST-KZ-WASTE", "XM-TEST-UZ-AIR", "XM-TEST-KG-WATER"]
    waste = body["results"][0]
    assert waste == {
        "id": three["XM-TEST-KZ-WASTE"].pk,
        "identifier": "XM-TEST-KZ-WASTE",
        "title": "Waste management in Kazakhstan",
        "title_language": "en",
        "status": "2",
        "status_label": "Implementation",
        "start_date": "2021-01-01",
        "end_date": "2024-12-31",
        "countries": ["KZ", "TJ"],
        "funders": ["European Union"],
        "budget_value": "1998000.00",
        "budget_currency": "EUR",
        "url": f"/en/projects/{three['XM-TEST-KZ-WASTE'].pk}/",
    }
    facets = {facet["name"]: facet for facet in body["facets"]}
    countries = {v["value"]: (v["label"], v["count"], v["selected"]) for v in facets["country"]["values"]}
    assert countries["KZ"] == ("Kazakhstan", 1, False)
    assert {"country", "status", "sector", "funder", "marker"} <= set(facets)
    assert {(t["kind"], t["currency"], t["value"]) for t in body["totals"]} >= {("budget", "EUR", "5994000.00")}


def test_the_search_gives_what_the_pages_selector_gives(client, three):
    query = {"country": ["KZ", "KG"], "status": "2", "marker": "7", "sector": "41010", "sort": "budget"}

    body = client.get(f"{API}/projects", query).json()

    page = selectors.project_search(selectors.parse_filters(query), page=1, per_page=20)
    assert body["count"] == page.total == 1
    assert [row["id"] for row in body["results"]] == [p.pk for p in page.rows]
    assert [(f["name"], [(v["value"], v["count"], v["selected"]) for v in f["values"]]) for f in body["facets"]] == [
        (f.name, [(str(v.value), v.count, v.selected) for v in f.values]) for f in page.facets
    ]
    assert [(t["kind"], t["currency"], t["value"]) for t in body["totals"]] == [
        (t.kind, t.currency, f"{t.value:.2f}") for t in page.totals
    ]
    # Kazakhstan's half of the waste project, environmental policy's 60 % of that.
    budget = next(t for t in body["totals"] if t["kind"] == "budget")
    assert budget["value"] == "599400.00"


def test_words_search_in_russian_and_pages_follow(client, three):
    found = client.get(f"{API}/projects", {"q": "мусором"}).json()
    assert [row["identifier"] for row in found["results"]] == ["XM-TEST-KZ-WASTE"]

    second = client.get(f"{API}/projects", {"per_page": 2, "page": 2}).json()
    assert (second["count"], second["page"], second["per_page"], second["num_pages"]) == (3, 2, 2, 2)
    assert [row["identifier"] for row in second["results"]] == ["XM-TEST-KG-WATER"]


def test_labels_and_titles_follow_the_requested_language(client, three):
    by_param = client.get(f"{API}/projects", {"lang": "ru", "country": "KZ"}).json()
    by_header = client.get(f"{API}/projects", {"country": "KZ"}, headers={"accept-language": "kk"}).json()

    assert by_param["results"][0]["title"] == "Вывоз мусора в Казахстане"
    assert by_param["results"][0]["url"].startswith("/ru/")
    country = next(f for f in by_param["facets"] if f["name"] == "country")
    with translation.override("ru"):
        assert country["label"] == str(selectors.FACET_LABELS["country"])
        assert next(v["label"] for v in country["values"] if v["value"] == "KZ") == label("Country", "KZ")
    # No Kazakh title: the Russian one, and the language said.
    assert (by_header["results"][0]["title_language"], by_header["results"][0]["url"][:4]) == ("ru", "/kk/")


@pytest.mark.parametrize(
    "query",
    [
        {"per_page": 101},
        {"page": 0},
        {"page": "two"},
        {"country": "XX"},
        {"sector": "99999"},
        {"marker": "3"},
        {"year": "1850"},
        {"sort": "cheapest"},
        {"q": "x" * 201},
        {"q": "waste\x00"},
        {"lang": "de"},
    ],
)
def test_invalid_parameters_are_refused_with_a_structured_422(client, three, query):
    body = refusal(client.get(f"{API}/projects", query), 422)

    assert body["code"] == "validation_error"
    assert body["details"][0]["loc"][-1] in (*query, "0")


def test_the_search_takes_a_constant_number_of_queries_and_is_cached(client, save, django_assert_max_num_queries):
    save(*[record(f"XM-TEST-{n}", countries=("KZ", "KG")) for n in range(25)])
    facet_snapshot.current()  # read once per change of the data, in a constant number of statements (test_selectors)

    with django_assert_max_num_queries(15):
        assert client.get(f"{API}/projects", {"country": "KZ", "per_page": 20}).status_code == 200
    with django_assert_max_num_queries(2):  # the version of the projects, the session
        assert client.get(f"{API}/projects", {"country": "KZ", "per_page": 20}).json()["count"] == 25


def test_a_change_shows_in_the_next_search_at_once(client, three, staff):
    assert client.get(f"{API}/projects", {"status": "5"}).json()["count"] == 0

    project_save(record=record("XM-TEST-UZ-AIR", countries=("UZ",), status="5"), source="manual", actor=staff)

    assert client.get(f"{API}/projects", {"status": "5"}).json()["count"] == 1


# --- Statistics and exports -----------------------------------------------------------------------


def test_statistics_follow_the_filters_like_the_page(client, three):
    query = {"status": "2", "lang": "en"}

    body = client.get(f"{API}/projects/statistics", query).json()

    stats = selectors.project_statistics(selectors.parse_filters(query))
    assert body["total"] == stats.total == 2
    assert body["currencies"] == ["EUR"]
    assert [(r["key"], r["count"]) for r in body["by_country"]] == [(str(r.key), r.count) for r in stats.by_country]
    kazakhstan = next(r for r in body["by_country"] if r["key"] == "KZ")
    assert (kazakhstan["label"], kazakhstan["amounts"]) == ("Kazakhstan", {"EUR": "999000.00"})
    assert [r["key"] for r in body["by_year"]] == [str(r.key) for r in stats.by_year]
    assert body["by_funder"][0]["count"] == 2


@pytest.mark.parametrize(
    ("fmt", "content_type", "marker"),
    [
        ("csv", "text/csv", b"XM-TEST-KZ-WASTE"),
        ("xml", "application/xml", b"<iati-identifier>XM-TEST-KZ-WASTE</iati-identifier>"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ],
)
def test_anyone_exports_the_filtered_projects(client, three, fmt, content_type, marker):
    response = client.get(f"{API}/projects/export", {"format": fmt, "country": "KZ"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith("attachment;")
    assert f".{fmt}" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert marker in content
    if fmt != "xlsx":
        assert b"XM-TEST-UZ-AIR" not in content


def test_an_export_needs_a_known_format(client, three):
    assert refusal(client.get(f"{API}/projects/export", {"format": "pdf"}), 422)["code"] == "validation_error"
    assert refusal(client.get(f"{API}/projects/export"), 422)["code"] == "validation_error"


def test_an_export_larger_than_the_limit_is_refused_with_a_stable_code(client, three, settings):
    settings.PROJECTDB_EXPORT_MAX = 2
    body = refusal(client.get(f"{API}/projects/export", {"format": "csv"}), 422)
    assert body["code"] == "export.too_large"
    assert body["details"] == {"count": 3, "max": 2}
    assert client.get(f"{API}/projects/export", {"format": "csv", "country": "UZ"}).status_code == 200


# --- One project ----------------------------------------------------------------------------------


def test_a_project_with_its_record_provenance_and_related_projects(client, save, staff):
    parent, child = save(
        record("XM-TEST-PARENT"),
        record("XM-TEST-CHILD", related=[{"type": "1", "ref": "XM-TEST-PARENT"}]),
        source_name="wecoop.xml",
    )
    project_save(record=record("XM-TEST-PARENT", status="3"), source="manual", actor=staff)

    response = client.get(f"{API}/projects/{parent.pk}", {"lang": "en"})

    assert response.status_code == 200
    body = response.json()
    parent.refresh_from_db()
    assert body["record"] == parent.record
    assert (body["title"], body["title_language"], body["status_label"]) == (
        "Project XM-TEST-PARENT", "en", "Finalisation"
    )  # fmt: skip
    provenance = body["provenance"]
    assert (provenance["source"], provenance["source_name"]) == ("manual", "")
    assert provenance["imported_at"] and provenance["edited_at"] and provenance["last_updated"]
    assert "Динара" not in response.content.decode()  # who edited it is for staff only
    assert body["related"] == [
        {
            "type": "2",
            "type_label": "Child",
            "identifier": "XM-TEST-CHILD",
            "project": {
                "id": child.pk,
                "identifier": "XM-TEST-CHILD",
                "title": "Project XM-TEST-CHILD",
                "url": f"/en/projects/{child.pk}/",
            },
        }
    ]


def test_related_projects_missing_from_the_database_are_listed_unresolved(client, save):
    (project,) = save(record("XM-TEST-PARENT", related=[{"type": "2", "ref": "XM-TEST-MISSING"}]))

    body = client.get(f"{API}/projects/{project.pk}").json()

    assert [(r["type"], r["identifier"], r["project"]) for r in body["related"]] == [("2", "XM-TEST-MISSING", None)]


def test_children_pointing_at_their_parent_are_resolved(client, save):
    parent, child = save(
        record("XM-TEST-PARENT"), record("XM-TEST-CHILD", related=[{"type": "1", "ref": "XM-TEST-PARENT"}])
    )

    body = client.get(f"{API}/projects/{parent.pk}", {"lang": "en"}).json()
    back = client.get(f"{API}/projects/{child.pk}").json()

    assert [(r["type"], r["project"]["id"]) for r in body["related"]] == [("2", child.pk)]
    assert body["related"][0]["project"]["url"] == f"/en/projects/{child.pk}/"
    assert [(r["type"], r["project"]["id"]) for r in back["related"]] == [("1", parent.pk)]


def test_linked_organisations_are_given(client, save):
    ngo = OrganizationFactory()
    implementer = {"role": "4", "ref": f"KZ-BIN-{ngo.bin}", "type": "22", "name": {"en": "Green Steppe"}}
    (project,) = save(make_record(participating_orgs=[implementer]))

    body = client.get(f"{API}/projects/{project.pk}", {"lang": "en"}).json()

    with translation.override("en"):
        ngo_url = ngo.get_absolute_url()
    assert body["organisations"] == [
        {"key": f"KZ-BIN-{ngo.bin}", "organization_id": ngo.pk, "name": ngo.name, "url": ngo_url}
    ]


def test_a_missing_project_is_a_structured_404(client, three):
    assert refusal(client.get(f"{API}/projects/999999"), 404)["code"] == "not_found"
    assert refusal(client.get(f"{API}/projects/lookup", {"identifier": "XM-NOPE"}), 404)["code"] == "not_found"


def test_a_project_is_found_by_its_identifier_even_with_a_slash(client, save):
    (project,) = save(record("GB-GOV-1/300123-101"))

    body = client.get(f"{API}/projects/lookup", {"identifier": "GB-GOV-1/300123-101"}).json()

    assert (body["id"], body["identifier"]) == (project.pk, "GB-GOV-1/300123-101")


def test_reading_a_project_takes_a_constant_number_of_queries(client, save, django_assert_max_num_queries):
    related = [{"type": "2", "ref": f"XM-TEST-{n}"} for n in range(10)]
    parent, *_children = save(record("XM-TEST-PARENT", related=related), *[record(r["ref"]) for r in related])

    with django_assert_max_num_queries(6):
        assert len(client.get(f"{API}/projects/{parent.pk}").json()["related"]) == 10


# --- Staff writes ---------------------------------------------------------------------------------


def test_staff_add_a_project_through_the_api(client, staff_token, staff):
    response = send(client, "POST", f"{API}/projects", make_record(), staff_token)

    assert response.status_code == 201, response.content
    project = Project.objects.get()
    assert response.json()["id"] == project.pk
    assert response.json()["record"] == project.record
    assert (project.source, project.source_name, project.edited_by) == ("manual", "API", staff)
    revision = ProjectRevision.objects.get()
    assert (revision.by, revision.before, revision.source) == (staff, None, "manual")


def test_a_record_may_leave_out_what_it_does_not_have_and_give_amounts_as_numbers(client, staff_token):
    body = {
        "identifier": "XM-TEST-SMALL",
        "title": {"kk": "Ауа сапасы"},
        "budgets": [{"period_start": "2024-01-01", "period_end": "2024-12-31", "value": 150000.5, "currency": "usd"}],
    }

    response = send(client, "POST", f"{API}/projects", body, staff_token)

    assert response.status_code == 201, response.content
    assert response.json()["record"]["budgets"][0]["value"] == "150000.5"
    assert response.json()["record"]["budgets"][0]["currency"] == "USD"


def test_a_refused_record_is_422_with_every_finding_and_writes_nothing(client, staff_token):
    broken = make_record(
        title={},
        countries=[{"code": "KZ", "percentage": "60"}, {"code": "KG", "percentage": "30"}],
        dates={"1": "2019-01-01", "3": "2018-01-01"},
    )

    body = refusal(send(client, "POST", f"{API}/projects", broken, staff_token), 422)

    found = {(f["code"], f["subject"]) for f in body["details"]}
    assert found >= {
        ("project.title_missing", "title"),
        ("project.country_percentages", "countries"),
        ("project.dates_order", "dates"),
    }
    assert all(f["message"] for f in body["details"])
    assert body["code"] == body["details"][0]["code"]
    assert not Project.objects.exists()
    assert not ProjectRevision.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"tittle": {"en": "A typo"}},
        {"countries": [{"code": "KZ", "percentage": "100", "share": "all"}]},
        {"title": {"en": "Null\x00"}},
        {"budgets": "1998000"},
        {"identifier": "X" * 301},
    ],
)
def test_a_record_of_the_wrong_shape_is_422(client, staff_token, change):
    body = refusal(send(client, "POST", f"{API}/projects", make_record() | change, staff_token), 422)

    assert body["code"] == "validation_error"
    assert not Project.objects.exists()


def test_an_identifier_already_there_is_409(client, staff_token, three):
    body = refusal(send(client, "POST", f"{API}/projects", record("XM-TEST-UZ-AIR"), staff_token), 409)

    assert (body["code"], body["details"]) == ("project.exists", {"id": three["XM-TEST-UZ-AIR"].pk})
    assert ProjectRevision.objects.filter(project=three["XM-TEST-UZ-AIR"]).count() == 1


def test_staff_replace_a_record_and_the_change_is_kept(client, staff_token, staff, three):
    project = three["XM-TEST-UZ-AIR"]
    changed = project.record | {"status": "3", "title": {"en": "Clean air in Tashkent"}}

    response = send(client, "PUT", f"{API}/projects/{project.pk}", changed, staff_token)

    assert response.status_code == 200, response.content
    project.refresh_from_db()
    assert (project.status, project.title_en, project.edited_by) == ("3", "Clean air in Tashkent", staff)
    assert response.json()["record"]["title"] == {"en": "Clean air in Tashkent"}
    revision = project.revisions.first()
    assert (revision.by, revision.changed) == (staff, ["status", "title"])
    assert revision.before["status"] == "2"


def test_a_replaced_record_keeps_its_identifier(client, staff_token, three):
    project = three["XM-TEST-UZ-AIR"]

    body = refusal(send(client, "PUT", f"{API}/projects/{project.pk}", record("XM-TEST-OTHER"), staff_token), 422)

    assert body["code"] == "project.identifier_changed"
    assert body["details"][0]["subject"] == "identifier"
    assert not Project.objects.filter(identifier="XM-TEST-OTHER").exists()


def test_a_refused_replacement_changes_nothing(client, staff_token, three):
    project = three["XM-TEST-UZ-AIR"]
    before = project.record

    body = refusal(send(client, "PUT", f"{API}/projects/{project.pk}", before | {"status": "9"}, staff_token), 422)

    assert body["details"][0]["code"] == "project.code_unknown"
    project.refresh_from_db()
    assert project.record == before
    assert project.revisions.count() == 1


def test_replacing_a_missing_project_is_404(client, staff_token, three):
    assert (
        refusal(send(client, "PUT", f"{API}/projects/999999", make_record(), staff_token), 404)["code"] == "not_found"
    )


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("outsider_session", 403), ("outsider_token", 403)])
@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_only_staff_write(client, client_for, outsider, outsider_token, three, who, status, method):
    headers = {}
    if who == "outsider_session":
        client_for(outsider)
    elif who == "outsider_token":
        headers = outsider_token
    project = three["XM-TEST-UZ-AIR"]
    url = f"{API}/projects" if method == "POST" else f"{API}/projects/{project.pk}"

    body = refusal(
        send(client, method, url, record("XM-TEST-NEW" if method == "POST" else project.identifier), headers), status
    )

    assert body["code"] == ("auth.required" if status == 401 else "permission.denied")
    assert Project.objects.count() == 3
    assert ProjectRevision.objects.count() == 3


def test_staff_write_with_a_session_too(client_for, staff):
    response = send(client_for(staff), "POST", f"{API}/projects", make_record())

    assert response.status_code == 201, response.content


# --- History --------------------------------------------------------------------------------------


def test_staff_read_a_projects_history_newest_first(client, staff_token, staff, three):
    project = three["XM-TEST-UZ-AIR"]
    project_save(record=project.record | {"status": "3"}, source="manual", actor=staff)

    response = client.get(f"{API}/projects/{project.pk}/history", headers=staff_token)

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["num_pages"]) == (2, 1, 1)
    edit, created = body["results"]
    assert (edit["by"], edit["source"], edit["changed"]) == ("Динара Ахметова", "manual", ["status"])
    assert (edit["before"]["status"], edit["after"]["status"]) == ("2", "3")
    assert (created["by"], created["source"], created["source_name"], created["before"]) == (
        "",
        "iati",
        "test.xml",
        None,
    )


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("outsider", 403)])
def test_only_staff_read_the_history(client, outsider_token, three, who, status):
    headers = outsider_token if who == "outsider" else {}

    refusal(client.get(f"{API}/projects/{three['XM-TEST-UZ-AIR'].pk}/history", headers=headers), status)


# --- Imports --------------------------------------------------------------------------------------


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else (IATI_FILES / name).read_bytes())


def test_staff_upload_a_file_and_follow_its_run(client, staff_token, committed):
    with committed():
        response = client.post(
            f"{API}/projects/imports", {"kind": "iati", "file": upload("rules.xml")}, headers=staff_token
        )

    assert response.status_code == 202, response.content
    queued = response.json()
    assert (queued["filename"], queued["kind"], queued["by"]) == ("rules.xml", "iati", "Динара Ахметова")
    assert queued["status"] in ("queued", "done")
    run = ImportRun.objects.get()
    assert queued["id"] == run.pk

    body = client.get(f"{API}/projects/imports/{run.pk}", {"per_page": 2}, headers=staff_token).json()

    assert body["status"] == "done"
    assert body["processed"] == body["total"] == 6
    assert body["created"] + body["invalid"] == 6 and body["invalid"] >= 1
    assert (body["items"]["count"], body["items"]["num_pages"], len(body["items"]["results"])) == (6, 3, 2)
    assert body["url"] == f"/kk/projects/imports/{run.pk}/"
    invalid = client.get(f"{API}/projects/imports/{run.pk}", {"outcome": "invalid"}, headers=staff_token).json()
    assert invalid["items"]["count"] == body["invalid"]
    assert all(item["messages"] and item["project_id"] is None for item in invalid["items"]["results"])
    assert all(m["code"] and m["message"] for item in invalid["items"]["results"] for m in item["messages"])


def test_a_file_that_is_not_what_it_says_is_refused_at_once(client, staff_token):
    response = client.post(
        f"{API}/projects/imports", {"kind": "iati", "file": upload("r.xml", b"%PDF-1.7\n")}, headers=staff_token
    )

    assert refusal(response, 422)["code"] == "import.not_xml"
    assert not ImportRun.objects.exists()


def test_an_upload_needs_its_file_and_kind(client, staff_token):
    assert refusal(client.post(f"{API}/projects/imports", {"kind": "iati"}, headers=staff_token), 422)
    response = client.post(f"{API}/projects/imports", {"kind": "pdf", "file": upload("valid.xml")}, headers=staff_token)
    assert refusal(response, 422)["code"] == "validation_error"


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("outsider", 403)])
def test_only_staff_import_and_see_imports(client, outsider_token, staff, who, status):
    headers = outsider_token if who == "outsider" else {}
    run = ImportRun.objects.create(kind="iati", filename="valid.xml", by=staff)

    refusal(
        client.post(f"{API}/projects/imports", {"kind": "iati", "file": upload("valid.xml")}, headers=headers), status
    )
    refusal(client.get(f"{API}/projects/imports/{run.pk}", headers=headers), status)
    assert ImportRun.objects.count() == 1


def test_a_missing_run_is_404(client, staff_token):
    assert refusal(client.get(f"{API}/projects/imports/999999", headers=staff_token), 404)["code"] == "not_found"


def test_history_and_import_runs_take_a_constant_number_of_queries(
    client, staff_token, staff, three, django_assert_max_num_queries
):
    project = three["XM-TEST-UZ-AIR"]
    for status in ("3", "4", "5", "6", "2"):
        project_save(record=project.record | {"status": status}, source="manual", actor=staff)
    run = ImportRun.objects.create(kind="iati", filename="many.xml", by=staff)
    run.items.bulk_create(
        [run.items.model(run=run, position=n, identifier=f"XM-{n}", outcome="invalid", messages=[]) for n in range(50)]
    )

    with django_assert_max_num_queries(10):
        assert len(client.get(f"{API}/projects/{project.pk}/history", headers=staff_token).json()["results"]) == 6
    with django_assert_max_num_queries(10):
        body = client.get(f"{API}/projects/imports/{run.pk}", {"per_page": 20}, headers=staff_token).json()
    assert (body["items"]["count"], len(body["items"]["results"])) == (50, 20)


# --- The schema, and generated input --------------------------------------------------------------


def test_the_schema_describes_every_operation(client):
    schema = client.get(f"{API}/openapi.json").json()

    operations = {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}
    assert operations >= PUBLIC_READS | {
        ("POST", "/api/v1/projects"),
        ("PUT", "/api/v1/projects/{project_id}"),
        ("GET", "/api/v1/projects/{project_id}/history"),
        ("POST", "/api/v1/projects/imports"),
        ("GET", "/api/v1/projects/imports/{run_id}"),
    }
    for path, ops in schema["paths"].items():
        if path.startswith("/api/v1/projects"):
            assert all(op["summary"] for op in ops.values()), path
    export = schema["paths"]["/api/v1/projects/export"]["get"]["responses"]["200"]["content"]
    assert set(export) == {
        "text/csv",
        "application/xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    assert "multipart/form-data" in schema["paths"]["/api/v1/projects/imports"]["post"]["requestBody"]["content"]


def test_no_generated_input_makes_the_public_project_reads_fail(client, three):
    schema = schemathesis.openapi.from_dict(client.get(f"{API}/openapi.json").json())
    operations = [r.ok() for r in schema.get_all_operations()]
    operations = [op for op in operations if (op.method.upper(), op.path) in PUBLIC_READS]
    assert len(operations) == len(PUBLIC_READS)
    real = three["XM-TEST-KZ-WASTE"].pk

    for operation in operations:

        @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            if case.path_parameters:
                case.path_parameters = {"project_id": real}
            path = case.formatted_path
            response = client.get(path, QUERY_STRING=urlencode(case.query or {}, doseq=True))
            assert response.status_code < 500, (path, case.query, response.content[:300])
            if response.streaming:
                b"".join(response.streaming_content)  # an export fails while it is written, if it fails
            if response.status_code >= 400:
                body = response.json()
                assert set(body) == {"code", "message", "details"}, body

        check()


def test_no_generated_input_makes_the_staff_operations_fail(client, staff_token, three, staff):
    """Generated records, queries and uploads as staff: a 2xx or a structured refusal, never a server error."""
    project = three["XM-TEST-KZ-WASTE"]
    run = ImportRun.objects.create(kind="iati", filename="valid.xml", by=staff)
    schema = schemathesis.openapi.from_dict(client.get(f"{API}/openapi.json").json())
    operations = [r.ok() for r in schema.get_all_operations()]
    operations = [
        op
        for op in operations
        if op.path.startswith(f"{API}/projects") and (op.method.upper(), op.path) not in PUBLIC_READS
    ]
    assert len(operations) == 5
    real = {"project_id": project.pk, "run_id": run.pk}

    for operation in operations:

        @settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            case.path_parameters = {name: real[name] for name in case.path_parameters or {}}
            path = case.formatted_path
            if case.media_type == "multipart/form-data":
                body = dict(case.body) if isinstance(case.body, dict) else {}
                if isinstance(body.get("file"), bytes | str):
                    content = body["file"].encode() if isinstance(body["file"], str) else body["file"]
                    body["file"] = SimpleUploadedFile("generated.xml", content)
                response = client.post(path, {k: v for k, v in body.items() if v is not None}, headers=staff_token)
            else:
                data = "" if case.body is NOT_SET else json.dumps(case.body)
                if case.method.upper() == "PUT" and isinstance(case.body, dict):
                    # Mostly the project's own identifier, so that the record reaches the rules and the service.
                    data = json.dumps(case.body | {"identifier": project.identifier})
                response = client.generic(
                    case.method, path, data, content_type="application/json", headers=staff_token,
                    QUERY_STRING=urlencode(case.query or {}, doseq=True),
                )  # fmt: skip
            assert response.status_code < 500, (case.method, path, case.body, response.content[:300])
            if response.status_code >= 400:
                assert set(response.json()) == {"code", "message", "details"}

        check()
