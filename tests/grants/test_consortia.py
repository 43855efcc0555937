"""Consortia: the lead NGO forms one, invites NGOs, they accept or decline — within the call's rules."""

import pytest
from django.core import mail

from ecodialogue.core.errors import Conflict, Forbidden, Invalid
from ecodialogue.grants import consortia
from ecodialogue.grants.models import Call, ConsortiumMember
from ecodialogue.organizations.models import Membership

from ..factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def ngo_with_head(**traits):
    """A network-member NGO and its head (the seed call admits network members only)."""
    organization = OrganizationFactory(network=True, **traits)
    head = UserFactory()
    MembershipFactory(organization=organization, user=head, role=Membership.Role.HEAD)
    return organization, head


@pytest.fixture
def network_call(open_call):
    Call.objects.filter(pk=open_call.pk).update(network_members_only=True)
    open_call.refresh_from_db()
    return open_call


@pytest.fixture
def lead(network_call):
    return ngo_with_head()


@pytest.fixture
def consortium(network_call, lead):
    return consortia.consortium_create(call=network_call, lead=lead[0], actor=lead[1])


class TestForming:
    def test_the_lead_becomes_the_first_accepted_member(self, consortium, lead):
        member = consortium.members.get()
        assert member.organization == lead[0] and member.is_lead and member.status == "accepted"

    def test_only_a_head_of_the_lead_ngo_forms_it(self, network_call, lead, outsider):
        with pytest.raises(Forbidden):
            consortia.consortium_create(call=network_call, lead=lead[0], actor=outsider)

    def test_a_call_that_is_not_open_refuses(self, network_call, lead):
        Call.objects.filter(pk=network_call.pk).update(status="closed")
        network_call.refresh_from_db()
        with pytest.raises(Invalid) as refused:
            consortia.consortium_create(call=network_call, lead=lead[0], actor=lead[1])
        assert refused.value.code == "call.not_open"

    @pytest.mark.parametrize(
        ("traits", "code"),
        [
            ({"network_status": "none"}, "eligibility.network"),
            ({"kind": "akimat"}, "eligibility.kind"),
            ({"kind": "initiative_group", "bin": None}, "eligibility.kind"),
        ],
    )
    def test_ineligible_leads_are_refused(self, network_call, traits, code):
        organization, head = ngo_with_head(**traits)
        with pytest.raises(Invalid) as refused:
            consortia.consortium_create(call=network_call, lead=organization, actor=head)
        assert refused.value.code == code

    def test_a_lead_already_in_a_consortium_of_the_call_cannot_form_another(self, consortium, network_call, lead):
        with pytest.raises(Conflict) as refused:
            consortia.consortium_create(call=network_call, lead=lead[0], actor=lead[1])
        assert refused.value.code == "consortium.one_per_call"


class TestInvitations:
    def test_invited_heads_get_an_email_in_their_language_and_accept(self, consortium, lead, committed):
        partner, partner_head = ngo_with_head()
        partner_head.preferred_language = "ru"
        partner_head.save()
        with committed():
            member = consortia.consortium_invite(consortium=consortium, organization=partner, actor=lead[1])
        assert mail.outbox[-1].to == [partner_head.email]
        assert f"/ru/consortia/{consortium.pk}/" in mail.outbox[-1].body
        with committed():
            consortia.consortium_respond(member=member, actor=partner_head, accept=True)
        member.refresh_from_db()
        assert member.status == "accepted"
        assert mail.outbox[-1].to == [lead[1].email]

    def test_only_the_invited_organisations_head_answers(self, consortium, lead, outsider):
        partner, _head = ngo_with_head()
        member = consortia.consortium_invite(consortium=consortium, organization=partner, actor=lead[1])
        for stranger in (outsider, lead[1]):
            with pytest.raises(Forbidden):
                consortia.consortium_respond(member=member, actor=stranger, accept=True)
        member.refresh_from_db()
        assert member.status == "invited"

    def test_the_consortium_cannot_grow_beyond_the_calls_maximum(self, consortium, lead, network_call):
        for _ in range(network_call.consortium_max - 1):
            consortia.consortium_invite(consortium=consortium, organization=ngo_with_head()[0], actor=lead[1])
        with pytest.raises(Invalid) as refused:
            consortia.consortium_invite(consortium=consortium, organization=ngo_with_head()[0], actor=lead[1])
        assert refused.value.code == "consortium.size"
        assert consortium.members.count() == network_call.consortium_max

    def test_an_ngo_accepted_elsewhere_in_the_call_is_refused_without_naming_the_other(
        self, consortium, network_call, lead
    ):
        partner, partner_head = ngo_with_head()
        other_lead, other_head = ngo_with_head()
        other = consortia.consortium_create(call=network_call, lead=other_lead, actor=other_head)
        first = consortia.consortium_invite(consortium=consortium, organization=partner, actor=lead[1])
        second = consortia.consortium_invite(consortium=other, organization=partner, actor=other_head)
        consortia.consortium_respond(member=first, actor=partner_head, accept=True)
        with pytest.raises(Conflict) as refused:
            consortia.consortium_respond(member=second, actor=partner_head, accept=True)
        assert refused.value.code == "consortium.one_per_call"
        assert lead[0].name not in str(refused.value.message)  # the other consortium stays private
        second.refresh_from_db()
        assert second.status == "invited"
        with pytest.raises(Conflict):
            consortia.consortium_invite(consortium=other, organization=partner, actor=other_head)

    def test_an_invitation_is_not_repeated_and_an_answer_is_final(self, consortium, lead):
        partner, partner_head = ngo_with_head()
        member = consortia.consortium_invite(consortium=consortium, organization=partner, actor=lead[1])
        with pytest.raises(Conflict):
            consortia.consortium_invite(consortium=consortium, organization=partner, actor=lead[1])
        consortia.consortium_respond(member=member, actor=partner_head, accept=False)
        with pytest.raises(Conflict):
            consortia.consortium_respond(member=member, actor=partner_head, accept=True)

    def test_initiative_groups_join_only_as_partners_when_the_call_allows(self, consortium, lead, network_call):
        group, _head = ngo_with_head(kind="initiative_group", bin=None)
        consortia.consortium_invite(consortium=consortium, organization=group, actor=lead[1])
        Call.objects.filter(pk=network_call.pk).update(initiative_groups_as_partners=False)
        other_group, _ = ngo_with_head(kind="initiative_group", bin=None)
        consortium.refresh_from_db()
        with pytest.raises(Invalid) as refused:
            consortia.consortium_invite(consortium=consortium, organization=other_group, actor=lead[1])
        assert refused.value.code == "eligibility.kind"


class TestWithdrawing:
    def test_the_lead_withdraws_an_invitation_and_a_member_may_leave(self, consortium, lead):
        invited, _ = ngo_with_head()
        joined, joined_head = ngo_with_head()
        first = consortia.consortium_invite(consortium=consortium, organization=invited, actor=lead[1])
        second = consortia.consortium_invite(consortium=consortium, organization=joined, actor=lead[1])
        consortia.consortium_respond(member=second, actor=joined_head, accept=True)
        consortia.consortium_withdraw(member=first, actor=lead[1])
        consortia.consortium_withdraw(member=second, actor=joined_head)
        assert set(consortium.members.values_list("status", flat=True)) == {"accepted", "withdrawn"}
        assert ConsortiumMember.objects.filter(consortium=consortium, status="accepted").get().is_lead

    def test_the_lead_stays_and_strangers_cannot_withdraw(self, consortium, lead, outsider):
        with pytest.raises(Invalid):
            consortia.consortium_withdraw(member=consortium.members.get(is_lead=True), actor=lead[1])
        partner, _ = ngo_with_head()
        member = consortia.consortium_invite(consortium=consortium, organization=partner, actor=lead[1])
        with pytest.raises(Forbidden):
            consortia.consortium_withdraw(member=member, actor=outsider)


@pytest.mark.parametrize("who", ["anonymous", "outsider", "invited head", "lead head", "call staff", "other staff"])
def test_the_consortium_page_is_for_its_people_and_the_calls_staff(
    client_for, consortium, lead, outsider, call_staff, staff, who
):
    partner, partner_head = ngo_with_head()
    consortia.consortium_invite(consortium=consortium, organization=partner, actor=lead[1])
    people = {"anonymous": None, "outsider": outsider, "invited head": partner_head, "lead head": lead[1],
              "call staff": call_staff, "other staff": staff}  # fmt: skip
    response = client_for(people[who]).get(f"/kk/consortia/{consortium.pk}/")
    expected = {"anonymous": 302, "outsider": 404, "other staff": 404}.get(who, 200)
    assert response.status_code == expected


def test_the_lead_invites_from_the_page_and_the_partner_accepts(client_for, consortium, lead):
    partner, partner_head = ngo_with_head(name_kk="«Ақсу жастары» қоғамдық бірлестігі")
    page = client_for(lead[1]).get(f"/kk/consortia/{consortium.pk}/", {"query": "ақсу"}).content.decode()
    assert "«Ақсу жастары» қоғамдық бірлестігі" in page
    client_for(lead[1]).post(f"/kk/consortia/{consortium.pk}/invite/", {"organization": partner.pk})
    member = consortium.members.get(organization=partner)
    response = client_for(partner_head).post(
        f"/kk/consortia/{consortium.pk}/members/{member.pk}/", {"decision": "accept"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == "accepted"


def test_outsiders_cannot_invite_or_answer_through_the_pages(client_for, consortium, lead, outsider):
    partner, _ = ngo_with_head()
    assert (
        client_for(outsider).post(f"/kk/consortia/{consortium.pk}/invite/", {"organization": partner.pk}).status_code
        == 404
    )
    assert not consortium.members.filter(organization=partner).exists()


def test_a_head_forms_a_consortium_from_the_call_page(client_for, network_call):
    organization, head = ngo_with_head()
    client = client_for(head)
    page = client.get(f"/kk/calls/{network_call.code}/").content.decode()
    assert f'value="{organization.pk}"' in page
    response = client.post(f"/kk/calls/{network_call.code}/consortia/new/", {"lead": organization.pk})
    assert response.status_code == 302 and "/consortia/" in response["Location"]
    assert network_call.consortia.get().lead == organization


def test_my_consortia_lists_invitations_waiting(client_for, consortium, lead, outsider):
    partner, partner_head = ngo_with_head(name_kk="«Ақсу жастары» қоғамдық бірлестігі")
    consortia.consortium_invite(consortium=consortium, organization=partner, actor=lead[1])
    page = client_for(partner_head).get("/kk/consortia/mine/").content.decode()
    assert consortium.get_absolute_url() in page and "«Ақсу жастары» қоғамдық бірлестігі" in page
    assert consortium.get_absolute_url() not in client_for(outsider).get("/kk/consortia/mine/").content.decode()
    assert client_for(None).get("/kk/consortia/mine/").status_code == 302


def test_after_declining_the_call_page_offers_to_form_a_consortium_again(client_for, consortium, lead):
    partner, partner_head = ngo_with_head()
    member = consortia.consortium_invite(consortium=consortium, organization=partner, actor=lead[1])
    assert (
        consortium.get_absolute_url()
        in client_for(partner_head).get(consortium.call.get_absolute_url()).content.decode()
    )
    consortia.consortium_respond(member=member, actor=partner_head, accept=False)
    page = client_for(partner_head).get(consortium.call.get_absolute_url()).content.decode()
    assert consortium.get_absolute_url() not in page and 'id="form-title"' in page
    assert consortium.get_absolute_url() not in client_for(partner_head).get("/kk/consortia/mine/").content.decode()


def test_a_missing_decision_is_not_a_decline(client_for, consortium, lead):
    partner, partner_head = ngo_with_head()
    member = consortia.consortium_invite(consortium=consortium, organization=partner, actor=lead[1])
    client_for(partner_head).post(f"/kk/consortia/{consortium.pk}/members/{member.pk}/", {})
    member.refresh_from_db()
    assert member.status == "invited"


def test_an_ngo_that_left_the_network_cannot_accept_and_nobody_leaves_after_the_deadline(
    consortium, lead, network_call
):
    partner, partner_head = ngo_with_head()
    member = consortia.consortium_invite(consortium=consortium, organization=partner, actor=lead[1])
    type(partner).objects.filter(pk=partner.pk).update(network_status="none")
    with pytest.raises(Invalid) as refused:
        consortia.consortium_respond(member=member, actor=partner_head, accept=True)
    assert refused.value.code == "eligibility.network"
    Call.objects.filter(pk=network_call.pk).update(status="closed")
    with pytest.raises(Invalid) as refused:
        consortia.consortium_withdraw(member=member, actor=lead[1])
    assert refused.value.code == "call.not_open"
