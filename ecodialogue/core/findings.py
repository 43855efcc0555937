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


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: Any  # a lazy translation: rendered in the language active when shown
    params: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_error]
