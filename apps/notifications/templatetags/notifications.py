from django import template
from django.urls import reverse
from django.utils.html import format_html

from apps.notifications.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def notifications_unread_count(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return 0
    return Notification.objects.for_user(user).unread().count()


@register.simple_tag(takes_context=True)
def notifications_link(context):
    """A header link "Notifications (3)" — nothing for visitors."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return ""
    count = Notification.objects.for_user(user).unread().count()
    label = f"Notifications ({count} non lue{'s' if count > 1 else ''})" if count else "Notifications"
    return format_html(
        '<a class="fr-btn fr-icon-notification-3-line" href="{}">{}</a>', reverse("notifications:list"), label
    )
