"""Facet counts and money totals from an in-memory copy of the facet tables, kept per process.

Why: a search shows, beside its page of rows, the number of matches, every
facet's counts and the money totals. In SQL that is one GROUP BY per facet
over every match (`facets.py`), and a common word matches a third of the
database: 0.2–2.7 s at 100,000 projects. Here the facet tables are held as
numpy arrays, one row per (project, value), indexed by project id; a set of
projects is a boolean array, and a facet's counts are one `bincount` over
the rows whose project is in the set — about a millisecond per facet.

The copy follows the data: every save and deletion of projects is numbered
in commit order (`changes.py`), and the copy's version is the latest number.
When it moves, the projects changed since are read again and patched in (a
deleted one is dropped); above `PATCH_MAX` of them the copy is read whole.
The SQL in `facets.py` stays the reference: the tests compare both.

Money is summed in integer cents, so totals without a split are exact at
any size; a split by percentages (as d-portal does) is computed in floating
point (15–16 significant digits) and rounded to the cent.
"""

# SQL is assembled from table names and fixed fragments; every value is a %s parameter.
# ruff: noqa: S608

import copy
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.db import connection

from ..changes import changed_since
from ..codelists import sector_category
from .facets import AMOUNT, COUNTRY, MARKER, ORGANISATION, PROJECT, REGION, ROLES, SECTOR, YEAR
from .followed import Followed, Stale, forget, version, version_stamp  # noqa: F401 - forget: the tests'

# Facet selections whose sets are kept (each a boolean array of 1 byte per project).
RECENT_MAX = 16
# A patch of more projects than this reads the whole copy instead.
PATCH_MAX = 5000
# Row tables: name → (SQL of (project_id, value, share) rows, value kind).
TABLES = {
    "country": f"SELECT project_id, code, share FROM {COUNTRY}",
    "region": f"SELECT project_id, code, share FROM {REGION}",
    "sector": f"SELECT project_id, code, share FROM {SECTOR}",
    "funder": f"SELECT project_id, key, 0, name, id FROM {ORGANISATION} WHERE role = '{ROLES['funder']}'",
    "implementer": f"SELECT project_id, key, 0, name, id FROM {ORGANISATION} WHERE role = '{ROLES['implementer']}'",
    "year": f"SELECT project_id, year, 0 FROM {YEAR}",
    "marker": f"SELECT project_id, code, 0 FROM {MARKER}",
    "amount": f"SELECT project_id, kind || ' ' || currency, value FROM {AMOUNT}",
}
# Cents are summed as two exact float sums (bincount is fast, but sums in float64): the low HALF bits of
# each amount, and the rest. Each stays below 2^53 for any realistic count of rows and size of amounts.
HALF = 26


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
    """Rows (project id, value code, share) of one facet table, as parallel arrays.

    Money rows also keep their amount in `cents`; organisation rows their id
    and name, because an organisation key is named by its first row (by id),
    as in SQL.
    """

    values: Values = field(default_factory=Values)
    project: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    value: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    share: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float64))
    cents: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    row_id: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    name: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    name_values: Values = field(default_factory=Values)
    names: dict = field(default_factory=dict)  # value code → organisation name (funders, implementers)
    first: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # the first row of each pair

    def replace(
        self, projects: np.ndarray | None, rows: list[tuple], present: np.ndarray, *, money: bool, named: bool
    ) -> None:
        """Drop the rows of `projects` (None: every row) and append those of `rows` whose project is present.

        A row of a project not (yet) read is left out: it was committed after
        the projects were read, and its change number brings it at the next patch.
        """
        keep = np.zeros(len(self.project), dtype=bool) if projects is None else ~np.isin(self.project, projects)
        affected = set(self.value[~keep].tolist())
        project = np.array([r[0] for r in rows], dtype=np.int64)
        known = project < len(present)
        known[known] = present[project[known]]
        rows = [row for row, ok in zip(rows, known.tolist(), strict=True) if ok]
        codes = np.array([self.values.code(row[1]) for row in rows], dtype=np.int32)
        affected.update(codes.tolist())
        self.project = np.concatenate([self.project[keep], project[known]])
        self.value = np.concatenate([self.value[keep], codes])
        shares = [float(r[2] or 0) for r in rows]
        self.share = np.concatenate([self.share[keep], np.array(shares, dtype=np.float64)])
        if money:
            # SQLite's raw rows hold floats: through their shortest text, so 0.1 stays 10 cents.
            cents = [round(Decimal(r[2] if isinstance(r[2], Decimal) else str(r[2] or 0)) * 100) for r in rows]
            self.cents = np.concatenate([self.cents[keep], np.array(cents, dtype=np.int64)])
        if named:
            names = np.array([self.name_values.code(row[3]) for row in rows], dtype=np.int32)
            self.name = np.concatenate([self.name[keep], names])
            self.row_id = np.concatenate([self.row_id[keep], np.array([r[4] for r in rows], dtype=np.int64)])
            self._rename(np.array(sorted(affected), dtype=np.int32))
        self.first = first_of_pairs(self.project, self.value)

    def _rename(self, codes: np.ndarray) -> None:
        """Name each of these organisation keys after its row with the smallest id."""
        rows = np.flatnonzero(self.rows_with(codes))
        if not len(rows):
            return
        rows = rows[np.lexsort((self.row_id[rows], self.value[rows]))]
        values = self.value[rows]
        heads = rows[np.concatenate([[True], values[1:] != values[:-1]])]
        for row in heads.tolist():
            self.names[int(self.value[row])] = self.name_values.items[self.name[row]]

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
        self.position = None  # the change number read up to (changes.py); None: nothing read yet
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
        self.recent: dict = {}  # the latest facet selections' sets: one search asks for them four times

    def __deepcopy__(self, memo):
        """A copy to patch, without the sets of recent selections (other threads add to them meanwhile)."""
        clone = Snapshot.__new__(Snapshot)
        for name, value in self.__dict__.items():
            setattr(clone, name, {} if name == "recent" else copy.deepcopy(value, memo))
        return clone

    # Reading the database

    def load(self, version: tuple) -> None:
        """Read every project's rows (the first time), or patch in those changed since the last read.

        `version` starts with the latest change number, read before anything
        else: every change up to it is visible to the reads that follow.
        Changes committed meanwhile may be read too; they are read again at
        the next patch, which is harmless.
        """
        with connection.cursor() as cursor:
            if self.position is None:
                changed = None
                cursor.execute(f"SELECT id, status, start_date, budget_value FROM {PROJECT}")
                projects = cursor.fetchall()
            else:
                # Fewer changes than read: the database was restored or replaced under this process.
                changed = changed_since(self.position, limit=PATCH_MAX) if version[0] >= self.position else None
                if changed is None:
                    raise Stale  # reading everything is faster, or the only way
                projects = self._projects(cursor, changed)
            self._grow(_largest(projects, changed))
            if changed:
                gone = np.array(changed, dtype=np.int64)  # deleted unless read again below
                self.present[gone], self.status[gone], self.newest[gone], self.budget[gone] = False, -1, NO_DATE, np.inf
            ids = np.array([row[0] for row in projects], dtype=np.int64)
            self.present[ids] = True
            self.status[ids] = [self.statuses.code(row[1]) if row[1] else -1 for row in projects]
            self.newest[ids] = [-_day(row[2]) if row[2] else NO_DATE for row in projects]
            self.budget[ids] = [-float(row[3]) if row[3] is not None else np.inf for row in projects]
            if changed is None or changed:
                within = None if changed is None else np.array(changed, dtype=np.int64)
                for name, sql in TABLES.items():
                    rows = self._rows(cursor, name, sql, within)
                    self.tables[name].replace(within, rows, self.present, money=name == "amount", named=name in ROLES)
        sectors = self.tables["sector"]
        by_code = np.array(
            [self.categories.code(sector_category(code) or "") for code in sectors.values.items] or [0], dtype=np.int32
        )
        self.category = by_code[sectors.value]
        self.category_first = first_of_pairs(sectors.project, self.category)
        self.recent = {}
        self.position = version[0]
        self.version = version

    @staticmethod
    def _projects(cursor, ids: list[int]) -> list[tuple]:
        rows = []
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            cursor.execute(
                f"SELECT id, status, start_date, budget_value FROM {PROJECT} "
                f"WHERE id IN ({','.join(['%s'] * len(part))})",
                part,
            )
            rows += cursor.fetchall()
        return rows

    @staticmethod
    def _rows(cursor, name: str, sql: str, changed) -> list[tuple]:
        """A table's rows: all of them, or those of the changed projects."""
        if changed is None:
            cursor.execute(sql)
            return cursor.fetchall()
        rows = []
        joiner = " AND" if " WHERE " in sql else " WHERE"
        for start in range(0, len(changed), 500):
            part = changed[start : start + 500].tolist()
            cursor.execute(f"{sql}{joiner} project_id IN ({','.join(['%s'] * len(part))})", part)
            rows += cursor.fetchall()
        return rows

    def _grow(self, largest_id: int) -> None:
        if largest_id + 1 <= self.size:
            return
        size = max(largest_id + 1, self.size * 2)
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

        key = tuple((name, getattr(filters, name)) for name in FILTER_NAMES if getattr(filters, name))
        found = self.recent.get(key)
        if found is None:
            if len(self.recent) >= RECENT_MAX:
                self.recent.clear()
            found = self.recent[key] = {name: self.selected(name, values) for name, values in key}
        return found

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
        codes, cents = amounts.value[rows], amounts.cents[rows]
        size = len(amounts.values.items)
        factor = self._fraction(filters)
        if factor is None:  # exact: the low and high bits summed apart, each sum exact in float64
            low = np.bincount(codes, weights=cents & ((1 << HALF) - 1), minlength=size)
            high = np.bincount(codes, weights=cents >> HALF, minlength=size)
            sums = [(round(h) << HALF) + round(lo) for h, lo in zip(high.tolist(), low.tolist(), strict=True)]
        else:
            split = np.bincount(codes, weights=cents * factor[amounts.project[rows]], minlength=size)
            sums = [round(value) for value in split.tolist()]
        present = np.bincount(codes, minlength=size)
        result = []
        for i, label in enumerate(amounts.values.items):
            if present[i]:
                kind, currency = label.split(" ", 1)
                result.append((kind, currency, Decimal(sums[i]) / 100))
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


def _largest(projects: list[tuple], changed: list[int] | None) -> int:
    """The largest project id read or changed: the arrays must reach it."""
    return max([0, *(row[0] for row in projects), *(changed or [])])


def _day(value) -> int:
    if isinstance(value, str):  # SQLite returns dates as text in raw queries
        value = datetime.date.fromisoformat(value[:10])
    return value.toordinal()


copies = Followed(Snapshot, copy.deepcopy)  # patched as a deep copy: the arrays are edited in place


def current(at: tuple | None = None) -> Snapshot:
    """This process's copy of the facet tables, brought up to date with the database (or at version `at`)."""
    return copies.current(at)


def stamp() -> str:
    """The version of the projects as text, for cache keys."""
    return version_stamp(version())
