"""What the one-process benchmarks (applications.py, evaluation.py) share: a throw-away database, a timer.

Importing this module sets the environment before Django loads: SQLite in a temporary folder (or
BENCH_DATABASE_URL), uploads there too, e-mails kept in memory, tasks not run.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="ecodialogue-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecodialogue.settings")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{TMP / 'bench.sqlite3'}")
os.environ["MEDIA_ROOT"] = str(TMP / "media")
os.environ["PRIVATE_MEDIA_ROOT"] = str(TMP / "private")
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"


def median_seconds(function, runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def fresh_database() -> str:
    """Migrate an empty database and load the demo; return the database's vendor."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    return connection.vendor
