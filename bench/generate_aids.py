"""Generate a national-scale aid directory for the eligibility-search benchmark (docs/aids.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/maillage_bench_aids \
        .venv/bin/python bench/generate_aids.py [--aids 20000] [--reset] [--seed 42]

Needs the territorial referential (`manage.py load_territories`, all of France). Aids are spread
over real perimeters like on Aides-territoires: 10 % national, 15 % régional, 30 % départemental,
33 % intercommunal, 5 % communal, 7 % on territoires de projet (60 generated ones, each grouping
EPCIs of one département, plus the real EPTs). Beneficiaries, themes, kinds, rates and dates are
drawn at random (deterministic with --seed); 15 % of aids are closed, 30 % have no closing date.
Generated rows are marked: aids have source "bench", projects a code starting with "bench-".
`--reset` removes them first; a run on an already generated database does nothing.
"""

import datetime
import random
import sys
import time

from common import bench_parser, database_label, require_database, setup_django

BATCH = 2000
SOURCE = "bench"

SUBJECTS = [
    "rénovation énergétique des bâtiments publics",
    "rénovation des écoles",
    "éclairage public économe",
    "mobilité douce et pistes cyclables",
    "covoiturage et transport à la demande",
    "restauration de la biodiversité",
    "renaturation des cours d'école",
    "gestion de l'eau et des milieux aquatiques",
    "alimentation locale et projet alimentaire territorial",
    "prévention et tri des déchets",
    "recyclage des friches",
    "adaptation au changement climatique",
    "réseaux de chaleur et bois énergie",
    "photovoltaïque sur les toitures publiques",
    "revitalisation des centres-bourgs",
    "tiers-lieux et économie sociale et solidaire",
    "sensibilisation à la transition écologique",
    "plantation de haies bocagères",
    "lutte contre les îlots de chaleur",
    "accompagnement des projets citoyens d'énergie",
]
PREFIXES = [
    "Aide à la",
    "Soutien à la",
    "Appel à projets :",
    "Programme",
    "Fonds pour la",
    "Accompagnement de la",
]
WORDS = [
    "projet",
    "territoire",
    "commune",
    "collectivité",
    "investissement",
    "étude",
    "diagnostic",
    "travaux",
    "ingénierie",
    "animation",
    "accompagnement",
    "financement",
    "subvention",
    "dépense",
    "éligible",
    "plafond",
    "dossier",
    "dépôt",
    "critère",
    "transition",
    "écologique",
    "énergie",
    "climat",
    "sobriété",
    "habitants",
    "association",
    "partenariat",
    "innovation",
]
BENEFICIARY_WEIGHTS = [
    ("municipality", 0.8),
    ("epci", 0.7),
    ("department", 0.3),
    ("region", 0.2),
    ("association", 0.45),
    ("company", 0.3),
    ("public_body", 0.35),
    ("farmer", 0.15),
    ("individual", 0.1),
    ("research", 0.05),
]
KINDS = ["grant"] * 6 + [
    "loan",
    "engineering",
    "engineering",
    "call_for_projects",
    "call_for_projects",
    "training",
    "other",
]


def make_projects(rng, Territory, Kind, count=60):
    epcis_by_dept = {}
    for epci_id, dept_id in Territory.objects.filter(kind=Kind.EPCI).values_list("pk", "departement_id"):
        epcis_by_dept.setdefault(dept_id, []).append(epci_id)
    depts = [d for d, ids in epcis_by_dept.items() if d and len(ids) >= 3]
    projects = []
    for n in range(count):
        dept = rng.choice(depts)
        project = Territory.objects.create(
            kind=Kind.PROJECT, code=f"bench-P{n:03d}", name=f"Pays de test {n}", project_kind="petr"
        )
        project.members.set(
            rng.sample(epcis_by_dept[dept], k=min(len(epcis_by_dept[dept]), rng.randint(3, 8)))
        )
        projects.append(project.pk)
    return projects


def main():
    parser = bench_parser(__doc__, seed=42, reset="supprime les aides générées puis régénère")
    parser.add_argument("--aids", type=int, default=20000)
    args = parser.parse_args()

    setup_django()
    require_database(args.allow_sqlite)
    from django.db import transaction

    from apps.aids.models import Aid, encode_beneficiaries
    from apps.core.french import normalize
    from apps.territories.models import Kind, Territory
    from apps.themes.models import Theme

    print(f"Base : {database_label()}")
    if args.reset:
        Aid.objects.filter(source=SOURCE).delete()
        Territory.objects.filter(kind=Kind.PROJECT, code__startswith="bench-").delete()
    if Aid.objects.filter(source=SOURCE).exists():
        print("Aides de banc déjà générées (--reset pour recommencer).")
        return
    if Territory.objects.filter(kind=Kind.MUNICIPALITY).count() < 30000:
        sys.exit("Chargez d'abord le référentiel : manage.py load_territories")
    themes = list(Theme.objects.values_list("pk", flat=True))
    if not themes:
        sys.exit("Aucune thématique : lancez les migrations (thématiques par défaut) ou load_demo.")

    rng = random.Random(args.seed)
    started = time.perf_counter()
    with transaction.atomic():
        projects = make_projects(rng, Territory, Kind) + list(
            Territory.objects.filter(kind=Kind.EPT).values_list("pk", flat=True)
        )
        by_kind = {
            kind: list(Territory.objects.filter(kind=kind).values_list("pk", flat=True))
            for kind in (Kind.REGION, Kind.DEPARTMENT, Kind.EPCI, Kind.MUNICIPALITY)
        }
        today = datetime.date.today()
        aids, aid_themes = [], []
        Through = Aid.themes.through
        for n in range(args.aids):
            roll = rng.random()
            if roll < 0.10:
                perimeter = None
            elif roll < 0.25:
                perimeter = rng.choice(by_kind[Kind.REGION])
            elif roll < 0.55:
                perimeter = rng.choice(by_kind[Kind.DEPARTMENT])
            elif roll < 0.88:
                perimeter = rng.choice(by_kind[Kind.EPCI])
            elif roll < 0.93:
                perimeter = rng.choice(by_kind[Kind.MUNICIPALITY])
            else:
                perimeter = rng.choice(projects)
            beneficiaries = [code for code, weight in BENEFICIARY_WEIGHTS if rng.random() < weight] or [
                "municipality"
            ]
            subject = rng.choice(SUBJECTS)
            title = f"{rng.choice(PREFIXES)} {subject} n° {n}"
            description = f"{subject.capitalize()}. " + " ".join(rng.choice(WORDS) for _ in range(60))
            date_roll = rng.random()
            if date_roll < 0.30:
                close_date, recurrence = None, rng.choice(["permanent", "recurring"])
            elif date_roll < 0.45:
                close_date, recurrence = today - datetime.timedelta(days=rng.randint(1, 700)), "one_off"
            else:
                close_date, recurrence = today + datetime.timedelta(days=rng.randint(0, 400)), "one_off"
            rate_max = rng.choice([None, 20, 30, 40, 50, 60, 80, 100])
            aids.append(
                Aid(
                    title=title,
                    slug=f"bench-aide-{n}",
                    search_text=normalize(f"{title} {description}"),
                    description=description,
                    kind=rng.choice(KINDS),
                    status="published" if rng.random() < 0.97 else "draft",
                    beneficiaries=encode_beneficiaries(beneficiaries),
                    perimeter_id=perimeter,
                    rate_max=rate_max,
                    amount_max=rng.choice([None, 1500, 10000, 50000, 200000]),
                    close_date=close_date,
                    recurrence=recurrence,
                    source=SOURCE,
                    external_id=str(n),
                )
            )
            if len(aids) >= BATCH:
                _flush(Aid, Through, aids, aid_themes, themes, rng)
        _flush(Aid, Through, aids, aid_themes, themes, rng)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE aids_aid; ANALYZE aids_aid_themes; ANALYZE territories_territory_members;"
            )
    print(
        f"{Aid.objects.filter(source=SOURCE).count()} aides générées en {time.perf_counter() - started:.1f} s."
    )


def _flush(Aid, Through, aids, aid_themes, themes, rng):
    created = Aid.objects.bulk_create(aids)
    rows = []
    for aid in created:
        for theme_id in rng.sample(themes, k=rng.randint(1, 3)):
            rows.append(Through(aid_id=aid.pk, theme_id=theme_id))
    Through.objects.bulk_create(rows)
    aids.clear()
    aid_themes.clear()


if __name__ == "__main__":
    main()
