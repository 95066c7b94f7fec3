"""Who may do what in the resource hub. Used by views, templates and tests; never raises."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.perms import is_animator, is_member
from apps.core.files import PrivateFile

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.resources.models import Resource


__all__ = [
    "can_delete_resource",
    "can_edit_resource",
    "can_manage_collections",
    "can_manage_resources",
    "can_moderate",
    "can_renew_resource",
    "can_suggest_resource",
    "can_view_freshness_dashboard",
    "can_view_resource",
]


def can_manage_resources(user: AnyUser) -> bool:
    return is_animator(user)


def can_suggest_resource(user: AnyUser) -> bool:
    """Any member may suggest a resource; animators publish directly."""
    return is_member(user)


def can_view_resource(user: AnyUser, resource: Resource) -> bool:
    if resource.status == "published" or can_manage_resources(user):
        return True
    return is_member(user) and resource.suggested_by_id == user.pk


def can_edit_resource(user: AnyUser, resource: Resource) -> bool:
    """Animators, and the owner of a published resource (the person reminded to keep it fresh)."""
    if can_manage_resources(user):
        return True
    return is_member(user) and resource.owner_id == user.pk and resource.status == "published"


def can_renew_resource(user: AnyUser, resource: Resource) -> bool:
    return can_edit_resource(user, resource)


def can_delete_resource(user: AnyUser, resource: Resource) -> bool:
    return can_manage_resources(user)


def can_moderate(user: AnyUser) -> bool:
    return is_animator(user)


def can_view_freshness_dashboard(user: AnyUser) -> bool:
    return is_animator(user)


def can_manage_collections(user: AnyUser) -> bool:
    return is_animator(user)


# A file is as private as its resource: a pending suggestion's file is not public.
FILES = [PrivateFile("resources.Resource", "file", can_read=can_view_resource)]
