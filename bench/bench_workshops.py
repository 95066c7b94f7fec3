"""A workshop day at real scale: 4 ateliers, 300 participants, 1,000 proposals (docs/workshops.md).

    createdb -h 127.0.0.1 -U postgres maillage_bench_workshops
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/maillage_bench_workshops \
        .venv/bin/python manage.py migrate --settings=maillage.settings.test
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/maillage_bench_workshops \
        .venv/bin/python bench/bench_workshops.py [-n 30]

Measures, each through the code the product runs:
- set-up: the day, its ateliers, tables and questions, 300 participants, then the 1,000
  proposals through the import service (the path of a real annex table);
- data build: the booklet's data (figures, suggestions, sections, annexes) from the database;
- import preview of a 1,000-row CSV (apps.core.tabular + duplicate check against the 1,000 rows
  already there: every row is flagged);
- the booklet page (HTML, figures and suggestions recomputed): p50/p95 through Django's test Client;
- the booklet files: each format alone from one build of the data (PDF, ODT, DOCX), then the
  worker's task end to end (one data build, the three formats, storage), called in-process;
  `--profile pdf` (or odt, docx) prints and saves a cProfile of that format's rendering.
Targets of issue 12: build < 1 s, preview < 2 s, page p95 < 200 ms, PDF < 20 s. Exits 1 when missed.
Durations are wall-clock; the files also print the process's CPU time, the figure that does not
depend on what else the machine is running.
The day it creates is deleted at the end (`--keep` keeps it).
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

from common import (
    BENCH_PREFIX,
    Stopwatch,
    database_label,
    machine_label,
    require_database,
    setup_django,
    summary,
)

THEMES = [
    (
        "Mobilité",
        ["transport à la demande", "pistes cyclables", "covoiturage solidaire", "autopartage rural"],
    ),
    (
        "Énergie",
        [
            "rénovation énergétique",
            "réseaux de chaleur",
            "autoconsommation collective",
            "sobriété des bâtiments",
        ],
    ),
    (
        "Alimentation",
        ["circuits courts", "restauration collective", "jardins partagés", "projet alimentaire territorial"],
    ),
    ("Biodiversité", ["trame verte", "haies bocagères", "zéro artificialisation", "sciences participatives"]),
]
VERBS = ["Créer", "Développer", "Financer", "Accompagner", "Former les élus à", "Mutualiser", "Expérimenter"]
GOALS = [
    "réduire les émissions",
    "associer les habitants",
    "partager les retours d'expériences",
    "baisser les coûts",
]


def pdf_pages(content: bytes) -> int:
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(content)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True).stdout
    return next((int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:")), 0)


def annex_csv(rng, n: int) -> str:
    lines = ["atelier;table;question;piste;action;objectifs"]
    for i in range(n):
        title, expressions = THEMES[i % 4]
        expression = rng.choice(expressions)
        lines.append(
            f"{title};Table {1 + i % 6};{1 + i % 3};Piste {1 + i % 5} : {expression};"
            f"{rng.choice(VERBS)} {expression} ({i});{rng.choice(GOALS)} grâce à {rng.choice(expressions)}"
        )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="requêtes mesurées sur la page du livret")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--allow-sqlite", action="store_true")
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument("--keep", action="store_true", help="garder la journée créée (pour profiler)")
    parser.add_argument(
        "--profile",
        choices=["pdf", "odt", "docx"],
        help="profil cProfile d'un format (bench/out/workshops-<format>.prof)",
    )
    args = parser.parse_args()

    setup_django()
    require_database(args.allow_sqlite)
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.test.utils import override_settings

    from apps.accounts.models import User
    from apps.workshops import services, tasks
    from apps.workshops.imports import parse_proposals
    from apps.workshops.models import WorkshopBookletFile, WorkshopDay, WorkshopParticipant

    rng = random.Random(args.seed)
    print(f"Machine : {machine_label()}\nBase : {database_label()}\n")
    user, _ = User.objects.get_or_create(
        email="bench-ateliers@bench.maillage.test",
        defaults={"role": "animator", "first_name": "Banc", "last_name": "Ateliers"},
    )
    user.role = "animator"
    user.save()
    WorkshopDay.objects.filter(slug__startswith=f"{BENCH_PREFIX}journee").delete()
    failures = []

    # 1. Data build.
    clock = Stopwatch()
    with clock:
        day = services.day_create(
            user=user,
            data={"title": "Bench journée des transitions", "held_on": "2025-03-14", "place": "Albi"},
        )
        day.slug = f"{BENCH_PREFIX}journee-{rng.randrange(10**6)}"
        day.save(update_fields=["slug"])
        for position, (title, _) in enumerate(THEMES, start=1):
            atelier = services.atelier_create(user=user, day=day, data={"title": title, "position": position})
            for q in range(1, 4):
                services.question_create(
                    user=user, atelier=atelier, text=f"Question {q} de l'atelier {title} ?"
                )
        categories = ["elected", "staff", "partner", "state", "other"]
        WorkshopParticipant.objects.bulk_create(
            WorkshopParticipant(
                day=day,
                name=f"Personne {i}",
                category=categories[i % 5],
                organisation_name=f"Commune {i % 80}",
                organisation_type="municipality" if i % 7 else "epci",
                atelier_id=day.ateliers.all()[i % 4].pk if i < 4 else None,
            )
            for i in range(300)
        )
        csv = annex_csv(rng, 1000)
        preview = parse_proposals(SimpleUploadedFile("annexe.csv", csv.encode()), day)
        assert preview.ok, preview.errors[:3]
        batch = services.proposals_import(
            user=user, day=day, rows=preview.rows, decisions={}, source="annexe.csv"
        )
    assert batch.added == 1000, batch.added
    print(
        f"Mise en place (journée, 4 ateliers, 300 participant·es, import de 1 000 propositions) : {clock.ms / 1000:.2f} s"
    )

    # 1 bis. The booklet's data (figures, suggestions, sections, annexes) from the database.
    from apps.workshops.booklet import booklet_document

    times = []
    for _ in range(3):
        start = time.perf_counter()
        booklet_document(day)
        times.append(time.perf_counter() - start)
    build_s = min(times)
    print(f"Construction des données du livret : meilleur {build_s:.2f} s, pire {max(times):.2f} s")
    if build_s > 1.0:
        failures.append(f"données du livret {build_s:.2f} s > 1 s")

    # 2. Import preview of 1,000 rows against the 1,000 already there (all flagged as duplicates).
    times = []
    for _ in range(3):
        start = time.perf_counter()
        again = parse_proposals(SimpleUploadedFile("annexe.csv", csv.encode()), day)
        times.append(time.perf_counter() - start)
    assert len(again.duplicates) == 1000
    preview_s = min(times)
    print(
        f"Aperçu d'import de 1 000 lignes (1 000 doublons signalés) : meilleur {preview_s:.2f} s, pire {max(times):.2f} s"
    )
    if max(times) > 2.0:
        failures.append(f"aperçu {max(times):.2f} s > 2 s")

    # 3. Booklet page.
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(user)
    url = f"/ateliers/{day.slug}/livret/"
    for _ in range(3):
        assert client.get(url).status_code == 200
    samples = []
    for _ in range(args.n):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    stats = summary(samples)
    print(
        f"Page du livret ({args.n} requêtes) : p50 {stats['p50']:.0f} ms, p95 {stats['p95']:.0f} ms, max {stats['max']:.0f} ms"
    )
    if stats["p95"] > 200:
        failures.append(f"page p95 {stats['p95']:.0f} ms > 200 ms")

    # 4. Files. Each format alone from one build of the data, then the worker's task end to end
    # (one data build, then PDF, ODT and DOCX), called in-process as the worker calls it.
    if not args.skip_pdf:
        from apps.core.documents import render_file

        document = booklet_document(day)
        for fmt in ("pdf", "odt", "docx"):
            start, cpu = time.perf_counter(), time.process_time()
            if args.profile == fmt:
                import cProfile
                import pstats

                out = Path(__file__).resolve().parent / "out"
                out.mkdir(exist_ok=True)
                profiler = cProfile.Profile()
                content = profiler.runcall(render_file, document, fmt)[0]
                profiler.dump_stats(out / f"workshops-{fmt}.prof")
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
            else:
                content = render_file(document, fmt)[0]
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            pages = f", {pdf_pages(content)} pages" if fmt == "pdf" else ""
            print(
                f"{fmt.upper()} seul : {seconds:.1f} s, dont {cpu:.1f} s de processeur ({len(content) // 1024} Kio{pages})"
            )
            if fmt == "pdf" and seconds > 20:
                failures.append(f"PDF {seconds:.1f} s > 20 s")
        with override_settings(MAILLAGE_WORKSHOP_FILES_DEBOUNCE=0):
            start, cpu = time.perf_counter(), time.process_time()
            result = tasks.workshop_render_files.call(day_id=day.pk, force=True)
            files_s, cpu = time.perf_counter() - start, time.process_time() - cpu
        stored = {f.fmt: f.render_seconds for f in WorkshopBookletFile.objects.filter(day=day)}
        print(
            f"Tâche du worker (données une fois, puis PDF, ODT, DOCX) : {files_s:.1f} s, dont {cpu:.1f} s "
            f"de processeur ({result}) ; mise en page par format dans la tâche : "
            + ", ".join(f"{fmt.upper()} {stored[fmt]} s" for fmt in ("pdf", "odt", "docx"))
        )
        print(f"Charge de la machine (1, 5, 15 min) : {' '.join(f'{x:.1f}' for x in os.getloadavg())}")

    if args.keep:
        print(f"Journée conservée : /ateliers/{day.slug}/ (id {day.pk})")
    else:
        WorkshopDay.objects.filter(pk=day.pk).delete()
    if failures:
        print("\nObjectifs manqués : " + " ; ".join(failures))
        sys.exit(1)
    print("\nTous les objectifs sont tenus.")


if __name__ == "__main__":
    main()
