"""Who may do what in the agenda. Used by views, templates and tests; never raises."""

from apps.accounts.perms import is_animator, is_member, is_referent
from apps.events.models import Audience, EventStatus


def _person_category(user):
    person = getattr(user, "person", None) if is_member(user) else None
    return getattr(person, "category", None)


def can_create_event(user) -> bool:
    """Animators, and référent·es who organise events for their organisation."""
    return is_animator(user) or is_referent(user)


def can_edit_event(user, event) -> bool:
    if is_animator(user):
        return True
    if not is_member(user) or event.is_imported:
        return False
    if event.created_by_id == user.pk:
        return True
    return any(is_referent(user, org) for org in event.organisers.all())


def can_view_event(user, event) -> bool:
    if can_edit_event(user, event):
        return True
    if event.status == EventStatus.DRAFT:
        return False
    if event.audience == Audience.OPEN:
        return True
    if event.audience == Audience.MEMBERS:
        return is_member(user)
    return is_member(user) and _person_category(user) == event.audience_category


def can_register(user, event) -> bool:
    """Members who may see the event, while it is upcoming and open to registration."""
    return (
        is_member(user)
        and can_view_event(user, event)
        and event.status == EventStatus.PUBLISHED
        and event.registration_open
        and not event.is_imported
        and not event.is_past
    )


def can_cancel_registration(user, registration) -> bool:
    return is_member(user) and registration.user_id == user.pk and not registration.event.is_past


def can_manage_participants(user, event) -> bool:
    """Attendance marking and participants export: the event's editors."""
    return can_edit_event(user, event)


def can_manage_partner_feeds(user) -> bool:
    return is_animator(user)


def can_use_private_feed(user) -> bool:
    return is_member(user)
