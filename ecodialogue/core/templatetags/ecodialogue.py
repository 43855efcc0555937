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
    whole, _dot, cents = f"{Decimal(amount):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = "\u00a0".join(groups) + ("" if cents == "00" else "," + cents)
    return f"{text}\u00a0{currency}" if currency else text
