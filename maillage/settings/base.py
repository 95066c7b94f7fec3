"""Settings shared by every environment.

Every knob an operator may turn is read from the environment and documented in
docs/environment.md; keep the two in sync.
"""

import os
import warnings
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from whitenoise.compress import Compressor

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
    # django.contrib.staticfiles without the DSFR files no page loads (faster collectstatic).
    "apps.core.staticfiles.StaticFilesConfig",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    # django-ninja's own templates and static files: the API docs use the bundled Swagger UI
    # (no CDN), served by whitenoise under the site's CSP.
    "ninja",
    # ProConnect login (apps.accounts.proconnect): allauth's generic OpenID Connect provider only;
    # e-mail/password login, signup and verification stay Maillage's own.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
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
    "apps.workshops",
    "apps.events",
    "apps.polls",
    "apps.arbitrages",
    "apps.programmes",
    "apps.notifications",
    "apps.groups",
    "apps.questions",
    "apps.rotations",
    "apps.mentoring",
    "apps.mailing",
    "apps.api",
    "apps.evaluations",
    # Consumers of the domain apps (they import them; no domain app imports them).
    "apps.portal",
    "apps.cockpit",
    "apps.reports",
    # The demo network (`load_demo`, `demo_logins`): consumes every app, none imports it.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "apps.api.middleware.api_cors",
    "apps.core.middleware.reject_nul_bytes",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "apps.core.middleware.csp_nonce_for_dsfr",
    "apps.core.middleware.security_headers",
    "apps.core.middleware.AccessDenied",
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
    # they save, measured on the directory's deep pages (bench/README.md); so does JIT compilation,
    # which the planner starts past jit_above_cost on queries that run in milliseconds (90 ms of
    # JIT for a 10 ms ranking of « Qui me ressemble », docs/matching.md).
    # random_page_cost 1.1 (SSD storage, the usual value): with the default 4, a search for a common
    # word scanned the whole index table instead of its GIN index; the search page's p95 went from
    # 141 to 82 ms at 40,000 documents (bench/README.md, « Listes : temps serveur »).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = env(
        "DATABASE_PG_OPTIONS", "-c max_parallel_workers_per_gather=0 -c jit=off -c random_page_cost=1.1"
    )
    # A database that does not answer must give a quick 503, not requests piling up.
    DATABASES["default"]["OPTIONS"]["connect_timeout"] = int(env("DATABASE_CONNECT_TIMEOUT", "5"))
if env("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME")}

# One cache shared by every process (map points, mail throttles) when REDIS_URL is set: required as
# soon as there are several app processes or servers. Without it (`make run`, tests), each process
# keeps its own in memory.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "maillage"),
            # A Redis that does not answer fails the request fast (503) instead of hanging it.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:my_space"
LOGOUT_REDIRECT_URL = "core:home"

# Login rate limiting (django-axes, see apps/core/throttling.py): 5 failures per (account, client
# address) lock that pair; 30 failures from one address across accounts lock the address; 15 minutes.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("AXES_COOLOFF_MINUTES", "15")) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "apps.core.throttling.LoginThrottleHandler"
AXES_CLIENT_IP_CALLABLE = "apps.core.throttling.client_ip"
MAILLAGE_LOGIN_ADDRESS_FAILURE_LIMIT = int(env("MAILLAGE_LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
# Number of reverse proxies in front of the app servers that append to X-Forwarded-For (0: the
# app servers face the clients; 1: one nginx/Caddy; 2: a CDN or load balancer, then nginx…).
MAILLAGE_TRUSTED_PROXY_COUNT = int(env("MAILLAGE_TRUSTED_PROXY_COUNT", "0"))
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
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
# Already-compact formats are not compressed again at collectstatic (whitenoise's list), nor are
# SVG icons: a thousand files of a few hundred bytes each, fetched once and cached for a year.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "svg", "ico"]
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end files from the npm registry, pinned in package.json / package-lock.json.
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", BASE_DIR / "node_modules" / "leaflet.markercluster" / "dist"),
    ("vendor/dsfr-chart", BASE_DIR / "node_modules" / "@gouvfr" / "dsfr-chart" / "dist"),
    ("vendor/markdown-toolbar", BASE_DIR / "node_modules" / "@github" / "markdown-toolbar-element" / "dist"),
    ("vendor/tom-select", BASE_DIR / "node_modules" / "tom-select" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# User-uploaded files (apps.core.files): outside MEDIA_ROOT, served only by the permission-checked
# view; with MAILLAGE_FILES_X_ACCEL_REDIRECT (e.g. "/_fichiers_prives/"), nginx sends them.
MAILLAGE_PRIVATE_ROOT = Path(env("MAILLAGE_PRIVATE_ROOT", str(MEDIA_ROOT.parent / "private")))
MAILLAGE_FILES_X_ACCEL_REDIRECT = env("MAILLAGE_FILES_X_ACCEL_REDIRECT", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "apps.core.files.PrivateStorage", "OPTIONS": {"location": MAILLAGE_PRIVATE_ROOT}},
    # Hashed names and compression, except for files whose integrity hash a template pins.
    "staticfiles": {"BACKEND": "apps.core.staticfiles.MaillageStaticFilesStorage"},
}
# Uploaded import files wait here (never served) until confirmed; shared by web servers and workers.
MAILLAGE_IMPORT_DIR = env("MAILLAGE_IMPORT_DIR", str(BASE_DIR / "var" / "private" / "imports"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Mail is only ever sent by the outbox's workers (apps.mailing.outbox, docs/mailing.md).
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

# The outbox (apps.mailing, docs/mailing.md): every e-mail is queued there and sent by the workers.
MAILLAGE_MAIL_QUEUE = "apps.mailing.outbox.message_queue"
MAILLAGE_MAIL_RATE_PER_MINUTE = int(env("MAILLAGE_MAIL_RATE_PER_MINUTE", "0"))  # 0: no limit
MAILLAGE_MAIL_BATCH_SIZE = int(env("MAILLAGE_MAIL_BATCH_SIZE", "50"))
MAILLAGE_MAIL_LEASE_SECONDS = int(env("MAILLAGE_MAIL_LEASE_SECONDS", "600"))
MAILLAGE_MAIL_MAX_ATTEMPTS = int(env("MAILLAGE_MAIL_MAX_ATTEMPTS", "8"))
MAILLAGE_MAIL_RETRY_BASE_SECONDS = int(env("MAILLAGE_MAIL_RETRY_BASE_SECONDS", "60"))
MAILLAGE_MAIL_WORKERS = int(env("MAILLAGE_MAIL_WORKERS", "2"))

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# The network this instance serves: each network runs its own instance.
MAILLAGE_NETWORK_NAME = env("MAILLAGE_NETWORK_NAME", "Communauté COMETE")
# Booklet files of a workshop day are regenerated this many seconds after the last change.
MAILLAGE_WORKSHOP_FILES_DEBOUNCE = int(env("MAILLAGE_WORKSHOP_FILES_DEBOUNCE", "20"))
# A render started longer ago than this is taken as dead (its worker was killed): the cron command
# workshops_render_due starts it again.
MAILLAGE_WORKSHOP_RENDER_TIMEOUT = int(env("MAILLAGE_WORKSHOP_RENDER_TIMEOUT", "300"))
MAILLAGE_NETWORK_TAGLINE = env(
    "MAILLAGE_NETWORK_TAGLINE", "Le réseau des acteurs locaux de la transition écologique"
)
MAILLAGE_NETWORK_LOGO = env("MAILLAGE_NETWORK_LOGO", "")
# The DSFR "République française" block (Marianne) is reserved to State sites: off unless said so.
# Only a first default: the network's animators change it in Animation › Réglages.
MAILLAGE_REPUBLIQUE_FRANCAISE = env_bool("MAILLAGE_REPUBLIQUE_FRANCAISE", False)
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
# …which django-dsfr acknowledges with a UserWarning on every form render: nothing to act on.
warnings.filterwarnings(
    "ignore", message="Transitional Django setting DSFR_MARK_OPTIONAL_FIELDS", category=UserWarning
)

# Content-Security-Policy with Django's built-in middleware. Scripts need a nonce;
# map tiles may come from a configured tile server. Off by default: the maps then draw France's
# régions and départements from static/maillage/geo/france.json (offline). Recommended online
# basemap: IGN Géoplateforme "Plan IGN" (docs/deploy.md).
MAILLAGE_TILE_URL = env("MAILLAGE_TILE_URL", "")
MAILLAGE_TILE_ATTRIBUTION = env(
    "MAILLAGE_TILE_ATTRIBUTION",
    "© IGN – Plan IGN" if "geopf.fr" in MAILLAGE_TILE_URL else "Fond de carte : voir les mentions légales",
)
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
    "loggers": {
        "maillage": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO"), "propagate": False},
        # Django's own "django" logger prints to the console in DEBUG and propagates to the root,
        # which prints too: each task line of the worker appeared twice under `make run`.
        "django.tasks": {"handlers": ["console"], "propagate": False},
    },
}

# Aides-territoires imports by address (apps.aids.importers): only these hosts may be read, through
# the SSRF guard; an API key (X-AUTH-TOKEN) if the instance requires one.
MAILLAGE_AIDS_IMPORT_HOSTS = env_list("MAILLAGE_AIDS_IMPORT_HOSTS", "aides-territoires.beta.gouv.fr")
MAILLAGE_AIDS_IMPORT_ALLOW_PRIVATE = env_bool("MAILLAGE_AIDS_IMPORT_ALLOW_PRIVATE", False)
MAILLAGE_AIDES_TERRITOIRES_API_KEY = env("MAILLAGE_AIDES_TERRITOIRES_API_KEY", "")

# Read API /api/v1/ (apps.api): rate limits per client address (anonymous) or per account (token),
# counted in the default cache, shared by every app server when REDIS_URL is set.
MAILLAGE_API_RATE_ANONYMOUS = env("MAILLAGE_API_RATE_ANONYMOUS", "120/m")
MAILLAGE_API_RATE_TOKEN = env("MAILLAGE_API_RATE_TOKEN", "1200/m")

# ProConnect (apps.accounts.proconnect): shown on the login page only when the three are set.
MAILLAGE_PROCONNECT_ISSUER = env("MAILLAGE_PROCONNECT_ISSUER", "")
MAILLAGE_PROCONNECT_CLIENT_ID = env("MAILLAGE_PROCONNECT_CLIENT_ID", "")
MAILLAGE_PROCONNECT_SECRET = env("MAILLAGE_PROCONNECT_SECRET", "")
SOCIALACCOUNT_PROVIDERS = {}
if MAILLAGE_PROCONNECT_ISSUER and MAILLAGE_PROCONNECT_CLIENT_ID and MAILLAGE_PROCONNECT_SECRET:
    from apps.accounts.proconnect_config import providers_setting

    SOCIALACCOUNT_PROVIDERS = providers_setting(
        issuer=MAILLAGE_PROCONNECT_ISSUER,
        client_id=MAILLAGE_PROCONNECT_CLIENT_ID,
        secret=MAILLAGE_PROCONNECT_SECRET,
    )
SOCIALACCOUNT_ADAPTER = "apps.accounts.proconnect.ProConnectAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # linking by verified address is the adapter's rule
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_EMAIL_VERIFICATION = "none"  # verified by ProConnect; local signups keep their own flow
ACCOUNT_SIGNUP_REDIRECT_URL = "/mon-espace/mon-organisation/"
# Its mails (if a flow ever sends one) go through the outbox like every other mail.
ACCOUNT_ADAPTER = "apps.accounts.adapter.AccountAdapter"
