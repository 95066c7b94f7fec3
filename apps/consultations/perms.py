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
    elif consultation.audience == "group" and not _is_group_member(user, consultation):
        # Signed by the contributing member's own organisations, and only by a group member.
        return orgs.none()
    return orgs.distinct()


# --- Group consultations ---


def is_group_consultation(consultation) -> bool:
    return consultation.audience == "group"


def _is_group_member(user, consultation) -> bool:
    from apps.groups.perms import is_group_member

    return consultation.group_id is not None and is_group_member(user, consultation.group)


def _is_group_animator(user, consultation) -> bool:
    from apps.groups.perms import is_group_animator

    return consultation.group_id is not None and is_group_animator(user, consultation.group)


def can_know_consultation(user, consultation) -> bool:
    """Whether the consultation may exist at all for `user`: views answer 404 when it may not, so
    that a private group's consultation is never revealed (title, slug, counts) outside the group.
    Mirrors `ConsultationQuerySet.visible_to`."""
    if not is_group_consultation(consultation):
        return True
    if not is_member(user):
        return False
    if is_animator(user) and consultation.created_by_id == user.pk:
        return True
    return _is_group_member(user, consultation)


# --- Consultations ---


def can_create_consultation(user) -> bool:
    return is_animator(user)


def can_view_consultation(user, consultation) -> bool:
    if not can_know_consultation(user, consultation):
        return False
    return is_animator(user) or (is_member(user) and consultation.is_published)


def can_manage_consultation(user, consultation) -> bool:
    return is_animator(user) and can_know_consultation(user, consultation)


def can_contribute(user, consultation) -> bool:
    if not consultation.is_open or not can_know_consultation(user, consultation):
        return False
    if is_animator(user):
        return True
    return is_member(user) and contributable_organisations(user, consultation).exists()


def can_edit_contribution(user, contribution) -> bool:
    consultation = contribution.action.objective.consultation
    if not can_know_consultation(user, consultation):
        return False
    if is_animator(user):
        return True
    return (
        is_member(user)
        and contribution.author_user_id == user.pk
        and not contribution.is_hidden
        and consultation.is_open
    )


def can_moderate(user, consultation=None) -> bool:
    if consultation is not None and not can_know_consultation(user, consultation):
        return False
    return is_animator(user)


def can_comment(user, consultation) -> bool:
    return consultation.is_open and can_view_consultation(user, consultation)


def can_view_progress(user, consultation) -> bool:
    """Who has contributed and who has not: the network animation, and for a group consultation
    its creator and the group's own animators (a tool to relaunch their peers)."""
    if not can_know_consultation(user, consultation):
        return False
    return is_animator(user) or (consultation.is_published and _is_group_animator(user, consultation))


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
    if hasattr(source, "closes_on"):
        return can_manage_consultation(user, source)
    return is_animator(user)
