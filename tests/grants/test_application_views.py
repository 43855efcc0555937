"""Application pages for everyone who may or may not use them, the autosave and its conflicts, PDFs, receipts."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from ecodialogue.grants import applications
from ecodialogue.grants.models import Application, ApplicationDocument, Submission

from ..factories import UserFactory
from .conftest import pdf_upload

pytestmark = pytest.mark.django_db

ANON, OUTSIDER, PARTNER, LEAD_MEMBER, LEAD_HEAD, CALL_STAFF, OTHER_STAFF = (
    "anonymous", "outsider", "partner", "lead member", "lead head", "call staff", "other staff",
)  # fmt: skip


@pytest.fixture
def people(outsider, partner_head, lead_colleague, lead_head, call_staff, staff):
    return {
        ANON: None, OUTSIDER: outsider, PARTNER: partner_head, LEAD_MEMBER: lead_colleague, LEAD_HEAD: lead_head,
        CALL_STAFF: call_staff, OTHER_STAFF: staff,
    }  # fmt: skip


def urls(application) -> dict:
    pilot = application.pilots.order_by("position").first()
    document = application.documents.first()
    base = f"/kk/applications/{application.pk}/"
    return {
        "detail": base,
        "lead": base + "lead/",
        "pilot": f"{base}pilots/{pilot.pk}/",
        "pdf": base + "pdf/",
        "pdf-lead": base + "pdf/lead/",
        "document": f"{base}documents/{document.pk}/",
        "memorandum": f"/kk/consortia/{application.consortium_id}/memorandum.pdf",
    }


READ = {
    ANON: 302, OUTSIDER: 404, OTHER_STAFF: 404, PARTNER: 200, LEAD_MEMBER: 200, LEAD_HEAD: 200, CALL_STAFF: 200,
}  # fmt: skip


@pytest.mark.parametrize("page", ["detail", "lead", "pilot", "pdf", "pdf-lead", "document", "memorandum"])
@pytest.mark.parametrize("who", list(READ))
def test_who_reads_an_application(client_for, people, complete_application, page, who):
    response = client_for(people[who]).get(urls(complete_application)[page])
    assert response.status_code == READ[who]
    if READ[who] == 302:
        assert "/account/login/" in response["Location"]


@pytest.mark.parametrize(
    ("who", "status"), [(OUTSIDER, 404), (PARTNER, 403), (CALL_STAFF, 403), (LEAD_MEMBER, 302), (LEAD_HEAD, 302)]
)
def test_only_the_lead_ngos_people_save_the_lead_form(client_for, people, application, who, status):
    response = client_for(people[who]).post(
        f"/kk/applications/{application.pk}/lead/", {"version": 1, "language": "kk", "summary": "Біздің консорциум"}
    )
    assert response.status_code == status
    application.refresh_from_db()
    assert (application.summary == "Біздің консорциум") is (status == 302)


@pytest.mark.parametrize(
    ("who", "status"), [(OUTSIDER, 404), (LEAD_MEMBER, 403), (PARTNER, 403), (CALL_STAFF, 403), (LEAD_HEAD, 302)]
)
def test_only_a_head_of_the_lead_ngo_submits(client_for, people, complete_application, who, status):
    response = client_for(people[who]).post(f"/kk/applications/{complete_application.pk}/submit/")
    assert response.status_code == status
    assert Submission.objects.exists() is (status == 302)
    if status == 302:
        assert response["Location"].endswith(f"/applications/{complete_application.pk}/receipts/1/")


@pytest.mark.parametrize(("who", "status"), [(OUTSIDER, 404), (LEAD_HEAD, 403), (CALL_STAFF, 302)])
def test_only_the_calls_staff_reopen(client_for, people, complete_application, lead_head, who, status):
    applications.application_submit(application=complete_application, actor=lead_head)
    response = client_for(people[who]).post(
        f"/kk/applications/{complete_application.pk}/reopen/", {"reason": "Анықтама ескірген"}
    )
    assert response.status_code == status
    complete_application.refresh_from_db()
    assert (complete_application.status == "draft") is (status == 302)


@pytest.mark.parametrize(("who", "status"), [(OUTSIDER, 403), (PARTNER, 403), (LEAD_HEAD, 403), (CALL_STAFF, 200)])
def test_the_staff_list_of_a_calls_applications(client_for, people, complete_application, who, status):
    response = client_for(people[who]).get(f"/kk/calls/{complete_application.call.code}/manage/applications/")
    assert response.status_code == status
    if status == 200:
        assert complete_application.consortium.lead.name_kk in response.content.decode()


def test_the_partner_reads_the_leads_pilot_but_cannot_change_it(client_for, partner_head, complete_application):
    pilot = complete_application.pilots.filter(organization=complete_application.consortium.lead).first()
    client = client_for(partner_head)
    page = client.get(f"/kk/applications/{complete_application.pk}/pilots/{pilot.pk}/").content.decode()
    assert "disabled" in page and "hx-post" not in page
    response = client.post(
        f"/kk/applications/{complete_application.pk}/pilots/{pilot.pk}/", {"version": pilot.version, "title": "Жоқ"}
    )
    assert response.status_code == 403


class TestAutosave:
    def test_a_save_answers_with_the_new_version_and_the_checklist(self, client_for, lead_head, application):
        response = client_for(lead_head).post(
            f"/kk/applications/{application.pk}/lead/",
            {"version": 1, "language": "kk", "summary": "Қысқаша"},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert 'id="form-version" value="2" hx-swap-oob="true"' in body
        assert 'id="checklist"' in body and 'data-code="lead.complete"' in body
        application.refresh_from_db()
        assert application.version == 2 and application.summary == "Қысқаша"

    def test_a_second_tab_gets_a_conflict_with_both_versions(self, client_for, lead_head, lead_colleague, application):
        applications.application_save_lead_form(
            application=application, actor=lead_colleague, data={"summary": "Әріптестің мәтіні"}, version=1
        )
        client = client_for(lead_head)
        url = f"/kk/applications/{application.pk}/lead/"
        response = client.post(url, {"version": 1, "language": "kk", "summary": "Менің мәтінім"},
                               headers={"HX-Request": "true"})  # fmt: skip
        assert response.status_code == 409
        body = response.content.decode()
        assert "Әріптестің мәтіні" in body and "Менің мәтінім" in body and 'name="force_version" value="2"' in body
        application.refresh_from_db()
        assert application.summary == "Әріптестің мәтіні"
        kept = client.post(url, {"version": 1, "force_version": "2", "language": "kk", "summary": "Менің мәтінім"})
        assert kept.status_code == 302
        application.refresh_from_db()
        assert application.summary == "Менің мәтінім" and application.version == 3

    def test_without_javascript_a_conflict_shows_the_page_with_what_was_typed(
        self, client_for, lead_head, lead_colleague, application
    ):
        applications.application_save_lead_form(
            application=application, actor=lead_colleague, data={"summary": "Бірінші"}, version=1
        )
        response = client_for(lead_head).post(
            f"/kk/applications/{application.pk}/lead/", {"version": 1, "language": "kk", "coherence": "Менің жоспарым"}
        )
        assert response.status_code == 409
        assert "Менің жоспарым" in response.content.decode()

    def test_a_pilot_saves_what_parses_and_marks_the_rest(self, client_for, lead_head, application, lead_ngo):
        pilot = applications.pilot_add(application=application, organization=lead_ngo, actor=lead_head)
        response = client_for(lead_head).post(
            f"/kk/applications/{application.pk}/pilots/{pilot.pk}/",
            {
                "version": pilot.version, "title": "Компост", "participants": "көп",
                "line-0-item": "Контейнер", "line-0-quantity": "4", "line-0-unit_cost": "1 200,50",
                "line-3-item": "Буклет", "line-3-quantity": "он", "line-3-unit_cost": "2",
                "act-0-title": "Кездесу", "act-0-start_month": "1", "act-0-end_month": "2",
            },
        )  # fmt: skip
        assert response.status_code == 422
        body = response.content.decode()
        assert "көп" in body and "он" in body  # what was typed is shown again
        pilot.refresh_from_db()
        assert pilot.title == "Компост" and pilot.participants is None and pilot.version == 2
        lines = list(pilot.budget_lines.all())
        assert [(line.item, line.quantity) for line in lines] == [("Контейнер", 4), ("Буклет", None)]
        assert str(lines[0].unit_cost) == "1200.50"
        assert pilot.activities.get().end_month == 2


class TestDocumentsPage:
    def test_a_bad_file_is_refused_with_a_message_and_nothing_else_changes(
        self, client_for, lead_head, application, network_call, lead_ngo
    ):
        slot = network_call.required_documents.get(code="registration-certificate")
        client = client_for(lead_head)
        response = client.post(
            f"/kk/applications/{application.pk}/documents/",
            {"requirement": slot.pk, "organization": lead_ngo.pk, "file": SimpleUploadedFile("a.pdf", b"not a pdf")},
            follow=True,
        )
        assert response.status_code == 200
        assert not ApplicationDocument.objects.exists()
        messages = [str(m) for m in response.context["messages"]]
        assert any("PDF" in m for m in messages)

    def test_an_upload_lands_in_its_slot(self, client_for, lead_head, application, network_call, lead_ngo):
        slot = network_call.required_documents.get(code="registration-certificate")
        client_for(lead_head).post(
            f"/kk/applications/{application.pk}/documents/",
            {"requirement": slot.pk, "organization": lead_ngo.pk, "file": pdf_upload("anyqtama.pdf")},
        )
        document = ApplicationDocument.objects.get()
        download = client_for(lead_head).get(f"/kk/applications/{application.pk}/documents/{document.pk}/")
        assert download["Content-Type"] == "application/pdf"
        assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_every_page_of_an_application_has_a_constant_number_of_queries(
    client_for, lead_head, complete_application, django_assert_max_num_queries
):
    client = client_for(lead_head)
    pages = urls(complete_application)
    for page in ("detail", "lead", "pilot"):
        client.get(pages[page])  # the session is written once, on the first page
        with django_assert_max_num_queries(15):
            assert client.get(pages[page]).status_code == 200


def test_the_staff_list_does_not_grow_with_the_applications(
    client_for, call_staff, complete_application, django_assert_max_num_queries
):
    client = client_for(call_staff)
    with django_assert_max_num_queries(8):
        response = client.get(f"/kk/calls/{complete_application.call.code}/manage/applications/")
    assert response.status_code == 200


KAZAKH_LETTERS = "ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І"


def test_the_pdf_carries_kazakh_letters(client_for, lead_head, complete_application):
    pilot = complete_application.pilots.first()
    applications.pilot_save(
        pilot=pilot, actor=lead_head, version=pilot.version,
        data=applications.PilotData(title=f"Өзен жағалауын тазалау: {KAZAKH_LETTERS}", eu_declaration=True),
    )  # fmt: skip
    response = client_for(lead_head).get(f"/kk/applications/{complete_application.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert KAZAKH_LETTERS.replace(" ", "") in text.replace(" ", "").replace("\n", "")
    assert complete_application.consortium.lead.name_kk in text.replace("\n", " ")


def test_the_pdf_is_in_the_applications_language(client_for, lead_head, complete_application):
    Application.objects.filter(pk=complete_application.pk).update(language="ru")
    response = client_for(lead_head).get(f"/kk/applications/{complete_application.pk}/pdf/lead/")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Приложение 2" in text


def test_the_memorandum_lists_every_member(client_for, partner_head, complete_application, partner_ngo):
    response = client_for(partner_head).get(f"/kk/consortia/{complete_application.consortium_id}/memorandum.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).replace("\n", " ")
    assert partner_ngo.bin in text and complete_application.consortium.lead.bin in text


class TestReceipts:
    @pytest.fixture
    def submission(self, complete_application, lead_head):
        return applications.application_submit(application=complete_application, actor=lead_head)

    def test_anyone_verifies_a_receipt_without_seeing_personal_data(self, client, submission, lead_head):
        page = client.get("/kk/receipts/verify/", {"number": submission.number, "sha256": submission.sha256})
        body = page.content.decode()
        assert page.status_code == 200 and "message success" in body
        assert lead_head.email not in body and lead_head.full_name not in body

    def test_a_wrong_hash_or_a_changed_record_fails(self, client, submission):
        unknown = client.get("/kk/receipts/verify/", {"number": submission.number, "sha256": "a" * 64})
        assert "message error" in unknown.content.decode()
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE grants_submission SET snapshot = %s WHERE id = %s", ['{"changed": true}', submission.pk]
            )
        altered = client.get("/kk/receipts/verify/", {"number": submission.number, "sha256": submission.sha256})
        assert "message error" in altered.content.decode()

    def test_a_document_hash_is_checked_against_the_submission(self, client, submission):
        document = submission.snapshot["documents"][0]
        query = {"number": submission.number, "sha256": submission.sha256}
        found = client.get("/kk/receipts/verify/", {**query, "document": document["sha256"]}).content.decode()
        assert document["name"] in found
        missing = client.get("/kk/receipts/verify/", {**query, "document": "b" * 64}).content.decode()
        assert missing.count("message error") == 1

    def test_the_submitted_json_hashes_to_the_receipt(self, client_for, lead_head, submission):
        import hashlib

        response = client_for(lead_head).get(
            f"/kk/applications/{submission.application_id}/receipts/1/", {"format": "json"}
        )
        assert hashlib.sha256(response.content).hexdigest() == submission.sha256

    def test_outsiders_do_not_see_the_receipt_page(self, client_for, submission):
        response = client_for(UserFactory()).get(f"/kk/applications/{submission.application_id}/receipts/1/")
        assert response.status_code == 404


def test_my_consortia_leads_to_the_application(client_for, partner_head, complete_application, lead_head):
    applications.application_submit(application=complete_application, actor=lead_head)
    page = client_for(partner_head).get("/kk/consortia/mine/").content.decode()
    assert f'href="/kk/applications/{complete_application.pk}/"' in page and "OPEN-CALL-001" in page


class TestReviewedPageEdges:
    def test_after_a_conflict_the_page_stays_on_the_typed_version(
        self, client_for, lead_head, lead_colleague, application
    ):
        applications.application_save_lead_form(
            application=application, actor=lead_colleague, data={"summary": "Әріптестің мәтіні"}, version=1
        )
        client = client_for(lead_head)
        url = f"/kk/applications/{application.pk}/lead/"
        page = client.post(url, {"version": 1, "language": "kk", "summary": "Менің мәтінім"})
        assert page.status_code == 409
        body = page.content.decode()
        assert 'name="version" id="form-version" value="1"' in body and 'name="force_version" value="2"' in body
        again = client.post(url, {"version": 1, "language": "kk", "summary": "Менің мәтінім, тағы"})
        assert again.status_code == 409
        application.refresh_from_db()
        assert application.summary == "Әріптестің мәтіні"

    @pytest.mark.parametrize("value", ["²", "１", "9" * 30])
    def test_a_strange_forced_version_is_no_crash(self, client_for, lead_head, application, value):
        response = client_for(lead_head).post(
            f"/kk/applications/{application.pk}/lead/", {"version": 1, "force_version": value, "language": "kk"}
        )
        assert response.status_code in (302, 409)

    def test_ids_that_are_not_numbers_are_not_found(self, client_for, lead_head, application):
        client = client_for(lead_head)
        assert client.post(f"/kk/applications/{application.pk}/pilots/", {"organization": "abc"}).status_code == 404
        response = client.post(
            f"/kk/applications/{application.pk}/documents/", {"requirement": "x", "organization": "1"}
        )
        assert response.status_code == 404

    def test_a_huge_budget_on_the_page_is_a_message_not_a_crash(self, client_for, lead_head, application, lead_ngo):
        pilot = applications.pilot_add(application=application, organization=lead_ngo, actor=lead_head)
        response = client_for(lead_head).post(
            f"/kk/applications/{application.pk}/pilots/{pilot.pk}/",
            {"version": pilot.version, "line-0-item": "Сома", "line-0-category": "events",
             "line-0-quantity": "999999999", "line-0-unit_cost": "999999999"},
        )  # fmt: skip
        assert response.status_code == 422
