"""The staff form of a project (typed values ↔ record) and the import upload form.

The project form checks nothing itself: it turns what was typed into a record
and `services.project_save` validates it with the very rules of the import
(`rules.py`). A refusal's findings are shown beside the section their subject
names, and the page shows again everything as typed.

Lists are tables of rows, posted as <table>-<n>-<field>, as on the grants'
and agreements' pages, not textareas with one item per line: a staff member
on a slow connection fills one box per value (codes from a list, not a
syntax to remember), sees a refusal beside the table it is about, and loses
nothing when the page comes back. Each table has two empty rows; "More rows"
posts the form back with three more (nothing is saved), clearing a row
removes it; it all works without JavaScript. Long codelists (countries,
sectors, currencies) are one `<datalist>` per page, shared by every row,
instead of a `<select>` repeated in each.

Editing starts from the stored record and keeps what the form does not show:
narratives in other languages (de, fr …), sectors and regions of other
vocabularies, policy markers other than the Rio markers, a transaction's
provider, receiver and description, a budget's type and status, a
location's administrative code … Each row carries the position of the item
it was made from (`orig`), and the item is rebuilt from that item with the
shown fields replaced, in its place.
"""

import copy
import dataclasses
import datetime
import re
import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .codelists import RIO_MARKERS, codelist, label
from .models import ImportRun
from .records import empty_record, normalised, pick

LANGUAGES = ("kk", "ru", "en")
DESCRIPTION_TYPES = ("1", "2", "3")
DATE_TYPES = ("1", "2", "3", "4")
SPARE_ROWS = 2
MORE_ROWS = 3
MAX_ROWS = 200  # per table: far more than any project has; a bigger post is cut, not crashed on
WEB_PAGE = "A12"

# The findings' subjects (rules.py) → the form's sections, where their messages are shown.
SECTIONS = {
    "identifier": "identity",
    "title": "titles",
    "descriptions": "descriptions",
    "status": "status",
    "dates": "status",
    "countries": "geography",
    "regions": "geography",
    "sectors": "sectors",
    "participating_orgs": "organisations",
    "policy_markers": "markers",
    "budgets": "budgets",
    "transactions": "transactions",
    "documents": "documents",
    "locations": "locations",
    "related": "related",
}

SECTION_LABELS = {
    "identity": _("Identifier"),
    "titles": _("Title"),
    "descriptions": _("Descriptions"),
    "status": _("Status and dates"),
    "geography": _("Countries and regions"),
    "sectors": _("Sectors"),
    "organisations": _("Organisations"),
    "markers": _("Rio markers"),
    "budgets": _("Budgets"),
    "transactions": _("Transactions"),
    "documents": _("Documents and links"),
    "locations": _("Locations"),
    "related": _("Related projects"),
}


def platform_identifier() -> str:
    """An identifier for a project that has none: the platform's reporting-org ref, the year, six random letters."""
    prefix = settings.IATI_REPORTING_ORG_REF or "KZ-ECODIALOGUE"
    return f"{prefix}-{timezone.now():%Y}-{secrets.token_hex(3).upper()}"


def _date(text: str) -> str:
    """A typed date as ISO: "2016-08-01" from a date input, "01.08.2016" typed by hand; else as typed."""
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day).isoformat()
        except ValueError:
            return text
    return text


def _number(text: str) -> str:
    # People group thousands with spaces ("1 998 000"); a record's numbers have none.
    return re.sub(r"[\s\u00a0\u202f]", "", text)


def _narrative(original: dict, shown_in: str, text: str, lang: str) -> dict:
    """A narrative with the text shown (in `shown_in`) replaced by the typed one (in `lang`), the rest kept."""
    result = dict(original or {})
    result.pop(shown_in, None)
    if text:
        result[lang] = text
    return result


def _languages(original: dict, typed: dict) -> dict:
    """The narrative with its kk/ru/en texts as typed; texts in other languages kept."""
    result = {lang: text for lang, text in (original or {}).items() if lang not in LANGUAGES}
    result.update({lang: typed[lang] for lang in LANGUAGES if typed.get(lang)})
    return result


def _dac(item: dict) -> bool:
    return (item.get("vocabulary") or "1") == "1"


def _rio(item: dict) -> bool:
    return _dac(item) and item.get("code") in RIO_MARKERS


def _all(item: dict) -> bool:
    return True


@dataclasses.dataclass(frozen=True)
class Table:
    fields: tuple[str, ...]
    # A row with none of these filled is an empty row: dropped, or the item removed.
    significant: tuple[str, ...]
    # Items of the record the table shows; the others are kept as they are.
    editable: Any = _all
    # Fields holding a narrative: <field> is the text, <field>_lang its language.
    narratives: tuple[str, ...] = ()
    # What an empty row starts with, and an item made from one.
    defaults: dict = dataclasses.field(default_factory=dict)
    new: dict = dataclasses.field(default_factory=dict)


NO_PARTY = {"ref": "", "name": ""}
TABLES = {
    "countries": Table(("code", "percentage"), ("code", "percentage")),
    "regions": Table(("code", "percentage"), ("code", "percentage"), _dac, new={"vocabulary": "1"}),
    "sectors": Table(("code", "percentage"), ("code", "percentage"), _dac, new={"vocabulary": "1"}),
    "participating_orgs": Table(("role", "ref", "type", "name", "name_lang"), ("ref", "name"), narratives=("name",)),
    "budgets": Table(
        ("period_start", "period_end", "value", "currency"),
        ("period_start", "period_end", "value"),
        new={"type": "", "status": "", "value_date": ""},
    ),
    "transactions": Table(
        ("type", "date", "value", "currency"),
        ("date", "value"),
        new={"value_date": "", "description": {}, "provider": NO_PARTY, "receiver": NO_PARTY},
    ),
    "documents": Table(
        ("url", "title", "title_lang", "category"),
        ("url", "title"),
        narratives=("title",),
        defaults={"category": WEB_PAGE},
        new={"format": "", "languages": []},
    ),
    "locations": Table(
        ("name", "name_lang", "lat", "lon"),
        ("name", "lat", "lon"),
        narratives=("name",),
        new={"ref": "", "description": {}, "admin_vocabulary": "", "admin_code": ""},
    ),
    "related": Table(("type", "ref"), ("ref",)),
}
NUMBERS = ("percentage", "value", "lat", "lon")
DATES = ("period_start", "period_end", "date")


def _row_of(name: str, item: dict, language: str) -> dict:
    """The typed values of one item, as the table's row shows them."""
    table = TABLES[name]
    row = {f: str(item.get(f) or "") for f in table.fields if f not in table.narratives}
    for f in table.narratives:
        text, lang = pick(item.get(f), language)
        row[f], row[f"{f}_lang"] = text, lang if text else language
    if name == "documents":
        row["category"] = (item.get("categories") or [""])[0]
    return row


def _item_of(name: str, row: dict, original: dict | None, language: str) -> dict:
    """The record's item from a row: the item it was made from with the shown fields replaced.

    Codes and currencies are upper-cased, decimals normalised by `records.normalised`.
    """
    table = TABLES[name]
    item = copy.deepcopy(original if original is not None else table.new)
    for f in table.fields:
        if f in table.narratives or f.endswith("_lang") or f == "category":
            continue
        item[f] = _number(row[f]) if f in NUMBERS else _date(row[f]) if f in DATES else row[f]
    for f in table.narratives:
        shown_in = pick(original.get(f), language)[1] if original is not None else ""
        item[f] = _narrative((original or {}).get(f), shown_in, row[f], row[f"{f}_lang"])
    if name == "documents":
        kept = [c for c in (original or {}).get("categories", [])[1:] if c != row["category"]]
        item["categories"] = ([row["category"]] if row["category"] else []) + kept
    return item


def _merge(original: list[dict], rows: list[tuple[int | None, dict]], editable) -> list[dict]:
    """The list with each shown item replaced in its place, cleared ones removed, new ones at the end.

    Items the table does not show stay where they were, so saving an
    unchanged form gives the very same record (and no revision).
    """
    by_orig: dict[int, dict] = {}
    new = []
    for orig, item in rows:
        if orig is not None and orig not in by_orig:
            by_orig[orig] = item
        else:
            new.append(item)
    result = []
    for index, item in enumerate(original):
        if not editable(item):
            result.append(item)
        elif index in by_orig:
            result.append(by_orig[index])
    return result + new


def _posted_rows(data, name: str) -> list[dict]:
    """The rows of one table as posted, in the order of their numbers; empty rows dropped."""
    table = TABLES[name]
    pattern = re.compile(rf"^{re.escape(name)}-(\d{{1,4}})-")
    numbers = sorted({int(m.group(1)) for key in data for m in [pattern.match(key)] if m})[:MAX_ROWS]
    rows = []
    for number in numbers:
        row = {f: (data.get(f"{name}-{number}-{f}") or "").strip() for f in (*table.fields, "orig")}
        if any(row[f] for f in table.significant):
            rows.append(row)
    return rows


def _text(value: str) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def _choices(name: str, *, suggestions: bool = False) -> list[tuple[str, str]]:
    """A codelist's codes with their names in the active language.

    A select lists withdrawn codes too (old records use them, and a select
    missing the stored value would drop it); suggestions for typing leave them out.
    """
    return [
        (code, label(name, code))
        for code, entry in codelist(name).items()
        if not (suggestions and entry.get("withdrawn"))
    ]


class ProjectForm:
    """What staff type for one project, read from a record or a post, and the record it makes."""

    def __init__(self, *, project=None, data=None, more: str = ""):
        self.project = project
        self.language = translation.get_language() or LANGUAGES[0]
        self.base = normalised(copy.deepcopy(project.record)) if project is not None else empty_record()
        self.problems: dict[str, list[str]] = {}
        # The table "More rows" was asked for: it gets more empty rows.
        self.more = more if more in TABLES else ""
        if data is None:
            self.typed = self._typed_of(self.base)
            self.base_hash = project.record_hash if project is not None else ""
        else:
            self.typed = self._typed_posted(data)
            self.base_hash = (data.get("base_hash") or "")[:64]

    # --- Reading -----------------------------------------------------------------

    def _typed_of(self, record: dict) -> dict:
        descriptions: dict[str, dict] = {}
        for description in record["descriptions"]:
            if description["type"] in DESCRIPTION_TYPES and description["type"] not in descriptions:
                descriptions[description["type"]] = {lang: description["text"].get(lang, "") for lang in LANGUAGES}
        for kind in DESCRIPTION_TYPES:
            descriptions.setdefault(kind, dict.fromkeys(LANGUAGES, ""))
        markers = dict.fromkeys(RIO_MARKERS, "")
        for marker in record["policy_markers"]:
            if _rio(marker) and not markers[marker["code"]]:
                markers[marker["code"]] = marker.get("significance") or ""
        return {
            "identifier": record["identifier"],
            "title": {lang: record["title"].get(lang, "") for lang in LANGUAGES},
            "descriptions": descriptions,
            "status": record["status"],
            "dates": {kind: record["dates"].get(kind, "") for kind in DATE_TYPES},
            "default_currency": record["default_currency"],
            "markers": markers,
            **{
                name: [
                    {**_row_of(name, item, self.language), "orig": str(index)}
                    for index, item in enumerate(record[name])
                    if table.editable(item)
                ]
                for name, table in TABLES.items()
            },
        }

    def _typed_posted(self, data) -> dict:
        return {
            "identifier": (data.get("identifier") or "").strip(),
            "title": {lang: _text(data.get(f"title-{lang}")) for lang in LANGUAGES},
            "descriptions": {
                kind: {lang: _text(data.get(f"description-{kind}-{lang}")) for lang in LANGUAGES}
                for kind in DESCRIPTION_TYPES
            },
            "status": (data.get("status") or "").strip(),
            "dates": {kind: (data.get(f"date-{kind}") or "").strip() for kind in DATE_TYPES},
            "default_currency": (data.get("default_currency") or "").strip(),
            "markers": {code: (data.get(f"marker-{code}") or "").strip() for code in RIO_MARKERS},
            **{name: _posted_rows(data, name) for name in TABLES},
        }

    # --- The record ----------------------------------------------------------------

    def is_new(self) -> bool:
        return self.project is None

    def record(self) -> dict:
        """The record to save: the stored one (or an empty one) with everything the form shows as typed."""
        typed, record = self.typed, copy.deepcopy(self.base)
        if self.project is not None:
            record["identifier"] = self.project.identifier
        else:
            record["identifier"] = typed["identifier"] or platform_identifier()
            typed["identifier"] = record["identifier"]
        record["title"] = _languages(record["title"], typed["title"])
        record["descriptions"] = self._descriptions(record["descriptions"])
        record["status"] = typed["status"]
        record["dates"] = {k: v for k, v in record["dates"].items() if k not in DATE_TYPES} | {
            kind: _date(value) for kind, value in typed["dates"].items() if value
        }
        record["default_currency"] = typed["default_currency"].upper()
        record["policy_markers"] = self._markers(record["policy_markers"])
        for name, table in TABLES.items():
            original = record[name]
            rows = []
            for row in typed[name]:
                orig = self._orig(row.get("orig", ""), original, table)
                rows.append((orig, _item_of(name, row, original[orig] if orig is not None else None, self.language)))
            record[name] = _merge(original, rows, table.editable)
        # Newer than the file it came from: re-importing that file later does not undo the edit.
        record["last_updated"] = timezone.now().replace(microsecond=0).isoformat()
        return record

    @staticmethod
    def _orig(text: str, original: list, table: Table) -> int | None:
        if not (text.isascii() and text.isdigit() and len(text) < 6):
            return None
        index = int(text)
        return index if index < len(original) and table.editable(original[index]) else None

    def _descriptions(self, original: list[dict]) -> list[dict]:
        typed, done, result = self.typed["descriptions"], set(), []
        for description in original:
            kind = description["type"]
            if kind in typed and kind not in done:
                done.add(kind)
                result.append({**description, "text": _languages(description["text"], typed[kind])})
            else:
                result.append(description)
        for kind in DESCRIPTION_TYPES:
            if kind not in done and any(typed[kind].values()):
                result.append({"type": kind, "text": _languages({}, typed[kind])})
        return result

    def _markers(self, original: list[dict]) -> list[dict]:
        """The Rio markers as chosen, in their places; a marker set to "not given" is removed."""
        typed, done, result = self.typed["markers"], set(), []
        for marker in original:
            code = marker.get("code")
            if not _rio(marker) or code in done:
                result.append(marker)
                continue
            done.add(code)
            if typed[code]:
                result.append({**marker, "significance": typed[code]})
            elif not marker.get("significance"):
                result.append(marker)  # given without a significance: the form's "not given" keeps it so
        for code in RIO_MARKERS:
            if code not in done and typed[code]:
                result.append({"code": code, "vocabulary": "1", "significance": typed[code]})
        return result

    # --- Refusals ------------------------------------------------------------------

    def refuse(self, details: list[dict]) -> None:
        """Put each finding's message beside the section its subject names (else at the top)."""
        for detail in details:
            section = SECTIONS.get(detail.get("subject") or "", "general")
            messages = self.problems.setdefault(section, [])
            if detail["message"] not in messages:
                messages.append(detail["message"])

    def problem_sections(self) -> list[tuple[str, str, list[str]]]:
        """(section, its heading, messages), in the order of the form; the form's own problems first."""
        order = ["general", *SECTION_LABELS]
        return [
            (section, SECTION_LABELS.get(section, ""), self.problems[section])
            for section in sorted(self.problems, key=order.index)
        ]

    # --- What the template shows -----------------------------------------------------

    def tables(self) -> dict[str, list[dict]]:
        """Every table's rows, then its empty rows (more for the table "More rows" was pressed for)."""
        result = {}
        for name, table in TABLES.items():
            spare = SPARE_ROWS + (MORE_ROWS if name == self.more else 0)
            empty = dict.fromkeys(table.fields, "") | {f"{f}_lang": self.language for f in table.narratives}
            empty |= table.defaults | {"orig": ""}
            rows = [*self.typed[name], *({**empty} for _ in range(spare))]
            for row in rows:
                for f in table.narratives:
                    row[f"{f}_other_lang"] = row.get(f"{f}_lang", "") not in LANGUAGES
            result[name] = rows
        return result

    def languages(self) -> list[tuple[str, str]]:
        return [(lang, get_language_info(lang)["name_local"]) for lang in LANGUAGES]

    def _language_fields(self, prefix: str, texts: dict) -> list[dict]:
        return [
            {"name": f"{prefix}-{lang}", "lang": lang, "label": language, "value": texts[lang]}
            for lang, language in self.languages()
        ]

    def titles(self) -> list[dict]:
        return self._language_fields("title", self.typed["title"])

    def descriptions(self) -> list[dict]:
        return [
            {
                "label": label("DescriptionType", kind),
                "fields": self._language_fields(f"description-{kind}", self.typed["descriptions"][kind]),
            }
            for kind in DESCRIPTION_TYPES
        ]

    def dates(self) -> list[dict]:
        return [
            {"name": f"date-{kind}", "label": label("ActivityDateType", kind), "value": self.typed["dates"][kind]}
            for kind in DATE_TYPES
        ]

    def markers(self) -> list[dict]:
        return [
            {"name": f"marker-{code}", "label": label("PolicyMarker", code), "value": self.typed["markers"][code]}
            for code in RIO_MARKERS
        ]

    def choices(self) -> dict[str, list[tuple[str, str]]]:
        return {
            "status": _choices("ActivityStatus"),
            "roles": _choices("OrganisationRole"),
            "org_types": _choices("OrganisationType"),
            "significance": _choices("PolicySignificance"),
            "transaction_types": _choices("TransactionType"),
            "document_categories": _choices("DocumentCategory"),
            "related_types": _choices("RelatedActivityType"),
            "regions": _choices("Region"),
            "countries": _choices("Country", suggestions=True),
            "sectors": _choices("Sector", suggestions=True),
            "currencies": _choices("Currency", suggestions=True),
        }

    def kept(self) -> dict[str, list[str]]:
        """Per section, what the record holds that the form does not show: it is kept as it is."""
        record, kept = self.base, {}

        def note(section, text):
            kept.setdefault(section, []).append(text if len(text) <= 160 else text[:159] + "…")

        for lang, text in record["title"].items():
            if lang not in LANGUAGES:
                note("titles", f"{lang or '—'}: {text}")
        seen = set()
        for description in record["descriptions"]:
            kind, name = description["type"], label("DescriptionType", description["type"])
            for lang, text in description["text"].items():
                if kind not in DESCRIPTION_TYPES or kind in seen or lang not in LANGUAGES:
                    note("descriptions", f"{name} · {lang or '—'}: {text}")
            seen.add(kind)
        for name in ("regions", "sectors"):
            for item in record[name]:
                if not _dac(item):
                    text = _("vocabulary %(vocabulary)s: %(code)s") % {
                        "vocabulary": item["vocabulary"],
                        "code": item["code"],
                    }
                    note("geography" if name == "regions" else "sectors", text)
        for marker in record["policy_markers"]:
            if not _rio(marker):
                significance = label("PolicySignificance", marker.get("significance") or "") or "—"
                note("markers", f"{label('PolicyMarker', marker['code'])}: {significance}")
        if record["reporting_org"]:
            org = record["reporting_org"]
            note("organisations", f"{_('Reporting organisation')}: {pick(org['name'])[0] or org['ref']}")
        return kept


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"))
    kind = forms.ChoiceField(
        label=_("What the file is"),
        choices=ImportRun.Kind.choices,
        initial=ImportRun.Kind.IATI,
        widget=forms.RadioSelect,
    )
