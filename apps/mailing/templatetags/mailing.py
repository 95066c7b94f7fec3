from django import template

from apps.mailing.announcements import for_request
from apps.mailing.follows import follow_button_context

register = template.Library()


@register.inclusion_tag("mailing/announcements.html", takes_context=True)
def announcements(context):
    request = context.get("request")
    return {"announcements": for_request(request) if request is not None else []}


@register.inclusion_tag("mailing/includes/follow_button.html", takes_context=True)
def follow_button(context, kind, target, compact=False):
    """{% follow_button "organisation" organisation %}: "Suivre" / "Ne plus suivre" for members
    (nothing for visitors, nor for what cannot be followed). One query per page for all buttons."""
    request = context.get("request")
    if request is None:
        return {"show": False}
    return {
        **follow_button_context(request=request, kind=kind, target=target, next_url=request.get_full_path()),
        "compact": compact,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def may_follow(context) -> bool:
    """{% may_follow as show %}: whether follow buttons may appear (a member is logged in)."""
    from apps.accounts.perms import is_member

    request = context.get("request")
    return request is not None and is_member(request.user)
