"""Who may do what in the directory. Used by views, templates (via the `directory_tags` library) and tests.

Every function takes the user first and never raises: anonymous users simply get False.
"""

from apps.accounts.perms import is_admin, is_animator, is_member

__all__ = [
    "can_access_animation",
    "can_decide_join_request",
    "can_edit_organisation",
    "can_invite",
    "can_manage_members",
    "can_manage_themes",
    "can_request_membership",
    "can_see_contact",
    "can_view_organisation",
    "can_view_person",
    "is_admin",
    "is_animator",
    "is_member",
    "is_referent",
]


def is_referent(user, organisation) -> bool:
    """True when `user` is a référent·e of `organisation`. Memoised on the user object for the
    request, because templates ask the same question several times per page."""
    if not is_member(user) or organisation is None or organisation.pk is None:
        return False
    cache = user.__dict__.setdefault("_referent_of", {})
    if organisation.pk not in cache:
        from apps.directory.models import Membership

        cache[organisation.pk] = Membership.objects.filter(
            organisation_id=organisation.pk, person__user_id=user.pk, is_referent=True
        ).exists()
    return cache[organisation.pk]


def is_attached(user, organisation) -> bool:
    if not is_member(user) or organisation is None:
        return False
    from apps.directory.models import Membership

    return Membership.objects.filter(organisation_id=organisation.pk, person__user_id=user.pk).exists()


def can_view_organisation(user, organisation) -> bool:
    """Active organisations are public; pending/refused ones only for animators and their own people."""
    from apps.directory.models import OrganisationStatus

    if organisation.status == OrganisationStatus.ACTIVE:
        return True
    return is_animator(user) or is_attached(user, organisation)


def can_edit_organisation(user, organisation) -> bool:
    return is_animator(user) or is_referent(user, organisation)


def can_manage_members(user, organisation) -> bool:
    return is_animator(user) or is_referent(user, organisation)


def can_invite(user, organisation) -> bool:
    """Invitations only make sense for organisations that are members of the network."""
    from apps.directory.models import OrganisationStatus

    if organisation.status == OrganisationStatus.REFUSED:
        return False
    return is_animator(user) or is_referent(user, organisation)


def can_request_membership(user, organisation) -> bool:
    """A logged-in person may ask to be attached to an active organisation they are not part of."""
    from apps.directory.models import OrganisationStatus

    return (
        is_member(user)
        and organisation.status == OrganisationStatus.ACTIVE
        and not is_attached(user, organisation)
    )


def can_decide_join_request(user, join_request) -> bool:
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


def can_access_animation(user) -> bool:
    return is_animator(user)


def can_manage_themes(user) -> bool:
    return is_animator(user)


def can_view_person(user, person) -> bool:
    """Consent rules: only people who agreed to appear are shown, except to themselves and animators."""
    if person.is_removed:
        return False
    if person.directory_consent:
        return True
    if is_animator(user):
        return True
    return is_member(user) and person.user_id == user.pk


def can_see_contact(user, person) -> bool:
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
