"""Who may do what in a group. Content of a group is for its active members only — network
animators included: peer groups are spaces "nobody else can read"; they manage groups from outside
(create, appoint group animators) without reading them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404

from apps.accounts.perms import is_animator, is_member
from apps.core import access
from apps.core.files import PrivateFile
from apps.groups.models import Access, Discussion, Group, GroupMembership

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.groups.models import GroupDocument


def membership_of(user: AnyUser, group: Group) -> GroupMembership | None:
    if not is_member(user):
        return None
    cache: dict[int, GroupMembership | None] = group.__dict__.setdefault("_membership_cache", {})
    if user.pk not in cache:
        cache[user.pk] = GroupMembership.objects.filter(group=group, user=user).first()
    return cache[user.pk]


def is_group_member(user: AnyUser, group: Group) -> bool:
    membership = membership_of(user, group)
    return bool(membership and membership.is_active)


def is_group_animator(user: AnyUser, group: Group) -> bool:
    membership = membership_of(user, group)
    return bool(membership and membership.is_active and membership.role == GroupMembership.Role.ANIMATOR)


def can_see_group(user: AnyUser, group: Group) -> bool:
    """Its name and presentation (the detail page): else 404."""
    if not is_member(user):
        return False
    return is_animator(user) or group.access != Access.CLOSED or is_group_member(user, group)


def can_view_content(user: AnyUser, group: Group) -> bool:
    return is_group_member(user, group)


def _category_ok(user: AnyUser, group: Group) -> bool:
    if not group.category:
        return True
    person = getattr(user, "person", None) if is_member(user) else None
    try:
        return bool(person and person.category == group.category)
    except Exception:
        return False


def can_join(user: AnyUser, group: Group) -> bool:
    return (
        is_member(user)
        and group.access == Access.OPEN
        and membership_of(user, group) is None
        and _category_ok(user, group)
    )


def can_request(user: AnyUser, group: Group) -> bool:
    membership = membership_of(user, group)
    return (
        is_member(user)
        and group.access == Access.REQUEST
        and (membership is None)
        and _category_ok(user, group)
    )


def can_leave(user: AnyUser, group: Group) -> bool:
    membership = membership_of(user, group)
    return bool(
        membership and membership.status in (GroupMembership.Status.ACTIVE, GroupMembership.Status.PENDING)
    )


def can_manage(user: AnyUser, group: Group) -> bool:
    """Decide requests, add people, appoint group animators, edit the group."""
    return is_group_animator(user, group) or is_animator(user)


def can_create_group(user: AnyUser) -> bool:
    return is_animator(user)


def can_post(user: AnyUser, group: Group) -> bool:
    return is_group_member(user, group)


def can_upload_document(user: AnyUser, group: Group) -> bool:
    return is_group_member(user, group)


def can_delete_document(user: AnyUser, document: GroupDocument) -> bool:
    group = document.group
    return is_group_member(user, group) and (
        document.uploaded_by_id == user.pk or is_group_animator(user, group)
    )


def can_read_document(user: AnyUser, document: GroupDocument) -> bool:
    return can_view_content(user, document.group)


FILES = [PrivateFile("groups.GroupDocument", "file", can_read=can_read_document)]


def can_read_membership(user: AnyUser, membership: GroupMembership) -> bool:
    """A request or an acceptance: the person concerned and those who manage the group."""
    return is_member(user) and (membership.user_id == user.pk or can_manage(user, membership.group))


# Checked again when a notification is emailed (apps.core.access.can_read).
READERS = {
    "groups.GroupDocument": can_read_document,
    "groups.GroupMembership": can_read_membership,
}


def can_view_discussion(user: AnyUser, discussion: Discussion) -> bool:
    return can_view_content(user, discussion.group)


def can_start_discussion(user: AnyUser, group: Group) -> bool:
    return can_post(user, group)


def can_reply_discussion(user: AnyUser, discussion: Discussion) -> bool:
    return can_post(user, discussion.group)


def can_turn_into_question(user: AnyUser, discussion: Discussion) -> bool:
    """Only the person who started it, still a member, once."""
    return (
        is_member(user)
        and discussion.author_id == user.pk
        and discussion.question_id is None
        and is_group_member(user, discussion.group)
    )


# --- Access functions: fetch, check, raise (404; the login page for an anonymous visitor) ---------


def access_group(user: AnyUser, slug: str) -> Group:
    """The group, if `user` may know it: a closed group's existence is itself confidential."""
    group = get_object_or_404(Group, slug=slug)
    access.check(user, can_see_group(user, group), "Groupe introuvable.")
    return group


def access_group_content(user: AnyUser, slug: str) -> Group:
    """The group whose content (documents, discussions, questions) `user` may read."""
    group = access_group(user, slug)
    access.check(user, can_view_content(user, group), "Groupe introuvable.")
    return group


def access_discussion(user: AnyUser, slug: str, pk: int) -> Discussion:
    group = access_group_content(user, slug)
    discussion = get_object_or_404(Discussion.objects.select_related("group", "question"), group=group, pk=pk)
    access.check(user, can_view_discussion(user, discussion), "Discussion introuvable.")
    return discussion
