"""Writes of the agenda. Registration runs under a row lock on the event so that two people
can never take the last seat together (PostgreSQL `SELECT … FOR UPDATE`; SQLite serialises
writers anyway)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from apps.core.emails import email_send_templated
from apps.events.models import (
    Event,
    EventStatus,
    FeedToken,
    PartnerFeed,
    Registration,
    RegistrationStatus,
)
from apps.search.services import search_index_object, search_remove_object

logger = logging.getLogger("maillage")


def _mail(registration: Registration, template: str) -> None:
    email_send_templated(
        to=registration.user.email,
        template=f"events/emails/{template}",
        context={"event": registration.event, "registration": registration, "user": registration.user},
    )


def event_save(*, form, user) -> Event:
    """Create or update an event from EventForm (M2M included) and refresh its search document."""
    event = form.save(commit=False)
    if event.pk is None:
        event.created_by = user
    with transaction.atomic():
        event.save()
        form.save_m2m()
        search_index_object(event)
    return event


def event_delete(*, event: Event) -> None:
    with transaction.atomic():
        search_remove_object(event)
        event.delete()


def registration_create(*, event: Event, user, share_contact: bool = False) -> Registration:
    """Register `user`: confirmed while seats remain, else on the waiting list. Idempotent."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        registration = Registration.objects.filter(event=locked, user=user).first()
        if registration is not None and registration.status != RegistrationStatus.CANCELLED:
            return registration
        confirmed = Registration.objects.filter(event=locked, status=RegistrationStatus.CONFIRMED).count()
        full = locked.capacity is not None and confirmed >= locked.capacity
        status = RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED
        if registration is None:
            registration = Registration.objects.create(
                event=locked, user=user, status=status, share_contact=share_contact
            )
        else:
            # Re-registering after a cancellation puts you at the end of the queue.
            registration.status = status
            registration.share_contact = share_contact
            registration.created_at = timezone.now()
            registration.cancelled_at = None
            registration.save()
        _mail(
            registration,
            "registration_confirmed" if status == RegistrationStatus.CONFIRMED else "waiting_list",
        )
    return registration


def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel; a freed seat goes to the first person of the waiting list. Returns the promoted one."""
    promoted = None
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CANCELLED:
            return None
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        _mail(registration, "registration_cancelled")
        if was_confirmed:
            promoted = _promote_waiting(event)
    return promoted


def _promote_waiting(event: Event) -> Registration | None:
    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
    if event.capacity is not None and confirmed >= event.capacity:
        return None
    nxt = (
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    if nxt is None:
        return None
    nxt.status = RegistrationStatus.CONFIRMED
    nxt.promoted_at = timezone.now()
    nxt.save(update_fields=["status", "promoted_at"])
    _mail(nxt, "promoted")
    return nxt


def event_capacity_update(*, event: Event) -> list[Registration]:
    """After raising the capacity, promote as many waiting people as there are new seats."""
    promoted = []
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        while (reg := _promote_waiting(locked)) is not None:
            promoted.append(reg)
    return promoted


def attendance_mark(*, event: Event, present_ids: set[int]) -> int:
    """Mark confirmed participants present (ids in `present_ids`) or absent (the others)."""
    regs = list(Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED))
    for reg in regs:
        reg.attended = reg.pk in present_ids
    Registration.objects.bulk_update(regs, ["attended"])
    return sum(1 for reg in regs if reg.attended)


def reminders_send(*, now=None, within: timedelta = timedelta(hours=48)) -> int:
    """Queue one reminder per confirmed participant of events starting within `within`.
    Each event is reminded once (reminder_sent_at)."""
    now = now or timezone.now()
    sent = 0
    events = Event.objects.filter(
        status=EventStatus.PUBLISHED, reminder_sent_at__isnull=True, start__gt=now, start__lte=now + within
    )
    for event in events:
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event.pk)
            if locked.reminder_sent_at is not None:
                continue
            for reg in locked.registrations.filter(status=RegistrationStatus.CONFIRMED).select_related(
                "user"
            ):
                _mail(reg, "reminder")
                sent += 1
            locked.reminder_sent_at = now
            locked.save(update_fields=["reminder_sent_at"])
    return sent


def feed_token_get(*, user) -> FeedToken:
    token, _ = FeedToken.objects.get_or_create(user=user)
    return token


def feed_token_regenerate(*, user) -> FeedToken:
    """A new secret: the former private feed address stops working at once."""
    from apps.events.models import new_token

    token = feed_token_get(user=user)
    token.token = new_token()
    token.save()
    return token


def partner_feed_create(*, form, user) -> PartnerFeed:
    feed = form.save(commit=False)
    feed.created_by = user
    feed.save()
    from apps.core.tasks import enqueue_on_commit
    from apps.events.tasks import partner_feed_import_task

    enqueue_on_commit(partner_feed_import_task, feed_id=feed.pk)
    return feed


def partner_feed_delete(*, feed: PartnerFeed) -> None:
    with transaction.atomic():
        for event in feed.events.all():
            search_remove_object(event)
        feed.delete()
