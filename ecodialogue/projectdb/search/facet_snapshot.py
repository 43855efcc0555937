"""Facet counts and money totals from an in-memory copy of the facet tables, kept per process.

Why: a search shows, beside its page of rows, the number of matches, every
facet's counts and the money totals. In SQL that is one GROUP BY per facet
over every match (`facets.py`), and a common word matches a third of the
database: 0.2–2.7 s at 100,000 projects. Here the facet tables are held as
numpy arrays, one row per (project, value), indexed by project id; a set of
projects is a boolean array, and a facet's counts are one `bincount` over
the rows whose project is in the set — about a millisecond per facet.

The copy follows the data: its version is the latest `Project.updated_at`
and the largest id. When the version moves, the projects changed since
(with a margin for transactions that committed late) are read again and
patched in; a deletion is noticed by the count and rebuilds the copy
(`forget()` drops it at once in this process: tests, a deleted project).
The SQL in `facets.py` stays the reference: the tests compare both.

Money is summed in integer cents, so totals without a split are exact; a
split by percentages (as d-portal does) is computed in floating point and
rounded to the cent.
"""

# SQL is assembled from table names and fixed fragments; every value is a %s parameter.
# ruff: noqa: S608

import copy
import datetime
import hashlib
import threading
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from ..codelists import sector_category
from .facets import AMOUNT, COUNTRY, MARKER, ORGANISATION, PROJECT, REGION, ROLES, SECTOR, YEAR

# Changes saved up to this long before the latest one seen are read again: a transaction that took its
# `updated_at` earlier may commit after a later one was already seen.
LATE_COMMIT = datetime.timedelta(minutes=2)
# A patch of more projects than this reads the whole copy instead.
PATCH_MAX = 5000
# Row tables: name → (SQL of (project_id, value, share) rows, value kind).
TABLES = {
    "country": f"SELECT project_id, code, share FROM {COUNTRY}",
    "region": f"SELECT project_id, code, share FROM {REGION}",
    "sector": f"SELECT project_id, code, share FROM {SECTOR}",
    "funder": f"SELECT project_id, key, 0, name FROM {ORGANISATION} WHERE role = '{ROLES['funder']}'",
    "implementer": f"SELECT project_id, key, 0, name FROM {ORGANISATION} WHERE role = '{ROLES['implementer']}'",
    "year": f"SELECT project_id, year, 0 FROM {YEAR}",
    "marker": f"SELECT project_id, code, 0 FROM {MARKER}",
    "amount": f"SELECT project_id, kind || ' ' || currency, value FROM {AMOUNT}",
}
ORDERED = {"funder", "implementer"}  # the first row's name (by id) names an organisation key, as in SQL


class Values:
    """A dictionary of one table's values: value ↔ small integer."""

    def __init__(self):
        self.items: list = []
        self.index: dict = {}

    def code(self, value) -> int:
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.items)
            self.items.append(value)
        return found

    def codes(self, values) -> np.ndarray:
        return np.array([self.index[v] for v in values if v in self.index], dtype=np.int32)


@dataclass
class Table:
    """Rows (project id, value code, share) of one facet table, as parallel arrays."""

    values: Values = field(default_factory=Values)
    project: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    value: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    share: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float64))
    names: dict = field(default_factory=dict)  # value code → organisation name (funders, implementers)
    first: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # the first row of each pair

    def replace(self, projects: np.ndarray | None, rows: list[tuple]) -> None:
        """Drop the rows of `projects` (None: every row) and append `rows`."""
        keep = np.zeros(len(self.project), dtype=bool) if projects is None else ~np.isin(self.project, projects)
        codes = [self.values.code(row[1]) for row in rows]
        for row, code in zip(rows, codes, strict=True):
            if len(row) > 3:
                self.names.setdefault(code, row[3])
        self.project = np.concatenate([self.project[keep], np.array([r[0] for r in rows], dtype=np.int64)])
        self.value = np.concatenate([self.value[keep], np.array(codes, dtype=np.int32)])
        self.share = np.concatenate([self.share[keep], np.array([float(r[2] or 0) for r in rows], dtype=np.float64)])
        self.first = first_of_pairs(self.project, self.value)

    def having(self, codes: np.ndarray, size: int) -> np.ndarray:
        """The projects with any of the value codes, as a boolean array."""
        found = np.zeros(size, dtype=bool)
        found[self.project[self.rows_with(codes)]] = True
        return found

    def rows_with(self, codes: np.ndarray) -> np.ndarray:
        """Which rows have one of the value codes: a lookup table, faster than np.isin's sort."""
        return one_of(self.value, codes, len(self.values.items))

    def counts(self, within: np.ndarray) -> np.ndarray:
        """Projects per value code among `within` (each project once per value)."""
        rows = self.first & within[self.project]
        return np.bincount(self.value[rows], minlength=len(self.values.items))


def one_of(values: np.ndarray, codes: np.ndarray, known: int) -> np.ndarray:
    """Which of the values (small integers below `known`) are one of the codes."""
    wanted = np.zeros(max(known, 1), dtype=bool)
    wanted[codes] = True
    return wanted[values]


def first_of_pairs(project: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Which rows are the first of their (project, value) pair: a project counts once per value."""
    first = np.zeros(len(project), dtype=bool)
    if len(project):
        _pairs, index = np.unique(project * (int(value.max()) + 1) + value, return_index=True)
        first[index] = True
    return first


class Snapshot:
    """The facet tables of every project, at one version of the data."""

    def __init__(self):
        self.version = None
        self.latest = None  # the latest updated_at read
        self.stamps: dict = {}  # id → updated_at as read, for the projects saved within LATE_COMMIT of `latest`
        self.size = 1  # arrays by project id: ids 0 … size-1
        self.present = np.zeros(1, dtype=bool)
        self.status = np.full(1, -1, dtype=np.int32)
        self.statuses = Values()
        # The sorts' keys, ascending = the order shown: (-start day or NO_DATE, id) and (-budget or inf, id).
        self.newest = np.full(1, NO_DATE, dtype=np.int64)
        self.budget = np.full(1, np.inf)
        self.tables = {name: Table() for name in TABLES}
        self.category = np.zeros(0, dtype=np.int32)  # per sector row: code of its category in `categories`
        self.categories = Values()
        self.category_first = np.zeros(0, dtype=bool)

    # Reading the database

    def load(self, version, latest_id: int) -> None:
        """Read every project's rows (the first time), or patch in those changed since the last read."""
        since = None if self.latest is None else self.latest - LATE_COMMIT
        self._grow(latest_id)
        with connection.cursor() as cursor:
            where = "" if since is None else " WHERE updated_at >= %s"
            cursor.execute(
                f"SELECT id, status, updated_at, start_date, budget_value FROM {PROJECT}{where}",
                [] if since is None else [since],
            )
            projects = cursor.fetchall()
            if projects:
                self.latest = max([row[2] for row in projects] + ([self.latest] if self.latest else []))
            if since is not None:
                # Within the margin, only the projects saved again since they were read.
                projects = [row for row in projects if self.stamps.get(row[0]) != row[2]]
                if len(projects) > PATCH_MAX:
                    raise Stale  # reading everything is faster
            ids = np.array([row[0] for row in projects], dtype=np.int64)
            self.present[ids] = True
            self.status[ids] = [self.statuses.code(row[1]) if row[1] else -1 for row in projects]
            self.newest[ids] = [-_day(row[3]) if row[3] else NO_DATE for row in projects]
            self.budget[ids] = [-float(row[4]) if row[4] is not None else np.inf for row in projects]
            # The update times within the margin, to tell at the next patch what was saved again.
            if self.latest is not None:  # None: no project yet
                horizon = self.latest - LATE_COMMIT
                self.stamps = {pk: at for pk, at in self.stamps.items() if at >= horizon}
                self.stamps.update((row[0], row[2]) for row in projects if row[2] >= horizon)
            changed = None if since is None else ids
            if changed is None or len(changed):
                for name, sql in TABLES.items():
                    self.tables[name].replace(changed, self._rows(cursor, name, sql, changed))
            if since is not None:
                cursor.execute(f"SELECT COUNT(*) FROM {PROJECT}")
                if cursor.fetchone()[0] != int(self.present.sum()):
                    raise Stale  # a project was deleted: read everything again
        sectors = self.tables["sector"]
        by_code = np.array(
            [self.categories.code(sector_category(code) or "") for code in sectors.values.items] or [0], dtype=np.int32
        )
        self.category = by_code[sectors.value]
        self.category_first = first_of_pairs(sectors.project, self.category)
        self.version = version

    @staticmethod
    def _rows(cursor, name: str, sql: str, changed) -> list[tuple]:
        """A table's rows: all of them, or those of the changed projects."""
        order = " ORDER BY id" if name in ORDERED else ""
        if changed is None:
            cursor.execute(sql + order)
            return cursor.fetchall()
        rows = []
        joiner = " AND" if " WHERE " in sql else " WHERE"
        for start in range(0, len(changed), 500):
            part = changed[start : start + 500].tolist()
            cursor.execute(f"{sql}{joiner} project_id IN ({','.join(['%s'] * len(part))}){order}", part)
            rows += cursor.fetchall()
        return rows

    def _grow(self, latest_id: int) -> None:
        if latest_id + 1 <= self.size:
            return
        size = max(latest_id + 1, self.size * 2)
        self.present = np.concatenate([self.present, np.zeros(size - self.size, dtype=bool)])
        self.status = np.concatenate([self.status, np.full(size - self.size, -1, dtype=np.int32)])
        self.newest = np.concatenate([self.newest, np.full(size - self.size, NO_DATE, dtype=np.int64)])
        self.budget = np.concatenate([self.budget, np.full(size - self.size, np.inf)])
        self.size = size

    # Sets of projects

    def selected(self, name: str, values: tuple) -> np.ndarray:
        """The projects having any of a facet's selected values."""
        if name == "status":
            return one_of(self.status + 1, self.statuses.codes(values) + 1, len(self.statuses.items) + 1)
        if name == "category":
            found = np.zeros(self.size, dtype=bool)
            sectors = self.tables["sector"]
            found[sectors.project[one_of(self.category, self.categories.codes(values), len(self.categories.items))]] = (
                True
            )
            return found
        values = [int(v) for v in values] if name == "year" else [str(v) for v in values]
        return self.tables[name].having(self.tables[name].values.codes(values), self.size)

    def matching(self, filters, matches: np.ndarray | None, *, exclude: str = "", pieces=None) -> np.ndarray:
        """The projects matching the filters (without facet `exclude`); `matches`: the query's, or None."""
        pieces = self.pieces(filters) if pieces is None else pieces
        found = self.present.copy() if matches is None else matches & self.present
        for name, piece in pieces.items():
            if name != exclude:
                found &= piece
        return found

    def pieces(self, filters) -> dict[str, np.ndarray]:
        """{facet: the projects having one of its selected values} for the facets with a selection."""
        from ..selectors import FILTER_NAMES

        return {name: self.selected(name, getattr(filters, name)) for name in FILTER_NAMES if getattr(filters, name)}

    def as_set(self, ids) -> np.ndarray:
        found = np.zeros(self.size, dtype=bool)
        ids = ids if isinstance(ids, np.ndarray) else np.fromiter(ids, dtype=np.int64)
        found[ids[ids < self.size]] = True
        return found

    # What the search shows

    def ordered(self, within: np.ndarray, order: str, *, limit: int | None, offset: int) -> list[int]:
        """As `facets.ordered_ids`: the set's ids newest first (undated last) or by budget, then by id."""
        ids = np.flatnonzero(within)
        keys = (self.budget if order == "budget" else self.newest)[ids]
        ids = ids[np.lexsort((ids, keys))]
        end = None if limit is None else offset + limit
        return ids[offset:end].tolist()

    def facet_counts(self, filters, matches, *, keep: int) -> tuple[dict, dict]:
        """As `facets.facet_rows`: ({facet: {value: count}}, {(facet, key): organisation name})."""
        from ..selectors import FILTER_NAMES

        pieces = self.pieces(filters)
        whole = self.matching(filters, matches, pieces=pieces)
        counts: dict[str, dict] = {}
        for name in FILTER_NAMES:
            within = self.matching(filters, matches, exclude=name, pieces=pieces) if name in pieces else whole
            counts[name] = self._counts(name, within)
        return {k: v for k, v in counts.items() if v}, self._names(counts, keep=keep, selected=filters)

    def _counts(self, name: str, within: np.ndarray) -> dict:
        if name == "status":
            codes = self.status[within]
            numbers = np.bincount(codes[codes >= 0], minlength=len(self.statuses.items))
            return {self.statuses.items[i]: int(n) for i, n in enumerate(numbers) if n}
        if name == "category":
            sectors = self.tables["sector"]
            rows = self.category_first & within[sectors.project]
            numbers = np.bincount(self.category[rows], minlength=len(self.categories.items))
            return {self.categories.items[i]: int(n) for i, n in enumerate(numbers) if n and self.categories.items[i]}
        table = self.tables[name]
        numbers = table.counts(within)
        items = table.values.items
        if name == "sector":
            result = {}
            for i, n in enumerate(numbers):
                category = sector_category(items[i]) if n else None
                if category and category != items[i]:
                    result[(items[i], category)] = int(n)
            return result
        return {items[i]: int(n) for i, n in enumerate(numbers) if n}

    def _names(self, counts: dict, *, keep: int, selected) -> dict:
        found = {}
        for facet in ROLES:
            table = self.tables[facet]
            ranked = sorted(counts.get(facet, {}).items(), key=lambda item: -item[1])
            keys = [key for key, _n in ranked[:keep]] + [
                k for k in getattr(selected, facet) if k in counts.get(facet, {})
            ]
            for key in dict.fromkeys(keys):
                found[(facet, key)] = table.names[table.values.index[key]]
        return found

    def totals(self, filters, matches) -> list[tuple[str, str, object]]:
        """As `facets.totals_rows`: (kind, currency, sum) over the set, split by the selected shares."""
        within = self.matching(filters, matches)
        amounts = self.tables["amount"]
        rows = within[amounts.project]
        weights = np.round(amounts.share[rows] * 100)
        factor = self._fraction(filters)
        if factor is not None:
            weights = weights * factor[amounts.project[rows]]
        sums = np.bincount(amounts.value[rows], weights=weights, minlength=len(amounts.values.items))
        present = np.bincount(amounts.value[rows], minlength=len(amounts.values.items))
        result = []
        for i, label in enumerate(amounts.values.items):
            if present[i]:
                kind, currency = label.split(" ", 1)
                result.append((kind, currency, _cents(sums[i])))
        return result

    def _fraction(self, filters) -> np.ndarray | None:
        """Each project's share in the selected geography times its share in the selected sectors, or None."""
        factor = None
        if filters.country or filters.region:
            geography = np.zeros(self.size)
            for name in ("country", "region"):
                table = self.tables[name]
                rows = table.rows_with(table.values.codes(getattr(filters, name)))
                geography += np.bincount(table.project[rows], weights=table.share[rows], minlength=self.size)
            factor = geography / 100
        if filters.sector or filters.category:
            sectors = self.tables["sector"]
            rows = sectors.rows_with(sectors.values.codes(filters.sector)) | one_of(
                self.category, self.categories.codes(filters.category), len(self.categories.items)
            )
            share = np.bincount(sectors.project[rows], weights=sectors.share[rows], minlength=self.size) / 100
            factor = share if factor is None else factor * share
        return factor


NO_DATE = 1 << 40  # sorts after every -day


def _day(value) -> int:
    if isinstance(value, str):  # SQLite returns dates as text in raw queries
        value = datetime.date.fromisoformat(value[:10])
    return value.toordinal()


def _cents(value: float):
    from decimal import Decimal

    return Decimal(int(round(value))) / 100


class Stale(Exception):
    """The copy cannot be patched: read it again."""


_lock = threading.Lock()
_current = Snapshot()
_generation = 0


def forget() -> None:
    """Read the copy again at the next search (tests; a deleted project)."""
    global _generation
    _generation += 1


def deleted(sender, **kwargs) -> None:
    """A project was deleted (post_delete): this process reads its copy again; others when the data next moves."""
    forget()


def stamp() -> str:
    """The version of the projects as text, for cache keys: the latest update, the largest id, local deletions."""
    return hashlib.sha256(repr(_version()).encode()).hexdigest()[:24]


def _version() -> tuple:
    with connection.cursor() as cursor:
        # Two subqueries: SQLite reads a single MIN/MAX from its index, but scans the table for two.
        cursor.execute(f"SELECT (SELECT MAX(updated_at) FROM {PROJECT}), (SELECT MAX(id) FROM {PROJECT})")
        latest, latest_id = cursor.fetchone()
    return (str(latest), latest_id, _generation, connection.settings_dict["NAME"])


def current() -> Snapshot:
    """This process's copy of the facet tables, brought up to date with the database."""
    global _current
    version = _version()
    latest_id = version[1]
    if _current.version == version:
        return _current
    with _lock:
        if _current.version == version:
            return _current
        # Patched as a copy: requests of other threads go on reading the current one meanwhile.
        same = _current.version and _current.version[2:] == version[2:]
        snapshot = copy.deepcopy(_current) if same else Snapshot()
        try:
            snapshot.load(version, latest_id or 0)
        except Stale:
            snapshot = Snapshot()
            snapshot.load(version, latest_id or 0)
        _current = snapshot
        return snapshot
