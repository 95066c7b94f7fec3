"""Writes of notifications. Callers decide WHO may know about an object (confidentiality of groups is
checked by the caller through its perms); this module guarantees "never twice" and delivery."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.utils import timezone

from apps.core.access import can_read
from apps.core.emails import email_send_templated
from apps.notifications.models import DEFAULT_FREQUENCY, Frequency, Kind, Notification, Preference

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from django.db.models import Model, QuerySet

    from apps.accounts.models import User


UNSUBSCRIBE_SALT = "notifications.unsubscribe"

# The models' defaults, keyed by the plain codes that callers and rows carry.
_DEFAULT_FREQUENCY: dict[str, str] = {
    str(kind): str(frequency) for kind, frequency in DEFAULT_FREQUENCY.items()
}
BATCH_SIZE = 200


def frequency_for(*, user: User, kind: str) -> str:
    pref = Preference.objects.filter(user=user, kind=kind).values_list("frequency", flat=True).first()
    return pref or _DEFAULT_FREQUENCY.get(kind, Frequency.DAILY)


def notification_create(
    *, recipients: Iterable[User], kind: str, target: Model, event: str, title: str, url: str
) -> list[Notification]:
    """Create one notification per recipient unless that (recipient, kind, object, event) exists.
    Immediate ones are emailed by the worker after commit."""
    content_type = ContentType.objects.get_for_model(target)
    by_pk = {r.pk: r for r in recipients if r is not None and r.is_active}
    if not by_pk:
        return []
    existing = set(
        Notification.objects.filter(
            recipient_id__in=by_pk,
            kind=kind,
            content_type=content_type,
            object_id=target.pk,
            event=event,
        ).values_list("recipient_id", flat=True)
    )
    prefs = dict(Preference.objects.filter(user_id__in=by_pk, kind=kind).values_list("user_id", "frequency"))
    rows = [
        Notification(
            recipient_id=pk,
            kind=kind,
            content_type=content_type,
            object_id=target.pk,
            event=event,
            title=title[:300],
            url=url,
            frequency=prefs.get(pk, _DEFAULT_FREQUENCY.get(kind, Frequency.DAILY)),
        )
        for pk in by_pk
        if pk not in existing
    ]
    # ignore_conflicts: a concurrent writer may have created the same row; the constraint wins.
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if kind in (Kind.MODERATION, Kind.REQUEST):
        from apps.core.moderation import queue_changed

        transaction.on_commit(queue_changed)
    if any(row.frequency == Frequency.IMMEDIATE for row in rows):
        from apps.core.tasks import enqueue_on_commit
        from apps.notifications.tasks import send_notification_emails

        enqueue_on_commit(send_notification_emails, frequency=Frequency.IMMEDIATE)
    return rows


def notification_resolve(
    *, target: Model, kinds: Iterable[str] = (Kind.MODERATION,), events: Iterable[str] | None = None
) -> int:
    """`target` was handled (approved, refused, closed…): the notifications that asked someone to
    handle it are done, for every recipient — marked read, and never emailed later in a digest
    (their frequency becomes "no email"). Returns the number of notifications marked read."""
    from apps.core.moderation import queue_changed

    qs = Notification.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk, kind__in=list(kinds)
    )
    if events is not None:
        qs = qs.filter(event__in=list(events))
    qs.filter(emailed_at__isnull=True).exclude(frequency=Frequency.NONE).update(frequency=Frequency.NONE)
    count = qs.filter(read_at__isnull=True).update(read_at=timezone.now())
    transaction.on_commit(queue_changed)
    return count


def notifications_forget(*, recipient: User, querysets: Iterable[QuerySet[Any]]) -> int:
    """Delete `recipient`'s notifications about any object of `querysets` (one per model): someone
    who may no longer see these objects must not keep their titles in their notifications.
    Returns the number of notifications deleted."""
    deleted = 0
    for objects in querysets:
        deleted += Notification.objects.filter(
            recipient=recipient,
            content_type=ContentType.objects.get_for_model(objects.model),
            object_id__in=objects.values("pk"),
        ).delete()[0]
    return deleted


def notification_mark_read(*, user: User, notification: Notification | None = None) -> int:
    qs = Notification.objects.for_user(user).unread()
    if notification is not None:
        qs = qs.filter(pk=notification.pk)
    updated: int = qs.update(read_at=timezone.now())
    return updated


def preference_set(*, user: User, kind: str, frequency: str) -> None:
    Preference.objects.update_or_create(user=user, kind=kind, defaults={"frequency": frequency})
    # Pending, not yet emailed notifications follow the new choice.
    Notification.objects.filter(recipient=user, kind=kind, emailed_at__isnull=True).update(
        frequency=frequency
    )


def unsubscribe_token(*, user: User, kind: str = "") -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_read(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=60 * 60 * 24 * 365)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    kind = data.get("k") or ""
    if kind and kind not in Kind.values:
        return None
    return data["u"], kind


def unsubscribe_apply(*, user: User, kind: str) -> None:
    """An empty kind = every kind."""
    for k in [kind] if kind else Kind.values:
        preference_set(user=user, kind=k, frequency=Frequency.NONE)


def notifications_send(*, frequency: str, batch_size: int = BATCH_SIZE) -> int:
    """Email every not-yet-emailed notification of `frequency`, one email per recipient (a digest
    when there are several), in batches of recipients. Returns the number of emails."""
    sent = 0
    while True:
        with transaction.atomic():
            recipient_ids = list(
                Notification.objects.filter(frequency=frequency, emailed_at__isnull=True)
                .values_list("recipient_id", flat=True)
                .distinct()
                .order_by("recipient_id")[:batch_size]
            )
            if not recipient_ids:
                return sent
            pending = list(
                Notification.objects.select_for_update(of=("self",))
                .filter(recipient_id__in=recipient_ids, frequency=frequency, emailed_at__isnull=True)
                .select_related("recipient")
                .order_by("recipient_id", "created_at")
            )
            by_user = defaultdict(list)
            unreadable = []
            for notification in pending:
                # Access is read again at send time: someone who left a group (or lost a role)
                # since the notification was created gets nothing of it.
                if can_read(notification.recipient, notification.target):
                    by_user[notification.recipient].append(notification)
                else:
                    unreadable.append(notification.pk)
            Notification.objects.filter(pk__in=unreadable).delete()
            for user, items in by_user.items():
                if not items:
                    continue
                email_send_templated(
                    to=user.email,
                    template="notifications/emails/digest",
                    context={
                        "user": user,
                        "items": items,
                        "frequency": frequency,
                        "frequency_label": Frequency(frequency).label,
                        "unsubscribe_url": settings.MAILLAGE_SITE_URL
                        + _reverse_unsubscribe(unsubscribe_token(user=user)),
                        "preferences_url": settings.MAILLAGE_SITE_URL + _reverse_preferences(),
                    },
                )
                sent += 1
            Notification.objects.filter(pk__in=[n.pk for n in pending if n.pk not in unreadable]).update(
                emailed_at=timezone.now()
            )


def _reverse_unsubscribe(token: str) -> str:
    from django.urls import reverse

    return reverse("notifications:unsubscribe", kwargs={"token": token})


def _reverse_preferences() -> str:
    from django.urls import reverse

    return reverse("notifications:preferences")
