"""Count the database queries each benchmarked URL makes (run by bench/run.py).

Uses Django's test client in this process against the benchmark database,
with the same settings as the benchmark server; prints one JSON object
{url: queries} on its last line.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... .venv/bin/python bench/queries.py URL...
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def count(client: Client, url: str) -> int:
    client.get(url)  # the first request may fill per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    return len(captured)


def main(urls: list[str]) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    print(json.dumps({url: count(client, url) for url in urls}))


if __name__ == "__main__":
    main(sys.argv[1:])
