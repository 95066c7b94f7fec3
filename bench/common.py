"""Shared by the bench scripts: Django set-up, markers of generated rows, a small timer.

The scripts run from the repository root (`.venv/bin/python bench/<script>.py`) against the
database named by DATABASE_URL; they refuse to run on SQLite unless told (`--allow-sqlite`),
since the figures that matter are PostgreSQL's.
"""

import argparse
import datetime
import os
import platform
import re
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


def bench_parser(
    doc: str,
    *,
    n: int | None = None,
    warmup: int | None = None,
    per: str = "scénario",
    seed: int | None = None,
    reset: str | None = None,
) -> argparse.ArgumentParser:
    """The options every script shares: the module docstring as help and `--allow-sqlite`; the
    measured requests (`-n`, `--warmup`) of the server-time benches; the generators' `--seed` and
    `--reset` (its help says what is deleted). Each script adds its own options."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    if n is not None:
        parser.add_argument("-n", type=int, default=n, help=f"requêtes mesurées par {per} ({n})")
    if warmup is not None:
        parser.add_argument(
            "--warmup", type=int, default=warmup, help=f"requêtes d'échauffement non comptées ({warmup})"
        )
    if seed is not None:
        parser.add_argument("--seed", type=int, default=seed)
    if reset is not None:
        parser.add_argument("--reset", action="store_true", help=reset)
    parser.add_argument("--allow-sqlite", action="store_true", help="autorise un essai sur SQLite")
    return parser


def setup_client(allow_sqlite: bool) -> str:
    """Django for a bench that sends requests through the test Client, on the database checked by
    `require_database`. Not setup_test_environment(): it instruments every template render to
    record contexts for assertions, which would inflate the rendering time measured."""
    setup_django()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the test Client's host
    return require_database(allow_sqlite)


def setup_generator(allow_sqlite: bool) -> float:
    """Django on the database checked by `require_database`, named on the output; returns the
    start time of the generation (time.monotonic) for `log`."""
    setup_django()
    require_database(allow_sqlite)
    print(f"Base : {database_label()}")
    return time.monotonic()


def print_banner(title: str, contents: str = "") -> None:
    """The heading of a bench's output: date, machine and its load, database and what it holds,
    and the share of a core this process gets."""
    print(f"{title} — {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"Machine : {machine_label()} — charge moyenne (1/5/15 min) : {load}")
    print(f"Base : {database_label()}" + (f" — {contents}" if contents else ""))
    print(f"Part d'un cœur obtenue par ce processus (CPU / temps réel d'une boucle) : {cpu_share():.0%}")


def cpu_share() -> float:
    """Share of a core this process actually gets: CPU time / wall time of a pure-Python loop.
    About 1.0 on an idle machine; on a machine shared with other jobs the wall times are
    inflated by roughly its inverse, while the CPU time is not."""
    wall, cpu = time.perf_counter(), time.process_time()
    total = 0
    for value in range(2_000_000):
        total += value
    return (time.process_time() - cpu) / (time.perf_counter() - wall)


def bulk(model, rows: list, started: float, label: str, *, batch: int = 2000) -> list:
    """A generator's bulk insert in batches, logged with the number of rows and `label`."""
    created = []
    for start in range(0, len(rows), batch):
        created.extend(model.objects.bulk_create(rows[start : start + batch], batch_size=batch))
    log(f"{len(rows):>7} {label}", started)
    return created


# A server-side cursor (QuerySet.iterator() on PostgreSQL) declares the SELECT it reads.
DECLARE = re.compile(r'^DECLARE "[^"]+" NO SCROLL CURSOR WITH HOLD FOR (.*)$', re.S)


def explain_ms(sql: str) -> float:
    """Planning + execution time of one read (SELECT or WITH) on the PostgreSQL server, best of
    3: the SQL time free of the wait for a core. 0 for anything else, and on SQLite."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    match = DECLARE.match(sql)
    sql = match.group(1) if match else sql
    if not sql.lstrip()[:6].upper().startswith(("SELECT", "WITH")):
        return 0.0
    best = None
    with connection.cursor() as cursor:
        for _ in range(3):
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0][0]
            elapsed = plan["Planning Time"] + plan["Execution Time"]
            best = elapsed if best is None else min(best, elapsed)
    return best or 0.0


def log(message: str, started: float) -> None:
    """A generator's progress line, prefixed with the seconds since `started` (time.monotonic)."""
    print(f"[{time.monotonic() - started:6.1f} s] {message}", flush=True)


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
