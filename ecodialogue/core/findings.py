"""Findings: what a rule says about a piece of data.

Rules are pure functions that return a list of findings; forms, services, the
API and the tests all read the same list. The code is stable (clients and
tests rely on it); the message is translated when shown.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    # Not a problem: a fact worth showing (a priority of the call is met, or not).
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: Any  # a lazy translation: rendered in the language active when shown
    params: dict = field(default_factory=dict)
    # What the finding is about, for a link to where it is fixed: "lead", "pilot:12", "member:5", "documents".
    subject: str = ""

    @property
    def text(self) -> str:
        # `%` on the lazy message itself: a plural message picks its form from the params.
        return str(self.message % self.params) if self.params else str(self.message)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_error]
