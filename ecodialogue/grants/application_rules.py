"""The rules of a call that an application must meet, as pure functions over plain data.

`application_findings(facts, config, now)` returns every finding; the live
checklist, the submit service, the API and the tests read the same list.
Each finding's code is stable (clients rely on it) and its subject says
where the problem is fixed ("lead", "pilot:<id>", "documents", "consortium").
Priorities of the call come back as information, never as errors.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ecodialogue.core.findings import Finding, Severity
from ecodialogue.core.templatetags.ecodialogue import money

from .rules import EligibilityConfig, OrganizationFacts, eligibility_findings

LEAD_FIELDS = ("summary", "coherence", "coordination", "team_experience", "sustainability")
PILOT_TEXT_FIELDS = (
    "title",
    "problem",
    "goals",
    "expected_results",
    "target_groups",
    "cooperation",
    "team",
    "risks",
    "sustainability",
)
PILOT_NUMBER_FIELDS = ("participants", "women", "youth")


@dataclass(frozen=True)
class MemberFacts:
    organization_id: int
    name: str
    is_lead: bool
    status: str  # invited | accepted
    organization: OrganizationFacts


@dataclass(frozen=True)
class ActivityFacts:
    title: str
    start: int | None
    end: int | None


@dataclass(frozen=True)
class LineFacts:
    category: str | None  # the category's code
    item: str
    quantity: Decimal | None
    unit_cost: Decimal | None

    @property
    def total(self) -> Decimal:
        if self.quantity is None or self.unit_cost is None:
            return Decimal("0.00")
        return (self.quantity * self.unit_cost).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class PilotFacts:
    id: int
    number: int  # 1, 2, … as shown to people
    organization_id: int
    title: str
    settlement: str | None  # KATO code
    region: str | None  # KATO code of the settlement's region
    blank: tuple[str, ...]  # required text and number fields left empty
    indicators: int  # indicators with a name and a target
    activities: tuple[ActivityFacts, ...] = ()
    lines: tuple[LineFacts, ...] = ()
    participants: int | None = None
    women: int | None = None
    youth: int | None = None
    themes: frozenset[int] = frozenset()
    eu_declaration: bool = False
    # A whole region (an oblast) is not a settlement; a city of republican significance is both.
    whole_region: bool = False

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}" if self.title else str(self.number)

    @property
    def budget(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0.00"))


@dataclass(frozen=True)
class DocumentFacts:
    requirement: str  # the required document's code
    organization_id: int
    file_type: str
    size: int


@dataclass(frozen=True)
class RequirementFacts:
    code: str
    name: str
    scope: str  # member | consortium
    required: bool
    file_types: tuple[str, ...]
    max_bytes: int


@dataclass(frozen=True)
class PriorityFacts:
    kind: str  # region | theme | women_youth
    name: str
    bonus: Decimal
    region: str | None = None
    theme: int | None = None
    min_share: int | None = None


@dataclass(frozen=True)
class ApplicationConfig:
    """The call's rules as they bear on one application."""

    consortium_min: int
    consortium_max: int
    pilots: int
    pilot_max_months: int
    grant_min: Decimal
    grant_max: Decimal
    currency: str
    languages: tuple[str, ...]
    categories: frozenset[str]
    eligibility: EligibilityConfig
    requirements: tuple[RequirementFacts, ...] = ()
    priorities: tuple[PriorityFacts, ...] = ()


@dataclass(frozen=True)
class ApplicationFacts:
    language: str
    lead_blank: tuple[str, ...]  # lead form fields left empty
    members: tuple[MemberFacts, ...]
    pilots: tuple[PilotFacts, ...]
    documents: tuple[DocumentFacts, ...] = ()
    # The last moment to submit (the call's deadline, or later if staff re-opened the application).
    deadline: datetime.datetime | None = None
    accepting: bool = True  # the call is open (or staff re-opened the application)
    field_labels: dict = field(default_factory=dict, compare=False)

    @property
    def accepted(self) -> tuple[MemberFacts, ...]:
        return tuple(m for m in self.members if m.status == "accepted")

    @property
    def lead(self) -> MemberFacts | None:
        return next((m for m in self.members if m.is_lead), None)

    @property
    def total(self) -> Decimal:
        return sum((pilot.budget for pilot in self.pilots), Decimal("0.00"))


def _f(code: str, severity: Severity, message, subject: str = "", **params) -> Finding:
    return Finding(code, severity, message, params, subject)


def _error(code, message, subject="", **params) -> Finding:
    return _f(code, Severity.ERROR, message, subject, **params)


# --- The consortium ----------------------------------------------------------


def consortium_size(facts: ApplicationFacts, config: ApplicationConfig) -> list[Finding]:
    accepted = len(facts.accepted)
    findings = []
    if not config.consortium_min <= accepted <= config.consortium_max:
        findings.append(
            _error(
                "consortium.size",
                _("The consortium has %(count)d NGOs; the call asks for %(min)d to %(max)d."),
                "consortium",
                count=accepted,
                min=config.consortium_min,
                max=config.consortium_max,
            )
        )
    for member in facts.members:
        if member.status == "invited":
            findings.append(
                _f(
                    "consortium.pending",
                    Severity.WARNING,
                    _("%(name)s has not answered the invitation; only NGOs that accepted are in the application."),
                    "consortium",
                    name=member.name,
                )
            )
    return findings


def consortium_eligibility(facts: ApplicationFacts, config: ApplicationConfig) -> list[Finding]:
    findings = []
    for member in facts.accepted:
        for problem in eligibility_findings(member.organization, config.eligibility, as_lead=member.is_lead):
            findings.append(
                _error(
                    problem.code,
                    _("%(name)s: %(problem)s"),
                    "consortium",
                    name=member.name,
                    problem=problem.text,
                )
            )
    return findings


# --- The forms -------------------------------------------------------------


def _labels(facts: ApplicationFacts, names) -> str:
    return ", ".join(str(facts.field_labels.get(name, name)) for name in names)


def lead_complete(facts: ApplicationFacts, config: ApplicationConfig) -> list[Finding]:
    if not facts.lead_blank:
        return []
    return [
        _error(
            "lead.complete",
            _("The lead form is not complete: %(fields)s."),
            "lead",
            fields=_labels(facts, facts.lead_blank),
        )
    ]


def pilot_count(facts: ApplicationFacts, config: ApplicationConfig) -> list[Finding]:
    if len(facts.pilots) == config.pilots:
        return []
    return [
        _error(
            "pilot.count",
            ngettext_lazy(
                "The consortium must develop exactly %(required)d pilot project; it has %(count)d.",
                "The consortium must develop exactly %(required)d pilot projects; it has %(count)d.",
                "required",
            ),
            "pilots",
            required=config.pilots,
            count=len(facts.pilots),
        )
    ]


def pilot_implementers(facts: ApplicationFacts, config: ApplicationConfig) -> list[Finding]:
    accepted = {m.organization_id: m for m in facts.accepted}
    implementing = {p.organization_id for p in facts.pilots}
    findings = [
        _error(
            "pilot.implementer",
            _("Pilot project %(pilot)s is implemented by an organisation that is not a member of the consortium."),
            f"pilot:{pilot.id}",
            pilot=pilot.label,
        )
        for pilot in facts.pilots
        if pilot.organization_id not in accepted
    ]
    findings += [
        _error(
            "pilot.implementer",
            _("%(name)s implements no pilot project; every member implements its own."),
            "pilots",
            name=member.name,
        )
        for member in accepted.values()
        if member.organization_id not in implementing
    ]
    return findings


def pilot_complete(facts: ApplicationFacts, config: ApplicationConfig) -> list[Finding]:
    findings = []
    for pilot in facts.pilots:
        missing = [str(facts.field_labels.get(name, name)) for name in pilot.blank]
        if not pilot.indicators:
            missing.append(str(_("an indicator with its target value")))
        if not pilot.activities:
            missing.append(str(_("activities")))
        if not pilot.lines:
            missing.append(str(_("budget lines")))
        if missing:
            findings.append(
                _error(
                    "pilot.complete",
                    _("Pilot project %(pilot)s is not complete: %(fields)s."),
                    f"pilot:{pilot.id}",
                    pilot=pilot.label,
                    fields=", ".join(missing),
                )
            )
        numbers = (pilot.participants, pilot.women, pilot.youth)
        if None not in numbers and (pilot.women > pilot.participants or pilot.youth > pilot.participants):
            findings.append(
                _error(
                    "pilot.people",
                    _("Pilot project %(pilot)s: women and young people cannot outnumber all the people involved."),
                    f"pilot:{pilot.id}",
                    pilot=pilot.label,
                )
            )
    return findings


def pilot_settlement(facts: ApplicationFacts, config: ApplicationConfig) -> list[Finding]:
    """A village, town, district or city of Kazakhstan (KATO); the call does not fund a whole region."""
    findings = []
    for pilot in facts.pilots:
        if not pilot.settlement:
            message = _("Pilot project %(pilot)s: choose the settlement of Kazakhstan where it takes place.")
        elif pilot.whole_region:
            message = _("Pilot project %(pilot)s: choose a village, town, district or city, not a whole region.")
        else:
            continue
        findings.append(_error("pilot.settlement", message, f"pilot:{pilot.id}", pilot=pilot.label))
    return findings


def pilot_months(pilot: PilotFacts) -> int | None:
    """Months from the first activity's start to the last one's end, both included."""
    months = [(a.start, a.end) for a in pilot.activities if a.start and a.end]
    if not months:
        return None
    return max(end for _start, end in months) - min(start for start, _end in months) + 1


def pilot_duration(facts: ApplicationFacts, config: ApplicationConfig) -> list[Finding]:
    findings = []
    for pilot in facts.pilots:
        subject = f"pilot:{pilot.id}"
        bad = [a for a in pilot.activities if not a.start or not a.end or a.end < a.start]
        if bad:
            findings.append(
                _error(
                    "pilot.duration",
                    _("Pilot project %(pilot)s: every activity needs a start month and an end month not before it."),
                    subject,
                    pilot=pilot.label,
                )
            )
        months = pilot_months(pilot)
        if months is not None and months > config.pilot_max_months:
            findings.append(
                _error(
                    "pilot.duration",
                    _("Pilot project %(pilot)s lasts %(months)d months; the call allows at most %(max)d."),
                    subject,
                    pilot=pilot.label,
                    months=months,
                    max=config.pilot_max_months,
                )
            )
    return findings


def budget_lines(facts: ApplicationFacts, config: ApplicationConfig) -> list[Finding]:
    findings = []
    for pilot in facts.pilots:
        for index, line in enumerate(pilot.lines, start=1):
            params = {"pilot": pilot.label, "line": index}
            if line.category is None or not line.item.strip() or line.quantity is None or line.unit_cost is None:
                message = _(
                    "Pilot project %(pilot)s, budget line %(line)d: fill the category, item, quantity and cost."
                )
            elif line.category not in config.categories:
                message = _("Pilot project %(pilot)s, budget line %(line)d: the category is not one of the call's.")
            elif line.quantity <= 0 or line.unit_cost <= 0:
                message = _("Pilot project %(pilot)s, budget line %(line)d: quantity and unit cost must be positive.")
            else:
                continue
            findings.append(_error("budget.lines", message, f"pilot:{pilot.id}", **params))
    return findings


def budget_range(facts: ApplicationFacts, config: ApplicationConfig) -> list[Finding]:
    total = facts.total
    if config.grant_min <= total <= config.grant_max:
        return []
    return [
        _error(
            "budget.range",
            _("The consortium's budget is %(total)s; the call grants from %(min)s to %(max)s."),
            "pilots",
            total=money(total, config.currency),
            min=money(config.grant_min, config.currency),
            max=money(config.grant_max, config.currency),
        )
    ]


def documents_required(facts: ApplicationFacts, config: ApplicationConfig) -> list[Finding]:
    present = {(d.requirement, d.organization_id) for d in facts.documents}
    lead = facts.lead
    findings = []
    for requirement in config.requirements:
        if not requirement.required:
            continue
        if requirement.scope == "consortium":
            if lead is not None and (requirement.code, lead.organization_id) not in present:
                findings.append(
                    _error(
                        "documents.required",
                        _("Upload “%(document)s” for the consortium."),
                        "documents",
                        document=requirement.name,
                    )
                )
            continue
        for member in facts.accepted:
            if (requirement.code, member.organization_id) not in present:
                findings.append(
                    _error(
                        "documents.required",
                        _("Upload “%(document)s” of %(name)s."),
                        "documents",
                        document=requirement.name,
                        name=member.name,
                    )
                )
    return findings


def documents_type(facts: ApplicationFacts, config: ApplicationConfig) -> list[Finding]:
    """Re-checked at submission: the call's allowed types may have changed since the upload."""
    requirements = {r.code: r for r in config.requirements}
    findings = []
    for document in facts.documents:
        requirement = requirements.get(document.requirement)
        if requirement is None:
            continue
        if document.file_type not in requirement.file_types or document.size > requirement.max_bytes:
            findings.append(
                _error(
                    "documents.type",
                    _("“%(document)s” must be %(types)s of at most %(size)d MB."),
                    "documents",
                    document=requirement.name,
                    types=", ".join(t.upper() for t in requirement.file_types),
                    size=requirement.max_bytes // (1024 * 1024),
                )
            )
    return findings


def application_language(facts: ApplicationFacts, config: ApplicationConfig) -> list[Finding]:
    if facts.language in config.languages:
        return []
    return [
        _error(
            "application.language",
            _("Applications to this call are written in: %(languages)s."),
            "lead",
            languages=", ".join(config.languages),
        )
    ]


def eu_declaration(facts: ApplicationFacts, config: ApplicationConfig) -> list[Finding]:
    return [
        _error(
            "declaration.eu",
            _(
                "Pilot project %(pilot)s: its NGO must declare that it is not and was not funded "
                "by another EU programme."
            ),
            f"pilot:{pilot.id}",
            pilot=pilot.label,
        )
        for pilot in facts.pilots
        if not pilot.eu_declaration
    ]


def submission_deadline(facts: ApplicationFacts, config: ApplicationConfig, now: datetime.datetime) -> list[Finding]:
    """Server time against the deadline instant: the browser's clock plays no part."""
    if not facts.accepting:
        return [_error("submission.deadline", _("The call is not accepting applications."), "")]
    if facts.deadline is not None and now > facts.deadline:
        return [_error("submission.deadline", _("The deadline for applications has passed."), "")]
    return []


# --- Priorities: information for applicants and the commission ---------------


def pilots_meeting(priority: PriorityFacts, pilots) -> list[PilotFacts]:
    """The pilot projects that meet one priority of the call."""
    if priority.kind == "region":
        return [p for p in pilots if p.region and p.region == priority.region]
    if priority.kind == "theme":
        return [p for p in pilots if priority.theme in p.themes]
    return [p for p in pilots if women_youth_share(p) >= (priority.min_share or 0)]


def priority_bonus(pilots, priorities_of_call) -> tuple[Decimal, tuple[str, ...]]:
    """The bonus points an application earns: each priority met by at least one of its pilots counts once."""
    met = [priority for priority in priorities_of_call if pilots_meeting(priority, pilots)]
    return sum((p.bonus for p in met), Decimal("0")), tuple(p.name for p in met)


def priorities(facts: ApplicationFacts, config: ApplicationConfig) -> list[Finding]:
    findings = []
    for priority in config.priorities:
        met = pilots_meeting(priority, facts.pilots)
        params = {"priority": priority.name, "bonus": f"{priority.bonus.normalize():f}"}
        if met:
            params["pilots"] = ", ".join(p.label for p in met)
            message = _("Priority “%(priority)s” (+%(bonus)s points): pilot projects %(pilots)s.")
        else:
            message = _("Priority “%(priority)s” (+%(bonus)s points): no pilot project meets it.")
        findings.append(_f(f"priority.{priority.kind}", Severity.INFO, message, "pilots", **params))
    return findings


def women_youth_share(pilot: PilotFacts) -> int:
    """The larger of the shares of women and of young people among the people involved, in per cent.

    Both are counted among the same people (a young woman is in both), so
    the two cannot be added; the call's priority is met by either.
    """
    if not pilot.participants:
        return 0
    larger = max(pilot.women or 0, pilot.youth or 0)
    return min(100, larger * 100 // pilot.participants)


RULES = (
    consortium_size,
    consortium_eligibility,
    lead_complete,
    application_language,
    pilot_count,
    pilot_implementers,
    pilot_complete,
    pilot_settlement,
    pilot_duration,
    budget_lines,
    budget_range,
    eu_declaration,
    documents_required,
    documents_type,
)


def application_findings(
    facts: ApplicationFacts, config: ApplicationConfig, now: datetime.datetime | None = None
) -> list[Finding]:
    """Every finding on the application; with `now`, the deadline too."""
    findings = [finding for rule in RULES for finding in rule(facts, config)]
    if now is not None:
        findings += submission_deadline(facts, config, now)
    return findings + priorities(facts, config)


@dataclass(frozen=True)
class Check:
    code: str
    label: object  # a lazy translation, formatted with the config
    codes: tuple[str, ...] = ()

    def matches(self, finding: Finding) -> bool:
        return finding.code in (self.codes or (self.code,))


CHECKS = (
    Check(
        "consortium.size", _("The consortium has %(consortium_min)d to %(consortium_max)d NGOs"), ("consortium.size",)
    ),
    Check(
        "consortium.eligibility",
        _("Every member may take part in the call"),
        ("eligibility.kind", "eligibility.registration", "eligibility.network"),
    ),
    Check("lead.complete", _("The lead NGO's form (Annex 2) is complete")),
    Check("application.language", _("The application is written in a language of the call")),
    Check("pilot.count", _("%(pilots)d pilot projects")),
    Check("pilot.implementer", _("Each member implements its own pilot project")),
    Check("pilot.complete", _("Every pilot project's form (Annex 3) is complete"), ("pilot.complete", "pilot.people")),
    Check("pilot.settlement", _("Each pilot project takes place in a settlement of Kazakhstan")),
    Check("pilot.duration", _("Each pilot project lasts at most %(pilot_max_months)d months")),
    Check("budget.lines", _("Budget lines are complete, positive and in the call's categories")),
    Check("budget.range", _("The consortium's budget is within the call's grant range")),
    Check("declaration.eu", _("Every pilot project is declared not funded by another EU programme")),
    Check("documents.required", _("The required documents are uploaded")),
    Check("documents.type", _("The documents are of the allowed types and sizes")),
    Check("submission.deadline", _("The application is submitted before the deadline")),
)


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    label: str
    ok: bool
    findings: tuple[Finding, ...]


def checklist(findings: list[Finding], config: ApplicationConfig) -> list[ChecklistItem]:
    """Each rule of the call, whether it holds, and the findings that say why not."""
    params = {
        "consortium_min": config.consortium_min,
        "consortium_max": config.consortium_max,
        "pilots": config.pilots,
        "pilot_max_months": config.pilot_max_months,
    }
    items = []
    for check in CHECKS:
        matched = tuple(f for f in findings if check.matches(f))
        label = str(check.label) % params if "%(" in str(check.label) else str(check.label)
        items.append(ChecklistItem(check.code, label, not any(f.is_error for f in matched), matched))
    return items
