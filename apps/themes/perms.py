"""Who may manage the shared taxonomy of themes."""

from apps.accounts.perms import is_animator


def can_manage_themes(user) -> bool:
    return is_animator(user)
