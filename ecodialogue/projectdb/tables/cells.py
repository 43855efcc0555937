"""The syntax of a table's cells: items separated by "; ", parts of an item by "|", options as `key=value`.

A ";" "|" or "\\" inside a name is written "\\;" "\\|" "\\\\". Parsers raise
`CellError` with a message saying what was expected; the reader turns it
into a finding naming the row and the column.
"""

import datetime
import re
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from ..records import decimal_text

CODE = re.compile(r"^[A-Za-z0-9._-]+$")
CURRENCY = re.compile(r"^[A-Za-z]{3}$")


class CellError(ValueError):
    """A cell that does not parse; the message says what was expected."""

    def __init__(self, message, **params):
        super().__init__(str(message))
        self.message, self.params = message, params


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace("|", "\\|")


def split(text: str, separator: str) -> list[str]:
    """Split on an unescaped separator; escapes stay in the parts (they are undone by `unescape`)."""
    parts, current, index = [], [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current.append(text[index : index + 2])
            index += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).strip()


def items(cell: str) -> list[str]:
    return [part.strip() for part in split(cell, ";") if part.strip()]


def parts(item: str, count: int) -> list[str]:
    found = [unescape(part) for part in split(item, "|")]
    if len(found) > count:
        raise CellError(_("“%(value)s” has more than %(count)s parts separated by “|”."), value=item, count=count)
    return found + [""] * (count - len(found))


def join(values: Iterable[str]) -> str:
    return "; ".join(value for value in values if value)


def joined_parts(*values: str) -> str:
    return "|".join(escape(value or "") for value in values).rstrip("|")


def parse_number(text: str, what) -> str:
    value = decimal_text(text)
    try:
        float(value)
    except ValueError:
        raise CellError(_("“%(value)s” is not %(what)s."), value=text, what=what) from None
    return value


def parse_date(text: str) -> str:
    try:
        return datetime.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise CellError(_("“%(value)s” is not a date (YYYY-MM-DD)."), value=text) from None


def parse_code(text: str) -> str:
    if not CODE.match(text):
        raise CellError(_("“%(value)s” is not a code."), value=text)
    return text


def parse_coded(item: str, what) -> tuple[str, str, str]:
    """`[vocabulary/]code[:number]` → (vocabulary, code, number)."""
    head, _colon, number = item.partition(":")
    vocabulary, _slash, code = head.rpartition("/")
    return vocabulary.strip(), parse_code(code.strip()), parse_number(number, what) if number.strip() else ""


def coded_text(vocabulary: str, code: str, number: str) -> str:
    text = code if vocabulary in ("", "1") else f"{vocabulary}/{code}"
    return f"{text}:{number}" if number else text


# Options after an amount: `key=value`, a value running to the next ` key=` (an organisation's name has spaces).
OPTION_START = re.compile(r"\s+(?=[a-z-]+=)")


def parse_options(text: str, allowed: tuple[str, ...]) -> dict[str, str]:
    found = {}
    for token in OPTION_START.split(text.strip()) if text.strip() else []:
        key, equals, value = token.partition("=")
        if not equals or key not in allowed:
            allowed_text = ", ".join(f"{name}=" for name in allowed)
            raise CellError(_("“%(value)s” is not one of %(allowed)s."), value=token, allowed=allowed_text)
        found[key] = value.strip()
    return found


def parse_amount(text: str, row: dict) -> tuple[str, str, str]:
    """`VALUE [CURRENCY] [options]` → (value, currency, the options' text); the row's default currency if none."""
    tokens = text.split(None, 2)
    if not tokens:
        raise CellError(_("The amount is missing."))
    value = parse_number(tokens[0], _("an amount"))
    if len(tokens) > 1 and CURRENCY.match(tokens[1]):
        return value, tokens[1].upper(), tokens[2] if len(tokens) > 2 else ""
    return value, (row.get("default_currency") or "").strip().upper(), " ".join(tokens[1:])
