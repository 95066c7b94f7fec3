"""Shared by the bench scripts: Django set-up, markers of generated rows, a small timer.

The scripts run from the repository root (`.venv/bin/python bench/<script>.py`) against the
database named by DATABASE_URL; they refuse to run on SQLite unless told (`--allow-sqlite`),
since the figures that matter are PostgreSQL's.
"""

import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Generated rows are recognisable: slugs start with this prefix, emails use a reserved domain.
BENCH_PREFIX = "bench-"
BENCH_DOMAIN = "bench.maillage.test"
BENCH_USER_EMAIL = f"membre@{BENCH_DOMAIN}"


def setup_django(default_settings: str = "maillage.settings.test") -> None:
    """Test settings by default: DEBUG off (no query log), fast hasher, no manifest needed."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings)
    import django

    django.setup()


def require_database(allow_sqlite: bool) -> str:
    from django.db import connection

    vendor = connection.vendor
    if vendor != "postgresql" and not allow_sqlite:
        sys.exit(
            "Ce banc se mesure sur PostgreSQL : définissez DATABASE_URL=postgres://… "
            "(ou passez --allow-sqlite pour un essai)."
        )
    return vendor


def database_label() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("show server_version")
            return f"PostgreSQL {cursor.fetchone()[0]} ({connection.settings_dict['NAME']})"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


def machine_label() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cœurs ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation): p95 of 200 samples is the 190th."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary(samples_ms: list[float]) -> dict[str, float]:
    return {
        "p50": percentile(samples_ms, 50),
        "p95": percentile(samples_ms, 95),
        "mean": statistics.fmean(samples_ms),
        "max": max(samples_ms),
    }


class Stopwatch:
    """Wall time, CPU time of this process, and wall time spent in SQL calls (`sql_ms`).

    On a busy machine the wall time includes waiting for a core; CPU + SQL is then a better
    estimate of what the request costs on an idle one (both are printed)."""

    def __init__(self, connection=None):
        self.connection = connection
        self.sql_ms = 0.0

    def _timed_sql(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql_ms += (time.perf_counter() - started) * 1000

    def __enter__(self):
        if self.connection is not None:
            self._wrapper = self.connection.execute_wrapper(self._timed_sql)
            self._wrapper.__enter__()
        self.started, self.cpu_started = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.ms = (time.perf_counter() - self.started) * 1000
        self.cpu_ms = (time.process_time() - self.cpu_started) * 1000
        if self.connection is not None:
            self._wrapper.__exit__(*exc)
        return False
