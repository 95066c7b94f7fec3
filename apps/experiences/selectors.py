"""Reads on experience reports that go beyond a QuerySet method."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import reverse

from apps.core.french import STOP_WORDS, words
from apps.directory.similar_sources import Achievements
from apps.experiences.models import Experience, State
from apps.search.models import SearchDocument
from apps.search.selectors import SearchFilters, search_documents

if TYPE_CHECKING:
    from collections.abc import Iterable

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


# --- « Qui me ressemble » (apps.directory.similar_sources): what organisations did -----------------


def _published_for(user: AnyUser | None) -> QuerySet[Experience]:
    """Published experiences the reader may see: public ones for visitors, all for members."""
    from apps.accounts.perms import is_member
    from apps.experiences.models import Audience

    qs = Experience.objects.published()
    if not is_member(user):
        qs = qs.filter(audience=Audience.PUBLIC)
    return qs


def achievement_themes(*, user: AnyUser | None, theme_ids: Iterable[int]) -> list[tuple[int, int]]:
    """(organisation id, theme id): the organisations that published an experience on those themes."""
    return list(
        Experience.themes.through.objects.filter(
            theme_id__in=list(theme_ids),
            experience__in=_published_for(user),
            experience__organisations__isnull=False,
        )
        .values_list("experience__organisations", "theme_id")
        .distinct()
    )


def achievement_organisations(*, user: AnyUser | None) -> QuerySet[Any]:
    """The `organisation_id` of every organisation with a published experience the reader may see."""
    return Experience.organisations.through.objects.filter(experience__in=_published_for(user)).values(
        "organisation_id"
    )


def achievement_examples(
    *, user: AnyUser | None, organisation_ids: Iterable[int], theme_ids: Iterable[int]
) -> list[tuple[int, str, str]]:
    """(organisation id, title, url) of their published experiences on those themes."""
    rows = (
        Experience.organisations.through.objects.filter(
            organisation_id__in=list(organisation_ids),
            experience__in=_published_for(user).filter(themes__in=list(theme_ids)),
        )
        .values_list("organisation_id", "experience__title", "experience__slug")
        .distinct()
        .order_by("organisation_id", "experience__title")
    )
    return [
        (organisation_id, title, reverse("experiences:detail", kwargs={"slug": slug}))
        for organisation_id, title, slug in rows
    ]


SIMILAR_ACHIEVEMENTS = Achievements(
    themes=achievement_themes, organisations=achievement_organisations, examples=achievement_examples
)
