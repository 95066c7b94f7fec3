"""Who may do what in the directory. Used by views, templates (via the `perms` tags) and tests."""

from apps.accounts.perms import is_animator, is_member

__all__ = ["is_animator", "is_member"]
