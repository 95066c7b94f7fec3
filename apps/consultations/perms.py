"""Who may do what in consultations, workshops and booklets. Used by views, templates and tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404
from django.shortcuts import get_object_or_404

from apps.accounts.perms import is_animator, is_member
from apps.consultations.models import Consultation
from apps.core import access

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from apps.accounts.perms import AnyUser
    from apps.consultations.models import Contribution
    from apps.directory.models import Organisation


__all__ = ["access_consultation", "is_animator", "is_member", "known_consultation"]


def user_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """Active organisations the user belongs to (through their directory Person)."""
    from apps.directory.models import Organisation

    if not is_member(user):
        return Organisation.objects.none()
    return Organisation.objects.active().filter(
        memberships__person__user=user, memberships__person__is_removed=False
    )


def contributable_organisations(user: AnyUser, consultation: Consultation) -> QuerySet[Organisation]:
    """Organisations in whose name the user may sign a contribution to this consultation."""
    orgs = user_organisations(user)
    if consultation.audience == "organisations":
        orgs = orgs.filter(pk__in=consultation.invited_organisations.values("pk"))
    elif consultation.audience == "group" and not _is_group_member(user, consultation):
        # Signed by the contributing member's own organisations, and only by a group member.
        return orgs.none()
    return orgs.distinct()


# --- Group consultations ---


def is_group_consultation(consultation: Consultation) -> bool:
    return consultation.audience == "group"


def _is_group_member(user: AnyUser, consultation: Consultation) -> bool:
    from apps.groups.perms import is_group_member

    return consultation.group is not None and is_group_member(user, consultation.group)


def _is_group_animator(user: AnyUser, consultation: Consultation) -> bool:
    from apps.groups.perms import is_group_animator

    return consultation.group is not None and is_group_animator(user, consultation.group)


def can_know_consultation(user: AnyUser, consultation: Consultation) -> bool:
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


def known_consultation(user: AnyUser, slug: str) -> Consultation:
    """The consultation, if it may exist at all for `user`; otherwise 404 for everyone, anonymous
    visitors included: a private group's consultation is not distinguishable from a missing one."""
    consultation = get_object_or_404(Consultation.objects.select_related("group"), slug=slug)
    if not can_know_consultation(user, consultation):
        raise Http404("Consultation introuvable.")
    return consultation


def access_consultation(user: AnyUser, slug: str) -> Consultation:
    """The consultation `user` may read: a draft does not exist for others (404; the login page for
    an anonymous visitor, as apps.core.access does)."""
    consultation = known_consultation(user, slug)
    access.check(user, can_view_consultation(user, consultation))
    return consultation


# --- Consultations ---


def can_create_consultation(user: AnyUser) -> bool:
    return is_animator(user)


def can_view_consultation(user: AnyUser, consultation: Consultation) -> bool:
    if not can_know_consultation(user, consultation):
        return False
    return is_animator(user) or (is_member(user) and consultation.is_published)


def can_manage_consultation(user: AnyUser, consultation: Consultation) -> bool:
    return is_animator(user) and can_know_consultation(user, consultation)


def can_change_audience(user: AnyUser, consultation: Consultation) -> bool:
    """Taking a group consultation out of its group (another audience, another group) exposes every
    contribution of the group: only the group's own animators decide it, never an animator from
    outside — the members are notified first (services.consultation_audience_notify)."""
    if not can_manage_consultation(user, consultation):
        return False
    if not is_group_consultation(consultation) or consultation.group_id is None:
        return True
    return _is_group_animator(user, consultation)


def can_contribute(user: AnyUser, consultation: Consultation) -> bool:
    if not consultation.is_open or not can_know_consultation(user, consultation):
        return False
    if is_animator(user):
        return True
    return is_member(user) and contributable_organisations(user, consultation).exists()


def can_edit_contribution(user: AnyUser, contribution: Contribution) -> bool:
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


def can_moderate(user: AnyUser, consultation: Consultation | None = None) -> bool:
    if consultation is not None and not can_know_consultation(user, consultation):
        return False
    return is_animator(user)


def can_comment(user: AnyUser, consultation: Consultation) -> bool:
    return consultation.is_open and can_view_consultation(user, consultation)


def can_view_progress(user: AnyUser, consultation: Consultation) -> bool:
    """Who has contributed and who has not: the network animation, and for a group consultation
    its creator and the group's own animators (a tool to relaunch their peers)."""
    if not can_know_consultation(user, consultation):
        return False
    return is_animator(user) or (consultation.is_published and _is_group_animator(user, consultation))


# --- Booklets ---


def can_view_booklet(user: AnyUser, source: Consultation) -> bool:
    return can_view_consultation(user, source)


def can_edit_booklet(user: AnyUser, source: Consultation) -> bool:
    return can_manage_consultation(user, source)
