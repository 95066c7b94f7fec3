"""What the merge preview of two organisations says about event registrations (registered in
EventsConfig.ready with `apps.directory.merge.register_preview_note`)."""

from __future__ import annotations

from apps.events.models import Registration


def registrations_note(organisation) -> str:
    """Registrations belong to people, who move with their memberships: nothing to move, but the
    animator is told how many follow."""
    count = (
        Registration.objects.filter(user__person__memberships__organisation=organisation).distinct().count()
    )
    if not count:
        return ""
    if count == 1:
        return "1 inscription à un événement suit les personnes rattachées."
    return f"{count} inscriptions à des événements suivent les personnes rattachées."
