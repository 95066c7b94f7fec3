"""Generate a national-scale directory for the benchmark (bench/README.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/maillage_bench \
        .venv/bin/python bench/generate_directory.py [--organisations 35000] [--people 100000] [--reset]

Needs the territorial referential (`manage.py load_territories`, all of France). Organisations are
spread over the real communes and EPCI (every EPCI, département and région has its own card,
about 45 % of communes have one, associations, companies and state services sit in communes
weighted by population); people get categories, themes, memberships and consent like a real
network (88 % consented). Deterministic (`--seed`). Rows are marked: slugs start with `bench-`,
emails end with `@bench.maillage.test`; `--reset` removes them and generates again, and a run on
an already generated database does nothing.
"""

import random
import sys

from common import BENCH_DOMAIN, BENCH_PREFIX, BENCH_USER_EMAIL, bench_parser, bulk, log, setup_generator

BATCH = 2000

FIRST_NAMES = [
    "Marie",
    "Nathalie",
    "Isabelle",
    "Sylvie",
    "Catherine",
    "Sophie",
    "Christine",
    "Julie",
    "Camille",
    "Claire",
    "Sandrine",
    "Céline",
    "Aurélie",
    "Émilie",
    "Laura",
    "Manon",
    "Léa",
    "Chloé",
    "Inès",
    "Sarah",
    "Hélène",
    "Agnès",
    "Lucie",
    "Élodie",
    "Pauline",
    "Marion",
    "Jean",
    "Pierre",
    "Michel",
    "Philippe",
    "Alain",
    "Nicolas",
    "François",
    "Patrick",
    "Christophe",
    "Laurent",
    "Julien",
    "Thomas",
    "Antoine",
    "Lucas",
    "Hugo",
    "Mathieu",
    "Romain",
    "Vincent",
    "Olivier",
    "Karim",
    "Yannick",
    "Damien",
    "Benoît",
    "Guillaume",
    "Paul",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Lefèvre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Sanchez",
    "Gérard",
    "Nguyen",
    "Boyer",
    "Denis",
    "Lemaire",
    "Duval",
    "Joly",
    "Gautier",
    "Roger",
    "Roche",
    "Roy",
    "Noël",
    "Meyer",
]
FUNCTIONS = {
    "elected": (
        "Maire",
        "Adjoint·e à la transition écologique",
        "Vice-président·e environnement",
        "Conseiller·e délégué·e",
    ),
    "staff": (
        "Chargé·e de mission transition écologique",
        "Chef·fe de projet PCAET",
        "Animateur·rice PAT",
        "Responsable commande publique",
        "Technicien·ne énergie",
        "Directeur·rice des services techniques",
    ),
    "partner": (
        "Chargé·e de partenariats",
        "Animateur·rice de réseau",
        "Consultant·e",
        "Chargé·e d'études",
    ),
    "state": ("Chargé·e de mission CRTE", "Chef·fe de service aménagement", "Référent·e Fonds vert"),
    "other": ("Bénévole associatif·ve", "Habitant·e engagé·e", "Membre du conseil de développement"),
}
CATEGORY_WEIGHTS = {"elected": 25, "staff": 40, "partner": 15, "state": 8, "other": 12}
OTHER_TYPES = {
    "association": (45, ("Association", "Collectif", "Réseau", "Maison")),
    "company": (15, ("SCIC", "Coopérative", "Société")),
    "syndicate": (10, ("Syndicat intercommunal", "Syndicat mixte")),
    "consultancy": (8, ("Bureau d'études", "Agence conseil")),
    "state": (6, ("Sous-préfecture", "Service départemental")),
    "agency": (5, ("Agence locale de l'énergie", "Agence d'urbanisme")),
    "research": (4, ("Laboratoire", "Université")),
    "development_council": (4, ("Conseil de développement",)),
    "other": (3, ("Tiers-lieu", "Fondation")),
}
WORDS = [
    "transition",
    "énergie",
    "climat",
    "mobilité",
    "alimentation",
    "biodiversité",
    "eau",
    "sobriété",
    "réemploi",
    "vélo",
    "jardins",
    "paysage",
    "solidarité",
    "rénovation",
    "forêt",
    "zéro-déchet",
    "circuits-courts",
    "nature",
]


def parse_args():
    parser = bench_parser(__doc__, seed=42, reset="supprime les données générées puis régénère")
    parser.add_argument("--organisations", type=int, default=35_000)
    parser.add_argument("--people", type=int, default=100_000)
    return parser.parse_args()


def reset(started: float) -> None:
    from apps.accounts.models import User
    from apps.directory.models import Membership, Organisation, Person

    people = Person.objects.filter(slug__startswith=BENCH_PREFIX)
    organisations = Organisation.objects.filter(slug__startswith=BENCH_PREFIX)
    # Raw deletes of the link tables first: the ORM collector would load 300 000 rows otherwise.
    Membership.objects.filter(person__in=people)._raw_delete(Membership.objects.db)
    Membership.objects.filter(organisation__in=organisations)._raw_delete(Membership.objects.db)
    for through, column in (
        (Person.themes.through, "person__in"),
        (Person.resource_themes.through, "person__in"),
    ):
        through.objects.filter(**{column: people})._raw_delete(through.objects.db)
    Organisation.themes.through.objects.filter(organisation__in=organisations)._raw_delete(
        Organisation.objects.db
    )
    people._raw_delete(Person.objects.db)
    organisations.delete()
    User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()
    log("données générées précédentes supprimées", started)


def weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """k distinct items, drawn with probability proportional to weight (Efraimidis–Spirakis)."""
    keyed = sorted(((rng.random() ** (1 / w), i) for i, w in enumerate(weights)), reverse=True)
    return [items[i] for _, i in keyed[:k]]


def build_organisations(rng, territories, target: int):
    from apps.core.french import normalize
    from apps.directory.models import Organisation, OrganisationStatus

    regions = [t for t in territories if t["kind"] == "region"]
    departements = [t for t in territories if t["kind"] == "department"]
    epcis = [t for t in territories if t["kind"] == "epci"]
    communes = [t for t in territories if t["kind"] == "municipality"]
    if len(communes) < 1000:
        sys.exit(
            f"Seulement {len(communes)} communes en base : lancez d'abord "
            "`manage.py load_territories` (toute la France) sur cette base."
        )

    specs = []  # (territory, name, type, jitter)
    for t in regions:
        specs.append((t, f"Région {t['name']}", "region", False))
    for t in departements:
        specs.append((t, f"Département {t['name']}", "department", False))
    for t in epcis:
        specs.append((t, t["name"], "epci", False))
    remaining = max(0, target - len(specs))
    n_communes = min(len(communes), int(remaining * 0.45))
    weights = [((t["population"] or 50) ** 0.5) for t in communes]
    for t in weighted_sample(rng, communes, weights, n_communes):
        label = "Ville" if (t["population"] or 0) >= 10_000 else "Commune"
        specs.append((t, f"{label} de {t['name']}", "municipality", False))
    types = list(OTHER_TYPES)
    type_weights = [OTHER_TYPES[name][0] for name in types]
    population_weights = [(t["population"] or 50) + 500 for t in communes]
    others = max(0, target - len(specs))
    places = rng.choices(communes, weights=population_weights, k=others)
    kinds = rng.choices(types, weights=type_weights, k=others)
    for t, kind in zip(places, kinds, strict=True):
        prefix = rng.choice(OTHER_TYPES[kind][1])
        specs.append((t, f"{prefix} {rng.choice(WORDS)} {t['name']}", kind, True))

    statuses = rng.choices(
        [OrganisationStatus.ACTIVE, OrganisationStatus.PENDING, OrganisationStatus.REFUSED],
        weights=[96, 3, 1],
        k=len(specs),
    )
    rows = []
    for index, ((t, name, kind, jitter), status) in enumerate(zip(specs, statuses, strict=True)):
        latitude, longitude = t["latitude"], t["longitude"]
        if jitter and latitude is not None:
            latitude += rng.uniform(-0.01, 0.01)
            longitude += rng.uniform(-0.01, 0.01)
        rows.append(
            Organisation(
                name=name[:255],
                slug=f"{BENCH_PREFIX}o-{index:06d}",
                search_name=normalize(name)[:255],
                type=kind,
                status=status,
                territory_id=t["id"],
                # Denormalised exactly as Organisation.save() does (bulk_create skips save()).
                region_id=t["id"] if t["kind"] == "region" else t["region_id"],
                departement_id=t["id"] if t["kind"] == "department" else t["departement_id"],
                latitude=latitude,
                longitude=longitude,
                description=f"Organisation générée pour le banc d'essai ({kind}).",
                competences="Retours d'expérience, animation, ingénierie de projet.",
            )
        )
    return rows


def build_people(rng, count: int):
    from django.utils import timezone

    from apps.core.french import normalize
    from apps.directory.models import Person

    now = timezone.now()
    categories = rng.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()), k=count)
    rows = []
    for index, category in enumerate(categories):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        consent = rng.random() < 0.88
        rows.append(
            Person(
                first_name=first,
                last_name=last,
                slug=f"{BENCH_PREFIX}p-{index:06d}",
                search_name=normalize(f"{last} {first}"),
                category=category,
                function=rng.choice(FUNCTIONS[category]),
                email=f"p{index:06d}@{BENCH_DOMAIN}",
                contact_visibility=rng.choices(["public", "members", "hidden"], weights=[30, 55, 15])[0],
                directory_consent=consent,
                consent_at=now if consent else None,
            )
        )
    return rows


def main() -> None:
    args = parse_args()
    started = setup_generator(args.allow_sqlite)

    from django.db import connection, transaction
    from django.utils import timezone

    from apps.accounts.models import User
    from apps.directory.models import Membership, Organisation, Person
    from apps.territories.models import Territory
    from apps.themes.models import Theme

    existing_orgs = Organisation.objects.filter(slug__startswith=BENCH_PREFIX).count()
    existing_people = Person.objects.filter(slug__startswith=BENCH_PREFIX).count()
    if (existing_orgs or existing_people) and not args.reset:
        if existing_orgs == args.organisations and existing_people == args.people:
            print(f"Déjà généré ({existing_orgs} organisations, {existing_people} personnes) : rien à faire.")
            return
        sys.exit(
            f"Une génération différente existe ({existing_orgs} organisations, {existing_people} personnes) : "
            "relancez avec --reset."
        )

    rng = random.Random(args.seed)
    with transaction.atomic():
        if args.reset:
            reset(started)
        territories = list(
            Territory.objects.filter(
                kind__in=["region", "department", "epci", "municipality"], is_current=True
            )
            .order_by("kind", "code")
            .values(
                "id", "kind", "name", "population", "region_id", "departement_id", "latitude", "longitude"
            )
        )
        themes = list(Theme.objects.filter(is_active=True).values_list("id", flat=True))
        if not themes:
            sys.exit(
                "Aucune thématique : lancez `manage.py migrate` (la migration themes 0002 les installe)."
            )

        organisations = bulk(
            Organisation, build_organisations(rng, territories, args.organisations), started, "organisations"
        )
        OrgTheme = Organisation.themes.through
        bulk(
            OrgTheme,
            [
                OrgTheme(organisation_id=org.pk, theme_id=theme)
                for org in organisations
                for theme in rng.sample(themes, rng.randint(1, 4))
            ],
            started,
            "thématiques d'organisations",
        )

        people = bulk(Person, build_people(rng, args.people), started, "personnes")
        PersonTheme, ResourceTheme = Person.themes.through, Person.resource_themes.through
        person_themes, resource_themes = [], []
        for person in people:
            chosen = rng.sample(themes, rng.randint(0, 3))
            person_themes.extend(PersonTheme(person_id=person.pk, theme_id=t) for t in chosen)
            if chosen and rng.random() < 0.15:
                resource_themes.append(ResourceTheme(person_id=person.pk, theme_id=chosen[0]))
        bulk(PersonTheme, person_themes, started, "thématiques de personnes")
        bulk(ResourceTheme, resource_themes, started, "personnes ressources")

        org_ids = [org.pk for org in organisations]
        memberships, seen = [], set()
        for person in people:
            for org_id in rng.sample(org_ids, 2 if rng.random() < 0.15 else 1):
                if (person.pk, org_id) not in seen:
                    seen.add((person.pk, org_id))
                    memberships.append(
                        Membership(
                            person_id=person.pk,
                            organisation_id=org_id,
                            function=person.function,
                            is_referent=rng.random() < 0.15,
                        )
                    )
        bulk(Membership, memberships, started, "rattachements")

        # One login for the "logged-in member" measurements.
        user = User.objects.filter(email=BENCH_USER_EMAIL).first() or User(email=BENCH_USER_EMAIL)
        user.first_name, user.last_name, user.email_verified_at = "Membre", "Banc", timezone.now()
        user.set_unusable_password()
        user.save()
        Person.objects.filter(pk=people[0].pk).update(user=user)

    if connection.vendor == "postgresql":
        # What autovacuum would do after a while in production: statistics for the planner and a
        # visibility map, without which index-only scans (counts) still read the whole table.
        with connection.cursor() as cursor:
            for model in (
                Organisation,
                Person,
                Membership,
                Organisation.themes.through,
                Person.themes.through,
            ):
                cursor.execute(f'VACUUM ANALYZE "{model._meta.db_table}"')
        log("VACUUM ANALYZE", started)
    log(
        f"terminé : {Organisation.objects.count()} organisations, {Person.objects.count()} personnes, "
        f"{Membership.objects.count()} rattachements en base",
        started,
    )


if __name__ == "__main__":
    main()
