"""Writes of notifications. Callers decide WHO may know about an object (confidentiality of groups is
checked by the caller through its perms); this module guarantees "never twice" and delivery."""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.utils import timezone

from apps.core.emails import email_send_templated
from apps.notifications.models import DEFAULT_FREQUENCY, Frequency, Kind, Notification, Preference

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
BATCH_SIZE = 200


def frequency_for(*, user, kind: str) -> str:
    pref = Preference.objects.filter(user=user, kind=kind).values_list("frequency", flat=True).first()
    return pref or DEFAULT_FREQUENCY.get(kind, Frequency.DAILY)


def notification_create(
    *, recipients, kind: str, target, event: str, title: str, url: str
) -> list[Notification]:
    """Create one notification per recipient unless that (recipient, kind, object, event) exists.
    Immediate ones are emailed by the worker after commit."""
    content_type = ContentType.objects.get_for_model(target)
    recipients = {r.pk: r for r in recipients if r is not None and r.is_active}
    if not recipients:
        return []
    existing = set(
        Notification.objects.filter(
            recipient_id__in=recipients,
            kind=kind,
            content_type=content_type,
            object_id=target.pk,
            event=event,
        ).values_list("recipient_id", flat=True)
    )
    prefs = dict(
        Preference.objects.filter(user_id__in=recipients, kind=kind).values_list("user_id", "frequency")
    )
    rows = [
        Notification(
            recipient_id=pk,
            kind=kind,
            content_type=content_type,
            object_id=target.pk,
            event=event,
            title=title[:300],
            url=url,
            frequency=prefs.get(pk, DEFAULT_FREQUENCY.get(kind, Frequency.DAILY)),
        )
        for pk in recipients
        if pk not in existing
    ]
    # ignore_conflicts: a concurrent writer may have created the same row; the constraint wins.
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if any(row.frequency == Frequency.IMMEDIATE for row in rows):
        from apps.core.tasks import enqueue_on_commit
        from apps.notifications.tasks import send_notification_emails

        enqueue_on_commit(send_notification_emails, frequency=Frequency.IMMEDIATE)
    return rows


def notification_mark_read(*, user, notification=None) -> int:
    qs = Notification.objects.for_user(user).unread()
    if notification is not None:
        qs = qs.filter(pk=notification.pk)
    return qs.update(read_at=timezone.now())


def preference_set(*, user, kind: str, frequency: str) -> None:
    Preference.objects.update_or_create(user=user, kind=kind, defaults={"frequency": frequency})
    # Pending, not yet emailed notifications follow the new choice.
    Notification.objects.filter(recipient=user, kind=kind, emailed_at__isnull=True).update(
        frequency=frequency
    )


def unsubscribe_token(*, user, kind: str = "") -> str:
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


def unsubscribe_apply(*, user, kind: str) -> None:
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
                Notification.objects.select_for_update()
                .filter(recipient_id__in=recipient_ids, frequency=frequency, emailed_at__isnull=True)
                .select_related("recipient")
                .order_by("recipient_id", "created_at")
            )
            by_user = defaultdict(list)
            for notification in pending:
                by_user[notification.recipient].append(notification)
            for user, items in by_user.items():
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
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())


def _reverse_unsubscribe(token):
    from django.urls import reverse

    return reverse("notifications:unsubscribe", kwargs={"token": token})


def _reverse_preferences():
    from django.urls import reverse

    return reverse("notifications:preferences")
