"""Models of a grant's implementation: agreements and tranches, pilot plans, reports. One module each."""

from .agreements import Agreement, AgreementTransition, Payment, Tranche
from .plans import PilotPlan, PlanActivity, PlanBudgetLine, PlanChange, PlanIndicator
from .reports import (
    ActivityProgress,
    AuthorityDecision,
    Expenditure,
    IndicatorActual,
    Output,
    PilotReport,
    ReminderSent,
    Report,
    ReportComment,
    ReportTransition,
)

__all__ = [
    "ActivityProgress",
    "Agreement",
    "AgreementTransition",
    "AuthorityDecision",
    "Expenditure",
    "IndicatorActual",
    "Output",
    "Payment",
    "PilotPlan",
    "PilotReport",
    "PlanActivity",
    "PlanBudgetLine",
    "PlanChange",
    "PlanIndicator",
    "ReminderSent",
    "Report",
    "ReportComment",
    "ReportTransition",
    "Tranche",
]
