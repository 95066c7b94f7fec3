"""The network's settings as every page reads them: the database row when animators saved one,
else the environment's values (docs/environment.md). Cached in the shared cache (Redis in
production) and invalidated by `apps.core.services.network_settings_update`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache

if TYPE_CHECKING:
    from django.http import HttpRequest

    from apps.core.models import NetworkSettings


CACHE_KEY = "core:network-settings:v1"
CACHE_SECONDS = 60 * 60
# Set on a request by the context processor: one cache read per request, whatever asks.
REQUEST_ATTRIBUTE = "_maillage_network"


@dataclass(frozen=True)
class Network:
    name: str
    tagline: str
    operator: str
    contact_email: str
    logo: str = ""  # URL of the logo image ("" = none)
    logo_alt: str = ""
    republique_francaise: bool = False
    home_intro: str = ""
    # None: the default blocks (apps.core.home); a list: the animators' choice and order.
    home_blocks: tuple[str, ...] | None = None
    about: str = ""
    footer_links: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    tile_url: str = ""
    tile_attribution: str = ""
    saved: bool = False  # a row exists (animators saved the settings at least once)

    @property
    def logo_alt_text(self) -> str:
        return self.logo_alt or self.name


def defaults() -> Network:
    """The first values, from the environment, before animators save anything."""
    return Network(
        name=settings.MAILLAGE_NETWORK_NAME,
        tagline=settings.MAILLAGE_NETWORK_TAGLINE,
        operator=settings.MAILLAGE_OPERATOR_NAME,
        contact_email=settings.MAILLAGE_CONTACT_EMAIL,
        logo=settings.MAILLAGE_NETWORK_LOGO,
        republique_francaise=getattr(settings, "MAILLAGE_REPUBLIQUE_FRANCAISE", False),
        tile_url=settings.MAILLAGE_TILE_URL,
        tile_attribution=settings.MAILLAGE_TILE_ATTRIBUTION,
    )


def _from_row(row: NetworkSettings) -> Network:
    base = defaults()
    return Network(
        name=row.name,
        tagline=row.tagline,
        operator=row.operator,
        contact_email=row.contact_email,
        logo=logo_url(row) or base.logo,
        logo_alt=row.logo_alt,
        republique_francaise=row.republique_francaise,
        home_intro=row.home_intro,
        home_blocks=tuple(row.home_blocks) if isinstance(row.home_blocks, list) else None,
        about=row.about,
        footer_links=tuple(
            (str(label), str(url))
            for label, url in (row.footer_links or [])
            if isinstance(label, str) and isinstance(url, str)
        ),
        tile_url=base.tile_url,
        tile_attribution=base.tile_attribution,
        saved=True,
    )


def logo_url(row: NetworkSettings | None) -> str:
    logo = getattr(row, "logo", None)
    if not logo:
        return ""
    try:
        return str(logo.url)
    except ValueError:
        return ""


def _load() -> Network:
    from apps.core.models import NetworkSettings

    row = NetworkSettings.objects.filter(pk=1).first()
    return _from_row(row) if row is not None else defaults()


def network_settings(request: HttpRequest | None = None) -> Network:
    """The current settings. With a request, memoised on it."""
    if request is not None:
        cached: Network | None = getattr(request, REQUEST_ATTRIBUTE, None)
        if cached is not None:
            return cached
    value = cache.get(CACHE_KEY)
    if not isinstance(value, Network):
        value = _load()
        cache.set(CACHE_KEY, value, CACHE_SECONDS)
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, value)
    return value


def network_settings_forget() -> None:
    cache.delete(CACHE_KEY)
