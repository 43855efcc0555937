"""Reporting in the browser: a member reports on its pilot, the lead consolidates and submits, staff return it
with a comment, the member fixes it, staff approve it and pay the tranche; the public pilot page shows the results."""

# The grant's fixtures are imported to be reused; pytest injects them by name (F811 is that).
# ruff: noqa: F811

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from ecodialogue.implementation import reports
from ecodialogue.implementation.models import Payment, Report

from ..grants.conftest import pdf_upload
from ..implementation.conftest import (  # noqa: F401
    STATEMENT,
    agreement,
    application,
    awarded,
    complete_application,
    consortium,
    interim,
    lead_colleague,
    lead_head,
    lead_ngo,
    network_call,
    part_of,
    partner_head,
    partner_ngo,
    signed,
    starts_on,
)
from .conftest import assert_accessible
from .test_evaluation import signed_in

pytestmark = pytest.mark.django_db(transaction=True)


def submit(page, selector):
    """Click a form's button and wait for the page the server answers with."""
    with page.expect_navigation():
        page.click(selector)


def fill_others(report, *, lead_ngo, lead_head, partner_head, browser_part):
    """Every part except the one the member writes in the browser, complete and with an expenditure."""
    for part in report.parts.select_related("plan"):
        if part.pk == browser_part.pk:
            continue
        actor = lead_head if part.plan.organization_id == lead_ngo.pk else partner_head
        reports.part_save(
            part=part,
            actor=actor,
            data=reports.PartData(
                narrative="Тұрғындармен кездесу өтті", participants=30, women=18, youth=9, ready=True
            ),
        )


def test_a_report_from_the_member_to_the_paid_tranche_and_the_public_page(
    browser, live_server, interim, signed, lead_ngo, partner_ngo, lead_head, partner_head, call_staff, tmp_path
):
    base = live_server.url
    part = part_of(interim, partner_ngo)
    fill_others(interim, lead_ngo=lead_ngo, lead_head=lead_head, partner_head=partner_head, browser_part=part)
    receipt = tmp_path / "чек.pdf"
    receipt.write_bytes(pdf_upload().read())
    spent_on = max(part.plan.starts_on, timezone.localdate() - datetime.timedelta(days=3))

    # The partner NGO reports a payment in tenge with its receipt, then writes its pilot's part and marks it complete.
    member = signed_in(browser, base, partner_head)
    member.goto(f"{base}/kk{part.get_absolute_url()[3:]}")
    line = part.plan.budget_lines.get(item="Семинар")
    member.select_option("#id_exp-line", str(line.pk))
    member.fill("#id_exp-spent_on", spent_on.isoformat())
    member.fill("#id_exp-description", "Семинар залын жалға алу")
    member.select_option("#id_exp-paid_currency", "KZT")
    member.fill("#id_exp-paid_amount", "104 000")
    member.fill("#id_exp-exchange_rate", "520")
    member.set_input_files("#id_exp-receipt", str(receipt))
    submit(member, "form[action$='/expenditures/'] button[type=submit]")
    expenditure = part.expenditures.get()
    assert expenditure.amount == Decimal("200.00")
    member.fill("#id_narrative", "Атбасарда екі кездесу өтті, 12 контейнер орнатылды.")
    member.fill("#id_participants", "52")
    member.fill("#id_women", "31")
    member.fill("#id_youth", "14")
    member.check("#id_ready")
    submit(member, "form.stacked >> button[type=submit] >> nth=0")
    part.refresh_from_db()
    assert (part.participants, part.women, part.ready) == (52, 31, True)
    assert_accessible(member)

    # The lead's head writes the consortium's summary and submits the consolidated report.
    lead = signed_in(browser, base, lead_head)
    lead.goto(f"{base}/kk{interim.get_absolute_url()[3:]}")
    lead.fill("#id_summary", "Төрт пилоттық жоба жоспар бойынша жүріп жатыр.")
    submit(lead, "form[action$='/summary/'] button[type=submit]")
    submit(lead, "form[action$='/submit/'] button[type=submit]")
    assert Report.objects.get(pk=interim.pk).status == "submitted"

    # Staff return it with a comment on the partner's narrative.
    staff = signed_in(browser, base, call_staff)
    staff.goto(f"{base}/kk{interim.get_absolute_url()[3:]}")
    staff.fill(f"[name='c-{part.pk}-narrative']", "Контейнерлер қай көшелерде орнатылғанын көрсетіңіз.")
    submit(staff, "button[name=decision][value=return]")
    assert Report.objects.get(pk=interim.pk).status == "returned"

    # The member reads the comment where it belongs, fixes the part and marks it complete again.
    member.goto(f"{base}/kk{part.get_absolute_url()[3:]}")
    assert "қай көшелерде" in member.content()
    member.fill("#id_narrative", "Атбасарда екі кездесу өтті; 12 контейнер Абай мен Ленин көшелерінде орнатылды.")
    member.check("#id_ready")
    submit(member, "form.stacked >> button[type=submit] >> nth=0")
    assert part.__class__.objects.get(pk=part.pk).ready

    # Submitted again, approved, and the tranche it releases is paid.
    lead.goto(f"{base}/kk{interim.get_absolute_url()[3:]}")
    submit(lead, "form[action$='/submit/'] button[type=submit]")
    staff.goto(f"{base}/kk{interim.get_absolute_url()[3:]}")
    submit(staff, "button[name=decision][value=approve]")
    assert Report.objects.get(pk=interim.pk).status == "approved"
    staff.goto(f"{base}/kk{signed.get_absolute_url()[3:]}")
    tranche = signed.tranches.get(report=interim)
    submit(staff, f"#tranche-{tranche.position} button[type=submit]")
    assert Payment.objects.get(tranche=tranche).amount == Decimal("4400.00")

    # Anyone reads the pilot's results on its public page.
    visitor = browser.new_page()
    visitor.goto(f"{base}/kk/pilots/{part.plan_id}/")
    text = visitor.content()
    assert "52" in text and part.plan.title in text
    assert partner_head.email not in text and partner_head.full_name not in text
    assert_accessible(visitor)
