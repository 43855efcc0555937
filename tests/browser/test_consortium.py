"""A lead NGO forms a consortium for an open call, invites a partner, and the partner accepts."""

import re

import pytest

from ecodialogue.grants.models import ConsortiumMember

from ..grants.test_consortia import ngo_with_head
from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, base, user):
    page.goto(f"{base}/kk/account/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", "correct horse battery")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_lead_forms_a_consortium_and_a_partner_accepts(browser, live_server, open_call):
    base = live_server.url
    lead, lead_head = ngo_with_head(name_kk="«Жасыл Атбасар» қоғамдық бірлестігі")
    partner, partner_head = ngo_with_head(name_kk="«Ақсу жастары» қоғамдық бірлестігі")

    lead_page = browser.new_context(locale="kk-KZ").new_page()
    sign_in(lead_page, base, lead_head)
    lead_page.goto(f"{base}/kk/calls/{open_call.code}/")
    assert_accessible(lead_page)
    lead_page.click("section[aria-labelledby=form-title] button[type=submit]")
    lead_page.wait_for_url(re.compile(r"/kk/consortia/\d+/$"))
    lead_page.fill("input[name=query]", "ақсу")
    lead_page.click("section[aria-labelledby=invite-title] form[method=get] button")
    lead_page.click(f"form:has(input[name=organization][value='{partner.pk}']) button")
    lead_page.wait_for_load_state()
    assert_accessible(lead_page)
    member = ConsortiumMember.objects.get(organization=partner)
    assert member.status == "invited"

    partner_page = browser.new_context(locale="kk-KZ").new_page()
    sign_in(partner_page, base, partner_head)
    partner_page.goto(f"{base}{member.consortium.get_absolute_url()}")
    partner_page.click("button[name=decision][value=accept]")
    partner_page.wait_for_load_state()
    member.refresh_from_db()
    assert member.status == "accepted"
