"""Role checks shared by every app's perms.py. Views, API and templates all go through `can_*`."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

from django.contrib.auth.models import AnonymousUser

from apps.accounts import hooks
from apps.accounts.models import User

if TYPE_CHECKING:
    from apps.directory.models import Organisation

# Who a permission is asked about: `request.user`, a logged-in account or an anonymous visitor.
# The role checks below also take None (nobody: a task, a management command).
AnyUser = User | AnonymousUser


def is_member(user: AnyUser | None) -> TypeGuard[User]:
    return bool(user and user.is_authenticated and user.is_active)


def is_animator(user: AnyUser | None) -> TypeGuard[User]:
    return is_member(user) and user.is_animator


def is_admin(user: AnyUser | None) -> TypeGuard[User]:
    return is_member(user) and user.is_admin


def is_referent(user: AnyUser | None, organisation: Organisation | None = None) -> TypeGuard[User]:
    """Référent·e of `organisation` (or of any organisation when None): manages its card and
    colleagues. The one rule (issue 18): a removed directory card is no référent·e. The directory
    answers (`apps.accounts.hooks.register_referent_lookup`, from its `ready()`). Memoised on the
    user object for the request, because templates ask the same question several times per page."""
    if not is_member(user):
        return False
    if organisation is not None and organisation.pk is None:
        return False
    key = None if organisation is None else organisation.pk
    cache: dict[int | None, bool] = user.__dict__.setdefault("_referent_of", {})
    if key not in cache:
        cache[key] = hooks.referent_lookup(user_id=user.pk, organisation_id=key)
    return cache[key]


def role_label(user: AnyUser) -> str:
    """The highest role of `user`, in words, for the account page."""
    if not is_member(user):
        return "Visiteur·se"
    if is_admin(user):
        return "Administrateur·rice"
    if is_animator(user):
        return "Animateur·rice du réseau"
    if is_referent(user):
        return "Référent·e d'une organisation"
    return "Membre"


def _is_self(user: AnyUser, account: User | None) -> TypeGuard[User]:
    return is_member(user) and account is not None and user.pk == account.pk


def can_view_account(user: AnyUser, account: User | None) -> bool:
    """The account page shows private data: only its owner sees it."""
    return _is_self(user, account)


def can_edit_account(user: AnyUser, account: User | None) -> bool:
    """Names, directory card, consent: only the person themselves (animators use the directory tools)."""
    return _is_self(user, account)


def can_export_account_data(user: AnyUser, account: User | None) -> bool:
    return _is_self(user, account)


def can_erase_account(user: AnyUser, account: User | None) -> bool:
    return _is_self(user, account)


def can_change_password(user: AnyUser) -> bool:
    return is_member(user) and user.has_usable_password()


def can_access_admin(user: AnyUser) -> bool:
    """Django's /admin/ is for the technical administration only (is_staff, kept in sync with the admin role)."""
    return is_member(user) and user.is_staff


# --- The animation team manages accounts (roles, deactivation) without /admin/ -------------------


def can_manage_accounts(user: AnyUser) -> bool:
    """The list of accounts and their roles: the network's animation team."""
    return is_animator(user)


def _may_touch(user: AnyUser, account: User | None) -> bool:
    """Never oneself (no self-lockout); administrator accounts only by an administrator, and the
    operator's superuser accounts only by another superuser."""
    if not is_animator(user) or account is None or _is_self(user, account):
        return False
    if account.is_superuser and not user.is_superuser:
        return False
    if account.role == "admin":
        return is_admin(user)
    return True


def can_change_role(user: AnyUser, account: User | None, role: str | None = None) -> bool:
    """Animators name other animators; only administrators grant or remove the administrator role."""
    if not _may_touch(user, account):
        return False
    if role == "admin":
        return is_admin(user)
    return True


def can_deactivate_account(user: AnyUser, account: User | None) -> bool:
    return account is not None and _may_touch(user, account) and account.is_active


def can_reactivate_account(user: AnyUser, account: User | None) -> bool:
    """Only accounts deactivated by the team: an account never verified stays so until its owner
    confirms the address."""
    return (
        account is not None
        and _may_touch(user, account)
        and not account.is_active
        and account.email_verified_at is not None
    )
