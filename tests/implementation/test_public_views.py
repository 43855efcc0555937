"""The public results of funded pilots: a pilot's page, the call's impact dashboard and its figures.

The story: the consortium's agreement is signed; each NGO reports its pilots
(an activity, a decision of the akimat, spending, a material with the EU
statement and one without, a photo staff confirm); the lead submits, staff
approve and pay. Anyone then sees what the money did, and nothing of what is
not approved yet, and no one's name or e-mail.
"""

# Fixtures are imported to be reused by name (pytest injects them); F811 is that.
# ruff: noqa: F811

import csv
import datetime
import functools
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image
from weasyprint import HTML

from ecodialogue.grants import applications, consortia
from ecodialogue.grants.models import Award, Call, Decision
from ecodialogue.implementation import agreements, reports
from ecodialogue.implementation.models import Agreement, AuthorityDecision, Expenditure, Output, Report
from ecodialogue.organizations.models import Membership, Settlement

from ..factories import MembershipFactory, OrganizationFactory, UserFactory
from ..grants.conftest import LEAD_FORM, fill_pilot
from .conftest import STATEMENT, part_of, pdf_upload

pytestmark = pytest.mark.django_db
D = Decimal
today = timezone.localdate
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
ASTANA = {"latitude": D("51.169392"), "longitude": D("71.449074")}


@pytest.fixture(autouse=True)
def _private_files(tmp_path, monkeypatch):
    """Receipts, decisions, outputs and signed agreements go to a temporary folder."""
    storage = FileSystemStorage(location=tmp_path / "private-implementation")
    for model, name in (
        (Output, "file"),
        (Expenditure, "receipt"),
        (AuthorityDecision, "document"),
        (Agreement, "signed_file"),
    ):
        monkeypatch.setattr(model._meta.get_field(name), "storage", storage)


# --- Files a pilot produces ---------------------------------------------------------------------


@functools.cache
def _pdf_of(text: str) -> bytes:
    html = f'<html lang="ru"><body style="font-family: DejaVu Sans"><p>Буклет о сборе.</p><p>{text}</p></body></html>'
    return HTML(string=html).write_pdf()


def material_pdf(text: str) -> SimpleUploadedFile:
    """A PDF with a text layer, rendered once per text (WeasyPrint takes a while)."""
    return SimpleUploadedFile("Буклет Ольги Ким.pdf", _pdf_of(text), content_type="application/pdf")


def material_docx(text: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            f"<w:p><w:r><w:t>Памятка жителям.</w:t></w:r></w:p><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
            "</w:body></w:document>",
        )
    return SimpleUploadedFile("pamyatka.docx", buffer.getvalue())


def photo_png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (31, 111, 67)).save(buffer, format="PNG")
    return SimpleUploadedFile("IMG_0001.png", buffer.getvalue(), content_type="image/png")


WITH_STATEMENT = f"Материал подготовлен {STATEMENT['funding_statement_ru']}."


# --- The story ------------------------------------------------------------------------------------


def complete(part, actor, **overrides):
    indicator = part.plan.indicators.first()
    values = {
        "narrative": "Тұрғындармен үш кездесу өтті",
        "participants": 40,
        "women": 25,
        "youth": 10,
        "events_held": 2,
        "materials_produced": 1,
        "infrastructure_installed": 3,
        "actuals": {indicator.pk: D("1.5")} if indicator else None,
        "ready": True,
    }
    return reports.part_save(part=part, actor=actor, data=reports.PartData(**{**values, **overrides}))


def actor_for(part, lead_ngo, lead_head, partner_head):
    return lead_head if part.plan.organization_id == lead_ngo.pk else partner_head


def submit(report, lead_ngo, lead_head, partner_head, **values):
    """Every part complete, the summary written and the consolidated report submitted."""
    for part in report.parts.select_related("plan"):
        complete(part, actor_for(part, lead_ngo, lead_head, partner_head), **values)
    reports.report_summary_save(report=report, actor=lead_head, summary="Төрт пилот жоспар бойынша жүріп жатыр")
    return reports.report_submit(report=report, actor=lead_head)


@pytest.fixture
def reported(interim, lead_ngo, partner_ngo, lead_head, partner_head, call_staff, committed):
    """The interim report's parts with work, spending and outputs; the materials checked for the statement."""
    part = part_of(interim, lead_ngo)
    reports.activity_progress_add(
        part=part, actor=lead_head, title="Тұрғындармен кездесу", done_from=today(), done_to=today()
    )
    reports.decision_add(
        part=part, actor=lead_head, authority="akimat", title="Контейнер алаңдарын бөлу туралы", number="12",
        adopted_on=today(), upload=pdf_upload("decision.pdf"),
    )  # fmt: skip
    line = part.plan.budget_lines.get(category__code="events")
    reports.expenditure_add(
        part=part, actor=lead_head, line_id=line.pk, spent_on=today(), description="Семинар залын жалға алу",
        paid_currency="EUR", paid_amount=D("300"), exchange_rate=None, upload=pdf_upload("receipt.pdf"),
    )  # fmt: skip
    with committed():
        found = reports.output_add(
            part=part,
            actor=lead_head,
            kind="material",
            title="Буклет: бөлек жинау",
            upload=material_pdf(WITH_STATEMENT),
        )
        missing = reports.output_add(
            part=part, actor=lead_head, kind="material", title="Плакат без заявления",
            upload=material_pdf("Только текст о проекте."),
        )  # fmt: skip
        docx = reports.output_add(
            part=part, actor=lead_head, kind="material", title="Памятка", upload=material_docx(WITH_STATEMENT)
        )
    photo = reports.output_add(part=part, actor=lead_head, kind="photo", title="Контейнерлер алаңы", upload=photo_png())
    unconfirmed = reports.output_add(part=part, actor=lead_head, kind="photo", title="Расталмаған", upload=photo_png())
    reports.output_visibility_confirm(output=photo, actor=call_staff, shows_statement=True)
    outputs = {o.pk: o for o in Output.objects.all()}
    assert outputs[found.pk].visibility == Output.Visibility.FOUND
    assert outputs[missing.pk].visibility == Output.Visibility.MISSING
    assert outputs[docx.pk].visibility == Output.Visibility.FOUND
    return {
        "plan": part.plan,
        "found": found,
        "missing": missing,
        "docx": docx,
        "photo": photo,
        "unconfirmed": unconfirmed,
    }


@pytest.fixture
def approved(reported, interim, lead_ngo, lead_head, partner_head, call_staff):
    """The interim report approved and both tranches it concerns paid."""
    submit(interim, lead_ngo, lead_head, partner_head)
    reports.report_approve(report=interim, actor=call_staff)
    agreement = interim.agreement
    for tranche in agreement.tranches.filter(position__in=(1, 2)):
        agreements.tranche_pay(tranche=tranche, actor=call_staff, paid_on=today())
    return reported


@pytest.fixture
def closed(approved, signed, lead_ngo, lead_head, partner_head, call_staff):
    """The final report approved too, the last tranche paid and the agreement closed."""
    final = signed.reports.get(sequence=2)
    submit(final, lead_ngo, lead_head, partner_head, participants=10, women=5, youth=5)
    reports.report_approve(report=final, actor=call_staff)
    agreements.tranche_pay(tranche=signed.tranches.get(position=3), actor=call_staff, paid_on=today())
    return agreements.agreement_transition(agreement=signed, to=Agreement.Status.CLOSED, actor=call_staff)


def another_agreement(call, call_staff, kato, starts_on, *, language="ru"):
    """A second consortium of two NGOs with four pilots, submitted, awarded and signed."""
    # Applications are submitted while the call is open: re-open it for a moment, as if it were before the deadline.
    Call.objects.filter(pk=call.pk).update(status=Call.Status.OPEN)
    call = Call.objects.get(pk=call.pk)
    heads = [UserFactory(full_name=f"Екінші басшы {n}", email=f"second-{n}@example.kz") for n in (1, 2)]
    ngos = [OrganizationFactory(network=True, verified=True, settlement=kato["113820100"]) for _ in heads]
    for ngo, head in zip(ngos, heads, strict=True):
        MembershipFactory(organization=ngo, user=head, role=Membership.Role.HEAD)
    consortium = consortia.consortium_create(call=call, lead=ngos[0], actor=heads[0])
    member = consortia.consortium_invite(consortium=consortium, organization=ngos[1], actor=heads[0])
    consortia.consortium_respond(member=member, actor=heads[1], accept=True)
    application = applications.application_start(consortium=consortium, actor=heads[0], language=language)
    applications.application_save_lead_form(
        application=application, actor=heads[0], data=LEAD_FORM, version=application.version
    )
    for ngo, head, code in zip(
        (ngos[0], ngos[0], ngos[1], ngos[1]), (heads[0], heads[0], heads[1], heads[1]),
        ("113820100", "117020100", "331010000", "333233100"), strict=True,
    ):  # fmt: skip
        fill_pilot(applications.pilot_add(application=application, organization=ngo, actor=head), head, code)
    for requirement in call.required_documents.filter(required=True):
        owners = [(ngos[0], heads[0])] if requirement.scope == "consortium" else list(zip(ngos, heads, strict=True))
        for ngo, head in owners:
            applications.document_upload(
                application=application, requirement=requirement, organization=ngo, upload=pdf_upload(), actor=head
            )
    application.refresh_from_db()
    applications.application_submit(application=application, actor=heads[0])
    Call.objects.filter(pk=call.pk).update(status=Call.Status.DECIDED)
    award = Award.objects.create(decision=call.decision, application=application, amount=D("11000"), rank=2)
    agreement = agreements.agreement_create(award=award, actor=call_staff, starts_on=starts_on)
    return agreements.agreement_sign(
        agreement=agreement, actor=call_staff, signed_on=today(), upload=pdf_upload("agreement.pdf")
    )


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def pilot_url(plan) -> str:
    return f"/kk/pilots/{plan.pk}/"


def impact_url(call) -> str:
    return f"/kk/calls/{call.code}/impact/"


def file_url(plan, output) -> str:
    return f"/kk/pilots/{plan.pk}/outputs/{output.pk}/file"


# --- Who sees a pilot -------------------------------------------------------------------------------


class TestWhoSeesAPilot:
    @pytest.mark.parametrize("who", ["anonymous", "outsider", "lead_head", "staff"])
    def test_a_signed_agreements_pilot_is_public(self, client_for, request, signed, who):
        user = None if who == "anonymous" else request.getfixturevalue(who)
        plan = signed.plans.first()
        body = page(client_for(user), pilot_url(plan))
        assert plan.title in body and plan.summary in body

    def test_a_draft_agreements_pilot_does_not_exist(self, client, agreement):
        assert client.get(pilot_url(agreement.plans.first())).status_code == 404

    def test_a_terminated_agreements_pilot_does_not_exist(self, client, signed, call_staff):
        agreements.agreement_transition(
            agreement=signed, to=Agreement.Status.TERMINATED, actor=call_staff, note="Серіктес бас тартты"
        )
        assert client.get(pilot_url(signed.plans.first())).status_code == 404

    def test_nor_a_pilot_whose_calls_decision_is_not_published(self, client, signed):
        # Not a flow of the platform (results are never unpublished): the rule, should the row say so.
        Decision.objects.filter(call=signed.call).update(published_at=None)
        assert client.get(pilot_url(signed.plans.first())).status_code == 404

    def test_an_unknown_pilot_does_not_exist(self, client, signed):
        assert client.get("/kk/pilots/999999/").status_code == 404

    def test_a_closed_agreements_pilot_stays_public(self, client, closed):
        assert closed.status == Agreement.Status.CLOSED
        assert "closed" in page(client, f"/en/pilots/{closed.plans.first().pk}/")


# --- What a pilot's page shows ----------------------------------------------------------------------


class TestThePilotPage:
    def test_it_shows_the_approved_results(self, client, approved, lead_ngo, partner_ngo):
        plan = approved["plan"]
        body = page(client, pilot_url(plan))
        assert lead_ngo.name in body and f"/kk/organisations/{lead_ngo.pk}/" in body
        assert "Тұрғындармен кездесу" in body  # the activity
        assert "Контейнер алаңдарын бөлу туралы" in body and "№&nbsp;12" in body  # the akimat's decision
        assert "<strong>40</strong>" in body and "(63&nbsp;%)" in body  # 25 women of 40
        assert "300" in body and "<svg" in body  # spent, and the chart
        assert plan.settlement.label in body

    def test_the_plans_indicator_is_target_against_the_sum_reached(self, client, approved):
        body = page(client, f"/en/pilots/{approved['plan'].pk}/")
        assert "Бөлек жиналған қалдықтар" in body and ">1.50<" in body and ">5<" in body and ">30&nbsp;%<" in body

    def test_the_decisions_document_is_not_public(self, client, approved):
        body = page(client, pilot_url(approved["plan"]))
        decision = AuthorityDecision.objects.get()
        assert decision.document.name not in body and "decision.pdf" not in body

    def test_figures_of_a_submitted_report_are_not_shown(self, client, reported, interim, lead_ngo, lead_head,
                                                          partner_head):  # fmt: skip
        assert submit(interim, lead_ngo, lead_head, partner_head, participants=777, women=333, youth=111).status == (
            Report.Status.SUBMITTED
        )
        body = page(client, pilot_url(reported["plan"]))
        assert "777" not in body and "333" not in body
        assert "Тұрғындармен кездесу" not in body and "Контейнер алаңдарын" not in body
        assert "Буклет" not in body
        assert "No report of this pilot project has been approved yet" in page(
            client, f"/en/pilots/{reported['plan'].pk}/"
        )

    def test_nor_of_a_returned_one(self, client, reported, interim, lead_ngo, lead_head, partner_head, call_staff):
        submit(interim, lead_ngo, lead_head, partner_head, participants=777, women=333, youth=111)
        reports.report_return(report=interim, actor=call_staff, comments=[(None, "summary", "Толығырақ жазыңыз")])
        assert "777" not in page(client, pilot_url(reported["plan"]))

    def test_only_materials_with_the_statement_and_confirmed_photos_are_listed(self, client, approved):
        body = page(client, pilot_url(approved["plan"]))
        assert "Буклет: бөлек жинау" in body and "Памятка" in body and "Контейнерлер алаңы" in body
        assert "Плакат без заявления" not in body and "Расталмаған" not in body
        assert file_url(approved["plan"], approved["found"]) in body
        assert file_url(approved["plan"], approved["missing"]) not in body

    @pytest.mark.parametrize("who", ["anonymous", "outsider"])
    def test_no_one_of_the_ngos_people_is_named(self, client_for, request, approved, signed, who,
                                                 lead_head, lead_colleague, partner_head, call_staff):  # fmt: skip
        user = None if who == "anonymous" else request.getfixturevalue(who)
        client = client_for(user)
        for url in [pilot_url(plan) for plan in signed.plans.all()] + [impact_url(signed.call)]:
            body = page(client, url)
            for person in (lead_head, lead_colleague, partner_head, call_staff):
                assert person.full_name not in body and person.email not in body
            assert EMAIL.findall(body) == []

    def test_a_map_with_the_settlements_point(self, client, signed):
        plan = signed.plans.select_related("settlement").first()
        Settlement.objects.filter(pk=plan.settlement_id).update(**ASTANA)
        body = page(client, pilot_url(plan))
        assert body.count("data-pilot-map") == 1 and body.count('"lat": 51.169392') == 1

    def test_without_coordinates_the_place_in_words_only(self, client, signed):
        plan = signed.plans.select_related("settlement").first()
        body = page(client, pilot_url(plan))
        assert "data-pilot-map" not in body and plan.settlement.label in body


# --- The files of outputs ---------------------------------------------------------------------------


class TestOutputFiles:
    def test_a_material_with_the_statement_opens_in_the_browser(self, client, approved):
        response = client.get(file_url(approved["plan"], approved["found"]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("inline")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "Ольги" not in response["Content-Disposition"]  # named after its title, not the upload
        assert b"".join(response.streaming_content).startswith(b"%PDF")

    def test_a_word_document_is_downloaded(self, client, approved):
        response = client.get(file_url(approved["plan"], approved["docx"]))
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")

    def test_a_confirmed_photo_is_an_image(self, client, approved):
        response = client.get(file_url(approved["plan"], approved["photo"]))
        assert response.status_code == 200 and response["Content-Type"] == "image/png"

    @pytest.mark.parametrize("which", ["missing", "unconfirmed"])
    def test_a_material_without_the_statement_or_an_unconfirmed_photo_does_not_exist(self, client, approved, which):
        assert client.get(file_url(approved["plan"], approved[which])).status_code == 404

    def test_an_output_under_another_pilots_address_does_not_exist(self, client, approved, signed):
        other = signed.plans.exclude(pk=approved["plan"].pk).first()
        assert client.get(file_url(other, approved["found"])).status_code == 404

    def test_an_output_of_a_report_not_approved_does_not_exist(self, client, reported):
        assert client.get(file_url(reported["plan"], reported["found"])).status_code == 404


# --- The call's impact dashboard --------------------------------------------------------------------


class TestTheImpactDashboard:
    def test_it_needs_a_signed_agreement(self, client, agreement):
        assert client.get(impact_url(agreement.call)).status_code == 404
        assert client.get(f"/kk/calls/{agreement.call.code}/impact.csv").status_code == 404
        assert client.get(f"/kk/calls/{agreement.call.code}/iati.xml").status_code == 404

    def test_a_call_without_a_decision_has_none(self, client, open_call):
        assert client.get(impact_url(open_call)).status_code == 404

    def test_the_figures_of_approved_reports(self, client, approved, signed):
        body = page(client, f"/en/calls/{signed.call.code}/impact/")
        assert "11\u00a0000\u00a0EUR" in body  # awarded
        assert "9\u00a0900\u00a0EUR" in body  # paid: 50 % and 40 %
        assert "300\u00a0EUR" in body  # spent
        assert "<strong>160</strong>" in body  # four pilots of 40 people
        assert "<strong>1</strong> decisions adopted by local authorities" in body
        assert "Контейнер алаңдарын бөлу туралы" in body
        for plan in signed.plans.all():
            assert f"/en/pilots/{plan.pk}/" in body
        assert body.count("<svg") == 3  # spending, women, young people

    def test_one_map_with_every_pilot_that_has_a_point(self, client, signed):
        Settlement.objects.filter(pk__in=signed.plans.values("settlement_id")).update(**ASTANA)
        body = page(client, impact_url(signed.call))
        assert body.count("data-pilot-map") == 1 and body.count('"lat": 51.169392') == 4

    def test_the_results_page_links_to_it_once_an_agreement_is_signed(self, client, agreement, call_staff):
        results = f"/kk/calls/{agreement.call.code}/results/"
        assert impact_url(agreement.call) not in page(client, results)
        agreements.agreement_sign(
            agreement=agreement, actor=call_staff, signed_on=today(), upload=pdf_upload("agreement.pdf")
        )
        assert page(client, results).count(impact_url(agreement.call)) == 1

    def test_the_figures_as_csv(self, client, approved, signed):
        response = client.get(f"/en/calls/{signed.call.code}/impact.csv")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="{signed.call.code}-impact.csv"'
        assert response["Cache-Control"] == "public, max-age=300"
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0][:3] == ["Agreement", "Pilot project", "Settlement"] and "Of them women" in rows[0]
        assert len(rows) == 1 + 4
        first = dict(zip(rows[0], rows[1], strict=True))
        assert first["Spent, EUR"] == "300.00" and first["People involved"] == "40" and first["Of them women"] == "25"
        assert first["Decisions of local authorities"] == "1"

    def test_the_figures_as_xlsx(self, client, approved, signed):
        response = client.get(f"/kk/calls/{signed.call.code}/impact.xlsx")
        assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.values)
        assert len(rows) == 1 + 4 and rows[1][7] == 40

    def test_a_second_agreements_pilots_are_added(self, client, approved, signed, call_staff, kato, starts_on):
        second = another_agreement(signed.call, call_staff, kato, starts_on)
        body = page(client, impact_url(signed.call))
        for plan in [*signed.plans.all(), *second.plans.all()]:
            assert pilot_url(plan) in body
        assert "22\u00a0000\u00a0EUR" in body  # both awards


# --- Queries: constant, whatever the number of pilots -----------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


class TestQueries:
    def test_the_pilot_pages_need_the_same_few_queries(self, client, approved, signed):
        counts = {count_queries(client, pilot_url(plan)) for plan in signed.plans.all()}
        assert len(counts) == 1 and counts.pop() <= 15

    def test_the_dashboard_does_not_grow_with_a_second_agreement(self, client, approved, signed, call_staff, kato,
                                                                  starts_on):  # fmt: skip
        from django.core.cache import cache

        urls = [impact_url(signed.call), pilot_url(approved["plan"])]
        before = [count_queries(client, url) for url in urls]
        another_agreement(signed.call, call_staff, kato, starts_on)
        cache.clear()
        after = [count_queries(client, url) for url in urls]
        assert before == after and max(after) <= 15

    def test_a_cached_page_costs_one_query(self, client, approved, signed):
        plan = approved["plan"]
        count_queries(client, pilot_url(plan))
        assert count_queries(client, pilot_url(plan)) == 1
        count_queries(client, impact_url(signed.call))
        assert count_queries(client, impact_url(signed.call)) == 1  # the call: its updated_at is the version

    def test_an_approval_shows_at_once(self, client, reported, interim, lead_ngo, lead_head, partner_head,
                                       call_staff):  # fmt: skip
        url = pilot_url(reported["plan"])
        assert "<strong>40</strong>" not in page(client, url)
        submit(interim, lead_ngo, lead_head, partner_head)
        reports.report_approve(report=interim, actor=call_staff)
        assert "<strong>40</strong>" in page(client, url)

    def test_a_payment_shows_at_once_on_the_calls_dashboard(self, client, signed, call_staff):
        from ecodialogue.implementation import agreements

        url = impact_url(signed.call)
        before = page(client, url)
        agreements.tranche_pay(tranche=signed.tranches.get(position=1), actor=call_staff, paid_on=timezone.localdate())
        after = page(client, url)
        assert "5\u00a0500" not in before and "5\u00a0500" in after


def test_the_period_is_shown(client, signed):
    plan = signed.plans.first()
    body = page(client, f"/en/pilots/{plan.pk}/")
    assert f"From {plan.starts_on:%-d}" in body and str(plan.ends_on.year) in body
    assert isinstance(plan.starts_on, datetime.date)
