"""Settings of the EcoDialogue platform, read from the environment.

One file for every environment: safe local defaults (SQLite under var/,
e-mails written to files, tasks in the database) and production hardening
when DJANGO_ENV=production. docs/operations.md lists every variable.
"""

import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"
# Under pytest: fast hashing, tasks run at once, no rate limits.
TESTING = env.bool("ECODIALOGUE_TESTING", default="pytest" in sys.modules)

DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-used-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default="" if PRODUCTION else DEVELOPMENT_SECRET_KEY)
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY == DEVELOPMENT_SECRET_KEY):
    # Refuse to start: a guessable key lets anyone forge sessions and tokens.
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of 50+ characters in production.")

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
if PRODUCTION:
    DEBUG = False

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="" if PRODUCTION else "http://127.0.0.1:8000").rstrip("/")
if PRODUCTION and not SITE_URL.startswith("https://"):
    # Links in e-mails (invitations, verification) are built from it.
    raise ImproperlyConfigured("SITE_URL must be set to the platform's https:// address in production.")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "ecodialogue.core",
    "ecodialogue.accounts",
    "ecodialogue.organizations",
    "ecodialogue.grants",
    "ecodialogue.implementation",
    "ecodialogue.projectdb",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "ecodialogue.core.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "ecodialogue.accounts.middleware.StaffTwoFactorMiddleware",
    # axes last, as its documentation asks: it turns lock-outs into responses.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ecodialogue.urls"
WSGI_APPLICATION = "ecodialogue.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ecodialogue.core.context_processors.site",
            ],
        },
    },
]
if not DEBUG:
    # The cached loader is the default without DEBUG; spelled out because the
    # benchmarks depend on it.
    TEMPLATES[0]["APP_DIRS"] = False
    TEMPLATES[0]["OPTIONS"]["loaders"] = [
        (
            "django.template.loaders.cached.Loader",
            ["django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader"],
        )
    ]

# --- Database ---------------------------------------------------------------
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'ecodialogue.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; IMMEDIATE transactions
    # avoid "database is locked" upgrades under concurrent writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://ecodialogue")}

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # axes first: it refuses locked-out credentials before any check.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "organizations:mine"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "ecodialogue.accounts.forms.SignupExtraForm"
ACCOUNT_ADAPTER = "ecodialogue.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[EcoDialogue] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_RATE_LIMITS = False if TESTING else {}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "EcoDialogue"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "ecodialogue.accounts.client_ip.lockout_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# Behind a reverse proxy every request comes from the proxy's address; count
# the proxies so lock-outs hit the client, not everyone (accounts/client_ip.py).
BEHIND_PROXY = PRODUCTION and env.bool("BEHIND_PROXY", default=True)
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if BEHIND_PROXY else 0)
AXES_CLIENT_IP_CALLABLE = "ecodialogue.accounts.client_ip.client_ip"
AXES_VERBOSE = False

# --- Languages and time -----------------------------------------------------
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "thirdparty"]
USE_I18N = True
TIME_ZONE = "Asia/Almaty"
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "kk"
MODELTRANSLATION_LANGUAGES = ("kk", "ru", "en")
# A missing translation falls back to the language people most likely wrote in.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("kk", "ru", "en"),
    "kk": ("ru", "en"),
    "ru": ("kk", "en"),
    "en": ("ru", "kk"),
}
LANGUAGE_COOKIE_NAME = "ecodialogue_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and uploaded files ----------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Public files (logos) are served under MEDIA_URL; private files (certificates)
# live in PRIVATE_MEDIA_ROOT and only go out through permission-checked views.
MEDIA_URL = "/media/"
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
MAX_LOGO_BYTES = env.int("MAX_LOGO_BYTES", default=2 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Maps -------------------------------------------------------------------
# Tiles under the pilot projects' markers, fetched by the reader's browser from
# this server ({z}/{x}/{y} template). Empty: markers on a blank map, and no
# request leaves the site. The attribution is plain text, never HTML.
# IATI: the reporting organisation's identifier for a grant-maker without a Kazakh BIN (KZ-BIN-… otherwise),
# e.g. its identifier in its own country's register ("DE-CR-…"). Empty: a platform-local "ECODIALOGUE-ORG-<id>".
IATI_REPORTING_ORG_REF = env.str("IATI_REPORTING_ORG_REF", default="").strip()

# --- Project database -----------------------------------------------------------
# Where `make run` (seed_demo) finds real IATI sample files to import; empty: ../shared/data/iati beside the checkout.
PROJECTDB_SAMPLES_DIR = env.str("PROJECTDB_SAMPLES_DIR", default="") or None
# The largest IATI or spreadsheet file an import reads (bytes); a larger one is refused whole.
PROJECTDB_IMPORT_MAX_BYTES = env.int("PROJECTDB_IMPORT_MAX_BYTES", default=200 * 1024 * 1024)
# The most projects one download (search page, API) holds: a larger export would outlast the web server's timeout
# (about 2,000 projects a second). `manage.py export_iati` has no limit.
PROJECTDB_EXPORT_MAX = env.int("PROJECTDB_EXPORT_MAX", default=20_000)
# PostgreSQL: each web process keeps the search vectors' words in memory (search/word_index.py; about 600 bytes
# per project). Off: every query is answered by the GIN index, slower for common words.
PROJECTDB_WORD_INDEX = env.bool("PROJECTDB_WORD_INDEX", default=True)
# Identifiers of the projects of the call's own programme (EcoDialogue), which the grants' screening does not list
# among "similar EU-funded projects": every pilot resembles the programme that funds it.
GRANTS_OWN_PROGRAMME_PROJECTS = env.list(
    "GRANTS_OWN_PROGRAMME_PROJECTS", default=["KZ-ECODIALOGUE-DEMO-011", "KZ-ECODIALOGUE-DEMO-012"]
)

MAP_TILE_URL = env.str("MAP_TILE_URL", default="").strip()
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")
if PRODUCTION and MAP_TILE_URL.startswith("http://"):
    # Browsers block or rewrite plain-HTTP images on an HTTPS page.
    raise ImproperlyConfigured("MAP_TILE_URL must be an https:// address (or a path on this site) in production.")

# --- E-mail and background tasks --------------------------------------------
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="EcoDialogue <noreply@ecodialogue.kz>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
if PRODUCTION:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
    EMAIL_PORT = env.int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
    EMAIL_TIMEOUT = 20
else:
    # Locally every e-mail is a file under var/mail, readable with any editor.
    EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
    EMAIL_FILE_PATH = VAR_DIR / "mail"

TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND",
            default="django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# --- Security ---------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
    # The SSL redirect may be done by the proxy instead; that is a deliberate choice, not a warning.
    SILENCED_SYSTEM_CHECKS = [] if SECURE_SSL_REDIRECT else ["security.W008"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The handler has the level too: WeasyPrint turns fontTools' logger up to DEBUG while it
    # subsets fonts, and those records would otherwise reach the console through propagation.
    "handlers": {"console": {"class": "logging.StreamHandler", "level": env.str("LOG_LEVEL", default="WARNING")}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

VERSION = "0.1.0"
