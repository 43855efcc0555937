"""The import reads the next activities in another thread while the database saves: nothing lost, nothing reordered."""

import threading

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from ecodialogue.projectdb.imports import read_ahead


def test_every_item_arrives_in_order():
    assert list(read_ahead(iter(range(1000)), size=7)) == list(range(1000))


def test_what_the_reader_raises_comes_after_the_items_read_before_it():
    def items():
        yield "first"
        yield "second"
        raise ValueError("broken at line 3")

    seen = []
    with pytest.raises(ValueError, match="line 3"):
        for item in read_ahead(items(), size=1):
            seen.append(item)
    assert seen == ["first", "second"]


def test_the_reader_speaks_the_callers_language():
    def items():
        yield _("Project database"), threading.current_thread().name

    with translation.override("ru"):
        ((text, thread),) = list(read_ahead(items(), size=2))
    assert thread == "import-reader"
    assert text == "База данных проектов"


def test_a_consumer_that_stops_early_lets_the_reader_end():
    reader_done = threading.Event()

    def items():
        try:
            yield from range(10_000)
        finally:
            reader_done.set()

    for n in read_ahead(items(), size=2):
        if n == 3:
            break
    assert reader_done.wait(5)
