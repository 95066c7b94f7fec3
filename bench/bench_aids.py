"""Eligibility search of the aid directory at national scale: p50/p95 on PostgreSQL (docs/aids.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/maillage_bench_aids \
        .venv/bin/python bench/bench_aids.py [-n 200] [--target-ms 50]

Every request combines the four criteria: text + territory (a random real commune, by INSEE code)
+ beneficiary + theme. Three scenarios: the selector alone (territory lookup, containing set,
count and first page with its relations), the JSON API `/api/aides/`, and the HTML page `/aides/`,
both through Django's test Client in-process (routing, middleware, view, SQL, rendering; no
network). Prints p50, p95, mean, max, the SQL queries of one request and the mean result count;
exits with status 1 when the p95 of the selector or of the API exceeds the target (the full HTML page
and a search without text are printed for information).
"""

import os
import random
import sys

from common import Stopwatch, bench_parser, print_banner, setup_client, summary

WORDS = ["energetique", "biodiversite", "eau", "friches", "mobilite", "dechets", "ecoles", "chaleur", "haies"]
BENEFICIARIES = ["municipality", "municipality", "epci", "association"]


def main():
    parser = bench_parser(__doc__, n=200, warmup=20, seed=7)
    parser.add_argument("--target-ms", type=float, default=50.0)
    args = parser.parse_args()

    setup_client(args.allow_sqlite)
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from apps.aids import selectors
    from apps.aids.models import Aid
    from apps.territories.models import Kind, Territory
    from apps.themes.models import Theme

    total = Aid.objects.count()
    if total < 1000:
        sys.exit("Générez d'abord les aides : bench/generate_aids.py")
    rng = random.Random(args.seed)
    communes = list(Territory.objects.filter(kind=Kind.MUNICIPALITY).values_list("code", flat=True))
    themes = list(Theme.objects.values_list("slug", flat=True))
    cases = [
        {
            "q": rng.choice(WORDS),
            "territoire": rng.choice(communes),
            "beneficiaire": rng.choice(BENEFICIARIES),
            "thematique": rng.choice(themes),
        }
        for _ in range(args.n + args.warmup)
    ]
    anonymous = AnonymousUser()

    def run_selector(case):
        territory = selectors.territory_from_code(case["territoire"])
        theme = Theme.objects.get(slug=case["thematique"])
        qs = selectors.aid_search(
            user=anonymous,
            query=case["q"],
            territory=territory,
            beneficiary=case["beneficiaire"],
            theme=theme,
        )
        page = selectors.aid_page(selectors.with_list_relations(qs), 1, per_page=20)
        return page.paginator.count, list(page.object_list)

    client = Client()

    def run_api(case):
        response = client.get("/api/aides/", case)
        assert response.status_code == 200, response.content[:300]
        return response.json()["total"], None

    def run_api_without_text(case):
        return run_api({k: v for k, v in case.items() if k != "q"})

    def run_page(case):
        response = client.get("/aides/", case)
        assert response.status_code == 200
        # The count is printed in <strong> at the top of the results (no test instrumentation here).
        html = response.content.decode()
        start = html.index('<p class="fr-mb-2w" role="status">')
        return int(html[start:].split("<strong>", 1)[1].split("</strong>", 1)[0]), None

    print_banner("Banc des aides", f"{total} aides")
    print(
        f"{args.n} requêtes mesurées par scénario (+{args.warmup} d'échauffement), critères : texte + commune + bénéficiaire + thématique"
    )
    print()
    print(
        f"{'scénario':<30} {'p50':>8} {'p95':>8} {'moy.':>8} {'max':>8} {'SQL p50':>8} {'SQL p95':>8} {'req.':>5} {'résultats':>9}"
    )
    failed = False
    for label, run in (
        ("sélecteur (compte + page 1)", run_selector),
        ("API JSON /api/aides/", run_api),
        ("page HTML /aides/ (info)", run_page),
        ("API JSON, sans texte (info)", run_api_without_text),
    ):
        samples, sql_samples, counts = [], [], []
        for index, case in enumerate(cases):
            sql_ms = [0.0]

            def timed(execute, sql, params, many, context, sql_ms=sql_ms):
                with Stopwatch() as query_watch:
                    result = execute(sql, params, many, context)
                sql_ms[0] += query_watch.ms
                return result

            with connection.execute_wrapper(timed), Stopwatch() as watch:
                count, _ = run(case)
            if index >= args.warmup:
                samples.append(watch.ms)
                sql_samples.append(sql_ms[0])
                counts.append(count)
        with CaptureQueriesContext(connection) as queries:
            run(cases[0])
        stats, sql_stats = summary(samples), summary(sql_samples)
        mean_results = sum(counts) / len(counts)
        print(
            f"{label:<30} {stats['p50']:>6.1f}ms {stats['p95']:>6.1f}ms {stats['mean']:>6.1f}ms "
            f"{stats['max']:>6.1f}ms {sql_stats['p50']:>6.1f}ms {sql_stats['p95']:>6.1f}ms "
            f"{len(queries):>5} {mean_results:>9.1f}"
        )
        # The target is the eligibility search (selector and API); the full HTML page and the
        # search without text are printed for information.
        if stats["p95"] > args.target_ms and run in (run_selector, run_api):
            failed = True
    print()
    print(f"Objectif : p95 < {args.target_ms:g} ms — {'NON ATTEINT' if failed else 'atteint'}")
    print(
        f"Charge de la machine pendant la mesure (load average) : {os.getloadavg()[0]:.1f} sur {os.cpu_count()} cœurs"
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
