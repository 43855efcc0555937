"""Accounts: sign-up with mandatory e-mail verification, lock-out, profile, language, tokens, staff 2FA."""

from urllib.parse import unquote

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from ecodialogue.accounts.models import ApiToken, User
from ecodialogue.accounts.services import api_token_create

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def test_sign_up_needs_a_verified_email_before_sign_in(client, committed):
    with committed():
        response = client.post(
            "/ru/account/signup/",
            {
                "full_name": "Гульнара Сейткали",
                "email": "gulnara@example.kz",
                "password1": "x-Kz-2026-long",
                "password2": "x-Kz-2026-long",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="gulnara@example.kz")
    assert user.full_name == "Гульнара Сейткали" and user.preferred_language == "ru"
    assert not EmailAddress.objects.get(user=user).verified
    message = mail.outbox[-1]
    assert message.to == ["gulnara@example.kz"]
    # unverified: signing in only leads to the "verify your e-mail" page
    client.logout()
    response = client.post("/ru/account/login/", {"login": "gulnara@example.kz", "password": "x-Kz-2026-long"})
    assert response.status_code == 302 and "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session
    link = next(line for line in message.body.splitlines() if "/confirm-email/" in line).strip()
    path = "/" + link.split("/", 3)[3]
    assert client.post(path).status_code == 302
    assert EmailAddress.objects.get(user=user).verified


def test_sign_up_keeps_what_was_typed_when_passwords_differ(client):
    response = client.post(
        "/kk/account/signup/",
        {
            "full_name": "Гульнара Сейткали",
            "email": "gulnara@example.kz",
            "password1": "x-Kz-2026-long",
            "password2": "other-2026-long",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Гульнара Сейткали" in page and "gulnara@example.kz" in page
    assert not User.objects.exists()


def test_repeated_failures_lock_the_account_out(client, settings):
    user = UserFactory(email="target@example.kz")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/kk/account/login/", {"login": user.email, "password": "wrong"})
    response = client.post("/kk/account/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_correct_sign_in_works_before_lockout(client):
    user = UserFactory(email="ok@example.kz")
    response = client.post("/kk/account/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_profile_saves_name_phone_and_language(client_for, outsider):
    client = client_for(outsider)
    response = client.post(
        "/kk/account/profile/", {"full_name": "Жаңа Есім", "phone": "+7 701 111 22 33", "preferred_language": "en"}
    )
    assert response.status_code == 302
    outsider.refresh_from_db()
    assert (outsider.full_name, outsider.phone, outsider.preferred_language) == ("Жаңа Есім", "+7 701 111 22 33", "en")


def test_profile_refuses_an_unknown_language_and_keeps_the_name(client_for, outsider):
    response = client_for(outsider).post("/kk/account/profile/", {"full_name": "Жаңа Есім", "preferred_language": "de"})
    assert response.status_code == 200 and "Жаңа Есім" in response.content.decode()
    outsider.refresh_from_db()
    assert outsider.preferred_language == "kk"


def test_the_language_switcher_remembers_a_signed_in_persons_choice(client_for, outsider):
    response = client_for(outsider).post("/i18n/setlang/", {"language": "ru", "next": "/kk/organisations/?q=ақсу"})
    assert response.status_code == 302 and unquote(response["Location"]) == "/ru/organisations/?q=ақсу"
    outsider.refresh_from_db()
    assert outsider.preferred_language == "ru"


def test_the_switcher_refuses_to_redirect_elsewhere(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/en/"


class TestTokens:
    def test_a_token_is_shown_once_and_works_with_the_api(self, client_for, outsider):
        client = client_for(outsider)
        page = client.post("/kk/account/tokens/", {"name": "Менің скриптім"}).content.decode()
        key = page.split('id="new-token">')[1].split("<")[0]
        assert key.startswith("edt_")
        assert key not in client.get("/kk/account/tokens/").content.decode()  # never shown again
        assert not ApiToken.objects.filter(key_hash=key).exists()  # stored as a hash only
        client.logout()
        response = client.get("/api/v1/me", headers={"authorization": f"Bearer {key}"})
        assert response.status_code == 200 and response.json()["email"] == outsider.email

    def test_a_revoked_token_is_refused(self, client_for, outsider):
        token, key = api_token_create(user=outsider, name="old")
        client = client_for(outsider)
        assert client.post(f"/kk/account/tokens/{token.pk}/revoke/").status_code == 302
        client.logout()
        response = client.get("/api/v1/me", headers={"authorization": f"Bearer {key}"})
        assert response.status_code == 401 and response.json()["code"] == "auth.required"

    def test_nobody_revokes_another_persons_token(self, client_for, outsider, head):
        token, key = api_token_create(user=head, name="head's")
        assert client_for(outsider).post(f"/kk/account/tokens/{token.pk}/revoke/").status_code == 404
        token.refresh_from_db()
        assert token.revoked_at is None

    def test_an_inactive_users_token_is_refused(self, client, outsider):
        _token, key = api_token_create(user=outsider, name="x")
        outsider.is_active = False
        outsider.save()
        assert client.get("/api/v1/me", headers={"authorization": f"Bearer {key}"}).status_code == 401


def test_me_needs_authentication_and_shows_memberships(client_for, ngo, head):
    response = client_for(None).get("/api/v1/me")
    assert response.status_code == 401
    assert set(response.json()) == {"code", "message", "details"}
    body = client_for(head).get("/api/v1/me").json()
    assert body["organizations"] == [{"organization_id": ngo.pk, "organization_name": ngo.name, "role": "head"}]


def test_staff_without_two_factor_must_set_it_up_first(client):
    unenrolled = UserFactory(is_staff=True, email="new.staff@example.kz")
    client.post("/kk/account/login/", {"login": unenrolled.email, "password": PASSWORD})
    response = client.get("/kk/organisations/")
    assert response.status_code == 302 and "/account/2fa/totp/activate/" in response["Location"]
    # allauth asks for the password once more before two-factor settings change
    reauthenticate = client.get(response["Location"])
    assert "/account/reauthenticate/" in reauthenticate["Location"]
    assert client.get(reauthenticate["Location"]).status_code == 200  # reachable although 2FA is missing
    client.post(reauthenticate["Location"], {"password": PASSWORD})
    setup_page = client.get(response["Location"])
    assert setup_page.status_code == 200
    assert b"otpauth://" in setup_page.content or b"secret" in setup_page.content.lower()


def test_enrolled_staff_work_normally(client_for, staff):
    assert client_for(staff).get("/kk/organisations/").status_code == 200


def test_token_last_use_is_recorded(client, outsider):
    token, key = api_token_create(user=outsider, name="x")
    client.get("/api/v1/me", headers={"authorization": f"Bearer {key}"})
    token.refresh_from_db()
    assert token.last_used_at is not None and token.last_used_at <= timezone.now()


def test_lockouts_count_the_client_behind_our_proxy_not_what_it_claims(rf, settings):
    from ecodialogue.accounts.client_ip import client_ip

    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "203.0.113.5"  # the leftmost entry was typed by the client
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"  # no proxy: the header is not trusted at all


def test_after_sign_in_the_site_speaks_the_preferred_language(client):
    user = UserFactory(email="russian.speaker@example.kz", preferred_language="ru")
    response = client.post("/kk/account/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"].startswith("/ru/")


def test_admin_refuses_a_wrong_bin_and_indexes_saved_names(client_for, ngo):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=admin_user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    client = client_for(admin_user)
    change = f"/kk/admin/organizations/organization/{ngo.pk}/change/"
    page = client.get(change)
    assert page.status_code == 200
    form = page.context["adminform"].form
    skip = ("logo", "certificate")
    data = {k: v for k, v in form.initial.items() if v is not None and k not in skip and not isinstance(v, list)}
    data |= {"bin": "940140000386", "name_kk": "Жаңа атау"}
    data |= {"memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"}
    assert client.post(change, data).status_code == 200  # form shown again with the error
    ngo.refresh_from_db()
    assert ngo.name_kk != "Жаңа атау"
    data["bin"] = ngo.bin
    assert client.post(change, data).status_code == 302
    ngo.refresh_from_db()
    assert ngo.name_kk == "Жаңа атау" and "жаңа атау" in ngo.search_text


def test_account_emails_name_the_platform_in_the_recipients_language(client, committed):
    with committed():
        client.post(
            "/kk/account/signup/",
            {
                "full_name": "Арман Бек",
                "email": "arman@example.kz",
                "password1": "x-Kz-2026-long",
                "password2": "x-Kz-2026-long",
            },
        )
    body = mail.outbox[-1].body
    assert "ЭкоДиалог" in body and "127.0.0.1:8000" in body


def test_a_lockout_is_per_account_and_address_not_for_everyone_behind_it(client):
    target = UserFactory(email="target@example.kz")
    neighbour = UserFactory(email="neighbour@example.kz")
    for _ in range(5):
        client.post("/kk/account/login/", {"login": target.email, "password": "wrong"})
    assert client.post("/kk/account/login/", {"login": target.email, "password": PASSWORD}).status_code == 429
    from axes.models import AccessAttempt

    assert AccessAttempt.objects.get().username == "target@example.kz"
    # Someone else behind the same address still signs in.
    response = client.post("/kk/account/login/", {"login": neighbour.email, "password": PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(neighbour.pk)


def test_creating_and_revoking_a_token_is_logged(outsider):
    from ecodialogue.accounts.services import api_token_revoke
    from ecodialogue.core.models import ActivityEntry

    token, _key = api_token_create(user=outsider, name="скрипт")
    api_token_revoke(token=token)
    verbs = list(ActivityEntry.objects.for_object(outsider).values_list("verb", flat=True))
    assert sorted(verbs) == ["account.token_created", "account.token_revoked"]
