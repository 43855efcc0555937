from django import template

register = template.Library()

SPARE_ROWS = 2


@register.filter
def with_spare(rows, editable) -> list:
    """The rows of a table, plus empty ones to type into (the only way to add rows without JavaScript)."""
    rows = list(rows or [])
    return rows + [{} for _ in range(SPARE_ROWS)] if editable else rows
