"""Schemas of the applications API (grants/application_api.py): what goes in, what comes out.

Inputs are typed and bounded like the pages' forms: money and quantities are
decimals with two places, months and people whole numbers, texts as long as
the forms allow. Text never carries a NUL character (PostgreSQL would refuse it; pydantic
already refuses unpaired surrogates), so anything a client sends is answered
with a 422, never a server error.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, field_validator


def _storable(value: str) -> str:
    if "\x00" in value:  # the pages' forms refuse it too (Django's ProhibitNullCharactersValidator)
        raise ValueError(_("Null characters are not allowed."))
    return value


def text(max_length: int):
    return Annotated[str, Field(max_length=max_length), AfterValidator(_storable)]


LongText = text(20000)
Line = text(300)
Unit = text(64)
Code = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]
Amount = Annotated[Decimal, Field(max_digits=12, decimal_places=2)]
Month = Annotated[int, Field(ge=0, le=9999)]
People = Annotated[int, Field(ge=0, le=10_000_000)]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-fA-F]{64}$")]


# --- The application -----------------------------------------------------------


class StartIn(Schema):
    language: Annotated[str, Field(min_length=2, max_length=2, description="One of the call's languages")]


class MemberOut(Schema):
    organization_id: int
    name: str
    is_lead: bool


class PilotSummaryOut(Schema):
    id: int
    organization_id: int
    title: str
    settlement: str | None = Field(description="KATO code")
    budget_total: Decimal
    version: int


class DocumentOut(Schema):
    id: int
    requirement: str = Field(description="Code of the call's required document")
    organization_id: int
    name: str
    size: int
    file_type: str
    sha256: str
    uploaded_at: datetime.datetime


class SubmissionOut(Schema):
    sequence: int
    number: str
    submitted_at: datetime.datetime
    sha256: str


class ApplicationOut(Schema):
    id: int
    call: str
    consortium_id: int
    status: str
    number: str | None
    language: str
    summary: str
    coherence: str
    coordination: str
    team_experience: str
    sustainability: str
    version: int
    currency: str
    total_amount: Decimal
    members: list[MemberOut]
    pilots: list[PilotSummaryOut]
    documents: list[DocumentOut]
    submissions: list[SubmissionOut]
    deadline: datetime.datetime | None = Field(description="The call's, or later if staff re-opened it")
    submitted_at: datetime.datetime | None
    editable: bool = Field(description="A draft that still accepts changes")
    can_submit: bool
    can_reopen: bool
    url: str


class LeadFormIn(Schema):
    version: int = Field(description="The version the form was loaded at")
    language: str | None = Field(None, min_length=2, max_length=2)
    summary: LongText
    coherence: LongText
    coordination: LongText
    team_experience: LongText
    sustainability: LongText


# --- The checklist --------------------------------------------------------------


class FindingOut(Schema):
    code: str
    severity: Literal["error", "warning", "info"]
    message: str
    subject: str = Field(description='Where it is fixed: "lead", "pilot:<id>", "pilots", "documents", "consortium"')


class ChecklistItemOut(Schema):
    code: str
    label: str
    ok: bool
    findings: list[FindingOut]


class ChecklistOut(Schema):
    ready: bool = Field(description="Every rule of the call holds: the application can be submitted")
    items: list[ChecklistItemOut]
    priorities: list[FindingOut] = Field(description="The call's priorities: information, never errors")


# --- Pilot projects -------------------------------------------------------------


class PilotAddIn(Schema):
    organization_id: Id


class IndicatorIn(Schema):
    name: Line = ""
    unit: Unit = ""
    target: Amount | None = None


class ActivityIn(Schema):
    title: Line = ""
    start_month: Month | None = None
    end_month: Month | None = None


class BudgetLineIn(Schema):
    category: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_-]*$")] | None = Field(
        None, description="Code of one of the call's budget categories"
    )
    item: Line = ""
    unit: Unit = ""
    quantity: Amount | None = None
    unit_cost: Amount | None = None


class PilotIn(Schema):
    """A pilot project's whole form (Annex 3); what is left out is saved empty (a draft may be half-filled)."""

    version: int = Field(description="The version the form was loaded at")
    title: Line = ""
    settlement: Annotated[str, Field(max_length=12, pattern=r"^[0-9]*$")] | None = Field(None, description="KATO code")
    problem: LongText = ""
    goals: LongText = ""
    expected_results: LongText = ""
    target_groups: LongText = ""
    participants: People | None = None
    women: People | None = None
    youth: People | None = None
    cooperation: LongText = ""
    team: LongText = ""
    risks: LongText = ""
    sustainability: LongText = ""
    eu_declaration: bool = False
    themes: list[Id] = Field(default_factory=list, max_length=50, description="Ids of the platform's themes")
    indicators: list[IndicatorIn] = Field(default_factory=list, max_length=60)
    activities: list[ActivityIn] = Field(default_factory=list, max_length=60)
    budget_lines: list[BudgetLineIn] = Field(
        default_factory=list, max_length=60, description="Replaced as a whole, in this order"
    )


# What was saved, as stored (the pages' forms bound some values differently): unconstrained.


class IndicatorOut(Schema):
    name: str
    unit: str
    target: Decimal | None


class ActivityOut(Schema):
    title: str
    start_month: int | None
    end_month: int | None


class BudgetLineOut(Schema):
    category: str | None
    item: str
    unit: str
    quantity: Decimal | None
    unit_cost: Decimal | None
    total: Decimal


class PilotOut(Schema):
    id: int
    application_id: int
    organization_id: int
    organization_name: str
    number: int = Field(description="1, 2, … as shown to people")
    title: str
    settlement: str | None = Field(description="KATO code")
    problem: str
    goals: str
    expected_results: str
    target_groups: str
    participants: int | None
    women: int | None
    youth: int | None
    cooperation: str
    team: str
    risks: str
    sustainability: str
    eu_declaration: bool
    themes: list[int]
    indicators: list[IndicatorOut]
    activities: list[ActivityOut]
    budget_lines: list[BudgetLineOut]
    budget_total: Decimal
    months: int | None = Field(description="From the first activity's start to the last one's end")
    version: int
    url: str


# --- Documents, submission, receipts --------------------------------------------


class DocumentUploadIn(Schema):
    requirement: Code = Field(description="Code of the call's required document")
    organization_id: Id = Field(description="Whose document: a member, or the lead NGO for the consortium's")


class ReceiptDocumentOut(Schema):
    name: str
    sha256: str


class ReceiptOut(Schema):
    application_id: int
    number: str
    sequence: int
    submitted_at: datetime.datetime
    sha256: str = Field(description="SHA-256 of the snapshot's canonical JSON")
    documents: list[ReceiptDocumentOut]
    verify_url: str


class ReopenIn(Schema):
    reason: Annotated[str, Field(max_length=4000), AfterValidator(_storable)]
    until: datetime.datetime | None = Field(
        None, description="Needed after the call's deadline; without an offset, in the call's time zone"
    )

    @field_validator("until")
    @classmethod
    def _plausible(cls, value):
        if value is not None and not 2000 <= value.year <= 2999:
            raise ValueError(_("Give a date between the years 2000 and 2999."))
        return value


class VerifyQuery(Schema):
    number: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^\s*[A-Za-z0-9_-]+\s*$")]
    sha256: Sha256 = Field(description="SHA-256 of the whole application, from the receipt")
    document: Annotated[str, Field(pattern=r"^([0-9a-fA-F]{64})?$")] | None = Field(
        None, description="SHA-256 of one document, to check that it was submitted (empty: none)"
    )


class VerifyOut(Schema):
    state: Literal["valid", "altered", "unknown"]
    number: str | None
    call: str | None = Field(description="The call's code")
    call_title: str | None
    lead: str | None = Field(description="The lead NGO (an organisation, never a person)")
    submitted_at: datetime.datetime | None
    document_found: bool | None = Field(description="Whether the document's hash is in the receipt; null if not asked")
