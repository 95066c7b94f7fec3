"""Server time of the three list pages — /aides/, /annuaire/, /recherche/?q=… — with production
settings, beside the raw-SQL floor, on SQLite and on PostgreSQL (issue 16, item 5; bench/README.md,
section « Listes : temps serveur »).

    .venv/bin/python bench/bench_lists.py \
        --sqlite var/bench_lists.sqlite3 \
        --postgres postgres://postgres@127.0.0.1:5432/bench_perf \
        [-n 200] [--warmup 20] [--only aides] [--profile 30] [--redis redis://127.0.0.1:6379/3]

One command, one process per database (Django is set up once per process): each child runs with
`maillage.settings.prod` (DEBUG off, cached template loader, the manifest static storage, Redis as
the cache when `--redis` is given, as in production), sends N requests per page through Django's
test Client in-process (routing, middlewares, view, SQL, template; no network, no web server),
cycling over parameter sets taken from the existing benches (bench_aids.py, bench_directory.py,
bench_search.py), and prints:

- p50 / p95 of the wall time of a request (what a visitor waits for, minus the network);
- p50 of this process's CPU time and of the time spent waiting for SQL;
- the raw-SQL floor: the very statements each request sent, replayed on a bare DB-API connection
  (sqlite3 / psycopg, no Django, no ORM, no template), p50 / p95;
- the number of SQL queries of one request.

The search is measured twice: `/recherche/?q=…` as the page runs (searches are kept per generation
of the index: once the 20 queries have been seen, a request reads only the documents of its page)
and `/recherche/?q=… (jamais vue)`, where a new generation starts before each request (outside the
measure), so that every request runs the whole search: hits, total and facet counts.

The data (bench/make_lists_db.sh): a national directory (35,000 organisations,
generate_directory.py), 5,000 aids (generate_aids.py --aids 5000) and a search index of 40,000
documents (generate_experiences.py --total 40000), see bench/README.md. `--profile K` also prints, per page, the 25 most expensive functions of K requests
(cProfile, cumulative time) to see where the time goes.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import subprocess
import sys
import time
from itertools import cycle
from pathlib import Path

from common import ROOT, Stopwatch, percentile

TARGET_P50_MS = 15.0
COLD_SEARCH = "/recherche/?q=… (jamais vue)"


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sqlite", help="chemin de la base SQLite générée")
    parser.add_argument("--postgres", help="URL de la base PostgreSQL générée")
    parser.add_argument("--redis", default="", help="cache Redis, comme en production (sinon en mémoire)")
    parser.add_argument("-n", type=int, default=200, help="requêtes mesurées par page (200)")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--only", default="", help="ne mesurer que les pages dont le nom contient ce texte")
    parser.add_argument("--profile", type=int, default=0, help="profiler K requêtes par page (cProfile)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


# --- Parent: one child process per database -------------------------------------------------------


def run_children(args) -> int:
    targets = []
    if args.sqlite:
        path = Path(args.sqlite).resolve()
        if not path.exists():
            sys.exit(f"Base SQLite absente : {path}")
        targets.append(("SQLite", f"sqlite:///{path}"))
    if args.postgres:
        targets.append(("PostgreSQL", args.postgres))
    if not targets:
        sys.exit("Indiquez --sqlite CHEMIN et/ou --postgres URL.")
    print(f"Banc des listes — {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC")
    print("uptime :", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    results = []
    for label, url in targets:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "maillage.settings.prod",
            # Production settings, minus what a test client on this machine cannot have.
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-" + "x" * 50),
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": "testserver",
            "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
            "REDIS_URL": args.redis,
        }
        command = [sys.executable, __file__, "--worker", "-n", str(args.n), "--warmup", str(args.warmup)]
        if args.only:
            command += ["--only", args.only]
        if args.profile:
            command += ["--profile", str(args.profile)]
        print(f"\n== {label} ==", flush=True)
        child = subprocess.run(command, env=env, capture_output=True, text=True)
        lines = child.stdout.splitlines()
        for line in lines[:-1]:
            print(line)
        if child.returncode != 0 or not lines:
            print(child.stdout[-3000:], child.stderr[-3000:], file=sys.stderr)
            return 1
        results.append((label, json.loads(lines[-1])))
    print_table(results)
    print("uptime :", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    return 0


def print_table(results):
    print()
    columns = ("p50", "p95", "CPU p50", "SQL p50", "brut p50", "brut p95", "req.")
    header = f"{'base':<11} {'page':<38} " + " ".join(f"{c:>8}" for c in columns) + "  objectif p50 ≤ 15 ms"
    print(header)
    print("-" * len(header))
    for label, rows in results:
        for row in rows:
            verdict = "atteint" if row["p50"] <= TARGET_P50_MS else f"NON ATTEINT ({row['p50']:.1f} ms)"
            values = [row[k] for k in ("p50", "p95", "cpu_p50", "sql_p50", "raw_p50", "raw_p95")]
            print(
                f"{label:<11} {row['page']:<38} "
                + " ".join(f"{v:>8.1f}" for v in values)
                + f" {row['queries']:>8}  {verdict}"
            )
    print(
        "\nEn ms. p50/p95 : temps réel d'une requête (client de test dans le processus, réglages de\n"
        "production) ; CPU : temps processeur du processus Django ; SQL : attente des requêtes ;\n"
        "brut : les mêmes requêtes SQL rejouées sur une connexion DB-API nue (le plancher) ;\n"
        "req. : requêtes SQL d'une requête HTTP."
    )


# --- Child: measures one database -----------------------------------------------------------------


def pages(rng):
    """(name, path, parameter sets): values drawn from the database, as the other benches do."""
    from bench_aids import BENEFICIARIES, WORDS
    from bench_directory import scenarios
    from bench_search import QUERIES

    from apps.territories.models import Kind, Territory
    from apps.themes.models import Theme

    communes = list(Territory.objects.filter(kind=Kind.MUNICIPALITY).values_list("code", flat=True))
    themes = list(Theme.objects.active().values_list("slug", flat=True))
    aid_params = [{}, {"territoire": "60159"}, {"beneficiaire": "municipality", "territoire": "60159"}]
    for _ in range(17):
        aid_params.append(
            {
                "q": rng.choice(WORDS),
                "territoire": rng.choice(communes),
                "beneficiaire": rng.choice(BENEFICIARIES),
                "thematique": rng.choice(themes),
            }
        )
    directory_params = scenarios()[0][2]  # the visitor's list scenarios of bench_directory.py
    search_params = [{"q": text} for text in QUERIES]
    return [
        ("/aides/", "/aides/", aid_params),
        ("/annuaire/", "/annuaire/", directory_params),
        # The search keeps each search per generation of the index: the first row is what the
        # bench's 20 queries cost once seen (as a visitor's refresh, the next page, a popular query),
        # the second forgets every kept search before each request (a query never seen before).
        ("/recherche/?q=…", "/recherche/", search_params),
        (COLD_SEARCH, "/recherche/", search_params),
    ]


def worker(args):
    sys.path.insert(0, str(ROOT / "bench"))
    from common import setup_django

    setup_django("maillage.settings.prod")
    from bench_search import raw_connection, replay
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    if not Path(settings.STATIC_ROOT, "staticfiles.json").exists():
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
    from common import database_label, machine_label

    from apps.aids.models import Aid
    from apps.directory.models import Organisation
    from apps.search.models import SearchDocument
    from apps.search.selectors import search_index_changed

    print(
        f"Base : {database_label()} — {Aid.objects.count()} aides, {Organisation.objects.count()} organisations,"
        f" {SearchDocument.objects.count()} documents indexés"
    )
    print(f"Machine : {machine_label()} ; cache : {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}")
    print(
        f"Réglages : {os.environ['DJANGO_SETTINGS_MODULE']} (DEBUG={settings.DEBUG}) ; "
        f"N = {args.n} requêtes par page, {args.warmup} d'échauffement"
    )
    rng = random.Random(7)
    client = Client()
    raw = raw_connection()
    rows = []
    for name, path, params in pages(rng):
        if args.only and args.only not in name:
            continue
        wall, cpu, sql, floor = [], [], [], []
        queries = 0
        for index, query in zip(range(args.warmup + args.n), cycle(params), strict=False):
            statements = []

            def capture(execute, sql_text, sql_params, many, context, statements=statements):
                statements.append((sql_text, list(sql_params or [])))
                return execute(sql_text, sql_params, many, context)

            if name == COLD_SEARCH:
                search_index_changed()  # outside the measure: a new generation, nothing kept
            with connection.execute_wrapper(capture), Stopwatch(connection) as watch:
                response = client.get(path, query)
            if response.status_code != 200:
                sys.exit(f"{path} {query} : HTTP {response.status_code}")
            started = time.perf_counter()
            replay(raw, statements)
            raw_ms = (time.perf_counter() - started) * 1000
            if index >= args.warmup:
                wall.append(watch.ms)
                cpu.append(watch.cpu_ms)
                sql.append(watch.sql_ms)
                floor.append(raw_ms)
                queries = max(queries, len(statements))
        rows.append(
            {
                "page": name,
                "p50": percentile(wall, 50),
                "p95": percentile(wall, 95),
                "cpu_p50": percentile(cpu, 50),
                "sql_p50": percentile(sql, 50),
                "raw_p50": percentile(floor, 50),
                "raw_p95": percentile(floor, 95),
                "queries": queries,
            }
        )
        print(f"{name} : p50 {rows[-1]['p50']:.1f} ms, plancher {rows[-1]['raw_p50']:.1f} ms", flush=True)
        if args.profile:
            profile(client, path, params, args.profile, cold=name == COLD_SEARCH)
    raw.close()
    print(json.dumps(rows))


def profile(client, path, params, count, *, cold=False):
    from apps.search.selectors import search_index_changed

    profiler = cProfile.Profile()
    for _, query in zip(range(count), cycle(params), strict=False):
        if cold:
            search_index_changed()
        profiler.enable()
        client.get(path, query)
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(20)
    for line in out.getvalue().splitlines():
        if line.strip():
            print("   ", line[:160])


if __name__ == "__main__":
    arguments = parse_args()
    if arguments.worker:
        worker(arguments)
    else:
        sys.exit(run_children(arguments))
