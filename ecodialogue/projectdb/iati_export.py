"""Projects as an IATI 2.03 `iati-activities` document, written as a stream, and its validation.

One `iati-activity` per project, built from `project.record` (`records.py`)
and written as soon as it is built (`lxml.etree.xmlfile`), so memory stays
flat however many projects are exported. Elements follow the order of the
2.03 schema (`schema/iati-activities-schema.xsd`); every field of the record
is written, and every value carries its currency explicitly.

What the schema requires and a record may lack is filled, always the same way
(records imported from a valid IATI file lack none of it, so they export as
they were read):

- `reporting-org`: a record without one (a project entered by staff) is
  reported by the platform: ref `settings.IATI_REPORTING_ORG_REF`, else
  "ECODIALOGUE" (`PLATFORM_REF`), type 90 (other), named "EcoDialogue". A
  reporting organisation without a type gets 90.
- `description`: none → one general description (type 1) with an empty
  narrative, which an import reads back as no description.
- `participating-org`: none → the reporting organisation as accountable
  (role 2): the only organisation known to answer for the record.
- `activity-status`: none → from the dates: 3 finalisation after an actual
  end, 2 implementation after an actual start, else 1 pipeline.
- `activity-date`: none → a planned start (type 1) on the first budget's
  period start, else the first transaction's date, else the record's
  `last_updated`, else the day the project was created.
- `value/@value-date`: a budget's period start; a transaction's date.
- `document-link`: no format → guessed from the address (PDF, Word, Excel …,
  else text/html); no title → an empty narrative; no category → A12
  (activity web page).
- `location/administrative` without a vocabulary: not written (a code alone
  says nothing); `location/point` only with both latitude and longitude.
"""

import datetime
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from lxml import etree

VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
WGS84 = "http://www.opengis.net/def/crs/EPSG/0/4326"
SCHEMA = Path(__file__).parent / "schema" / "iati-activities-schema.xsd"

PLATFORM_REF = "ECODIALOGUE"
PLATFORM_NAME = "EcoDialogue"
OTHER_TYPE = "90"
ACCOUNTABLE = "2"
PIPELINE, IMPLEMENTATION, FINALISATION = "1", "2", "3"
PLANNED_START = "1"
WEB_PAGE = "A12"
FORMATS = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".zip": "application/zip",
}
# A file bigger than this is validated as a stream, an activity at a time (a whole tree takes ~10× the file in memory).
WHOLE_TREE_BYTES = 8 * 1024 * 1024

# Characters XML 1.0 cannot carry: a text pasted with one must not break the whole export.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value) -> str:
    text = str(value)
    # Searching first is cheaper than substituting: almost no text has such a character.
    return NOT_XML.sub("", text) if NOT_XML.search(text) else text


def _el(parent, tag: str, text: str | None = None, attributes: dict | None = None):
    """A child element; attributes whose value is "" are left out (the schema's optional ones)."""
    if attributes:
        attributes = {name: _text(value) for name, value in attributes.items() if value not in (None, "")}
    element = etree.SubElement(parent, tag, attributes) if attributes else etree.SubElement(parent, tag)
    if text is not None:
        element.text = _text(text)
    return element


def _narratives(parent, texts: dict | None) -> None:
    """One narrative per language; a text without language ("") has no xml:lang. None at all: one empty narrative."""
    written = False
    for language, text in (texts or {}).items():
        if text:
            narrative = _el(parent, "narrative", text)
            if language:
                narrative.set(XML_LANG, language)
            written = True
    if not written:
        _el(parent, "narrative", "")


def _day(text) -> str:
    """An xsd:date from a record's date ("2016-08-01", or a date-time whose date part is taken); "" if none."""
    text = str(text or "").strip()[:10]
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        return ""


XSD_DATETIME = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")


def _instant(text: str) -> str:
    """An xsd:dateTime from a record's `last_updated`: as imported when it is one (so it reads back the same),
    else converted (a date alone is midnight UTC); "" when it is no time at all."""
    if not text:
        return ""
    if XSD_DATETIME.match(text):
        return text
    value = parse_datetime(text)
    if value is None:
        day = _day(text)
        if not day:
            return ""
        value = datetime.datetime.fromisoformat(day)
    if timezone.is_naive(value):
        value = value.replace(tzinfo=datetime.UTC)
    return value.isoformat()


def platform_reporting_org() -> dict:
    """The reporting organisation of a record that names none: the platform."""
    return {
        "ref": settings.IATI_REPORTING_ORG_REF or PLATFORM_REF,
        "type": OTHER_TYPE,
        "name": {"en": PLATFORM_NAME},
    }


def document_format(url: str) -> str:
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    for suffix, mime in FORMATS.items():
        if path.endswith(suffix):
            return mime
    return "text/html"


def _status(record: dict) -> str:
    if record.get("status"):
        return record["status"]
    dates = record.get("dates") or {}
    if dates.get("4"):
        return FINALISATION
    if dates.get("2"):
        return IMPLEMENTATION
    return PIPELINE


def _dates(record: dict, created) -> list[tuple[str, str]]:
    dates = [(kind, _day(text)) for kind, text in sorted((record.get("dates") or {}).items())]
    dates = [(kind, day) for kind, day in dates if day]
    if dates:
        return dates
    candidates = [b.get("period_start") for b in record.get("budgets") or []]
    candidates += [t.get("date") for t in record.get("transactions") or []]
    candidates += [record.get("last_updated")]
    for candidate in candidates:
        if _day(candidate):
            return [(PLANNED_START, _day(candidate))]
    created = created or timezone.now()
    return [(PLANNED_START, timezone.localdate(created).isoformat())]


def _org(parent, tag: str, org: dict, **extra):
    element = _el(parent, tag, attributes={"ref": org.get("ref"), "type": org.get("type"), **extra})
    _narratives(element, org.get("name"))
    return element


def _value(parent, item: dict, value_date: str):
    return _el(parent, "value", item.get("value") or "0", {"currency": item.get("currency"), "value-date": value_date})


def _plain_org(parent, tag: str, org: dict | None) -> None:
    """A transaction's provider or receiver: a ref and a name without language, as the record holds them."""
    org = org or {}
    if org.get("ref") or org.get("name"):
        element = _el(parent, tag, attributes={"ref": org.get("ref")})
        if org.get("name"):
            _el(element, "narrative", org["name"])


def activity_element(record: dict, *, created=None):
    """One `iati-activity` element from a normalised record, in the schema's order of elements."""
    activity = etree.Element("iati-activity")
    last_updated = _instant(record.get("last_updated") or "")
    if last_updated:
        activity.set("last-updated-datetime", last_updated)
    if record.get("default_language"):
        activity.set(XML_LANG, record["default_language"])
    if record.get("default_currency"):
        activity.set("default-currency", record["default_currency"])

    _identity(activity, record, created)
    _places(activity, record)
    _money(activity, record)
    _links(activity, record)
    return activity


def _identity(activity, record: dict, created) -> None:
    """From the identifier to the dates: who, what, in which state, when."""
    _el(activity, "iati-identifier", record["identifier"])
    reporting = dict(record.get("reporting_org") or platform_reporting_org())
    reporting["type"] = reporting.get("type") or OTHER_TYPE
    # ref is required, "" included: a publisher's organisation without an identifier stays without one.
    reporting_element = _el(activity, "reporting-org")
    reporting_element.set("ref", _text(reporting.get("ref") or ""))
    reporting_element.set("type", _text(reporting["type"]))
    _narratives(reporting_element, reporting.get("name"))
    _narratives(_el(activity, "title"), record.get("title"))
    descriptions = record.get("descriptions") or [{"type": "1", "text": {}}]
    for description in descriptions:
        _narratives(_el(activity, "description", attributes={"type": description.get("type")}), description["text"])
    orgs = record.get("participating_orgs") or [{**reporting, "role": ACCOUNTABLE}]
    for org in orgs:
        _org(activity, "participating-org", org, role=org.get("role"))
    _el(activity, "activity-status", attributes={"code": _status(record)})
    for kind, day in _dates(record, created):
        _el(activity, "activity-date", attributes={"type": kind, "iso-date": day})


def _places(activity, record: dict) -> None:
    """Countries, regions, locations, sectors and policy markers: where and what for."""
    for country in record.get("countries") or []:
        _el(
            activity, "recipient-country", attributes={"code": country["code"], "percentage": country.get("percentage")}
        )
    for region in record.get("regions") or []:
        attributes = {
            "code": region["code"],
            "vocabulary": region.get("vocabulary"),
            "percentage": region.get("percentage"),
        }
        _el(activity, "recipient-region", attributes=attributes)
    for location in record.get("locations") or []:
        _location(activity, location)
    for sector in record.get("sectors") or []:
        attributes = {
            "vocabulary": sector.get("vocabulary"),
            "code": sector["code"],
            "percentage": sector.get("percentage"),
        }
        _el(activity, "sector", attributes=attributes)
    for marker in record.get("policy_markers") or []:
        attributes = {
            "vocabulary": marker.get("vocabulary"),
            "code": marker["code"],
            "significance": marker.get("significance"),
        }
        _el(activity, "policy-marker", attributes=attributes)


def _money(activity, record: dict) -> None:
    for budget in record.get("budgets") or []:
        element = _el(activity, "budget", attributes={"type": budget.get("type"), "status": budget.get("status")})
        start, end = _day(budget.get("period_start")), _day(budget.get("period_end"))
        _el(element, "period-start", attributes={"iso-date": start})
        _el(element, "period-end", attributes={"iso-date": end})
        _value(element, budget, _day(budget.get("value_date")) or start)
    for transaction in record.get("transactions") or []:
        element = _el(activity, "transaction")
        _el(element, "transaction-type", attributes={"code": transaction.get("type")})
        day = _day(transaction.get("date"))
        _el(element, "transaction-date", attributes={"iso-date": day})
        _value(element, transaction, _day(transaction.get("value_date")) or day)
        if transaction.get("description"):
            _narratives(_el(element, "description"), transaction["description"])
        _plain_org(element, "provider-org", transaction.get("provider"))
        _plain_org(element, "receiver-org", transaction.get("receiver"))


def _links(activity, record: dict) -> None:
    for document in record.get("documents") or []:
        url = document.get("url") or ""
        link = _el(
            activity, "document-link", attributes={"url": url, "format": document.get("format") or document_format(url)}
        )
        _narratives(_el(link, "title"), document.get("title"))
        for category in document.get("categories") or [WEB_PAGE]:
            _el(link, "category", attributes={"code": category})
        for language in document.get("languages") or []:
            _el(link, "language", attributes={"code": language})
    for related in record.get("related") or []:
        _el(activity, "related-activity", attributes={"ref": related.get("ref"), "type": related.get("type")})


def _location(activity, location: dict) -> None:
    element = _el(activity, "location", attributes={"ref": location.get("ref")})
    if location.get("name"):
        _narratives(_el(element, "name"), location["name"])
    if location.get("description"):
        _narratives(_el(element, "description"), location["description"])
    if location.get("admin_code") and location.get("admin_vocabulary"):
        attributes = {"code": location["admin_code"], "vocabulary": location["admin_vocabulary"]}
        _el(element, "administrative", attributes=attributes)
    if location.get("lat") and location.get("lon"):
        point = _el(element, "point", attributes={"srsName": WGS84})
        _el(point, "pos", f"{location['lat']} {location['lon']}")


class _Chunks:
    """A file-like sink that keeps what was written until it is taken."""

    def __init__(self):
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.parts.append(data)

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def iter_activities(projects: Iterable, *, generated: datetime.datetime | None = None) -> Iterator[bytes]:
    """The document in pieces: the header, then one piece per activity, then the end (for streaming responses)."""
    generated = (generated or timezone.now()).astimezone(datetime.UTC).replace(microsecond=0)
    sink = _Chunks()
    with etree.xmlfile(sink, encoding="UTF-8") as xml:
        xml.write_declaration()
        with xml.element("iati-activities", {"version": VERSION, "generated-datetime": generated.isoformat()}):
            xml.write("\n")
            for project in projects:
                element = activity_element(project.record, created=getattr(project, "created_at", None))
                xml.write(element, pretty_print=True)
                xml.flush()
                yield sink.take()
    yield sink.take()


def write_activities(projects: Iterable, out, *, generated: datetime.datetime | None = None) -> int:
    """Write the projects to a binary file `out` as an `iati-activities` document; the number of activities."""
    count = -1  # the last piece is the closing tag, not an activity
    for piece in iter_activities(projects, generated=generated):
        out.write(piece)
        count += 1
    return max(count, 0)


@cache
def schema() -> etree.XMLSchema:
    """The vendored IATI 2.03 activity schema (its includes resolve beside it, offline)."""
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def _parser() -> etree.XMLParser:
    # An export is our own file, but validate() may be handed anything: no entities, no network, no DTD.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def validate(source, *, xsd: Path | str | None = None) -> list[str]:
    """Schema errors of a document (bytes, or a path), as "line N: message"; [] when it is valid.

    A file larger than WHOLE_TREE_BYTES is validated while it is read, one
    activity at a time, so memory stays flat (`iati-activity` is a global
    element of the schema: each validates on its own; the root is checked
    by hand).
    """
    checker = etree.XMLSchema(etree.parse(str(xsd))) if xsd else schema()
    if isinstance(source, bytes | bytearray):
        try:
            root = etree.fromstring(bytes(source), _parser())
        except etree.XMLSyntaxError as error:
            return [f"line {error.lineno}: {error.msg}"]
        return _validate_tree(checker, root.getroottree())
    path = Path(source)
    if path.stat().st_size <= WHOLE_TREE_BYTES:
        try:
            tree = etree.parse(str(path), _parser())
        except etree.XMLSyntaxError as error:
            return [f"line {error.lineno}: {error.msg}"]
        return _validate_tree(checker, tree)
    return _validate_stream(checker, path)


def _validate_tree(checker: etree.XMLSchema, tree) -> list[str]:
    if checker.validate(tree):
        return []
    return [f"line {entry.line}: {entry.message}" for entry in checker.error_log]


def _validate_stream(checker: etree.XMLSchema, path: Path) -> list[str]:
    errors: list[str] = []
    root, activities = None, 0
    events = etree.iterparse(
        str(path), events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
    )
    try:
        for event, element in events:
            if root is None:
                root = element
                if root.tag != "iati-activities" or not root.get("version"):
                    return [f'line {root.sourceline}: the root element is not <iati-activities version="…">.']
                generated = root.get("generated-datetime")
                if generated is not None and not XSD_DATETIME.match(generated):
                    errors.append(f"line {root.sourceline}: generated-datetime “{generated}” is not a date and time.")
                continue
            if event != "end" or element.getparent() is not root:
                continue
            if element.tag == "iati-activity":
                activities += 1
                if not checker.validate(element):
                    errors += [f"line {entry.line}: {entry.message}" for entry in checker.error_log]
            elif not str(element.tag).startswith("{"):
                errors.append(f"line {element.sourceline}: Element '{element.tag}': This element is not expected.")
            element.clear()
            while element.getprevious() is not None:
                del root[0]
    except etree.XMLSyntaxError as error:
        return [*errors, f"line {error.lineno}: {error.msg}"]
    if root is not None and activities == 0:
        errors.append(f"line {root.sourceline}: Element 'iati-activities': Missing child element(s).")
    return errors
