"""The annual report and the evaluation results on a national-scale network: time to build the
report's data (cold), server time of the report page (warm: figures kept FRESH_SECONDS in the
shared cache) and of the evaluation's results page (bench/README-report.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/report_bench \
        .venv/bin/python bench/bench_report.py [-n 30] [--warmup 3] [--builds 3] [--year 2025]
"""

import datetime
import sys
import time

from common import BENCH_DOMAIN, Stopwatch, bench_parser, print_banner, setup_client, summary


def parse_args():
    parser = bench_parser(__doc__, n=30, warmup=3, per="page")
    parser.add_argument(
        "--builds", type=int, default=3, help="constructions à froid des données du bilan (3)"
    )
    parser.add_argument("--year", type=int, default=None, help="année du bilan (par défaut l'an dernier)")
    parser.add_argument(
        "--documents",
        action="store_true",
        help="produit aussi les fichiers PDF, ODT et DOCX (la fonction de la tâche du worker)",
    )
    return parser.parse_args()


class Counted:
    """Number of SQL statements run inside the block (Django's query log needs DEBUG)."""

    def __init__(self, connection):
        self.connection, self.count = connection, 0

    def _count(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self._wrapper = self.connection.execute_wrapper(self._count)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)

    def __len__(self):
        return self.count


def pages(client, path, n, warmup, before=None):
    from django.db import connection

    samples, cpu, statuses = [], [], set()
    for index in range(warmup + n):
        if before is not None:
            before()
        with Stopwatch(connection) as watch:
            response = client.get(path)
        statuses.add(response.status_code)
        if index >= warmup:
            samples.append(watch.ms)
            cpu.append(watch.cpu_ms)
    stats = summary(samples)
    stats["cpu_p95"] = summary(cpu)["p95"]
    return stats, statuses


def main():
    args = parse_args()
    setup_client(args.allow_sqlite)
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from apps.accounts.models import Role, User
    from apps.directory.models import Organisation, Person
    from apps.evaluations.models import EvaluationAnswer, EvaluationResponse, Survey
    from apps.events.models import Event, Registration
    from apps.reports import selectors, services

    year = args.year or timezone.localdate().year - 1
    survey = Survey.objects.filter(title__startswith="[banc]").first()
    if survey is None:
        sys.exit("Lancez d'abord generate_directory.py, generate_activity.py puis generate_evaluation.py.")
    animator, _ = User.objects.get_or_create(
        email=f"animation@{BENCH_DOMAIN}",
        defaults={"role": Role.ANIMATOR, "first_name": "Animatrice", "last_name": "Banc"},
    )
    report = services.report_create(
        user=animator, start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31)
    )
    start, end = report.start, report.end
    print_banner(
        "Banc bilan annuel",
        f"{Organisation.objects.count()} organisations, {Person.objects.count()} personnes, "
        f"{Event.objects.filter(start__year=year).count()} événements en {year} "
        f"({Registration.objects.filter(event__start__year=year).count()} inscriptions), "
        f"{EvaluationResponse.objects.filter(survey=survey).count()} réponses à l'évaluation "
        f"({EvaluationAnswer.objects.filter(response__survey=survey).count()} réponses aux questions)",
    )
    print(f"Bilan du {start:%d/%m/%Y} au {end:%d/%m/%Y} et période précédente\n")

    from apps.cockpit.figures import Period
    from apps.evaluations import selectors as evaluation_selectors
    from apps.reports import figures

    period = Period(start=start, end=end)
    parts = [
        ("activité de la période", lambda: figures.activity(period)),
        ("croissance de la période", lambda: figures.growth(period)),
        (
            "activité + croissance, période précédente",
            lambda: figures.report_figures(figures.previous_period(period)),
        ),
        ("résultats de l'évaluation", lambda: evaluation_selectors.results(survey)),
    ]
    print(f"{'partie (à froid)':<44} {'réel ms':>8} {'CPU ms':>8} {'SQL ms':>8} {'requêtes':>8}")
    for name, part in parts:
        with Stopwatch(connection) as watch, Counted(connection) as captured:
            part()
        print(
            f"{name:<44} {watch.ms:>8.0f} {watch.cpu_ms:>8.0f} {watch.sql_ms:>8.0f} {len(captured):>8}",
            flush=True,
        )
    builds = []
    for _ in range(args.builds):
        cache.clear()
        with Stopwatch(connection) as watch:
            content = selectors.build(report)
        builds.append(watch)
    a = content.figures.activity
    best = min(builds, key=lambda w: w.ms)
    print(
        f"\nConstruction complète des données (à froid, {args.builds} fois) : réel min {best.ms:.0f} ms / max "
        f"{max(w.ms for w in builds):.0f} ms ; la meilleure : CPU {best.cpu_ms:.0f} ms + SQL {best.sql_ms:.0f} ms — "
        f"{a.events} événements, {a.present} présences, {content.figures.growth.organisations} nouvelles "
        f"organisations, {len(content.evaluations)} évaluation(s)"
    )
    client = Client()
    client.force_login(animator)
    cache.clear()
    began = time.perf_counter()
    first = client.get(report.get_absolute_url())
    print(
        f"Page du bilan, cache froid (1re requête) : {(time.perf_counter() - began) * 1000:.0f} ms, HTTP {first.status_code}"
    )
    from apps.evaluations.services import survey_results_changed

    def new_answer():
        # What a new answer does to the results page: a new generation, so a recomputation.
        survey_results_changed(survey=survey)

    results_path = f"/evaluations/{survey.slug}/resultats/"
    print(f"\n{'page':<44} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'p95 CPU':>8}  remarque")
    for name, path, before, n in [
        ("bilan annuel (cache chaud)", report.get_absolute_url(), None, args.n),
        ("résultats de l'évaluation", results_path, None, args.n),
        ("résultats, juste après une réponse (recalcul)", results_path, new_answer, max(5, args.n // 3)),
        ("liste des bilans", "/bilans/", None, args.n),
    ]:
        with Counted(connection) as captured:
            client.get(path)
        stats, statuses = pages(client, path, n, args.warmup, before=before)
        note = f"{len(captured)} requêtes SQL" + ("" if statuses == {200} else f", HTTP {sorted(statuses)}")
        print(
            f"{name:<44} "
            + " ".join(f"{stats[k]:>8.1f}" for k in ("p50", "p95", "max", "cpu_p95"))
            + f"  {note}",
            flush=True,
        )
    if args.documents:
        from apps.reports.tasks import report_documents_produce

        with Stopwatch(connection) as watch:
            produced = report_documents_produce(report=report)
        print(
            f"\nFichiers du bilan (fonction de la tâche du worker, chiffres recalculés) : {watch.ms:.0f} ms au total, "
            f"CPU {watch.cpu_ms:.0f} ms — "
            + ", ".join(
                f"{item.format.upper()} {item.duration_ms} ms ({item.size // 1024} Kio)" for item in produced
            )
        )
    print(
        "\nTemps réel par requête, client de test dans le processus (sans réseau). Les chiffres du bilan sont\n"
        f"recalculés quand ils ont plus de {selectors.FRESH_SECONDS} s (ou sur « Recalculer ») : la page chaude lit le cache."
    )


if __name__ == "__main__":
    main()
