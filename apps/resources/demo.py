"""Demo resources and blocs ressources, from the network's source documents (/work/shared/seeds).
Idempotent: resources are keyed by their link, blocs by their title. Publishers and themes are looked
up by name and skipped when the other demos did not create them."""

import datetime

from django.utils import timezone

from apps.core.text import normalize
from apps.resources.models import Collection, CollectionItem, Level, Resource, ResourceKind, ResourceStatus

DEMO_RESOURCES = [
    {
        "title": "Catalogue de formations de l'ADEME pour les collectivités",
        "kind": ResourceKind.FORMATION,
        "url": "https://formations.ademe.fr/",
        "publisher": "ADEME",
        "summary": (
            "Le catalogue de formation de l'ADEME est ouvert à toutes les collectivités. Le réseau peut "
            "transmettre au service formation les besoins identifiés pour l'année suivante."
        ),
        "level": Level.DEBUTER,
        "themes": ["energie", "climat", "formation"],
        "review_in_days": 200,
    },
    {
        "title": "Guide méthodologique de la concertation dans les plans climat",
        "kind": ResourceKind.GUIDE,
        "url": "https://librairie.ademe.fr/",
        "publisher": "ADEME",
        "publisher_name": "Missions Publiques pour l'ADEME",
        "summary": (
            "Produit par Missions Publiques pour l'ADEME et en libre accès : comment associer habitants, "
            "associations et acteurs économiques à l'élaboration et à la mise en œuvre d'un PCAET."
        ),
        "level": Level.APPROFONDIR,
        "themes": ["concertation", "participation", "climat"],
        # Past its review-by date: shows the freshness flags and the animators' dashboard.
        "review_in_days": -10,
    },
    {
        "title": "Cahier d'accompagnement des porteurs de projet et services instructeurs — renaturation",
        "kind": ResourceKind.GUIDE,
        "url": "https://www.ecologie.gouv.fr/sites/default/files/Cahier%20accompagnement_Axe2_Renaturation.pdf",
        "publisher_name": "DGALN — ministère de la Transition écologique",
        "summary": (
            "Le cahier de la DGALN qui accompagne porteurs de projet et services instructeurs pour la "
            "renaturation des villes (Fonds vert, axe 2). Un modèle pour outiller le dialogue entre "
            "échelons locaux et CRTE."
        ),
        "level": Level.APPROFONDIR,
        "themes": ["biodiversite", "nature", "urbanisme"],
        "review_in_days": 20,
    },
    {
        "title": "Aides-territoires : le moteur de recherche des aides aux collectivités",
        "kind": ResourceKind.OUTIL,
        "url": "https://aides-territoires.beta.gouv.fr/",
        "publisher_name": "ANCT — Aides-territoires",
        "summary": (
            "Tous les dispositifs financiers et d'ingénierie auxquels collectivités, associations, "
            "établissements publics, entreprises et agriculteurs peuvent prétendre, par territoire."
        ),
        "level": Level.DEBUTER,
        "themes": ["financement"],
        "review_in_days": 300,
    },
    {
        "title": "Tutoriel Expertises Territoires",
        "kind": ResourceKind.OUTIL,
        "url": (
            "https://www.communecter.org/upload/communecter/organizations/5ca1b2bb40bb4e9352ba351b/file/"
            "62a8737476cdb23d0b74198d/63db91bd7351d94ac3272150/Tuto-Expertises-Territoiresvdef.pdf"
        ),
        "publisher_name": "Expertises Territoires",
        "summary": "Prise en main de la plateforme de capitalisation et de partage d'expertises entre territoires.",
        "level": Level.DEBUTER,
        "themes": ["cooperation", "gouvernance"],
        "review_in_days": 120,
    },
    {
        "title": "Webinaires « Vers de nouveaux équilibres économiques » du RAMEAU",
        "kind": ResourceKind.WEBINAIRE,
        "url": "https://www.lerameau.fr/reconnaissance_mse/",
        "publisher_name": "Le RAMEAU",
        "summary": (
            "Chaque mois, Le RAMEAU anime un cycle de webinaires sur les modèles socio-économiques qui "
            "croisent l'ODD 17 avec les autres objectifs de développement durable."
        ),
        "level": Level.APPROFONDIR,
        "themes": ["economie locale", "cooperation"],
        "review_in_days": 90,
    },
]

DEMO_COLLECTIONS = [
    {
        "title": "Financer la transition dans son territoire",
        "intro": (
            "Par où commencer pour financer un projet de transition ? Une sélection pour repérer les aides "
            "et préparer un dossier. Voir aussi le répertoire des [aides et dispositifs](/aides/)."
        ),
        "resources": [
            "Aides-territoires : le moteur de recherche des aides aux collectivités",
            "Cahier d'accompagnement des porteurs de projet et services instructeurs — renaturation",
        ],
    },
    {
        "title": "Associer les habitants aux plans climat",
        "intro": "Méthodes et formations pour la concertation dans les démarches climat-air-énergie.",
        "resources": [
            "Guide méthodologique de la concertation dans les plans climat",
            "Catalogue de formations de l'ADEME pour les collectivités",
        ],
    },
]


def _publisher(name):
    from apps.directory.models import Organisation

    if not name:
        return None
    return Organisation.objects.filter(search_name__contains=normalize(name)).order_by("pk").first()


def _themes(keywords):
    from apps.themes.models import Theme

    themes = list(Theme.objects.all())
    found = []
    for keyword in keywords:
        for theme in themes:
            if normalize(keyword) in normalize(theme.name) and theme not in found:
                found.append(theme)
    return found


def _owner():
    """Demo resources belong to an animator so that reminders have someone to go to."""
    from apps.accounts.models import User

    return User.objects.animators().order_by("pk").first()


def load(*, stdout):
    from apps.resources.services import _search_index

    today = timezone.localdate()
    owner = _owner()
    created = updated = 0
    by_title = {}
    for spec in DEMO_RESOURCES:
        publisher = _publisher(spec.get("publisher"))
        fields = {
            "title": spec["title"],
            "kind": spec["kind"],
            "summary": spec["summary"],
            "publisher": publisher,
            "publisher_name": "" if publisher else spec.get("publisher_name", spec.get("publisher", "")),
            "level": spec["level"],
            "status": ResourceStatus.PUBLISHED,
            "review_by": today + datetime.timedelta(days=spec["review_in_days"]),
            "owner": owner,
        }
        resource, was_created = Resource.objects.update_or_create(url=spec["url"], defaults=fields)
        resource.themes.set(_themes(spec["themes"]))
        _search_index(resource)
        by_title[resource.title] = resource
        created += was_created
        updated += not was_created
    for position, spec in enumerate(DEMO_COLLECTIONS):
        collection, _ = Collection.objects.update_or_create(
            title=spec["title"], defaults={"intro": spec["intro"], "position": position, "is_published": True}
        )
        for index, title in enumerate(spec["resources"]):
            CollectionItem.objects.update_or_create(
                collection=collection, resource=by_title[title], defaults={"position": index}
            )
    stdout.write(
        f"Ressources : {created} créée(s), {updated} mise(s) à jour, {len(DEMO_COLLECTIONS)} bloc(s) ressources."
    )
