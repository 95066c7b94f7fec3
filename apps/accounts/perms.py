"""Role checks shared by every app's perms.py. Views, API and templates all go through `can_*`."""


def is_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_animator(user) -> bool:
    return is_member(user) and user.is_animator


def is_admin(user) -> bool:
    return is_member(user) and user.is_admin


def is_referent(user, organisation=None) -> bool:
    """Référent·e of `organisation` (or of any organisation when None): manages its card and colleagues."""
    if not is_member(user):
        return False
    from apps.directory.models import Membership

    memberships = Membership.objects.filter(person__user=user, person__is_removed=False, is_referent=True)
    if organisation is not None:
        memberships = memberships.filter(organisation=organisation)
    return memberships.exists()


def role_label(user) -> str:
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


def _is_self(user, account) -> bool:
    return is_member(user) and account is not None and user.pk == account.pk


def can_view_account(user, account) -> bool:
    """The account page shows private data: only its owner sees it."""
    return _is_self(user, account)


def can_edit_account(user, account) -> bool:
    """Names, directory card, consent: only the person themselves (animators use the directory tools)."""
    return _is_self(user, account)


def can_export_account_data(user, account) -> bool:
    return _is_self(user, account)


def can_erase_account(user, account) -> bool:
    return _is_self(user, account)


def can_change_password(user) -> bool:
    return is_member(user) and user.has_usable_password()


def can_access_admin(user) -> bool:
    """Django's /admin/ is for the technical administration only (is_staff, kept in sync with the admin role)."""
    return is_member(user) and user.is_staff
