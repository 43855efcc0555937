"""Report pages for everyone who may or may not use them: members write, the lead submits, staff review.

The story: the agreement is signed a month into implementation, so the interim report has a part per
pilot (two pilots of the lead NGO, two of the partner). The partner writes its own pilot's part, the
lead's colleague may write any part, only the lead's head submits; the call's staff return it with
comments per section or approve it, and an approved report no longer changes.
"""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse as reverse_in_language
from django.utils import timezone, translation
from PIL import Image
from weasyprint import HTML

from ecodialogue.implementation import reports
from ecodialogue.implementation.models import (
    ActivityProgress,
    Agreement,
    AuthorityDecision,
    Expenditure,
    Output,
    PilotReport,
    Report,
    ReportComment,
)
from ecodialogue.implementation.reports import PartData

from .conftest import STATEMENT, part_of, pdf_upload

pytestmark = pytest.mark.django_db

ANON, OUTSIDER, PARTNER, LEAD_MEMBER, LEAD_HEAD, CALL_STAFF, OTHER_STAFF = (
    "anonymous", "outsider", "partner", "lead member", "lead head", "call staff", "other staff",
)  # fmt: skip
FROZEN = "An approved report no longer changes."


@pytest.fixture(autouse=True)
def _private_files(monkeypatch, tmp_path):
    """Receipts, materials and documents go to a temporary folder (their fields resolved the storage at import)."""
    storage = FileSystemStorage(location=tmp_path / "private-reports")
    for model, name in (
        (Expenditure, "receipt"),
        (Output, "file"),
        (AuthorityDecision, "document"),
        (Agreement, "signed_file"),
    ):
        monkeypatch.setattr(model._meta.get_field(name), "storage", storage)


@pytest.fixture
def people(outsider, partner_head, lead_colleague, lead_head, call_staff, staff):
    return {
        ANON: None, OUTSIDER: outsider, PARTNER: partner_head, LEAD_MEMBER: lead_colleague, LEAD_HEAD: lead_head,
        CALL_STAFF: call_staff, OTHER_STAFF: staff,
    }  # fmt: skip


@pytest.fixture
def lead_part(interim, lead_ngo):
    return part_of(interim, lead_ngo)


@pytest.fixture
def partner_part(interim, partner_ngo):
    return part_of(interim, partner_ngo)


# --- Files and rows, made here ----------------------------------------------


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 110, 60)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def material_pdf(body: str, name: str = "booklet.pdf") -> SimpleUploadedFile:
    """A booklet rendered by WeasyPrint in DejaVu Sans, as the platform renders its own PDFs."""
    html = f'<html lang="kk"><body style="font-family: \'DejaVu Sans\'">{body}</body></html>'
    return SimpleUploadedFile(name, HTML(string=html).write_pdf(), content_type="application/pdf")


def docx_upload(name: str = "leaflet.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Парақша</w:t></w:r></w:p></w:body></w:document>',
        )
    return SimpleUploadedFile(name, buffer.getvalue())


def line_of(part, category: str):
    return part.plan.budget_lines.get(category__code=category)


def in_period(part, days: int = 3) -> datetime.date:
    return part.plan.starts_on + datetime.timedelta(days=days)


def fill(part, actor, **overrides) -> PilotReport:
    values = {"narrative": "Тұрғындармен үш кездесу өтті.", "participants": 120, "women": 70, "youth": 30,
              "events_held": 3, "ready": True, **overrides}  # fmt: skip
    return reports.part_save(part=part, actor=actor, data=PartData(**values))


def add_rows(part, actor) -> None:
    """A part with something in every section: two activities, two payments, a photo, a decision, an indicator."""
    for offset, title in ((1, "Тұрғындармен кездесу"), (5, "Мектептегі сабақ")):
        reports.activity_progress_add(
            part=part, actor=actor, title=title, done_from=in_period(part, offset), done_to=in_period(part, offset)
        )
    for currency, amount, rate in (("EUR", Decimal("200"), None), ("KZT", Decimal("51000"), Decimal("510"))):
        reports.expenditure_add(
            part=part, actor=actor, line_id=line_of(part, "events").pk, spent_on=in_period(part),
            description="Семинар залы", paid_currency=currency, paid_amount=amount, exchange_rate=rate,
            upload=pdf_upload("чек.pdf"),
        )  # fmt: skip
    reports.output_add(part=part, actor=actor, kind="photo", title="Кездесу", upload=png_upload())
    reports.decision_add(
        part=part, actor=actor, authority="akimat", title="Контейнер алаңы туралы", number="12",
        adopted_on=in_period(part, 10), upload=pdf_upload("шешім.pdf"),
    )  # fmt: skip
    indicator = part.plan.indicators.first()
    fill(part, actor, actuals={indicator.pk: Decimal("1.5")})


def complete(report, lead_head, partner_head, lead_ngo) -> Report:
    """Every part complete and the summary written: ready to submit."""
    for part in report.parts.select_related("plan"):
        fill(part, lead_head if part.plan.organization_id == lead_ngo.pk else partner_head)
    return reports.report_summary_save(report=report, actor=lead_head, summary="Төрт пилот жоспар бойынша жүріп жатыр.")


@pytest.fixture
def submitted(interim, lead_head, partner_head, lead_ngo):
    complete(interim, lead_head, partner_head, lead_ngo)
    return reports.report_submit(report=interim, actor=lead_head)


def reverse(name: str, args) -> str:
    """The English page: the tests read the platform's own words, whatever the catalogs translate."""
    with translation.override("en"):
        return reverse_in_language(name, args=args)


def url(name: str, report, part=None, row=None) -> str:
    args = [report.pk] + ([part.pk] if part is not None else []) + ([row.pk] if row is not None else [])
    return reverse(f"implementation:{name}", args)


def page(response) -> str:
    return response.content.decode()


# --- Who reads what ---------------------------------------------------------

READ = {
    ANON: 302, OUTSIDER: 404, OTHER_STAFF: 404, PARTNER: 200, LEAD_MEMBER: 200, LEAD_HEAD: 200, CALL_STAFF: 200,
}  # fmt: skip


def test_who_reads_the_report_a_part_and_its_files(client_for, people, interim, partner_part, partner_head):
    add_rows(partner_part, partner_head)
    addresses = (
        url("report-detail", interim),
        url("pilot-report", interim, partner_part),
        url("expenditure-receipt", interim, partner_part, partner_part.expenditures.first()),
        url("output-file", interim, partner_part, partner_part.outputs.first()),
        url("decision-document", interim, partner_part, partner_part.decisions.first()),
    )
    for who, status in READ.items():
        client = client_for(people[who])
        for address in addresses:
            response = client.get(address)
            assert response.status_code == status, (who, address)
            if status == 302:
                assert "/account/login/" in response["Location"]


def test_a_part_of_another_report_is_not_found(client_for, lead_head, signed, interim, lead_part):
    final = signed.reports.get(sequence=2)
    assert client_for(lead_head).get(url("pilot-report", final, lead_part)).status_code == 404


POST_ONLY = ["report-summary", "report-submit", "report-review", "output-confirm", "part-activity-add",
             "part-activity-remove", "part-expenditure-add", "part-expenditure-remove", "part-output-add",
             "part-output-remove", "part-decision-add", "part-decision-remove"]  # fmt: skip


def test_the_endpoints_that_change_something_refuse_a_get(client_for, lead_head, interim, lead_part):
    client = client_for(lead_head)
    for name in POST_ONLY:
        if name.startswith("part-"):
            args = [interim.pk, lead_part.pk, *([1] if name.endswith("-remove") else [])]
        else:
            args = [interim.pk, *([1] if name == "output-confirm" else [])]
        assert client.get(reverse(f"implementation:{name}", args=args)).status_code == 405, name


# --- Who writes what ----------------------------------------------------------

PART_FORM = {"narrative": "Ауылда екі кездесу өтті.", "participants": "80", "women": "50", "youth": "20"}


def test_the_leads_pilot_part_is_written_by_the_lead_ngo_only(client_for, people, interim, lead_part):
    for who, status in ((OUTSIDER, 404), (OTHER_STAFF, 404), (PARTNER, 403), (CALL_STAFF, 403)):
        assert client_for(people[who]).post(url("pilot-report", interim, lead_part), PART_FORM).status_code == status
        lead_part.refresh_from_db()
        assert lead_part.participants is None, who
    for who in (LEAD_MEMBER, LEAD_HEAD):
        form = {**PART_FORM, "participants": str(100 + len(who))}
        assert client_for(people[who]).post(url("pilot-report", interim, lead_part), form).status_code == 302
        lead_part.refresh_from_db()
        assert lead_part.participants == 100 + len(who)


def test_the_partner_writes_its_own_pilots_part(client_for, partner_head, interim, partner_part):
    client = client_for(partner_head)
    response = client.post(url("pilot-report", interim, partner_part), {**PART_FORM, "ready": "on"})
    assert response.status_code == 302 and response["Location"].endswith("#part")
    partner_part.refresh_from_db()
    assert (partner_part.participants, partner_part.women, partner_part.ready) == (80, 50, True)
    assert "The part is saved." in page(client.get(response["Location"]))


def test_the_partner_reads_the_leads_part_without_a_form(client_for, partner_head, lead_head, interim, lead_part):
    add_rows(lead_part, lead_head)
    body = page(client_for(partner_head).get(url("pilot-report", interim, lead_part)))
    assert "Семинар залы" in body and "Контейнер алаңы туралы" in body
    assert 'name="narrative"' not in body and "part-activity-add" not in body and "remove" not in body


def test_the_summary_is_written_by_the_lead_ngo(client_for, people, interim):
    for who, status in ((OUTSIDER, 404), (PARTNER, 403), (CALL_STAFF, 403), (LEAD_MEMBER, 302), (LEAD_HEAD, 302)):
        text = f"Консорциумның қорытындысы ({who})"
        assert client_for(people[who]).post(url("report-summary", interim), {"summary": text}).status_code == status
        interim.refresh_from_db()
        assert (interim.summary == text) is (status == 302), who


def test_only_the_head_of_the_lead_ngo_submits(client_for, people, interim, lead_head, partner_head, lead_ngo):
    complete(interim, lead_head, partner_head, lead_ngo)
    for who, status in ((OUTSIDER, 404), (PARTNER, 403), (LEAD_MEMBER, 403), (CALL_STAFF, 403), (LEAD_HEAD, 302)):
        assert client_for(people[who]).post(url("report-submit", interim)).status_code == status
        interim.refresh_from_db()
        assert (interim.status == Report.Status.SUBMITTED) is (status == 302), who


def test_an_incomplete_report_is_not_submitted_and_the_checklist_says_why(client_for, lead_head, interim, lead_part):
    client = client_for(lead_head)
    response = client.post(url("report-submit", interim), follow=True)
    body = page(response)
    assert "Write the consortium&#x27;s summary." in body
    interim.refresh_from_db()
    assert interim.status == Report.Status.DRAFT
    # The checklist links each problem to where it is fixed.
    assert f'href="{url("report-detail", interim)}#summary"' in body
    assert f'href="{url("pilot-report", interim, lead_part)}"' in body


def test_the_lead_head_submits_a_complete_report(client_for, lead_head, partner_head, lead_ngo, interim, mailoutbox):
    complete(interim, lead_head, partner_head, lead_ngo)
    client = client_for(lead_head)
    assert "Every part is complete and the summary is written" in page(client.get(url("report-detail", interim)))
    response = client.post(url("report-submit", interim), follow=True)
    assert "The report is submitted." in page(response)
    interim.refresh_from_db()
    assert interim.status == Report.Status.SUBMITTED and interim.submitted_by == lead_head


# --- Staff's review -------------------------------------------------------------


def test_only_the_calls_staff_review(client_for, people, submitted):
    for who, status in ((OUTSIDER, 404), (OTHER_STAFF, 404), (PARTNER, 403), (LEAD_HEAD, 403), (CALL_STAFF, 302)):
        response = client_for(people[who]).post(url("report-review", submitted), {"decision": "approve"})
        assert response.status_code == status
        submitted.refresh_from_db()
        assert (submitted.status == Report.Status.APPROVED) is (status == 302), who


def test_staff_see_the_review_form_with_a_box_per_section(client_for, call_staff, lead_head, submitted):
    body = page(client_for(call_staff).get(url("report-detail", submitted)))
    assert 'name="c-summary"' in body
    for part in submitted.parts.all():
        for section in ("narrative", "activities", "indicators", "expenditure", "outputs", "decisions"):
            assert f'name="c-{part.pk}-{section}"' in body
    assert 'value="return"' in body and 'value="approve"' in body
    assert 'name="c-summary"' not in page(client_for(lead_head).get(url("report-detail", submitted)))


def test_staff_return_the_report_with_comments_per_section(
    client_for, call_staff, lead_head, partner_head, submitted, lead_part, partner_part
):
    response = client_for(call_staff).post(
        url("report-review", submitted),
        {
            "decision": "return",
            "c-summary": "Қорытындыда нәтижелер жоқ.",
            f"c-{lead_part.pk}-expenditure": "Чек оқылмайды.",
            f"c-{partner_part.pk}-narrative": "Кездесулердің күндерін жазыңыз.",
            f"c-{partner_part.pk}-outputs": "",
        },
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Report.Status.RETURNED and submitted.round == 2
    comments = {(c.part_id, c.section): c.text for c in ReportComment.objects.filter(report=submitted)}
    assert comments == {
        (None, "summary"): "Қорытындыда нәтижелер жоқ.",
        (lead_part.pk, "expenditure"): "Чек оқылмайды.",
        (partner_part.pk, "narrative"): "Кездесулердің күндерін жазыңыз.",
    }
    # The NGOs read each comment where it belongs: by round on the report, at its section on the part.
    overview = page(client_for(lead_head).get(url("report-detail", submitted)))
    assert "Round 1" in overview and "Чек оқылмайды." in overview
    part_page = page(client_for(partner_head).get(url("pilot-report", submitted, partner_part)))
    narrative, _rest = part_page.split('id="activities"', 1)
    assert "Кездесулердің күндерін жазыңыз." in narrative
    assert 'name="narrative"' in part_page  # writable again


def test_a_return_without_any_comment_is_refused_and_nothing_changes(client_for, call_staff, submitted):
    response = client_for(call_staff).post(url("report-review", submitted), {"decision": "return", "c-summary": " "})
    assert response.status_code == 422
    assert "Write at least one comment saying what to change." in page(response)
    submitted.refresh_from_db()
    assert submitted.status == Report.Status.SUBMITTED


def test_approval_freezes_the_report(client_for, call_staff, lead_head, submitted, lead_part, mailoutbox):
    client = client_for(call_staff)
    response = client.post(url("report-review", submitted), {"decision": "approve", "note": "Жақсы есеп."})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Report.Status.APPROVED and len(submitted.sha256) == 64
    body = page(client.get(url("report-detail", submitted)))
    assert "approved and frozen" in body and submitted.sha256 in body and 'name="c-summary"' not in body

    # Any later edit answers with the frozen message and changes nothing.
    lead = client_for(lead_head)
    before = PilotReport.objects.get(pk=lead_part.pk).narrative
    saved = lead.post(url("pilot-report", submitted, lead_part), {**PART_FORM, "narrative": "Кейін өзгерту"})
    assert saved.status_code == 409 and FROZEN in page(saved)
    assert PilotReport.objects.get(pk=lead_part.pk).narrative == before
    added = lead.post(
        url("part-activity-add", submitted, lead_part),
        {"act-title": "Кеш", "act-done_from": in_period(lead_part).isoformat(),
         "act-done_to": in_period(lead_part).isoformat()},
    )  # fmt: skip
    assert added.status_code == 409 and FROZEN in page(added)
    assert not ActivityProgress.objects.filter(part=lead_part).exists()
    summary = lead.post(url("report-summary", submitted), {"summary": "Басқа"})
    assert summary.status_code == 409 and FROZEN in page(summary)
    submitted.refresh_from_db()
    assert submitted.summary != "Басқа"
    # The page itself no longer offers a form.
    assert 'name="narrative"' not in page(lead.get(url("pilot-report", submitted, lead_part)))


def test_a_row_of_an_approved_report_is_not_removed(client_for, call_staff, lead_head, partner_head, lead_ngo, interim):
    lead_part = part_of(interim, lead_ngo)
    add_rows(lead_part, lead_head)
    complete(interim, lead_head, partner_head, lead_ngo)
    reports.report_submit(report=interim, actor=lead_head)
    reports.report_approve(report=interim, actor=call_staff)
    expenditure = lead_part.expenditures.first()
    response = client_for(lead_head).post(url("part-expenditure-remove", interim, lead_part, expenditure), follow=True)
    assert FROZEN in page(response)
    assert Expenditure.objects.filter(pk=expenditure.pk).exists()


def test_a_part_typed_after_the_submission_is_refused_with_the_text_kept(
    client_for, lead_colleague, submitted, lead_part
):
    """The colleague's tab was open when the head submitted: the save is refused, the text stays on the page."""
    response = client_for(lead_colleague).post(
        url("pilot-report", submitted, lead_part), {**PART_FORM, "narrative": "Кешігіп жазылған мәтін"}
    )
    assert response.status_code == 409
    body = page(response)
    assert "The report is with staff; it can be changed if they return it." in body and "Кешігіп жазылған мәтін" in body
    lead_part.refresh_from_db()
    assert lead_part.narrative != "Кешігіп жазылған мәтін"


# --- The part's form: what was typed is never lost ------------------------------


def test_women_more_than_the_total_are_refused_and_the_typed_values_stay(
    client_for, partner_head, interim, partner_part
):
    response = client_for(partner_head).post(
        url("pilot-report", interim, partner_part),
        {"narrative": "Біздің мәтін", "participants": "40", "women": "55", "youth": "10"},
    )
    assert response.status_code == 422
    body = page(response)
    assert "Women cannot be more than the people involved in total." in body
    assert 'value="55"' in body and 'value="40"' in body and "Біздің мәтін" in body
    partner_part.refresh_from_db()
    assert partner_part.participants is None and partner_part.narrative == ""


def test_a_half_typed_number_is_marked_and_the_rest_is_saved(client_for, partner_head, interim, partner_part):
    fill(partner_part, partner_head, events_held=3, ready=False)
    response = client_for(partner_head).post(
        url("pilot-report", interim, partner_part),
        {"narrative": "Жаңа мәтін", "participants": "1 200", "women": "600", "events_held": "4 іс-ш", "ready": "on"},
    )
    assert response.status_code == 422
    body = page(response)
    assert "“4 іс-ш” is not a whole number." in body and 'value="4 іс-ш"' in body
    partner_part.refresh_from_db()
    # The rest is saved; the number that did not parse keeps its saved value, and the part is not complete.
    assert (partner_part.narrative, partner_part.participants, partner_part.women) == ("Жаңа мәтін", 1200, 600)
    assert partner_part.events_held == 3 and partner_part.ready is False


def test_each_plan_indicator_is_reported_next_to_its_target(client_for, partner_head, interim, partner_part):
    indicator = partner_part.plan.indicators.get()
    client = client_for(partner_head)
    body = page(client.get(url("pilot-report", interim, partner_part)))
    assert indicator.name in body and f'name="indicator-{indicator.pk}"' in body
    client.post(url("pilot-report", interim, partner_part), {**PART_FORM, f"indicator-{indicator.pk}": "2,5"})
    assert partner_part.indicator_actuals.get().value == Decimal("2.50")


# --- Rows of a part: activities, expenditure, outputs, decisions --------------


def test_an_activity_is_added_and_removed(client_for, lead_colleague, interim, partner_part):
    """The lead's colleague may write the partner's part too: the lead NGO consolidates."""
    planned = partner_part.plan.activities.first()
    client = client_for(lead_colleague)
    day = planned.starts_on.isoformat()
    response = client.post(
        url("part-activity-add", interim, partner_part),
        {"act-activity": planned.pk, "act-done_from": day, "act-done_to": day, "act-note": "30 адам келді"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#activities")
    row = partner_part.activities.get()
    assert row.title == planned.title and row.activity == planned
    removed = client.post(url("part-activity-remove", interim, partner_part, row))
    assert removed.status_code == 302 and not partner_part.activities.exists()


def test_an_activity_outside_the_implementation_period_is_refused(client_for, partner_head, interim, partner_part):
    before = (partner_part.plan.starts_on - datetime.timedelta(days=5)).isoformat()
    response = client_for(partner_head).post(
        url("part-activity-add", interim, partner_part),
        {"act-title": "Алдын ала кездесу", "act-done_from": before, "act-done_to": before},
    )
    assert response.status_code == 422
    body = page(response)
    assert "The dates must fall inside the implementation period" in body and "Алдын ала кездесу" in body
    assert not partner_part.activities.exists()


def test_the_partner_may_not_add_to_the_leads_part(client_for, partner_head, interim, lead_part):
    day = in_period(lead_part).isoformat()
    response = client_for(partner_head).post(
        url("part-activity-add", interim, lead_part), {"act-title": "Жоқ", "act-done_from": day, "act-done_to": day}
    )
    assert response.status_code == 403


def expenditure_form(part, **overrides) -> dict:
    return {
        "exp-line": line_of(part, "events").pk, "exp-spent_on": in_period(part).isoformat(),
        "exp-description": "Семинарға кофе-брейк", "exp-paid_currency": "EUR", "exp-paid_amount": "120,50",
        "exp-exchange_rate": "", "exp-receipt": pdf_upload("чек.pdf"), **overrides,
    }  # fmt: skip


def test_an_expenditure_in_tenge_is_converted_and_its_receipt_served(client_for, partner_head, interim, partner_part):
    client = client_for(partner_head)
    response = client.post(
        url("part-expenditure-add", interim, partner_part),
        expenditure_form(partner_part, **{"exp-paid_currency": "KZT", "exp-paid_amount": "51 000",
                                          "exp-exchange_rate": "510"}),
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"].endswith("#expenditures")
    row = partner_part.expenditures.get()
    assert (row.paid_currency, row.paid_amount, row.exchange_rate, row.amount) == (
        "KZT",
        Decimal("51000"),
        Decimal("510"),
        Decimal("100"),
    )
    body = page(client.get(url("pilot-report", interim, partner_part)))
    assert "100\u00a0EUR" in body  # spent on the line, against its approved 750
    receipt = client.get(url("expenditure-receipt", interim, partner_part, row))
    assert receipt["Content-Type"] == "application/pdf" and receipt["X-Content-Type-Options"] == "nosniff"
    assert receipt["Content-Disposition"].startswith("inline") and "filename" in receipt["Content-Disposition"]
    assert b"".join(receipt.streaming_content).startswith(b"%PDF")


def test_an_expenditure_against_a_line_of_another_pilot_is_refused(client_for, partner_head, interim, partner_part):
    other = PilotReport.objects.filter(report=interim).exclude(pk=partner_part.pk).first()
    response = client_for(partner_head).post(
        url("part-expenditure-add", interim, partner_part),
        expenditure_form(partner_part, **{"exp-line": line_of(other, "events").pk}),
    )
    assert response.status_code == 422
    assert "Spending is reported only against a line of the approved budget." in page(response)
    assert 'value="120,50"' in page(response)
    assert not Expenditure.objects.exists()


def test_an_expenditure_in_tenge_without_a_rate_is_refused(client_for, partner_head, interim, partner_part):
    response = client_for(partner_head).post(
        url("part-expenditure-add", interim, partner_part),
        expenditure_form(partner_part, **{"exp-paid_currency": "KZT", "exp-paid_amount": "51000"}),
    )
    assert response.status_code == 422
    assert "Give the exchange rate used: tenge for one EUR." in page(response)
    assert not Expenditure.objects.exists()


def test_a_receipt_that_is_not_a_pdf_or_an_image_is_refused(client_for, partner_head, interim, partner_part):
    fake = SimpleUploadedFile("чек.pdf", "Бұл жай мәтін, PDF емес.".encode(), content_type="application/pdf")
    response = client_for(partner_head).post(
        url("part-expenditure-add", interim, partner_part), expenditure_form(partner_part, **{"exp-receipt": fake})
    )
    assert response.status_code == 422
    assert "This file is not of an accepted kind." in page(response)
    assert not Expenditure.objects.exists()


def test_a_half_typed_amount_is_marked_at_its_field(client_for, partner_head, interim, partner_part):
    response = client_for(partner_head).post(
        url("part-expenditure-add", interim, partner_part), expenditure_form(partner_part, **{"exp-paid_amount": "12o"})
    )
    assert response.status_code == 422
    assert "“12o” is not a number." in page(response) and 'value="12o"' in page(response)


class TestVisibilityOfMaterials:
    """An uploaded material is checked for the call's EU funding statement at once (in the background)."""

    def upload(self, client, interim, part, upload, committed):
        with committed():
            response = client.post(
                url("part-output-add", interim, part),
                {"out-kind": "material", "out-title": "Буклет", "out-file": upload},
            )
        assert response.status_code == 302 and response["Location"].endswith("#outputs")
        return part.outputs.get()

    def test_a_material_with_the_statement_is_found(self, client_for, partner_head, interim, partner_part, committed):
        client = client_for(partner_head)
        body = f"<h1>Қалдықтарды бөлек жинаймыз</h1><p>Бұл буклет {STATEMENT['funding_statement_kk']} дайындалды.</p>"
        output = self.upload(client, interim, partner_part, material_pdf(body), committed)
        assert output.visibility == Output.Visibility.FOUND
        assert output.visibility_phrase == STATEMENT["funding_statement_kk"]
        shown = page(client.get(url("pilot-report", interim, partner_part)))
        assert str(Output.Visibility.FOUND.label) in shown and STATEMENT["funding_statement_kk"] in shown

    def test_a_material_without_it_is_flagged_and_staff_decide(
        self, client_for, partner_head, call_staff, interim, partner_part, committed, mailoutbox
    ):
        client = client_for(partner_head)
        output = self.upload(
            client, interim, partner_part, material_pdf("<p>Қалдықтарды бөлек жинаймыз.</p>"), committed
        )
        assert output.visibility == Output.Visibility.MISSING
        assert [m.to for m in mailoutbox] == [[partner_head.email]]
        assert str(Output.Visibility.MISSING.label) in page(client.get(url("pilot-report", interim, partner_part)))
        # Only staff confirm; here they find the statement on the back cover, as an image.
        confirm = reverse("implementation:output-confirm", args=[interim.pk, output.pk])
        assert client.post(confirm, {"shows_statement": "yes"}).status_code == 403
        staff = client_for(call_staff)
        assert "It is there" in page(staff.get(url("report-detail", interim)))
        response = staff.post(confirm, {"shows_statement": "yes"})
        assert response.status_code == 302 and response["Location"].endswith("#outputs")
        output.refresh_from_db()
        assert output.visibility == Output.Visibility.CONFIRMED and output.confirmed_by == call_staff

    def test_a_docx_is_downloaded_and_a_photo_waits_for_staff(self, client_for, partner_head, interim, partner_part):
        client = client_for(partner_head)
        client.post(url("part-output-add", interim, partner_part),
                    {"out-kind": "material", "out-title": "Парақша", "out-file": docx_upload()})  # fmt: skip
        client.post(url("part-output-add", interim, partner_part),
                    {"out-kind": "photo", "out-title": "Кездесу", "out-file": png_upload()})  # fmt: skip
        docx, photo = partner_part.outputs.order_by("pk")
        assert photo.visibility == Output.Visibility.MANUAL
        download = client.get(url("output-file", interim, partner_part, docx))
        assert download["Content-Disposition"].startswith("attachment")
        assert download["Content-Type"].endswith("wordprocessingml.document")
        image = client.get(url("output-file", interim, partner_part, photo))
        assert image["Content-Type"] == "image/png" and image["Content-Disposition"].startswith("inline")

    def test_a_file_of_another_kind_is_refused(self, client_for, partner_head, interim, partner_part):
        text = SimpleUploadedFile("booklet.pdf", b"plain text")
        response = client_for(partner_head).post(
            url("part-output-add", interim, partner_part),
            {"out-kind": "material", "out-title": "Буклет", "out-file": text},
        )
        assert response.status_code == 422 and "This file is not of an accepted kind." in page(response)
        assert not partner_part.outputs.exists()


def test_a_decision_of_the_akimat_is_added_with_its_document(client_for, partner_head, interim, partner_part):
    client = client_for(partner_head)
    response = client.post(
        url("part-decision-add", interim, partner_part),
        {"dec-authority": "maslikhat", "dec-title": "Қалдықтарды бөлек жинау қағидалары", "dec-number": "7/2",
         "dec-adopted_on": in_period(partner_part, 2).strftime("%d.%m.%Y"), "dec-document": pdf_upload("шешім.pdf")},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"].endswith("#decisions")
    decision = partner_part.decisions.get()
    assert (decision.authority, decision.number) == ("maslikhat", "7/2")
    document = client.get(url("decision-document", interim, partner_part, decision))
    assert document["Content-Type"] == "application/pdf" and document["X-Content-Type-Options"] == "nosniff"
    removed = client.post(url("part-decision-remove", interim, partner_part, decision))
    assert removed.status_code == 302 and not partner_part.decisions.exists()


# --- The overview: spending against the budget, outputs, history -------------


def test_the_overview_shows_overspending_above_the_threshold(
    client_for, partner_head, call_staff, interim, partner_part
):
    """Events of a pilot have 750 EUR approved: 900 is 20 % over, above the call's 10 %."""
    reports.expenditure_add(
        part=partner_part, actor=partner_head, line_id=line_of(partner_part, "events").pk,
        spent_on=in_period(partner_part), description="Екі семинар", paid_currency="EUR",
        paid_amount=Decimal("900"), exchange_rate=None, upload=pdf_upload("чек.pdf"),
    )  # fmt: skip
    body = page(client_for(partner_head).get(url("report-detail", interim)))
    spending = body.split('id="spending"', 1)[1]
    assert "above the threshold" in spending and "900\u00a0EUR" in spending and "150\u00a0EUR over" in spending
    assert "Ask for a reallocation" in body  # the checklist's error, with a link to the plan
    assert reverse("implementation:plan-detail", args=[partner_part.plan_id]) in body


def test_an_overdue_report_says_so(client_for, lead_head, interim):
    Report.objects.filter(pk=interim.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=2))
    assert "overdue" in page(client_for(lead_head).get(url("report-detail", interim)))


# --- Constant queries -----------------------------------------------------------


@pytest.fixture
def busy(interim, lead_head, partner_head, lead_ngo, call_staff):
    """Every part has rows in every section; the report went to staff and came back with comments."""
    for part in interim.parts.select_related("plan"):
        add_rows(part, lead_head if part.plan.organization_id == lead_ngo.pk else partner_head)
    complete(interim, lead_head, partner_head, lead_ngo)
    reports.report_submit(report=interim, actor=lead_head)
    parts = list(interim.parts.all())
    reports.report_return(
        report=interim, actor=call_staff,
        comments=[(None, "summary", "Толықтырыңыз."), *((p.pk, "expenditure", "Чек?") for p in parts),
                  (parts[0].pk, "outputs", "Суреттің сапасы төмен.")],
    )  # fmt: skip
    interim.refresh_from_db()
    return interim


def test_the_pages_use_a_constant_number_of_queries(
    client_for, people, busy, partner_ngo, django_assert_max_num_queries
):
    part = part_of(busy, partner_ngo)
    for who in (LEAD_HEAD, PARTNER, CALL_STAFF):
        client = client_for(people[who])
        for address in (url("report-detail", busy), url("pilot-report", busy, part)):
            client.get(address)  # the first request fills the process's caches (content types, translations)
            with django_assert_max_num_queries(15):
                response = client.get(address)
            assert response.status_code == 200
