"""The columns of the project table: for each, its name, what it holds, how it is written and how it is read.

docs/projectdb-tables.md documents the same columns for people; the XLSX
template's second sheet shows `Column.help` in the reader's language.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..iati_export import document_format
from ..records import FALLBACK, pick
from .cells import (
    CellError,
    coded_text,
    escape,
    items,
    join,
    joined_parts,
    parse_amount,
    parse_code,
    parse_coded,
    parse_date,
    parse_number,
    parse_options,
    parts,
    unescape,
)

LANGUAGES = FALLBACK  # kk, ru, en: the languages that have their own title and description columns
RIO = (("rio_biodiversity", "5"), ("rio_mitigation", "6"), ("rio_adaptation", "7"), ("rio_desertification", "8"))
ROLES = (("funders", "1"), ("accountable", "2"), ("extending", "3"), ("implementers", "4"))
DATES = (("planned_start", "1"), ("actual_start", "2"), ("planned_end", "3"), ("actual_end", "4"))


@dataclass(frozen=True)
class Column:
    name: str
    help: object  # a lazy translation
    # (record, project or None) → the cell's text.
    write: Callable[[dict, object], str]
    # (cell, the record being built, the whole row) fills the record; None for a column only exports write.
    read: Callable[[str, dict, dict], None] | None


def _language(row: dict) -> str:
    return (row.get("default_language") or "").strip().lower()


def _narrative_in(texts: dict, lang: str, record: dict) -> str:
    """A title's text for one language column; a text without language counts as the project's language."""
    if texts.get(lang):
        return texts[lang]
    return texts.get("", "") if record.get("default_language") == lang else ""


def _one_name(names: dict, record: dict) -> str:
    return pick(names, record.get("default_language") or "en")[0]


def _general(record: dict) -> dict:
    texts: dict = {}
    for description in record["descriptions"]:
        if description["type"] == "1":
            for lang, text in description["text"].items():
                texts.setdefault(lang, text)
    return texts


def _read_title(lang):
    def read(cell, record, row):
        record["title"][lang] = cell

    return read


def _read_description(lang):
    def read(cell, record, row):
        if not record["descriptions"]:
            record["descriptions"].append({"type": "1", "text": {}})
        record["descriptions"][0]["text"][lang] = cell

    return read


def _read_date(kind):
    def read(cell, record, row):
        record["dates"][kind] = parse_date(cell)

    return read


def _read_places(name):
    def read(cell, record, row):
        for item in items(cell):
            vocabulary, code, percentage = parse_coded(item, _("a percentage"))
            entry = {"code": code.upper() if name == "countries" else code, "percentage": percentage}
            if name != "countries":
                entry["vocabulary"] = vocabulary or "1"
            record[name].append(entry)

    return read


def _write_places(name):
    def write(record, project):
        return join(coded_text(i.get("vocabulary", ""), i["code"], i["percentage"]) for i in record[name])

    return write


def _write_rio(code):
    def write(record, project):
        for marker in record["policy_markers"]:
            if marker["code"] == code and (marker.get("vocabulary") or "1") == "1":
                return marker.get("significance") or ""
        return ""

    return write


def _read_rio(code):
    def read(cell, record, row):
        if not cell.isdigit():
            raise CellError(_("“%(value)s” is not a significance (0 to 4)."), value=cell)
        record["policy_markers"].append({"code": code, "vocabulary": "1", "significance": cell})

    return read


def _is_rio(marker: dict) -> bool:
    return (marker.get("vocabulary") or "1") == "1" and marker["code"] in dict(RIO).values()


def _write_other_markers(record, project):
    return join(
        coded_text(m.get("vocabulary", ""), m["code"], m.get("significance", ""))
        for m in record["policy_markers"]
        if not _is_rio(m)
    )


def _read_other_markers(cell, record, row):
    for item in items(cell):
        vocabulary, code, significance = parse_coded(item, _("a significance (0 to 4)"))
        record["policy_markers"].append({"code": code, "vocabulary": vocabulary or "1", "significance": significance})


def _org_text(org: dict, record: dict) -> str:
    return joined_parts(org["ref"], _one_name(org["name"], record), org["type"])


def _org_of(item: str, row: dict) -> dict:
    ref, name, kind = parts(item, 3)
    return {"ref": ref, "type": kind, "name": {_language(row): name} if name else {}}


def _write_role(role):
    def write(record, project):
        return join(_org_text(o, record) for o in record["participating_orgs"] if o["role"] == role)

    return write


def _read_role(role):
    def read(cell, record, row):
        for item in items(cell):
            record["participating_orgs"].append({"role": role, **_org_of(item, row)})

    return read


def _write_reporting(record, project):
    return _org_text(record["reporting_org"], record) if record["reporting_org"] else ""


def _read_reporting(cell, record, row):
    found = items(cell)
    if len(found) > 1:
        raise CellError(_("“%(value)s”: a project has one reporting organisation."), value=cell)
    record["reporting_org"] = _org_of(found[0], row) if found else None


def _write_budgets(record, project):
    texts = []
    for budget in record["budgets"]:
        text = f"{budget['period_start']}..{budget['period_end']} {budget['value']} {budget['currency']}"
        for key in ("type", "status"):
            if budget.get(key):
                text += f" {key}={budget[key]}"
        if budget.get("value_date") and budget["value_date"] != budget["period_start"]:
            text += f" value-date={budget['value_date']}"
        texts.append(text)
    return join(texts)


def _read_budgets(cell, record, row):
    for item in items(cell):
        period, _space, amount = item.partition(" ")
        start, dots, end = period.partition("..")
        if not dots:
            raise CellError(_("“%(value)s” does not start with a period (2016-08-01..2017-07-31)."), value=item)
        value, currency, rest = parse_amount(amount, row)
        options = parse_options(rest, ("type", "status", "value-date"))
        start = parse_date(start)
        record["budgets"].append(
            {
                "type": options.get("type", ""),
                "status": options.get("status", ""),
                "period_start": start,
                "period_end": parse_date(end),
                "value": value,
                "currency": currency,
                "value_date": parse_date(options["value-date"]) if "value-date" in options else start,
            }
        )


def _write_transactions(record, project):
    texts = []
    for transaction in record["transactions"]:
        text = f"{transaction['type']} {transaction['date']} {transaction['value']} {transaction['currency']}"
        if transaction.get("value_date") and transaction["value_date"] != transaction["date"]:
            text += f" value-date={transaction['value_date']}"
        for key, party in (("from", transaction.get("provider")), ("to", transaction.get("receiver"))):
            if party and (party.get("ref") or party.get("name")):
                text += f" {key}={joined_parts(party.get('ref', ''), party.get('name', ''))}"
        texts.append(text)
    return join(texts)


def _read_transactions(cell, record, row):
    for item in items(cell):
        tokens = item.split(None, 2)
        if len(tokens) < 3:
            raise CellError(_("“%(value)s” is not “type date amount currency” (3 2017-01-15 500000 EUR)."), value=item)
        day = parse_date(tokens[1])
        value, currency, rest = parse_amount(tokens[2], row)
        options = parse_options(rest, ("value-date", "from", "to"))
        record["transactions"].append(
            {
                "type": parse_code(tokens[0]),
                "date": day,
                "value": value,
                "currency": currency,
                "value_date": parse_date(options["value-date"]) if "value-date" in options else day,
                "description": {},
                "provider": _party(options.get("from", "")),
                "receiver": _party(options.get("to", "")),
            }
        )


def _party(text: str) -> dict:
    ref, name = parts(text, 2)
    return {"ref": ref, "name": name}


def _write_locations(record, project):
    texts = []
    for location in record["locations"]:
        admin = ""
        if location.get("admin_code"):
            admin = f"{location.get('admin_vocabulary') or ''}/{location['admin_code']}".lstrip("/")
        name = _one_name(location["name"], record)
        texts.append(joined_parts(name, location["lat"], location["lon"], location.get("ref", ""), admin))
    return join(texts)


def _read_locations(cell, record, row):
    for item in items(cell):
        name, lat, lon, ref, admin = parts(item, 5)
        vocabulary, _slash, code = admin.rpartition("/")
        record["locations"].append(
            {
                "ref": ref,
                "name": {_language(row): name} if name else {},
                "description": {},
                "lat": parse_number(lat, _("a latitude")) if lat else "",
                "lon": parse_number(lon, _("a longitude")) if lon else "",
                "admin_vocabulary": vocabulary,
                "admin_code": code,
            }
        )


def _write_documents(record, project):
    return join(
        joined_parts(
            d["url"],
            _one_name(d["title"], record),
            ",".join(d.get("categories") or []),
            ",".join(d.get("languages") or []),
        )
        for d in record["documents"]
    )


def _read_documents(cell, record, row):
    for item in items(cell):
        url, title, categories, languages = parts(item, 4)
        record["documents"].append(
            {
                "url": url,
                "format": document_format(url),
                "title": {_language(row): title} if title else {},
                "categories": [c.strip() for c in categories.split(",") if c.strip()] or ["A12"],
                "languages": [lang.strip().lower() for lang in languages.split(",") if lang.strip()],
            }
        )


def _read_related(cell, record, row):
    for item in items(cell):
        kind, colon, ref = item.partition(":")
        if not colon:
            raise CellError(_("“%(value)s” is not “type:identifier” (1:XI-IATI-EC_INTPA-2016-379586)."), value=item)
        record["related"].append({"type": kind.strip(), "ref": unescape(ref)})


def _read_last_updated(cell, record, row):
    value = parse_datetime(cell)
    if value is None:
        value = datetime.datetime.fromisoformat(parse_date(cell)).replace(tzinfo=datetime.UTC)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    record["last_updated"] = value.isoformat()


PK_MARK = "987654321"


@lru_cache(maxsize=8)
def _detail_url(language: str) -> str:
    # Reversed once per language, not per row: reverse() was a quarter of the time of a CSV export.
    return reverse("projectdb:detail", args=[PK_MARK])


def _link(record, project):
    if project is None or not getattr(project, "pk", None) or not settings.SITE_URL:
        return ""
    return settings.SITE_URL + _detail_url(get_language() or "").replace(PK_MARK, str(project.pk))


def _set(key, transform=lambda text: text):
    def read(cell, record, row):
        record[key] = transform(cell)

    return read


def _status(cell: str) -> str:
    if not cell.isdigit():
        raise CellError(_("“%(value)s” is not a status code (1 to 6)."), value=cell)
    return cell


TITLE_HELP = {
    "kk": _("The title in Kazakh. At least one title is required."),
    "ru": _("The title in Russian."),
    "en": _("The title in English."),
}
DESCRIPTION_HELP = {
    "kk": _("The general description in Kazakh."),
    "ru": _("The general description in Russian."),
    "en": _("The general description in English."),
}
DATE_HELP = {
    "1": _("Planned start date, YYYY-MM-DD."),
    "2": _("Actual start date, YYYY-MM-DD."),
    "3": _("Planned end date, YYYY-MM-DD."),
    "4": _("Actual end date, YYYY-MM-DD."),
}
RIO_HELP = {
    "5": _("Rio marker biodiversity: significance 0 (not targeted), 1 (significant), 2 (principal objective)."),
    "6": _("Rio marker climate change mitigation: significance 0, 1 or 2 (also 3 and 4, as IATI allows)."),
    "7": _("Rio marker climate change adaptation: significance 0, 1 or 2 (also 3 and 4, as IATI allows)."),
    "8": _("Rio marker desertification: significance 0, 1 or 2 (also 3 and 4, as IATI allows)."),
}
ROLE_HELP = {
    "1": _("Funders: ref|name|type; … (ref is the IATI organisation identifier, type an IATI organisation type)."),
    "2": _("Accountable organisations, as funders."),
    "3": _("Extending organisations (they pass the funds on), as funders."),
    "4": _("Implementers, as funders."),
}

COLUMNS: list[Column] = [
    Column(
        "identifier",
        _(
            "The project's IATI identifier: required and unique, it is what makes a second import update the "
            "project instead of adding another. Without one, make it from your organisation's identifier and "
            "your own code: KZ-BIN-<BIN>-<code>."
        ),
        lambda r, p: r["identifier"],
        None,  # read_records reads it first: a row without it is refused
    ),
    *[
        Column(
            f"title_{lang}",
            TITLE_HELP[lang],
            lambda r, p, lang=lang: _narrative_in(r["title"], lang, r),
            _read_title(lang),
        )
        for lang in LANGUAGES
    ],
    *[
        Column(
            f"description_{lang}",
            DESCRIPTION_HELP[lang],
            lambda r, p, lang=lang: _narrative_in(_general(r), lang, r),
            _read_description(lang),
        )
        for lang in LANGUAGES
    ],
    Column(
        "default_language",
        _("The language of names in the organisation, location and document columns (kk, ru or en)."),
        lambda r, p: r["default_language"],
        _set("default_language", lambda text: text.lower()),
    ),
    Column(
        "default_currency",
        _("The currency of amounts written without one (ISO 4217: EUR, USD, KZT …)."),
        lambda r, p: r["default_currency"],
        _set("default_currency", lambda text: text.upper()),
    ),
    Column(
        "status",
        _("Status: 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled, 6 suspended."),
        lambda r, p: r["status"],
        _set("status", _status),
    ),
    *[
        Column(name, DATE_HELP[kind], lambda r, p, kind=kind: r["dates"].get(kind, ""), _read_date(kind))
        for name, kind in DATES
    ],
    Column(
        "countries",
        _("Recipient countries (ISO 3166 codes) with their percentages: KZ:40; KG:60. One country: KZ."),
        _write_places("countries"),
        _read_places("countries"),
    ),
    Column(
        "regions",
        _(
            "Recipient regions (IATI region codes, 619 Central Asia) with percentages, which add up to 100 "
            "with the countries'. Another vocabulary before a slash: 2/code."
        ),
        _write_places("regions"),
        _read_places("regions"),
    ),
    Column(
        "sectors",
        _(
            "DAC 5-digit sectors with percentages adding up to 100: 41010:60; 14010:40. Another vocabulary "
            "before a slash, with its own percentages: 8/13.1:100."
        ),
        _write_places("sectors"),
        _read_places("sectors"),
    ),
    *[Column(name, RIO_HELP[code], _write_rio(code), _read_rio(code)) for name, code in RIO],
    Column(
        "other_markers",
        _("Other IATI policy markers with their significance: 1:1; 2:2 (1 gender equality, 2 aid to environment …)."),
        _write_other_markers,
        _read_other_markers,
    ),
    Column(
        "reporting_org",
        _("The organisation that reports the project: ref|name|type."),
        _write_reporting,
        _read_reporting,
    ),
    *[Column(name, ROLE_HELP[role], _write_role(role), _read_role(role)) for name, role in ROLES],
    Column(
        "budgets",
        _(
            "Budgets: start..end amount currency; … (2016-08-01..2017-07-31 1998000 EUR). Optional after it: "
            "type=1 (original) or 2 (revised), status=1 (indicative) or 2 (committed), value-date=YYYY-MM-DD "
            "(else the period's start)."
        ),
        _write_budgets,
        _read_budgets,
    ),
    Column(
        "transactions",
        _(
            "Transactions: type date amount currency; … (2 commitment, 3 disbursement, 4 expenditure: "
            "3 2017-01-15 500000 EUR). Optional after it: value-date=YYYY-MM-DD (else the transaction's date), "
            "from=ref|name (the provider), to=ref|name (the receiver)."
        ),
        _write_transactions,
        _read_transactions,
    ),
    Column(
        "locations",
        _("Places: name|latitude|longitude|ref|vocabulary/administrative code; … (only the name is required)."),
        _write_locations,
        _read_locations,
    ),
    Column(
        "documents",
        _("Links and documents: address|title|categories|languages; … (categories default to A12, a web page)."),
        _write_documents,
        _read_documents,
    ),
    Column(
        "related",
        _("Related projects: type:identifier; … (1 parent, 2 child, 3 sibling)."),
        lambda r, p: join(f"{x['type']}:{escape(x['ref'])}" for x in r["related"]),
        _read_related,
    ),
    Column(
        "last_updated",
        _(
            "When the record was last changed at its source (YYYY-MM-DD or a date and time); an older row never "
            "replaces a newer import."
        ),
        lambda r, p: r["last_updated"],
        _read_last_updated,
    ),
    Column(
        "link",
        _("The project's page on this platform (written by exports, ignored by the import)."),
        _link,
        None,
    ),
]
BY_NAME = {column.name: column for column in COLUMNS}
