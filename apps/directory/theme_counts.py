"""The directory's columns on the themes page (registered in DirectoryConfig.ready with
`apps.themes.counts.register_theme_counter`)."""

from __future__ import annotations

from django.db.models import Count

from apps.directory.models import Organisation, Person


def organisations_per_theme() -> dict[int, int]:
    """Active organisations per theme (pending ones are not in the directory yet)."""
    rows = (
        Organisation.objects.active().order_by().values_list("themes").annotate(n=Count("pk", distinct=True))
    )
    return {theme_id: n for theme_id, n in rows if theme_id is not None}


def people_per_theme() -> dict[int, int]:
    """People who consented to appear in the directory, per theme."""
    rows = Person.objects.listed().order_by().values_list("themes").annotate(n=Count("pk", distinct=True))
    return {theme_id: n for theme_id, n in rows if theme_id is not None}
