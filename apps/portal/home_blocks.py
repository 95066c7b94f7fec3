"""The home page's blocks for visitors and members: what the network is, its figures, the
upcoming events, the latest experiences and resources, who does what. Registered in
apps.core.home; the network's animators choose which show and in which order."""

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils import timezone

from apps.aids.models import Aid
from apps.core.home import HomeBlock, register_home_block
from apps.directory.models import Organisation, Person
from apps.events.models import Event
from apps.experiences.models import Experience
from apps.resources.models import Resource
from apps.themes.models import Theme

FIGURES_CACHE_SECONDS = 600
LATEST = 3


def intro(request) -> dict:
    return {}


def figures(request) -> dict:
    """Public figures: the same for everyone, cached ten minutes."""
    key = "portal:home-figures:v1"
    values = cache.get(key)
    if values is None:
        values = {
            "organisations": Organisation.objects.active().count(),
            "people": Person.objects.listed().count(),
            "experiences": Experience.objects.published().count(),
            "resources": Resource.objects.published().count(),
            "themes": Theme.objects.active().count(),
        }
        cache.set(key, values, FIGURES_CACHE_SECONDS)
    return {"figures": values}


def events(request) -> dict | None:
    upcoming = list(
        Event.objects.visible_to(request.user)
        .published()
        .upcoming()
        .exclude(status="cancelled")
        .select_related("territory")
        .order_by("start", "pk")[:LATEST]
    )
    return {"events": upcoming}


def experiences(request) -> dict | None:
    latest = list(
        Experience.objects.visible_to(request.user)
        .published()
        .select_related("territory")
        .order_by("-published_at", "-pk")[:LATEST]
    )
    return {"experiences": latest} if latest else None


def resources(request) -> dict | None:
    latest = list(
        Resource.objects.published()
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("id", "name")))
        .order_by("-created_at", "-pk")[:LATEST]
    )
    return {"resources": latest} if latest else None


def aids(request) -> dict | None:
    today = timezone.localdate()
    closing = list(
        Aid.objects.published()
        .open_on(today)
        .filter(close_date__isnull=False)
        .order_by("close_date")[:LATEST]
    )
    return {"aids": closing} if closing else None


def directory(request) -> dict:
    return {}


BLOCKS = [
    HomeBlock("presentation", "Présentation du réseau", "portal/home/intro.html", intro, position=10),
    HomeBlock("chiffres", "Le réseau en chiffres", "portal/home/figures.html", figures, position=20),
    HomeBlock("agenda", "Prochains événements", "portal/home/events.html", events, position=30),
    HomeBlock(
        "experiences",
        "Derniers retours d'expérience",
        "portal/home/experiences.html",
        experiences,
        position=40,
    ),
    HomeBlock("ressources", "Dernières ressources", "portal/home/resources.html", resources, position=50),
    HomeBlock("annuaire", "Trouver qui fait quoi", "portal/home/directory.html", directory, position=60),
    HomeBlock(
        "aides", "Aides qui ferment bientôt", "portal/home/aids.html", aids, position=70, default=False
    ),
]


def register_all() -> None:
    for block in BLOCKS:
        register_home_block(block)
