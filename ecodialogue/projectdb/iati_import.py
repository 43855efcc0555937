"""Reading IATI activity files: a stream of activities, each normalised, validated and turned into a record.

`read_activities(source)` parses with `lxml.etree.iterparse` and yields one
`ParsedActivity` per `iati-activity` as soon as its end tag is read; the
element and everything before it is then dropped, so memory stays flat
however large the file (up to `PROJECTDB_IMPORT_MAX_BYTES`).

Safety: no DTD is loaded, no entity resolved, nothing fetched from the
network, and a document that declares a document type or entities is refused
whole (`FileRefused`) before any of it is used — the XXE and "billion laughs"
attacks need such a declaration. Other whole-file refusals: not XML, not
IATI (another root, or no activity), IATI 1.x, too large. Malformed XML in the
middle of a file: the activities before it are yielded, then `FileRefused`
says at which line.

Each activity is first normalised for common publisher quirks (upper-case or
three-letter `xml:lang`, attributes in foreign namespaces such as
d-portal's, whitespace around codes, lower-case currencies and countries),
then validated against the vendored 2.03 schema (a schema error makes it
invalid, with the line in the original file), then converted into a record
(`records.py`). The rules of `rules.py` are not applied here: the save
service applies them to every record whatever its source.
"""

import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree

from ecodialogue.core.errors import Invalid
from ecodialogue.core.findings import Finding, Severity

from .records import empty_record, normalised

SCHEMA = Path(__file__).parent / "schema" / "iati-activities-schema.xsd"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_PREFIX = f"{{{XML_NS}}}"
XML_LANG = f"{XML_PREFIX}lang"
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
# Versions read: the 2.0x series, which the 2.03 schema accepts activity by activity.
READ_VERSIONS = ("2.01", "2.02", "2.03")
# Schema errors reported per activity: the first few say what is wrong; hundreds would drown them.
MAX_SCHEMA_ERRORS = 10
# The head of the file kept to tell "declares entities" from other errors raised before the root element.
HEAD_BYTES = 64 * 1024

# Three-letter (ISO 639-2/B and /T) codes publishers write where IATI asks for ISO 639-1.
LANGUAGE_ALIASES = {
    "eng": "en",
    "rus": "ru",
    "kaz": "kk",
    "deu": "de",
    "ger": "de",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
    "uzb": "uz",
    "kir": "ky",
    "tgk": "tg",
    "tuk": "tk",
    "ara": "ar",
    "chi": "zh",
    "zho": "zh",
    "por": "pt",
    "ita": "it",
    "dut": "nl",
    "nld": "nl",
    "tur": "tr",
    "jpn": "ja",
    "kor": "ko",
}


class FileRefused(Invalid):
    """The whole file cannot be read: nothing of it (or nothing after `line`) is imported."""

    def __init__(self, code: str, message, *, line: int | None = None):
        super().__init__(code, message)
        self.line = line


@dataclass
class ParsedActivity:
    """One activity of a file: its record when it is valid IATI, else the problems that make it invalid."""

    position: int  # 1 for the first activity of the file
    line: int | None  # of its start tag in the file
    identifier: str
    record: dict | None
    problems: list[Finding] = field(default_factory=list)


def max_bytes() -> int:
    return getattr(settings, "PROJECTDB_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


@cache
def schema() -> etree.XMLSchema:
    """The IATI 2.03 activity schema, loaded once (its includes are beside it: no network)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


def normal_language(code: str | None) -> str:
    """ "EN", "en-GB", "ENG" → "en"; "" stays ""."""
    code = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return LANGUAGE_ALIASES.get(code, code)


# --- The file ---------------------------------------------------------------


class _Counted:
    """The source as lxml reads it, counting bytes (a stream's size is not always known) and keeping its head."""

    def __init__(self, stream, limit: int):
        self.stream = stream
        self.limit = limit
        self.count = 0
        self.head = b""

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        if isinstance(data, str):
            data = data.encode("utf-8")
        self.count += len(data)
        if len(self.head) < HEAD_BYTES:
            self.head += data[: HEAD_BYTES - len(self.head)]
        if self.count > self.limit:
            raise _too_large(self.count, self.limit)
        return data


def _too_large(size: int, limit: int) -> FileRefused:
    return FileRefused(
        "iati.too_large",
        _("The file is too large (%(size)s); the limit is %(limit)s.")
        % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
    )


def _known_size(source) -> int | None:
    if isinstance(source, str | os.PathLike):
        return os.path.getsize(source)
    size = getattr(source, "size", None)
    if isinstance(size, int):
        return size
    try:
        return os.fstat(source.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        return None


def _refuse_declarations() -> FileRefused:
    return FileRefused(
        "iati.doctype",
        _(
            "The file declares a document type or entities (<!DOCTYPE …>). IATI files have none, and such "
            "declarations can be used to read other files or exhaust the server: the file was not read."
        ),
    )


def _refuse_not_iati(root_tag: str) -> FileRefused:
    return FileRefused(
        "iati.not_iati",
        _("This is not an IATI activity file: its root element is “%(tag)s”, not “iati-activities”.")
        % {"tag": root_tag},
    )


def _check_root(root) -> None:
    if root.getroottree().docinfo.doctype or root.getroottree().docinfo.internalDTD is not None:
        raise _refuse_declarations()
    if root.tag != "iati-activities":
        raise _refuse_not_iati(str(root.tag))
    version = (root.get("version") or "").strip()
    if version not in READ_VERSIONS:
        raise FileRefused(
            "iati.version",
            _("This file is IATI version “%(version)s”; only IATI 2.01, 2.02 and 2.03 files are read.")
            % {"version": version or "?"},
        )


def read_activities(source) -> Iterator[ParsedActivity]:
    """Every activity of an IATI file (a path or a binary file object), in order; FileRefused for the whole file."""
    limit = max_bytes()
    size = _known_size(source)
    if size is not None and size > limit:
        raise _too_large(size, limit)
    opened = None
    if isinstance(source, str | os.PathLike):
        source = opened = open(source, "rb")  # noqa: SIM115 - closed below, after the generator ends
    counted = _Counted(source, limit)
    try:
        yield from _parse(counted)
    finally:
        if opened is not None:
            opened.close()


def _parse(counted: _Counted) -> Iterator[ParsedActivity]:
    events = etree.iterparse(
        counted,
        events=("start", "end"),
        tag=("iati-activities", "iati-activity"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    root = None
    position = 0
    try:
        for event, element in events:
            if root is None:
                # The first element seen: the prolog (and any DTD) has been read, nothing after it used.
                root = element.getroottree().getroot()
                _check_root(root)
            if event != "end" or element.tag != "iati-activity" or element.getparent() is not root:
                continue
            position += 1
            # What was read is dropped, so memory stays flat in file size: anything before the activity (another
            # publisher's extension element), and the activity itself, which `_activity` moves into a document of
            # its own for validation. Comments and processing instructions are not even kept.
            while element.getprevious() is not None:
                del root[0]
            yield _activity(element, position)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        if root is None:
            if b"<!DOCTYPE" in counted.head or b"<!ENTITY" in counted.head:
                raise _refuse_declarations() from None
            raise FileRefused(
                "iati.not_xml", _("The file is not XML: %(error)s.") % {"error": exc.msg}, line=line
            ) from None
        if root.getroottree().docinfo.internalDTD is not None:
            raise _refuse_declarations() from None
        raise FileRefused(
            "iati.malformed",
            _(
                "The XML is malformed at line %(line)s (%(error)s). The %(count)s activities before it were read; "
                "nothing after it."
            )
            % {"line": line or "?", "error": exc.msg, "count": position},
            line=line,
        ) from None
    if root is None:
        tree_root = getattr(events, "root", None)
        if tree_root is not None and tree_root.getroottree().docinfo.internalDTD is not None:
            raise _refuse_declarations()
        raise _refuse_not_iati(str(tree_root.tag) if tree_root is not None else "?")
    if position == 0:
        raise FileRefused("iati.empty", _("The file holds no IATI activity."))


# --- One activity -----------------------------------------------------------


def _activity(element, position: int) -> ParsedActivity:
    line = element.sourceline
    normalise(element)
    identifier = _text(next(element.iterchildren("iati-identifier"), None))
    problems = schema_problems(element)
    if problems:
        return ParsedActivity(position, line, identifier, None, problems)
    return ParsedActivity(position, line, identifier, activity_record(element), [])


# Compiled once: the attributes normalisation may change, found in C rather than by walking every element.
NAMESPACED_ATTRIBUTES = etree.XPath(".//@*[namespace-uri() != '']")


def normalise(activity) -> None:
    """Correct, in place, the publisher quirks the schema or the platform's rules would otherwise refuse.

    Language codes are lower-cased ISO 639-1 ("EN", "ENG" → "en"); attributes
    in other namespaces (d-portal's dstore:*, xsi:*) are dropped, they are not
    IATI data. Blanks around codes, and the case of currencies and country
    codes, are corrected as the record is made (`activity_record`).
    """
    for attribute in NAMESPACED_ATTRIBUTES(activity):
        name = attribute.attrname
        if name == XML_LANG:
            language = normal_language(attribute)
            if language != attribute:
                attribute.getparent().set(XML_LANG, language)
        elif not name.startswith(XML_PREFIX):
            del attribute.getparent().attrib[name]
    identifier = next(activity.iterchildren("iati-identifier"), None)
    if identifier is not None and identifier.text:
        identifier.text = identifier.text.strip()


SCHEMA_ERROR = gettext_lazy("Not valid IATI 2.03: %(error)s")


def schema_problems(activity) -> list[Finding]:
    """The schema's errors of one (normalised) activity, each with its line in the original file.

    The activity is moved into a document of its own (not copied: a moved
    node keeps its source line, so errors point into the original file).
    """
    wrapper = etree.Element("iati-activities", version="2.03")
    wrapper.append(activity)
    validator = schema()
    if validator.validate(wrapper):
        return []
    return [
        Finding("iati.schema", Severity.ERROR, SCHEMA_ERROR, {"line": error.line, "error": error.message})
        for error in list(validator.error_log)[:MAX_SCHEMA_ERRORS]
    ]


def _text(element) -> str:
    if element is None:
        return ""
    if len(element):
        return "".join(element.itertext()).strip()
    return (element.text or "").strip()


def _child(element, tag: str):
    # iterchildren() filters in C; find() goes through the Python ElementPath machinery.
    return next(element.iterchildren(tag), None) if element is not None else None


def _attr(element, name: str) -> str:
    """An attribute without the blanks publishers leave around codes; "" when absent."""
    if element is None:
        return ""
    value = element.get(name)
    return value.strip() if value else ""


def _narratives(element, default_language: str) -> dict:
    """{language: text} of an element's narratives; one without xml:lang is in the activity's language."""
    texts: dict[str, str] = {}
    if element is None:
        return texts
    for narrative in element.iterchildren("narrative"):
        text = _text(narrative)
        if not text:
            continue
        language = narrative.get(XML_LANG) or default_language
        texts[language] = f"{texts[language]}\n\n{text}" if language in texts else text
    return texts


def _first_name(element, default_language: str) -> str:
    names = _narratives(element, default_language)
    return names.get(default_language) or next(iter(names.values()), "")


def _org(element, default_language: str) -> dict:
    return {
        "ref": _attr(element, "ref"),
        "type": _attr(element, "type"),
        "name": _narratives(element, default_language),
    }


def _date_of(element, tag: str) -> str:
    return _attr(_child(element, tag), "iso-date")


def _money(element, default_currency: str) -> dict:
    value = _child(element, "value")
    return {
        "value": _text(value),
        "currency": (_attr(value, "currency") or default_currency).upper(),
        "value_date": _attr(value, "value-date"),
    }


def _location(element, language: str) -> dict:
    lat = lon = ""
    pos = _text(_child(_child(element, "point"), "pos"))
    if pos:
        parts = pos.split()
        lat, lon = (parts[0], parts[1]) if len(parts) == 2 else (pos, "")
    # Several levels may be given; the finest (a settlement's KATO code) says most.
    administrative = sorted(
        element.iterchildren("administrative"),
        key=lambda a: int(a.get("level")) if (a.get("level") or "").isdigit() else 0,
    )
    finest = administrative[-1] if administrative else None
    return {
        "ref": _attr(element, "ref"),
        "name": _narratives(_child(element, "name"), language),
        "description": _narratives(_child(element, "description"), language),
        "lat": lat,
        "lon": lon,
        "admin_vocabulary": _attr(finest, "vocabulary"),
        "admin_code": _attr(finest, "code"),
    }


def _transaction(element, language: str, currency: str) -> dict:
    provider, receiver = _child(element, "provider-org"), _child(element, "receiver-org")
    return {
        "type": _attr(_child(element, "transaction-type"), "code"),
        "date": _date_of(element, "transaction-date"),
        **_money(element, currency),
        "description": _narratives(_child(element, "description"), language),
        "provider": {"ref": _attr(provider, "ref"), "name": _first_name(provider, language)},
        "receiver": {"ref": _attr(receiver, "ref"), "name": _first_name(receiver, language)},
    }


def _coded(element, *, percentage: bool = False, vocabulary: bool = False) -> dict:
    item = {"code": _attr(element, "code")}
    if vocabulary:
        item["vocabulary"] = _attr(element, "vocabulary") or "1"
    if percentage:
        item["percentage"] = _attr(element, "percentage")
    return item


def activity_record(activity) -> dict:
    """The record (`records.py`) of a normalised, schema-valid `iati-activity` element."""
    children: dict[str, list] = defaultdict(list)
    for child in activity:
        children[child.tag].append(child)

    def first(tag):
        found = children.get(tag)
        return found[0] if found else None

    language = activity.get(XML_LANG, "")
    currency = _attr(activity, "default-currency").upper()
    record = empty_record(_text(first("iati-identifier")))
    record["default_language"] = language
    record["default_currency"] = currency
    record["last_updated"] = _attr(activity, "last-updated-datetime")
    record["status"] = _attr(first("activity-status"), "code")
    record["title"] = _narratives(first("title"), language)
    record["descriptions"] = [
        {"type": _attr(d, "type") or "1", "text": _narratives(d, language)} for d in children["description"]
    ]
    reporting = first("reporting-org")
    record["reporting_org"] = _org(reporting, language) if reporting is not None else None
    record["participating_orgs"] = [
        {"role": _attr(o, "role"), **_org(o, language)} for o in children["participating-org"]
    ]
    for date in children["activity-date"]:
        record["dates"].setdefault(_attr(date, "type"), _attr(date, "iso-date"))
    record["countries"] = [
        {"code": _attr(c, "code").upper(), "percentage": _attr(c, "percentage")} for c in children["recipient-country"]
    ]
    record["regions"] = [_coded(r, vocabulary=True, percentage=True) for r in children["recipient-region"]]
    record["sectors"] = [_coded(s, vocabulary=True, percentage=True) for s in children["sector"]]
    record["policy_markers"] = [
        {**_coded(m, vocabulary=True), "significance": _attr(m, "significance")} for m in children["policy-marker"]
    ]
    record["locations"] = [_location(loc, language) for loc in children["location"]]
    record["budgets"] = [
        {
            "type": _attr(b, "type"),
            "status": _attr(b, "status"),
            "period_start": _date_of(b, "period-start"),
            "period_end": _date_of(b, "period-end"),
            **_money(b, currency),
        }
        for b in children["budget"]
    ]
    record["transactions"] = [_transaction(t, language, currency) for t in children["transaction"]]
    record["documents"] = [
        {
            "url": _attr(d, "url"),
            "format": _attr(d, "format"),
            "title": _narratives(_child(d, "title"), language),
            "categories": [_attr(c, "code") for c in d.iterchildren("category")],
            "languages": [normal_language(lang.get("code")) for lang in d.iterchildren("language")],
        }
        for d in children["document-link"]
    ]
    record["related"] = [{"type": _attr(r, "type"), "ref": _attr(r, "ref")} for r in children["related-activity"]]
    return normalised(record)
