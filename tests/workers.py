"""The environment of a worker started as a subprocess by the kill tests: this process's, without
the settings of the test run (Django's, pytest's, the test database's), on the given database."""

import os


def worker_env(database_url: str, **overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "DATABASE_", "TEST_DATABASE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="maillage.settings.base",
        DATABASE_URL=database_url,
        DATABASE_CONN_MAX_AGE="0",
        PYTHONUNBUFFERED="1",
        **overrides,
    )
    return env
