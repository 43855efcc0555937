"""Organisations and their people, told through the services every page and the API call."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ecodialogue.core.errors import Conflict, Invalid, NotFound
from ecodialogue.core.models import ActivityEntry
from ecodialogue.organizations import services
from ecodialogue.organizations.models import Invitation, JoinRequest, Membership, Organization

from ..factories import OrganizationFactory, UserFactory, next_bin
from .pdfs import minimal_pdf

pytestmark = pytest.mark.django_db


def register(user, **data):
    data = {"kind": "ngo", "name_kk": "«Таза ауыл» қоғамдық бірлестігі", "bin": next_bin(), "country": "KZ", **data}
    return services.organization_register(user=user, data=data)


class TestRegistration:
    def test_the_registrant_becomes_head_and_the_event_is_logged(self, head, atbasar):
        organization = register(head, settlement=atbasar)
        assert organization.memberships.get().role == Membership.Role.HEAD
        assert organization.region_id == "110000000"  # derived from the settlement
        assert "атбасар" in organization.search_text
        assert ActivityEntry.objects.for_object(organization).get().verb == "organization.registered"

    @pytest.mark.parametrize(
        ("bin_value", "code"),
        [("940140000386", "bin.checksum"), ("12345", "bin.length"), ("94014000038x", "bin.digits")],
    )
    def test_an_invalid_bin_is_refused_and_nothing_is_saved(self, head, bin_value, code):
        with pytest.raises(Invalid) as refused:
            register(head, bin=bin_value)
        assert refused.value.code == code
        assert not Organization.objects.exists()
        assert not Membership.objects.exists()

    def test_a_duplicate_bin_names_the_existing_organisation(self, head, ngo):
        with pytest.raises(Conflict) as refused:
            register(head, bin=ngo.bin)
        assert refused.value.code == "bin.duplicate"
        assert refused.value.details == {"organization_id": ngo.pk}
        assert Organization.objects.count() == 1

    def test_a_bin_is_required_in_kazakhstan_but_not_for_initiative_groups_and_foreign_donors(self, head):
        with pytest.raises(Invalid) as refused:
            register(head, bin="")
        assert refused.value.code == "bin.required"
        assert register(head, kind="initiative_group", bin="").bin is None
        assert register(head, kind="donor", country="DE", bin="", name_kk="Donor").bin is None

    def test_a_name_in_some_language_is_required(self, head):
        with pytest.raises(Invalid) as refused:
            register(head, name_kk="", name_ru="", name_en="")
        assert refused.value.code == "organization.name_required"


class TestCertificateAndVerification:
    def test_a_pdf_certificate_is_stored_privately(self, ngo, head):
        services.organization_upload_certificate(
            organization=ngo, actor=head, upload=SimpleUploadedFile("cert.pdf", minimal_pdf(), "application/pdf")
        )
        ngo.refresh_from_db()
        assert ngo.certificate.name.startswith("certificates/")
        assert "cert" not in ngo.certificate.name.split("/")[-1]  # random names, never the uploaded one
        assert ngo.certificate_uploaded_at is not None

    @pytest.mark.parametrize(
        ("content", "code"),
        [
            (b"MZ\x90\x00 this is an executable", "not_pdf"),
            (b"%PDF-1.4\n garbage that is not a pdf", "pdf_damaged"),
            (b"", "file_empty"),
        ],
    )
    def test_a_non_pdf_is_refused_whatever_its_name(self, ngo, head, content, code):
        with pytest.raises(Invalid) as refused:
            services.organization_upload_certificate(
                organization=ngo, actor=head, upload=SimpleUploadedFile("certificate.pdf", content, "application/pdf")
            )
        assert refused.value.code == code
        ngo.refresh_from_db()
        assert not ngo.certificate

    def test_an_oversized_file_is_refused(self, ngo, head, settings):
        settings.MAX_UPLOAD_BYTES = 100
        with pytest.raises(Invalid) as refused:
            services.organization_upload_certificate(
                organization=ngo, actor=head, upload=SimpleUploadedFile("c.pdf", minimal_pdf(), "application/pdf")
            )
        assert refused.value.code == "file_too_large"

    def test_verification_needs_the_certificate(self, ngo, staff):
        with pytest.raises(Invalid) as refused:
            services.organization_verify(organization=ngo, actor=staff, status="verified")
        assert refused.value.code == "verification.certificate_missing"

    def test_staff_verify_and_the_heads_are_told_in_their_language(self, committed, ngo, head, staff):
        services.organization_upload_certificate(
            organization=ngo, actor=head, upload=SimpleUploadedFile("c.pdf", minimal_pdf(), "application/pdf")
        )
        mail.outbox.clear()
        with committed():
            services.organization_verify(organization=ngo, actor=staff, status="verified")
        ngo.refresh_from_db()
        assert ngo.is_verified and ngo.verified_by == staff
        assert [m.to for m in mail.outbox] == [[head.email]]
        assert ngo.name_kk in mail.outbox[0].subject  # head reads Kazakh: the Kazakh name is used

    def test_a_rejection_needs_a_reason(self, ngo, staff):
        with pytest.raises(Invalid) as refused:
            services.organization_verify(organization=ngo, actor=staff, status="rejected", note="  ")
        assert refused.value.code == "verification.reason_required"
        services.organization_verify(
            organization=ngo, actor=staff, status="rejected", note="The certificate is from 2019."
        )
        ngo.refresh_from_db()
        assert ngo.verification_status == "rejected"
        assert ActivityEntry.objects.for_object(ngo).filter(verb="organization.rejected").exists()

    def test_network_membership_defaults_to_today(self, ngo, staff):
        services.organization_set_network(organization=ngo, actor=staff, status="member", since=None)
        ngo.refresh_from_db()
        assert ngo.is_network_member and ngo.network_member_since == timezone.localdate()
        services.organization_set_network(organization=ngo, actor=staff, status="none", since=datetime.date(2020, 1, 1))
        ngo.refresh_from_db()
        assert ngo.network_member_since is None


@pytest.fixture
def invite(committed):
    def send(ngo, head, email="new.person@example.kz", role="member", language="ru"):
        with committed():
            services.invitation_create(organization=ngo, actor=head, email=email, role=role, language=language)
        return mail.outbox[-1].body.split("/invitations/")[1].split("/")[0]

    return send


class TestInvitations:
    def test_an_invitation_is_mailed_in_the_chosen_language_with_a_working_link(self, invite, ngo, head):
        token = invite(ngo, head, language="ru")
        message = mail.outbox[-1]
        assert message.to == ["new.person@example.kz"]
        assert "/ru/invitations/" in message.body
        newcomer = UserFactory(email="new.person@example.kz")
        membership = services.invitation_accept(token=token, user=newcomer)
        assert membership.role == "member" and membership.organization == ngo
        assert Invitation.objects.get().status == "accepted"

    def test_the_token_is_not_stored(self, invite, ngo, head):
        token = invite(ngo, head)
        assert not Invitation.objects.filter(token_hash=token).exists()

    def test_a_forged_token_is_refused(self, invite, ngo, head, outsider):
        invite(ngo, head)
        with pytest.raises(NotFound) as refused:
            services.invitation_accept(token="forged-token", user=outsider)
        assert refused.value.code == "invitation.not_found"
        assert not ngo.memberships.filter(user=outsider).exists()

    def test_an_expired_invitation_is_refused(self, invite, ngo, head, outsider):
        token = invite(ngo, head)
        Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
        with pytest.raises(Invalid) as refused:
            services.invitation_accept(token=token, user=outsider)
        assert refused.value.code == "invitation.expired"
        assert not ngo.memberships.filter(user=outsider).exists()

    def test_an_invitation_is_used_once(self, invite, ngo, head, outsider):
        token = invite(ngo, head)
        services.invitation_decline(token=token, user=outsider)
        with pytest.raises(Conflict):
            services.invitation_accept(token=token, user=outsider)

    def test_members_and_pending_invitees_are_not_invited_twice(self, invite, ngo, head, colleague):
        with pytest.raises(Conflict) as refused:
            services.invitation_create(
                organization=ngo, actor=head, email=colleague.email.upper(), role="member", language="kk"
            )
        assert refused.value.code == "invitation.already_member"
        invite(ngo, head)
        with pytest.raises(Conflict) as refused:
            services.invitation_create(
                organization=ngo, actor=head, email="New.Person@example.kz", role="member", language="kk"
            )
        assert refused.value.code == "invitation.pending"

    def test_a_revoked_invitation_no_longer_works(self, invite, ngo, head, outsider):
        token = invite(ngo, head)
        services.invitation_revoke(invitation=Invitation.objects.get(), actor=head)
        with pytest.raises(Conflict):
            services.invitation_accept(token=token, user=outsider)


class TestHeads:
    def test_the_last_head_cannot_leave_or_step_down(self, ngo, head):
        membership = ngo.memberships.get(user=head)
        with pytest.raises(Conflict) as refused:
            services.membership_remove(membership=membership, actor=head)
        assert refused.value.code == "membership.last_head"
        with pytest.raises(Conflict):
            services.membership_set_role(membership=membership, actor=head, role="member")
        assert ngo.memberships.filter(user=head, role="head").exists()

    def test_a_head_can_leave_once_another_head_exists(self, ngo, head, colleague):
        services.membership_set_role(membership=ngo.memberships.get(user=colleague), actor=head, role="head")
        services.membership_remove(membership=ngo.memberships.get(user=head), actor=head)
        assert list(ngo.memberships.values_list("user__email", "role")) == [(colleague.email, "head")]
        assert ActivityEntry.objects.for_object(ngo).filter(verb="membership.left").exists()


class TestJoinRequests:
    def test_a_person_asks_to_join_and_a_head_approves(self, committed, ngo, head, outsider):
        mail.outbox.clear()
        with committed():
            join_request = services.join_request_create(
                organization=ngo, user=outsider, message="Мен осы ұйымда жұмыс істеймін."
            )
        assert [m.to for m in mail.outbox] == [[head.email]]
        with committed():
            services.join_request_decide(join_request=join_request, actor=head, approve=True)
        assert ngo.memberships.filter(user=outsider, role="member").exists()
        assert mail.outbox[-1].to == [outsider.email]

    def test_asking_twice_or_as_a_member_is_refused(self, ngo, colleague, outsider):
        with pytest.raises(Conflict):
            services.join_request_create(organization=ngo, user=colleague)
        services.join_request_create(organization=ngo, user=outsider)
        with pytest.raises(Conflict) as refused:
            services.join_request_create(organization=ngo, user=outsider)
        assert refused.value.code == "join_request.pending"

    def test_a_declined_request_adds_nobody_and_cannot_be_decided_again(self, ngo, head, outsider):
        join_request = services.join_request_create(organization=ngo, user=outsider)
        services.join_request_decide(join_request=join_request, actor=head, approve=False)
        assert not ngo.memberships.filter(user=outsider).exists()
        assert JoinRequest.objects.get().status == "declined"
        with pytest.raises(Conflict):
            services.join_request_decide(join_request=join_request, actor=head, approve=True)


def test_the_activity_log_is_append_only(head):
    register(head)
    entry = ActivityEntry.objects.first()
    entry.verb = "forged"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        ActivityEntry.objects.all().delete()
    with pytest.raises(PermissionDenied):
        ActivityEntry.objects.update(verb="forged")
    assert not ActivityEntry.objects.filter(verb="forged").exists()


def test_organization_factory_builds_search_text(atbasar):
    organization = OrganizationFactory(settlement=atbasar)
    assert organization.bin in organization.search_text


def test_changing_identity_repeats_the_verification_but_a_new_phone_does_not(ngo, head):
    Organization.objects.filter(pk=ngo.pk).update(verification_status="verified")
    ngo.refresh_from_db()
    services.organization_update(organization=ngo, actor=head, data={"public_phone": "+7 716 000 00 00"})
    ngo.refresh_from_db()
    assert ngo.is_verified
    services.organization_update(organization=ngo, actor=head, data={"bin": next_bin()})
    ngo.refresh_from_db()
    assert ngo.verification_status == "unverified"
    assert ActivityEntry.objects.for_object(ngo).filter(verb="organization.verification_reset").exists()
