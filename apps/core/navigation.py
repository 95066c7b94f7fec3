"""Main navigation and site map. One place, so that the header, the site map and the browser
tests agree on which pages exist.

Sections may have children, shown as a DSFR dropdown menu. Without JavaScript the dropdown
cannot open, so every child page is also reachable from its section's index page and from
the site map.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

if TYPE_CHECKING:
    from django.http import HttpRequest


# (label, url name, children: [(label, url name)])
MAIN_NAV = [
    (
        "Annuaire",
        "directory:organisation_list",
        [
            ("Organisations", "directory:organisation_list"),
            ("Personnes", "directory:person_list"),
            ("Carte des membres", "directory:map"),
            ("Qui fait quoi", "directory:who_does_what"),
            ("Trombinoscope", "directory:trombinoscope"),
            ("Thématiques", "themes:list"),
            ("Territoires", "territories:project_list"),
        ],
    ),
    ("Expériences", "experiences:list", []),
    ("Ressources", "resources:list", []),
    ("Aides", "aids:list", []),
    (
        "Agenda",
        "events:agenda",
        [
            ("Agenda", "events:agenda"),
            ("Intervenant·es", "events:speakers"),
            ("Sondages de dates", "polls:list"),
            ("Arbitrages", "arbitrages:list"),
            ("Parcours", "programmes:list"),
        ],
    ),
    (
        "Échanges",
        "questions:list",
        [
            ("Questions au réseau", "questions:list"),
            ("Foire aux questions", "questions:faq"),
            ("Groupes", "groups:list"),
            ("Parrainages", "mentoring:index"),
            ("Consultations", "consultations:index"),
            ("Journées d'ateliers", "workshops:index"),
            ("Évaluation du réseau", "evaluations:index"),
        ],
    ),
]


# The menu's ~25 URLs, reversed once per URL configuration and script prefix (every page renders
# the menu: issue 16, lists at p50 ≤ 15 ms).
_reversed: dict[tuple[str, str, Any, str], str | None] = {}


def _url(name: str) -> str | None:
    key = (name, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    if key not in _reversed:
        try:
            _reversed[key] = reverse(name)
        except NoReverseMatch:
            # A capability not installed in this instance: no dead link in the menu.
            _reversed[key] = None
    return _reversed[key]


def main_nav(request: HttpRequest) -> list[dict[str, Any]]:
    path = request.path if request else ""
    items: list[dict[str, Any]] = []
    for index, (label, url_name, children) in enumerate(MAIN_NAV):
        child_items: list[dict[str, Any]] = []
        for child_label, child_name in children:
            child_url = _url(child_name)
            if child_url:
                child_items.append({"label": child_label, "url": child_url})
        url = _url(url_name) or (child_items[0]["url"] if child_items else None)
        if url is None:
            continue
        all_urls = [url] + [c["url"] for c in child_items]
        # The most specific matching URL marks the current page.
        best = max((u for u in all_urls if path.startswith(u)), key=len, default=None)
        for child in child_items:
            child["current"] = child["url"] == best and path.startswith(child["url"])
        items.append(
            {
                "id": f"nav-menu-{index}",
                "label": label,
                "url": url,
                "children": child_items,
                "current": best is not None,
            }
        )
    return items


def sitemap_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    for label, url_name, children in MAIN_NAV:
        links = [(child_label, _url(child_name)) for child_label, child_name in children] or [
            (label, _url(url_name))
        ]
        kept = [(text, url) for text, url in links if url]
        if kept:
            sections.append((label, kept))
    return sections


# Members-only places outside the main menu, named for the login wall.
OTHER_SECTIONS = [
    ("Mon espace", "portal:my_space"),
    ("Animation du réseau", "cockpit:index"),
    ("Bilans d'activité", "reports:index"),
    ("Mes notifications", "notifications:list"),
]


def section_label(path: str) -> str | None:
    """The name of the site's section `path` belongs to ("Questions au réseau"), for the page that
    asks a visitor to log in; None when the path is no known section."""
    candidates = []
    for label, url_name, children in MAIN_NAV:
        candidates.append((label, url_name))
        candidates.extend(children)
    candidates.extend(OTHER_SECTIONS)
    best, best_len = None, 0
    for label, url_name in candidates:
        url = _url(url_name)
        # ">=": a section's own child ("Questions au réseau") wins over the menu heading ("Échanges").
        if url and url != "/" and path.startswith(url) and len(url) >= best_len:
            best, best_len = label, len(url)
    return best
