"""Every write of the project database goes through here: a record saved, from a file, a spreadsheet or a form.

`project_save` is the one door. It validates the record with the same rules
whatever its source, writes the project and its derived rows in one
transaction (never half a project), keeps a revision of every change, and
keeps the search index up to date. Imports call it once per activity.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecodialogue.core.errors import Forbidden, Invalid
from ecodialogue.core.findings import errors
from ecodialogue.core.services import activity_record
from ecodialogue.organizations.models import Organization

from . import bulk, search
from .changes import changes_record
from .codelists import RIO_MARKERS, sector_category
from .models import (
    Project,
    ProjectAmount,
    ProjectCountry,
    ProjectMarker,
    ProjectOrganisation,
    ProjectRegion,
    ProjectRevision,
    ProjectSector,
    ProjectYear,
)
from .permissions import can_edit_projects
from .records import normalised, org_key, pick, record_hash
from .rules import parse_date, parse_when, record_findings

# Organisation identifiers of EU institutions in IATI: the Commission's directorates-general publish as
# XI-IATI-EC_<DG>, older data uses the DAC code of EU institutions (918, XM-DAC-918-…), and the EIB XM-DAC-46024.
EU_REF_PREFIXES = ("XI-IATI-EC", "XM-DAC-918", "XM-DAC-46024", "EU-", "XI-IATI-EU")
EU_NAME_WORDS = ("european union", "european commission", "европейский союз", "еуропалық одақ", "евросоюз")
# A year facet row per year active; a longer span is a data error and is cut.
MAX_YEARS = 40
# Money transactions: 2 outgoing commitment, 3 disbursement, 4 expenditure (TransactionType).
COMMITMENT_TYPES = ("2",)
DISBURSEMENT_TYPES = ("3", "4")


class Outcome:
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Saved:
    project: Project
    outcome: str


def is_eu_funder(org: dict) -> bool:
    """An EU institution, by its IATI identifier or its name in any language."""
    ref = (org.get("ref") or "").upper()
    if ref.startswith(EU_REF_PREFIXES):
        return True
    names = " ".join(org.get("name", {}).values()).casefold()
    return any(word in names for word in EU_NAME_WORDS)


@dataclass
class Result:
    """What happened to one record of a batch: an outcome, or the findings that refused it."""

    identifier: str
    outcome: str = ""
    project: Project | None = None
    problems: list = field(default_factory=list)


def project_save(*, record: dict, source: str, source_name: str = "", actor=None, now=None) -> Saved:
    """Create or update the project a record identifies (staff forms, the API); Invalid if any rule fails."""
    if not can_edit_projects(actor):
        raise Forbidden("project.forbidden", _("Only staff edit the project database."))
    (result,) = projects_save(records=[record], source=source, source_name=source_name, actor=actor, now=now)
    if result.problems:
        first = result.problems[0]
        raise Invalid(
            first.code,
            first.text,
            details=[{"code": f.code, "message": f.text, "subject": f.subject} for f in result.problems],
        )
    return Saved(result.project, result.outcome)


def projects_save(
    *,
    records: list[dict],
    source: str,
    source_name: str = "",
    actor=None,
    now: datetime.datetime | None = None,
    numbered: bool = True,
) -> list[Result]:
    """Save a batch of records in one transaction: each valid one created, updated, unchanged or skipped.

    Callers check permissions (imports run as staff or from the command line).
    An invalid record is reported and writes nothing; the others still save.
    An unchanged record writes nothing. An imported record older than the
    stored one (by `last_updated`) is skipped, so a file published earlier
    never undoes a newer import or a staff edit. Staff edits (source manual)
    always apply: a person saw the current record in the form. The same
    identifier twice in one batch: the later one wins, as if imported in turn.
    Batched (a few queries per batch, not per record) so that imports reach
    thousands of activities per second.

    `numbered=False`: the caller numbers the saved projects' change itself
    (`changes.changes_record`), last in its own transaction. An import does,
    so that it takes the change counter's lock once per batch and after its
    other writes (see changes.py).
    """
    now = now or timezone.now()
    results: list[Result] = []
    valid: dict[str, tuple[Result, dict, str]] = {}
    for raw in records:
        record = normalised(raw)
        result = Result(identifier=record["identifier"])
        results.append(result)
        result.problems = errors(record_findings(record))
        if not result.problems:
            valid[record["identifier"]] = (result, record, record_hash(record))
    if not valid:
        return results
    with transaction.atomic():
        existing = {p.identifier: p for p in Project.objects.select_for_update().filter(identifier__in=list(valid))}
        to_create, to_update, revisions, changed = [], [], [], []
        for identifier, (result, record, digest) in valid.items():
            project = existing.get(identifier)
            incoming = parse_when(record["last_updated"])
            if project is not None and project.record_hash == digest:
                result.project, result.outcome = project, Outcome.UNCHANGED
                continue
            if (
                project is not None
                and source != Project.Source.MANUAL
                and project.last_updated
                and incoming
                and incoming < project.last_updated
            ):
                result.project, result.outcome = project, Outcome.SKIPPED
                continue
            before = project.record if project is not None else None
            if project is None:
                project = Project(identifier=identifier, created_at=now, edited_at=None, imported_at=None)
                to_create.append(project)
                result.outcome = Outcome.CREATED
            else:
                to_update.append(project)
                result.outcome = Outcome.UPDATED
            result.project = project
            _fill(project, record, digest, incoming)
            project.source = source
            project.source_name = source_name[:300]
            project.updated_at = now
            if source == Project.Source.MANUAL:
                project.edited_at, project.edited_by = now, actor
            else:
                project.imported_at = now
            changed.append((project, record))
            revisions.append((project, before, record))
        for project, pk in zip(to_create, bulk.allocate_ids(Project, len(to_create)), strict=True):
            project.pk = pk
            project._state.adding, project._state.db = False, "default"
        bulk.insert_objects(Project, to_create)
        bulk.update_objects(
            Project,
            to_update,
            [*FILLED, "source", "source_name", "updated_at", "edited_at", "edited_by", "imported_at"],
        )
        if changed:
            _derive_rows(changed, replaced=[project.pk for project in to_update])
            search.index_projects(changed)
            by = actor if getattr(actor, "is_authenticated", False) else None
            bulk.insert_objects(
                ProjectRevision,
                [
                    ProjectRevision(
                        project=project,
                        at=now,
                        by=by,
                        source=source,
                        source_name=source_name[:300],
                        before=before,
                        after=record,
                        changed=sorted(k for k in record if before is None or before.get(k) != record[k]),
                    )
                    for project, before, record in revisions
                ],
                with_pk=False,
            )
        if source == Project.Source.MANUAL:
            for project, before, _record in revisions:
                verb = "project.created" if before is None else "project.edited"
                activity_record(actor=actor, verb=verb, obj=project)
        if changed and numbered:
            # Last: it locks the change counter until the commit (see changes.py).
            changes_record([project.pk for project, _record in changed])
    return results


FILLED = [
    "record",
    "record_hash",
    "title",
    "title_kk",
    "title_ru",
    "title_en",
    "status",
    "start_date",
    "end_date",
    "budget_value",
    "budget_currency",
    "countries",
    "last_updated",
]


def _fill(project: Project, record: dict, digest: str, last_updated) -> None:
    project.record = record
    project.record_hash = digest
    project.title = pick(record["title"], "en")[0][:300]
    for lang in ("kk", "ru", "en"):
        setattr(project, f"title_{lang}", record["title"].get(lang, "")[:300])
    project.status = record["status"]
    dates = record["dates"]
    project.start_date = parse_date(dates.get("2", "")) or parse_date(dates.get("1", ""))
    project.end_date = parse_date(dates.get("4", "")) or parse_date(dates.get("3", ""))
    totals = _totals(record)
    budgets = {currency: value for (kind, currency), value in totals.items() if kind == ProjectAmount.Kind.BUDGET}
    if budgets:
        project.budget_currency, project.budget_value = max(budgets.items(), key=lambda item: item[1])
    else:
        project.budget_currency, project.budget_value = "", None
    project.countries = " ".join(c["code"] for c in record["countries"])[:200]
    project.last_updated = last_updated


def _totals(record: dict) -> dict[tuple[str, str], Decimal]:
    totals: dict[tuple[str, str], Decimal] = {}
    rows = [(ProjectAmount.Kind.BUDGET, b) for b in record["budgets"]]
    for t in record["transactions"]:
        if t["type"] in COMMITMENT_TYPES:
            rows.append((ProjectAmount.Kind.COMMITMENT, t))
        elif t["type"] in DISBURSEMENT_TYPES:
            rows.append((ProjectAmount.Kind.DISBURSEMENT, t))
    for kind, item in rows:
        key = (kind, item["currency"])
        totals[key] = totals.get(key, Decimal(0)) + Decimal(item["value"])
    return totals


def _shares(items: list[dict]) -> list[tuple[dict, Decimal]]:
    """Each item's share in percent: as given, else split evenly (IATI: no percentage means one item, or unknown)."""
    if not items:
        return []
    if all(item["percentage"] != "" for item in items):
        return [(item, Decimal(item["percentage"])) for item in items]
    even = (Decimal(100) / len(items)).quantize(Decimal("0.0001"))
    return [(item, even) for item in items]


def _derive_rows(changed: list[tuple[Project, dict]], *, replaced: list[int]) -> None:
    """Rewrite the facet rows of the changed projects from their records: one delete and one insert per table.

    Rows are written as plain tuples (`bulk.py`): about 15 rows per project
    made as model instances cost more than everything else an import does.
    Only the `replaced` (existing) projects have rows to delete: a first
    import deletes nothing (seven statements per batch, 5 % of its time).
    """
    if replaced:
        for model in DERIVED:
            model.objects.filter(project_id__in=replaced).delete()
    rows: dict[type, list] = {model: [] for model in DERIVED}
    known = _known_organisations([o for _p, record in changed for o in record["participating_orgs"]])
    for project, record in changed:
        for model, row in _rows_of(project, record, known):
            rows[model].append(row)
    for model, values in rows.items():
        bulk.insert_rows(model._meta.db_table, COLUMNS[model], values)


def _rows_of(project: Project, record: dict, known: dict[str, int]):
    """(model, row tuple in COLUMNS order) for each derived row of one project."""
    pk = project.pk
    # Shares over the countries and regions the rules add up to 100 (rules._percentage_findings); only DAC
    # regions (vocabulary 1) are a facet.
    geography = record["countries"] + [
        r for r in record["regions"] if (r.get("vocabulary") or "1") == "1" or r["percentage"] != ""
    ]
    countries = {id(item) for item in record["countries"]}
    for item, share in _shares(geography):
        if id(item) in countries:
            yield ProjectCountry, (pk, item["code"], share)
        elif (item.get("vocabulary") or "1") == "1":
            yield ProjectRegion, (pk, item["code"], share)
    dac = [s for s in record["sectors"] if (s.get("vocabulary") or "1") in ("1", "2")]
    for item, share in _shares(dac):
        yield ProjectSector, (pk, item["code"], sector_category(item["code"]), share)
    for org in record["participating_orgs"]:
        key = org_key(org)
        if org["role"] in ("1", "2", "3", "4") and key:
            name = (pick(org["name"], "en")[0] or org["ref"])[:300]
            is_eu = org["role"] == "1" and is_eu_funder(org)
            yield ProjectOrganisation, (pk, org["role"], key[:200], name, known.get(key), is_eu)
    for marker in record["policy_markers"]:
        significance = marker.get("significance") or "0"
        if (
            (marker.get("vocabulary") or "1") == "1"
            and marker["code"] in RIO_MARKERS
            and significance.isdigit()
            and int(significance) >= 1
        ):
            yield ProjectMarker, (pk, marker["code"], int(significance))
    if project.start_date:
        first = project.start_date.year
        last = max(first, (project.end_date or project.start_date).year)
        for year in range(first, min(last, first + MAX_YEARS) + 1):
            yield ProjectYear, (pk, year)
    for (kind, currency), value in _totals(record).items():
        yield ProjectAmount, (pk, kind, currency, value)


COLUMNS = {
    ProjectCountry: ("project_id", "code", "share"),
    ProjectRegion: ("project_id", "code", "share"),
    ProjectSector: ("project_id", "code", "category", "share"),
    ProjectOrganisation: ("project_id", "role", "key", "name", "organization_id", "is_eu"),
    ProjectMarker: ("project_id", "code", "significance"),
    ProjectYear: ("project_id", "year"),
    ProjectAmount: ("project_id", "kind", "currency", "value"),
}
DERIVED = tuple(COLUMNS)


def _known_organisations(orgs: list[dict]) -> dict[str, int]:
    """The platform's organisations among the participants, by BIN (KZ-BIN-…) or exact name."""
    bins = {o["ref"][len("KZ-BIN-") :]: org_key(o) for o in orgs if o["ref"].upper().startswith("KZ-BIN-")}
    names = {}
    for org in orgs:
        for text in org["name"].values():
            names[text.strip()] = org_key(org)
    found = {}
    if bins:
        for pk, bin_ in Organization.objects.filter(bin__in=bins).values_list("pk", "bin"):
            found[bins[bin_]] = pk
    if names:
        for pk, name in Organization.objects.filter(name__in=names).values_list("pk", "name"):
            found.setdefault(names[name], pk)
    return found
