"""Composed reads of the resource hub."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from apps.core.filters import filtered_by
from apps.core.french import normalize
from apps.resources.models import (
    FRESHNESS_WARNING_DAYS,
    Collection,
    CollectionItem,
    LinkStatus,
    Resource,
    ResourceStatus,
)

if TYPE_CHECKING:
    import datetime

    from apps.accounts.perms import AnyUser


def resource_list(*, user: AnyUser, filters: dict[str, Any]) -> QuerySet[Resource]:
    qs = Resource.objects.visible_to(user)
    if not filters.get("include_suggestions"):
        qs = qs.filter(status=ResourceStatus.PUBLISHED)
    for word in normalize(filters.get("q", "")).split():
        qs = qs.filter(search_text__contains=word)
    qs = filtered_by(qs, filters, {"type": "kind", "thematique": "themes", "niveau": "level"})
    if filters.get("fraicheur"):
        qs = qs.with_freshness(filters["fraicheur"])
    return with_list_relations(qs.order_by("-created_at", "-pk"))


def with_list_relations(qs: QuerySet[Resource]) -> QuerySet[Resource]:
    return qs.select_related("publisher").prefetch_related("themes")


def freshness_counts(*, today: datetime.date | None = None) -> dict:
    """The figures at the top of the animators' dashboard (two queries)."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=FRESHNESS_WARNING_DAYS)
    return Resource.objects.filter(status=ResourceStatus.PUBLISHED).aggregate(
        total=Count("pk"),
        stale=Count("pk", filter=Q(review_by__lt=today)),
        due_soon=Count("pk", filter=Q(review_by__gte=today, review_by__lte=soon)),
        broken=Count("pk", filter=Q(link_status=LinkStatus.BROKEN)),
        unreachable=Count("pk", filter=Q(link_status=LinkStatus.UNREACHABLE)),
        unchecked=Count("pk", filter=Q(link_status=LinkStatus.UNKNOWN) & ~Q(url="")),
    ) | {"suggestions": Resource.objects.filter(status=ResourceStatus.SUGGESTED).count()}


def freshness_dashboard(*, view: str, today: datetime.date | None = None) -> QuerySet[Resource]:
    qs = Resource.objects.filter(status=ResourceStatus.PUBLISHED).select_related("owner", "publisher")
    if view == "liens":
        return qs.filter(link_status__in=[LinkStatus.BROKEN, LinkStatus.UNREACHABLE]).order_by(
            "-link_checked_at"
        )
    if view == "bientot":
        return qs.with_freshness("due_soon", today=today).order_by("review_by")
    return qs.with_freshness("stale", today=today).order_by("review_by")


def collection_with_items(collection: Collection, *, user: AnyUser) -> QuerySet[CollectionItem]:
    """Items of a bloc, in order; visitors only see published resources."""
    resources = Resource.objects.visible_to(user).filter(status=ResourceStatus.PUBLISHED)
    return (
        CollectionItem.objects.filter(collection=collection, resource__in=resources)
        .select_related("resource", "resource__publisher")
        .prefetch_related(Prefetch("resource__themes"))
        .order_by("position", "pk")
    )
