"""Charts drawn on the server as SVG: no JavaScript, nothing to download.

Every function returns a SafeString of one <svg> element that scales to the
width of its container (a viewBox and width="100%"). A chart is a picture of
numbers the page also shows in an HTML table beside it: the SVG is one image
for assistive technology (role="img" with its title), and the table carries the
facts. Every label passes through format_html, so text typed by people is
escaped. Numbers are written as in Kazakh and Russian: groups of three
separated by a no-break space and a decimal comma (as the money filter does).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

Number = Decimal | int | float

# Each colour has a contrast of at least 5.5:1 with white, so bars stand out
# from the page (WCAG 1.4.11 asks for 3:1) and white text on them is readable
# (4.5:1). Neighbours differ in hue for the common colour-vision deficiencies.
PALETTE = ("#1f6f43", "#0b5fa5", "#b34700", "#6a3d9a", "#4d5652")
INK = "#1b1f1d"
MUTED = "#4d5652"
GRID = "#d5ddd8"

FONT_SIZE = 14
# An average glyph of the page's sans-serif at FONT_SIZE, to decide how much
# of a label fits before it is shortened (the full label stays in a tooltip).
CHAR_WIDTH = 7.5
NBSP = "\u00a0"


def format_number(value: Number, unit: str = "") -> str:
    """12000 → "12 000"; 1234567.5 → "1 234 567,50"; with unit "EUR" → "12 000 EUR".

    Whole numbers have no decimals; others are rounded half up to two.
    Floats are read through their shortest text, so 0.1 stays 0,10.
    """
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if number == number.to_integral_value():
        text = f"{number.quantize(Decimal(1)):,}"
    else:
        text = f"{number.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"
    text = text.replace(",", NBSP).replace(".", ",")
    return f"{text}{NBSP}{unit}" if unit else text


def format_percent(value: int) -> str:
    """25 → "25 %" (with a no-break space, as in Kazakh and Russian)."""
    return f"{value}{NBSP}%"


def whole_percentages(values: Sequence[Number]) -> list[int]:
    """Shares of the total in whole percent that add up to exactly 100.

    Largest remainder: every share is rounded down, then the points still
    missing go to the largest remainders (the earlier part wins a tie). A
    total of zero gives zeros.
    """
    exact = [Decimal(str(v)) if not isinstance(v, Decimal) else v for v in values]
    total = sum(exact, Decimal(0))
    if total <= 0:
        return [0 for _ in exact]
    scaled = [v * 100 / total for v in exact]
    floors = [int(s) for s in scaled]
    missing = 100 - sum(floors)
    by_remainder = sorted(range(len(scaled)), key=lambda i: (-(scaled[i] - floors[i]), i))
    for i in by_remainder[:missing]:
        floors[i] += 1
    return floors


def bar_chart(
    items: Sequence[tuple[str, Number]],
    *,
    title: str,
    unit: str = "",
    max_value: Number | None = None,
    width: int = 600,
    empty_text: str | None = None,
) -> SafeString:
    """Horizontal bars: labels at the left, values at the right.

    Bar lengths are proportional to the values, the longest bar being
    max_value (the largest value when None). Bars of negative values have no
    length but their value is written; values above max_value fill the row.
    No items, or no value above zero, gives the empty chart with empty_text
    (a translated "nothing to show" when None).
    """
    items = [(str(label), value) for label, value in items]
    scale = _scale(max_value, [value for _label, value in items])
    if not _any_positive(value for _label, value in items) or scale <= 0:
        return empty_chart(title=title, text=empty_text, width=width)

    row, bar, pad = 28, 18, 8
    label_width = round(width * 0.38)
    value_width = _text_width([format_number(value, unit) for _label, value in items], width * 0.22)
    bar_left = label_width + 8
    bar_room = width - bar_left - value_width - 8
    height = 2 * pad + row * len(items)

    rows = []
    for index, (label, value) in enumerate(items):
        top = pad + index * row
        middle = top + row / 2
        length = _length(value, scale, bar_room)
        rows.append(
            format_html(
                '<g class="bar">{}<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" text-anchor="end" dominant-baseline="central" fill="{}">{}</text></g>',
                _label(label, x=label_width, y=middle, room=label_width),
                _n(bar_left),
                _n(top + (row - bar) / 2),
                _n(length),
                bar,
                PALETTE[0],
                width,
                _n(middle),
                INK,
                format_number(value, unit),
            )
        )
    return _svg(title=title, width=width, height=height, body=_join(rows))


def grouped_bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[Number]]],
    *,
    title: str,
    unit: str = "",
    width: int = 600,
    empty_text: str | None = None,
) -> SafeString:
    """Groups of horizontal bars, one group per category and one bar per series, with a legend.

    For example the approved and the spent amount of every budget category:
    grouped_bar_chart(["Staff", "Travel"], [("Approved", [500, 200]), ("Spent", [450, 50])], title=...).
    Every series has one value per category (ValueError otherwise). All the
    bars share one scale, the largest value.
    """
    categories = [str(category) for category in categories]
    series = [(str(name), list(values)) for name, values in series]
    for name, values in series:
        if len(values) != len(categories):
            raise ValueError(f"Series {name!r} has {len(values)} values for {len(categories)} categories.")
    scale = _scale(None, [value for _name, values in series for value in values])
    if not categories or scale <= 0:
        return empty_chart(title=title, text=empty_text, width=width)

    bar, gap, pad = 16, 4, 8
    group = len(series) * (bar + gap) + 12
    legend_height = 28
    label_width = round(width * 0.38)
    texts = [format_number(value, unit) for _name, values in series for value in values]
    value_width = _text_width(texts, width * 0.22)
    bar_left = label_width + 8
    bar_room = width - bar_left - value_width - 8
    top_of_groups = pad + legend_height
    height = top_of_groups + group * len(categories) + pad

    parts = [_legend([name for name, _values in series], y=pad + legend_height / 2, width=width)]
    for index, category in enumerate(categories):
        top = top_of_groups + index * group
        bars = []
        for number, (_name, values) in enumerate(series):
            value = values[index]
            y = top + 6 + number * (bar + gap)
            bars.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                    '<text x="{}" y="{}" text-anchor="end" dominant-baseline="central" fill="{}">{}</text>',
                    _n(bar_left),
                    _n(y),
                    _n(_length(value, scale, bar_room)),
                    bar,
                    PALETTE[number % len(PALETTE)],
                    width,
                    _n(y + bar / 2),
                    INK,
                    format_number(value, unit),
                )
            )
        parts.append(
            format_html(
                '<g class="group">{}{}<line x1="0" x2="{}" y1="{}" y2="{}" stroke="{}"/></g>',
                _label(category, x=label_width, y=top + group / 2, room=label_width),
                _join(bars),
                width,
                _n(top + group),
                _n(top + group),
                GRID,
            )
        )
    return _svg(title=title, width=width, height=height, body=_join(parts))


def share_bar(
    parts: Sequence[tuple[str, Number]],
    *,
    title: str,
    width: int = 600,
    empty_text: str | None = None,
) -> SafeString:
    """One bar of 100 % split into the parts' shares, with the percentages and a legend.

    For example share_bar([("Women", 25), ("Youth", 15), ("Others", 60)], title=...).
    Percentages are whole and add up to 100 (whole_percentages); a segment
    wide enough carries its percentage, and the legend always does. A total
    of zero gives the empty chart; a negative part is a ValueError.
    """
    parts = [(str(label), value) for label, value in parts]
    if any(value < 0 for _label, value in parts):
        raise ValueError("A share cannot be negative.")
    values = [float(value) for _label, value in parts]
    total = sum(values)
    if not parts or total <= 0:
        return empty_chart(title=title, text=empty_text, width=width)

    percents = whole_percentages([value for _label, value in parts])
    pad, bar = 8, 32
    bar_top = pad
    legend_top = bar_top + bar + 12
    line = 24
    height = legend_top + line * len(parts) + pad
    room = width - 2 * pad

    segments = []
    x = float(pad)
    for index, ((_label, _value), share, percent) in enumerate(zip(parts, values, percents, strict=True)):
        length = room * share / total
        colour = PALETTE[index % len(PALETTE)]
        text = format_percent(percent)
        inside = ""
        if length >= len(text) * CHAR_WIDTH + 8:
            inside = format_html(
                '<text x="{}" y="{}" text-anchor="middle" dominant-baseline="central" fill="#ffffff">{}</text>',
                _n(x + length / 2),
                _n(bar_top + bar / 2),
                text,
            )
        segments.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#ffffff" stroke-width="1"/>{}',
                _n(x),
                bar_top,
                _n(length),
                bar,
                colour,
                inside,
            )
        )
        x += length

    legend = []
    for index, ((label, _value), percent) in enumerate(zip(parts, percents, strict=True)):
        y = legend_top + index * line
        legend.append(
            format_html(
                '<g class="legend"><rect x="{}" y="{}" width="14" height="14" fill="{}"/>'
                '<text x="{}" y="{}" dominant-baseline="central" fill="{}">{} — {}</text></g>',
                pad,
                _n(y + (line - 14) / 2),
                PALETTE[index % len(PALETTE)],
                pad + 22,
                _n(y + line / 2),
                INK,
                label,
                format_percent(percent),
            )
        )
    return _svg(title=title, width=width, height=height, body=_join([*segments, *legend]))


def empty_chart(*, title: str, text: str | None = None, width: int = 600) -> SafeString:
    """A small SVG that says there is nothing to draw (text, or a translated default)."""
    text = gettext("There is nothing to show yet.") if text is None else text
    body = format_html(
        '<text x="{}" y="24" text-anchor="middle" dominant-baseline="central" fill="{}">{}</text>',
        _n(width / 2),
        MUTED,
        text,
    )
    return _svg(title=title, width=width, height=48, body=body)


# --- Drawing helpers ----------------------------------------------------------


def _svg(*, title: str, width: int, height: float, body: SafeString) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" width="100%" '
        'role="img" aria-label="{}" font-size="{}"><title>{}</title>{}</svg>',
        width,
        _n(height),
        title,
        FONT_SIZE,
        title,
        body,
    )


def _label(text: str, *, x: float, y: float, room: float) -> SafeString:
    """A label ending at x, shortened with "…" when it is wider than room; the full text is its tooltip."""
    fits = max(int((room - 8) / CHAR_WIDTH), 4)
    shown = text if len(text) <= fits else text[: fits - 1].rstrip() + "…"
    return format_html(
        '<text x="{}" y="{}" text-anchor="end" dominant-baseline="central" fill="{}"><title>{}</title>{}</text>',
        _n(x),
        _n(y),
        INK,
        text,
        shown,
    )


def _legend(names: Sequence[str], *, y: float, width: int) -> SafeString:
    """Swatches and names in one row from the left; names share the row equally."""
    slot = width / max(len(names), 1)
    fits = max(int((slot - 30) / CHAR_WIDTH), 4)
    entries = []
    for index, name in enumerate(names):
        x = index * slot
        shown = name if len(name) <= fits else name[: fits - 1].rstrip() + "…"
        entries.append(
            format_html(
                '<rect x="{}" y="{}" width="14" height="14" fill="{}"/>'
                '<text x="{}" y="{}" dominant-baseline="central" fill="{}"><title>{}</title>{}</text>',
                _n(x),
                _n(y - 7),
                PALETTE[index % len(PALETTE)],
                _n(x + 20),
                _n(y),
                INK,
                name,
                shown,
            )
        )
    return format_html('<g class="legend">{}</g>', _join(entries))


def _any_positive(values: Iterable[Number]) -> bool:
    return any(float(value) > 0 for value in values)


def _scale(max_value: Number | None, values: Iterable[Number]) -> float:
    if max_value is not None:
        return float(max_value)
    return max((float(value) for value in values), default=0.0)


def _length(value: Number, scale: float, room: float) -> float:
    return room * min(max(float(value), 0.0), scale) / scale


def _text_width(texts: Sequence[str], limit: float) -> float:
    return min(max((len(text) for text in texts), default=0) * CHAR_WIDTH, limit)


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros: 12.5, 40."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _join(parts: Iterable[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))
