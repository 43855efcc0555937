"""The public pages of the project database: the search, a project's page and the exports, for anyone and for staff."""

import pytest
from django.urls import reverse
from django.utils import translation

from ecodialogue.projectdb.models import Project
from ecodialogue.projectdb.search import facet_snapshot

from ..factories import OrganizationFactory
from .conftest import make_record

pytestmark = pytest.mark.django_db


def url(name, *args, lang="kk", query=""):
    with translation.override(lang):
        return reverse(f"projectdb:{name}", args=args) + (f"?{query}" if query else "")


def shares(codes) -> list[dict]:
    """The countries with equal shares of the money, the rest to the last one."""
    each = 100 // len(codes)
    last = 100 - each * (len(codes) - 1)
    return [{"code": code, "percentage": str(last if code == codes[-1] else each)} for code in codes]


def record(identifier, *, title=None, countries=("KZ",), status="2", start="2018-01-01", end="2020-12-31", **changes):
    """A small variation of WECOOP 2: its own identifier, title, countries, status and dates."""
    return make_record(
        identifier,
        title=title or {"en": f"Project {identifier}", "ru": f"Проект {identifier}", "kk": f"Жоба {identifier}"},
        countries=shares(countries),
        status=status,
        dates={"1": start, "3": end},
        **changes,
    )


@pytest.fixture
def wecoop(save):
    (project,) = save(make_record())
    return project


@pytest.fixture
def three(save):
    """Three projects: water in Kyrgyzstan (closed), waste in Kazakhstan and Tajikistan (running), air in Uzbekistan."""
    return {
        p.identifier: p
        for p in save(
            record("XM-TEST-KG-WATER", countries=("KG",), status="4", start="2012-03-01", end="2015-06-30"),
            record("XM-TEST-KZ-WASTE", countries=("KZ", "TJ"), status="2", start="2021-01-01", end="2024-12-31"),
            record("XM-TEST-UZ-AIR", countries=("UZ",), status="2", start="2019-05-01", end="2022-04-30"),
        )
    }


# --- The search page ------------------------------------------------------------


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_anyone_searches_the_projects_without_staff_links(client_for, three, lang):
    response = client_for(None).get(url("search", lang=lang))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="project-item"') == 3
    assert f'lang="{lang}"' in body and f"/{lang}/projects/{three['XM-TEST-UZ-AIR'].pk}/" in body
    assert url("create", lang=lang) not in body and url("imports", lang=lang) not in body
    assert 'hx-get="' in body and 'hx-push-url="true"' in body  # instant with htmx, a plain form without


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_staff_see_where_to_add_and_import_projects(client_for, staff, three, lang):
    body = client_for(staff).get(url("search", lang=lang)).content.decode()
    assert url("create", lang=lang) in body and url("imports", lang=lang) in body


def test_the_menu_leads_to_the_projects(client_for, db):
    body = client_for(None).get(url("search")).content.decode()
    assert f'href="{url("search")}" aria-current="page"' in body


def test_an_empty_database_says_what_will_be_there(client_for, db):
    body = client_for(None).get(url("search", lang="en")).content.decode()
    assert "The project database is empty" in body
    assert 'class="project-item"' not in body


def test_filters_in_the_address_select_the_projects(client_for, three):
    body = client_for(None).get(url("search", lang="en", query="country=KZ&country=KG&status=2")).content.decode()
    assert "XM-TEST-KZ-WASTE" in body
    assert "XM-TEST-KG-WATER" not in body  # closed
    assert "XM-TEST-UZ-AIR" not in body  # elsewhere
    assert body.count('class="project-item"') == 1
    # The chosen values are ticked, and shown as chips that remove them.
    assert 'name="country" value="KZ" id="f-country-kz" checked' in body
    assert 'href="?country=KG&amp;status=2"' in body


def test_a_word_finds_its_project_and_an_identifier_too(client_for, three):
    body = client_for(None).get(url("search", lang="en", query="q=XM-TEST-UZ-AIR")).content.decode()
    assert body.count('class="project-item"') == 1 and "XM-TEST-UZ-AIR" in body


def test_nothing_found_says_so(client_for, three):
    body = client_for(None).get(url("search", lang="en", query="q=zzzzqqqq")).content.decode()
    assert "No project matches" in body and 'class="project-item"' not in body


def test_a_misspelt_name_gets_a_suggestion(client_for, wecoop):
    body = client_for(None).get(url("search", lang="en", query="q=Stantek")).content.decode()
    assert 'Did you mean <a href="?q=Stantec+S.A.">Stantec S.A.</a>?' in body
    # Meanwhile the projects of the organisations with close names are shown.
    assert body.count('class="project-item"') == 1
    # A download of the typed words would hold none of them: the suggestion's own page offers one.
    assert "Download these projects" not in body and "export.csv" not in body
    suggested = client_for(None).get(url("search", lang="en", query="q=Stantec+S.A.")).content.decode()
    assert "Download these projects" in suggested


def test_htmx_gets_only_the_part_below_the_search_box(client_for, three):
    response = client_for(None).get(url("search", lang="en", query="country=UZ"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "<form" not in body
    assert body.count('class="project-item"') == 1 and "XM-TEST-UZ-AIR" in body
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(client_for, three):
    response = client_for(None).get(url("search"), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()


def test_a_title_in_another_language_is_marked(client_for, save):
    save(record("XM-TEST-RU-ONLY", title={"ru": "Управление отходами в Астане"}))
    body = client_for(None).get(url("search", lang="kk")).content.decode()
    assert 'lang="ru">Управление отходами в Астане</a> <small class="lang-note">' in body


def test_money_totals_follow_the_filters_and_say_how_they_are_counted(client_for, save):
    budget = {"type": "1", "status": "2", "period_start": "2020-01-01", "period_end": "2020-12-31",
              "value": "1000", "currency": "USD", "value_date": "2020-01-01"}  # fmt: skip
    save(
        record("XM-TEST-SPLIT", countries=("KZ", "KG"), budgets=[budget], transactions=[]),
        record("XM-TEST-OTHER", countries=("UZ",), budgets=[{**budget, "value": "7000"}], transactions=[]),
    )
    body = client_for(None).get(url("search", lang="en", query="country=KZ")).content.decode()
    assert '<th scope="row">USD</th><td class="num">500</td>' in body  # half of the money is in Kazakhstan
    assert "7\u00a0000" not in body
    assert "not converted" in body


def test_the_pages_of_results_keep_the_filters(client_for, save):
    save(*[record(f"XM-TEST-MANY-{n:02}", countries=("TJ",)) for n in range(23)])
    body = client_for(None).get(url("search", lang="en", query="country=TJ")).content.decode()
    assert body.count('class="project-item"') == 20
    assert 'href="?country=TJ&amp;page=2"' in body
    second = client_for(None).get(url("search", lang="en", query="country=TJ&page=2")).content.decode()
    assert second.count('class="project-item"') == 3 and 'start="21"' in second


def test_the_downloads_and_statistics_follow_the_search(client_for, three):
    body = client_for(None).get(url("search", lang="en", query="country=KG")).content.decode()
    for fmt in ("csv", "xlsx", "xml"):
        assert f'href="{url("export", fmt, lang="en")}?country=KG"' in body
    assert f'href="{url("statistics", lang="en")}?country=KG"' in body


def test_a_new_project_shows_at_once(client_for, save, three):
    client = client_for(None)
    assert client.get(url("search")).content.decode().count('class="project-item"') == 3
    save(record("XM-TEST-NEW"))
    assert client.get(url("search")).content.decode().count('class="project-item"') == 4


def test_the_search_page_needs_few_queries(client_for, save, django_assert_max_num_queries):
    save(*[record(f"XM-TEST-Q-{n:02}", countries=("KZ", "KG")) for n in range(25)])
    client = client_for(None)
    facet_snapshot.current()  # read once per change of the data, in a constant number of statements (test_selectors)
    with django_assert_max_num_queries(15):
        response = client.get(url("search", query="q=project&country=KZ&marker=7&sort=budget"))
    assert response.status_code == 200
    with django_assert_max_num_queries(15):
        client.get(url("search"))


def test_the_search_page_for_staff_needs_few_queries(client_for, staff, three, django_assert_max_num_queries):
    client = client_for(staff)
    facet_snapshot.current()
    with django_assert_max_num_queries(15):
        assert client.get(url("search", query="country=KZ")).status_code == 200


# --- A project's page ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_anyone_reads_a_project_without_staff_links(client_for, wecoop, lang):
    response = client_for(None).get(url("detail", wecoop.pk, lang=lang))
    assert response.status_code == 200
    body = response.content.decode()
    assert wecoop.record["title"][lang] in body
    assert wecoop.record["descriptions"][0]["text"][lang] in body
    assert "1\u00a0998\u00a0000\u00a0EUR" in body and "800\u00a0000\u00a0EUR" in body
    assert 'href="https://wecoop.eu/" rel="noopener nofollow"' in body
    assert url("edit", wecoop.pk, lang=lang) not in body and url("history", wecoop.pk, lang=lang) not in body


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_staff_see_where_to_edit_a_project_and_its_history(client_for, staff, wecoop, lang):
    body = client_for(staff).get(url("detail", wecoop.pk, lang=lang)).content.decode()
    assert url("edit", wecoop.pk, lang=lang) in body and url("history", wecoop.pk, lang=lang) in body


def test_every_field_is_shown_with_its_names(client_for, wecoop):
    body = client_for(None).get(url("detail", wecoop.pk, lang="en")).content.decode()
    for text in (
        "XI-IATI-EC_INTPA-2016-379586",
        "Closed",  # status 4
        "Planned start",
        "Kazakhstan",
        "Turkmenistan",
        "20&nbsp;%",
        "Environmental policy and administrative management",  # 41010
        "60&nbsp;%",
        "Adaptation",  # policy marker 7
        "principal objective",
        "European Union",
        "Stantec S.A.",
        "Disbursement",
        "WECOOP website",
        "test.xml",  # the source file
    ):
        assert text in body, text


def test_a_text_in_another_language_says_so(client_for, save):
    (project,) = save(
        make_record(
            title={"ru": "Чистый воздух Алматы"},
            descriptions=[{"type": "2", "text": {"ru": "Снизить загрязнение воздуха."}}],
        )
    )
    body = client_for(None).get(url("detail", project.pk, lang="en")).content.decode()
    assert '<h1 id="project-title" lang="ru">Чистый воздух Алматы</h1>' in body
    assert "Shown in Russian: no English text" in body
    assert "Objectives" in body and '<div class="narrative" lang="ru">' in body


def test_the_places_are_on_a_map_and_in_a_list(client_for, save):
    place = {"ref": "", "name": {"en": "Astana", "kk": "Астана"}, "description": {}, "lat": "51.169392",
             "lon": "71.449074", "admin_vocabulary": "", "admin_code": ""}  # fmt: skip
    unplaced = {**place, "name": {"en": "Akmola region"}, "lat": "", "lon": ""}
    (project,) = save(make_record(locations=[place, unplaced]))
    body = client_for(None).get(url("detail", project.pk, lang="kk")).content.decode()
    assert body.count("data-pilot-map") == 1 and '"lat": 51.169392' in body
    assert "Астана" in body and "Akmola region" in body


def test_a_project_without_places_has_no_map(client_for, wecoop):
    assert "data-pilot-map" not in client_for(None).get(url("detail", wecoop.pk)).content.decode()


def test_known_organisations_link_to_their_pages(client_for, save):
    ngo = OrganizationFactory()
    implementer = {"role": "4", "ref": f"KZ-BIN-{ngo.bin}", "type": "22", "name": {"en": "Green Steppe"}}
    funder = {"role": "1", "ref": "XI-IATI-EC_INTPA", "type": "15", "name": {"en": "European Union"}}
    (project,) = save(make_record(participating_orgs=[funder, implementer]))
    body = client_for(None).get(url("detail", project.pk, lang="en")).content.decode()
    with translation.override("en"):
        assert f'<a href="{reverse("organizations:detail", args=[ngo.pk])}" lang="en">Green Steppe</a>' in body
    assert "European Union" in body


def test_related_projects_link_when_they_are_in_the_database(client_for, save):
    parent, _child = save(
        make_record("XM-TEST-PARENT"),
        make_record("XM-TEST-CHILD", related=[{"type": "1", "ref": "XM-TEST-PARENT"}, {"type": "1", "ref": "XM-GONE"}]),
    )
    child = Project.objects.get(identifier="XM-TEST-CHILD")
    body = client_for(None).get(url("detail", child.pk, lang="en")).content.decode()
    assert f'href="{url("detail", parent.pk, lang="en")}"' in body
    assert "XM-GONE" in body


def test_an_edit_shows_at_once(client_for, save, wecoop):
    client = client_for(None)
    assert "WECOOP 2" in client.get(url("detail", wecoop.pk, lang="en")).content.decode()
    save(make_record(title={"en": "WECOOP 3"}, last_updated="2021-01-10T09:00:00+00:00"))
    body = client.get(url("detail", wecoop.pk, lang="en")).content.decode()
    assert "WECOOP 3" in body and "WECOOP 2" not in body


def test_a_missing_project_is_not_found(client_for, db):
    assert client_for(None).get(url("detail", 999999)).status_code == 404


def test_a_project_page_needs_few_queries(client_for, staff, save, django_assert_max_num_queries):
    ngo = OrganizationFactory()
    orgs = [
        {"role": "1", "ref": "XI-IATI-EC_INTPA", "type": "15", "name": {"en": "European Union"}},
        {"role": "4", "ref": f"KZ-BIN-{ngo.bin}", "type": "22", "name": {"en": "Green Steppe"}},
    ]
    related = [{"type": "2", "ref": f"XM-TEST-CHILD-{n}"} for n in range(5)]
    save(*[make_record(f"XM-TEST-CHILD-{n}") for n in range(5)])
    (project,) = save(make_record(participating_orgs=orgs, related=related))
    for who in (None, staff):
        client = client_for(who)
        with django_assert_max_num_queries(15):
            assert client.get(url("detail", project.pk)).status_code == 200


# --- Exports ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("xml", "application/xml"),
    ],
)
def test_the_search_exports_in_three_formats(client_for, three, fmt, content_type):
    response = client_for(None).get(url("export", fmt, lang="en", query="country=UZ"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt != "xlsx":
        assert b"XM-TEST-UZ-AIR" in content and b"XM-TEST-KG-WATER" not in content


def test_a_download_larger_than_the_limit_is_refused_with_the_reason(client_for, three, settings):
    settings.PROJECTDB_EXPORT_MAX = 2
    client = client_for(None)
    response = client.get(url("export", "xml", lang="ru"))
    assert response.status_code == 422
    text = response.content.decode()
    assert "В этом поиске 3 проекта" in text and "не более 2" in text
    # The search page offers no download links then, and says why.
    page = client.get(url("search", lang="en")).content.decode()
    assert "a download holds at most 2" in page and "download>CSV" not in page
    # A narrower search downloads.
    assert client.get(url("export", "csv", lang="en", query="country=UZ")).status_code == 200


def test_a_related_project_is_named_in_the_readers_language(client_for, save):
    titles = {"kk": "Ата жоба", "ru": "Родительский проект", "en": "Parent project"}
    parent, _child = save(
        make_record("XM-TEST-PARENT", title=titles),
        make_record("XM-TEST-CHILD", related=[{"type": "1", "ref": "XM-TEST-PARENT"}]),
    )
    child = Project.objects.get(identifier="XM-TEST-CHILD")
    for language, title in titles.items():
        body = client_for(None).get(url("detail", child.pk, lang=language)).content.decode()
        assert f'href="{url("detail", parent.pk, lang=language)}">{title}</a>' in body
