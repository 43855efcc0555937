"""Refusals that services raise and that pages and the API both explain.

A refusal has a stable `code` for programs, a translated `message` for
people, and the HTTP status the API answers with.
"""

from typing import Any


class ServiceError(Exception):
    status = 400

    def __init__(self, code: str, message: Any, *, status: int | None = None, details: Any = None):
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.details = details
        if status is not None:
            self.status = status

    def __str__(self) -> str:
        return str(self.message)


class Conflict(ServiceError):
    status = 409


class Invalid(ServiceError):
    status = 422


class Forbidden(ServiceError):
    status = 403


class NotFound(ServiceError):
    status = 404
