"""Timing of the territory picker: `territory_autocomplete` and the HTTP endpoint.

    DATABASE_URL=sqlite:///var/bench-terr.sqlite3 .venv/bin/python bench/bench_territory_picker.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/maillage_bench_terr .venv/bin/python bench/bench_territory_picker.py

Migrates and loads every territory (manage.py load_territories --if-empty) into the database
DATABASE_URL points to, then runs 200 representative queries (names with and without accents,
prefixes of 2 to 6 letters, INSEE codes, postcodes, SIREN, multi-word names) and prints the
median and 95th percentile, in milliseconds.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from apps.territories.models import Kind, Territory  # noqa: E402
from apps.territories.selectors import territory_autocomplete  # noqa: E402

ROUNDS = 200


def queries() -> list[tuple[str, list[str] | None]]:
    """200 queries drawn deterministically from the loaded data, plus typical typing."""
    communes = list(
        Territory.objects.filter(kind=Kind.MUNICIPALITY, is_current=True)
        .order_by("-population")
        .values_list("name", "code", "postcodes")[:2000]
    )
    epcis = list(Territory.objects.filter(kind=Kind.EPCI).order_by("code").values_list("name", "code")[:200])
    fixed = [
        "annecy",
        "saint etienne",
        "st etienne",
        "sa",
        "le",
        "la",
        "mont",
        "paris",
        "Lyon",
        "marseille",
        "74000",
        "740",
        "75011",
        "2A004",
        "13",
        "200066793",
        "grand annecy",
        "bourg",
        "val",
        "sainte",
    ]
    picked: list[tuple[str, list[str] | None]] = [(q, None) for q in fixed]
    step = max(1, len(communes) // 60)
    for name, code, postcodes in communes[::step][:60]:
        picked.append((name, None))  # with accents and hyphens
        picked.append((name.lower()[: 2 + len(name) % 5], ["municipality"]))  # typing a prefix
        picked.append((code if len(picked) % 2 else (postcodes.split() or [code])[0], None))
    for name, _code in epcis[:: max(1, len(epcis) // 20)][:20]:
        picked.append((name.split()[-1], ["epci"]))
    return (picked * 2)[:ROUNDS]


def percentiles(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    return f"p50 {statistics.median(samples):6.2f} ms   p95 {p95:6.2f} ms   max {samples[-1]:6.2f} ms"


def main():
    call_command("migrate", verbosity=0)
    started = time.monotonic()
    call_command("load_territories", if_empty=True)
    print(f"Chargement : {time.monotonic() - started:.1f} s")
    with connection.cursor() as cursor:  # as the loader does, in case the data predates it
        cursor.execute("ANALYZE")
    print(
        f"Base : {connection.vendor}, {Territory.objects.filter(kind=Kind.MUNICIPALITY, is_current=True).count()} communes"
    )
    sample = queries()
    territory_autocomplete("warm up")

    timings = []
    for text, kinds in sample:
        start = time.perf_counter()
        territory_autocomplete(text, kinds=kinds, limit=10)
        timings.append((time.perf_counter() - start) * 1000)
    print(f"territory_autocomplete ({len(sample)} requêtes) : {percentiles(timings)}")
    print(f"Charge moyenne de la machine : {os.getloadavg()[0]:.1f}")

    setup_test_environment()
    client = Client()
    url = reverse("territories:autocomplete")
    http = []
    for text, kinds in sample:
        params = {"q": text, **({"kinds": ",".join(kinds)} if kinds else {})}
        start = time.perf_counter()
        response = client.get(url, params, HTTP_HOST="127.0.0.1")
        http.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    print(f"GET {url} ({len(sample)} requêtes) : {percentiles(http)}")
    slowest = sorted(zip(timings, sample, strict=True), reverse=True)[:3]
    print("Plus lentes :", ", ".join(f"{q!r} {t:.1f} ms" for t, (q, _) in slowest))


if __name__ == "__main__":
    main()
