"""Fill the search index with N synthetic experience reports written in realistic French.

Straight bulk inserts into the document table (COPY on PostgreSQL, executemany on SQLite): the
bench measures the search, not the experience forms. Incremental: run with --total 10000, measure,
then --total 100000, measure, then --total 200000. The text is stemmed by apps.core.french, like
real documents — but per sentence of a precomputed pool, so 200 000 documents take about a minute.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/maillage_bench_search .venv/bin/python bench/generate_experiences.py --total 10000
    DATABASE_URL=sqlite:///var/bench_search.sqlite3 .venv/bin/python bench/generate_experiences.py --total 10000
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from apps.core.french import stemmed_text  # noqa: E402
from apps.experiences.models import Experience  # noqa: E402
from apps.search.backends import PG_CONFIG  # noqa: E402
from apps.search.models import PopulationBand, SearchDocument  # noqa: E402
from apps.search.services import theme_keys  # noqa: E402
from apps.territories.models import Kind, Territory  # noqa: E402
from apps.themes.models import Theme  # noqa: E402

DATA = ROOT / "node_modules" / "@etalab" / "decoupage-administratif" / "data"
BENCH_OBJECT_OFFSET = 10_000_000  # object ids of synthetic documents, far from real experiences

ACTIONS = [
    "Rénovation énergétique de", "Installation de", "Création d'", "Mise en place d'", "Réhabilitation de",
    "Végétalisation de", "Désimperméabilisation de", "Transformation de", "Animation d'", "Lancement d'",
    "Extension de", "Mutualisation de", "Expérimentation d'", "Construction de", "Reconversion de",
]  # fmt: skip
OBJECTS = [
    "l'école maternelle", "la cour d'école", "la salle des fêtes", "la chaufferie bois", "un réseau de chaleur",
    "une ombrière photovoltaïque", "une centrale villageoise", "un jardin partagé", "une ressourcerie",
    "une plateforme de compostage", "une piste cyclable", "un service de covoiturage", "un tiers-lieu",
    "une épicerie solidaire", "une cantine bio et locale", "un atlas de la biodiversité", "une haie bocagère",
    "la gestion des eaux pluviales", "l'éclairage public", "une maison de santé", "une recyclerie",
    "un verger conservatoire", "une forêt comestible", "une navette électrique", "un atelier vélo",
    "une conciergerie rurale", "un marché de producteurs", "une régie agricole", "la zone humide",
    "un budget participatif", "une plateforme de rénovation", "la trame noire", "une micro-crèche",
]  # fmt: skip
SENTENCES = {
    "context": [
        "La commune compte {n} habitants et se situe en zone {character}.",
        "Le territoire, {character}, subit des sécheresses répétées depuis {year}.",
        "Le projet est né d'une demande des habitants lors d'une réunion publique.",
        "Les bâtiments communaux consommaient beaucoup de fioul et de gaz.",
        "L'intercommunalité a inscrit l'action dans son plan climat-air-énergie territorial.",
        "Le conseil municipal a voté le projet à l'unanimité en {year}.",
        "La fermeture d'un commerce a déclenché une réflexion sur la vie du bourg.",
    ],
    "objectives": [
        "L'objectif est de réduire de {pct} % les consommations d'énergie.",
        "Il s'agit de favoriser les circuits courts et l'alimentation durable.",
        "Le projet vise à reconquérir la biodiversité et à renaturer les espaces publics.",
        "Les élus voulaient associer les citoyens à la transition écologique.",
        "Nous cherchions à développer les mobilités actives et le vélo au quotidien.",
        "L'ambition est de produire localement une énergie renouvelable.",
    ],
    "steps": [
        "Un diagnostic a été réalisé avec un bureau d'études en {year}.",
        "Les travaux ont duré {months} mois, pendant les vacances scolaires.",
        "Trois ateliers de concertation ont réuni {people} personnes.",
        "Un comité de pilotage se réunit chaque trimestre.",
        "Le marché public a été attribué à une entreprise locale.",
    ],
    "actors": [
        "Le syndicat d'énergie a apporté son ingénierie.",
        "Les associations locales ont animé les chantiers participatifs.",
        "Le parc naturel régional a accompagné la démarche.",
        "Les agriculteurs du secteur ont fourni la cantine.",
        "Un conseil en énergie partagé suit les consommations.",
    ],
    "budget": [
        "Le budget total atteint {amount} euros.",
        "Le projet a été financé par le Fonds vert, la région et la DETR.",
        "L'ADEME a subventionné l'étude de faisabilité.",
        "L'autofinancement de la commune représente {pct} % du coût.",
        "Une campagne de financement citoyen a réuni {amount} euros.",
    ],
    "results": [
        "La consommation de chauffage a baissé de {pct} %.",
        "{people} élèves ont participé aux animations.",
        "Le service compte désormais {people} usagers réguliers.",
        "La production annuelle couvre les besoins de {people} foyers.",
        "Les déchets collectés ont diminué de {pct} %.",
    ],
    "difficulties": [
        "Les délais de raccordement ont retardé le chantier de plusieurs mois.",
        "Le coût des matériaux a fortement augmenté pendant les travaux.",
        "La mobilisation des bénévoles s'est essoufflée la deuxième année.",
        "Certains riverains se sont opposés au projet.",
        "Le montage juridique s'est révélé plus complexe que prévu.",
        "Le suivi des indicateurs a manqué de moyens humains.",
    ],
    "transposability": [
        "Le projet est reproductible dans une commune rurale disposant d'un foncier communal.",
        "Il faut un élu porteur et un agent dédié au moins à mi-temps.",
        "La démarche est transposable à condition d'associer les habitants dès le départ.",
        "Adapter le dimensionnement à la taille du territoire est indispensable.",
    ],
}
CHARACTERS = ["rurale", "périurbaine", "urbaine", "littorale", "de montagne", "ultramarine"]
STATUSES = ["idea", "in_progress", "in_progress", "completed", "completed", "abandoned"]
BANDS = list(PopulationBand.values)


def fill(template: str, rng: random.Random) -> str:
    return template.format(
        n=rng.choice([350, 800, 1200, 2500, 4800, 12000, 45000]),
        character=rng.choice(CHARACTERS),
        year=rng.randint(2012, 2024),
        pct=rng.choice([10, 15, 20, 25, 30, 40, 50]),
        months=rng.randint(2, 18),
        people=rng.choice([12, 25, 40, 80, 150, 300]),
        amount=rng.choice(["15 000", "48 000", "120 000", "350 000", "1,2 million d'"]),
    )


def sentence_pool(rng: random.Random, size: int = 400) -> dict[str, list[tuple[str, str]]]:
    """Each section: `size` filled sentences with their stemmed form (computed once)."""
    pool = {}
    for section, templates in SENTENCES.items():
        items = []
        for _ in range(size):
            text = fill(rng.choice(templates), rng)
            items.append((text, stemmed_text(text)))
        pool[section] = items
    return pool


def ensure_territories() -> tuple[list[int], dict[int, list[int]]]:
    """Régions and départements from the official referential (no communes needed here)."""
    if not Territory.objects.filter(kind=Kind.DEPARTMENT).exists():
        regions = {
            r["code"]: Territory.objects.get_or_create(
                kind=Kind.REGION, code=r["code"], defaults={"name": r["nom"]}
            )[0]
            for r in json.loads((DATA / "regions.json").read_text())
        }
        for d in json.loads((DATA / "departements.json").read_text()):
            Territory.objects.get_or_create(
                kind=Kind.DEPARTMENT,
                code=d["code"],
                defaults={"name": d["nom"], "region": regions.get(d["region"])},
            )
    by_region: dict[int, list[int]] = {}
    for pk, region_id in Territory.objects.filter(kind=Kind.DEPARTMENT).values_list("pk", "region_id"):
        by_region.setdefault(region_id, []).append(pk)
    return list(by_region), by_region


def commune_names(rng: random.Random) -> list[tuple[str, str]]:
    names = [
        c["nom"] for c in json.loads((DATA / "communes.json").read_text()) if c["type"] == "commune-actuelle"
    ]
    rng.shuffle(names)
    return [(name, stemmed_text(name)) for name in names[:6000]]


def generate(total: int, *, seed: int = 42, batch: int = 5000) -> None:
    rng = random.Random(seed)
    content_type = ContentType.objects.get_for_model(Experience)
    existing = SearchDocument.objects.filter(
        content_type=content_type, object_id__gte=BENCH_OBJECT_OFFSET
    ).count()
    rng.seed(seed + existing)
    pool = sentence_pool(rng)
    communes = commune_names(rng)
    regions, departements = ensure_territories()
    themes = list(Theme.objects.values_list("pk", "name"))
    _vocabulary(pool, communes, themes)
    if existing >= total:
        print(f"{existing} documents synthétiques déjà présents (≥ {total}).")
        return
    theme_stems = {pk: stemmed_text(name) for pk, name in themes}
    start = time.perf_counter()
    now = datetime.now(UTC)
    vendor = connection.vendor
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS search_document_vector_gin")
    made = existing
    while made < total:
        n = min(batch, total - made)
        docs, links, fts = [], [], []
        for i in range(n):
            object_id = BENCH_OBJECT_OFFSET + made + i
            action, obj = rng.choice(ACTIONS), rng.choice(OBJECTS)
            commune, commune_st = rng.choice(communes)
            title = f"{action} {obj} à {commune}"
            title_st = f"{stemmed_text(action)} {stemmed_text(obj)} {commune_st}"
            picked = [rng.choice(pool[s]) for s in ("context", "objectives")]
            summary = " ".join(t for t, _ in picked)
            doc_themes = rng.sample(themes, rng.randint(1, 3))
            summary_st = (
                " ".join(st for _, st in picked) + " " + " ".join(theme_stems[pk] for pk, _ in doc_themes)
            )
            body_parts = [rng.choice(pool[s]) for s in SENTENCES for _ in range(rng.randint(1, 2))]
            body = " ".join(t for t, _ in body_parts)
            body_st = " ".join(st for _, st in body_parts)
            region = rng.choice(regions)
            departement = rng.choice(departements[region])
            doc_id = object_id  # explicit ids keep the three tables in step without a round trip
            docs.append(
                (
                    doc_id,
                    content_type.pk,
                    object_id,
                    "experience",
                    title,
                    summary,
                    body,
                    commune,
                    ", ".join(name for _, name in doc_themes),
                    region,
                    departement,
                    rng.choice(BANDS),
                    rng.choice(STATUSES),
                    (now - timedelta(days=rng.randint(0, 3650))).isoformat(),
                    "public",
                    f"/experiences/bench-{object_id}/",
                    now.isoformat(),
                    theme_keys([pk for pk, _ in doc_themes]),
                    "",  # audience: everyone the visibility allows
                )
            )
            links.extend((doc_id, pk) for pk, _ in doc_themes)
            fts.append((doc_id, title_st, summary_st, body_st, commune_st))
        with transaction.atomic():
            if vendor == "postgresql":
                _copy_postgres(docs, links, fts)
            else:
                _insert_sqlite(docs, links, fts)
        made += n
        print(f"  {made} documents ({time.perf_counter() - start:.0f} s)", flush=True)
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS search_document_vector_gin ON search_searchdocument USING GIN (vector)"
            )
            cursor.execute("ANALYZE")
        else:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")
    print(f"{made} documents au total, générés en {time.perf_counter() - start:.0f} s.")


def _vocabulary(pool, communes, themes):
    """The spelling-suggestion dictionary, as search_index_object would have filled it."""
    from apps.core.french import words
    from apps.search.models import SearchVocabulary

    found = set()
    texts = [*ACTIONS, *OBJECTS, *(name for name, _ in communes), *(name for _, name in themes)]
    texts += [text for section in ("context", "objectives") for text, _ in pool[section]]
    for text in texts:
        found.update(w for w in words(text) if 4 <= len(w) <= 60)
    SearchVocabulary.objects.bulk_create(
        [SearchVocabulary(word=w) for w in sorted(found)], ignore_conflicts=True
    )


COLUMNS = (
    "id, content_type_id, object_id, kind, title, summary, body, extra, themes_text, region_id, departement_id,"
    " population_band, status, date, visibility, url, indexed_at, theme_keys, audience"
)


def _copy_postgres(docs, links, fts):
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg 3 cursor: COPY is 10× faster than INSERT
        raw.execute(
            "CREATE TEMP TABLE IF NOT EXISTS bench_stage (id bigint, t text, s text, b text, r text) ON COMMIT DROP"
        )
        with raw.copy(f"COPY search_searchdocument ({COLUMNS}) FROM STDIN") as copy:
            for row in docs:
                copy.write_row(row)
        with raw.copy("COPY search_searchdocumenttheme (document_id, theme_id) FROM STDIN") as copy:
            for row in links:
                copy.write_row(row)
        with raw.copy("COPY bench_stage (id, t, s, b, r) FROM STDIN") as copy:
            for row in fts:
                copy.write_row(row)
        raw.execute(
            f"UPDATE search_searchdocument d SET vector = setweight(to_tsvector('{PG_CONFIG}', st.t), 'A')"
            f" || setweight(to_tsvector('{PG_CONFIG}', st.s), 'B') || setweight(to_tsvector('{PG_CONFIG}', st.b), 'C')"
            f" || setweight(to_tsvector('{PG_CONFIG}', st.r), 'D') FROM bench_stage st WHERE d.id = st.id"
        )


def _insert_sqlite(docs, links, fts):
    with connection.cursor() as cursor:
        placeholders = ", ".join(["%s"] * 19)
        cursor.executemany(f"INSERT INTO search_searchdocument ({COLUMNS}) VALUES ({placeholders})", docs)
        cursor.executemany(
            "INSERT INTO search_searchdocumenttheme (document_id, theme_id) VALUES (%s, %s)", links
        )
        cursor.executemany(
            "INSERT INTO search_fts(rowid, title, summary, body, rest) VALUES (%s, %s, %s, %s, %s)", fts
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--total", type=int, default=10_000, help="nombre total de documents synthétiques visé"
    )
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    generate(args.total, seed=args.seed)
