"""Staff pages of the project database: adding and editing a project, its history, importing files.

An anonymous visitor is sent to sign in, a signed-in person who is not staff
is refused, staff work. The forms are posted as a browser posts them: the
values of the form on the page (`form_of`), some of them changed.
"""

import io

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from ecodialogue.projectdb.models import ImportItem, ImportRun, Project, ProjectRevision

from .conftest import make_record

pytestmark = pytest.mark.django_db

SMALL_IATI = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2024-03-01T10:00:00Z">
 <iati-activity last-updated-datetime="2024-03-01T10:00:00Z" xml:lang="EN" default-currency="EUR">
  <iati-identifier>XI-IATI-EC_INTPA-2020-TEST-1</iati-identifier>
  <reporting-org ref="XI-IATI-EC_INTPA" type="15"><narrative>European Commission - INTPA</narrative></reporting-org>
  <title><narrative>Clean air for Almaty</narrative><narrative xml:lang="ru">Chistyi vozdukh</narrative></title>
  <description type="1"><narrative>Air quality monitoring in Almaty.</narrative></description>
  <participating-org ref="XI-IATI-EC_INTPA" role="1" type="15"><narrative>European Union</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="2020-01-01" type="1"/>
  <recipient-country code="KZ" percentage="100"/>
  <sector vocabulary="1" code="41010" percentage="100"/>
 </iati-activity>
 <iati-activity last-updated-datetime="2024-03-01T10:00:00Z" xml:lang="en" default-currency="EUR">
  <iati-identifier>XI-IATI-EC_INTPA-2020-TEST-2</iati-identifier>
  <reporting-org ref="XI-IATI-EC_INTPA" type="15"><narrative>European Commission - INTPA</narrative></reporting-org>
  <title><narrative>Waste sorting in Shymkent</narrative></title>
  <description type="1"><narrative>Sorting household waste.</narrative></description>
  <participating-org ref="XI-IATI-EC_INTPA" role="1" type="15"><narrative>European Union</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="2020-01-01" type="1"/>
  <recipient-country code="KZ" percentage="100"/>
  <sector vocabulary="1" code="41010" percentage="60"/>
  <sector vocabulary="1" code="14050" percentage="30"/>
 </iati-activity>
</iati-activities>
"""


def url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"projectdb:{name}", args=args)


def form_of(response, **changes) -> dict:
    """The values the project form of the page posts, with `changes` applied."""
    page = lxml.html.fromstring(response.content.decode())
    (form,) = [f for f in page.forms if f.xpath('.//input[@name="base_hash"]')]
    data: dict = {}
    for name, value in form.form_values():
        if name != "csrfmiddlewaretoken":
            data[name] = value
    data.update(changes)
    return data


@pytest.fixture
def wecoop(save):
    (project,) = save(make_record())
    return project


@pytest.fixture
def run(staff):
    return ImportRun.objects.create(kind=ImportRun.Kind.IATI, filename="small.xml", by=staff)


# --- Who may open the pages ---------------------------------------------------------


PAGES = [
    ("create", lambda p, r: ()),
    ("edit", lambda p, r: (p.pk,)),
    ("history", lambda p, r: (p.pk,)),
    ("imports", lambda p, r: ()),
    ("import-detail", lambda p, r: (r.pk,)),
    ("import-template", lambda p, r: ("csv",)),
]


@pytest.mark.parametrize(("name", "args"), PAGES, ids=[name for name, _args in PAGES])
def test_only_staff_open_the_staff_pages(client_for, outsider, staff, wecoop, run, name, args):
    address = url(name, *args(wecoop, run), lang="kk")

    anonymous = client_for(None).get(address)
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("account_login"))

    assert client_for(outsider).get(address).status_code == 403
    assert client_for(staff).get(address).status_code == 200


def test_an_outsider_cannot_post_a_project_or_a_file(client_for, outsider, wecoop):
    client = client_for(outsider)

    assert client.post(url("create"), {"title-en": "Mine"}).status_code == 403
    assert client.post(url("edit", wecoop.pk), {"title-en": "Mine"}).status_code == 403
    upload = SimpleUploadedFile("a.xml", SMALL_IATI, content_type="application/xml")
    assert client.post(url("imports"), {"kind": "iati", "file": upload}).status_code == 403
    assert Project.objects.count() == 1
    assert not ImportRun.objects.exists()


# --- Adding a project -------------------------------------------------------------


def test_staff_add_a_project_that_is_then_on_its_page_and_in_its_history(client_for, staff):
    client = client_for(staff)
    data = form_of(
        client.get(url("create")),
        **{
            "identifier": "KZ-ECODIALOGUE-2026-AIR",
            "title-kk": "Алматының ауасы",
            "title-ru": "Воздух Алматы",
            "title-en": "Air of Almaty",
            "description-1-en": "Monitoring stations and a public map.",
            "status": "2",
            "date-1": "2026-01-01",
            "date-3": "2027-12-31",
            "default_currency": "EUR",
            "countries-0-code": "KZ",
            "sectors-0-code": "41010",
            "participating_orgs-0-role": "1",
            "participating_orgs-0-name": "European Union",
            "participating_orgs-0-ref": "XI-IATI-EC_INTPA",
            "marker-6": "1",
            "budgets-0-period_start": "2026-01-01",
            "budgets-0-period_end": "2026-12-31",
            "budgets-0-value": "250 000",
        },
    )

    response = client.post(url("create"), data)

    project = Project.objects.get(identifier="KZ-ECODIALOGUE-2026-AIR")
    assert response.status_code == 302
    assert response.url == project.get_absolute_url()
    assert project.source == Project.Source.MANUAL
    assert project.edited_by == staff
    assert project.record["budgets"][0]["value"] == "250000"
    assert project.record["budgets"][0]["currency"] == "EUR"
    assert project.record["policy_markers"] == [{"code": "6", "vocabulary": "1", "significance": "1"}]
    # A name typed in a new row is in the page's language unless another is chosen.
    assert project.record["participating_orgs"][0]["name"] == {"en": "European Union"}
    assert "Air of Almaty" in client.get(project.get_absolute_url()).content.decode()
    history = client.get(url("history", project.pk)).content.decode()
    assert "Air of Almaty" in history
    assert str(staff) in history


@pytest.mark.parametrize(
    ("changes", "message", "section"),
    [
        (
            {"countries-0-code": "KZ", "countries-0-percentage": "50", "countries-1-code": "KG"},
            "The percentages of the countries and regions add up to 50, not 100.",
            "geography",
        ),
        ({"date-1": "2026-06-01", "date-3": "2025-12-31"}, "The project ends before it starts.", "status"),
        (
            {"budgets-0-period_start": "2026-01-01", "budgets-0-period_end": "2026-12-31", "budgets-0-value": "10"}
            | {"budgets-0-currency": "EUX"},
            "Currency: “EUX” is not in the IATI codelist Currency.",
            "budgets",
        ),
    ],
    ids=["percentages", "dates", "currency"],
)
def test_a_refused_form_keeps_what_was_typed_and_says_why(client_for, staff, changes, message, section):
    client = client_for(staff)
    data = form_of(client.get(url("create")), **{"title-en": "Air of Almaty", "title-ru": "Воздух"}, **changes)

    response = client.post(url("create"), data)

    assert response.status_code == 422
    assert not Project.objects.exists()
    page = lxml.html.fromstring(response.content.decode())
    (fieldset,) = page.xpath(f'//fieldset[@id="section-{section}"]')
    assert message in fieldset.text_content()
    assert "has-error" in fieldset.get("class")
    again = form_of(response)
    for name, value in {"title-en": "Air of Almaty", "title-ru": "Воздух", **changes}.items():
        assert again[name] == value


def test_a_new_project_cannot_take_the_identifier_of_another(client_for, staff, wecoop):
    client = client_for(staff)
    data = form_of(client.get(url("create")), identifier=wecoop.identifier, **{"title-en": "Another"})

    response = client.post(url("create"), data)

    assert response.status_code == 422
    assert "exists already" in response.content.decode()
    wecoop.refresh_from_db()
    assert wecoop.title.startswith("WECOOP 2")


def test_more_rows_adds_empty_rows_and_saves_nothing(client_for, staff):
    client = client_for(staff)
    data = form_of(client.get(url("create")), **{"title-en": "Air", "countries-0-code": "KZ"}, more="countries")

    response = client.post(url("create"), data)

    assert response.status_code == 200
    assert not Project.objects.exists()
    again = form_of(response)
    assert again["countries-0-code"] == "KZ"
    assert "countries-5-code" in again  # one filled row and five empty ones


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_page_without_javascript_posts_everything_the_form_shows(client_for, staff, wecoop, lang):
    """The edit form as rendered, posted unchanged, is the stored record: nothing is lost or changed.

    In Kazakh the implementer's name is shown in Russian (it has no Kazakh one) and stays Russian.
    """
    client = client_for(staff)
    address = url("edit", wecoop.pk, lang=lang)

    response = client.post(address, form_of(client.get(address)))

    assert response.status_code == 302
    assert wecoop.revisions.count() == 1  # only its creation


# --- Editing ------------------------------------------------------------------------


def test_editing_keeps_the_german_narrative_the_form_does_not_show(client_for, staff, save):
    title = {"en": "Food security in Haiti", "de": "Ernährungssicherung in Haiti"}
    (project,) = save(make_record("DE-1-202033942-0", title=title))
    client = client_for(staff)
    page = client.get(url("edit", project.pk)).content.decode()
    assert "Ernährungssicherung in Haiti" in page  # shown as kept, not as a field

    data = form_of(client.get(url("edit", project.pk)), **{"title-en": "Food and nutrition security in Haiti"})
    response = client.post(url("edit", project.pk), data)

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.record["title"] == {
        "en": "Food and nutrition security in Haiti",
        "de": "Ernährungssicherung in Haiti",
    }
    assert project.source == Project.Source.MANUAL


def test_the_history_shows_each_changed_field_before_and_after(client_for, staff, wecoop):
    client = client_for(staff)
    data = form_of(
        client.get(url("edit", wecoop.pk)),
        **{"title-en": "WECOOP 2 (extended)", "countries-4-code": "", "countries-4-percentage": ""}
        | {"countries-3-percentage": "40"},
    )
    assert client.post(url("edit", wecoop.pk), data).status_code == 302

    response = client.get(url("history", wecoop.pk))

    page = lxml.html.fromstring(response.content.decode())
    latest = page.xpath('//section[contains(@class, "revision")]')[0]
    rows = [[cell.text_content().strip() for cell in row.xpath("td")] for row in latest.xpath(".//tr[td]")]
    assert [
        "en: WECOOP 2: EU-Central Asia cooperation on environment and water",
        "changed: en: WECOOP 2 (extended)",
    ] in rows
    assert ["TM Turkmenistan — 20 %", "changed: TM Turkmenistan — 40 %"] in rows
    assert ["UZ Uzbekistan — 20 %", "removed"] in rows
    assert "Title" in latest.text_content()
    assert str(staff) in latest.text_content()
    assert ProjectRevision.objects.filter(project=wecoop).count() == 2


def test_a_form_opened_before_another_save_is_refused(client_for, staff, wecoop, save):
    client = client_for(staff)
    data = form_of(client.get(url("edit", wecoop.pk)), **{"title-en": "Mine"})
    save(make_record(title={"en": "Theirs"}))

    response = client.post(url("edit", wecoop.pk), data)

    assert response.status_code == 409
    assert "after you opened the form" in response.content.decode()
    wecoop.refresh_from_db()
    assert wecoop.record["title"] == {"en": "Theirs"}


def test_the_history_page_makes_few_queries(client_for, staff, wecoop, save, django_assert_max_num_queries):
    for n in range(8):
        save(make_record(title={"en": f"WECOOP 2, version {n}"}, status=str(2 + n % 3)))
    client = client_for(staff)

    with django_assert_max_num_queries(15):
        response = client.get(url("history", wecoop.pk))

    assert response.status_code == 200
    assert "WECOOP 2, version 7" in response.content.decode()


# --- Importing ----------------------------------------------------------------------


def test_an_uploaded_iati_file_is_imported_and_reported(client_for, staff, committed):
    client = client_for(staff)
    upload = SimpleUploadedFile("small.xml", SMALL_IATI, content_type="application/xml")

    with committed():
        response = client.post(url("imports"), {"kind": "iati", "file": upload})

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == url("import-detail", run.pk)
    assert (run.status, run.created, run.invalid) == (ImportRun.Status.DONE, 1, 1)
    created = Project.objects.get(identifier="XI-IATI-EC_INTPA-2020-TEST-1")
    page = client.get(response.url).content.decode()
    assert f'href="{created.get_absolute_url()}"' in page
    assert "XI-IATI-EC_INTPA-2020-TEST-2" in page
    assert "The percentages of the sectors add up to 90, not 100." in page
    assert 'hx-trigger="every 2s"' not in page  # done: nothing to wait for
    invalid_only = client.get(response.url, {"outcome": "invalid"}).content.decode()
    assert "XI-IATI-EC_INTPA-2020-TEST-2" in invalid_only
    assert "XI-IATI-EC_INTPA-2020-TEST-1" not in invalid_only
    assert "small.xml" in client.get(url("imports")).content.decode()


def test_a_file_that_is_not_xml_is_refused_as_iati(client_for, staff):
    client = client_for(staff)
    upload = SimpleUploadedFile("projects.xml", b"identifier,title_en\nX-1,Air\n", content_type="text/csv")

    response = client.post(url("imports"), {"kind": "iati", "file": upload})

    assert response.status_code == 422
    assert "This file is not XML" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_an_upload_without_a_file_says_so(client_for, staff):
    response = client_for(staff).post(url("imports"), {"kind": "iati"})

    assert response.status_code == 422
    assert not ImportRun.objects.exists()


def test_a_running_import_is_followed_every_two_seconds(client_for, staff, run):
    client = client_for(staff)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING, processed=200)

    page = client.get(url("import-detail", run.pk)).content.decode()
    part = client.get(url("import-detail", run.pk), headers={"HX-Request": "true"})

    assert 'hx-trigger="every 2s"' in page
    assert "200 activities read so far" in page
    assert part.status_code == 200
    assert "<html" not in part.content.decode()
    assert 'hx-trigger="every 2s"' in part.content.decode()
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.DONE, total=200)
    finished = client.get(url("import-detail", run.pk), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in finished  # the poll stops with the swap


def test_the_import_report_is_paginated_and_makes_few_queries(
    client_for, staff, run, wecoop, django_assert_max_num_queries
):
    ImportItem.objects.bulk_create(
        ImportItem(
            run=run,
            position=n,
            identifier=f"XM-TEST-{n}",
            outcome=ImportItem.Outcome.CREATED if n % 2 else ImportItem.Outcome.INVALID,
            project=wecoop if n % 2 else None,
            messages=[] if n % 2 else [{"code": "x", "message": "Not valid IATI 2.03", "line": n * 10}],
        )
        for n in range(1, 121)
    )
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.DONE, processed=120, created=60, invalid=60)
    client = client_for(staff)

    with django_assert_max_num_queries(15):
        response = client.get(url("import-detail", run.pk), {"outcome": "invalid", "page": "2"})

    content = response.content.decode()
    assert "XM-TEST-102" in content
    assert "XM-TEST-101" not in content
    assert "line 1020" in content
    assert "Page 2 of 2" in content


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_table_template_downloads(client_for, staff, fmt):
    response = client_for(staff).get(url("import-template", fmt))

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="projects-template.{fmt}"'
    if fmt == "csv":
        assert response.content.decode("utf-8-sig").startswith("identifier,")
    else:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(response.content))
        assert workbook.active["A1"].value == "identifier"
