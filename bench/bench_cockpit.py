"""Server time of the cockpit, the moderation queue, "Mon espace" and the home page on a
national-scale network (bench/README-cockpit.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cockpit_bench \
        .venv/bin/python bench/bench_cockpit.py [-n 50] [--warmup 5] [--only animation]

Like bench_directory.py: N requests per scenario through Django's test Client, in-process,
after a warm-up; p50/p95/max of the wall time, p95 of the process's CPU time, SQL queries of one
request, and their server-side time (EXPLAIN ANALYZE, best of 3).
"""

import datetime
import sys

from common import BENCH_DOMAIN, Stopwatch, bench_parser, explain_ms, print_banner, setup_client, summary


def parse_args():
    parser = bench_parser(__doc__, n=50, warmup=5)
    parser.add_argument("--only", default="", help="seulement les scénarios dont le nom contient ce texte")
    return parser.parse_args()


def scenarios(today):
    twelve = {"du": (today - datetime.timedelta(days=364)).isoformat(), "au": today.isoformat()}
    thirty = {"du": (today - datetime.timedelta(days=29)).isoformat(), "au": today.isoformat()}
    two_years = {"du": (today - datetime.timedelta(days=729)).isoformat(), "au": today.isoformat()}
    return [
        ("animation : chiffres, 12 mois", "/animation/", twelve, "animator"),
        ("animation : chiffres, 30 jours", "/animation/", thirty, "animator"),
        ("animation : chiffres, 2 ans", "/animation/", two_years, "animator"),
        ("animation : liste membres actifs 90 j", "/animation/chiffres/actifs-90/", twelve, "animator"),
        ("animation : liste organisations", "/animation/chiffres/organisations/", twelve, "animator"),
        ("animation : liste événements", "/animation/chiffres/evenements/", twelve, "animator"),
        ("animation : file de modération", "/animation/moderation/", {}, "animator"),
        ("animation : file, questions", "/animation/moderation/", {"type": "questions"}, "animator"),
        ("mon espace", "/mon-espace/", {}, "member"),
        ("mon espace : activité", "/mon-espace/activite/", {}, "member"),
        ("accueil, visiteur", "/", {}, None),
        ("accueil, membre", "/", {}, "member"),
    ]


def users():
    from apps.accounts.models import Role, User

    animator, _ = User.objects.get_or_create(
        email=f"animation@{BENCH_DOMAIN}",
        defaults={"role": Role.ANIMATOR, "first_name": "Animatrice", "last_name": "Banc"},
    )
    # A member with an organisation, themes and registrations: the busiest "Mon espace".
    member = (
        User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}", person__memberships__isnull=False)
        .order_by("pk")
        .first()
    )
    return {"animator": animator, "member": member}


def run(path, params, user, n, warmup):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if user is not None:
        client.force_login(user)
    samples, cpu, statuses = [], [], set()
    for index in range(warmup + n):
        with Stopwatch(connection) as watch:
            response = client.get(path, params)
        statuses.add(response.status_code)
        if index >= warmup:
            samples.append(watch.ms)
            cpu.append(watch.cpu_ms)
    with CaptureQueriesContext(connection) as captured:
        client.get(path, params)
    server_sql = sum(explain_ms(q["sql"]) for q in captured.captured_queries)
    stats = summary(samples)
    stats["cpu_p95"] = summary(cpu)["p95"]
    stats["server_sql"] = server_sql
    note = f"{len(captured)} requêtes SQL" + (
        "" if statuses == {200} else f", statuts HTTP {sorted(statuses)}"
    )
    return stats, note


def main():
    args = parse_args()
    setup_client(args.allow_sqlite)
    from django.utils import timezone

    from apps.accounts.models import User
    from apps.directory.models import Organisation, Person
    from apps.questions.models import Question

    people = users()
    if people["member"] is None:
        sys.exit("Lancez d'abord bench/generate_directory.py puis bench/generate_activity.py.")
    print_banner(
        "Banc cockpit",
        f"{Organisation.objects.count()} organisations, {Person.objects.count()} personnes, "
        f"{User.objects.count()} comptes, {Question.objects.count()} questions",
    )
    print(f"N = {args.n} requêtes mesurées par scénario, {args.warmup} d'échauffement\n")
    columns = ("p50 ms", "p95 ms", "max ms", "p95 CPU", "SQL srv")
    header = f"{'scénario':<40} " + " ".join(f"{c:>8}" for c in columns) + "  remarque"
    print(header)
    print("-" * len(header))
    for name, path, params, who in scenarios(timezone.localdate()):
        if args.only and args.only not in name:
            continue
        stats, note = run(path, params, people[who] if who else None, args.n, args.warmup)
        keys = ("p50", "p95", "max", "cpu_p95", "server_sql")
        print(f"{name:<40} " + " ".join(f"{stats[k]:>8.1f}" for k in keys) + f"  {note}", flush=True)
    print(
        "\np50/p95/max : temps réel par requête (client de test, dans le processus) ; p95 CPU : temps\n"
        "processeur du processus Django ; SQL srv : temps des requêtes d'une requête HTTP côté PostgreSQL\n"
        "(EXPLAIN ANALYZE, meilleur de 3). Les caches (réglages, compteurs) sont chauds après l'échauffement."
    )


if __name__ == "__main__":
    main()
