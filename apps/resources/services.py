"""Every write of the resource hub. Keyword-only, typed, named <entity>_<action>."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict

from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from apps.core import files
from apps.core.emails import email_send_templated
from apps.core.services import model_save
from apps.resources import perms
from apps.resources.models import RENEWAL_DAYS, Collection, CollectionItem, Resource, ResourceStatus

if TYPE_CHECKING:
    import datetime

    from apps.accounts.models import User
    from apps.directory.models import Organisation
    from apps.territories.models import Territory
    from apps.themes.models import Theme


def _search_index(obj: Resource) -> None:
    from apps.search.services import search_index_object

    search_index_object(obj)


def _search_remove(obj: Resource) -> None:
    from apps.search.services import search_remove_object

    search_remove_object(obj)


def _notify_animators(*, template: str, context: dict) -> None:
    from apps.accounts.models import User

    emails = list(User.objects.animators().values_list("email", flat=True))
    if emails:
        email_send_templated(to=emails, template=template, context=context)


class ResourceData(TypedDict, total=False):
    title: str
    kind: str
    summary: str
    url: str
    # An upload replaces the file; False removes it; None (or absent) keeps it (form convention).
    file: File | bool | None
    publisher: Organisation | None
    publisher_name: str
    audience: str
    level: str
    themes: Iterable[Theme]
    territory: Territory | None
    review_by: datetime.date


def _file_name(data: ResourceData) -> str | None:
    """The original name to keep for the file in `data` ("" once removed), None when unchanged."""
    uploaded = data.get("file")
    if uploaded is False:
        return ""
    if isinstance(uploaded, File) and not isinstance(uploaded, FieldFile):
        return files.clean_original_name(uploaded.name or "")
    return None  # absent, or the stored file itself (a form's field left untouched)


@transaction.atomic
def resource_create(*, by: User, data: ResourceData) -> Resource:
    """Animators publish at once; members suggest (the team is told)."""
    resource = Resource(owner=by)
    if perms.can_manage_resources(by):
        resource.status = ResourceStatus.PUBLISHED
    else:
        resource.status = ResourceStatus.SUGGESTED
        resource.suggested_by = by
    if (name := _file_name(data)) is not None:
        resource.original_name = name
    model_save(instance=resource, data=dict(data))
    _search_index(resource)
    if resource.status == ResourceStatus.SUGGESTED:
        _notify_animators(template="resources/emails/suggestion_new", context={"resource": resource})
        _notify_in_app(resource)
    return resource


@transaction.atomic
def resource_update(*, resource: Resource, data: ResourceData) -> Resource:
    """What changed is read against the stored row (locked), not against `resource`, which a
    validated ModelForm has already written its values on."""
    stored = Resource.objects.select_for_update(of=("self",)).get(pk=resource.pk)
    if "review_by" in data and data["review_by"] != stored.review_by:
        # A new date re-arms the reminders.
        stored.reminder_before_sent_for = stored.reminder_after_sent_for = None
    if (name := _file_name(data)) is not None:
        stored.original_name = name
    if "url" in data and data["url"] != stored.url:
        stored.link_status, stored.link_failures, stored.link_checked_at = "unknown", 0, None
        stored.link_status_code, stored.link_error, stored.link_final_url = None, "", ""
    model_save(instance=stored, data=dict(data))
    _search_index(stored)
    return stored


def _notify_in_app(resource: Resource) -> None:
    from django.urls import reverse

    from apps.accounts.models import User
    from apps.notifications.models import Kind
    from apps.notifications.services import notification_create

    notification_create(
        recipients=list(User.objects.animators()),
        kind=Kind.MODERATION,
        target=resource,
        event="suggested",
        title=f"Ressource suggérée à relire : « {resource.title} »",
        url=reverse("cockpit:moderation") + "?type=suggestions",
    )


def _resolve(resource: Resource) -> None:
    from apps.notifications.services import notification_resolve

    notification_resolve(target=resource, events=["suggested"])


def resource_renew(*, resource: Resource, by: User, today: datetime.date | None = None) -> Resource:
    """One click "toujours à jour": push the review-by date a year ahead and re-arm the reminders."""
    today = today or timezone.localdate()
    resource.review_by = today + datetime.timedelta(days=RENEWAL_DAYS)
    resource.reminder_before_sent_for = resource.reminder_after_sent_for = None
    resource.save(
        update_fields=["review_by", "reminder_before_sent_for", "reminder_after_sent_for", "updated_at"]
    )
    _search_index(resource)
    return resource


@transaction.atomic
def resource_accept(*, resource: Resource, by: User) -> Resource:
    return _decide(resource=resource, by=by, status=ResourceStatus.PUBLISHED, reason="", email="accepted")


@transaction.atomic
def resource_refuse(*, resource: Resource, by: User, reason: str) -> Resource:
    return _decide(resource=resource, by=by, status=ResourceStatus.REFUSED, reason=reason, email="refused")


def _decide(*, resource: Resource, by: User, status: str, reason: str, email: str) -> Resource:
    """A suggestion accepted or refused: the moderation is recorded, its queue item resolved, and
    whoever suggested it is told (resources/emails/suggestion_<email>)."""
    resource.status = status
    resource.moderated_by, resource.moderated_at = by, timezone.now()
    resource.refusal_reason = reason
    resource.save()
    _search_index(resource)
    _resolve(resource)
    if resource.suggested_by is not None and resource.suggested_by.email:
        email_send_templated(
            to=resource.suggested_by.email,
            template=f"resources/emails/suggestion_{email}",
            context={"resource": resource},
        )
    return resource


@transaction.atomic
def resource_delete(*, resource: Resource) -> None:
    _search_remove(resource)
    _resolve(resource)
    if resource.file:
        resource.file.delete(save=False)
    resource.delete()


class CollectionData(TypedDict, total=False):
    title: str
    intro: str
    position: int
    is_published: bool
    themes: Iterable[Theme]


@transaction.atomic
def collection_create(*, by: User, data: CollectionData) -> Collection:
    return model_save(instance=Collection(created_by=by), data=dict(data))


@transaction.atomic
def collection_update(*, collection: Collection, data: CollectionData) -> Collection:
    return model_save(instance=collection, data=dict(data))


def collection_delete(*, collection: Collection) -> None:
    collection.delete()


def collection_add_resource(*, collection: Collection, resource: Resource, note: str = "") -> CollectionItem:
    last = collection.items.aggregate(m=Max("position"))["m"]
    item, _ = CollectionItem.objects.get_or_create(
        collection=collection,
        resource=resource,
        defaults={"position": 0 if last is None else last + 1, "note": note},
    )
    return item


@transaction.atomic
def collection_item_move(*, item: CollectionItem, direction: str) -> None:
    """Swap with the previous ("up") or next ("down") item. Positions are renumbered 0..n first so
    that equal or sparse positions never block a move."""
    items = list(item.collection.items.select_for_update(of=("self",)).order_by("position", "pk"))
    for index, each in enumerate(items):
        if each.position != index:
            each.position = index
            each.save(update_fields=["position"])
    index = next(i for i, each in enumerate(items) if each.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return
    a, b = items[index], items[other]
    a.position, b.position = b.position, a.position
    a.save(update_fields=["position"])
    b.save(update_fields=["position"])


def collection_item_remove(*, item: CollectionItem) -> None:
    item.delete()
