"""Who may do what in the agenda. Used by views, templates and tests; never raises."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.perms import is_animator, is_member, is_referent
from apps.core.files import PrivateFile
from apps.events.models import Audience, EventStatus
from apps.groups.models import GroupMembership
from apps.groups.perms import is_group_animator, is_group_member

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.events.models import Event, FollowupItem, Registration
    from apps.groups.models import Group


def _person_category(user: AnyUser) -> str | None:
    person = getattr(user, "person", None) if is_member(user) else None
    return getattr(person, "category", None)


def animates_a_group(user: AnyUser) -> bool:
    return is_member(user) and (
        GroupMembership.objects.filter(
            user=user, status=GroupMembership.Status.ACTIVE, role=GroupMembership.Role.ANIMATOR
        ).exists()
    )


def can_create_event(user: AnyUser) -> bool:
    """Animators, référent·es who organise events for their organisation, and group animators
    (for their group only: see EventForm)."""
    return is_animator(user) or is_referent(user) or animates_a_group(user)


def can_create_open_event(user: AnyUser) -> bool:
    """Any audience but a group: the network's agenda is not for group animators alone."""
    return is_animator(user) or is_referent(user)


def _can_edit_group_event(user: AnyUser, event: Event) -> bool:
    # Group content: its animators, and its author while still a member. Network animators only
    # as members of the group (they manage groups without reading them).
    group = event.audience_group
    if group is None or event.is_imported:
        return False
    return is_group_animator(user, group) or (event.created_by_id == user.pk and is_group_member(user, group))


def can_view_group_event(user: AnyUser, event: Event) -> bool:
    group = event.audience_group
    if group is None or not is_group_member(user, group):
        return False
    return event.status != EventStatus.DRAFT or _can_edit_group_event(user, event)


def can_edit_event(user: AnyUser, event: Event) -> bool:
    if event.audience == Audience.GROUP:
        return is_member(user) and _can_edit_group_event(user, event)
    if is_animator(user):
        return True
    if not is_member(user) or event.is_imported:
        return False
    if event.created_by_id == user.pk:
        return True
    return any(is_referent(user, org) for org in event.organisers.all())


def can_view_event(user: AnyUser, event: Event) -> bool:
    if event.audience == Audience.GROUP:
        return can_view_group_event(user, event)
    if can_edit_event(user, event):
        return True
    if event.status == EventStatus.DRAFT:
        return False
    if event.audience == Audience.OPEN:
        return True
    if event.audience == Audience.MEMBERS:
        return is_member(user)
    return is_member(user) and _person_category(user) == event.audience_category


def can_register(user: AnyUser, event: Event) -> bool:
    """Members who may see the event, while it is upcoming and open to registration."""
    return (
        is_member(user)
        and can_view_event(user, event)
        and event.status == EventStatus.PUBLISHED
        and event.registration_open
        and not event.registration_deadline_passed
        and not event.is_imported
        and not event.is_past
    )


def can_cancel_registration(user: AnyUser, registration: Registration) -> bool:
    """The registered person, until the event is over — even if they no longer see the event
    (they left its group): a seat must never stay taken by someone who cannot come."""
    return is_member(user) and registration.user_id == user.pk and not registration.event.is_past


def can_manage_participants(user: AnyUser, event: Event) -> bool:
    """Attendance marking and participants export: the event's editors."""
    return can_edit_event(user, event)


def can_manage_registrations(user: AnyUser, event: Event) -> bool:
    """Registration questions and deadline, waiting list (promote, cancel): the event's editors,
    for events that take registrations here (not imported ones)."""
    return can_manage_participants(user, event) and not event.is_imported


def can_manage_partner_feeds(user: AnyUser) -> bool:
    return is_animator(user)


def can_use_private_feed(user: AnyUser) -> bool:
    return is_member(user)


def can_use_group_feed(user: AnyUser, group: Group) -> bool:
    """The private agenda of a group: its active members (the feed token names the person)."""
    return is_member(user) and is_group_member(user, group)


def can_manage_followup(user: AnyUser, event: Event) -> bool:
    """Replays, links and photos attached to an event: its editors."""
    return can_edit_event(user, event)


def can_read_followup_photo(user: AnyUser, item: FollowupItem) -> bool:
    return can_view_event(user, item.event)


FILES = [PrivateFile("events.FollowupItem", "photo", can_read=can_read_followup_photo, inline=True)]
