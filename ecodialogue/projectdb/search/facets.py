"""The SQL behind `selectors.py`: id sets of filters, facet counts, money totals and statistics.

An id set is SQL selecting `id` from the most selective piece (the search's
matches, else a facet table), the other pieces as `id IN (…)`; None means
every project. The facet tables are read through their (code, project)
indexes; the wide project table only for status and sorting. Each facet's
counts, the totals and each statistic are one GROUP BY statement.
"""

# SQL is assembled from table names and fixed fragments; every value is a %s parameter.
# ruff: noqa: S608

from django.db import connection

from ..codelists import sector_category
from ..models import (
    Project,
    ProjectAmount,
    ProjectCountry,
    ProjectMarker,
    ProjectOrganisation,
    ProjectRegion,
    ProjectSector,
    ProjectYear,
)

PROJECT = Project._meta.db_table
COUNTRY = ProjectCountry._meta.db_table
REGION = ProjectRegion._meta.db_table
SECTOR = ProjectSector._meta.db_table
ORGANISATION = ProjectOrganisation._meta.db_table
MARKER = ProjectMarker._meta.db_table
YEAR = ProjectYear._meta.db_table
AMOUNT = ProjectAmount._meta.db_table
ROLES = {"funder": "1", "implementer": "4"}
# The order pieces are tried as the driver of an id set: the likely most selective first.
PIECE_ORDER = ("funder", "implementer", "sector", "category", "marker", "region", "country", "status", "year")


def _marks(values) -> str:
    return ",".join(["%s"] * len(values))


def _piece(name: str, values: tuple) -> tuple[str, list]:
    values = [str(v) for v in values] if name != "year" else [int(v) for v in values]
    marks = _marks(values)
    if name == "country":
        return f"SELECT project_id AS id FROM {COUNTRY} WHERE code IN ({marks})", values
    if name == "region":
        return f"SELECT project_id AS id FROM {REGION} WHERE code IN ({marks})", values
    if name == "category":
        return f"SELECT project_id AS id FROM {SECTOR} WHERE category IN ({marks})", values
    if name == "sector":
        return f"SELECT project_id AS id FROM {SECTOR} WHERE code IN ({marks})", values
    if name in ROLES:
        return f"SELECT project_id AS id FROM {ORGANISATION} WHERE role = %s AND key IN ({marks})", [
            ROLES[name],
            *values,
        ]
    if name == "status":
        return f"SELECT id FROM {PROJECT} WHERE status IN ({marks})", values
    if name == "year":
        return f"SELECT project_id AS id FROM {YEAR} WHERE year IN ({marks})", values
    if name == "marker":
        return f"SELECT project_id AS id FROM {MARKER} WHERE code IN ({marks})", values
    raise ValueError(name)


def ids_sql(filters, *, exclude: str = "", with_q: bool = True, organisation_names=None) -> tuple[str, list] | None:
    """SQL of the ids matching the filters (without facet `exclude`); None for every project.

    `organisation_names` replaces the query words by "an organisation of
    this name takes part": the search's answer to a typo.
    """
    from . import matching_sql

    pieces = []
    if organisation_names:
        pieces.append(
            (
                f"SELECT project_id AS id FROM {ORGANISATION} WHERE name IN ({_marks(organisation_names)})",
                list(organisation_names),
            )
        )
    elif with_q and filters.q:
        match = matching_sql(filters.q)
        if match is not None:
            pieces.append(match)
    for name in PIECE_ORDER:
        values = getattr(filters, name)
        if values and name != exclude:
            pieces.append(_piece(name, values))
    if not pieces:
        return None
    (driver, params), rest = pieces[0], pieces[1:]
    if not rest:
        return driver, list(params)
    params = list(params)
    conditions = []
    # SQLite: "+" keeps the other pieces as filters on the driver's rows (each subquery built once); pushed into
    # the FTS5 table as rowid constraints they would each rerun the full-text query.
    column = "+d.id" if connection.vendor == "sqlite" else "d.id"
    for sql, piece_params in rest:
        conditions.append(f"{column} IN ({sql})")
        params += piece_params
    return f"SELECT d.id FROM ({driver}) d WHERE {' AND '.join(conditions)}", params


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def count_sql(base) -> int:
    if base is None:
        return _fetch(f"SELECT COUNT(*) FROM {PROJECT}", [])[0][0]
    sql, params = base
    return _fetch(f"SELECT COUNT(*) FROM ({sql}) c", params)[0][0]


ORDERS = {
    "newest": "start_date DESC NULLS LAST, id",
    "budget": "budget_value DESC NULLS LAST, id",
}


def ordered_ids(base, order: str, *, limit: int | None, offset: int) -> list[int]:
    """Ids of the set in the order of a sort ("newest", "budget"), one page of them (or all: limit None)."""
    sql, params = (
        (f"SELECT id FROM {PROJECT}", [])
        if base is None
        else (
            f"SELECT id FROM {PROJECT} WHERE id IN ({base[0]})",
            list(base[1]),
        )
    )
    sql += f" ORDER BY {ORDERS.get(order, ORDERS['newest'])}"
    if limit is not None:
        sql += " LIMIT %s OFFSET %s"
        params += [limit, offset]
    return [row[0] for row in _fetch(sql, params)]


def _facet_select(name: str, where: str, scan: bool) -> str:
    """One facet's GROUP BY: (facet, value, extra, count), every value as text so the UNION has one type.

    Each project counts once per value (DISTINCT: a project may list two
    sectors of one category). `scan`: the set is a large part of all
    projects, so SQLite reads the facet table's (code, project) index whole
    instead of looking each id up (`+project_id` keeps it off the project_id
    index; it has no statistics to know better).
    """
    column = "+project_id" if scan else "project_id"
    conditions = []
    join = ""
    if where and connection.vendor == "postgresql":
        # A join: PostgreSQL then knows how many ids the set has (for IN it guesses 200, and loops over an index).
        join = f" JOIN {where} m ON m.id = project_id"
    elif where:
        conditions.append(f"{column} IN (SELECT id FROM {where})")

    def counted(value: str, table: str, *extra: str) -> str:
        found = " AND ".join([*conditions, *extra])
        where_clause = f" WHERE {found}" if found else ""
        if connection.vendor == "sqlite":
            # In the index's (value, project) order SQLite counts distinct projects as it reads.
            return f"SELECT '{name}', {value}, '', COUNT(DISTINCT project_id) FROM {table}{where_clause} GROUP BY 2"
        # PostgreSQL sorts for COUNT(DISTINCT); hashing the distinct pairs first is several times faster.
        inner = f"SELECT DISTINCT {value} AS v, project_id FROM {table}{join}{where_clause}"
        return f"SELECT '{name}', v, '', COUNT(*) FROM ({inner}) f_{name} GROUP BY v"

    if name == "country":
        return counted("code", COUNTRY)
    if name == "region":
        return counted("code", REGION)
    if name == "category":
        return counted("category", SECTOR, "category <> ''")
    if name == "sector":
        # Read from the (code, project) index alone; 3-digit codes (vocabulary 2) are categories, left out later.
        return counted("code", SECTOR)
    if name in ROLES:
        # Keys only, from the (role, key, project) index; names are looked up for the values shown.
        return counted("key", ORGANISATION, f"role = '{ROLES[name]}'")
    if name == "year":
        return counted("CAST(year AS varchar(4))", YEAR)
    if name == "marker":
        return counted("code", MARKER)
    if name == "status":
        if where and connection.vendor == "postgresql":
            return (
                f"SELECT 'status', status, '', COUNT(*) FROM {PROJECT} JOIN {where} m ON m.id = {PROJECT}.id "
                "WHERE status <> '' GROUP BY status"
            )
        restriction = f"AND {'+id' if scan else 'id'} IN (SELECT id FROM {where})" if where else ""
        return f"SELECT 'status', status, '', COUNT(*) FROM {PROJECT} WHERE status <> '' {restriction} GROUP BY status"
    raise ValueError(name)


def _scan(size: int | None) -> bool:
    if connection.vendor != "sqlite" or size is None:
        return False
    largest = _fetch(f"SELECT MAX(id) FROM {PROJECT}", [])[0][0] or 0
    return size * 4 > largest


def facet_rows(
    filters,
    *,
    organisation_names=None,
    only=None,
    own_selection: bool = False,
    size: int | None = None,
    keep: int = 50,
):
    """Counts per facet value in one statement: ({facet: {value: count}}, {(facet, key): organisation name}).

    Each facet with a selection is counted over the set without its own
    selection (unless `own_selection`, for the statistics); the others over
    the whole set. Sector values are (code, category). `size`: how many
    projects the whole set has, if known; `keep`: how many funders and
    implementers need a name.
    """
    from ..selectors import FILTER_NAMES

    names = only or FILTER_NAMES
    ctes, params, selects = [], [], []
    sets: dict[str, str] = {}
    scan = _scan(size)

    def id_set(key: str, sql_params) -> str:
        if sql_params is None:
            return ""
        if key not in sets:
            sets[key] = f"s{len(sets)}"
            sql = sql_params[0]
            if connection.vendor == "postgresql":
                sql = f"SELECT DISTINCT id FROM ({sql}) x"  # joined, not IN: each id once
            ctes.append(f"{sets[key]} AS ({sql})")
            params.extend(sql_params[1])
        return sets[key]

    for name in names:
        if getattr(filters, name) and not own_selection:
            where = id_set(name, ids_sql(filters, exclude=name, organisation_names=organisation_names))
        else:
            where = id_set("", ids_sql(filters, organisation_names=organisation_names))
        selects.append(_facet_select(name, where, scan))
    sql = (f"WITH {', '.join(ctes)} " if ctes else "") + " UNION ALL ".join(selects)
    counts: dict[str, dict] = {}
    for facet, value, _extra, count in _fetch(sql, params):
        if facet == "sector":
            category = sector_category(value)
            if category and category != value:
                counts.setdefault(facet, {})[(value, category)] = count
            continue
        key = int(value) if facet == "year" else value
        counts.setdefault(facet, {})[key] = count
    return counts, organisation_names_of(counts, keep=keep, selected=filters)


def organisation_names_of(counts: dict, *, keep: int, selected) -> dict:
    """{(facet, key): name} for the most frequent funders and implementers (and the selected ones)."""
    wanted = []
    for facet, role in ROLES.items():
        ranked = sorted(counts.get(facet, {}).items(), key=lambda item: -item[1])
        keys = [key for key, _n in ranked[:keep]] + [k for k in getattr(selected, facet) if k in counts.get(facet, {})]
        wanted += [(facet, role, key) for key in dict.fromkeys(keys)]
    if not wanted:
        return {}
    found = {}
    for start in range(0, len(wanted), 400):
        part = wanted[start : start + 400]
        condition = " OR ".join(["(role = %s AND key = %s)"] * len(part))
        params = [v for _facet, role, key in part for v in (role, key)]
        rows = _fetch(
            f"SELECT role, key, name FROM {ORGANISATION} WHERE id IN "
            f"(SELECT MIN(id) FROM {ORGANISATION} WHERE {condition} GROUP BY role, key)",
            params,
        )
        roles = {role: facet for facet, role in ROLES.items()}
        found.update({(roles[role], key): name for role, key, name in rows})
    return found


def _fractions(filters) -> tuple[str, list, str]:
    """Joins giving each project's share in the selected geography (g.f) and sectors (s.f), and the factor."""
    joins, params, factor = [], [], ""
    if filters.country or filters.region:
        parts = []
        if filters.country:
            parts.append(f"SELECT project_id, share FROM {COUNTRY} WHERE code IN ({_marks(filters.country)})")
            params += list(filters.country)
        if filters.region:
            parts.append(f"SELECT project_id, share FROM {REGION} WHERE code IN ({_marks(filters.region)})")
            params += list(filters.region)
        joins.append(
            f"JOIN (SELECT project_id, SUM(share) / 100.0 AS f FROM ({' UNION ALL '.join(parts)}) geo "
            "GROUP BY project_id) g ON g.project_id = a.project_id"
        )
        factor += " * g.f"
    if filters.sector or filters.category:
        conditions = []
        if filters.sector:
            conditions.append(f"code IN ({_marks(filters.sector)})")
            params += list(filters.sector)
        if filters.category:
            conditions.append(f"category IN ({_marks(filters.category)})")
            params += list(filters.category)
        joins.append(
            f"JOIN (SELECT project_id, SUM(share) / 100.0 AS f FROM {SECTOR} WHERE {' OR '.join(conditions)} "
            "GROUP BY project_id) s ON s.project_id = a.project_id"
        )
        factor += " * s.f"
    return " ".join(joins), params, factor


def _restricted(base, column: str) -> tuple[str, list]:
    if base is None:
        return "", []
    return f" AND {column} IN ({base[0]})", list(base[1])


def totals_rows(filters, base) -> list[tuple[str, str, object]]:
    """(kind, currency, sum) of the set's money, split by the selected geography's and sectors' shares."""
    joins, params, factor = _fractions(filters)
    restriction, restriction_params = _restricted(base, "a.project_id")
    sql = (
        f"SELECT a.kind, a.currency, SUM(a.value{factor}) FROM {AMOUNT} a {joins} "
        f"WHERE 1 = 1{restriction} GROUP BY a.kind, a.currency"
    )
    return _fetch(sql, params + restriction_params)


def amounts_by(dimension: str, filters, base) -> dict[str, dict[str, object]]:
    """Budgets per currency by country, sector category or funder: {key: {currency: sum}}.

    A country's (or category's) own share splits the money; the other
    dimension's selection splits it as in the totals. A funder gets the whole
    budget of each project it funds: IATI gives no shares between funders.
    """
    selection = filters
    if dimension == "country":
        selection = _without(filters, "country", "region")
        source = f"SELECT project_id, code AS k, share / 100.0 AS f FROM {COUNTRY}"
    elif dimension == "category":
        selection = _without(filters, "sector", "category")
        source = (
            f"SELECT project_id, category AS k, SUM(share) / 100.0 AS f FROM {SECTOR} GROUP BY project_id, category"
        )
    else:
        source = f"SELECT DISTINCT project_id, key AS k, 1 AS f FROM {ORGANISATION} WHERE role = '1'"
    joins, params, factor = _fractions(selection)
    restriction, restriction_params = _restricted(base, "a.project_id")
    sql = (
        f"SELECT x.k, a.currency, SUM(a.value * x.f{factor}) FROM {AMOUNT} a "
        f"JOIN ({source}) x ON x.project_id = a.project_id {joins} "
        f"WHERE a.kind = 'budget'{restriction} GROUP BY x.k, a.currency"
    )
    found: dict[str, dict[str, object]] = {}
    for key, currency, value in _fetch(sql, params + restriction_params):
        found.setdefault(key, {})[currency] = value
    return found


def _without(filters, *names):
    from dataclasses import replace

    return replace(filters, **dict.fromkeys(names, ()))


def budget_by_year(filters, base) -> dict[int, dict[str, object]]:
    """Budgets per currency by the year their period starts (read from the records), split like the totals."""
    joins, params, factor = _fractions(filters)
    restriction, restriction_params = _restricted(base, "a.project_id")
    if connection.vendor == "postgresql":
        budgets = (
            f"SELECT p.id AS project_id, substr(b->>'period_start', 1, 4) AS y, b->>'currency' AS currency, "
            f"(b->>'value')::numeric AS value FROM {PROJECT} p, jsonb_array_elements(p.record->'budgets') b"
        )
    else:
        budgets = (
            f"SELECT p.id AS project_id, substr(json_extract(b.value, '$.period_start'), 1, 4) AS y, "
            f"json_extract(b.value, '$.currency') AS currency, CAST(json_extract(b.value, '$.value') AS REAL) AS value "
            f"FROM {PROJECT} p, json_each(p.record, '$.budgets') b"
        )
    sql = (
        f"SELECT a.y, a.currency, SUM(a.value{factor}) FROM ({budgets}) a {joins} "
        f"WHERE a.y <> ''{restriction} GROUP BY a.y, a.currency"
    )
    found: dict[int, dict[str, object]] = {}
    for year, currency, value in _fetch(sql, params + restriction_params):
        if year and str(year).isdigit():
            found.setdefault(int(year), {})[currency] = value
    return found
