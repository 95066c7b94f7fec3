"""Every write of the resource hub. Keyword-only, typed, named <entity>_<action>."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from apps.core.emails import email_send_templated
from apps.resources import perms
from apps.resources.models import RENEWAL_DAYS, Collection, CollectionItem, Resource, ResourceStatus


def _search_index(obj) -> None:
    from apps.search.services import search_index_object

    search_index_object(obj)


def _search_remove(obj) -> None:
    from apps.search.services import search_remove_object

    search_remove_object(obj)


def _notify_animators(*, template: str, context: dict) -> None:
    from apps.accounts.models import User

    emails = list(User.objects.animators().values_list("email", flat=True))
    if emails:
        email_send_templated(to=emails, template=template, context=context)


@transaction.atomic
def resource_save(*, form, user) -> Resource:
    """Create (animators publish at once; members suggest) or update a resource from a valid form."""
    resource = form.save(commit=False)
    created = resource.pk is None
    if created:
        resource.owner = user
        if perms.can_manage_resources(user):
            resource.status = ResourceStatus.PUBLISHED
        else:
            resource.status = ResourceStatus.SUGGESTED
            resource.suggested_by = user
    if "review_by" in form.changed_data:
        # A new date re-arms the reminders.
        resource.reminder_before_sent_for = resource.reminder_after_sent_for = None
    if "url" in form.changed_data:
        resource.link_status, resource.link_failures, resource.link_checked_at = "unknown", 0, None
        resource.link_status_code, resource.link_error, resource.link_final_url = None, "", ""
    resource.save()
    form.save_m2m()
    _search_index(resource)
    if created and resource.status == ResourceStatus.SUGGESTED:
        _notify_animators(template="resources/emails/suggestion_new", context={"resource": resource})
    return resource


def resource_renew(*, resource: Resource, by, today=None) -> Resource:
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
def resource_accept(*, resource: Resource, by) -> Resource:
    resource.status = ResourceStatus.PUBLISHED
    resource.moderated_by, resource.moderated_at = by, timezone.now()
    resource.refusal_reason = ""
    resource.save()
    _search_index(resource)
    if resource.suggested_by_id and resource.suggested_by.email:
        email_send_templated(
            to=resource.suggested_by.email,
            template="resources/emails/suggestion_accepted",
            context={"resource": resource},
        )
    return resource


@transaction.atomic
def resource_refuse(*, resource: Resource, by, reason: str) -> Resource:
    resource.status = ResourceStatus.REFUSED
    resource.moderated_by, resource.moderated_at = by, timezone.now()
    resource.refusal_reason = reason
    resource.save()
    _search_index(resource)
    if resource.suggested_by_id and resource.suggested_by.email:
        email_send_templated(
            to=resource.suggested_by.email,
            template="resources/emails/suggestion_refused",
            context={"resource": resource},
        )
    return resource


@transaction.atomic
def resource_delete(*, resource: Resource) -> None:
    _search_remove(resource)
    resource.delete()


@transaction.atomic
def collection_save(*, form, user) -> Collection:
    collection = form.save(commit=False)
    if collection.pk is None:
        collection.created_by = user
    collection.save()
    form.save_m2m()
    return collection


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
    items = list(item.collection.items.select_for_update().order_by("position", "pk"))
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
