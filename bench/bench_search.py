"""Search bench: p50/p95 of a text query with two facets (theme + région), at the size the index
has now, measured three ways:

- view: `GET /recherche/?q=…&theme=…&region=…` through Django's test Client, in process
  (routing, middlewares, view, SQL, template) — the server time;
- engine: `apps.search.selectors.search_documents(…)` alone (the SQL plus Python around it);
- raw SQL: the very statements the engine sent, replayed on a bare DB-API connection (psycopg /
  sqlite3) without Django — the floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/maillage_bench_search .venv/bin/python bench/bench_search.py
    DATABASE_URL=sqlite:///var/bench_search.sqlite3 .venv/bin/python bench/bench_search.py
"""

import argparse
import os
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from apps.search.models import SearchDocument  # noqa: E402
from apps.search.selectors import SearchFilters, search_documents  # noqa: E402
from apps.territories.models import Kind, Territory  # noqa: E402
from apps.themes.models import Theme  # noqa: E402

QUERIES = [
    "rénovation école",
    "chaufferie bois",
    "piste cyclable",
    "jardin partagé",
    "compostage",
    "réseau de chaleur",
    "photovoltaïque",
    "épicerie solidaire",
    "cantine bio locale",
    "biodiversité haie",
    "covoiturage",
    "tiers-lieu",
    "eaux pluviales",
    "éclairage public",
    "concertation habitants",
    "financement citoyen",
    "sécheresse",
    "renovation energetique batiments",
    '"réseau de chaleur" bois',
    "vélo -voiture",
]


def percentile(values, pct):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def cases(n, seed=7):
    rng = random.Random(seed)
    themes = list(Theme.objects.values_list("pk", "slug"))
    regions = list(Territory.objects.filter(kind=Kind.REGION).values_list("pk", flat=True))
    out = []
    for i in range(n):
        theme_pk, theme_slug = rng.choice(themes)
        out.append((QUERIES[i % len(QUERIES)], theme_pk, theme_slug, rng.choice(regions)))
    return out


def record_statements(text, theme, region):
    """The (sql, params) the engine sends for one search, captured on the way to the database."""
    statements = []

    def wrapper(execute, sql, params, many, context):
        statements.append((sql, list(params or [])))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        search_documents(text=text, user=AnonymousUser(), filters=SearchFilters(theme=theme, region=region))
    return statements


def raw_connection():
    db = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        import psycopg

        return psycopg.connect(
            host=db["HOST"],
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db["PASSWORD"],
            dbname=db["NAME"],
            # The session settings of Django's connection (no parallel plans, settings/base.py).
            options=db.get("OPTIONS", {}).get("options", ""),
            autocommit=True,
        )
    return sqlite3.connect(db["NAME"])


def replay(raw, statements):
    cursor = raw.cursor()
    for sql, params in statements:
        if connection.vendor == "sqlite":
            sql = sql.replace("%s", "?").replace("%%", "%")
        cursor.execute(sql, params)
        cursor.fetchall()


def timed(fn, runs):
    durations = []
    for args in runs:
        start = time.perf_counter()
        fn(*args)
        durations.append((time.perf_counter() - start) * 1000)
    return durations


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200, help="mesures par méthode (plus 20 d'échauffement)")
    parser.add_argument(
        "--server-side-binding",
        action="store_true",
        help="PostgreSQL : paramètres liés côté serveur (psycopg prépare alors les requêtes répétées)",
    )
    args = parser.parse_args()
    if args.server_side_binding and connection.vendor == "postgresql":
        connection.close()
        settings.DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
        connection.settings_dict.setdefault("OPTIONS", {})["server_side_binding"] = True
    size = SearchDocument.objects.count()
    runs = cases(args.n)
    warm = cases(20, seed=3)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()

    def view(text, theme_pk, theme_slug, region):
        response = client.get("/recherche/", {"q": text, "theme": theme_slug, "region": region})
        assert response.status_code == 200

    def engine(text, theme_pk, theme_slug, region):
        search_documents(
            text=text, user=AnonymousUser(), filters=SearchFilters(theme=theme_pk, region=region)
        )

    timed(view, warm)
    timed(engine, warm)
    view_ms = timed(view, runs)
    engine_ms = timed(engine, runs)
    recorded = [record_statements(text, theme_pk, region) for text, theme_pk, _, region in runs]
    raw = raw_connection()
    for statements in recorded[:20]:
        replay(raw, statements)
    raw_ms = timed(lambda statements: replay(raw, statements), [(s,) for s in recorded])
    raw.close()
    hits = [
        search_documents(text=t, user=AnonymousUser(), filters=SearchFilters(theme=p, region=r)).total
        for t, p, _, r in runs[:20]
    ]

    print(
        f"\nMoteur : {connection.vendor}{' (liaison côté serveur)' if args.server_side_binding else ''} — {size} documents — {args.n} recherches texte + thématique + région"
    )
    print(
        f"(résultats par recherche, médiane sur 20 : {statistics.median(hits):.0f} ; requêtes SQL par recherche : {len(recorded[0])})"
    )
    print(f"{'mesure':<36}{'p50 (ms)':>10}{'p95 (ms)':>10}{'max (ms)':>10}")
    for label, values in (
        ("page /recherche/ (temps serveur)", view_ms),
        ("moteur search_documents()", engine_ms),
        ("SQL brut, mêmes requêtes (plancher)", raw_ms),
    ):
        print(
            f"{label:<36}{percentile(values, 50):>10.1f}{percentile(values, 95):>10.1f}{max(values):>10.1f}"
        )
    print(
        f"rapport p95 page / plancher : {percentile(view_ms, 95) / percentile(raw_ms, 95):.2f} ; "
        f"moteur / plancher : {percentile(engine_ms, 95) / percentile(raw_ms, 95):.2f}"
    )


if __name__ == "__main__":
    main()
