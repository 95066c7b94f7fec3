"""Who may do what in the directory. Used by views, templates (via the `directory_tags` library) and tests.

Every `can_*` takes the user first and never raises: anonymous users simply get False. The
`access_*` functions fetch, check and raise (404; the login page for an anonymous visitor).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404

from apps.accounts.perms import is_admin, is_animator, is_member, is_referent
from apps.core import access
from apps.core.files import PrivateFile

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.directory.models import Invitation, JoinRequest, Organisation, Person


__all__ = [
    "access_organisation",
    "can_access_animation",
    "can_create_organisation",
    "can_decide_join_request",
    "can_edit_organisation",
    "can_edit_person",
    "can_invite",
    "can_invite_in_bulk",
    "can_manage_members",
    "can_manage_themes",
    "can_merge_organisations",
    "can_request_membership",
    "can_resend_invitation",
    "can_see_contact",
    "can_view_organisation",
    "can_view_person",
    "is_admin",
    "is_animator",
    "is_member",
    "is_referent",
]


def is_attached(user: AnyUser, organisation: Organisation) -> bool:
    if not is_member(user) or organisation is None:
        return False
    from apps.directory.models import Membership

    return Membership.objects.filter(organisation_id=organisation.pk, person__user_id=user.pk).exists()


def can_view_organisation(user: AnyUser, organisation: Organisation) -> bool:
    """Active organisations are public; pending/refused ones only for animators and their own people."""
    from apps.directory.models import OrganisationStatus

    if organisation.status == OrganisationStatus.ACTIVE:
        return True
    return is_animator(user) or is_attached(user, organisation)


def can_edit_organisation(user: AnyUser, organisation: Organisation) -> bool:
    return is_animator(user) or is_referent(user, organisation)


def can_manage_members(user: AnyUser, organisation: Organisation) -> bool:
    return is_animator(user) or is_referent(user, organisation)


def can_invite(user: AnyUser, organisation: Organisation) -> bool:
    """Invitations only make sense for organisations that are members of the network."""
    from apps.directory.models import OrganisationStatus

    if organisation.status == OrganisationStatus.REFUSED:
        return False
    return is_animator(user) or is_referent(user, organisation)


def can_request_membership(user: AnyUser, organisation: Organisation) -> bool:
    """A logged-in person may ask to be attached to an active organisation they are not part of."""
    from apps.directory.models import OrganisationStatus

    return (
        is_member(user)
        and organisation.status == OrganisationStatus.ACTIVE
        and not is_attached(user, organisation)
    )


def can_decide_join_request(user: AnyUser, join_request: JoinRequest) -> bool:
    """Animators decide everything; référents of an active organisation decide who joins it.
    A pending organisation's own référent (the requester) must never approve it."""
    if not join_request.is_pending:
        return False
    if is_animator(user):
        return True
    from apps.directory.models import JoinRequest, OrganisationStatus

    return (
        join_request.kind == JoinRequest.Kind.MEMBERSHIP
        and join_request.organisation.status == OrganisationStatus.ACTIVE
        and join_request.requested_by_id != getattr(user, "pk", None)
        and is_referent(user, join_request.organisation)
    )


def can_search_organisations(user: AnyUser) -> bool:
    """The organisation picker of the forms (invited organisations, delegations, poll invitees…):
    people who fill those forms are logged in; the directory's public pages stay the public way."""
    return bool(user.is_authenticated and user.is_active)


def can_access_animation(user: AnyUser) -> bool:
    return is_animator(user)


def can_create_organisation(user: AnyUser) -> bool:
    """Adding an organisation directly (without a join request) is the animation team's."""
    return is_animator(user)


def can_merge_organisations(
    user: AnyUser, source: Organisation | None = None, target: Organisation | None = None
) -> bool:
    return is_animator(user)


def can_edit_person(user: AnyUser, person: Person) -> bool:
    """Another person's card: the animation team (the person uses their own account page).
    An erased card stays erased."""
    return is_animator(user) and not person.is_removed


def can_invite_in_bulk(user: AnyUser) -> bool:
    """Invitations to many people and organisations at once, and their follow-up: the animation team
    (référents invite their own colleagues from their organisation's page)."""
    return is_animator(user)


def can_resend_invitation(user: AnyUser, invitation: Invitation) -> bool:
    return invitation.accepted_at is None and (
        is_animator(user) or is_referent(user, invitation.organisation)
    )


def can_manage_themes(user: AnyUser) -> bool:
    return is_animator(user)


def can_view_person(user: AnyUser, person: Person) -> bool:
    """Consent rules: only people who agreed to appear are shown, except to themselves and animators."""
    if person.is_removed:
        return False
    if person.directory_consent:
        return True
    if is_animator(user):
        return True
    return is_member(user) and person.user_id == user.pk


def can_see_contact(user: AnyUser, person: Person) -> bool:
    """Email and phone follow the person's own choice (public / members only / hidden)."""
    from apps.directory.models import Visibility

    if not can_view_person(user, person):
        return False
    if is_member(user) and (person.user_id == user.pk or is_animator(user)):
        return True
    if person.contact_visibility == Visibility.PUBLIC:
        return True
    if person.contact_visibility == Visibility.MEMBERS:
        return is_member(user)
    return False


def can_see_photo(user: AnyUser, person: Person) -> bool:
    """A photo is shown with the person: not to anyone once consent is withdrawn or the person erased."""
    return can_view_person(user, person)


# Logos are public on purpose (Organisation.logo uses public_storage); photos are not.
FILES = [
    PrivateFile(
        "directory.Person",
        "photo",
        can_read=can_see_photo,
        filename=lambda person: f"photo-{person.pk}",
        inline=True,
    )
]


def access_organisation(user: AnyUser, slug: str) -> Organisation:
    """The organisation `user` may see: a pending or refused one does not exist for others."""
    from apps.directory.models import Organisation

    organisation = get_object_or_404(Organisation.objects.select_related("territory"), slug=slug)
    access.check(user, can_view_organisation(user, organisation), "Organisation introuvable.")
    return organisation
