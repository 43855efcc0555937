from decimal import Decimal

from django import template

from ecodialogue.core.activity import verb_label as _verb_label

register = template.Library()


@register.filter
def verb_label(verb: str) -> str:
    return _verb_label(verb)


@register.filter
def money(amount, currency: str = "") -> str:
    """12000 → "12 000 EUR": groups of three separated by a no-break space, as in Kazakh and Russian."""
    if amount is None:
        return ""
    # The sign is set apart, or "-150" would be grouped as "-\u00a0150".
    sign = "-" if Decimal(amount) < 0 else ""
    whole, _dot, cents = f"{abs(Decimal(amount)):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = sign + "\u00a0".join(groups) + ("" if cents == "00" else "," + cents)
    return f"{text}\u00a0{currency}" if currency else text


@register.filter
def utc_offset(value: str) -> str:
    """ "+0500" (the date filter's "O") → "+5"; "+0530" → "+5:30"."""
    if not value or len(value) != 5:
        return value or ""
    sign, hours, minutes = value[0], int(value[1:3]), value[3:]
    return f"{sign}{hours}" + ("" if minutes == "00" else f":{minutes}")
