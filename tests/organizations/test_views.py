"""The directory's pages, for everyone who may or may not use them."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from ecodialogue.organizations.models import Invitation, JoinRequest, Membership, Organization

from ..factories import MembershipFactory, OrganizationFactory, UserFactory, next_bin
from .pdfs import minimal_pdf

pytestmark = pytest.mark.django_db

ANON, OUTSIDER, MEMBER, HEAD, STAFF = "anonymous", "outsider", "member", "head", "staff"


@pytest.fixture
def people(head, colleague, outsider, staff):
    return {ANON: None, OUTSIDER: outsider, MEMBER: colleague, HEAD: head, STAFF: staff}


def url(name, ngo, *args):
    with translation.override("kk"):
        return reverse(f"organizations:{name}", args=[ngo.pk, *args])


# Expected status per person; 302 for anonymous means "sent to sign in".
PAGES = [
    ("GET", "detail", {ANON: 200, OUTSIDER: 200, MEMBER: 200, HEAD: 200, STAFF: 200}),
    ("GET", "edit", {ANON: 302, OUTSIDER: 403, MEMBER: 403, HEAD: 200, STAFF: 200}),
    ("GET", "people", {ANON: 302, OUTSIDER: 403, MEMBER: 200, HEAD: 200, STAFF: 200}),
    ("POST", "people", {ANON: 302, OUTSIDER: 403, MEMBER: 403, HEAD: 302, STAFF: 403}),
    ("GET", "certificate", {ANON: 302, OUTSIDER: 403, MEMBER: 404, HEAD: 200, STAFF: 404}),
    ("POST", "certificate", {ANON: 302, OUTSIDER: 403, MEMBER: 403, HEAD: 302, STAFF: 403}),
    ("POST", "verify", {ANON: 302, OUTSIDER: 403, MEMBER: 403, HEAD: 403, STAFF: 302}),
    ("POST", "network", {ANON: 302, OUTSIDER: 403, MEMBER: 403, HEAD: 403, STAFF: 302}),
    ("POST", "leave", {ANON: 302, OUTSIDER: 403, MEMBER: 302, HEAD: 302, STAFF: 403}),
]

POST_DATA = {
    "people": {"email": "friend@example.kz", "role": "member", "language": "kk"},
    "verify": {"status": "rejected", "note": "Анықтама оқылмайды."},
    "network": {"status": "member", "since": "2025-03-01"},
}


@pytest.mark.parametrize(("method", "name", "expected"), PAGES, ids=[f"{m} {n}" for m, n, _ in PAGES])
@pytest.mark.parametrize("who", [ANON, OUTSIDER, MEMBER, HEAD, STAFF])
def test_every_page_answers_each_person_as_the_rules_say(client_for, people, ngo, method, name, expected, who):
    client = client_for(people[who])
    target = url(name, ngo)
    if method == "GET":
        response = client.get(target)
    elif name == "certificate":
        response = client.post(target, {"certificate": SimpleUploadedFile("c.pdf", minimal_pdf(), "application/pdf")})
    else:
        response = client.post(target, POST_DATA.get(name, {}))
    assert response.status_code == expected[who]
    if who == ANON and expected[who] == 302:
        assert "/account/login/" in response["Location"]


@pytest.mark.parametrize("name", ["membership-remove", "membership-role"])
@pytest.mark.parametrize(("who", "status"), [(ANON, 302), (OUTSIDER, 403), (MEMBER, 403), (STAFF, 403), (HEAD, 302)])
def test_only_heads_manage_people(client_for, people, ngo, colleague, name, who, status):
    membership = ngo.memberships.get(user=colleague)
    response = client_for(people[who]).post(url(name, ngo, membership.pk), {"role": "head"})
    assert response.status_code == status
    still_member = ngo.memberships.filter(user=colleague, role="member").exists()
    assert still_member == (who != HEAD)


def test_a_head_cannot_manage_people_of_another_organisation(client_for, head, ngo):
    other = OrganizationFactory()
    stranger = MembershipFactory(organization=other)
    response = client_for(head).post(url("membership-remove", ngo, stranger.pk))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=stranger.pk).exists()


def test_unknown_organisation_is_404(client):
    assert client.get("/kk/organisations/999999/").status_code == 404


def test_people_and_activity_are_shown_only_to_members_and_staff(client_for, people, ngo, colleague):
    for who in (ANON, OUTSIDER):
        body = client_for(people[who]).get(url("detail", ngo)).content.decode()
        assert colleague.full_name not in body
    for who in (MEMBER, HEAD, STAFF):
        body = client_for(people[who]).get(url("detail", ngo)).content.decode()
        assert colleague.full_name in body


def test_private_contacts_never_reach_public_pages(client, ngo, colleague):
    colleague.phone = "+7 701 000 00 00"
    colleague.save()
    body = client.get(url("detail", ngo)).content.decode() + client.get("/kk/organisations/").content.decode()
    assert colleague.email not in body and colleague.phone not in body


class TestDirectory:
    def test_search_filters_and_pagination(self, client, kato):
        OrganizationFactory(name_kk="«Таза Атбасар» қоғамдық бірлестігі", settlement=kato["113820100"], verified=True)
        OrganizationFactory(name_kk="Талдықорған әкімдігі", kind="akimat", settlement=kato["331010000"])
        OrganizationFactory(name_kk="Ақсу жастары", settlement=kato["333233100"], network=True)
        page = client.get("/kk/organisations/", {"q": "атбасар"}).content.decode()
        assert "Таза Атбасар" in page and "Талдықорған" not in page
        page = client.get("/kk/organisations/", {"q": "ТАЗА"}).content.decode()  # case-folded Cyrillic
        assert "Таза Атбасар" in page
        page = client.get("/kk/organisations/", {"kind": "akimat"}).content.decode()
        assert "Талдықорған әкімдігі" in page and "Таза Атбасар" not in page
        page = client.get("/kk/organisations/", {"region": "330000000"}).content.decode()
        assert "Талдықорған әкімдігі" in page and "Ақсу жастары" in page and "Таза Атбасар" not in page
        page = client.get("/kk/organisations/", {"network": "yes"}).content.decode()
        assert "Ақсу жастары" in page and "Таза Атбасар" not in page
        page = client.get("/kk/organisations/", {"verified": "yes"}).content.decode()
        assert "Таза Атбасар" in page and "Ақсу жастары" not in page

    def test_htmx_gets_only_the_results(self, client, kato):
        OrganizationFactory(name_kk="Ақсу жастары")
        response = client.get("/kk/organisations/", {"q": "ақсу"}, headers={"HX-Request": "true"})
        assert "Ақсу жастары" in response.content.decode()
        assert "<html" not in response.content.decode()

    def test_pages_of_twenty(self, client):
        for _ in range(25):
            OrganizationFactory()
        assert client.get("/kk/organisations/").content.decode().count('class="org-item"') == 20
        assert client.get("/kk/organisations/", {"page": 2}).content.decode().count('class="org-item"') == 5

    @pytest.mark.parametrize("count", [3, 30])
    def test_list_queries_do_not_grow_with_the_rows(self, client, kato, count):
        for index in range(count):
            organization = OrganizationFactory(settlement=kato["113820100"])
            organization.themes.set([1, 2])
            if index % 2:
                organization.legal_form_id = 1
                organization.save()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/kk/organisations/").status_code == 200
        assert len(queries) <= 8, [q["sql"] for q in queries]

    def test_detail_queries_are_bounded_for_members(self, client_for, ngo, head):
        for _ in range(10):
            MembershipFactory(organization=ngo)
        client = client_for(head)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("detail", ngo)).status_code == 200
        assert len(queries) <= 15, [q["sql"] for q in queries]


class TestRegistrationPage:
    def data(self, **overrides):
        return {
            "kind": "ngo",
            "name_kk": "«Жаңа өмір» қоғамдық қоры",
            "name_ru": "ОФ «Новая жизнь»",
            "country": "KZ",
            "bin": next_bin(),
            **overrides,
        }

    def test_a_wrong_bin_is_explained_in_kazakh_and_the_form_keeps_what_was_typed(self, client_for, outsider):
        response = client_for(outsider).post("/kk/organisations/new/", self.data(bin="940140000386"))
        assert response.status_code == 200
        page = response.content.decode()
        with translation.override("kk"):
            from django.utils.translation import gettext

            expected = gettext("The BIN is mistyped: its last (check) digit does not match.")
        assert expected in page
        assert expected != "The BIN is mistyped: its last (check) digit does not match."
        assert "«Жаңа өмір» қоғамдық қоры" in page and "940140000386" in page
        assert not Organization.objects.exists()

    def test_registering_makes_the_person_head(self, client_for, outsider, atbasar):
        response = client_for(outsider).post("/kk/organisations/new/", self.data(settlement="113820100"))
        organization = Organization.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/kk/organisations/{organization.pk}/"
        assert organization.memberships.get().user == outsider
        assert organization.settlement == atbasar

    def test_an_unknown_settlement_code_is_refused(self, client_for, outsider, kato):
        response = client_for(outsider).post("/kk/organisations/new/", self.data(settlement="999999999"))
        assert response.status_code == 200 and not Organization.objects.exists()
        assert "999999999" in response.content.decode()

    def test_a_duplicate_bin_offers_to_join_instead(self, client_for, outsider, ngo):
        response = client_for(outsider).post("/kk/organisations/new/", self.data(bin=ngo.bin))
        page = response.content.decode()
        assert response.status_code == 200
        assert f"/kk/organisations/{ngo.pk}/#join-title" in page
        assert Organization.objects.count() == 1

    def test_anonymous_people_are_sent_to_sign_in(self, client):
        assert "/account/login/" in client.get("/kk/organisations/new/")["Location"]


class TestPeoplePages:
    def test_a_head_invites_and_the_invitee_accepts_after_signing_up(self, client_for, committed, ngo, head):
        with committed():
            response = client_for(head).post(url("people", ngo), POST_DATA["people"])
        assert response.status_code == 302
        link = next(line for line in mail.outbox[-1].body.splitlines() if "/invitations/" in line)
        path = link.split("8000", 1)[-1] if "8000" in link else "/" + link.split("/", 3)[3]
        newcomer = UserFactory(email="friend@example.kz")
        client = client_for(None)
        assert "/account/signup/" in client.get(path).content.decode()
        client = client_for(newcomer)
        assert client.post(path, {"decision": "accept"}).status_code == 302
        assert ngo.memberships.filter(user=newcomer).exists()
        assert Invitation.objects.get().status == "accepted"

    def test_a_forged_invitation_link_is_refused_in_the_users_language(self, client_for, outsider):
        response = client_for(outsider).get("/ru/invitations/forged-token/")
        assert response.status_code == 404
        with translation.override("ru"):
            from django.utils.translation import gettext

            assert (
                gettext("This invitation link is not valid. Check that it was copied whole.")
                in response.content.decode()
            )

    def test_an_invalid_invitation_keeps_the_typed_address(self, client_for, ngo, head):
        response = client_for(head).post(
            url("people", ngo), {"email": "not-an-email", "role": "member", "language": "kk"}
        )
        assert response.status_code == 200 and "not-an-email" in response.content.decode()
        assert not Invitation.objects.exists()

    def test_the_last_head_is_told_why_they_cannot_leave(self, client_for, ngo, head):
        response = client_for(head).post(url("leave", ngo), follow=True)
        assert ngo.memberships.filter(user=head).exists()
        assert response.status_code == 200

    def test_a_visitor_asks_to_join_and_the_head_accepts(self, client_for, ngo, head, outsider):
        assert client_for(outsider).post(url("join", ngo), {"message": "Сәлем!"}).status_code == 302
        join_request = JoinRequest.objects.get()
        response = client_for(head).post(url("join-decide", ngo, join_request.pk), {"decision": "approve"})
        assert response.status_code == 302
        assert ngo.memberships.filter(user=outsider).exists()

    def test_outsiders_cannot_decide_join_requests(self, client_for, ngo, outsider, colleague):
        other = UserFactory()
        client_for(other).post(url("join", ngo))
        join_request = JoinRequest.objects.get()
        for person in (outsider, colleague):
            assert (
                client_for(person).post(url("join-decide", ngo, join_request.pk), {"decision": "approve"}).status_code
                == 403
            )
        assert not ngo.memberships.filter(user=other).exists()

    def test_certificate_upload_refuses_a_non_pdf_and_members_download_the_pdf(
        self, client_for, ngo, head, colleague, outsider
    ):
        fake = SimpleUploadedFile("scan.pdf", b"\x89PNG\r\n\x1a\n not a pdf", "application/pdf")
        response = client_for(head).post(url("certificate", ngo), {"certificate": fake})
        assert response.status_code == 200
        ngo.refresh_from_db()
        assert not ngo.certificate
        client_for(head).post(
            url("certificate", ngo), {"certificate": SimpleUploadedFile("c.pdf", minimal_pdf(), "application/pdf")}
        )
        download = client_for(colleague).get(url("certificate", ngo) + "?download=1")
        assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")
        assert client_for(outsider).get(url("certificate", ngo) + "?download=1").status_code == 403


@pytest.mark.parametrize(
    ("path", "anonymous"),
    [("/kk/organisations/mine/", 302), ("/kk/account/profile/", 302), ("/kk/account/tokens/", 302)],
)
def test_personal_pages_need_sign_in(client_for, outsider, path, anonymous):
    assert client_for(None).get(path).status_code == anonymous
    assert client_for(outsider).get(path).status_code == 200


def test_settlement_picker_returns_options(client, kato):
    response = client.get("/kk/settlements/search/", {"settlement_search": "атбас", "target": "id_settlement"})
    assert 'data-code="113820100"' in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [(ANON, 302), (OUTSIDER, 403), (MEMBER, 403), (STAFF, 403), (HEAD, 302)])
def test_only_heads_withdraw_invitations(client_for, people, ngo, head, committed, who, status):
    with committed():
        client_for(head).post(url("people", ngo), POST_DATA["people"])
    invitation = Invitation.objects.get()
    assert client_for(people[who]).post(url("invitation-revoke", ngo, invitation.pk)).status_code == status
    invitation.refresh_from_db()
    assert (invitation.status == "revoked") == (who == HEAD)


def test_the_directory_is_in_kazakh_alphabetical_order(client):
    for name in ("Яссы", "«Әділет» қоры", "Ақбота", "Азат"):
        OrganizationFactory(name_kk=name, name_ru=f"ru {name}")
    page = client.get("/kk/organisations/").content.decode()
    positions = [page.index(name) for name in ("Азат", "Ақбота", "«Әділет» қоры", "Яссы")]
    assert positions == sorted(positions)


class TestCachedResults:
    def test_a_repeated_page_is_served_from_the_cache(self, client, kato, django_assert_max_num_queries):
        for _ in range(5):
            OrganizationFactory(settlement=kato["113820100"])
        client.get("/kk/organisations/")
        with django_assert_max_num_queries(2):  # the version query and the session-less layout
            assert client.get("/kk/organisations/").status_code == 200

    def test_a_change_shows_at_once(self, client, head, atbasar):
        OrganizationFactory(name_kk="Бірінші ұйым")
        assert "Бірінші ұйым" in client.get("/kk/organisations/").content.decode()
        organization = services_register(head, name_kk="Екінші ұйым", settlement=atbasar)
        assert "Екінші ұйым" in client.get("/kk/organisations/").content.decode()
        organization.name_kk = "Өзгерген атау"
        from ecodialogue.organizations import services

        services.organization_update(organization=organization, actor=head, data={"name_kk": "Өзгерген атау"})
        page = client.get("/kk/organisations/").content.decode()
        assert "Өзгерген атау" in page and "Екінші ұйым" not in page

    def test_each_language_has_its_own_page(self, client):
        OrganizationFactory(name_kk="Қазақша атау", name_ru="Русское название")
        assert "Қазақша атау" in client.get("/kk/organisations/").content.decode()
        assert "Русское название" in client.get("/ru/organisations/").content.decode()


def services_register(user, **data):
    from ecodialogue.organizations import services

    return services.organization_register(user=user, data={"kind": "ngo", "bin": next_bin(), "country": "KZ", **data})


@pytest.mark.parametrize("path", ["people", "edit"])
def test_a_grant_makers_staff_is_not_platform_staff(client_for, ngo, call_staff, path):
    """Staff rights for one's own calls give no access to other organisations' people, profile or verification."""
    client = client_for(call_staff)
    assert client.get(url(path, ngo)).status_code == 403
    assert client.post(url("network", ngo), POST_DATA["network"]).status_code == 403
    assert client.post(url("verify", ngo), POST_DATA["verify"]).status_code == 403
    ngo.refresh_from_db()
    assert ngo.network_status == "none" and ngo.verification_status == "unverified"


def test_the_admin_login_needs_the_second_factor(client, staff):
    response = client.post("/kk/admin/login/", {"username": staff.email, "password": "correct horse battery"})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_shared_result_pages_carry_only_valid_filters(client):
    for _ in range(25):
        OrganizationFactory()
    poisoned = client.get(
        "/en/organisations/", {"region": "nonsense", "q": "", "next": "//evil.example"}
    ).content.decode()
    clean = client.get("/en/organisations/").content.decode()
    for page in (poisoned, clean):
        results = page.split('id="results"')[1].split("</main>")[0]
        assert "evil.example" not in results and "nonsense" not in results
    assert client.get("/en/organisations/", headers={"HX-Request": "true"})["Vary"].count("HX-Request") == 1


def test_a_head_cannot_change_the_kind_of_the_organisation(client_for, ngo, head):
    page = client_for(head).get(url("edit", ngo))
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list) and k != "logo"}
    data |= {"kind": "grant_maker", "name_kk": ngo.name_kk, "bin": ngo.bin, "country": "KZ"}
    client_for(head).post(url("edit", ngo), data)
    ngo.refresh_from_db()
    assert ngo.kind == "ngo"
