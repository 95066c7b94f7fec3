"""Who may do what in a group. Content of a group is for its active members only — network
animators included: peer groups are spaces "nobody else can read"; they manage groups from outside
(create, appoint group animators) without reading them."""

from apps.accounts.perms import is_animator, is_member
from apps.groups.models import Access, GroupMembership


def membership_of(user, group) -> GroupMembership | None:
    if not is_member(user):
        return None
    cache = getattr(group, "_membership_cache", None)
    if cache is None:
        cache = group._membership_cache = {}
    if user.pk not in cache:
        cache[user.pk] = GroupMembership.objects.filter(group=group, user=user).first()
    return cache[user.pk]


def is_group_member(user, group) -> bool:
    membership = membership_of(user, group)
    return bool(membership and membership.is_active)


def is_group_animator(user, group) -> bool:
    membership = membership_of(user, group)
    return bool(membership and membership.is_active and membership.role == GroupMembership.Role.ANIMATOR)


def can_see_group(user, group) -> bool:
    """Its name and presentation (the detail page): else 404."""
    if not is_member(user):
        return False
    return is_animator(user) or group.access != Access.CLOSED or is_group_member(user, group)


def can_view_content(user, group) -> bool:
    return is_group_member(user, group)


def _category_ok(user, group) -> bool:
    if not group.category:
        return True
    person = getattr(user, "person", None) if is_member(user) else None
    try:
        return bool(person and person.category == group.category)
    except Exception:
        return False


def can_join(user, group) -> bool:
    return (
        is_member(user)
        and group.access == Access.OPEN
        and membership_of(user, group) is None
        and _category_ok(user, group)
    )


def can_request(user, group) -> bool:
    membership = membership_of(user, group)
    return (
        is_member(user)
        and group.access == Access.REQUEST
        and (membership is None)
        and _category_ok(user, group)
    )


def can_leave(user, group) -> bool:
    membership = membership_of(user, group)
    return bool(
        membership and membership.status in (GroupMembership.Status.ACTIVE, GroupMembership.Status.PENDING)
    )


def can_manage(user, group) -> bool:
    """Decide requests, add people, appoint group animators, edit the group."""
    return is_group_animator(user, group) or is_animator(user)


def can_create_group(user) -> bool:
    return is_animator(user)


def can_post(user, group) -> bool:
    return is_group_member(user, group)


def can_upload_document(user, group) -> bool:
    return is_group_member(user, group)


def can_delete_document(user, document) -> bool:
    group = document.group
    return is_group_member(user, group) and (
        document.uploaded_by_id == user.pk or is_group_animator(user, group)
    )
