"""« Qui me ressemble » at national scale: time per page of similar organisations.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/matching_bench \\
        .venv/bin/python bench/bench_similar.py [-n 200] [--warmup 20] [--experiences 3000]

Needs the national directory of bench/generate_directory.py (35 000 organisations). Adds, once and
marked like the rest (slugs `bench-x-…`): `--experiences` published experience reports on 1 or 2
themes each, linked to 1 or 2 active organisations, and declared needs (1 to 3 themes) on a third
of the organisations — so that « a fait ce que vous envisagez » has something to find.

Scenarios (N requests each, after a warm-up), on subjects drawn at random among active
communes (the largest pool of comparable candidates: ~16 000 communes and intercommunalités),
intercommunalités and associations:
- the selector alone (`similar_page`, page 1), visitor and member;
- with filters (same région; same size; did what you plan);
- the page `GET /annuaire/organisations/<slug>/similaires/` in-process (test client: routing,
  middleware, view, SQL, template), pages 1, 2 and 5;
- an organisation's page, which shows the first 3 matches;
- « Mon espace » of the bench member (the first matches of each of their organisations).

Each line also says which pool answered the ranking (apps.directory.selectors_similar: a page is
read from the candidates around the subject when nothing farther can reach it, else from all).

Exit status 1 if a page's estimated p95 (processor time + server SQL time, see bench/README.md)
reaches 200 ms: on a shared machine the wall times also count the wait for a core.
"""

import random
import sys
import time

from common import (
    BENCH_PREFIX,
    BENCH_USER_EMAIL,
    Stopwatch,
    bench_parser,
    explain_ms,
    percentile,
    print_banner,
    setup_client,
    summary,
)

TARGET_MS = 200


def parse_args():
    parser = bench_parser(__doc__, n=200, warmup=20, per="mesure", seed=17)
    parser.add_argument("--experiences", type=int, default=3000)
    return parser.parse_args()


def ensure_experiences(rng: random.Random, count: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from apps.directory.models import Organisation
    from apps.experiences.models import Audience, Experience, State
    from apps.themes.models import Theme

    prefix = f"{BENCH_PREFIX}x-"
    existing = Experience.objects.filter(slug__startswith=prefix).count()
    if existing >= count:
        print(f"{existing} retours d'expérience de banc déjà en base.")
        return
    themes = list(Theme.objects.filter(is_active=True).values_list("pk", flat=True))
    organisations = list(
        Organisation.objects.filter(slug__startswith=BENCH_PREFIX, status="active").values_list(
            "pk", flat=True
        )
    )
    started = time.monotonic()
    with transaction.atomic():
        now = timezone.now()
        rows = [
            Experience(
                title=f"Retour d'expérience de banc {i}",
                slug=f"{prefix}{i:06d}",
                summary="Généré pour le banc d'essai « Qui me ressemble ».",
                state=State.PUBLISHED,
                audience=Audience.PUBLIC if rng.random() < 0.8 else Audience.MEMBERS,
                published_at=now,
            )
            for i in range(existing, count)
        ]
        created = Experience.objects.bulk_create(rows, batch_size=1000)
        ExpTheme, ExpOrg = Experience.themes.through, Experience.organisations.through
        ExpTheme.objects.bulk_create(
            [
                ExpTheme(experience_id=e.pk, theme_id=t)
                for e in created
                for t in rng.sample(themes, rng.randint(1, 2))
            ],
            batch_size=2000,
        )
        ExpOrg.objects.bulk_create(
            [
                ExpOrg(experience_id=e.pk, organisation_id=o)
                for e in created
                for o in rng.sample(organisations, rng.randint(1, 2))
            ],
            batch_size=2000,
        )
        Need = Organisation.need_themes.through
        if not Need.objects.filter(organisation__slug__startswith=BENCH_PREFIX).exists():
            Need.objects.bulk_create(
                [
                    Need(organisation_id=o, theme_id=t)
                    for o in rng.sample(organisations, len(organisations) // 3)
                    for t in rng.sample(themes, rng.randint(1, 3))
                ],
                batch_size=5000,
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Experience, Experience.themes.through, Experience.organisations.through, Need):
                cursor.execute(f'VACUUM ANALYZE "{model._meta.db_table}"')
    print(
        f"{count - existing} retours d'expérience et besoins ajoutés en {time.monotonic() - started:.1f} s."
    )


def subjects(rng: random.Random, n: int):
    from apps.directory.models import Organisation

    picked = []
    for kind, share in (("municipality", 0.6), ("epci", 0.2), ("association", 0.2)):
        ids = list(
            Organisation.objects.filter(
                slug__startswith=BENCH_PREFIX, status="active", type=kind
            ).values_list("pk", flat=True)
        )
        picked += rng.sample(ids, max(1, int(n * share)))
    rng.shuffle(picked)
    return list(Organisation.objects.filter(pk__in=picked).select_related("territory"))


class Anonymous:
    is_authenticated = False
    is_active = False
    pk = None


SERVER_SAMPLES = 20
POOLS: list[str] = []


def track_pools():
    """Record which pool answered each ranking slice (Ranking.pool_used)."""
    from apps.directory import selectors_similar

    original = selectors_similar.Ranking.rows

    def rows(self, **kwargs):
        result = original(self, **kwargs)
        POOLS.append(self.pool_used or "?")
        return result

    selectors_similar.Ranking.rows = rows


def pools_label() -> str:
    from collections import Counter

    counts = Counter(POOLS)
    total = sum(counts.values()) or 1
    return ", ".join(f"{name} {100 * n / total:.0f} %" for name, n in counts.most_common())


def measure(label, calls, n, warmup, connection, report):
    from django.test.utils import CaptureQueriesContext

    POOLS.clear()
    samples, cpu, sql = [], [], []
    for i, call in enumerate(calls[: n + warmup]):
        with Stopwatch(connection) as watch:
            call()
        if i >= warmup:
            samples.append(watch.ms)
            cpu.append(watch.cpu_ms)
            sql.append(watch.sql_ms)
    # What the same requests cost on the server alone (EXPLAIN ANALYZE), for a sample of subjects.
    server = []
    for call in calls[warmup : warmup + SERVER_SAMPLES]:
        with CaptureQueriesContext(connection) as captured:
            call()
        server.append(sum(explain_ms(q["sql"]) for q in captured.captured_queries))
    wall, c, s = summary(samples), summary(cpu), summary(sql)
    srv = percentile(server, 95)
    estimate = c["p95"] + srv
    flag = "  ← p95 ≥ 200 ms" if estimate >= TARGET_MS else ""
    print(
        f"{label:<52} {wall['p50']:>7.1f} {wall['p95']:>8.1f} {wall['max']:>8.1f} {c['p95']:>8.1f} "
        f"{s['p95']:>8.1f} {srv:>8.1f} {estimate:>8.1f}  {pools_label()}{flag}",
        flush=True,
    )
    report.append((label, estimate))


def main() -> int:
    args = parse_args()
    setup_client(args.allow_sqlite)
    from django.db import connection
    from django.test import Client

    from apps.accounts.models import User
    from apps.directory.selectors_similar import SimilarFilters, similar_page

    rng = random.Random(args.seed)
    track_pools()
    from apps.directory.models import Organisation

    print_banner("Banc « Qui me ressemble »", f"{Organisation.objects.count()} organisations")
    ensure_experiences(rng, args.experiences)
    total = args.n + args.warmup
    orgs = subjects(rng, total)
    while len(orgs) < total:
        orgs += orgs
    member = User.objects.filter(email=BENCH_USER_EMAIL).first()
    anonymous = Anonymous()
    print(f"N = {args.n} requêtes par scénario ({args.warmup} d'échauffement)\n")
    header = (
        f"{'scénario':<52} {'p50 ms':>7} {'p95 ms':>8} {'max ms':>8} {'p95 CPU':>8} {'p95 SQL':>8} "
        f"{'SQL srv':>8} {'estim.':>8}  classement lu dans"
    )
    print(header)
    print("-" * len(header))
    report: list = []

    def run(label, calls):
        measure(label, calls, args.n, args.warmup, connection, report)

    def selector(user, filters):
        return [lambda o=o: len(similar_page(o, user=user, filters=filters).results) for o in orgs]

    run("sélecteur, page 1 (visiteur)", selector(anonymous, SimilarFilters()))
    if member is not None:
        run("sélecteur, page 1 (membre connecté)", selector(member, SimilarFilters()))
    run("sélecteur, même région", selector(anonymous, SimilarFilters(same_region=True)))
    run("sélecteur, même taille", selector(anonymous, SimilarFilters(same_size=True)))
    run("sélecteur, a fait ce que vous envisagez", selector(anonymous, SimilarFilters(with_experience=True)))
    client = Client()

    def page(o, number=1):
        response = client.get(
            f"/annuaire/organisations/{o.slug}/similaires/", {"page": number} if number > 1 else {}
        )
        assert response.status_code == 200, response.status_code
        return 0

    run("GET …/similaires/ (page 1)", [lambda o=o: page(o) for o in orgs])
    run("GET …/similaires/?page=2", [lambda o=o: page(o, 2) for o in orgs])
    run("GET …/similaires/?page=5", [lambda o=o: page(o, 5) for o in orgs])

    def detail(o):
        response = client.get(o.get_absolute_url())
        assert response.status_code == 200, response.status_code
        return 0

    run("GET fiche d'organisation (bloc des 3 premières)", [lambda o=o: detail(o) for o in orgs])
    if member is not None:
        member_client = Client()
        member_client.force_login(member)

        def my_space():
            response = member_client.get("/mon-espace/")
            assert response.status_code == 200, response.status_code
            return 0

        run(
            "GET /mon-espace/ (membre du banc, bloc « Qui me ressemble »)",
            [my_space] * (args.n + args.warmup),
        )
    print(
        "\np50/p95/max : temps réel ; p95 CPU : temps processeur du processus Django ; p95 SQL : attente des "
        f"requêtes SQL (temps réel) ; SQL srv : p95, sur {SERVER_SAMPLES} sujets, du temps des requêtes d'une page "
        "côté PostgreSQL (EXPLAIN ANALYZE, meilleur de 3) ; estim. = p95 CPU + SQL srv : le p95 sur une machine "
        "non chargée (bench/README.md)."
    )
    missed = [label for label, estimate in report if estimate >= TARGET_MS]
    print(
        f"Objectif p95 < {TARGET_MS} ms " + ("manqué : " + ", ".join(missed) if missed else "tenu partout.")
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
