"""The rules a call's own configuration must satisfy before it is announced.

Pure functions over plain data (CallConfig); the admin, the state service,
the API and the tests read the same findings.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ecodialogue.core.findings import Finding, Severity

LANGUAGES = ("kk", "ru", "en")


@dataclass(frozen=True)
class CallConfig:
    title: str
    consortium_min: int
    consortium_max: int
    pilots_per_consortium: int
    pilot_max_months: int
    grant_min: Decimal
    grant_max: Decimal
    total_budget: Decimal
    winners: int
    application_languages: tuple[str, ...]
    opens_at: datetime.datetime | None
    questions_until: datetime.datetime | None
    deadline: datetime.datetime | None
    results_at: datetime.datetime | None
    criteria: tuple[tuple[Decimal, int], ...] = field(default=())  # (weight, max score)
    budget_categories: int = 0


def _error(code: str, message, **params) -> Finding:
    return Finding(code, Severity.ERROR, message, params)


def call_configuration_findings(config: CallConfig) -> list[Finding]:
    """Everything that makes a call unusable; an empty list means it may be announced."""
    findings = []
    if not config.title.strip():
        findings.append(_error("call.title", _("Give the call a title.")))
    if not 1 <= config.consortium_min <= config.consortium_max:
        findings.append(
            _error(
                "call.consortium_size",
                _("A consortium needs at least one NGO, and the minimum cannot exceed the maximum."),
            )
        )
    if config.pilots_per_consortium < 1:
        findings.append(_error("call.pilots", _("A consortium must develop at least one pilot project.")))
    if config.pilot_max_months < 1:
        findings.append(_error("call.duration", _("A pilot project must be allowed at least one month.")))
    if not Decimal(0) < config.grant_min <= config.grant_max:
        findings.append(_error("call.grant_range", _("The smallest grant must be positive and not above the largest.")))
    if config.winners < 1:
        findings.append(_error("call.winners", _("The call must select at least one consortium.")))
    elif config.grant_min > 0 and config.total_budget < config.grant_min * config.winners:
        findings.append(
            _error(
                "call.budget",
                _("The total budget (%(total)s) cannot pay %(winners)d grants of at least %(minimum)s."),
                total=config.total_budget,
                winners=config.winners,
                minimum=config.grant_min,
            )
        )
    if not config.application_languages or not set(config.application_languages) <= set(LANGUAGES):
        findings.append(_error("call.languages", _("Choose the languages applications may be written in.")))
    if not config.criteria:
        findings.append(_error("call.criteria", _("Add the selection criteria.")))
    elif any(weight <= 0 or maximum <= 0 for weight, maximum in config.criteria):
        findings.append(_error("call.criteria", _("Every criterion needs a positive weight and maximum score.")))
    if config.budget_categories < 1:
        findings.append(_error("call.budget_categories", _("Add the budget categories.")))
    findings += _date_findings(config)
    return findings


def _date_findings(config: CallConfig) -> list[Finding]:
    if config.opens_at is None or config.deadline is None or config.results_at is None:
        return [_error("call.dates_missing", _("Set the opening, the deadline and the date of the results."))]
    findings = []
    if not config.opens_at < config.deadline < config.results_at:
        findings.append(
            _error("call.dates_order", _("The call must open before its deadline, and results come after it."))
        )
    if config.questions_until is not None and config.questions_until > config.deadline:
        findings.append(_error("call.questions_after_deadline", _("Questions cannot be accepted after the deadline.")))
    return findings


@dataclass(frozen=True)
class OrganizationFacts:
    kind: str
    country: str
    bin_valid: bool
    network_member: bool


@dataclass(frozen=True)
class EligibilityConfig:
    network_members_only: bool
    initiative_groups_as_partners: bool


def eligibility_findings(org: OrganizationFacts, config: EligibilityConfig, *, as_lead: bool) -> list[Finding]:
    """May this organisation take part in the call (as the lead NGO or as a partner)?"""
    if org.kind == "initiative_group":
        if as_lead or not config.initiative_groups_as_partners:
            return [_error("eligibility.kind", _("Initiative groups may take part only as partners of an NGO."))]
        return []
    if org.kind != "ngo":
        return [_error("eligibility.kind", _("Only NGOs may apply to this call."))]
    findings = []
    if org.country != "KZ" or not org.bin_valid:
        findings.append(
            _error("eligibility.registration", _("Only NGOs registered in Kazakhstan with a valid BIN may apply."))
        )
    if config.network_members_only and not org.network_member:
        findings.append(
            _error("eligibility.network", _("Only members of the EcoDialogue network may apply to this call."))
        )
    return findings
