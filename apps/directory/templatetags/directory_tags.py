"""Permission checks for templates: `{% can "edit_organisation" organisation as may_edit %}`."""

from django import template

from apps.directory import perms

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action: str, obj=None) -> bool:
    """Calls `apps.directory.perms.can_<action>(request.user[, obj])`; unknown actions are a bug."""
    check = getattr(perms, f"can_{action}")
    user = context["request"].user
    return check(user) if obj is None else check(user, obj)


@register.filter
def contact_visible_to(person, user) -> bool:
    return perms.can_see_contact(user, person)


@register.filter
def row_excerpt(description_start: str) -> str:
    """The excerpt of a list row from the start of a description (selectors.organisation_list)."""
    from apps.directory.selectors import EXCERPT_CHARS, text_excerpt

    text = description_start or ""
    return text_excerpt(text, 25, cut=len(text) >= EXCERPT_CHARS)
