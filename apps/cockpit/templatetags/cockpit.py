from django import template
from django.urls import reverse
from django.utils.html import format_html

from apps.cockpit import perms
from apps.cockpit.queue import cached_total

register = template.Library()


@register.filter
def can_view_cockpit(user) -> bool:
    """`{% if user|can_view_cockpit %}`: the header's link to the animation cockpit."""
    return perms.can_view_cockpit(user)


@register.simple_tag(takes_context=True)
def moderation_link(context):
    """Header link to the moderation queue with its count, for animators only."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not perms.can_view_moderation_queue(user):
        return ""
    total = cached_total(user)
    label = f"Modération ({total} en attente)" if total else "Modération"
    return format_html(
        '<a class="fr-btn fr-icon-inbox-line" href="{}">{}</a>', reverse("cockpit:moderation"), label
    )
