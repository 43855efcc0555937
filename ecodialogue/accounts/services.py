import secrets

from django.db import transaction
from django.utils import timezone

from ecodialogue.core.services import activity_record

from .models import ApiToken, User


def profile_update(*, user: User, full_name: str, phone: str, preferred_language: str) -> User:
    user.full_name = full_name
    user.phone = phone
    user.preferred_language = preferred_language
    user.save(update_fields=["full_name", "phone", "preferred_language"])
    return user


def user_set_language(*, user: User, language: str) -> None:
    """Remember the language a signed-in person chose in the switcher."""
    if user.is_authenticated and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; return it with the plain key, which is never shown again."""
    key = ApiToken.PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_hash=ApiToken.hash_key(key), key_prefix=key[:10])
    # A token acts as its owner: its creation and revocation are security events.
    activity_record(
        actor=user, verb="account.token_created", obj=user, details={"token": token.key_prefix, "name": name}
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        activity_record(
            actor=token.user, verb="account.token_revoked", obj=token.user, details={"token": token.key_prefix}
        )


def api_token_authenticate(*, key: str) -> User | None:
    """Return the active user owning `key`, or None."""
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    # Record use at most once a minute: a busy client should not write on every call.
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
