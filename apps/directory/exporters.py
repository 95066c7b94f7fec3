"""Exports of the directory (CSV and XLSX) and the import template files.

Reads only. Rows are plain lists of strings, first the header; apps.core.tabular turns them into
files, and neutralises every cell there, so that a name such as "=HYPERLINK(…)" typed by a
member never runs as a formula in the animator's spreadsheet (CSV/formula injection).

Visibility: anonymous visitors and members get active organisations only, and, in the "personnes"
column, people who consented to appear, with an email address only when `perms.can_see_contact`
allows it (public / members only / hidden). Animators get every organisation (with its status) and
every person who was not erased, with their contact details.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from apps.directory import perms, selectors
from apps.directory.importers import COLUMNS, ImportKind
from apps.directory.models import Membership, Organisation, Person
from apps.themes.models import Theme

CHUNK_SIZE = 500

ORGANISATION_HEADERS = [column.name for column in COLUMNS[ImportKind.ORGANISATIONS]] + [
    "nom_du_territoire",
    "departement",
    "region",
    "personnes",
    "fiche",
]
ORGANISATION_ANIMATOR_HEADERS = ["statut", "creee_le", "modifiee_le"]
PERSON_HEADERS = [column.name for column in COLUMNS[ImportKind.PEOPLE]] + [
    "autres_organisations",
    "compte",
    "fiche",
    "creee_le",
]


def _absolute(url: str) -> str:
    return settings.MAILLAGE_SITE_URL + url


def _date(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d") if value else ""


def export_organisations_queryset(user, filters: dict):
    """Organisations an export may contain for `user`, with the list's filters applied."""
    base = Organisation.objects.all() if perms.is_animator(user) else Organisation.objects.active()
    people = Person.objects.visible_to(user) if perms.is_animator(user) else Person.objects.listed()
    memberships = (
        Membership.objects.filter(person__in=people)
        .select_related("person")
        .order_by("-is_referent", "person__search_name")
    )
    return (
        selectors.organisations_filtered(base, filters)
        .select_related("territory", "departement", "region")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.only("id", "name")),
            Prefetch("memberships", queryset=memberships),
        )
        .order_by("search_name", "pk")
    )


def _person_summary(user, membership: Membership) -> str:
    person = membership.person
    text = person.full_name
    function = membership.function or person.function
    if function:
        text += f" ({function})"
    if person.email and perms.can_see_contact(user, person):
        text += f" <{person.email}>"
    return text


def organisations_export_rows(user, filters: dict) -> Iterator[list[str]]:
    """Header, then one row per organisation visible to `user` (see the module docstring)."""
    animator = perms.is_animator(user)
    yield ORGANISATION_HEADERS + (ORGANISATION_ANIMATOR_HEADERS if animator else [])
    for org in export_organisations_queryset(user, filters).iterator(chunk_size=CHUNK_SIZE):
        territory = org.territory
        row = [
            org.name,
            org.get_type_display(),
            org.siren,
            territory.code if territory else "",
            org.website,
            org.email,
            org.address,
            org.description,
            " ; ".join(theme.name for theme in org.themes.all()),
            org.competences,
            org.needs,
            territory.label if territory else "",
            org.departement.name if org.departement else "",
            org.region.name if org.region else "",
            " ; ".join(_person_summary(user, membership) for membership in org.memberships.all()),
            _absolute(org.get_absolute_url()),
        ]
        if animator:
            row += [org.get_status_display(), _date(org.created_at), _date(org.updated_at)]
        yield row


def export_people_queryset(user, filters: dict):
    memberships = Membership.objects.select_related("organisation").order_by("-is_referent", "pk")
    return (
        selectors.people_filtered(Person.objects.visible_to(user), filters)
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.only("id", "name")),
            Prefetch("memberships", queryset=memberships),
        )
        .order_by("search_name", "pk")
    )


def people_export_rows(user, filters: dict) -> Iterator[list[str]]:
    """Header, then one row per person visible to `user`; the columns are those of the people
    import (plus a few read-only ones), so that an export can be corrected and imported again."""
    yield PERSON_HEADERS
    for person in export_people_queryset(user, filters).iterator(chunk_size=CHUNK_SIZE):
        contact = perms.can_see_contact(user, person)
        memberships = list(person.memberships.all())
        first = memberships[0] if memberships else None
        row = [
            person.first_name,
            person.last_name,
            person.email if contact else "",
            person.function,
            person.get_category_display(),
            (first.organisation.siren or first.organisation.name) if first else "",
            person.phone if contact else "",
            " ; ".join(theme.name for theme in person.themes.all()),
            "oui" if person.directory_consent else "non",
            person.get_contact_visibility_display(),
            " ; ".join(m.organisation.name for m in memberships[1:]),
            "oui" if person.user_id else "non",
            _absolute(person.get_absolute_url()),
            _date(person.created_at),
        ]
        yield row


def import_template_rows(kind: str) -> list[list[str]]:
    """The header line an import expects: what the downloadable templates contain."""
    return [[column.name for column in COLUMNS[kind]]]


def import_help_rows(kind: str) -> list[list[str]]:
    rows = [["colonne", "obligatoire", "description", "exemple"]]
    for column in COLUMNS[kind]:
        rows.append([column.name, "oui" if column.required else "non", column.help, column.example])
    return rows
