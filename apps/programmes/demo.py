"""Demo programme: the pilot-territories path of the seeds (note d'arbitrage), its phases and
sessions (events from apps.events.demo), its ten delegations and their support subjects.
Idempotent: keyed on slugs and (programme, organisation); support files are only filled in when
created, so that what a delegation wrote is kept."""

from apps.directory.models import Person
from apps.events.demo import find_org
from apps.events.models import Event
from apps.programmes.models import Enrolment, Phase, Programme, SupportFile

SLUG = "territoires-pilotes"

PHASES = [
    (
        "Journées Break & Inspiration",
        "Présentation du parcours aux délégations.",
        ["territoires-pilotes-break-inspiration"],
    ),
    (
        "Sous-groupes de pairs",
        "Trois demi-journées en visio par catégories d'acteurs (élus, techniciens, partenaires, DDT).",
        ["territoires-pilotes-pairs-1", "territoires-pilotes-pairs-2", "territoires-pilotes-pairs-3"],
    ),
    (
        "Approfondissements génériques et thématiques",
        "Trois journées méthodologiques et une journée thématique sur l'alimentation, en visio.",
        [
            "territoires-pilotes-vision-projet",
            "territoires-pilotes-management-cooperatif",
            "territoires-pilotes-alimentation",
            "territoires-pilotes-implication-citoyenne",
        ],
    ),
    (
        "Journée AGORA",
        "En présentiel à Paris, avec toutes les personnes des groupes de pairs.",
        ["territoires-pilotes-agora"],
    ),
    (
        "Dialogue territorial",
        "Sur chaque territoire, d'ici fin juin : une journée de rencontre avec les acteurs de l'économie locale et de l'ESS.",
        [],
    ),
    (
        "Accompagnement territorialisé et clôture",
        "Huit jours d'expert par territoire ; session de clôture en septembre, préparée avec les référents le 23 juin.",
        ["territoires-pilotes-preparation-cloture"],
    ),
]

# (organisation slug, short label, support subject) — from the note's table of orientations.
DELEGATIONS = [
    ("ville-d-annecy", "Annecy", "Projet concret à qualifier, thématique de l'énergie ou de l'alimentation."),
    ("ville-d-arras", "Arras", "Diagnostic à réaliser."),
    ("ville-de-beauvais", "Beauvais", "Commande publique."),
    ("ville-de-faverges-seythenex", "Faverges", "Valorisation-embellissement des espaces délaissés."),
    (
        "lomme",
        "Lomme",
        "Maison de l'alimentation durable en 2022. Réserve : quels projets opérationnels au sein de ce projet ?",
    ),
    (
        "petr-albigeois-bastides",
        "PETR Albigeois et Bastides",
        "Enjeux d'organisation et de coopération : amener les élus à comprendre le jeu de coopération entre "
        "acteurs et citoyens, à partir de pistes d'actions concrètes.",
    ),
    ("commune-de-reugny", "Reugny", "Valorisation des déchets organiques, pour une économie circulaire."),
    (
        "ville-de-rodez",
        "Rodez",
        "Besoin de formaliser : soit la Semaine du développement durable, soit le projet du PAT.",
    ),
    (
        "ville-de-saint-jean-de-braye",
        "Saint-Jean-de-Braye",
        "Deux pistes : accompagnement à la mise en récit pour être autonome, ou redéfinition du pôle ESS "
        "en s'appuyant sur la Foire des Courts-Circuits.",
    ),
    (
        "commune-de-vimy",
        "Vimy",
        "Modèle économique (économie de la fonctionnalité) de la cantine durable, dans les relations avec les "
        "écoles, les intervenants et les fournisseurs.",
    ),
]

QUESTIONS = (
    "Présentation du projet et de l'accompagnement envisagé\n"
    "Pourquoi ce choix ? En quoi permet-il d'appliquer les fondamentaux de la Fabrique, une victoire, un caillou blanc opérationnel ?\n"
    "Comment ? Ce qui a été réalisé, ce qui bloque, ce que vous voudriez faire, l'écosystème mobilisé, les compétences requises"
)


def load(*, stdout) -> None:
    programme, _ = Programme.objects.update_or_create(
        slug=SLUG,
        defaults={
            "title": "Parcours Territoires pilotes",
            "summary": "Dix délégations de territoires, des sessions entre pairs, des approfondissements et un accompagnement sur mesure.",
            "description": (
                "Le parcours réunit des délégations (élus, techniciens, partenaires, services de l'État) pour "
                "**muscler le jeu coopératif** sur leurs territoires. Animation : APFDT, avec la Fabrique des transitions."
            ),
            "organiser": find_org("fabrique-des-transitions", "La Fabrique des transitions"),
            "support_questions": QUESTIONS,
        },
    )
    events = {e.slug: e for e in Event.objects.filter(slug__startswith="territoires-pilotes-")}
    for position, (title, description, slugs) in enumerate(PHASES):
        phase, _ = Phase.objects.update_or_create(
            programme=programme, position=position, defaults={"title": title, "description": description}
        )
        phase.events.set([events[s] for s in slugs if s in events])
    count = 0
    for slug, label, subject in DELEGATIONS:
        org = find_org(slug)
        if org is None:
            continue
        enrolment, _ = Enrolment.objects.update_or_create(
            programme=programme, organisation=org, defaults={"label": label}
        )
        enrolment.members.set(Person.objects.filter(memberships__organisation=org, is_removed=False))
        SupportFile.objects.get_or_create(
            enrolment=enrolment, defaults={"subject": subject, "budget_days": 8}
        )
        count += 1
    stdout.write(f"  Parcours : « {programme.title} », {len(PHASES)} phases, {count} délégations")
