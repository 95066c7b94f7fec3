"""Test settings: fast hashing, mails in memory, tasks run immediately."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
AXES_ENABLED = True
MAILLAGE_NETWORK_NAME = "Communauté COMETE"
# One in-memory cache per test process even when REDIS_URL is set: tests clear the cache between
# them, and Redis' FLUSHDB would clear the other xdist worker's too. The shared Redis cache is
# tested with real processes in tests/prod/.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
