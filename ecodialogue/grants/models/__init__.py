"""Models of grant competitions: calls (calls.py), consortia (consortia.py), applications (applications.py)."""

from .applications import (
    Activity,
    Application,
    ApplicationDocument,
    ApplicationTransition,
    BudgetLine,
    Indicator,
    Pilot,
    Submission,
)
from .calls import (
    Announcement,
    BudgetCategory,
    Call,
    CallFollower,
    CallTransition,
    Criterion,
    Priority,
    Question,
    RequiredDocument,
)
from .consortia import Consortium, ConsortiumEmailInvitation, ConsortiumMember

__all__ = [
    "Activity",
    "Announcement",
    "Application",
    "ApplicationDocument",
    "ApplicationTransition",
    "BudgetCategory",
    "BudgetLine",
    "Call",
    "CallFollower",
    "CallTransition",
    "Consortium",
    "ConsortiumEmailInvitation",
    "ConsortiumMember",
    "Criterion",
    "Indicator",
    "Pilot",
    "Priority",
    "Question",
    "RequiredDocument",
    "Submission",
]
