"""The project database in the browser: a visitor searches in Russian word forms, narrows by a facet without
reloading the page, opens a project and downloads the search as IATI XML; staff edit a project and read its
history."""

from pathlib import Path

import pytest

from ecodialogue.projectdb.models import Project
from ecodialogue.projectdb.services import projects_save

from ..projectdb.conftest import make_record
from .conftest import assert_accessible
from .test_evaluation import signed_in

pytestmark = pytest.mark.django_db(transaction=True)


def three_projects():
    wecoop = make_record(countries=[{"code": "KZ", "percentage": "50"}, {"code": "UZ", "percentage": "50"}])
    kyrgyz = make_record(
        "KZ-ECODIALOGUE-TEST-KG",
        title={"ru": "Управление отходами на Иссык-Куле", "en": "Waste management at Issyk-Kul"},
        descriptions=[{"type": "1", "text": {"ru": "Раздельный сбор отходов в сёлах побережья."}}],
        countries=[{"code": "KG", "percentage": "100"}],
    )
    water = make_record(
        "KZ-ECODIALOGUE-TEST-WATER",
        title={"ru": "Бассейновые советы", "en": "Basin councils"},
        descriptions=[{"type": "1", "text": {"ru": "Управление водными ресурсами бассейна реки Шу."}}],
        countries=[{"code": "KZ", "percentage": "100"}],
    )
    projects_save(records=[wecoop, kyrgyz, water], source=Project.Source.IATI, source_name="test.xml")


def test_a_visitor_finds_projects_by_a_word_form_and_a_facet(browser, live_server):
    three_projects()
    context = browser.new_context(locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/ru/projects/")
    assert_accessible(page)

    # «отходов» (genitive) finds «отходами» and «отходам»: WECOOP 2 and the Issyk-Kul project, not the basin councils.
    page.fill("#id_q", "отходов")
    page.wait_for_url("**q=*")
    page.get_by_role("link", name="Управление отходами на Иссык-Куле").wait_for()
    assert page.get_by_role("link", name="Бассейновые советы").count() == 0
    assert page.locator(".project-item").count() == 2

    # Ticking a country narrows the list in place (htmx), and the address keeps the filter.
    page.locator("input[name=country][value=KG]").check()
    page.wait_for_url("**country=KG*")
    page.locator(".project-item").nth(1).wait_for(state="detached")
    assert page.locator(".project-item").count() == 1

    with page.expect_download() as download:
        page.get_by_role("link", name="IATI XML").click()
    assert b"KZ-ECODIALOGUE-TEST-KG" in Path(download.value.path()).read_bytes()

    page.get_by_role("link", name="Управление отходами на Иссык-Куле").click()
    page.get_by_role("heading", name="Управление отходами на Иссык-Куле").wait_for()
    assert "KZ-ECODIALOGUE-TEST-KG" in page.content()
    assert_accessible(page)
    context.close()


def test_staff_edit_a_project_and_read_its_history(browser, live_server, staff):
    three_projects()
    project = Project.objects.get(identifier="KZ-ECODIALOGUE-TEST-WATER")
    page = signed_in(browser, live_server.url, staff)
    page.goto(f"{live_server.url}/kk/projects/{project.pk}/edit/")
    assert_accessible(page)
    page.locator("[name='title-kk']").fill("Бассейндік кеңестер")
    page.locator("form.project-form button[name=save]").last.click()
    page.wait_for_url(f"**/projects/{project.pk}/")
    page.get_by_role("heading", name="Бассейндік кеңестер").wait_for()

    page.goto(f"{live_server.url}/kk/projects/{project.pk}/history/")
    assert "Бассейндік кеңестер" in page.content()
    assert_accessible(page)
    project.refresh_from_db()
    assert project.record["title"]["kk"] == "Бассейндік кеңестер"
    assert project.revisions.count() == 2
