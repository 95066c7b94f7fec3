"""Who may do what with aids. Used by views, the API, templates and tests; never raises."""

from apps.accounts.perms import is_admin, is_animator, is_member

__all__ = [
    "can_delete_aid",
    "can_edit_aid",
    "can_import_aids",
    "can_manage_aids",
    "can_manage_saved_search",
    "can_save_search",
    "can_view_aid",
]


def can_manage_aids(user) -> bool:
    """Animators curate the aid directory: create, edit, publish, delete."""
    return is_animator(user)


def can_view_aid(user, aid) -> bool:
    return aid.status == "published" or can_manage_aids(user)


def can_edit_aid(user, aid) -> bool:
    """Animators, and the référent·es of an organisation that funds the aid (they know it best)."""
    if can_manage_aids(user):
        return True
    if not is_member(user) or aid.pk is None:
        return False
    from apps.directory.models import Membership

    return Membership.objects.filter(
        person__user_id=user.pk, is_referent=True, organisation__in=aid.funders.all()
    ).exists()


def can_delete_aid(user, aid) -> bool:
    return can_manage_aids(user)


def can_import_aids(user) -> bool:
    return is_admin(user) or is_animator(user)


def can_save_search(user) -> bool:
    return is_member(user)


def can_manage_saved_search(user, saved_search) -> bool:
    return is_member(user) and saved_search.user_id == user.pk
