"""Benchmark of the organisations directory against the two reference views (`make bench`).

    .venv/bin/python bench/run.py

1. (Re)creates the PostgreSQL database `ecodialogue_bench`, migrates it, loads
   KATO (the full file if present, timing it against the 30 s budget), the demo
   data, 5,000 generated organisations (bench/populate.py) and 100,000
   generated projects (bench/projects_generate.py), and collects the static files.
2. Serves the platform with gunicorn as in production (4 sync workers,
   DJANGO_ENV=production, DEBUG off, cached templates, CONN_MAX_AGE=60) with
   bench.settings, which adds /bench/trivial and /bench/reference-list.
3. Measures every URL with wrk in the same run, and prints throughput ratios
   against the reference list, p50/p99 latencies, database queries per page
   and the compressed page weight, each with its budget (quality.md).
4. Stops gunicorn and writes the raw figures to bench/results/latest.json.

Only 127.0.0.1 is contacted. Environment: BENCH_POSTGRES (server URL, default
postgres://postgres@127.0.0.1:5432), BENCH_DURATION (wrk duration, default 10s),
BENCH_ORGANISATIONS (default 5000), BENCH_PROJECTS (default 100000), KATO_CSV (default ../shared/data/kato/kato.csv).
"""

import datetime
import gzip
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
DATABASE = "ecodialogue_bench"
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DATABASE_URL = f"{POSTGRES}/{DATABASE}"
DURATION = os.environ.get("BENCH_DURATION", "10s")
ORGANISATIONS = int(os.environ.get("BENCH_ORGANISATIONS", "5000"))
PROJECTS = int(os.environ.get("BENCH_PROJECTS", "100000"))
KATO_CSV = Path(os.environ.get("KATO_CSV", ROOT.parent / "shared" / "data" / "kato" / "kato.csv"))

# Budgets from docs/quality.md (the brief's quality document).
MIN_RATIO = 0.5  # of the reference list's throughput, public list and detail pages
MAX_P99_MS = 150.0  # at 16 connections
MAX_QUERIES = 15
MAX_WEIGHT_KB = 150.0  # compressed, HTML + CSS + JS
MAX_KATO_S = 30.0


def log(message: str) -> None:
    print(message, flush=True)


def setup_env() -> dict:
    """Environment of the management commands: development mode (seed_demo refuses production)."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ROOT_URLCONF", "DEBUG", "ECODIALOGUE_TESTING"}
    }
    env |= {"DJANGO_ENV": "development", "DATABASE_URL": DATABASE_URL, "DJANGO_SETTINGS_MODULE": "ecodialogue.settings"}
    return env


def server_env() -> dict:
    """Environment of gunicorn: production mode as deployed, plus the bench URLs."""
    env = setup_env()
    env |= {
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "CONN_MAX_AGE": "60",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "LOG_LEVEL": "WARNING",
    }
    return env


def run_quiet(command: list[str], env: dict) -> subprocess.CompletedProcess:
    """Run a step, keeping its output unless it fails."""
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}")
    return done


def manage(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_quiet([PY, "manage.py", *args], env or setup_env())


def recreate_database() -> None:
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')


def prepare() -> dict:
    log(f"Database {DATABASE}: recreating and migrating")
    recreate_database()
    manage("migrate", "--noinput", "-v0")
    kato = {"file": str(KATO_CSV), "present": KATO_CSV.exists()}
    if KATO_CSV.exists():
        log(f"Loading the full KATO file {KATO_CSV} into the fresh database")
        started = time.monotonic()
        done = manage("load_kato", str(KATO_CSV), "-v0")
        kato["seconds"] = round(time.monotonic() - started, 2)
        kato["output"] = done.stdout.strip()
        found = re.search(r"(\d+) rows in ([\d.]+) s", done.stdout)
        if found:
            kato["rows"], kato["command_seconds"] = int(found.group(1)), float(found.group(2))
        started = time.monotonic()
        manage("load_kato", str(KATO_CSV), "-v0")
        kato["rerun_seconds"] = round(time.monotonic() - started, 2)
    else:
        log(f"KATO file {KATO_CSV} not found: seed_demo loads its small real set of settlements")
    log("Demo data (seed_demo)")
    manage("seed_demo")
    log(f"Generating {ORGANISATIONS} organisations")
    done = run_quiet([PY, "bench/populate.py", str(ORGANISATIONS)], setup_env())
    log("  " + done.stdout.strip().splitlines()[-1])
    log(f"Generating {PROJECTS} projects")
    done = run_quiet([PY, "bench/projects_generate.py", str(PROJECTS)], setup_env())
    log("  " + done.stdout.strip().splitlines()[-1])
    # Planner statistics, as autovacuum would gather them soon after a bulk load in production.
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        conn.execute("ANALYZE")
    log("collectstatic")
    manage("collectstatic", "--noinput", "-v0", env=server_env())
    return kato


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, *, gzip_ok: bool = False, timeout: float = 10) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (127.0.0.1 only)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def start_server(port: int) -> subprocess.Popen:
    RESULTS.mkdir(parents=True, exist_ok=True)
    command = [
        PY, "-m", "gunicorn", "ecodialogue.wsgi:application",
        "--workers", "4", "--worker-class", "sync",
        "--bind", f"127.0.0.1:{port}", "--chdir", str(ROOT),
        "--error-logfile", str(RESULTS / "gunicorn.log"), "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=server_env(), start_new_session=True)
    for _ in range(120):  # at most 30 s
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}; see {RESULTS / 'gunicorn.log'}")
        try:
            if fetch(f"http://127.0.0.1:{port}/healthz", timeout=2)[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.25)
    stop_server(server)
    raise SystemExit("gunicorn did not answer /healthz within 30 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * UNITS_MS[unit]


def wrk(url: str, connections: int, duration: str = DURATION, threads: int = 2) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}", "--timeout", "5s", "--latency", url]
    output = subprocess.run(command, check=True, capture_output=True, text=True, timeout=300).stdout
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
    }
    for percentile in ("50", "75", "90", "99"):
        found = re.search(rf"^\s+{percentile}%\s+(\S+)", output, re.MULTILINE)
        result[f"p{percentile}_ms"] = round(_ms(found.group(1)), 2) if found else None
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non_2xx"] = int(non2xx.group(1)) if non2xx else 0
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["socket_errors"] = sum(int(g) for g in errors.groups()) if errors else 0
    return result


def page_weight(base: str, path: str) -> dict:
    """Bytes the page and its CSS/JS weigh on the wire when the client accepts gzip.

    `as_served`: what gunicorn sends (whitenoise compresses static files; HTML is
    sent as is, the application has no GZipMiddleware and the proxy in
    docs/operations.md does not compress). `with_gzip`: the same with the HTML
    gzipped (level 6), as a compressing proxy would send it.
    """

    def measure(url: str) -> dict:
        status, headers, body = fetch(url, gzip_ok=True)
        if status != 200:
            raise SystemExit(f"{url}: HTTP {status}")
        if headers.get("Content-Encoding", "") == "gzip":
            raw = gzip.decompress(body)
            return {"url": url.removeprefix(base), "raw": len(raw), "as_served": len(body), "with_gzip": len(body)}
        return {
            "url": url.removeprefix(base),
            "raw": len(body),
            "as_served": len(body),
            "with_gzip": len(gzip.compress(body, 6)),
            "body": body,
        }

    page = measure(base + path)
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', page.pop("body").decode())
    parts = [page] + [measure(base + asset) for asset in dict.fromkeys(assets)]
    for part in parts:
        part.pop("body", None)
    totals = {key: sum(p[key] for p in parts) for key in ("raw", "as_served", "with_gzip")}
    return {"parts": parts, **{f"{key}_kb": round(value / 1024, 1) for key, value in totals.items()}}


def machine() -> dict:
    def run(*command: str) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return ""

    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    memory = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
    versions = run(PY, "-c", "import django, gunicorn; print(django.__version__, gunicorn.__version__)").split()
    with psycopg.connect(f"{POSTGRES}/postgres") as conn:
        postgres = conn.execute("SHOW server_version").fetchone()[0]
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu.group(1) if cpu else platform.processor(),
        "memory_gb": round(int(memory.group(1)) / 1024 / 1024, 1) if memory else None,
        "postgresql": postgres,
        "python": platform.python_version(),
        "django": versions[0] if versions else None,
        "gunicorn": versions[1] if len(versions) > 1 else None,
        "wrk": run("wrk", "--version").splitlines()[0] if run("wrk", "--version") else None,
    }


def sample_organization(base: str) -> int:
    """An organisation from the middle of the directory (with a settlement and themes)."""
    status, _headers, body = fetch(f"{base}/api/v1/organizations?page=120&page_size=1")
    if status != 200:
        raise SystemExit(f"/api/v1/organizations: HTTP {status}")
    return json.loads(body)["results"][0]["id"]


def sample_pilot(base: str) -> int:
    """A funded pilot of the seed call (the demo signs its five agreements)."""
    status, _headers, body = fetch(f"{base}/api/v1/public/calls/ecodialogue-2026/impact")
    if status != 200:
        raise SystemExit(f"/api/v1/public/calls/ecodialogue-2026/impact: HTTP {status}")
    return json.loads(body)["pilots"][0]["id"]


def sample_project() -> int:
    """A generated project from the middle of the table."""
    with psycopg.connect(DATABASE_URL) as conn:
        count = conn.execute("SELECT count(*) FROM projectdb_project").fetchone()[0]
        row = conn.execute("SELECT id FROM projectdb_project ORDER BY id OFFSET %s LIMIT 1", [count // 2]).fetchone()
        return row[0]


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    started = datetime.datetime.now(datetime.UTC)
    info = machine()
    kato = prepare()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log(f"gunicorn on {base} (4 sync workers, production settings)")
    server = start_server(port)
    try:
        org_id = sample_organization(base)
        pilot_id = sample_pilot(base)
        project_id = sample_project()
        search = "/kk/organisations/?" + urllib.parse.urlencode({"q": "қоры", "kind": "ngo"})
        pages = [
            ("organisations list", "/kk/organisations/"),
            ("organisations list, page 50", "/kk/organisations/?page=50"),
            ("organisations search q=қоры&kind=ngo", search),
            ("organisation page", f"/kk/organisations/{org_id}/"),
            ("API organisations list", "/api/v1/organizations"),
            ("calls list", "/kk/calls/"),
            ("call page (seed call)", "/kk/calls/ecodialogue-2026/"),
            ("call impact dashboard (seed call)", "/kk/calls/ecodialogue-2026/impact/"),
            ("public pilot page", f"/kk/pilots/{pilot_id}/"),
            ("projects search q=су (in 29 %)", "/kk/projects/?" + urllib.parse.urlencode({"q": "су"})),
            ("project page", f"/kk/projects/{project_id}/"),
        ]
        references = [("trivial", "/bench/trivial"), ("reference list", "/bench/reference-list")]
        for _name, path in references + pages:
            status, _headers, _body = fetch(base + path)
            if status != 200:
                raise SystemExit(f"{path}: HTTP {status}")
        log("Warming up every worker (2 s per URL)")
        for _name, path in references + pages:
            wrk(base + path, connections=8, duration="2s", threads=1)
        # The reference list is measured before and after the pages; its mean is the denominator.
        plan = [
            ("trivial", "/bench/trivial", 16),
            ("reference list", "/bench/reference-list", 16),
            *[(name, path, 16) for name, path in pages],
            ("reference list (again)", "/bench/reference-list", 16),
            ("trivial", "/bench/trivial", 32),
            ("reference list", "/bench/reference-list", 32),
        ]
        runs = []
        for name, path, connections in plan:
            log(f"wrk -t2 -c{connections} -d{DURATION} --latency {path}")
            runs.append({"name": name, "url": path, "connections": connections, **wrk(base + path, connections)})
        weight = page_weight(base, "/kk/organisations/")
    finally:
        stop_server(server)
    counted = run_quiet(
        [PY, "bench/queries.py", *[p for _n, p in pages], "/api/v1/organizations?page_size=100"], server_env()
    )
    queries = json.loads(counted.stdout.strip().splitlines()[-1])
    report(info, kato, runs, queries, weight, started)


def report(info, kato, runs, queries, weight, started) -> None:
    ref16 = [r["rps"] for r in runs if r["url"] == "/bench/reference-list" and r["connections"] == 16]
    reference = sum(ref16) / len(ref16)
    trivial16 = next(r["rps"] for r in runs if r["url"] == "/bench/trivial" and r["connections"] == 16)
    verdicts = {}
    log("")
    log(
        f"{'view':40} {'conn':>4} {'req/s':>8} {'÷ref':>6} {'÷triv':>6} {'p50 ms':>8} {'p99 ms':>8} {'queries':>7}"
        "  verdict"
    )
    for run in runs:
        run["ratio_reference"] = round(run["rps"] / reference, 3)
        run["ratio_trivial"] = round(run["rps"] / trivial16, 3)
        verdict = ""
        if not run["url"].startswith("/bench/"):
            run["queries"] = queries.get(run["url"])
            ok_ratio = run["ratio_reference"] >= MIN_RATIO
            ok_p99 = run["p99_ms"] is not None and run["p99_ms"] < MAX_P99_MS
            ok_queries = run["queries"] is not None and run["queries"] <= MAX_QUERIES
            ok_errors = run["non_2xx"] == 0 and run["socket_errors"] == 0
            run["pass"] = ok_ratio and ok_p99 and ok_queries and ok_errors
            verdict = (
                "PASS"
                if run["pass"]
                else "MISS: "
                + ", ".join(
                    what
                    for what, ok in (
                        (f"ratio < {MIN_RATIO}", ok_ratio),
                        (f"p99 ≥ {MAX_P99_MS:.0f} ms", ok_p99),
                        (f"> {MAX_QUERIES} queries", ok_queries),
                        ("errors", ok_errors),
                    )
                    if not ok
                )
            )
            verdicts[run["name"]] = run["pass"]
        elif run["non_2xx"] or run["socket_errors"]:
            verdict = f"{run['non_2xx']} non-2xx, {run['socket_errors']} socket errors"
        log(
            f"{run['name']:40} {run['connections']:>4} {run['rps']:>8.0f} {run['ratio_reference']:>6.2f} "
            f"{run['ratio_trivial']:>6.3f} {run['p50_ms']:>8.1f} {run['p99_ms']:>8.1f} "
            f"{run.get('queries', '') if run.get('queries') is not None else '':>7}  {verdict}"
        )
    log(f"(÷ref: against the mean of the two reference-list runs at 16 connections, {reference:.0f} req/s)")
    log("")
    log("Database queries per request: " + ", ".join(f"{url} {n}" for url, n in queries.items()))
    api = [n for url, n in queries.items() if url.startswith("/api/v1/organizations")]
    constant = "constant" if len(set(api)) == 1 else "NOT constant"
    log(f"  API with 20 vs 100 rows per page: {api[0]} vs {api[-1]} queries ({constant})")
    log("")
    weight_ok = weight["as_served_kb"] < MAX_WEIGHT_KB
    log(
        f"Page weight of /kk/organisations/ with its CSS/JS: {weight['as_served_kb']} KB as served "
        f"(HTML not compressed), {weight['with_gzip_kb']} KB with the HTML gzipped, {weight['raw_kb']} KB "
        f"uncompressed (budget < {MAX_WEIGHT_KB:.0f} KB): {'PASS' if weight_ok else 'MISS'}"
    )
    for part in weight["parts"]:
        log(
            f"  {part['url']:52} {part['as_served'] / 1024:6.1f} KB as served, {part['with_gzip'] / 1024:6.1f} KB "
            f"gzipped, {part['raw'] / 1024:6.1f} KB raw"
        )
    if kato.get("present"):
        kato_ok = kato["seconds"] < MAX_KATO_S
        log(
            f"load_kato of the full file ({kato.get('rows')} rows) into a fresh database: {kato['seconds']:.1f} s "
            f"wall, command's own figure {kato.get('command_seconds')} s (budget < {MAX_KATO_S:.0f} s): "
            f"{'PASS' if kato_ok else 'MISS'}; re-run with nothing to change: {kato['rerun_seconds']:.1f} s"
        )
    else:
        kato_ok = None
        log(f"load_kato: {kato['file']} not found, not measured")
    results = {
        "date": started.isoformat(timespec="seconds"),
        "machine": info,
        "organisations": ORGANISATIONS,
        "duration": DURATION,
        "budgets": {
            "min_ratio": MIN_RATIO,
            "max_p99_ms": MAX_P99_MS,
            "max_queries": MAX_QUERIES,
            "max_weight_kb": MAX_WEIGHT_KB,
            "max_kato_s": MAX_KATO_S,
        },  # fmt: skip
        "reference_rps_16": reference,
        "runs": runs,
        "queries": queries,
        "page_weight": weight | {"pass": weight_ok},
        "load_kato": kato | {"pass": kato_ok},
        "verdicts": verdicts,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    (RESULTS / "latest.json").write_text(text)
    (RESULTS / f"run-{started:%Y%m%dT%H%M%S}.json").write_text(text)
    log(f"\nRaw results: {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
