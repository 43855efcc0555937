"""Server-drawn SVG charts: escaped labels, honest proportions, readable numbers."""

from decimal import Decimal
from xml.dom.minidom import parseString

import pytest

from ecodialogue.core.charts import (
    bar_chart,
    format_number,
    grouped_bar_chart,
    share_bar,
    whole_percentages,
)

NBSP = "\u00a0"


def svg_of(markup):
    """Parse the chart as XML (it must be well-formed) and return its <svg> element."""
    root = parseString(str(markup)).documentElement  # noqa: S318 - our own output, not untrusted XML
    assert root.tagName == "svg"
    return root


def bar_widths(markup):
    return [float(rect.getAttribute("width")) for rect in svg_of(markup).getElementsByTagName("rect")]


def texts(markup):
    """The visible text of every <text> element (without its tooltip)."""
    found = []
    for node in svg_of(markup).getElementsByTagName("text"):
        found.append("".join(child.data for child in node.childNodes if child.nodeType == child.TEXT_NODE))
    return found


def test_a_chart_is_one_accessible_image_that_scales():
    svg = svg_of(bar_chart([("Staff", 100)], title="Budget by category"))

    assert svg.getAttribute("role") == "img"
    assert svg.getAttribute("aria-label") == "Budget by category"
    assert svg.getElementsByTagName("title")[0].firstChild.data == "Budget by category"
    assert svg.getAttribute("width") == "100%"
    assert svg.getAttribute("viewBox").startswith("0 0 600 ")


def test_labels_and_titles_typed_by_people_are_escaped():
    evil = '<script>alert("x")</script>'
    charts = [
        bar_chart([(evil, 10)], title=evil),
        grouped_bar_chart([evil], [(evil, [10])], title=evil),
        share_bar([(evil, 1), ("Others", 3)], title=evil),
        bar_chart([], title=evil, empty_text=evil),
    ]

    for markup in charts:
        assert "<script>" not in markup
        assert "&lt;script&gt;" in markup
        svg = svg_of(markup)  # still well-formed XML
        assert svg.getAttribute("aria-label") == evil


def test_bar_lengths_are_proportional_to_the_values():
    half, full = bar_widths(bar_chart([("Travel", 50), ("Staff", Decimal("100"))], title="t"))
    assert full > 0 and half == pytest.approx(full / 2, abs=0.01)

    # With a fixed maximum the same value fills half of the room.
    (alone,) = bar_widths(bar_chart([("Staff", 100)], title="t", max_value=200))
    (whole,) = bar_widths(bar_chart([("Staff", 200)], title="t", max_value=200))
    assert alone == pytest.approx(whole / 2, abs=0.01)


def test_values_are_written_with_thousands_separators_and_the_unit():
    markup = bar_chart([("Staff", Decimal("1234567.5")), ("Travel", 12000)], title="t", unit="EUR")

    assert f"1{NBSP}234{NBSP}567,50{NBSP}EUR" in texts(markup)
    assert f"12{NBSP}000{NBSP}EUR" in texts(markup)


def test_the_number_formatter_knows_decimals_floats_and_signs():
    assert format_number(Decimal("60000")) == f"60{NBSP}000"
    assert format_number(Decimal("2.005")) == "2,01"
    assert format_number(0.1) == "0,10"
    assert format_number(-1234) == f"-1{NBSP}234"
    assert format_number(7, "%") == f"7{NBSP}%"


def test_no_data_or_only_zeros_says_there_is_nothing_to_show():
    nothing = "Nothing to show"
    empty = [
        bar_chart([], title="t", empty_text=nothing),
        bar_chart([("Staff", 0), ("Travel", Decimal("0"))], title="t", empty_text=nothing),
        grouped_bar_chart(["Staff"], [("Approved", [0]), ("Spent", [0])], title="t", empty_text=nothing),
        grouped_bar_chart([], [], title="t", empty_text=nothing),
        share_bar([("Women", 0), ("Others", 0)], title="t", empty_text=nothing),
        share_bar([], title="t", empty_text=nothing),
    ]

    for markup in empty:
        assert texts(markup) == [nothing]
        assert svg_of(markup).getElementsByTagName("rect") == []


def test_grouped_bars_share_one_scale_and_have_a_legend():
    markup = grouped_bar_chart(
        ["Staff", "Travel"],
        [("Approved", [500, 200]), ("Spent", [250, 0])],
        title="Approved and spent",
        unit="EUR",
    )

    bars = bar_widths(markup)[2:]  # after the legend's two swatches
    visible = texts(markup)
    assert "Approved" in visible and "Spent" in visible
    assert "Staff" in visible and "Travel" in visible
    approved_staff, spent_staff, approved_travel, spent_travel = bars
    assert spent_staff == pytest.approx(approved_staff / 2, abs=0.01)
    assert approved_travel == pytest.approx(approved_staff * 2 / 5, abs=0.01)
    assert spent_travel == 0
    assert f"250{NBSP}EUR" in visible


def test_a_series_must_have_one_value_per_category():
    with pytest.raises(ValueError):
        grouped_bar_chart(["Staff", "Travel"], [("Approved", [500])], title="t")


def test_a_share_of_25_and_75_reads_25_and_75_percent():
    markup = share_bar([("Women", 25), ("Others", Decimal("75"))], title="Participants")

    women, others = bar_widths(markup)[:2]
    assert others == pytest.approx(women * 3, abs=0.01)
    visible = texts(markup)
    assert f"25{NBSP}%" in visible and f"75{NBSP}%" in visible
    assert f"Women — 25{NBSP}%" in visible and f"Others — 75{NBSP}%" in visible


def test_shown_percentages_always_add_up_to_one_hundred():
    assert whole_percentages([1, 1, 1]) == [34, 33, 33]
    assert whole_percentages([Decimal("2"), Decimal("1")]) == [67, 33]
    assert whole_percentages([0, 0]) == [0, 0]
    assert sum(whole_percentages([3, 7, 11, 13, 17])) == 100

    markup = share_bar([("Women", 1), ("Youth", 1), ("Others", 1)], title="t")
    assert f"Women — 34{NBSP}%" in texts(markup)


def test_a_negative_share_is_refused():
    with pytest.raises(ValueError):
        share_bar([("Women", -1), ("Others", 3)], title="t")


def test_a_long_label_is_shortened_but_kept_whole_in_its_tooltip():
    label = "Жобаны іске асыруға тартылған қызметкерлердің еңбекақысы және әлеуметтік салықтар"
    markup = bar_chart([(label, 10)], title="t")

    shown = texts(markup)[0]
    assert shown.endswith("…") and len(shown) < len(label)
    tooltips = [node.firstChild.data for node in svg_of(markup).getElementsByTagName("title")]
    assert label in tooltips
