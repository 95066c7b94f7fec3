from apps.accounts.perms import is_member


def can_view_notifications(user) -> bool:
    return is_member(user)


def can_open(user, notification) -> bool:
    return is_member(user) and notification.recipient_id == user.pk
