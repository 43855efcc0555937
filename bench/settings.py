"""Settings of the benchmark server: the project's settings plus the two reference views.

gunicorn runs with DJANGO_SETTINGS_MODULE=bench.settings; everything else
(production mode, database, cached template loader) comes from the
environment exactly as in a deployment.
"""

from ecodialogue.settings import *  # noqa: F403
from ecodialogue.settings import BASE_DIR, TEMPLATES

TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
ROOT_URLCONF = "bench.urls"
