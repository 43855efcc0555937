"""Schemas of the evaluation API (grants/evaluation_api.py): what goes in, what comes out.

Inputs are bounded like the applications API's (grants/application_api_schemas.py): texts as long
as a page's form allows and never with a NUL character, scores whole numbers, dates within the
years 2000–2999, e-mail addresses checked as Django checks them, so anything a client sends is
answered with a 422, never a server error.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, field_validator

from .application_api_schemas import ApplicationOut, Id, LongText, PilotOut, text

Reason = text(4000)
Score = Annotated[int, Field(ge=0, le=1000, description="From 0 to the criterion's maximum")]


def _email(value: str) -> str:
    try:
        validate_email(value.strip())
    except DjangoValidationError as error:
        raise ValueError(_("Enter a valid email address.")) from error  # Django's own words, translated
    return value.strip()


# Django's check also refuses NUL characters and anything else that is not an address.
Email = Annotated[
    str, Field(min_length=3, max_length=254, json_schema_extra={"format": "email"}), AfterValidator(_email)
]


# --- Screening -------------------------------------------------------------------


class ScreeningIn(Schema):
    result: Literal["passed", "failed"]
    reason: Reason = Field("", description="Required when it fails: the applicant will read it")


class ScreeningOut(Schema):
    result: Literal["passed", "failed"]
    reason: str
    decided_at: datetime.datetime


class ScreeningRowOut(Schema):
    application_id: int
    number: str | None
    lead: str = Field(description="The lead NGO")
    language: str
    submitted_at: datetime.datetime | None
    total_amount: Decimal
    checklist_errors: int = Field(description="Errors the rules found when it was last saved")
    screening: ScreeningOut | None = Field(description="Null until staff screen it")


# --- The commission and assignments ---------------------------------------------


class AppointIn(Schema):
    email: Email = Field(description="An account's verified address, or an invitation to make one")


class MemberOut(Schema):
    id: int
    email: str
    name: str | None = Field(description="Null until the person signs up")
    has_account: bool
    assigned: int
    in_progress: int
    submitted: int
    conflicts: int


class AssignmentOut(Schema):
    id: int
    application_id: int
    member_id: int
    member: str = Field(description="The evaluator's name, or the invitation's e-mail")
    status: Literal["assigned", "in_progress", "submitted", "conflict"]
    conflict: bool | None = Field(description="Null until the evaluator declares")
    conflict_note: str
    declared_at: datetime.datetime | None
    submitted_at: datetime.datetime | None
    reminded_at: datetime.datetime | None


class ApplicationProgressOut(Schema):
    application_id: int
    number: str | None
    lead: str
    screening: Literal["passed", "failed"] | None
    assignments: list[AssignmentOut]


class CommissionOut(Schema):
    evaluators_per_application: int
    members: list[MemberOut]
    applications: list[ApplicationProgressOut] = Field(description="Submitted applications and their evaluators")


class AutoAssignOut(Schema):
    created: int = Field(description="New assignments")


class AssignIn(Schema):
    member_id: Id = Field(description="A member of the call's commission")


# --- Ranking, changes of the proposal, decision -------------------------------------


class CriterionOut(Schema):
    id: int
    name: str
    description: str
    weight: Decimal
    max_score: int


class CriterionScoreOut(Schema):
    criterion_id: int
    score: int | None


class EvaluationOut(Schema):
    evaluator: int = Field(description="An anonymous number within the application (1, 2, …)")
    total: Decimal = Field(description="100 × Σ(weight × score / maximum) / Σ weight")
    scores: list[CriterionScoreOut]


class CriterionMeanOut(Schema):
    criterion_id: int
    mean: Decimal | None = Field(description="On the criterion's own scale")


class OverrideOut(Schema):
    application_id: int
    selected: bool
    justification: str
    decided_at: datetime.datetime


class RankingRowOut(Schema):
    application_id: int
    number: str
    lead: str
    rank: int | None = Field(description="Null when not ranked (not passed, or not scored)")
    selected: bool
    award: Decimal
    reason: str = Field(
        description="selected, override_in, override_out, not_eligible, not_scored, out_of_range, winners, budget"
    )
    explanation: str = Field(description="Why, in plain words, in the request's language")
    requested: Decimal
    remaining_before: Decimal = Field(description="Budget left when it was considered")
    evaluations: list[EvaluationOut] = Field(description="Submitted evaluations only")
    expected_evaluations: int
    mean: Decimal | None = Field(description="Mean of the evaluators' totals")
    bonus: Decimal
    bonus_reasons: list[str] = Field(description="The call's priorities it meets")
    final: Decimal | None = Field(description="mean + bonus")
    criterion_means: list[CriterionMeanOut]
    spread: Decimal = Field(description="Highest evaluator total minus the lowest")
    flagged: bool = Field(description="Spread above the call's: to discuss")
    complete: bool = Field(description="Every expected evaluation is in")
    override: OverrideOut | None = Field(description="The commission's change, with its justification")


class RankingTotalsOut(Schema):
    selected: int
    winners: int = Field(description="The call's number of winners")
    awarded: Decimal
    total_budget: Decimal
    remaining: Decimal
    grant_min: Decimal
    grant_max: Decimal
    spread: Decimal = Field(description="The call's disagreement spread")


class RankingOut(Schema):
    call: str
    currency: str
    decided: bool = Field(description="The decision is recorded: the ranking can no longer change")
    criteria: list[CriterionOut]
    rows: list[RankingRowOut] = Field(description="Best first; unranked applications at the end")
    totals: RankingTotalsOut


class OverrideIn(Schema):
    selected: bool = Field(description="True: select although the proposal skipped it; false: leave it out")
    justification: Reason = Field(description="The commission's written justification (10 characters at least)")


class DecisionIn(Schema):
    decided_on: datetime.date
    members_present: Reason = Field(description="The commission members present")
    publish_now: bool = Field(False, description="Publish the results at once rather than on the call's results date")

    @field_validator("decided_on")
    @classmethod
    def _plausible(cls, value):
        if not 2000 <= value.year <= 2999:
            raise ValueError(_("Give a date between the years 2000 and 2999."))
        return value


class AwardOut(Schema):
    application_id: int
    number: str | None
    rank: int
    amount: Decimal


class DecisionOut(Schema):
    call: str
    decided_on: datetime.date
    members_present: str
    total_awarded: Decimal
    currency: str
    publish_at: datetime.datetime | None = Field(description="When the results become public")
    published_at: datetime.datetime | None
    awards: list[AwardOut]


# --- Evaluators ---------------------------------------------------------------------


class MyAssignmentOut(Schema):
    id: int
    call: str
    call_title: str
    application_id: int
    number: str | None
    lead: str = Field(description="The lead NGO: to see whether you have a conflict of interest")
    members: list[str] = Field(description="The consortium's organisations")
    status: Literal["assigned", "in_progress", "submitted", "conflict"]
    conflict: bool | None = Field(description="Null until you declare")
    declared_at: datetime.datetime | None
    submitted_at: datetime.datetime | None


class ScoreOut(Schema):
    criterion_id: int
    score: int | None
    comment: str


class OtherEvaluationOut(Schema):
    evaluator: int = Field(description="An anonymous number within the application (1, 2, …)")
    total: Decimal
    scores: list[ScoreOut]


class AssignmentContentOut(Schema):
    application: ApplicationOut
    pilots: list[PilotOut] = Field(description="Each pilot project's whole form and budget")


class AssignmentDetailOut(MyAssignmentOut):
    conflict_note: str
    evaluators_see_others: bool = Field(description="The call shows the others' scores after you submit yours")
    criteria: list[CriterionOut]
    scores: list[ScoreOut] = Field(description="Yours, as saved")
    total: Decimal | None = Field(description="Your total out of 100, once every criterion is scored")
    content: AssignmentContentOut | None = Field(description="Null until you declare that you have no conflict")
    others: list[OtherEvaluationOut] | None = Field(
        description="The other evaluators' submitted scores: null before you submit yours, or if the call hides them"
    )


class DeclarationIn(Schema):
    conflict: bool = Field(description="True: you have a conflict of interest and will not evaluate it")
    note: Reason = ""


class ScoreIn(Schema):
    criterion_id: Id
    score: Score | None = Field(None, description="Null while undecided (a draft)")
    comment: LongText = ""


class ScoresIn(Schema):
    scores: list[ScoreIn] = Field(max_length=50, description="The criteria saved; the others stay as they were")


# --- Public results -------------------------------------------------------------------


class ResultPilotOut(Schema):
    title: str
    organization: str
    settlement: str | None = Field(description="KATO code")
    settlement_label: str | None = Field(description="The settlement with its district and region")


class ResultAwardOut(Schema):
    rank: int
    number: str | None = Field(description="The application number")
    lead: str = Field(description="The lead NGO")
    members: list[str] = Field(description="Every organisation of the consortium, the lead first")
    pilots: list[ResultPilotOut]
    amount: Decimal


class ResultsOut(Schema):
    call: str
    call_title: str
    currency: str
    decided_on: datetime.date
    published_at: datetime.datetime
    total_awarded: Decimal
    awards: list[ResultAwardOut]
