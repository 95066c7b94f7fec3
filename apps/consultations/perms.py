"""Who may do what in consultations, workshops and booklets. Used by views, templates and tests."""

from apps.accounts.perms import is_animator, is_member

__all__ = ["is_animator", "is_member"]


def user_organisations(user):
    """Active organisations the user belongs to (through their directory Person)."""
    from apps.directory.models import Organisation

    if not is_member(user):
        return Organisation.objects.none()
    return Organisation.objects.active().filter(
        memberships__person__user=user, memberships__person__is_removed=False
    )


def contributable_organisations(user, consultation):
    """Organisations in whose name the user may sign a contribution to this consultation."""
    orgs = user_organisations(user)
    if consultation.audience == "organisations":
        orgs = orgs.filter(pk__in=consultation.invited_organisations.values("pk"))
    return orgs.distinct()


# --- Consultations ---


def can_create_consultation(user) -> bool:
    return is_animator(user)


def can_view_consultation(user, consultation) -> bool:
    return is_animator(user) or (is_member(user) and consultation.is_published)


def can_manage_consultation(user, consultation) -> bool:
    return is_animator(user)


def can_contribute(user, consultation) -> bool:
    if not consultation.is_open:
        return False
    if is_animator(user):
        return True
    return is_member(user) and contributable_organisations(user, consultation).exists()


def can_edit_contribution(user, contribution) -> bool:
    if is_animator(user):
        return True
    consultation = contribution.action.objective.consultation
    return (
        is_member(user)
        and contribution.author_user_id == user.pk
        and not contribution.is_hidden
        and consultation.is_open
    )


def can_moderate(user, consultation=None) -> bool:
    return is_animator(user)


def can_comment(user, consultation) -> bool:
    return consultation.is_open and can_view_consultation(user, consultation)


def can_view_progress(user, consultation) -> bool:
    return is_animator(user)


# --- Workshops ---


def can_create_workshop(user) -> bool:
    return is_animator(user)


def can_view_workshop(user, workshop) -> bool:
    return is_animator(user) or (is_member(user) and workshop.is_published)


def can_manage_workshop(user, workshop) -> bool:
    """Capture proposals and participants, import tables, decompose initiatives."""
    return is_animator(user)


def can_vote(user, workshop) -> bool:
    return workshop.voting_open and can_view_workshop(user, workshop)


# --- Booklets ---


def can_view_booklet(user, source) -> bool:
    if hasattr(source, "closes_on"):
        return can_view_consultation(user, source)
    return can_view_workshop(user, source)


def can_edit_booklet(user, source) -> bool:
    return is_animator(user)
