"""Role checks shared by every app's perms.py. Views, API and templates all go through `can_*`."""


def is_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_animator(user) -> bool:
    return is_member(user) and user.is_animator


def is_admin(user) -> bool:
    return is_member(user) and user.is_admin
