from django.conf import settings


def client_ip(request) -> str | None:
    """The address of the person, not of our proxy, for lock-outs.

    Behind TRUSTED_PROXY_COUNT reverse proxies the last that many entries of
    X-Forwarded-For were added by proxies we run; the one before them is the
    client. Entries further left are whatever the client sent and are ignored,
    so nobody can pick the address they are locked out by.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-count] if len(hops) >= count else hops[0]
    return request.META.get("REMOTE_ADDR")


def lockout_username(request, credentials: dict) -> str | None:
    """The account a sign-in tried: allauth passes `email`, the admin `username`, the form `login`."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None:
        value = request.POST.get("login")
    return value.strip().lower() if value else None
