"""Writes of the agenda. Registration runs under a row lock on the event so that two people
can never take the last seat together (PostgreSQL `SELECT … FOR UPDATE`; SQLite serialises
writers anyway)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypedDict

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from apps.core.emails import email_send_templated
from apps.core.files import clean_original_name
from apps.core.published import content_published
from apps.core.services import model_save
from apps.events.models import (
    Event,
    EventStatus,
    FeedToken,
    FollowupItem,
    PartnerFeed,
    Registration,
    RegistrationStatus,
)
from apps.search.services import search_index_object, search_remove_object

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.directory.models import Organisation, Person
    from apps.groups.models import Group
    from apps.territories.models import Territory
    from apps.themes.models import Theme


logger = logging.getLogger("maillage")


def _mail(registration: Registration, template: str) -> None:
    email_send_templated(
        to=registration.user.email,
        template=f"events/emails/{template}",
        context={"event": registration.event, "registration": registration, "user": registration.user},
    )


class EventData(TypedDict, total=False):
    title: str
    kind: str
    status: str
    summary: str
    description: str
    start: datetime
    end: datetime
    timezone_name: str
    online_url: str
    place_name: str
    address: str
    territory: Territory | None
    organisers: Iterable[Organisation]
    co_organisers: Iterable[Organisation]
    speakers: Iterable[Person]
    themes: Iterable[Theme]
    audience: str
    audience_category: str
    audience_group: Group | None
    capacity: int | None
    registration_open: bool
    replay_url: str
    slides_url: str
    report: str


@transaction.atomic
def event_create(*, by: User, data: EventData) -> Event:
    event = model_save(instance=Event(created_by=by), data=dict(data))
    search_index_object(event)
    return event


@transaction.atomic
def event_update(*, event: Event, data: EventData) -> Event:
    # Read from the row: a validated ModelForm has already written the new status on `event`.
    was = Event.objects.filter(pk=event.pk).values_list("status", flat=True).first()
    model_save(instance=event, data=dict(data))
    search_index_object(event)
    if was == EventStatus.DRAFT and event.status == EventStatus.PUBLISHED:
        content_published(instance=event, at=timezone.now())
    return event


def event_delete(*, event: Event) -> None:
    with transaction.atomic():
        search_remove_object(event)
        event.delete()


def registration_create(*, event: Event, user: User, share_contact: bool = False) -> Registration:
    """Register `user`: confirmed while seats remain, else on the waiting list. Idempotent."""
    with transaction.atomic():
        locked = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
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
        event = Event.objects.select_for_update(of=("self",)).get(pk=registration.event_id)
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


def _still_allowed(registration: Registration) -> bool:
    """Membership (group events) and category of actors (restricted events) are read again at
    each send: a person who left the group or changed category gets no seat and no private link."""
    from apps.events.perms import can_view_event

    return registration.user.is_active and can_view_event(registration.user, registration.event)


def _promote_waiting(event: Event) -> Registration | None:
    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
    if event.capacity is not None and confirmed >= event.capacity:
        return None
    waiting = (
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    for nxt in waiting:
        nxt.event = event
        if not _still_allowed(nxt):
            # Lost access while waiting: out of the queue, silently (they may not know the event).
            nxt.status = RegistrationStatus.CANCELLED
            nxt.cancelled_at = timezone.now()
            nxt.save(update_fields=["status", "cancelled_at"])
            continue
        nxt.status = RegistrationStatus.CONFIRMED
        nxt.promoted_at = timezone.now()
        nxt.save(update_fields=["status", "promoted_at"])
        _mail(nxt, "promoted")
        return nxt
    return None


def registrations_revoke(*, user: User, events: Iterable[Event] | None = None) -> int:
    """Cancel `user`'s registrations (confirmed or waiting) to upcoming events they may no longer
    see — called when they leave or are removed from a group (`events` = that group's events).
    Each freed seat goes to the waiting list. The person is told without the event's private
    details (link, place). Returns the number of cancelled registrations."""
    qs = Registration.objects.filter(user=user, event__end__gte=timezone.now()).exclude(
        status=RegistrationStatus.CANCELLED
    )
    if events is not None:
        qs = qs.filter(event__in=events)
    cancelled = 0
    for registration in qs.select_related("event", "user"):
        with transaction.atomic():
            event = Event.objects.select_for_update(of=("self",)).get(pk=registration.event_id)
            registration.refresh_from_db()
            registration.event = event
            if registration.status == RegistrationStatus.CANCELLED or _still_allowed(registration):
                continue
            was_confirmed = registration.status == RegistrationStatus.CONFIRMED
            registration.status = RegistrationStatus.CANCELLED
            registration.cancelled_at = timezone.now()
            registration.save(update_fields=["status", "cancelled_at"])
            email_send_templated(
                to=registration.user.email,
                template="events/emails/access_lost",
                context={"event": event, "user": registration.user},
            )
            cancelled += 1
            if was_confirmed:
                while _promote_waiting(event) is not None:
                    pass
    return cancelled


def group_member_revoke(*, group: Group, user: User) -> int:
    """Registered in `apps.groups.hooks` (EventsConfig.ready): membership is the single source of
    truth, so someone who leaves a group loses their registrations to its upcoming events (seats
    freed for the waiting list; no reminder with the private link)."""
    return registrations_revoke(user=user, events=Event.objects.filter(audience_group=group))


def registrations_erase(*, user: User) -> int:
    """Delete every registration of `user` (account erasure): no mail to them; each seat of an
    upcoming event goes to the waiting list. Returns the number of registrations deleted."""
    count = 0
    for registration in Registration.objects.filter(user=user).select_related("event"):
        with transaction.atomic():
            event = Event.objects.select_for_update(of=("self",)).get(pk=registration.event_id)
            was_confirmed = registration.status == RegistrationStatus.CONFIRMED
            registration.delete()
            count += 1
            if was_confirmed and not event.is_past:
                while _promote_waiting(event) is not None:
                    pass
    return count


def event_capacity_update(*, event: Event) -> list[Registration]:
    """After raising the capacity, promote as many waiting people as there are new seats."""
    promoted = []
    with transaction.atomic():
        locked = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
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


def reminders_send(*, now: datetime | None = None, within: timedelta = timedelta(hours=48)) -> int:
    """Queue one reminder per confirmed participant of events starting within `within`.
    Each event is reminded once (reminder_sent_at)."""
    now = now or timezone.now()
    sent = 0
    events = Event.objects.filter(
        status=EventStatus.PUBLISHED, reminder_sent_at__isnull=True, start__gt=now, start__lte=now + within
    )
    for event in events:
        with transaction.atomic():
            locked = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
            if locked.reminder_sent_at is not None:
                continue
            for reg in locked.registrations.filter(status=RegistrationStatus.CONFIRMED).select_related(
                "user"
            ):
                reg.event = locked
                if not _still_allowed(reg):
                    # Left the group (or changed category) without the registration being cancelled.
                    continue
                _mail(reg, "reminder")
                sent += 1
            locked.reminder_sent_at = now
            locked.save(update_fields=["reminder_sent_at"])
    return sent


def feed_token_create(*, user: User) -> FeedToken:
    """The secret of `user`'s private feeds, created on their request (a POST) if missing; idempotent."""
    token, _ = FeedToken.objects.get_or_create(user=user)
    return token


def feed_token_regenerate(*, user: User) -> FeedToken:
    """A new secret: the former private feed address stops working at once."""
    from apps.events.models import new_token

    token = feed_token_create(user=user)
    token.token = new_token()
    token.save()
    return token


def partner_feed_create(
    *, by: User, name: str, url: str, organisation: Organisation | None = None
) -> PartnerFeed:
    feed = PartnerFeed.objects.create(name=name, url=url, organisation=organisation, created_by=by)
    from apps.core.tasks import enqueue_on_commit
    from apps.events.tasks import partner_feed_import_task

    enqueue_on_commit(partner_feed_import_task, feed_id=feed.pk)
    return feed


def partner_feed_delete(*, feed: PartnerFeed) -> None:
    with transaction.atomic():
        for event in feed.events.all():
            search_remove_object(event)
        feed.delete()


def attendance_record(*, event: Event, marks: dict[int, bool | None]) -> int:
    """Record attendance of the listed registrations only (one page of the participants list):
    True present, False absent, None not recorded. Registrations of other events, and not
    confirmed ones, are left alone. Returns how many registrations changed."""
    regs = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED, pk__in=list(marks))
    )
    changed = [reg for reg in regs if reg.attended != marks[reg.pk]]
    for reg in changed:
        reg.attended = marks[reg.pk]
    Registration.objects.bulk_update(changed, ["attended"])
    return len(changed)


def followup_item_create(
    *,
    event: Event,
    user: User,
    kind: str,
    title: str,
    url: str = "",
    photo: File | None = None,
    alt: str = "",
) -> FollowupItem:
    """Attach a video, a link or a photo to an event (after it, usually), at the end of its list."""
    last = event.followup_items.order_by("-position").values_list("position", flat=True).first()
    item = FollowupItem(
        event=event,
        kind=kind,
        title=title,
        url=url if kind != FollowupItem.Kind.PHOTO else "",
        alt=alt if kind == FollowupItem.Kind.PHOTO else "",
        position=(last or 0) + 1,
        created_by=user,
    )
    if kind == FollowupItem.Kind.PHOTO:
        if photo is None:
            raise ValueError("A photo item needs its photo")
        item.original_name = clean_original_name(photo.name or "")
        item.photo = photo
    item.save()
    return item


def followup_item_delete(*, item: FollowupItem) -> None:
    """Remove the item and its stored photo."""
    if item.photo:
        item.photo.delete(save=False)
    item.delete()
