"""A newcomer's journey: sign up, verify the e-mail, register the NGO, invite a colleague."""

import re

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from ecodialogue.organizations.models import Invitation, Organization

from ..factories import next_bin
from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_newcomer_registers_an_ngo_and_invites_a_colleague(page, live_server, kato):
    base = live_server.url
    page.goto(f"{base}/kk/")
    assert page.get_attribute("html", "lang") == "kk"
    assert_accessible(page)

    # Sign up (in Kazakh) and verify the e-mail with the link from the outbox.
    page.goto(f"{base}/kk/account/signup/")
    page.fill("input[name=full_name]", "Гүлнар Сейітқали")
    page.fill("input[name=email]", "gulnar@example.kz")
    page.fill("input[name=password1]", "Zhasyl-dala-2026")
    page.fill("input[name=password2]", "Zhasyl-dala-2026")
    page.click("form[action*='signup'] button[type=submit]")
    page.wait_for_url(re.compile(r"/kk/account/confirm-email/"))
    link = re.search(r"https?://\S+/confirm-email/\S+", mail.outbox[-1].body).group(0)
    page.goto(base + "/" + link.split("/", 3)[3])
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/kk/organisations/mine/"))

    # Register the organisation with a mistyped BIN: the error is in Kazakh and the typed name stays.
    page.goto(f"{base}/kk/organisations/new/")
    assert_accessible(page)
    page.select_option("select[name=kind]", "ngo")
    page.fill("input[name=name_kk]", "«Жасыл дала» қоғамдық бірлестігі")
    page.fill("input[name=name_ru]", "Общественное объединение «Зелёная степь»")
    page.fill("input[name=bin]", "940140000386")
    page.fill("#settlement-search", "атбас")
    page.click("button.option[data-code='113820100']")
    assert page.input_value("input[name=settlement]") == "113820100"
    page.click("form.stacked button[type=submit]")
    with translation.override("kk"):
        expected = gettext("The BIN is mistyped: its last (check) digit does not match.")
    assert page.locator(".errorlist", has_text=expected).is_visible()
    assert page.input_value("input[name=name_kk]") == "«Жасыл дала» қоғамдық бірлестігі"
    assert not Organization.objects.exists()

    # Fix the BIN: the organisation is registered and its page opens.
    correct = next_bin()
    page.fill("input[name=bin]", correct)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(re.compile(r"/kk/organisations/\d+/$"))
    organization = Organization.objects.get(bin=correct)
    assert organization.settlement_id == "113820100"

    # Invite a colleague by e-mail.
    page.goto(f"{base}/kk/organisations/{organization.pk}/people/")
    assert_accessible(page)
    page.fill("input[name=email]", "colleague@example.kz")
    page.select_option("select[name=language]", "ru")
    page.click("section[aria-labelledby=invite-title] button[type=submit]")
    page.wait_for_url(re.compile(r"/people/$"))
    assert Invitation.objects.get(organization=organization).email == "colleague@example.kz"
    assert mail.outbox[-1].to == ["colleague@example.kz"] and "/ru/invitations/" in mail.outbox[-1].body

    # The organisation appears in the public directory.
    page.goto(f"{base}/kk/organisations/?q=жасыл")
    assert page.locator(".org-item h2", has_text="«Жасыл дала» қоғамдық бірлестігі").is_visible()
    assert_accessible(page)


def test_language_switcher_keeps_the_page(page, live_server, kato):
    page.goto(f"{live_server.url}/kk/organisations/?q=test")
    page.click(".lang-switch button[value=ru]")
    page.wait_for_url(re.compile(r"/ru/organisations/\?q=test"))
    assert page.get_attribute("html", "lang") == "ru"
    page.click(".lang-switch button[value=en]")
    page.wait_for_url(re.compile(r"/en/organisations/"))
    assert page.get_attribute("html", "lang") == "en"
