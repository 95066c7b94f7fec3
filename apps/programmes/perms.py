"""Who may do what in programmes ("parcours")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.perms import is_animator, is_member

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.programmes.models import Enrolment, Programme


def can_view_programme(user: AnyUser, programme: Programme | None = None) -> bool:
    """Programmes are working spaces of the network: members only."""
    return is_member(user)


def can_manage_programme(user: AnyUser, programme: Programme | None = None) -> bool:
    return is_animator(user)


def is_delegation_member(user: AnyUser, enrolment: Enrolment) -> bool:
    """A member of the delegation's organisation, or listed in the delegation itself."""
    if not is_member(user):
        return False
    person = getattr(user, "person", None)
    if person is None or person.is_removed:
        return False
    return (
        enrolment.members.filter(pk=person.pk).exists()
        or person.memberships.filter(organisation_id=enrolment.organisation_id).exists()
    )


def can_edit_support(user: AnyUser, enrolment: Enrolment) -> bool:
    """The delegation writes its subject and qualification note; animators also the budget and status."""
    return can_manage_programme(user) or is_delegation_member(user, enrolment)
