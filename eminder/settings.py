"""Settings for e-MINDER, configured only through environment variables.

Every variable read here is documented in `.env.example`. SQLite is the default so that a fresh
clone runs at once; `DATABASE_URL=postgres://...` switches to PostgreSQL.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# The fallback key is marked insecure on purpose: `check --deploy` flags it in production.
SECRET_KEY = env_str(
    "DJANGO_SECRET_KEY", "django-insecure-development-only-key-never-use-in-production"
)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Absolute address of the site, used in links sent by email (invitations, password reset).
SITE_URL = env_str("EMINDER_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "ninja",
    "eminder.regions",
    "eminder.centres",
    "eminder.accounts",
    "eminder.audits",
    "eminder.jobs",
    "eminder.indicators",
    "eminder.enterprises",
    "eminder.assessments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "eminder.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # django-axes must come last so that it sees the result of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "eminder.urls"
WSGI_APPLICATION = "eminder.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "eminder.accounts.context_processors.navigation",
            ],
            "builtins": [
                "template_partials.templatetags.partials",
                "eminder.lib.formatting",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-axes: lock an account and address pair out after repeated failures.
AXES_FAILURE_LIMIT = env_int("EMINDER_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("EMINDER_LOGIN_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
if env_bool("DJANGO_BEHIND_PROXY", False):
    # One trusted proxy appends the client's address to X-Forwarded-For (see .env.example);
    # without this every login would seem to come from the proxy and lock out everyone.
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# Invitations to join a centre expire after this many days.
INVITATION_MAX_AGE_DAYS = env_int("EMINDER_INVITATION_DAYS", 7)
# Audit-log IP addresses are erased after this many days (`manage.py erase_audit_ips`).
AUDIT_IP_RETENTION_DAYS = env_int("EMINDER_AUDIT_IP_RETENTION_DAYS", 90)

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("el", _("Greek")),
    ("es", _("Spanish")),
    ("gl", _("Galician")),
    ("pl", _("Polish")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("EMINDER_TIME_ZONE", "Europe/Brussels")
LANGUAGE_COOKIE_NAME = "eminder_language"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # plotly.min.js ships inside the Python package; serving it from there keeps charts offline.
    "eminder.lib.staticfinders.PlotlyFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files after `collectstatic` in production; plain files while developing.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("EMINDER_STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "media/"

# Only what the pages need: our own scripts, and Plotly's injected stylesheet by nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

TASKS = {
    "default": {
        "BACKEND": env_str("EMINDER_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "e-MINDER <no-reply@localhost>")

# Eurostat's dissemination API, for `import_statistics --fetch DATASET`.
EUROSTAT_API_URL = env_str(
    "EMINDER_EUROSTAT_API_URL", "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data"
)
# Self-service assessment links work for this many days.
SELF_SERVICE_LINK_DAYS = env_int("EMINDER_SELF_SERVICE_DAYS", 14)
# A T1 assessment is due this many months after the T0 (`manage.py remind_due_assessments`).
T1_REMINDER_AFTER_MONTHS = env_int("EMINDER_T1_AFTER_MONTHS", 12)
# Largest answers document POST /api/v1/assessments/score reads, in bytes.
ASSESSMENT_SCORE_MAX_BYTES = env_int("EMINDER_SCORE_MAX_BYTES", 262_144)
# Largest statistics file accepted by the upload page, in bytes.
STATISTICS_UPLOAD_MAX_BYTES = env_int("EMINDER_STATISTICS_UPLOAD_MAX_BYTES", 100 * 1024 * 1024)

# Bad input stays small: anything larger is refused before it reaches a form or the API.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("EMINDER_MAX_REQUEST_BYTES", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# HTTPS hardening is on unless the site is explicitly served over plain HTTP (development).
# Test runs (pytest sets PYTEST_VERSION) serve the live server over plain HTTP; middleware reads
# these settings once at start-up, so a per-test override would come too late.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG and "PYTEST_VERSION" not in os.environ)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("DJANGO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", HTTPS)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY", False) else None
)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("EMINDER_LOG_LEVEL", "WARNING")},
}

# django-ninja: limit/offset pagination everywhere in the API.
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 1000
CSRF_FAILURE_VIEW = "eminder.errors.csrf_failure"
