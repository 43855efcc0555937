"""Schemas of the project database API (projectdb/api.py): what goes in, what comes out.

The record's own schemas (`ProjectRecordIn`, `ProjectRecordOut` and their
parts) are in `api_record_schemas.py`.

The search parameters are the page's (`selectors.parse_filters`), but an API
client is told about a value that is not a code (422) instead of having it
silently dropped as the page does.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator

from ecodialogue.grants.application_api_schemas import text

from .api_record_schemas import ProjectRecordOut
from .codelists import RIO_MARKERS, is_code
from .models import ImportItem, ImportRun

MAX_PER_PAGE = 100


class ErrorOut(Schema):
    """A refusal, as every operation of the API gives it."""

    code: str = Field(description='Stable, for programs ("project.exists", "permission.denied" …)')
    message: str = Field(description="For people, in the request's language")
    details: Any = Field(None, description="A rule refusal: the findings, [{code, message, subject}]")


# --- Search parameters --------------------------------------------------------------


def _code_of(list_name: str):
    def check(value: str) -> str:
        if not is_code(list_name, value):
            raise ValueError(
                _("“%(code)s” is not a code of the IATI codelist %(list)s.") % {"code": value, "list": list_name}
            )
        return value

    return Annotated[str, Field(max_length=10), AfterValidator(check)]


def _rio(value: str) -> str:
    if value not in RIO_MARKERS:
        raise ValueError(_("A marker is one of the Rio markers 5, 6, 7 or 8."))
    return value


# Country codes are upper-case; the page takes "kz" too.
Upper = BeforeValidator(lambda v: v.upper() if isinstance(v, str) else v)
OrgKey = Annotated[text(200), Field(description='An organisation\'s key: its IATI identifier, or "name:" and its name')]


class ProjectFilters(Schema):
    """The search page's filters: values within a facet combine with OR, facets with AND."""

    q: text(200) = Field("", description="Words, in Kazakh, Russian or English, or an IATI identifier")
    country: list[Annotated[_code_of("Country"), Upper]] = Field([], description='Recipient countries, ISO 3166 ("KZ")')
    region: list[_code_of("Region")] = Field([], description='Recipient regions, vocabulary 1 ("619" Central Asia)')
    category: list[_code_of("SectorCategory")] = Field([], description='DAC 3-digit sector categories ("410")')
    sector: list[_code_of("Sector")] = Field([], description='DAC 5-digit sectors ("41010")')
    funder: list[OrgKey] = Field([], description="Funding organisations (the key of a `funder` facet value)")
    implementer: list[OrgKey] = Field([], description="Implementing organisations (an `implementer` facet value)")
    status: list[_code_of("ActivityStatus")] = Field([], description="ActivityStatus codes (2 implementation …)")
    year: list[Annotated[int, Field(ge=1900, le=2100)]] = Field([], description="Years the project is active")
    marker: list[Annotated[str, AfterValidator(_rio)]] = Field(
        [],
        description="Rio markers with significance ≥ 1: 5 biodiversity, 6 mitigation, 7 adaptation, 8 desertification",
    )
    sort: Literal["relevance", "newest", "budget"] = Field(
        "relevance", description="Relevance (newest first without words), newest, or largest budget"
    )
    lang: Literal["kk", "ru", "en"] | None = Field(
        None, description="Language of titles and labels (else Accept-Language)"
    )

    def selector_data(self) -> dict:
        """The filters as `selectors.parse_filters` reads them from a query string."""
        data = self.model_dump(exclude={"lang"})
        data["year"] = [str(year) for year in self.year]
        return data


class ProjectSearchQuery(ProjectFilters):
    page: int = Field(1, ge=1, le=1_000_000)
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE)


class ExportQuery(ProjectFilters):
    format: Literal["csv", "xlsx", "xml"] = Field(description="CSV, XLSX, or IATI 2.03 XML")


class LookupQuery(Schema):
    identifier: Annotated[text(300), Field(min_length=1, description="The project's IATI identifier")]
    lang: Literal["kk", "ru", "en"] | None = None


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=1_000_000)
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE)


class ImportItemsQuery(PageQuery):
    outcome: Literal[tuple(ImportItem.Outcome.values)] | None = Field(  # type: ignore[valid-type]
        None, description="Only the items with this outcome (invalid: the refused ones and why)"
    )


class ImportIn(Schema):
    kind: Literal[tuple(ImportRun.Kind.values)] = Field(  # type: ignore[valid-type]
        description="iati: an IATI XML file; table: a CSV or XLSX table with the documented columns"
    )


# --- Search results ---------------------------------------------------------------


class ProjectRowOut(Schema):
    id: int
    identifier: str
    title: str = Field(description="In the request's language, else in another one (`title_language`)")
    title_language: str = Field(description='The language of `title`; "" when not known')
    status: str
    status_label: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    countries: list[str] = Field(description="ISO 3166 codes")
    funders: list[str]
    budget_value: Decimal | None = Field(description="The budget in its largest currency (not converted)")
    budget_currency: str
    url: str = Field(description="The project's page")


class FacetValueOut(Schema):
    value: str = Field(description="What to pass as the facet's parameter")
    label: str
    count: int
    selected: bool
    group: str = Field("", description="Sectors: the label of their DAC category")


class FacetOut(Schema):
    name: str = Field(description="The parameter: country, region, category, sector, funder, …")
    label: str
    values: list[FacetValueOut]


class TotalOut(Schema):
    kind: Literal["budget", "commitment", "disbursement"]
    kind_label: str
    currency: str
    value: Decimal = Field(description="Split by the selected countries' and sectors' percentages")


class ProjectSearchOut(Schema):
    count: int = Field(description="Projects matching")
    page: int
    per_page: int
    num_pages: int
    results: list[ProjectRowOut]
    facets: list[FacetOut]
    totals: list[TotalOut]
    suggestion: str = Field(description='When the words find nothing: a close name or word to try, else ""')


class StatisticsRowOut(Schema):
    key: str
    label: str
    count: int
    amounts: dict[str, Decimal] = Field(description="Budget per currency, split by percentages like the totals")


class StatisticsOut(Schema):
    total: int
    currencies: list[str] = Field(description="Currencies present, most money first")
    by_country: list[StatisticsRowOut]
    by_category: list[StatisticsRowOut]
    by_funder: list[StatisticsRowOut]
    by_year: list[StatisticsRowOut] = Field(description="Budgets by the year their period starts")


# --- One project ------------------------------------------------------------------


class ProvenanceOut(Schema):
    source: str = Field(description="iati, table, manual or demo")
    source_label: str
    source_name: str = Field(description="The file or publisher it came from")
    imported_at: datetime.datetime | None
    edited_at: datetime.datetime | None = Field(description="Last edited by staff")
    last_updated: datetime.datetime | None = Field(description="When its publisher last updated it")


class ProjectLinkOut(Schema):
    id: int
    identifier: str
    title: str
    url: str


class RelatedProjectOut(Schema):
    type: str
    type_label: str
    identifier: str
    project: ProjectLinkOut | None = Field(description="The project, when it is in the database")


class LinkedOrganisationOut(Schema):
    key: str = Field(description="The participant's key (funder/implementer facet value)")
    organization_id: int
    name: str
    url: str


class ProjectDetailOut(Schema):
    id: int
    identifier: str
    title: str
    title_language: str
    status_label: str
    url: str
    record: ProjectRecordOut
    provenance: ProvenanceOut
    related: list[RelatedProjectOut] = Field(description="Its parents and children, found in the database or not")
    organisations: list[LinkedOrganisationOut] = Field(description="Participants in the organisations directory")


class RevisionOut(Schema):
    id: int
    at: datetime.datetime
    by: str = Field(description='Who made the change; "" for an import without a person')
    source: str
    source_label: str
    source_name: str
    changed: list[str] = Field(description="Top-level record fields that changed")
    before: ProjectRecordOut | None = Field(description="None when the change created the project")
    after: ProjectRecordOut


class HistoryOut(Schema):
    count: int
    page: int
    num_pages: int
    results: list[RevisionOut]


# --- Imports ----------------------------------------------------------------------


class ImportMessageOut(Schema):
    code: str
    message: str
    line: int | str | None = None


class ImportItemOut(Schema):
    position: int = Field(description="The activity's number in the file, or the row's number")
    identifier: str
    outcome: str
    outcome_label: str
    project_id: int | None
    messages: list[ImportMessageOut]


class ImportItemsOut(Schema):
    count: int
    page: int
    num_pages: int
    results: list[ImportItemOut]


class ImportRunOut(Schema):
    id: int
    kind: str
    status: Literal[tuple(ImportRun.Status.values)]  # type: ignore[valid-type]
    status_label: str
    filename: str
    by: str
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    processed: int = Field(description="Activities or rows read so far")
    total: int | None = Field(description="Known for a finished run")
    created: int
    updated: int
    unchanged: int
    skipped: int
    invalid: int
    error: str = Field(description='Why the whole file was refused; "" when it was read')
    url: str = Field(description="The staff page showing the run")
    items: ImportItemsOut
