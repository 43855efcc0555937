"""API v1: one NinjaAPI, structured errors, session or personal-token auth.

Every error is JSON {"code", "message", "details"}: `code` is stable for
programs, `message` is in the request's language (?lang= or Accept-Language).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from ecodialogue.accounts.services import api_token_authenticate
from ecodialogue.core.errors import ServiceError


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        user = api_token_authenticate(key=token)
        if user is not None and user.is_staff:
            from allauth.mfa.models import Authenticator

            # Staff act only with two-factor authentication set up, through the API too
            # (a token made before the person became staff must not skip it).
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                return None
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="EcoDialogue API",
    version="1",
    description="Public and personal data of the EcoDialogue platform. "
    "Authenticate with a session or a personal token: `Authorization: Bearer <token>`.",
    urls_namespace="api-v1",
    docs_url="/docs",
)

AUTH = [TokenAuth(), SessionAuth()]


def error_response(request, status: int, code: str, message: str, details=None):
    return api.create_response(request, {"code": code, "message": message, "details": details}, status=status)


@api.exception_handler(ServiceError)
def _service_error(request, exc: ServiceError):
    return error_response(request, exc.status, exc.code, str(exc.message), exc.details)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    details = [
        {
            "loc": [str(part) for part in error.get("loc", [])],
            "msg": error.get("msg", ""),
            "type": error.get("type", ""),
        }
        for error in exc.errors
    ]
    return error_response(request, 422, "validation_error", _("The request has invalid values."), details)


@api.exception_handler(AuthenticationError)
def _authentication_error(request, exc):
    return error_response(request, 401, "auth.required", _("Sign in or send a valid personal API token."))


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return error_response(request, exc.status_code, f"http.{exc.status_code}", str(exc))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return error_response(request, 404, "not_found", _("Not found."))


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return error_response(request, 403, "permission.denied", _("You do not have permission to do this."))


api.add_router("/", "ecodialogue.organizations.api.router")
api.add_router("/", "ecodialogue.accounts.api.router")
api.add_router("/", "ecodialogue.grants.api.router")
api.add_router("/", "ecodialogue.grants.application_api.router")
api.add_router("/", "ecodialogue.grants.evaluation_api.router")
api.add_router("/", "ecodialogue.implementation.api.router")
api.add_router("/", "ecodialogue.projectdb.api.router")
