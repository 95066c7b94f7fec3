"""Settings shared by every environment.

Every knob an operator may turn is read from the environment and documented in
docs/environment.md; keep the two in sync.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    """An environment variable; an empty one counts as unset."""
    return os.environ.get(name) or default


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "widget_tweaks",
    "dsfr",
    "axes",
    "django_tasks_db",
    # Maillage, one app per domain.
    "apps.core",
    "apps.accounts",
    "apps.territories",
    "apps.themes",
    "apps.directory",
    "apps.search",
    "apps.experiences",
    "apps.resources",
    "apps.aids",
    "apps.consultations",
    "apps.events",
    "apps.polls",
    "apps.arbitrages",
    "apps.programmes",
    "apps.notifications",
    "apps.groups",
    "apps.questions",
    "apps.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "apps.core.middleware.csp_nonce_for_dsfr",
    "django_htmx.middleware.HtmxMiddleware",
    # Must stay last: django-axes wants to see the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "maillage.urls"
WSGI_APPLICATION = "maillage.wsgi.application"
ASGI_APPLICATION = "maillage.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.core.context_processors.network",
                "apps.core.context_processors.navigation",
            ],
        },
    }
]

# SQLite by default so that `make run` needs nothing; PostgreSQL when DATABASE_URL says so.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the worker and the web server write concurrently without "database is locked".
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # Server-side cursors cost extra round trips per list page for no gain at our page sizes
    # (and are unsafe behind PgBouncer in transaction mode).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    # Web requests are short: on small app servers, parallel plans (Gather Merge) cost more than
    # they save, measured on the directory's deep pages (bench/README.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = env(
        "DATABASE_PG_OPTIONS", "-c max_parallel_workers_per_gather=0"
    )
if env("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "core:home"

# Login rate limiting (django-axes): 5 failures per email+IP, then a 15-minute lock.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("AXES_COOLOFF_MINUTES", "15")) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end files from the npm registry, pinned in package.json / package-lock.json.
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", BASE_DIR / "node_modules" / "leaflet.markercluster" / "dist"),
    ("vendor/dsfr-chart", BASE_DIR / "node_modules" / "@gouvfr" / "dsfr-chart" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Uploaded import files wait here (never served) until confirmed; shared by web servers and workers.
MAILLAGE_IMPORT_DIR = env("MAILLAGE_IMPORT_DIR", str(BASE_DIR / "var" / "private" / "imports"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Mail is only ever sent by the background worker (apps.core.tasks.send_email).
# Django 6.1 configures mail through MAILERS; operators keep the familiar EMAIL_* variables.
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def mailers_from_env(default_backend: str) -> dict:
    backend = env("EMAIL_BACKEND", default_backend)
    options = {}
    if backend == SMTP_BACKEND:
        options = {
            "host": env("EMAIL_HOST", "localhost"),
            "port": int(env("EMAIL_PORT", "25")),
            "username": env("EMAIL_HOST_USER", ""),
            "password": env("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "use_ssl": env_bool("EMAIL_USE_SSL", False),
            "timeout": int(env("EMAIL_TIMEOUT", "20")),
        }
    return {"default": {"BACKEND": backend, "OPTIONS": options}}


MAILERS = mailers_from_env("django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Maillage <ne-pas-repondre@maillage.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# The network this instance serves: each network runs its own instance.
MAILLAGE_NETWORK_NAME = env("MAILLAGE_NETWORK_NAME", "Communauté COMETE")
MAILLAGE_NETWORK_TAGLINE = env(
    "MAILLAGE_NETWORK_TAGLINE", "Le réseau des acteurs locaux de la transition écologique"
)
MAILLAGE_NETWORK_LOGO = env("MAILLAGE_NETWORK_LOGO", "")
MAILLAGE_OPERATOR_NAME = env("MAILLAGE_OPERATOR_NAME", "L'équipe d'animation du réseau")
MAILLAGE_CONTACT_EMAIL = env("MAILLAGE_CONTACT_EMAIL", "contact@maillage.localhost")
MAILLAGE_SITE_URL = env("MAILLAGE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
MAILLAGE_HOSTING = env("MAILLAGE_HOSTING", "À compléter par l'hébergeur de l'instance")

# Resource link checks (background task): per-request timeout, politeness delay per host, and
# whether private/loopback addresses may be fetched (off: a member cannot make the worker probe
# the internal network).
MAILLAGE_LINK_CHECK_TIMEOUT = float(env("MAILLAGE_LINK_CHECK_TIMEOUT", "10"))
MAILLAGE_LINK_CHECK_DELAY = float(env("MAILLAGE_LINK_CHECK_DELAY", "2"))
MAILLAGE_LINK_CHECK_ALLOW_PRIVATE = env_bool("MAILLAGE_LINK_CHECK_ALLOW_PRIVATE", False)
MAILLAGE_PARTNER_FEEDS_ALLOW_PRIVATE = env_bool("MAILLAGE_PARTNER_FEEDS_ALLOW_PRIVATE", False)

# Demo logins share a published password: only created when DEBUG is on or this says so.
MAILLAGE_DEMO_LOGINS = env_bool("MAILLAGE_DEMO_LOGINS", False)

# DSFR forms: mark optional fields rather than required ones (RGAA-friendly, and no deprecation warning).
DSFR_MARK_OPTIONAL_FIELDS = True

# Content-Security-Policy with Django's built-in middleware. Scripts need a nonce;
# map tiles may come from a configured tile server (offline: none, grey background).
MAILLAGE_TILE_URL = env("MAILLAGE_TILE_URL", "")
_tile_origin = ""
if MAILLAGE_TILE_URL:
    from urllib.parse import urlsplit

    _parts = urlsplit(MAILLAGE_TILE_URL.replace("{s}", "a"))
    _tile_origin = f"{_parts.scheme}://{_parts.netloc}"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "style-src-elem": [CSP.SELF, CSP.NONCE],
    # The DSFR's own script sets style attributes (setAttribute("style", …)) on collapses and
    # modals; allowing inline style *attributes* only (never <style> elements or scripts) keeps
    # those components working. User HTML is sanitised by nh3, which drops style attributes.
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", *([_tile_origin] if _tile_origin else [])],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "apps.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {"maillage": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO"), "propagate": False}},
}
