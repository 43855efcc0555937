"""Benchmark of the project database with 100,000 generated projects (issue 6), on PostgreSQL and SQLite.

    .venv/bin/python bench/projects.py                  # both databases, about 25 minutes here
    BENCH_PROJECTS=20000 .venv/bin/python bench/projects.py --backend sqlite   # a quick look

For each database, in scratch databases only (PostgreSQL `ecodialogue_bench_projects`,
dropped and recreated; SQLite in a temporary folder):

1. import: an IATI 2.03 file of 20,000 generated activities (written once by
   `iati_export.write_activities`) imported by `imports.import_path` into an
   empty database — budget ≥ 1,000 activities/s on PostgreSQL;
2. load: 100,000 generated projects (`projects_generate.py`) saved through
   `services.projects_save` in batches of 500 — the loading rate, no budget;
3. search: 50 queries per class — single common words (in 15–45 % of the
   projects), rare words (≤ 0.3 %), two-word queries, faceted queries — in
   kk, ru and en, each timed twice in this process: `selectors.project_search`
   (page 1 with facets and totals, what the page does) and the bare ranked
   page of ids (`search.ranked` + the count). The cache is cleared before
   each query, so nothing is served from a previous one. Budget p95 < 50 ms
   for the four classes; more classes (very common words, no query, facets
   only, identifiers) are measured for information;
4. export: the first 10,000 projects of `selectors.projects_for_export`
   written by `iati_export.write_activities` — budget < 15 s; the file is
   then validated against the schema (not timed).

Each step runs in its own process (`projects.py worker ...`); this one prints
the figures with their budgets and writes them to bench/results/projects.json.
The page throughput (search page against the reference list, wrk) is measured
by bench/run.py. Only 127.0.0.1 is contacted. Environment: BENCH_POSTGRES
(server URL, default postgres://postgres@127.0.0.1:5432), BENCH_PROJECTS
(default 100000), BENCH_IMPORT (default 20000), BENCH_EXPORT (default 10000), BENCH_QUERIES (per class,
default 50).
"""

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
DATABASE = "ecodialogue_bench_projects"
IMPORT_DATABASE = "ecodialogue_bench_projects_import"  # dropped after the import
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
PROJECTS = int(os.environ.get("BENCH_PROJECTS", "100000"))
IMPORT = int(os.environ.get("BENCH_IMPORT", "20000"))
EXPORT = int(os.environ.get("BENCH_EXPORT", "10000"))
# The import file's activities are numbered after the loaded ones: other identifiers, other texts.
IMPORT_START = 5_000_000

SEARCH_P95_MS = 50.0
IMPORT_PER_S = 1000.0
EXPORT_S = 15.0
BUDGETED = ("common word", "rare word", "two words", "faceted")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- The orchestrating process ------------------------------------------------


def recreate_postgres(name: str) -> str:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{POSTGRES}/{name}"


def drop_postgres(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def worker(step: str, database_url: str, *args: str) -> dict:
    """Run one step in a fresh process on `database_url`; its JSON result (its last stdout line)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "ROOT_URLCONF"}}
    env |= {"BENCH_DATABASE_URL": database_url, "DEBUG": "0", "DJANGO_ENV": "development"}
    command = [PY, str(Path(__file__).resolve()), "worker", step, *args]
    done = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, timeout=7200)
    if done.returncode:
        raise SystemExit(f"step {step} failed ({done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_backend(backend: str, xml_path: Path, scratch: Path, *, steps: set[str], keep: bool) -> dict:
    """The import into an empty database, then load + search + export in another (kept with --keep)."""
    figures = {}
    if "import" in steps:
        log(f"[{backend}] import of {IMPORT} activities into an empty database")
        if backend == "postgresql":
            url = recreate_postgres(IMPORT_DATABASE)
        else:
            (scratch / "import.sqlite3").unlink(missing_ok=True)
            url = f"sqlite:///{scratch / 'import.sqlite3'}"
        figures["import"] = worker("import", url, str(xml_path))
        if backend == "postgresql":
            drop_postgres(IMPORT_DATABASE)
    if "measure" in steps:
        log(f"[{backend}] load {PROJECTS} projects, search, export")
        if backend == "postgresql":
            url = f"{POSTGRES}/{DATABASE}" if keep else recreate_postgres(DATABASE)
            if keep:
                ensure_postgres(DATABASE)
        else:
            path = scratch / f"projects-{PROJECTS}.sqlite3"
            if not keep:
                path.unlink(missing_ok=True)
            url = f"sqlite:///{path}"
        figures |= worker("measure", url)
    return figures


def ensure_postgres(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def machine() -> dict:
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    info = {
        "nproc": os.cpu_count(),
        "cpu": cpu.group(1) if cpu else platform.processor(),
        "python": platform.python_version(),
    }
    try:
        import psycopg

        with psycopg.connect(f"{POSTGRES}/postgres") as conn:
            info["postgresql"] = conn.execute("SHOW server_version").fetchone()[0]
    except Exception as error:  # noqa: BLE001 - a missing server only skips the PostgreSQL figures
        info["postgresql"] = f"unavailable: {error}"
    import sqlite3

    info["sqlite"] = sqlite3.sqlite_version
    info["load_average"] = [round(x, 1) for x in os.getloadavg()]
    return info


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=("postgresql", "sqlite"), action="append")
    parser.add_argument("--steps", default="import,measure", help="import, measure, or both (comma-separated)")
    parser.add_argument(
        "--keep",
        metavar="DIR",
        help="keep the loaded databases (SQLite files in DIR, PostgreSQL not dropped) and reuse them when they "
        "already hold BENCH_PROJECTS projects: for looking at the search again without loading again",
    )
    args = parser.parse_args()
    backends = args.backend or ["postgresql", "sqlite"]
    steps = set(args.steps.split(","))
    started = datetime.datetime.now(datetime.UTC)
    results = {
        "date": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "projects": PROJECTS,
        "backends": {},
    }
    with tempfile.TemporaryDirectory(prefix="ecodialogue-bench-projects-") as folder:
        scratch = Path(args.keep or folder)
        scratch.mkdir(parents=True, exist_ok=True)
        xml_path = scratch / f"activities-{IMPORT}.xml"
        if "import" in steps:
            log(f"Writing {IMPORT} generated activities to an IATI file")
            (scratch / "xml.sqlite3").unlink(missing_ok=True)
            results["import_file"] = worker("xml", f"sqlite:///{scratch / 'xml.sqlite3'}", str(xml_path))
        for backend in backends:
            results["backends"][backend] = run_backend(backend, xml_path, scratch, steps=steps, keep=bool(args.keep))
            save(results)  # after each database: a failure later keeps what was measured
    report(results)
    log(f"\nRaw results: {RESULTS / 'projects.json'}")


def save(results: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "projects.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def report(results: dict) -> None:
    out = print
    info = results["machine"]
    out(f"Project database, {results['projects']:,} projects; {info['nproc']} × {info['cpu']}, "
        f"PostgreSQL {info['postgresql']}, SQLite {info['sqlite']}; load average {info['load_average']}")  # fmt: skip
    if "import_file" in results:
        file = results["import_file"]
        out(f"Import file: {file['activities']:,} activities, {file['megabytes']} MB, written in {file['seconds']} s")
    for backend, figures in results["backends"].items():
        out(f"\n== {backend} ==")
        if "import" in figures:
            imported = figures["import"]
            ok = imported["per_s"] >= IMPORT_PER_S
            budget = f"budget ≥ {IMPORT_PER_S:,.0f}/s: {verdict(ok)}" if backend == "postgresql" else "(no budget)"
            out(f"import_path: {imported['activities']:,} activities in {imported['seconds']} s = "
                f"{imported['per_s']:,.0f}/s ({imported['outcomes']}; this process's CPU {imported['cpu_s']} s) "
                f"{budget}")  # fmt: skip
        if "search" not in figures:
            continue
        loaded = figures["load"]
        if not loaded.get("reused"):
            out(f"load through projects_save (batches of 500): {loaded['records']:,} in {loaded['save_s']} s = "
                f"{loaded['save_per_s']:,.0f}/s (this process's CPU {loaded['save_cpu_s']} s; "
                f"generating the records {loaded['generate_s']} s, not counted)")  # fmt: skip
        out(f"{'search class':18} {'n':>3} {'matches (median)':>17} │ {'project_search ms':^24} │ "
            f"{'ranked ids + count ms':^24} │ p95 < {SEARCH_P95_MS:.0f} ms")  # fmt: skip
        out(f"{'':18} {'':>3} {'':>17} │ {'p50':>8}{'p95':>8}{'max':>8} │ {'p50':>8}{'p95':>8}{'max':>8} │")
        for name, row in figures["search"].items():
            page, bare = row["project_search_ms"], row["ranked_ms"]
            mark = "(information)"
            if name in BUDGETED:
                mark = f"{verdict(page['p95'] < SEARCH_P95_MS)} page, {verdict(bare['p95'] < SEARCH_P95_MS)} ranked"
            out(f"{name:18} {row['queries']:>3} {row['matches_median']:>8,} ({row['matches_share_median']:>6.1%}) │ "
                f"{page['p50']:>8.1f}{page['p95']:>8.1f}{page['max']:>8.1f} │ "
                f"{bare['p50']:>8.1f}{bare['p95']:>8.1f}{bare['max']:>8.1f} │ {mark}")  # fmt: skip
        out(
            "slowest project_search queries: " + "; ".join(f"{s['query']} {s['ms']:.0f} ms" for s in figures["slowest"])
        )
        snap = figures.get("snapshot")
        if snap:
            out(f"facet copy: read whole in {snap['build_s']} s ({snap['arrays_mb']} MB of arrays), "
                f"patched after an edit in {' and '.join(f'{ms} ms' for ms in snap['patch_ms'])}")  # fmt: skip
            words = snap.get("words")
            if words:
                out(f"words in memory: read whole in {words['build_s']} s ({words['arrays_mb']} MB of arrays, "
                    f"{words['words']:,} lexemes; peak memory of the process grew {words['peak_rss_growth_mb']} MB), "
                    f"patched after an edit in {' and '.join(f'{ms} ms' for ms in words['patch_ms'])}")  # fmt: skip
        exported = figures["export"]
        out(f"export: {exported['activities']:,} activities in {exported['seconds']} s "
            f"({exported['megabytes']} MB; schema: {exported['schema']}) budget < {EXPORT_S:.0f} s: "
            f"{verdict(exported['seconds'] < EXPORT_S)}")  # fmt: skip


# --- The worker processes ------------------------------------------------------


def setup():
    sys.path.insert(0, str(ROOT / "bench"))
    import django
    import standalone  # noqa: F401 - sets the environment before Django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def step_xml(path: str) -> dict:
    """Write the import file from generated records (no database needed: the records go straight to XML)."""
    from types import SimpleNamespace

    from projects_generate import Generator

    from ecodialogue.projectdb.iati_export import write_activities
    from ecodialogue.projectdb.records import normalised

    generator = Generator()
    projects = (SimpleNamespace(record=normalised(r)) for r in generator.records(IMPORT, IMPORT_START))
    started = time.perf_counter()
    with open(path, "wb") as out:
        count = write_activities(projects, out)
    seconds = round(time.perf_counter() - started, 1)
    return {"activities": count, "megabytes": round(Path(path).stat().st_size / 1e6, 1), "seconds": seconds}


def step_import(path: str) -> dict:
    from ecodialogue.projectdb import imports

    started, cpu = time.perf_counter(), time.process_time()
    run = imports.import_path(path)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    outcomes = {name: getattr(run, name) for name in ("created", "updated", "unchanged", "skipped", "invalid")}
    count = sum(outcomes.values())
    return {
        "activities": count,
        "seconds": round(seconds, 2),
        "per_s": round(count / seconds, 1),
        "cpu_s": round(cpu, 2),
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "outcomes": ", ".join(f"{k} {v}" for k, v in outcomes.items() if v),
        "error": getattr(run, "error", ""),
    }


def step_measure() -> dict:
    from django.db import connection
    from projects_generate import load
    from projects_queries import measure_search

    def progress(done: int, seconds: float) -> None:
        if done % 20000 == 0:
            log(f"  {done:,} saved, {done / seconds:,.0f}/s")

    from ecodialogue.projectdb.models import Project

    present = Project.objects.count()
    if present == PROJECTS:
        log(f"  {present:,} projects already loaded (--keep): not loading again")
        loaded = {"reused": True}
    else:
        if present:
            raise SystemExit(f"the database holds {present} projects, not {PROJECTS}: remove it or drop --keep")
        loaded = load(PROJECTS, progress=progress)
        loaded["load_average"] = [round(x, 1) for x in os.getloadavg()]
    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum gathers them soon after a bulk load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    snapshot = measure_snapshot()
    search, slowest = measure_search(PROJECTS)
    return {"load": loaded, "snapshot": snapshot, "search": search, "slowest": slowest, "export": measure_export()}


def measure_snapshot() -> dict:
    """The search's in-memory copy of the facet tables: read whole (a new process), then patched after an edit.

    The edit re-saves one project with another title, then its original record: the database is left as it was.
    """
    from ecodialogue.projectdb.models import Project
    from ecodialogue.projectdb.search import facet_snapshot
    from ecodialogue.projectdb.services import projects_save

    facet_snapshot.forget()
    started = time.perf_counter()
    snapshot = facet_snapshot.current()
    build_s = time.perf_counter() - started
    arrays = sum(a.nbytes for t in snapshot.tables.values() for a in (t.project, t.value, t.share, t.first))
    words = measure_word_index()
    project = Project.objects.order_by("id")[Project.objects.count() // 2]
    original = project.record
    edited = dict(original, title={**original["title"], "en": original["title"].get("en", "") + " (edited)"})
    patches = []
    word_patches = []
    for record in (edited, original):
        projects_save(records=[record], source=Project.Source.IATI, source_name="bench-edit.xml")
        started = time.perf_counter()
        facet_snapshot.current()
        patches.append((time.perf_counter() - started) * 1000)
        if words:
            from ecodialogue.projectdb.search import word_index

            started = time.perf_counter()
            word_index.current()
            word_patches.append(round((time.perf_counter() - started) * 1000, 1))
    return {
        "build_s": round(build_s, 2),
        "arrays_mb": round(arrays / 1e6, 1),
        "patch_ms": [round(ms, 1) for ms in patches],
        "words": words | {"patch_ms": word_patches} if words else None,
    }


def measure_word_index() -> dict | None:
    """PostgreSQL's words in memory (search/word_index.py): read whole, its size and the peak memory of reading."""
    import resource

    from ecodialogue.projectdb.search import word_index

    if not word_index.enabled():
        return None
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    index = word_index.current()
    build_s = time.perf_counter() - started
    arrays = sum(p.ids.nbytes + p.offsets.nbytes for p in index.columns.values())
    return {
        "build_s": round(build_s, 2),
        "arrays_mb": round(arrays / 1e6, 1),
        "words": len(index.words),
        "peak_rss_growth_mb": round((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024, 1),
    }


def measure_export() -> dict:
    from itertools import islice

    from ecodialogue.projectdb.iati_export import validate, write_activities
    from ecodialogue.projectdb.selectors import parse_filters, projects_for_export

    path = Path(tempfile.mkdtemp(prefix="ecodialogue-bench-export-")) / "export.xml"
    started = time.perf_counter()
    with path.open("wb") as out:
        count = write_activities(islice(projects_for_export(parse_filters({})), EXPORT), out)
    seconds = time.perf_counter() - started
    problems = validate(str(path))
    return {
        "activities": count,
        "seconds": round(seconds, 2),
        "megabytes": round(path.stat().st_size / 1e6, 1),
        "schema": "valid" if not problems else f"{len(problems)} errors, first: {problems[0]}",
    }


def worker_main(step: str, args: list[str]) -> None:
    setup()
    result = {"xml": step_xml, "import": step_import, "measure": step_measure}[step](*args)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "worker":
        worker_main(sys.argv[2], sys.argv[3:])
    else:
        main()
