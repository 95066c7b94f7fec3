from django import template

from apps.experiences.selectors import organisation_experiences

register = template.Library()


@register.simple_tag(takes_context=True)
def experiences_of(context, organisation, limit=6):
    """Published experiences involving `organisation` that the current user may read."""
    return list(organisation_experiences(organisation, user=context["request"].user)[:limit])
