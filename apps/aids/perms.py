"""Who may do what with aids. Used by views, the API, templates and tests; never raises."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.perms import is_admin, is_animator, is_member
from apps.core.files import PrivateFile

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.aids.models import Aid, AidImport, SavedSearch


__all__ = [
    "can_delete_aid",
    "can_edit_aid",
    "can_import_aids",
    "can_manage_aids",
    "can_manage_saved_search",
    "can_save_search",
    "can_view_aid",
]


def can_manage_aids(user: AnyUser) -> bool:
    """Animators curate the aid directory: create, edit, publish, delete."""
    return is_animator(user)


def can_view_aid(user: AnyUser, aid: Aid) -> bool:
    return aid.status == "published" or can_manage_aids(user)


def can_edit_aid(user: AnyUser, aid: Aid) -> bool:
    """Animators, and the référent·es of an organisation that funds the aid (they know it best)."""
    if can_manage_aids(user):
        return True
    if not is_member(user) or aid.pk is None:
        return False
    from apps.directory.models import Membership

    return Membership.objects.filter(
        person__user_id=user.pk, is_referent=True, organisation__in=aid.funders.all()
    ).exists()


def can_delete_aid(user: AnyUser, aid: Aid) -> bool:
    return can_manage_aids(user)


def can_import_aids(user: AnyUser) -> bool:
    return is_admin(user) or is_animator(user)


def can_save_search(user: AnyUser) -> bool:
    return is_member(user)


def can_manage_saved_search(user: AnyUser, saved_search: SavedSearch) -> bool:
    return is_member(user) and saved_search.user_id == user.pk


def can_read_import_file(user: AnyUser, aid_import: AidImport) -> bool:
    return can_import_aids(user)


FILES = [
    PrivateFile(
        "aids.AidImport",
        "file",
        can_read=can_read_import_file,
        filename=lambda aid_import: f"import-aides-{aid_import.pk}.json",
    )
]
