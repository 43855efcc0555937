"""Schemas of the implementation API (implementation/api.py): what goes in, what comes out.

Inputs are bounded like the other APIs' (grants/application_api_schemas.py): texts as long as the
models allow and never with a NUL character, money with two decimal places, exchange rates with
four, dates within the years 2000–2999, so anything a client sends is answered with a 422, never a
server error. Whether values make sense together (percentages adding up to 100, women no more than
the people involved, dates inside the pilot's period) is the services' and rules' to say, with
their findings.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator

from ecodialogue.grants.application_api_schemas import Amount, Id, LongText, People, text

from .models import Agreement, AuthorityDecision, Output, Report, ReportComment


def _plausible(value: datetime.date) -> datetime.date:
    if not 2000 <= value.year <= 2999:
        raise ValueError(_("Give a date between the years 2000 and 2999."))
    return value


Day = Annotated[datetime.date, AfterValidator(_plausible)]
Line = text(300)
Note = text(4000)
Percent = Annotated[Decimal, Field(max_digits=5, decimal_places=2)]
# Tenge for one unit of the grant's currency (about 500 for a euro); the model keeps four places.
Rate = Annotated[Decimal, Field(ge=Decimal("0.01"), max_digits=12, decimal_places=4)]
# A form field left empty arrives as "": nothing given.
Blank = BeforeValidator(lambda value: None if value == "" else value)
Currency = Annotated[str, Field(max_length=3, pattern=r"^([A-Za-z]{3})?$")]


class ReportFindingOut(Schema):
    code: str
    severity: Literal["error", "warning", "info"]
    message: str
    subject: str = Field(description='What it is about: "summary", "part:<id>", "plan:<id>", …')


# --- Agreements -------------------------------------------------------------------


class AgreementsQuery(Schema):
    call: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_-]*$")] | None = Field(
        None, description="Only this call's agreements (its code)"
    )
    status: Literal[tuple(Agreement.Status.values)] | None = None  # type: ignore[valid-type]


class AgreementSummaryOut(Schema):
    id: int
    number: str
    call: str = Field(description="The call's code")
    call_title: str
    status: str
    lead_id: int
    lead: str = Field(description="The lead NGO")
    amount: Decimal
    currency: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    signed_on: datetime.date | None
    url: str


class PlanSummaryOut(Schema):
    id: int
    organization_id: int
    organization: str
    title: str
    settlement: str | None = Field(description="KATO code")
    settlement_label: str | None
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    budget_total: Decimal
    version: int


class PaymentOut(Schema):
    paid_on: datetime.date
    amount: Decimal
    reference: str
    recorded_at: datetime.datetime


class TrancheOut(Schema):
    position: int
    percent: Decimal
    amount: Decimal
    report_id: int | None = Field(description="The report whose approval releases it; null: paid on signature")
    report_status: str | None
    payment: PaymentOut | None


class ReportSummaryOut(Schema):
    id: int
    sequence: int
    kind: str
    period_start: datetime.date
    period_end: datetime.date
    due_on: datetime.date
    status: str
    round: int
    submitted_at: datetime.datetime | None
    decided_at: datetime.datetime | None


class TransitionOut(Schema):
    from_status: str
    to_status: str
    note: str
    created_at: datetime.datetime


class SignedFileOut(Schema):
    name: str
    sha256: str


class AgreementOut(AgreementSummaryOut):
    award_id: int
    consortium_id: int
    notes: str
    signed_file: SignedFileOut | None
    plans: list[PlanSummaryOut]
    tranches: list[TrancheOut]
    reports: list[ReportSummaryOut]
    transitions: list[TransitionOut]
    can_manage: bool = Field(description="The caller is the call's staff: terms, signature, state, payments")
    next_states: list[str] = Field(description="The states the agreement may move to from here")


class AgreementCreateIn(Schema):
    starts_on: Day = Field(description="The first day of implementation; each pilot's period starts then")


class ReportTermIn(Schema):
    kind: Literal[tuple(Report.Kind.values)]  # type: ignore[valid-type]
    period_start: Day
    period_end: Day
    due_on: Day


class PilotPeriodIn(Schema):
    plan_id: Id
    starts_on: Day
    ends_on: Day


class TermsIn(Schema):
    amount: Amount = Field(description="At most the amount awarded")
    tranche_percents: list[Percent] = Field(
        max_length=12, description="The first is paid on signature, each next on the approval of a report"
    )
    reports: list[ReportTermIn] = Field(max_length=24, description="The schedule, the final report last")
    pilot_periods: list[PilotPeriodIn] = Field(
        default_factory=list, max_length=60, description="Periods of the pilots; a pilot left out keeps its own"
    )
    notes: LongText = ""


class SignIn(Schema):
    signed_on: Day


class TransitionIn(Schema):
    to: Literal[tuple(Agreement.Status.values)]  # type: ignore[valid-type]
    note: Note = Field("", description="Required to terminate")


class PaymentIn(Schema):
    paid_on: Day
    amount: Amount | None = Field(None, description="The tranche's amount if left out")
    reference: text(120) = ""


# --- Plans ----------------------------------------------------------------------


class PlanActivityIn(Schema):
    id: Id | None = Field(None, description="A row of the plan that stays; empty for a new one")
    title: Line = ""
    starts_on: Day | None = None
    ends_on: Day | None = None


class PlanIndicatorIn(Schema):
    id: Id | None = None
    name: Line = ""
    unit: text(64) = ""
    target: Amount | None = None


class PlanLineIn(Schema):
    id: Id | None = None
    category_id: Id | None = Field(None, description="One of the call's budget categories")
    item: Line = ""
    unit: text(64) = ""
    quantity: Amount | None = None
    unit_cost: Amount | None = None


class ProposalIn(Schema):
    """The whole plan as it should become, in the shape GET /plans/{id} gives it."""

    title: Line = ""
    summary: LongText = ""
    starts_on: Day | None = None
    ends_on: Day | None = None
    activities: list[PlanActivityIn] = Field(default_factory=list, max_length=100)
    indicators: list[PlanIndicatorIn] = Field(default_factory=list, max_length=100)
    budget_lines: list[PlanLineIn] = Field(default_factory=list, max_length=100)


class PlanChangeIn(Schema):
    proposal: ProposalIn
    reason: Note
    base_version: int = Field(ge=0, le=2_147_483_647, description="The plan's version the proposal was made from")


class DecideIn(Schema):
    note: Note = Field("", description="Staff's comment; required to reject")


class PlanActivityOut(Schema):
    id: int
    title: str
    starts_on: datetime.date
    ends_on: datetime.date


class PlanIndicatorOut(Schema):
    id: int
    name: str
    unit: str
    target: Decimal


class PlanLineOut(Schema):
    id: int
    category_id: int
    category: str = Field(description="The category's code")
    item: str
    unit: str
    quantity: Decimal
    unit_cost: Decimal
    amount: Decimal = Field(description="Approved")
    spent: Decimal = Field(description="Reported in every report so far")


class CategorySpendingOut(Schema):
    category_id: int
    category: str
    name: str
    approved: Decimal
    spent: Decimal
    remaining: Decimal
    percent_spent: Decimal | None


class PlanOut(Schema):
    id: int
    agreement_id: int
    organization_id: int
    organization: str
    settlement: str | None
    title: str
    summary: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    version: int
    currency: str
    budget_total: Decimal
    spent_total: Decimal
    activities: list[PlanActivityOut]
    indicators: list[PlanIndicatorOut]
    budget_lines: list[PlanLineOut]
    categories: list[CategorySpendingOut]
    open_change_id: int | None = Field(description="The proposal waiting for staff, if any")
    can_propose: bool
    can_decide: bool
    url: str


class PlanChangeOut(Schema):
    id: int
    plan_id: int
    status: str
    reason: str
    base_version: int
    before: dict = Field(description="The plan when the change was proposed")
    proposal: dict = Field(description="The plan as proposed")
    reallocation: list[int] = Field(description="Budget categories moved by more than the call's threshold")
    proposed_at: datetime.datetime
    decided_at: datetime.datetime | None
    decision_note: str


# --- Reports --------------------------------------------------------------------


class PartIn(Schema):
    """A member's part; what is left out is saved empty (a draft may be half-written)."""

    narrative: LongText = ""
    participants: People | None = None
    women: People | None = None
    youth: People | None = None
    events_held: People | None = None
    materials_produced: People | None = None
    infrastructure_installed: People | None = None
    infrastructure_note: text(500) = ""
    actuals: dict[Id, Amount | None] = Field(
        default_factory=dict, max_length=100, description="{plan indicator id: value reached}; null clears it"
    )
    ready: bool = Field(False, description="The part is complete: the narrative and counts are needed then")


class ActivityDoneIn(Schema):
    activity_id: Id | None = Field(None, description="The planned activity; empty for something unplanned")
    title: Line = Field("", description="The planned activity's title if left out")
    done_from: Day | None = None
    done_to: Day | None = None
    note: LongText = ""


class ExpenditureIn(Schema):
    line_id: Id = Field(description="A line of the pilot's approved budget")
    spent_on: Day
    description: Line
    paid_currency: Currency = Field("", description="The grant's currency or KZT; the grant's if left out")
    paid_amount: Amount
    exchange_rate: Annotated[Rate | None, Blank] = Field(
        None, description="Tenge for one unit of the grant's currency, if paid in KZT"
    )


class OutputIn(Schema):
    kind: Literal[tuple(Output.Kind.values)]  # type: ignore[valid-type]
    title: Line


class AuthorityDecisionIn(Schema):
    authority: Literal[tuple(AuthorityDecision.Authority.values)]  # type: ignore[valid-type]
    title: text(500)
    number: text(64) = ""
    adopted_on: Day


class SummaryIn(Schema):
    summary: LongText


class CommentIn(Schema):
    part_id: Id | None = Field(None, description="The member's part; empty for the consortium's summary")
    section: Literal[tuple(ReportComment.Section.values)]  # type: ignore[valid-type]
    text: LongText


class ReturnIn(Schema):
    comments: list[CommentIn] = Field(max_length=200)


class ApproveIn(Schema):
    note: Note = ""


class VisibilityIn(Schema):
    shows_statement: bool = Field(description="Staff looked: the material carries the EU funding statement")


class ActualOut(Schema):
    indicator_id: int
    name: str
    unit: str
    target: Decimal
    value: Decimal | None


class ActivityDoneOut(Schema):
    id: int
    activity_id: int | None
    title: str
    done_from: datetime.date
    done_to: datetime.date
    note: str


class AuthorityDecisionOut(Schema):
    id: int
    authority: str
    title: str
    number: str
    adopted_on: datetime.date
    document_name: str
    document_sha256: str


class ExpenditureOut(Schema):
    id: int
    line_id: int
    line: str
    category: str
    spent_on: datetime.date
    description: str
    paid_currency: str
    paid_amount: Decimal
    exchange_rate: Decimal | None
    amount: Decimal = Field(description="In the grant's currency")
    receipt_name: str
    receipt_type: str
    receipt_sha256: str


class OutputOut(Schema):
    id: int
    part_id: int
    kind: str
    title: str
    original_name: str
    file_type: str
    size: int
    sha256: str
    visibility: str
    shows_statement: bool
    checked_at: datetime.datetime | None


class PartLineOut(Schema):
    id: int
    category: str
    item: str
    amount: Decimal = Field(description="Approved")
    spent: Decimal = Field(description="Reported in every report so far")


class PartOut(Schema):
    id: int
    report_id: int
    plan_id: int
    organization_id: int
    organization: str
    pilot: str
    narrative: str
    participants: int | None
    women: int | None
    youth: int | None
    events_held: int | None
    materials_produced: int | None
    infrastructure_installed: int | None
    infrastructure_note: str
    ready: bool
    updated_at: datetime.datetime
    editable: bool = Field(description="The caller may write this part now")
    indicators: list[ActualOut]
    activities: list[ActivityDoneOut]
    decisions: list[AuthorityDecisionOut]
    expenditures: list[ExpenditureOut]
    outputs: list[OutputOut]
    budget_lines: list[PartLineOut]


class CommentOut(Schema):
    id: int
    part_id: int | None
    section: str
    text: str
    round: int
    created_at: datetime.datetime


class ReportChecklistOut(Schema):
    ready: bool = Field(description="No error: the consolidated report can be submitted")
    findings: list[ReportFindingOut]


class ReportOut(ReportSummaryOut):
    agreement_id: int
    agreement_number: str
    currency: str
    summary: str
    sha256: str = Field(description="SHA-256 of the snapshot frozen at approval; empty before")
    writable: bool = Field(description="A draft or returned report of an agreement in force")
    can_write_summary: bool
    can_submit: bool
    can_review: bool
    parts: list[PartOut]
    comments: list[CommentOut]
    checklist: ReportChecklistOut
    url: str


# --- Public results (implementation/public_selectors.py): organisations and places, never people ------


class PublicSettlementOut(Schema):
    code: str = Field(description="KATO code")
    label: str
    latitude: Decimal | None
    longitude: Decimal | None


class PublicOrganizationOut(Schema):
    id: int
    name: str


class PublicCallOut(Schema):
    code: str
    title: str


class StandardTotalsOut(Schema):
    reports: int = Field(description="Approved reports on the pilot(s) the figures come from")
    participants: int
    women: int
    youth: int
    events_held: int
    materials_produced: int
    infrastructure_installed: int
    women_percent: int | None = Field(description="Of the participants; null when none")
    youth_percent: int | None


class PublicIndicatorOut(Schema):
    name: str
    unit: str
    target: Decimal
    reached: Decimal
    percent: int | None


class PublicActivityOut(Schema):
    title: str
    done_from: datetime.date
    done_to: datetime.date


class PublicDecisionOut(Schema):
    title: str
    number: str
    authority: str
    authority_label: str
    adopted_on: datetime.date
    plan_id: int


class PublicCategoryOut(Schema):
    category_id: int
    category: str = Field(description="The category's name")
    approved: Decimal
    spent: Decimal = Field(description="In approved reports")


class PublicOutputOut(Schema):
    id: int
    kind: str
    title: str
    file_type: str
    size: int
    url: str = Field(description="The file, public")


class PublicPilotOut(Schema):
    id: int
    title: str
    summary: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    status: str
    status_label: str
    agreement_number: str
    currency: str
    budget_total: Decimal
    spent_total: Decimal = Field(description="In approved reports")
    settlement: PublicSettlementOut | None
    organization: PublicOrganizationOut = Field(description="The implementing NGO")
    lead: PublicOrganizationOut = Field(description="The consortium's lead NGO")
    call: PublicCallOut
    standard: StandardTotalsOut
    indicators: list[PublicIndicatorOut]
    activities: list[PublicActivityOut]
    decisions: list[PublicDecisionOut]
    budget: list[PublicCategoryOut]
    outputs: list[PublicOutputOut] = Field(description="Materials with the EU funding statement, and photos, approved")
    url: str = Field(description="The public page")


class ImpactCallOut(PublicCallOut):
    currency: str


class ImpactDecisionOut(PublicDecisionOut):
    plan_title: str


class ImpactPilotOut(Schema):
    id: int
    title: str
    agreement_number: str
    settlement: PublicSettlementOut | None
    organization: PublicOrganizationOut
    budget: Decimal
    spent: Decimal
    reports: int
    participants: int
    women: int
    youth: int
    events_held: int
    materials_produced: int
    infrastructure_installed: int
    decisions: int
    url: str


class CallImpactOut(Schema):
    call: ImpactCallOut
    agreements: int
    awarded: Decimal
    paid: Decimal
    approved: Decimal = Field(description="The pilots' approved budgets")
    spent: Decimal = Field(description="In approved reports")
    totals: StandardTotalsOut
    decisions: list[ImpactDecisionOut]
    categories: list[PublicCategoryOut]
    pilots: list[ImpactPilotOut]
