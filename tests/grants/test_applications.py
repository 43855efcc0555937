"""Applications: the lead NGO starts one, members fill their pilot projects, documents go into slots,
the lead submits a frozen snapshot with a receipt, and only staff re-open it."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from ecodialogue.core.errors import Conflict, Forbidden, Invalid
from ecodialogue.core.models import ActivityEntry
from ecodialogue.grants import applications
from ecodialogue.grants.models import Application, ApplicationDocument, Call, RequiredDocument, Submission
from ecodialogue.grants.snapshot import canonical_json, snapshot_hash, submission_is_intact

from ..factories import MembershipFactory, UserFactory
from .conftest import LEAD_FORM, fill_pilot, pdf_upload, pilot_data

pytestmark = pytest.mark.django_db


def docx_upload(name="cv.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def requirement(call, code) -> RequiredDocument:
    return call.required_documents.get(code=code)


class TestStarting:
    def test_the_lead_ngo_starts_the_one_application_of_its_consortium(self, consortium, lead_colleague):
        application = applications.application_start(consortium=consortium, actor=lead_colleague, language="ru")
        assert application.status == "draft" and application.language == "ru" and application.call == consortium.call
        assert ActivityEntry.objects.for_object(application).filter(verb="application.started").exists()

    def test_a_second_application_is_refused(self, application, consortium, lead_head):
        with pytest.raises(Conflict) as refused:
            applications.application_start(consortium=consortium, actor=lead_head, language="kk")
        assert refused.value.code == "application.exists"

    def test_a_partner_or_an_outsider_cannot_start_it(self, consortium, partner_head, outsider):
        for person in (partner_head, outsider):
            with pytest.raises(Forbidden):
                applications.application_start(consortium=consortium, actor=person, language="kk")

    def test_only_a_language_of_the_call(self, consortium, lead_head):
        with pytest.raises(Invalid) as refused:
            applications.application_start(consortium=consortium, actor=lead_head, language="en")
        assert refused.value.code == "application.language"

    def test_not_after_the_deadline(self, consortium, lead_head, network_call):
        with pytest.raises(Invalid) as refused:
            applications.application_start(
                consortium=consortium,
                actor=lead_head,
                language="kk",
                now=network_call.deadline + datetime.timedelta(seconds=1),
            )
        assert refused.value.code == "call.not_open"


class TestLeadForm:
    def test_saving_makes_a_new_version(self, application, lead_head):
        saved = applications.application_save_lead_form(
            application=application, actor=lead_head, data=LEAD_FORM, version=1
        )
        assert saved.version == 2 and saved.summary == LEAD_FORM["summary"] and saved.updated_by == lead_head

    def test_a_save_from_an_older_version_is_refused_with_the_saved_text(self, application, lead_head, lead_colleague):
        applications.application_save_lead_form(
            application=application, actor=lead_head, data={"summary": "Бірінші нұсқа"}, version=1
        )
        with pytest.raises(Conflict) as refused:
            applications.application_save_lead_form(
                application=application, actor=lead_colleague, data={"summary": "Екінші нұсқа"}, version=1
            )
        assert refused.value.code == "application.version"
        assert refused.value.details["current"]["summary"] == "Бірінші нұсқа"
        assert refused.value.details["saved_by"] == lead_head.full_name
        application.refresh_from_db()
        assert application.summary == "Бірінші нұсқа"  # nothing overwritten

    def test_only_the_people_of_the_lead_ngo(self, application, partner_head):
        with pytest.raises(Forbidden):
            applications.application_save_lead_form(
                application=application, actor=partner_head, data=LEAD_FORM, version=1
            )

    def test_the_language_stays_one_of_the_calls(self, application, lead_head):
        with pytest.raises(Invalid):
            applications.application_save_lead_form(
                application=application, actor=lead_head, data={"language": "en"}, version=1
            )


class TestPilots:
    def test_members_add_their_pilots_up_to_the_calls_number(self, application, lead_ngo, partner_ngo, lead_head,
                                                             partner_head):  # fmt: skip
        for organization, actor in ((lead_ngo, lead_head), (lead_ngo, lead_head), (partner_ngo, partner_head)) * 2:
            if application.pilots.count() == 4:
                with pytest.raises(Invalid) as refused:
                    applications.pilot_add(application=application, organization=organization, actor=actor)
                assert refused.value.code == "pilot.count"
                break
            applications.pilot_add(application=application, organization=organization, actor=actor)
        assert application.pilots.count() == 4
        assert [p.position for p in application.pilots.all()] == [0, 1, 2, 3]

    def test_a_partner_cannot_add_a_pilot_for_the_lead_but_the_lead_may_help_a_partner(
        self, application, lead_ngo, partner_ngo, lead_head, partner_head
    ):
        with pytest.raises(Forbidden):
            applications.pilot_add(application=application, organization=lead_ngo, actor=partner_head)
        pilot = applications.pilot_add(application=application, organization=partner_ngo, actor=lead_head)
        assert pilot.organization == partner_ngo

    def test_an_organisation_outside_the_consortium_implements_nothing(self, application, ngo, head):
        with pytest.raises(Invalid) as refused:
            applications.pilot_add(application=application, organization=ngo, actor=head)
        assert refused.value.code == "pilot.implementer"

    def test_saving_keeps_lines_in_order_and_computes_the_budget(self, application, lead_ngo, lead_head):
        pilot = applications.pilot_add(application=application, organization=lead_ngo, actor=lead_head)
        saved = fill_pilot(pilot, lead_head, "113820100")
        assert saved.budget_total == Decimal("2750.00") and saved.version == 2
        assert [line.item for line in saved.budget_lines.all()] == ["Семинар", "Контейнер"]
        assert [a.end_month for a in saved.activities.all()] == [1, 6]
        application.refresh_from_db()
        assert application.total_amount == Decimal("2750.00")

    def test_a_half_typed_draft_saves(self, application, lead_ngo, lead_head):
        pilot = applications.pilot_add(application=application, organization=lead_ngo, actor=lead_head)
        draft = applications.PilotData(
            title="Жаңа жоба", budget_lines=[{"item": "Контейнер", "quantity": None, "unit_cost": Decimal("500")}]
        )
        saved = applications.pilot_save(pilot=pilot, actor=lead_head, data=draft, version=pilot.version)
        assert saved.title == "Жаңа жоба" and saved.budget_lines.get().quantity is None and saved.budget_total == 0
        application.refresh_from_db()
        assert application.checklist_errors > 0

    def test_a_conflicting_save_shows_what_was_saved(self, application, lead_ngo, lead_head, lead_colleague):
        pilot = applications.pilot_add(application=application, organization=lead_ngo, actor=lead_head)
        fill_pilot(pilot, lead_head, "113820100")
        with pytest.raises(Conflict) as refused:
            applications.pilot_save(pilot=pilot, actor=lead_colleague, data=pilot_data("117020100"), version=1)
        assert refused.value.details["current"]["settlement"] == "113820100"
        assert refused.value.details["current"]["budget_lines"][1]["item"] == "Контейнер"

    def test_a_category_outside_the_call_is_refused(self, application, lead_ngo, lead_head):
        pilot = applications.pilot_add(application=application, organization=lead_ngo, actor=lead_head)
        data = pilot_data("113820100", budget_lines=[{"category": "travel", "item": "Ұшақ"}])
        with pytest.raises(Invalid) as refused:
            applications.pilot_save(pilot=pilot, actor=lead_head, data=data, version=pilot.version)
        assert refused.value.code == "budget.lines"

    def test_an_unknown_settlement_is_refused(self, application, lead_ngo, lead_head):
        pilot = applications.pilot_add(application=application, organization=lead_ngo, actor=lead_head)
        with pytest.raises(Invalid) as refused:
            fill_pilot(pilot, lead_head, "999999999")
        assert refused.value.code == "settlement.unknown"

    def test_the_implementing_ngo_removes_its_pilot(self, application, partner_ngo, partner_head, lead_colleague):
        pilot = applications.pilot_add(application=application, organization=partner_ngo, actor=partner_head)
        outsider = UserFactory()
        with pytest.raises(Forbidden):
            applications.pilot_remove(pilot=pilot, actor=outsider)
        applications.pilot_remove(pilot=pilot, actor=partner_head)
        assert not application.pilots.exists()


class TestDocuments:
    def test_a_pdf_goes_into_its_slot_with_its_hash(self, application, network_call, partner_ngo, partner_head):
        document = applications.document_upload(
            application=application,
            requirement=requirement(network_call, "registration-certificate"),
            organization=partner_ngo,
            upload=pdf_upload("анықтама.pdf"),
            actor=partner_head,
        )
        assert document.file_type == "pdf" and len(document.sha256) == 64 and document.original_name == "анықтама.pdf"
        assert document.file.storage.exists(document.file.name)
        assert not document.file.name.endswith("анықтама.pdf")  # stored under a random name

    @pytest.mark.parametrize(
        ("content", "name", "code"),
        [
            (b"just text pretending", "certificate.pdf", "documents.file_type"),
            (b"%PDF-1.4 broken", "certificate.pdf", "documents.pdf_damaged"),
            (b"", "certificate.pdf", "documents.file_empty"),
        ],
    )
    def test_content_decides_not_the_name(self, application, network_call, lead_ngo, lead_head, content, name, code):
        with pytest.raises(Invalid) as refused:
            applications.document_upload(
                application=application,
                requirement=requirement(network_call, "registration-certificate"),
                organization=lead_ngo,
                upload=SimpleUploadedFile(name, content),
                actor=lead_head,
            )
        assert refused.value.code == code
        assert not ApplicationDocument.objects.exists()

    def test_a_word_document_where_the_slot_allows_it(self, application, network_call, lead_ngo, lead_head):
        document = applications.document_upload(
            application=application, requirement=requirement(network_call, "cv"), organization=lead_ngo,
            upload=docx_upload(), actor=lead_head,
        )  # fmt: skip
        assert document.file_type == "docx"
        with pytest.raises(Invalid) as refused:
            applications.document_upload(
                application=application, requirement=requirement(network_call, "memorandum"),
                organization=lead_ngo, upload=docx_upload("memorandum.docx"), actor=lead_head,
            )  # fmt: skip
        assert refused.value.code == "documents.file_type"
        assert "PDF" in str(refused.value.message)

    def test_too_large_for_the_slot(self, application, network_call, lead_ngo, lead_head):
        RequiredDocument.objects.filter(call=network_call, code="registration-certificate").update(max_size_mb=1)
        big = SimpleUploadedFile("big.pdf", pdf_upload().read() + b"%" * (1024 * 1024))
        with pytest.raises(Invalid) as refused:
            applications.document_upload(
                application=application, requirement=requirement(network_call, "registration-certificate"),
                organization=lead_ngo, upload=big, actor=lead_head,
            )  # fmt: skip
        assert refused.value.code == "documents.file_too_large"

    def test_consortium_documents_are_the_leads_and_member_documents_their_own(
        self, application, network_call, lead_ngo, partner_ngo, partner_head, outsider
    ):
        with pytest.raises(Forbidden):
            applications.document_upload(
                application=application, requirement=requirement(network_call, "memorandum"),
                organization=lead_ngo, upload=pdf_upload(), actor=partner_head,
            )  # fmt: skip
        with pytest.raises(Forbidden):
            applications.document_upload(
                application=application, requirement=requirement(network_call, "registration-certificate"),
                organization=partner_ngo, upload=pdf_upload(), actor=outsider,
            )  # fmt: skip

    def test_a_replaced_file_is_kept_and_can_be_made_current_again(self, application, network_call, lead_ngo,
                                                                  lead_head):  # fmt: skip
        slot = requirement(network_call, "registration-certificate")
        first = applications.document_upload(
            application=application, requirement=slot, organization=lead_ngo, upload=pdf_upload("old.pdf"),
            actor=lead_head,
        )  # fmt: skip
        second = applications.document_upload(
            application=application, requirement=slot, organization=lead_ngo, upload=pdf_upload("new.pdf"),
            actor=lead_head,
        )  # fmt: skip
        first.refresh_from_db()
        assert first.replaced_at is not None and first.file.storage.exists(first.file.name)
        applications.document_restore(document=first, actor=lead_head)
        first.refresh_from_db()
        second.refresh_from_db()
        assert first.replaced_at is None and second.replaced_at is not None


class TestSubmitting:
    def test_a_complete_application_is_submitted_frozen_with_a_receipt(
        self, complete_application, lead_head, committed
    ):
        with committed():
            submission = applications.application_submit(application=complete_application, actor=lead_head)
        complete_application.refresh_from_db()
        assert complete_application.status == "submitted" and complete_application.number == "OPEN-CALL-001"
        assert submission.sequence == 1 and submission.number == "OPEN-CALL-001"
        assert submission.sha256 == snapshot_hash(submission.snapshot) and submission_is_intact(submission)
        snapshot = submission.snapshot
        assert len(snapshot["pilots"]) == 4 and snapshot["total_amount"] == "11000.00"
        assert {d["requirement"] for d in snapshot["documents"]} == {
            "memorandum",
            "registration-certificate",
            "lead-appointment-order",
        }
        assert complete_application.transitions.get().to_status == "submitted"

    def test_the_receipt_goes_to_every_member_and_the_grant_maker_in_their_language(
        self, complete_application, lead_head, partner_head, call_staff, committed
    ):
        with committed():
            submission = applications.application_submit(application=complete_application, actor=lead_head)
        by_address = {message.to[0]: message for message in mail.outbox}
        assert set(by_address) == {lead_head.email, partner_head.email, call_staff.email}
        for message in by_address.values():
            assert submission.sha256 in message.body and "OPEN-CALL-001" in message.subject
            for document in submission.snapshot["documents"]:
                assert document["sha256"] in message.body
        assert "Өтінім" in by_address[lead_head.email].subject  # Kazakh
        assert "Заявка" in by_address[partner_head.email].subject  # Russian
        assert "UTC+5" in by_address[partner_head.email].body

    def test_refused_while_a_rule_fails_with_every_failing_rule(self, application, lead_head):
        with pytest.raises(Invalid) as refused:
            applications.application_submit(application=application, actor=lead_head)
        assert refused.value.code == "application.incomplete"
        failing = {detail["code"] for detail in refused.value.details}
        assert {"lead.complete", "pilot.count", "documents.required", "budget.range"} <= failing
        application.refresh_from_db()
        assert application.status == "draft" and not Submission.objects.exists()

    def test_the_deadline_boundary_by_the_servers_clock(self, complete_application, lead_head, network_call):
        one_second = datetime.timedelta(seconds=1)
        with pytest.raises(Invalid) as refused:
            applications.application_submit(
                application=complete_application, actor=lead_head, now=network_call.deadline + one_second
            )
        assert {d["code"] for d in refused.value.details} == {"submission.deadline"}
        submission = applications.application_submit(
            application=complete_application, actor=lead_head, now=network_call.deadline - one_second
        )
        assert submission.submitted_at == network_call.deadline - one_second

    def test_only_a_head_of_the_lead_ngo_submits(self, complete_application, lead_colleague, partner_head):
        for person in (lead_colleague, partner_head):
            with pytest.raises(Forbidden):
                applications.application_submit(application=complete_application, actor=person)

    def test_twice_is_refused(self, complete_application, lead_head):
        applications.application_submit(application=complete_application, actor=lead_head)
        with pytest.raises(Conflict) as refused:
            applications.application_submit(application=complete_application, actor=lead_head)
        assert refused.value.code == "application.frozen"

    def test_replaced_files_are_let_go_at_submission(self, complete_application, network_call, lead_ngo, lead_head,
                                                     committed):  # fmt: skip
        slot = requirement(network_call, "registration-certificate")
        replaced = ApplicationDocument.objects.get(requirement=slot, organization=lead_ngo)
        applications.document_upload(
            application=complete_application, requirement=slot, organization=lead_ngo, upload=pdf_upload("v2.pdf"),
            actor=lead_head,
        )  # fmt: skip
        with committed():
            applications.application_submit(application=complete_application, actor=lead_head)
        assert not ApplicationDocument.objects.filter(pk=replaced.pk).exists()
        assert not replaced.file.storage.exists(replaced.file.name)


class TestFrozen:
    @pytest.fixture
    def submitted(self, complete_application, lead_head):
        applications.application_submit(application=complete_application, actor=lead_head)
        complete_application.refresh_from_db()
        return complete_application

    def test_no_service_changes_it(self, submitted, lead_head, lead_ngo, network_call):
        pilot = submitted.pilots.first()
        attempts = [
            lambda: applications.application_save_lead_form(
                application=submitted, actor=lead_head, data={"summary": "өзгеріс"}, version=submitted.version
            ),
            lambda: applications.pilot_add(application=submitted, organization=lead_ngo, actor=lead_head),
            lambda: applications.pilot_save(
                pilot=pilot, actor=lead_head, data=pilot_data("113820100", title="өзгеріс"), version=pilot.version
            ),
            lambda: applications.pilot_remove(pilot=pilot, actor=lead_head),
            lambda: applications.document_upload(
                application=submitted,
                requirement=requirement(network_call, "cv"),
                organization=lead_ngo,
                upload=pdf_upload(),
                actor=lead_head,
            ),  # fmt: skip
        ]
        for attempt in attempts:
            with pytest.raises(Conflict) as refused:
                attempt()
            assert refused.value.code == "application.frozen"
        assert submitted.pilots.count() == 4

    def test_the_submission_record_refuses_changes(self, submitted):
        submission = submitted.submissions.get()
        submission.snapshot["total_amount"] = "1.00"
        with pytest.raises(PermissionDenied):
            submission.save()
        with pytest.raises(PermissionDenied):
            Submission.objects.filter(pk=submission.pk).update(sha256="0" * 64)
        with pytest.raises(PermissionDenied):
            submission.delete()
        with pytest.raises(PermissionDenied):
            Submission.objects.all().delete()

    def test_a_snapshot_changed_in_the_database_no_longer_verifies(self, submitted):
        submission = submitted.submissions.get()
        tampered = {**submission.snapshot, "total_amount": "99000.00"}
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE grants_submission SET snapshot = %s WHERE id = %s",
                [canonical_json(tampered).decode(), submission.pk],
            )
        assert not submission_is_intact(Submission.objects.get(pk=submission.pk))
        assert submission_is_intact(submission)  # the receipt's own copy still hashes right


class TestReopening:
    @pytest.fixture
    def submitted(self, complete_application, lead_head):
        applications.application_submit(application=complete_application, actor=lead_head)
        complete_application.refresh_from_db()
        return complete_application

    def test_staff_reopen_with_a_reason_and_a_resubmission_gets_a_new_receipt(
        self, submitted, call_staff, lead_head, committed
    ):
        with committed():
            applications.application_reopen(application=submitted, actor=call_staff, reason="Анықтама ескірген")
        assert any(lead_head.email in m.to for m in mail.outbox)
        submitted.refresh_from_db()
        assert submitted.status == "draft"
        assert submitted.transitions.last().note == "Анықтама ескірген"
        assert ActivityEntry.objects.for_object(submitted).filter(verb="application.reopened").exists()
        applications.application_save_lead_form(
            application=submitted, actor=lead_head, data={"summary": "Жаңартылған"}, version=submitted.version
        )
        second = applications.application_submit(application=submitted, actor=lead_head)
        first = submitted.submissions.get(sequence=1)
        assert second.sequence == 2 and second.number == first.number and second.sha256 != first.sha256

    def test_not_by_the_lead_and_not_without_a_reason(self, submitted, lead_head, call_staff):
        with pytest.raises(Forbidden):
            applications.application_reopen(application=submitted, actor=lead_head, reason="Қате")
        with pytest.raises(Invalid) as refused:
            applications.application_reopen(application=submitted, actor=call_staff, reason=" ")
        assert refused.value.code == "application.reason"

    def test_after_the_deadline_staff_set_until_when(self, submitted, call_staff, lead_head, network_call):
        after = network_call.deadline + datetime.timedelta(days=2)
        with pytest.raises(Invalid) as refused:
            applications.application_reopen(application=submitted, actor=call_staff, reason="Түзету", now=after)
        assert refused.value.code == "application.reopen_until"
        Call.objects.filter(pk=network_call.pk).update(status="closed")
        until = after + datetime.timedelta(days=3)
        applications.application_reopen(
            application=submitted, actor=call_staff, reason="Түзету", until=until, now=after
        )
        submitted.refresh_from_db()
        submission = applications.application_submit(
            application=submitted, actor=lead_head, now=after + datetime.timedelta(days=1)
        )
        assert submission.sequence == 2
        submitted.refresh_from_db()
        assert submitted.reopened_until is None  # the extra time was for that one re-submission

    def test_a_draft_is_not_reopened(self, application, call_staff):
        with pytest.raises(Conflict):
            applications.application_reopen(application=application, actor=call_staff, reason="Түзету")


def test_staff_of_another_grant_maker_cannot_reopen(complete_application, lead_head, kato):
    from ..factories import OrganizationFactory

    other = OrganizationFactory(kind="grant_maker")
    stranger = UserFactory(is_staff=True)
    MembershipFactory(organization=other, user=stranger, role="head")
    applications.application_submit(application=complete_application, actor=lead_head)
    with pytest.raises(Forbidden):
        applications.application_reopen(application=complete_application, actor=stranger, reason="Түзету")


def test_the_staff_list_figures_follow_the_forms(complete_application):
    assert complete_application.total_amount == Decimal("11000.00")
    assert complete_application.checklist_errors == 0
    assert Application.objects.filter(call=complete_application.call, checklist_errors=0).count() == 1
    assert timezone.now() < complete_application.call.deadline


class TestAdmin:
    """The admin shows applications to the call's staff and changes nothing: forms and services do."""

    def test_the_calls_staff_read_but_cannot_change_or_delete(self, client_for, call_staff, complete_application):
        client = client_for(call_staff)
        url = f"/kk/admin/grants/application/{complete_application.pk}/change/"
        page = client.get(url)
        assert page.status_code == 200 and complete_application.consortium.lead.name_kk in page.content.decode()
        assert client.post(url, {"status": "draft", "summary": "өзгертілген"}).status_code == 403
        assert client.post(f"/kk/admin/grants/application/{complete_application.pk}/delete/").status_code == 403
        complete_application.refresh_from_db()
        assert complete_application.summary != "өзгертілген"

    def test_others_do_not_see_it(self, client_for, staff, complete_application):
        response = client_for(staff).get(f"/kk/admin/grants/application/{complete_application.pk}/change/")
        assert response.status_code in (302, 403, 404)


class TestReviewedEdges:
    """Edges found in review: each once refused badly or not at all."""

    def test_a_submitted_consortium_keeps_its_members(
        self, complete_application, lead_head, partner_head, consortium, network_call
    ):
        from ecodialogue.grants import consortia
        from ecodialogue.grants.models import ConsortiumMember

        from ..factories import OrganizationFactory

        applications.application_submit(application=complete_application, actor=lead_head)
        partner = ConsortiumMember.objects.get(consortium=consortium, is_lead=False)
        with pytest.raises(Conflict) as refused:
            consortia.consortium_withdraw(member=partner, actor=partner_head)
        assert refused.value.code == "application.frozen"
        with pytest.raises(Conflict):
            consortia.consortium_invite(
                consortium=consortium, organization=OrganizationFactory(network=True), actor=lead_head
            )

    def test_a_resubmission_keeps_the_files_an_earlier_receipt_lists(
        self, complete_application, lead_head, call_staff, network_call, lead_ngo
    ):
        first = applications.application_submit(application=complete_application, actor=lead_head)
        slot = requirement(network_call, "registration-certificate")
        listed = ApplicationDocument.objects.get(requirement=slot, organization=lead_ngo)
        applications.application_reopen(application=complete_application, actor=call_staff, reason="Жаңа анықтама")
        applications.document_upload(
            application=complete_application, requirement=slot, organization=lead_ngo, upload=pdf_upload("v2.pdf"),
            actor=lead_head,
        )  # fmt: skip
        second = applications.application_submit(application=complete_application, actor=lead_head)
        assert ApplicationDocument.objects.filter(pk=listed.pk).exists()
        assert listed.sha256 in {d["sha256"] for d in first.snapshot["documents"]}
        assert second.sequence == 2

    def test_an_absurd_budget_is_refused_not_a_crash(self, application, lead_ngo, lead_head):
        pilot = applications.pilot_add(application=application, organization=lead_ngo, actor=lead_head)
        data = pilot_data(
            "113820100",
            budget_lines=[{"category": "events", "item": "Сома", "quantity": Decimal("999999999"),
                           "unit_cost": Decimal("999999999")}],
        )  # fmt: skip
        with pytest.raises(Invalid) as refused:
            applications.pilot_save(pilot=pilot, actor=lead_head, data=data, version=pilot.version)
        assert refused.value.code == "budget.too_large"

    def test_a_decompression_bomb_is_refused(self, application, network_call, lead_ngo, lead_head):
        import struct
        import zlib

        RequiredDocument.objects.filter(call=network_call, code="experience").update(file_types=["png"])

        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
        bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
        with pytest.raises(Invalid):
            applications.document_upload(
                application=application, requirement=requirement(network_call, "experience"),
                organization=lead_ngo, upload=SimpleUploadedFile("bomb.png", bomb), actor=lead_head,
            )  # fmt: skip

    def test_a_slot_without_file_types_takes_pdf_and_the_rule_agrees(
        self, complete_application, lead_head, network_call
    ):
        RequiredDocument.objects.filter(call=network_call).update(file_types=[])
        submission = applications.application_submit(application=complete_application, actor=lead_head)
        assert submission.sequence == 1

    def test_an_expired_e_mail_invitation_frees_its_place(self, consortium, lead_head):
        from ecodialogue.grants import consortia

        invitation = consortia.consortium_invite_by_email(
            consortium=consortium, email="late@example.kz", organization_name="Кеш", language="kk", actor=lead_head
        )
        later = invitation.expires_at + datetime.timedelta(minutes=1)
        again = consortia.consortium_invite_by_email(
            consortium=consortium, email="late@example.kz", organization_name="Кеш", language="kk", actor=lead_head,
            now=later,
        )  # fmt: skip
        invitation.refresh_from_db()
        assert invitation.status == "revoked" and again.status == "pending"

    def test_numbers_of_calls_whose_codes_differ_in_case_do_not_collide(self, complete_application, lead_head):
        Application.objects.create(
            consortium=complete_application.consortium.__class__.objects.create(
                call=Call.objects.create(grant_maker=complete_application.call.grant_maker, code="Open-Call"),
                lead=complete_application.consortium.lead,
            ),
            call=Call.objects.get(code="Open-Call"),
            language="kk",
            number="OPEN-CALL-001",
        )
        submission = applications.application_submit(application=complete_application, actor=lead_head)
        assert submission.number == f"OPEN-CALL-{complete_application.call_id}-001"
