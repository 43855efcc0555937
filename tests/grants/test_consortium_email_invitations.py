"""An NGO not yet on the platform is invited by e-mail, registers, and joins the consortium through the link."""

import datetime
import re

import pytest
from django.core import mail

from ecodialogue.core.errors import Conflict, Forbidden, Invalid, NotFound
from ecodialogue.grants import consortia
from ecodialogue.grants.models import ConsortiumEmailInvitation, ConsortiumMember
from ecodialogue.organizations.models import Membership

from ..factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def formed(network_call, lead_ngo, lead_head):
    return consortia.consortium_create(call=network_call, lead=lead_ngo, actor=lead_head)


def invite(consortium, actor, email="director@taza-ozen.kz", language="ru"):
    return consortia.consortium_invite_by_email(
        consortium=consortium, email=email, organization_name="«Таза өзен» қоғамдық қоры", language=language,
        actor=actor,
    )  # fmt: skip


def token_from(message) -> str:
    return re.search(r"/consortium-invitations/([\w-]+)/", message.body).group(1)


def newcomer_ngo():
    head = UserFactory(email="director@taza-ozen.kz")
    organization = OrganizationFactory(network=True)
    MembershipFactory(organization=organization, user=head, role=Membership.Role.HEAD)
    return organization, head


def test_the_invitation_goes_by_e_mail_in_the_chosen_language_and_the_link_joins(
    formed, lead_head, committed, client_for
):
    with committed():
        invitation = invite(formed, lead_head)
    message = mail.outbox[-1]
    assert message.to == ["director@taza-ozen.kz"] and "консорциум" in message.body.lower()
    assert "/ru/consortium-invitations/" in message.body
    token = token_from(message)
    assert ConsortiumEmailInvitation.objects.get().token_hash != token  # only the hash is stored

    anonymous = client_for(None).get(f"/kk/consortium-invitations/{token}/")
    assert anonymous.status_code == 200 and "/account/signup/" in anonymous.content.decode()

    organization, head = newcomer_ngo()
    page = client_for(head).post(f"/kk/consortium-invitations/{token}/", {"organization": organization.pk})
    assert page.status_code == 302
    member = ConsortiumMember.objects.get(consortium=formed, organization=organization)
    assert member.status == "accepted"
    invitation.refresh_from_db()
    assert invitation.status == "claimed" and invitation.claimed_for == organization


def test_a_used_or_unknown_link_refuses(formed, lead_head, committed):
    with committed():
        invite(formed, lead_head)
    token = token_from(mail.outbox[-1])
    organization, head = newcomer_ngo()
    consortia.consortium_email_invitation_claim(token=token, organization=organization, actor=head)
    with pytest.raises(Conflict):
        consortia.consortium_email_invitation_claim(token=token, organization=organization, actor=head)
    with pytest.raises(NotFound):
        consortia.consortium_email_invitation_claim(token="forged", organization=organization, actor=head)


def test_an_expired_link_refuses(formed, lead_head, committed):
    with committed():
        invitation = invite(formed, lead_head)
    organization, head = newcomer_ngo()
    with pytest.raises(Invalid) as refused:
        consortia.consortium_email_invitation_claim(
            token=token_from(mail.outbox[-1]), organization=organization, actor=head,
            now=invitation.expires_at + datetime.timedelta(seconds=1),
        )  # fmt: skip
    assert refused.value.code == "invitation.expired"


def test_the_same_rules_as_any_member(formed, lead_head, committed, network_call):
    with committed():
        invite(formed, lead_head)
    token = token_from(mail.outbox[-1])
    not_a_member = OrganizationFactory(network_status="none")
    head = UserFactory()
    MembershipFactory(organization=not_a_member, user=head, role=Membership.Role.HEAD)
    with pytest.raises(Invalid) as refused:
        consortia.consortium_email_invitation_claim(token=token, organization=not_a_member, actor=head)
    assert refused.value.code == "eligibility.network"
    organization, _head = newcomer_ngo()
    with pytest.raises(Forbidden):
        consortia.consortium_email_invitation_claim(token=token, organization=organization, actor=UserFactory())


def test_pending_e_mail_invitations_count_against_the_maximum(formed, lead_head):
    for number in range(3):
        invite(formed, lead_head, email=f"ngo{number}@example.kz")
    with pytest.raises(Invalid) as refused:
        invite(formed, lead_head, email="fifth@example.kz")
    assert refused.value.code == "consortium.size"
    with pytest.raises(Invalid):
        consortia.consortium_invite(consortium=formed, organization=OrganizationFactory(network=True), actor=lead_head)


def test_only_the_leads_head_invites_and_revokes(formed, lead_head, lead_colleague, client_for):
    with pytest.raises(Forbidden):
        invite(formed, lead_colleague)
    invitation = invite(formed, lead_head)
    assert (
        client_for(lead_colleague)
        .post(f"/kk/consortia/{formed.pk}/email-invitations/{invitation.pk}/revoke/")
        .status_code
        == 403
    )
    client_for(lead_head).post(f"/kk/consortia/{formed.pk}/email-invitations/{invitation.pk}/revoke/")
    invitation.refresh_from_db()
    assert invitation.status == "revoked"


def test_registering_on_the_way_comes_back_to_the_invitation(client_for, kato):
    newcomer = UserFactory()
    response = client_for(newcomer).post(
        "/kk/organisations/new/",
        {
            "kind": "ngo",
            "country": "KZ",
            "name_kk": "«Жаңа» қоры",
            "bin": "940140000385",
            "next": "/kk/consortium-invitations/abc/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/kk/consortium-invitations/abc/"
    outside = client_for(newcomer).post(
        "/kk/organisations/new/",
        {
            "kind": "ngo",
            "country": "KZ",
            "name_kk": "«Басқа» қоры",
            "bin": "971240001315",
            "next": "https://evil.example/",
        },
    )
    assert outside.status_code == 302 and "evil" not in outside["Location"]
