"""The project record in the API: the schemas of `records.py`'s one shape of a project, in and out.

Codes, dates, amounts and percentages are strings, exactly as IATI writes
them, and narratives are `{language: text}` maps. Each `…In` schema is its
`…Out` schema with bounded fields and unknown keys refused, so anything a
client sends is answered with a 422, never a server error; the output
schemas stay unbounded, since an imported record may hold texts longer than
a client may send. Whether the values make sense (codes in the codelists,
percentages adding up to 100, dates in order) is `rules.py`'s to say, with
its findings.
"""

from typing import Annotated

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict

from ecodialogue.grants.application_api_schemas import text

MAX_ITEMS = 2000  # list items of one record; the largest real activities have a few hundred transactions


def _moment(value: str) -> str:
    # services reads it with parse_datetime, which raises on a well-formed impossible date ("2020-13-01T00:00").
    if value:
        try:
            valid = parse_datetime(value) is not None or parse_date(value) is not None
        except ValueError:
            valid = False
        if not valid:
            raise ValueError(_("Give a date and time in ISO 8601 (2024-03-01T10:00:00Z), or nothing."))
    return value


Short = text(40)
Line = text(300)
Long = text(20_000)
Url = text(2000)
Number = text(40)  # a JSON number is taken as its text (coerce_numbers_to_str)
Language = Annotated[text(8), Field(description='ISO 639-1 code, lower-case ("kk", "ru", "en"); "" when unknown')]
Narrative = Annotated[dict[Language, Long], Field(max_length=50)]
Many = Field(default_factory=list, max_length=MAX_ITEMS)


class _Record(Schema):
    # Codes and amounts are text; a number where a stored record or a client has one is read as its text.
    model_config = ConfigDict(coerce_numbers_to_str=True)


class _Strict(_Record):
    model_config = ConfigDict(extra="forbid")


class OrganisationOut(_Record):
    ref: str = Field("", description="IATI organisation identifier")
    type: str = Field("", description="OrganisationType code")
    name: dict[str, str] = {}


class OrganisationIn(OrganisationOut, _Strict):
    ref: Line = ""
    type: Short = ""
    name: Narrative = {}


class ParticipantOut(OrganisationOut):
    role: str = Field(description="OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing")


class ParticipantIn(OrganisationIn):
    role: Short


class DescriptionOut(_Record):
    type: str = Field("1", description="DescriptionType: 1 general, 2 objectives, 3 target groups")
    text: dict[str, str] = {}


class DescriptionIn(DescriptionOut, _Strict):
    type: Short = "1"
    text: Narrative = {}


class ShareOut(_Record):
    code: str
    percentage: str = Field("", description='A decimal, "" when not given')


class ShareIn(ShareOut, _Strict):
    code: Short
    percentage: Number = ""


class CodedShareOut(ShareOut):
    vocabulary: str = "1"


class CodedShareIn(ShareIn):
    vocabulary: Short = "1"


class MarkerOut(_Record):
    code: str = Field(description="PolicyMarker: 5 biodiversity, 6 mitigation, 7 adaptation, 8 desertification …")
    vocabulary: str = "1"
    significance: str = Field("", description="PolicySignificance 0–4")


class MarkerIn(MarkerOut, _Strict):
    code: Short
    vocabulary: Short = "1"
    significance: Short = ""


class LocationOut(_Record):
    ref: str = ""
    name: dict[str, str] = {}
    description: dict[str, str] = {}
    lat: str = Field("", description="Latitude, a decimal")
    lon: str = Field("", description="Longitude, a decimal")
    admin_vocabulary: str = ""
    admin_code: str = Field("", description="In Kazakhstan, a KATO code when known")


class LocationIn(LocationOut, _Strict):
    ref: Line = ""
    name: Narrative = {}
    description: Narrative = {}
    lat: Number = ""
    lon: Number = ""
    admin_vocabulary: Short = ""
    admin_code: Short = ""


class BudgetOut(_Record):
    type: str = Field("", description="BudgetType: 1 original, 2 revised")
    status: str = Field("", description="BudgetStatus: 1 indicative, 2 committed")
    period_start: str = Field("", description="ISO date")
    period_end: str = Field("", description="ISO date")
    value: str = Field("", description="A decimal with at most 2 places")
    currency: str = Field("", description="ISO 4217; the project's default currency when empty")
    value_date: str = ""


class BudgetIn(BudgetOut, _Strict):
    type: Short = ""
    status: Short = ""
    period_start: Short = ""
    period_end: Short = ""
    value: Number = ""
    currency: Short = ""
    value_date: Short = ""


class PartyOut(_Record):
    ref: str = ""
    name: str = ""


class PartyIn(PartyOut, _Strict):
    ref: Line = ""
    name: Line = ""


class TransactionOut(_Record):
    type: str = Field(description="TransactionType: 2 commitment, 3 disbursement, 4 expenditure …")
    date: str = Field("", description="ISO date")
    value: str = ""
    currency: str = ""
    value_date: str = ""
    description: dict[str, str] = {}
    provider: PartyOut = PartyOut()
    receiver: PartyOut = PartyOut()


class TransactionIn(TransactionOut, _Strict):
    type: Short
    date: Short = ""
    value: Number = ""
    currency: Short = ""
    value_date: Short = ""
    description: Narrative = {}
    provider: PartyIn = PartyIn()
    receiver: PartyIn = PartyIn()


class DocumentOut(_Record):
    url: str
    format: str = Field("", description='Media type ("text/html", "application/pdf")')
    title: dict[str, str] = {}
    categories: list[str] = Field([], description="DocumentCategory codes (A12 web page …)")
    languages: list[str] = []


class DocumentIn(DocumentOut, _Strict):
    url: Url
    format: Line = ""
    title: Narrative = {}
    categories: list[Short] = Field([], max_length=50)
    languages: list[Language] = Field([], max_length=50)


class RelatedOut(_Record):
    type: str = Field(description="RelatedActivityType: 1 parent, 2 child, 3 sibling …")
    ref: str = Field(description="The related project's identifier")


class RelatedIn(RelatedOut, _Strict):
    type: Short
    ref: Line


class ProjectRecordOut(_Record):
    """A project as plain data, modelled on an IATI 2.03 activity (the format of `records.py`)."""

    identifier: str
    default_language: str = ""
    default_currency: str = ""
    last_updated: str = Field("", description="ISO date-time the publisher last updated it")
    status: str = Field("", description="ActivityStatus: 1 pipeline … 4 closed, 5 cancelled, 6 suspended")
    title: dict[str, str] = {}
    descriptions: list[DescriptionOut] = []
    reporting_org: OrganisationOut | None = None
    participating_orgs: list[ParticipantOut] = []
    dates: dict[str, str] = Field({}, description="ActivityDateType (1 planned start … 4 actual end) → ISO date")
    countries: list[ShareOut] = []
    regions: list[CodedShareOut] = []
    sectors: list[CodedShareOut] = []
    policy_markers: list[MarkerOut] = []
    locations: list[LocationOut] = []
    budgets: list[BudgetOut] = []
    transactions: list[TransactionOut] = []
    documents: list[DocumentOut] = []
    related: list[RelatedOut] = []


class ProjectRecordIn(ProjectRecordOut, _Strict):
    """A project record to save; omitted parts are empty. The same rules as the import and the staff form apply."""

    identifier: Annotated[Line, Field(description="IATI identifier; unique")] = ""
    default_language: Language = ""
    default_currency: Short = ""
    last_updated: Annotated[Short, AfterValidator(_moment)] = ""
    status: Short = ""
    title: Narrative = {}
    descriptions: list[DescriptionIn] = Many
    reporting_org: OrganisationIn | None = None
    participating_orgs: list[ParticipantIn] = Many
    dates: Annotated[dict[Short, Short], Field(max_length=10)] = {}
    countries: list[ShareIn] = Many
    regions: list[CodedShareIn] = Many
    sectors: list[CodedShareIn] = Many
    policy_markers: list[MarkerIn] = Many
    locations: list[LocationIn] = Many
    budgets: list[BudgetIn] = Many
    transactions: list[TransactionIn] = Many
    documents: list[DocumentIn] = Many
    related: list[RelatedIn] = Many
