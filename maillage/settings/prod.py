"""Production settings: PostgreSQL, HTTPS behind a reverse proxy. See docs/deploy.md."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, SMTP_BACKEND, env, env_bool, mailers_from_env

DEBUG = False
if SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("SECRET_KEY doit être défini en production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
MAILERS = mailers_from_env(SMTP_BACKEND)
