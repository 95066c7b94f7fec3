"""Demo agenda (called by `manage.py load_demo`, in a transaction). Idempotent: events are keyed
on a fixed slug. Built from the seeds: the ADEME regional climate network (webinars, meeting
days, training on public participation, animated with Missions Publiques) and the sessions of
the pilot-territories programme (note d'arbitrage). The programme's 2022 calendar is moved to
2027, keeping days and months, so that the demo agenda has upcoming events."""

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from apps.directory.models import Organisation
from apps.events.models import Audience, Event, EventKind, EventStatus
from apps.search.services import search_index_object
from apps.territories.models import Kind, Territory
from apps.themes.models import Theme

PARIS = ZoneInfo("Europe/Paris")


def find_org(slug: str, name: str = "") -> Organisation | None:
    """Demo organisations by slug, else by exact name: they exist when the directory demo ran."""
    org = Organisation.objects.filter(slug=slug).first()
    if org is None and name:
        org = Organisation.objects.filter(name=name).first()
    return org


def at(day: str, hour: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour}").replace(tzinfo=PARIS)


@dataclass
class Spec:
    slug: str
    title: str
    kind: str
    start: datetime
    end: datetime
    summary: str
    description: str = ""
    online: bool = True
    place: str = ""
    commune: tuple[str, str] | None = None  # (name, département)
    organisers: tuple[str, ...] = ()
    co_organisers: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    audience: str = Audience.OPEN
    capacity: int | None = None
    replay: str = ""
    report: str = ""
    timezone_name: str = "Europe/Paris"
    extra: dict = field(default_factory=dict)


ADEME = ("ademe", "missions-publiques")
PILOT = ("fabrique-des-transitions",)
PILOT_INTRO = (
    "Temps du parcours **Territoires pilotes**, animé par l'APFDT. Les participants ne sont pas limités "
    "aux membres des délégations, à condition de jouer le jeu de la transmission et d'une participation active."
)

EVENTS = [
    # ADEME regional network (seed 004).
    Spec(
        "webinaire-conversations-carbone",
        "Webinaire : les conversations carbone, une innovation sociale venue des associations",
        EventKind.WEBINAIRE,
        at("2026-10-08", "11:00"),
        at("2026-10-08", "12:30"),
        "Retour sur les conversations carbone et les collectifs Énergie partagée, avec les acteurs associatifs du réseau.",
        organisers=ADEME[:1],
        co_organisers=ADEME[1:],
        themes=("energie", "climat-carbone"),
        replay="https://replay.exemple.fr/conversations-carbone",
        report=(
            "## Ce qu'il faut retenir\n\n"
            "- Les conversations carbone réunissent 6 à 8 habitants sur six séances.\n"
            "- Les collectivités peuvent les relayer sans les animer elles-mêmes.\n\n"
            "Le guide méthodologique de la concertation dans les plans climat est en libre accès."
        ),
    ),
    Spec(
        "webinaire-stockage-carbone-sols",
        "Webinaire : le stockage du carbone dans les sols",
        EventKind.WEBINAIRE,
        at("2027-01-14", "11:00"),
        at("2027-01-14", "12:30"),
        "Un sujet émergent des plans climat : comment les sols agricoles et forestiers stockent le carbone, "
        "et ce que les territoires peuvent faire.",
        organisers=ADEME[:1],
        co_organisers=ADEME[1:],
        themes=("alimentation", "climat-carbone"),
        capacity=150,
    ),
    Spec(
        "webinaire-strategies-alimentation",
        "Webinaire : les stratégies territoriales de l'alimentation",
        EventKind.WEBINAIRE,
        at("2027-02-04", "11:00"),
        at("2027-02-04", "12:30"),
        "Projets alimentaires territoriaux : gouvernance, filières, restauration collective.",
        organisers=ADEME[:1],
        co_organisers=ADEME[1:],
        themes=("alimentation",),
        capacity=150,
    ),
    Spec(
        "webinaire-flash-adaptation",
        "Webinaire flash : sensibiliser à l'adaptation au changement climatique",
        EventKind.WEBINAIRE_FLASH,
        at("2027-03-04", "12:30"),
        at("2027-03-04", "13:15"),
        "Trois outils de sensibilisation testés sur le terrain, en 45 minutes.",
        organisers=ADEME[:1],
        co_organisers=ADEME[1:],
        themes=("adaptation-changement-climatique",),
    ),
    Spec(
        "rencontre-reseau-mobilite-rurale",
        "Journée de rencontre du réseau : la mobilité durable en zone rurale",
        EventKind.RENCONTRE,
        at("2027-04-15", "09:30"),
        at("2027-04-15", "17:00"),
        "Visite de terrain, apports didactiques, speed dating et supervision collective entre membres du réseau.",
        description=(
            "Au programme : une visite de terrain le matin, des apports didactiques, un *speed dating* "
            "entre pairs et un temps de supervision collective l'après-midi."
        ),
        online=False,
        place="Maison de la mobilité",
        commune=("Annecy", "74"),
        organisers=ADEME[:1],
        co_organisers=ADEME[1:],
        themes=("mobilite",),
        audience=Audience.MEMBERS,
        capacity=60,
    ),
    Spec(
        "formation-concertation-plans-climat",
        "Formation-action des élus et des agents : la concertation dans les plans climat",
        EventKind.FORMATION,
        at("2027-05-20", "09:30"),
        at("2027-05-20", "17:00"),
        "Concevoir et animer une concertation : world café, ateliers prospectifs, diagnostic partagé.",
        online=False,
        place="Salle du conseil communautaire",
        commune=("Rodez", "12"),
        organisers=ADEME[1:],
        co_organisers=ADEME[:1],
        themes=("participation-citoyenne", "climat-carbone"),
        capacity=25,
    ),
    Spec(
        "reunion-tco-la-reunion",
        "Atelier : adaptation du littoral à La Réunion",
        EventKind.ATELIER,
        at("2027-02-11", "09:00").replace(tzinfo=ZoneInfo("Indian/Reunion")),
        at("2027-02-11", "12:00").replace(tzinfo=ZoneInfo("Indian/Reunion")),
        "Un atelier ouvert aux territoires ultramarins, à l'heure de La Réunion.",
        organisers=("tco-la-reunion",),
        themes=("adaptation-changement-climatique",),
        timezone_name="Indian/Reunion",
    ),
    # Pilot-territories programme (seed 002).
    Spec(
        "territoires-pilotes-break-inspiration",
        "Journées Break & Inspiration du parcours Territoires pilotes",
        EventKind.RENCONTRE,
        at("2027-01-20", "09:30"),
        at("2027-01-21", "17:00"),
        "Présentation des prochains temps du parcours aux délégations et premières propositions d'accompagnement.",
        organisers=PILOT,
        audience=Audience.MEMBERS,
        report="Les 8 arbitrages attendus des délégations sont récapitulés dans la note d'arbitrage.",
    ),
    Spec(
        "territoires-pilotes-pairs-1",
        "Première session entre pairs",
        EventKind.PAIRS,
        at("2027-03-10", "09:00"),
        at("2027-03-10", "12:00"),
        "Muscler le jeu coopératif : s'ancrer dans sa fonction, partager des expériences entre pairs.",
        description=PILOT_INTRO,
        organisers=PILOT,
        audience=Audience.MEMBERS,
    ),
    Spec(
        "territoires-pilotes-pairs-2",
        "Deuxième session entre pairs",
        EventKind.PAIRS,
        at("2027-03-24", "14:00"),
        at("2027-03-24", "17:00"),
        "Formaliser ce qui compte pour chaque catégorie d'acteurs : contraintes, difficultés, postures.",
        description=PILOT_INTRO,
        organisers=PILOT,
        audience=Audience.MEMBERS,
    ),
    Spec(
        "territoires-pilotes-pairs-3",
        "Troisième session entre pairs",
        EventKind.PAIRS,
        at("2027-04-07", "09:00"),
        at("2027-04-07", "12:00"),
        "En discuter, croiser les regards, préparer la journée AGORA.",
        description=PILOT_INTRO,
        organisers=PILOT,
        audience=Audience.MEMBERS,
    ),
    Spec(
        "territoires-pilotes-vision-projet",
        "Journée d'approfondissement « Vision / projet de territoire »",
        EventKind.FORMATION,
        at("2027-03-18", "09:00"),
        at("2027-03-18", "17:00"),
        "Construire une vision partagée entre élus et au sein de l'écosystème coopératif, par la mise en récits.",
        organisers=PILOT,
        audience=Audience.MEMBERS,
    ),
    Spec(
        "territoires-pilotes-management-cooperatif",
        "Journée d'approfondissement « Management coopératif »",
        EventKind.FORMATION,
        at("2027-03-25", "09:00"),
        at("2027-03-25", "17:00"),
        "Le management par la coopération, avec un expert et un temps en atelier sur vos outils.",
        organisers=PILOT,
        audience=Audience.MEMBERS,
    ),
    Spec(
        "territoires-pilotes-alimentation",
        "Journée thématique : l'alimentation",
        EventKind.FORMATION,
        at("2027-04-04", "09:00"),
        at("2027-04-04", "17:00"),
        "Conduite de projet systémique et développement de filière, retours d'expérience entre délégations.",
        organisers=PILOT,
        themes=("alimentation",),
        audience=Audience.MEMBERS,
    ),
    Spec(
        "territoires-pilotes-implication-citoyenne",
        "Journée d'approfondissement « Implication citoyenne »",
        EventKind.FORMATION,
        at("2027-04-21", "09:00"),
        at("2027-04-21", "17:00"),
        "Impliquer les habitants et co-construire avec eux.",
        organisers=PILOT,
        themes=("participation-citoyenne",),
        audience=Audience.MEMBERS,
    ),
    Spec(
        "territoires-pilotes-agora",
        "Journée AGORA",
        EventKind.RENCONTRE,
        at("2027-04-28", "09:30"),
        at("2027-04-28", "17:30"),
        "Réunir toutes les personnes des groupes de pairs pour adresser collectivement leurs constats aux autres catégories d'acteurs.",
        online=False,
        place="Paris",
        commune=("Paris", "75"),
        organisers=PILOT,
        audience=Audience.MEMBERS,
        capacity=80,
    ),
    Spec(
        "territoires-pilotes-preparation-cloture",
        "Préparation de la session de clôture avec les référents",
        EventKind.ATELIER,
        at("2027-06-23", "14:00"),
        at("2027-06-23", "16:00"),
        "Session de travail avec les référents des délégations pour préparer la clôture du parcours.",
        organisers=PILOT,
        audience=Audience.MEMBERS,
    ),
]


def _commune(name: str, departement: str):
    return (
        Territory.objects.filter(kind=Kind.COMMUNE, name=name, departement__code=departement, is_current=True)
        .order_by("-population")
        .first()
    )


def load(*, stdout) -> None:
    themes = {t.slug: t for t in Theme.objects.all()}
    created = 0
    for spec in EVENTS:
        territory = _commune(*spec.commune) if spec.commune else None
        event, was_created = Event.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "title": spec.title,
                "kind": spec.kind,
                "status": EventStatus.PUBLISHED,
                "summary": spec.summary,
                "description": spec.description or spec.summary,
                "start": spec.start,
                "end": spec.end,
                "timezone_name": spec.timezone_name,
                "online_url": "https://visio.exemple.fr/reseau" if spec.online else "",
                "place_name": spec.place,
                "territory": territory,
                "audience": spec.audience,
                "capacity": spec.capacity,
                "replay_url": spec.replay,
                "report": spec.report,
            },
        )
        created += was_created
        event.organisers.set([o for o in (find_org(s) for s in spec.organisers) if o])
        event.co_organisers.set([o for o in (find_org(s) for s in spec.co_organisers) if o])
        event.themes.set([themes[s] for s in spec.themes if s in themes])
        search_index_object(event)
    stdout.write(f"  Agenda : {len(EVENTS)} événements ({created} créés)")
