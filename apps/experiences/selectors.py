"""Reads on experience reports that go beyond a QuerySet method."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.core.french import STOP_WORDS, words
from apps.experiences.models import Experience, State
from apps.search.models import SearchDocument
from apps.search.selectors import SearchFilters, search_documents

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from apps.accounts.perms import AnyUser
    from apps.directory.models import Organisation


def similar_experiences(experience: Experience, *, user: AnyUser, limit: int = 3) -> list[SearchDocument]:
    """Experiences sharing the most words of the title and themes, by the same search engine."""
    terms = [w for w in words(experience.title) if len(w) > 3 and w not in STOP_WORDS]
    terms += [
        w
        for theme in experience.themes.all()
        for w in words(theme.name)
        if len(w) > 3 and w not in STOP_WORDS
    ]
    terms = list(dict.fromkeys(terms))[:10]
    if not terms:
        return []
    own = SearchDocument.objects.filter(kind="experience", object_id=experience.pk).values_list(
        "pk", flat=True
    )
    results = search_documents(
        text=" OR ".join(terms),
        user=user,
        filters=SearchFilters(kind="experience"),
        per_page=limit,
        exclude_ids=tuple(own),
        with_facets=False,
        correct=False,
    )
    return [hit.document for hit in results.hits]


def map_points(user: AnyUser) -> list[dict]:
    """Published experiences the user may read that can be placed on the map."""
    points = []
    qs = (
        Experience.objects.visible_to(user)
        .filter(state=State.PUBLISHED)
        .select_related("territory")
        .prefetch_related("organisations")
    )
    for experience in qs:
        coordinates = experience.coordinates
        if coordinates:
            points.append(
                {
                    "lat": coordinates[0],
                    "lng": coordinates[1],
                    "title": experience.title,
                    "url": experience.get_absolute_url(),
                    "place": experience.territory.name if experience.territory else "",
                    "status": experience.get_project_status_display(),
                }
            )
    return points


def organisation_experiences(organisation: Organisation, *, user: AnyUser) -> QuerySet[Experience]:
    return (
        Experience.objects.visible_to(user)
        .filter(state=State.PUBLISHED, organisations=organisation)
        .order_by("-published_at")
    )
