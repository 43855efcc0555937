"""The whole application journey in the browser: a lead forms a consortium, two NGOs accept, every member
fills its pilot project, the documents are uploaded, the checklist turns green, the lead submits, and the
receipt e-mail arrives. On the way, a dropped connection loses nothing that was typed."""

import re

import pytest
from django.core import mail

from ecodialogue.grants.models import Application, ConsortiumMember, Submission

from ..grants.test_consortia import ngo_with_head
from ..organizations.pdfs import minimal_pdf
from .conftest import assert_accessible
from .test_consortium import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PLACES = {"lead": "113820100", "lead-2": "117020100", "aksu": "333233100", "taldykorgan": "331010000"}


def new_page(browser):
    page = browser.new_context(locale="kk-KZ").new_page()
    page.set_default_timeout(15_000)
    return page


def version(page) -> int:
    return int(page.locator("#form-version").input_value())


def wait_saved(page, before: int) -> None:
    """The autosave has answered: the form carries a newer version than `before`."""
    page.wait_for_function(f"Number(document.querySelector('#form-version').value) > {before}")


def invite(page, organization):
    page.fill("input[name=query]", organization.name_kk.split("«")[1].split("»")[0])
    page.click("section[aria-labelledby=invite-title] form[method=get] button")
    page.click(f"form:has(input[name=organization][value='{organization.pk}']) button")
    page.wait_for_load_state()


def accept(browser, base, head, consortium_url):
    page = new_page(browser)
    sign_in(page, base, head)
    page.goto(f"{base}{consortium_url}")
    page.click("button[name=decision][value=accept]")
    page.wait_for_load_state()
    return page


def add_and_fill_pilot(page, base, application, organization, place, *, autosave: bool):
    page.goto(f"{base}{application.get_absolute_url()}")
    page.select_option("#pilot-organization", str(organization.pk))
    page.click("form[action$='/pilots/'] button[type=submit]")
    page.wait_for_url(re.compile(r"/pilots/\d+/$"))
    before = version(page)
    page.fill("#id_title", f"Қалдықтарды бөлек жинау: {organization.name_kk}")
    page.fill("#id_settlement", place)
    for field, text in {
        "problem": "Ауылда қалдықтар бөлінбей, заңсыз үйіндіге төгіледі.",
        "goals": "Пластик пен қағазды бөлек жинауды енгізу.",
        "expected_results": "Қалдықтардың үштен бірі қайта өңделеді.",
        "target_groups": "Тұрғындар, мектеп оқушылары, әйелдер кеңесі.",
        "cooperation": "Ауылдық округ әкімі контейнер алаңын бөледі.",
        "team": "Үйлестіруші және екі волонтер.",
        "risks": "Тұрғындардың қызығушылығы төмен: ақпараттық кездесулер.",
        "sustainability": "Контейнерлерді әкімдік күтіп ұстайды.",
    }.items():
        page.fill(f"#id_{field}", text)
    page.fill("#id_participants", "200")
    page.fill("#id_women", "120")
    page.fill("#id_youth", "70")
    page.fill("#ind-0-name", "Бөлек жиналған қалдықтар")
    page.fill("#ind-0-unit", "тонна")
    page.fill("#ind-0-target", "5")
    page.fill("#act-0-title", "Тұрғындармен кездесу")
    page.fill("#act-0-start_month", "1")
    page.fill("#act-0-end_month", "1")
    page.fill("#act-1-title", "Контейнерлер орнату")
    page.fill("#act-1-start_month", "2")
    page.fill("#act-1-end_month", "6")
    page.select_option("#line-0-category", "events")
    page.fill("#line-0-item", "Семинар")
    page.fill("#line-0-quantity", "2")
    page.fill("#line-0-unit_cost", "375")
    # A third line through "Add a row" (the page shows two empty rows; JavaScript adds more).
    page.click("button[data-add-row=line]")
    page.fill("#line-1-item", "Контейнер")
    page.select_option("#line-1-category", "infrastructure")
    page.fill("#line-1-quantity", "4")
    page.fill("#line-1-unit_cost", "500")
    assert page.locator("#line-1-unit_cost >> xpath=../..").locator("[data-line-total]").inner_text() == "2000.00"
    page.check("#id_eu_declaration")
    if autosave:
        wait_saved(page, before)
        page.wait_for_timeout(2000)  # the last keystrokes' save
        page.wait_for_load_state("networkidle")
    else:
        page.click("#app-form button[type=submit]:not([name])")
        page.wait_for_load_state()
    assert_accessible(page)


def upload_all(page, base, application, tmp_path):
    document = tmp_path / "signed.pdf"
    document.write_bytes(minimal_pdf())
    page.goto(f"{base}{application.get_absolute_url()}")
    while True:
        # Each upload reloads the page; upload into the first required slot still empty.
        slot = page.locator("table.documents tr:has(.badge.warn):has(input[type=file])").filter(
            has_not=page.locator("a[href*='/documents/']")
        )
        if slot.count() == 0:
            break
        slot.first.locator("input[type=file]").set_input_files(str(document))
        slot.first.locator("button[type=submit]").click()
        page.wait_for_load_state()


def test_a_consortium_applies_from_forming_to_the_receipt(browser, live_server, open_call, kato, tmp_path):
    base = live_server.url
    lead, lead_head = ngo_with_head(name_kk="«Жасыл Атбасар» қоғамдық бірлестігі")
    first, first_head = ngo_with_head(name_kk="«Ақсу жастары» қоғамдық бірлестігі")
    second, second_head = ngo_with_head(name_kk="«Таза Талдықорған» қоғамдық қоры")

    # The lead forms the consortium and invites two NGOs from the directory; both accept.
    lead_page = new_page(browser)
    sign_in(lead_page, base, lead_head)
    lead_page.goto(f"{base}/kk/calls/{open_call.code}/")
    lead_page.click("section[aria-labelledby=form-title] button[type=submit]")
    lead_page.wait_for_url(re.compile(r"/kk/consortia/\d+/$"))
    consortium_url = lead_page.url.removeprefix(base)
    invite(lead_page, first)
    invite(lead_page, second)
    first_page = accept(browser, base, first_head, consortium_url)
    second_page = accept(browser, base, second_head, consortium_url)
    assert ConsortiumMember.objects.filter(status="accepted").count() == 3

    # The lead starts the application in Kazakh and fills the lead form: it saves itself.
    lead_page.goto(f"{base}{consortium_url}")
    lead_page.select_option("select[name=language]", "kk")
    lead_page.click("form[action$='/application/'] button[type=submit]")
    lead_page.wait_for_url(re.compile(r"/kk/applications/\d+/$"))
    assert_accessible(lead_page)
    application = Application.objects.get()
    lead_page.goto(f"{base}/kk/applications/{application.pk}/lead/")
    before = version(lead_page)
    for field in ("summary", "coherence", "coordination", "team_experience"):
        lead_page.fill(f"#id_{field}", f"Консорциумның {field} бөлімі: толық мәтін.")
    wait_saved(lead_page, before)

    # The connection drops while the last field is typed: the text stays in the browser and is saved later.
    lead_page.route("**/lead/", lambda route: route.abort() if route.request.method == "POST" else route.continue_())
    lead_page.fill("#id_sustainability", "Нәтижелер әкімдіктің бағдарламасына енеді.")
    lead_page.wait_for_timeout(2500)
    lead_page.unroute("**/lead/")
    application.refresh_from_db()
    assert application.sustainability == ""
    before = version(lead_page)
    lead_page.reload()
    assert lead_page.locator("#id_sustainability").input_value() == "Нәтижелер әкімдіктің бағдарламасына енеді."
    wait_saved(lead_page, before)
    application.refresh_from_db()
    assert application.sustainability == "Нәтижелер әкімдіктің бағдарламасына енеді."

    # Every member fills its own pilot project; the lead has two.
    add_and_fill_pilot(lead_page, base, application, lead, PLACES["lead"], autosave=True)
    add_and_fill_pilot(lead_page, base, application, lead, PLACES["lead-2"], autosave=False)
    add_and_fill_pilot(first_page, base, application, first, PLACES["aksu"], autosave=True)
    add_and_fill_pilot(second_page, base, application, second, PLACES["taldykorgan"], autosave=False)
    assert sorted(p.budget_total for p in application.pilots.all()) == [2750] * 4

    # Each member uploads its documents; the lead uploads the memorandum too.
    for page in (first_page, second_page, lead_page):
        upload_all(page, base, application, tmp_path)

    lead_page.goto(f"{base}{application.get_absolute_url()}")
    assert lead_page.locator("#checklist li.fail").count() == 0
    assert lead_page.locator("#checklist li.ok").count() >= 15
    assert_accessible(lead_page)
    mail.outbox.clear()
    lead_page.click("form[action$='/submit/'] button[type=submit]")
    lead_page.wait_for_url(re.compile(r"/receipts/1/$"))
    submission = Submission.objects.get()
    assert submission.sha256 in lead_page.content()
    assert_accessible(lead_page)
    receipts = [m for m in mail.outbox if submission.number in m.subject]
    assert {m.to[0] for m in receipts} >= {lead_head.email, first_head.email, second_head.email}
    assert all(submission.sha256 in m.body for m in receipts)


def test_an_unsaved_copy_never_overwrites_newer_text_silently(browser, live_server, open_call, kato):
    """Typed while offline, then a colleague saves: back online, the person is asked, not overwritten."""
    from ecodialogue.grants import applications, consortia
    from ecodialogue.organizations.models import Membership

    from ..factories import MembershipFactory, UserFactory

    base = live_server.url
    lead, lead_head = ngo_with_head()
    partner, partner_head = ngo_with_head()
    colleague = UserFactory()
    MembershipFactory(organization=lead, user=colleague, role=Membership.Role.MEMBER)
    consortium = consortia.consortium_create(call=open_call, lead=lead, actor=lead_head)
    member = consortia.consortium_invite(consortium=consortium, organization=partner, actor=lead_head)
    consortia.consortium_respond(member=member, actor=partner_head, accept=True)
    application = applications.application_start(consortium=consortium, actor=lead_head, language="kk")

    page = new_page(browser)
    sign_in(page, base, lead_head)
    url = f"{base}/kk/applications/{application.pk}/lead/"
    page.goto(url)
    page.route("**/lead/", lambda route: route.abort() if route.request.method == "POST" else route.continue_())
    page.fill("#id_summary", "Жолда жоғалған мәтін")
    page.wait_for_timeout(2500)
    page.unroute("**/lead/")
    applications.application_save_lead_form(
        application=application, actor=colleague, data={"summary": "Әріптестің жаңа мәтіні"}, version=1
    )
    page.reload()
    assert page.locator("#id_summary").input_value() == "Әріптестің жаңа мәтіні"  # nothing put back by itself
    assert page.locator("form#app-form .message.warning button").count() == 2
    page.click("form#app-form .message.warning button:nth-of-type(2)")  # discard
    page.reload()
    assert page.locator("form#app-form .message.warning").count() == 0
    application.refresh_from_db()
    assert application.summary == "Әріптестің жаңа мәтіні"
