"""What a project record must satisfy, wherever it comes from: an IATI file, a spreadsheet or a staff form.

Pure functions over a normalised record (`records.normalised`), returning
findings. The IATI import also validates each activity against the 2.03
schema (`iati_import.py`); these are the rules the schema cannot say: codes
from the codelists, percentages that add up to 100, dates in order, known
currencies, amounts that fit.
"""

import datetime
import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.findings import Finding, Severity

from .codelists import is_code

IDENTIFIER_MAX = 150
TEXT_MAX = 20_000
TITLE_MAX = 1_000
# Amounts fit NUMERIC(20, 2): no budget of any donor comes near 10^18.
AMOUNT_MAX = Decimal("1e18")
PERCENT_TOLERANCE = Decimal("0.05")
LANGUAGE = re.compile(r"^[a-z]{2}$")
IDENTIFIER = re.compile(r"^\S+$")


def _error(code: str, message, subject: str = "", /, **params) -> Finding:
    return Finding(code, Severity.ERROR, message, params, subject)


def parse_date(text: str) -> datetime.date | None:
    """An IATI date ("2016-08-01", or the date part of a date-time); None when it is not one."""
    try:
        return datetime.date.fromisoformat(text[:10])
    except (TypeError, ValueError):
        return None


def parse_when(text: str) -> datetime.datetime | None:
    """A date-time (a date alone is its midnight), aware in UTC when it has no offset; None when it is not one."""
    if not text:
        return None
    try:
        value = parse_datetime(text) or (
            datetime.datetime.combine(day, datetime.time()) if (day := parse_date(text)) else None
        )
    except ValueError:  # well-formed but impossible ("2020-13-01T00:00")
        return None
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except (InvalidOperation, TypeError):
        return None
    return value if value.is_finite() else None


def record_findings(record: dict) -> list[Finding]:
    """Every problem of one record; an empty list means it may be saved."""
    findings: list[Finding] = []
    findings += _identity_findings(record)
    findings += _code_findings(record)
    findings += _percentage_findings(record)
    findings += _date_findings(record)
    findings += _money_findings(record)
    findings += _place_and_link_findings(record)
    return findings


def _identity_findings(record: dict) -> list[Finding]:
    found = []
    identifier = record["identifier"]
    if not identifier:
        found.append(_error("project.identifier_missing", _("The project has no identifier."), "identifier"))
    elif len(identifier) > IDENTIFIER_MAX or not IDENTIFIER.match(identifier):
        found.append(
            _error(
                "project.identifier_invalid",
                _("The identifier must be at most %(max)s characters, without spaces."),
                "identifier",
                max=IDENTIFIER_MAX,
            )
        )
    if not record["title"]:
        found.append(_error("project.title_missing", _("The project has no title in any language."), "title"))
    languages = set(record["title"])
    for description in record["descriptions"]:
        languages |= set(description["text"])
        if any(len(text) > TEXT_MAX for text in description["text"].values()):
            found.append(
                _error(
                    "project.text_too_long",
                    _("A description is longer than %(max)s characters."),
                    "descriptions",
                    max=TEXT_MAX,
                )
            )
    if any(len(text) > TITLE_MAX for text in record["title"].values()):
        found.append(
            _error("project.title_too_long", _("A title is longer than %(max)s characters."), "title", max=TITLE_MAX)
        )
    if record["default_language"]:
        languages.add(record["default_language"])
    for lang in sorted(languages - {""}):
        if not LANGUAGE.match(lang) or not is_code("Language", lang):
            found.append(
                _error(
                    "project.language_unknown",
                    _("“%(code)s” is not a language code (ISO 639-1, two letters)."),
                    "title",
                    code=lang,
                )
            )
    return found


def _unknown(code: str, list_name: str, subject: str, label) -> Finding:
    return _error(
        "project.code_unknown",
        _("%(what)s: “%(code)s” is not in the IATI codelist %(list)s."),
        subject,
        what=label,
        code=code,
        list=list_name,
    )


def _code_findings(record: dict) -> list[Finding]:
    found = []
    if record["status"] and not is_code("ActivityStatus", record["status"]):
        found.append(_unknown(record["status"], "ActivityStatus", "status", _("Status")))
    orgs = list(record["participating_orgs"])
    for org in orgs:
        if not is_code("OrganisationRole", org["role"]):
            found.append(_unknown(org["role"] or "—", "OrganisationRole", "participating_orgs", _("Role")))
        if not org["ref"] and not org["name"]:
            found.append(
                _error(
                    "project.org_unnamed",
                    _("A participating organisation has neither an identifier nor a name."),
                    "participating_orgs",
                )
            )
    for org in [*orgs, *([record["reporting_org"]] if record["reporting_org"] else [])]:
        if org["type"] and not is_code("OrganisationType", org["type"]):
            found.append(_unknown(org["type"], "OrganisationType", "participating_orgs", _("Organisation type")))
    for key in record["dates"]:
        if not is_code("ActivityDateType", key):
            found.append(_unknown(key, "ActivityDateType", "dates", _("Date")))
    for country in record["countries"]:
        if not is_code("Country", country["code"]):
            found.append(_unknown(country["code"] or "—", "Country", "countries", _("Country")))
    for region in record["regions"]:
        if region.get("vocabulary", "1") in ("", "1") and not is_code("Region", region["code"]):
            found.append(_unknown(region["code"] or "—", "Region", "regions", _("Region")))
    for sector in record["sectors"]:
        vocabulary = sector.get("vocabulary") or "1"
        if vocabulary == "1" and not is_code("Sector", sector["code"]):
            found.append(_unknown(sector["code"] or "—", "Sector", "sectors", _("Sector")))
        elif vocabulary == "2" and not is_code("SectorCategory", sector["code"]):
            found.append(_unknown(sector["code"] or "—", "SectorCategory", "sectors", _("Sector")))
        elif not sector["code"]:
            found.append(_unknown("—", "Sector", "sectors", _("Sector")))
    for marker in record["policy_markers"]:
        if (marker.get("vocabulary") or "1") == "1" and not is_code("PolicyMarker", marker["code"]):
            found.append(_unknown(marker["code"] or "—", "PolicyMarker", "policy_markers", _("Policy marker")))
        if marker.get("significance") and not is_code("PolicySignificance", marker["significance"]):
            found.append(_unknown(marker["significance"], "PolicySignificance", "policy_markers", _("Significance")))
    for budget in record["budgets"]:
        if budget.get("type") and not is_code("BudgetType", budget["type"]):
            found.append(_unknown(budget["type"], "BudgetType", "budgets", _("Budget type")))
        if budget.get("status") and not is_code("BudgetStatus", budget["status"]):
            found.append(_unknown(budget["status"], "BudgetStatus", "budgets", _("Budget status")))
    for transaction in record["transactions"]:
        if not is_code("TransactionType", transaction.get("type") or ""):
            found.append(
                _unknown(transaction.get("type") or "—", "TransactionType", "transactions", _("Transaction type"))
            )
    for document in record["documents"]:
        for category in document.get("categories", []):
            if not is_code("DocumentCategory", category):
                found.append(_unknown(category, "DocumentCategory", "documents", _("Document category")))
    for related in record["related"]:
        if not is_code("RelatedActivityType", related.get("type") or ""):
            found.append(_unknown(related.get("type") or "—", "RelatedActivityType", "related", _("Related project")))
    return found


def _sum_findings(items: list[dict], code: str, subject: str, message) -> list[Finding]:
    given = [item["percentage"] for item in items if item["percentage"] != ""]
    if not given:
        return []
    values = [_decimal(text) for text in given]
    if any(v is None or v < 0 or v > 100 for v in values):
        return [_error("project.percentage_invalid", _("A percentage must be a number from 0 to 100."), subject)]
    total = sum(values, Decimal(0))
    if len(given) != len(items) or abs(total - 100) > PERCENT_TOLERANCE:
        return [_error(code, message, subject, total=format(total.normalize(), "f"))]
    return []


def _percentage_findings(record: dict) -> list[Finding]:
    found = []
    # IATI: the percentages of recipient countries and regions together add up to 100. A region of another
    # vocabulary than DAC's counts when it has a percentage (IATI's own example splits 50 + 25 + 25 that way).
    found += _sum_findings(
        record["countries"]
        + [r for r in record["regions"] if (r.get("vocabulary") or "1") == "1" or r["percentage"] != ""],
        "project.country_percentages",
        "countries",
        _("The percentages of the countries and regions add up to %(total)s, not 100."),
    )
    by_vocabulary = defaultdict(list)
    for sector in record["sectors"]:
        by_vocabulary[sector.get("vocabulary") or "1"].append(sector)
    for sectors in by_vocabulary.values():
        found += _sum_findings(
            sectors,
            "project.sector_percentages",
            "sectors",
            _("The percentages of the sectors add up to %(total)s, not 100."),
        )
    return found


def _date_findings(record: dict) -> list[Finding]:
    found = []
    dates = {}
    for key, text in record["dates"].items():
        value = parse_date(text)
        if value is None:
            found.append(_error("project.date_invalid", _("“%(value)s” is not a date."), "dates", value=text))
        dates[key] = value
    if record["last_updated"] and parse_when(record["last_updated"]) is None:
        found.append(
            _error(
                "project.last_updated_invalid",
                _("“%(value)s” is not a date and time of the last update."),
                "last_updated",
                value=record["last_updated"],
            )
        )
    for start, end in (("1", "3"), ("2", "4")):
        if dates.get(start) and dates.get(end) and dates[end] < dates[start]:
            found.append(_error("project.dates_order", _("The project ends before it starts."), "dates"))
    for budget in record["budgets"]:
        start, end = parse_date(budget.get("period_start", "")), parse_date(budget.get("period_end", ""))
        if start is None or end is None:
            found.append(
                _error("project.budget_period", _("A budget needs the start and end of its period."), "budgets")
            )
        elif end < start:
            found.append(_error("project.budget_order", _("A budget's period ends before it starts."), "budgets"))
    for transaction in record["transactions"]:
        if parse_date(transaction.get("date", "")) is None:
            found.append(_error("project.transaction_date", _("A transaction needs its date."), "transactions"))
    return found


def _money_findings(record: dict) -> list[Finding]:
    found = []
    if record["default_currency"] and not is_code("Currency", record["default_currency"]):
        found.append(_unknown(record["default_currency"], "Currency", "budgets", _("Currency")))
    for name in ("budgets", "transactions"):
        for item in record[name]:
            value = _decimal(item.get("value", ""))
            if value is None or abs(value) >= AMOUNT_MAX or value.as_tuple().exponent < -2:
                found.append(
                    _error(
                        "project.amount_invalid",
                        _("“%(value)s” is not an amount (a number with at most 2 decimals)."),
                        name,
                        value=item.get("value") or "—",
                    )
                )
            if not item.get("currency"):
                found.append(
                    _error(
                        "project.currency_missing",
                        _("An amount has no currency, and the project no default one."),
                        name,
                    )
                )
            elif not is_code("Currency", item["currency"]) and item["currency"] != record["default_currency"]:
                # An unknown default currency is reported once, above.
                found.append(_unknown(item["currency"], "Currency", name, _("Currency")))
    return found


def _place_and_link_findings(record: dict) -> list[Finding]:
    found = []
    for location in record["locations"]:
        lat, lon = location.get("lat", ""), location.get("lon", "")
        if lat or lon:
            lat_value, lon_value = _decimal(lat), _decimal(lon)
            if lat_value is None or lon_value is None or abs(lat_value) > 90 or abs(lon_value) > 180:
                found.append(
                    _error(
                        "project.location_point", _("A location's point is not a latitude and longitude."), "locations"
                    )
                )
    for document in record["documents"]:
        url = document.get("url", "")
        # Publishers write "http:www.…" too (IATI's own example): a web scheme is enough; pages link only http(s)://.
        if not url.lower().startswith(("http:", "https:")) or len(url) > 2000 or any(c.isspace() for c in url):
            found.append(
                _error(
                    "project.document_url",
                    _("A document's link must be a web address (http:// or https://)."),
                    "documents",
                )
            )
    for related in record["related"]:
        if not related.get("ref"):
            found.append(_error("project.related_ref", _("A related project needs its identifier."), "related"))
    return found
