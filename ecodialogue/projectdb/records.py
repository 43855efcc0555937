"""A project as plain data: the one shape that imports, forms, exports, history and the search all share.

A record is a JSON-able dict modelled on an IATI 2.03 activity. Codes, dates
and amounts are strings, exactly as IATI writes them, so a record compares,
hashes and diffs as text: importing the same activity twice gives the same
record, and an unchanged record is detected by its hash. Narratives are
`{language: text}` maps; a narrative without a language has the key "".

    {
      "identifier": "XI-IATI-EC_INTPA-2016-379-586",
      "default_language": "en",          # the activity's xml:lang, lower-case ISO 639-1, or ""
      "default_currency": "EUR",         # or ""; every budget and transaction has its own currency too
      "last_updated": "2024-03-01T10:00:00+00:00",   # @last-updated-datetime, or ""
      "status": "4",                      # ActivityStatus, or ""
      "title": {"en": "...", "ru": "..."},
      # DescriptionType 1 general, 2 objectives, 3 target groups
      "descriptions": [{"type": "1", "text": {"en": "..."}}],
      "reporting_org": {"ref": "", "type": "", "name": {"en": "..."}} or None,
      "participating_orgs": [{"role": "1", "ref": "", "type": "", "name": {...}}],   # 1 funding … 4 implementing
      "dates": {"1": "2016-08-01", "3": "2019-08-31"},     # ActivityDateType → ISO date
      "countries": [{"code": "KZ", "percentage": "40"}],   # percentage "" when not given
      "regions": [{"code": "619", "vocabulary": "1", "percentage": ""}],
      "sectors": [{"code": "41010", "vocabulary": "1", "percentage": "100"}],
      "policy_markers": [{"code": "6", "vocabulary": "1", "significance": "2"}],
      "locations": [{"ref": "", "name": {...}, "description": {...}, "lat": "51.2", "lon": "71.4",
                     "admin_vocabulary": "", "admin_code": ""}],
      "budgets": [{"type": "1", "status": "2", "period_start": "2016-08-01", "period_end": "2017-07-31",
                   "value": "1998000", "currency": "EUR", "value_date": "2016-08-01"}],
      "transactions": [{"type": "3", "date": "2017-01-15", "value": "500000", "currency": "EUR",
                        "value_date": "2017-01-15", "description": {...},
                        "provider": {"ref": "", "name": ""}, "receiver": {"ref": "", "name": ""}}],
      "documents": [{"url": "https://...", "format": "text/html", "title": {...}, "categories": ["A12"],
                     "languages": ["en"]}],
      "related": [{"type": "1", "ref": "XI-IATI-..."}],
    }

Amounts and percentages are normalised decimals ("1998000", "12.5"); the
currency of a budget or transaction is always explicit (an activity's default
currency is applied when the record is made).
"""

import hashlib
import json
from decimal import Decimal, InvalidOperation

from django.utils import translation

# The platform's languages first, in the order a missing translation falls back.
FALLBACK = ("kk", "ru", "en")

LIST_FIELDS = (
    "descriptions",
    "participating_orgs",
    "countries",
    "regions",
    "sectors",
    "policy_markers",
    "locations",
    "budgets",
    "transactions",
    "documents",
    "related",
)


def empty_record(identifier: str = "") -> dict:
    record = {
        "identifier": identifier,
        "default_language": "",
        "default_currency": "",
        "last_updated": "",
        "status": "",
        "title": {},
        "reporting_org": None,
        "dates": {},
    }
    for name in LIST_FIELDS:
        record[name] = []
    return record


def decimal_text(value) -> str:
    """A decimal as IATI writes it, without exponent or trailing zeros ("1998000.00" → "1998000"); "" stays ""."""
    if value in (None, ""):
        return ""
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return str(value).strip()  # kept as typed: the rules refuse it with a message
    if not number.is_finite():
        return str(value).strip()
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def clean_narratives(narratives: dict | None) -> dict:
    """Drop empty texts; strip the rest. Keys are language codes (lower-case) or ""."""
    return {
        (lang or "").strip().lower(): str(text).strip()
        for lang, text in (narratives or {}).items()
        if text is not None and str(text).strip()
    }


def normalised(record: dict) -> dict:
    """The record in canonical form: every key present, narratives cleaned, decimals normalised."""
    result = empty_record()
    result.update({k: v for k, v in record.items() if k in result})
    result["title"] = clean_narratives(result["title"])
    result["descriptions"] = [
        {"type": str(d.get("type") or "1"), "text": clean_narratives(d.get("text"))}
        for d in result["descriptions"]
        if clean_narratives(d.get("text"))
    ]
    if result["reporting_org"]:
        org = result["reporting_org"]
        result["reporting_org"] = {
            "ref": (org.get("ref") or "").strip(),
            "type": (org.get("type") or "").strip(),
            "name": clean_narratives(org.get("name")),
        }
    result["participating_orgs"] = [
        {
            "role": str(o.get("role") or "").strip(),
            "ref": (o.get("ref") or "").strip(),
            "type": (o.get("type") or "").strip(),
            "name": clean_narratives(o.get("name")),
        }
        for o in result["participating_orgs"]
    ]
    result["dates"] = {str(k): str(v).strip() for k, v in sorted((result["dates"] or {}).items()) if v}
    for name in ("countries", "regions", "sectors"):
        for item in result[name]:
            item["percentage"] = decimal_text(item.get("percentage"))
            item["code"] = str(item.get("code") or "").strip()
    for item in result["countries"]:
        item["code"] = item["code"].upper()
    for name in ("budgets", "transactions"):
        for item in result[name]:
            item["value"] = decimal_text(item.get("value"))
            item["currency"] = (item.get("currency") or result["default_currency"] or "").strip().upper()
    for item in result["transactions"]:
        item["description"] = clean_narratives(item.get("description"))
    for item in result["locations"]:
        item["name"] = clean_narratives(item.get("name"))
        item["description"] = clean_narratives(item.get("description"))
        item["lat"] = decimal_text(item.get("lat"))
        item["lon"] = decimal_text(item.get("lon"))
    for item in result["documents"]:
        item["title"] = clean_narratives(item.get("title"))
    result["identifier"] = (result["identifier"] or "").strip()
    result["default_language"] = (result["default_language"] or "").strip().lower()
    result["default_currency"] = (result["default_currency"] or "").strip().upper()
    result["status"] = str(result["status"] or "").strip()
    return result


def canonical_json(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_hash(record: dict) -> str:
    """SHA-256 of what the record says, ignoring `last_updated` (a re-published, unchanged activity is unchanged)."""
    content = {k: v for k, v in record.items() if k != "last_updated"}
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def pick(narratives: dict | None, language: str | None = None) -> tuple[str, str]:
    """The text in the language asked for (default: the active one), else the first fallback; (text, its language).

    The language is returned so a page can say "shown in Russian: no Kazakh text".
    """
    narratives = narratives or {}
    language = language or translation.get_language() or FALLBACK[0]
    if narratives.get(language):
        return narratives[language], language
    for lang in (*FALLBACK, ""):
        if narratives.get(lang):
            return narratives[lang], lang
    for lang, text in sorted(narratives.items()):
        if text:
            return text, lang
    return "", ""


def org_key(org: dict) -> str:
    """What identifies an organisation across projects: its IATI ref, else its first name case-folded."""
    if org.get("ref"):
        return org["ref"].strip()
    text, _lang = pick(org.get("name"), "en")
    return "name:" + " ".join(text.casefold().split())[:180] if text else ""
