"""A process's in-memory copy of something derived from the projects, kept up to date by the change numbers.

Both copies of the search, the facet tables (`facet_snapshot.py`) and the
words (`word_index.py`), follow the data the same way: their version is the
latest change number (`changes.py`), read once per search; when it moves,
the copy is patched with the projects changed since, as a new object, so
that the requests of other threads go on reading the one they have; when
it cannot be patched (`Stale`), it is read whole.
"""

import hashlib
import threading
from collections.abc import Callable

from django.db import connection

from ..changes import latest_number

_generation = 0


class Stale(Exception):
    """The copy cannot be patched: read it again."""


def forget() -> None:
    """Read every copy again at the next search (tests, whose rolled-back changes reuse the numbers)."""
    global _generation
    _generation += 1


def version() -> tuple:
    """(latest change number, generation, database): one primary-key lookup."""
    return (latest_number(), _generation, connection.settings_dict["NAME"])


def version_stamp(of: tuple) -> str:
    """A version as text, for cache keys."""
    return hashlib.sha256(repr(of).encode()).hexdigest()[:24]


class Followed:
    """The current copy, made by `make()` and loaded by its `load(version)`; `clone(copy)` makes one to patch.

    A copy has `version` (what it was loaded at) and `position` (the change number read up to).
    """

    def __init__(self, make: Callable, clone: Callable):
        self.make, self.clone = make, clone
        self.value = make()
        self.lock = threading.Lock()

    def current(self, at: tuple | None = None):
        """The copy at version `at` (default: the database's now), or newer."""
        at = at or version()
        if self.value.version == at:
            return self.value
        with self.lock:
            value = self.value
            same = value.version is not None and value.version[1:] == at[1:]
            if value.version == at or (same and at[0] <= value.position):
                return value  # another thread read it meanwhile, as new or newer
            fresh = self.clone(value) if same else self.make()
            try:
                fresh.load(at)
            except Stale:
                fresh = self.make()
                fresh.load(at)
            self.value = fresh
            return fresh
