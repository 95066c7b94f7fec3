"""Main navigation and site map. One place, so that the header, the footer's site map and the
browser tests agree on which pages exist."""

from django.urls import reverse

# (label, url name, path prefix used to mark the current section)
MAIN_NAV = [
    ("Annuaire", "directory:organisation_list", "/annuaire/"),
    ("Carte des membres", "directory:map", "/annuaire/carte/"),
    ("Qui fait quoi", "directory:who_does_what", "/annuaire/qui-fait-quoi/"),
    ("Trombinoscope", "directory:trombinoscope", "/annuaire/trombinoscope/"),
    ("Territoires", "territories:project_list", "/territoires/"),
]


def main_nav(request):
    items = []
    path = request.path if request else ""
    # The most specific prefix wins, so that /annuaire/carte/ does not also mark /annuaire/.
    best = max((p for _, _, p in MAIN_NAV if path.startswith(p)), key=len, default=None)
    for label, url_name, prefix in MAIN_NAV:
        items.append({"label": label, "url": reverse(url_name), "current": prefix == best})
    return items
