"""Models of grant competitions: calls, consortia, applications and their evaluation, one module each."""

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
from .evaluation import Assignment, Award, CommissionMember, Decision, Score, Screening, SelectionOverride

__all__ = [
    "Activity",
    "Assignment",
    "Award",
    "CommissionMember",
    "Decision",
    "Score",
    "Screening",
    "SelectionOverride",
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
