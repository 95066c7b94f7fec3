"""The meeting formats of an event, on the event's page.

    {% load rotations %}{% rotations_block event %}

Participants see their itinerary for every published plan; the event's editors get the link to
the planner (/agenda/<slug>/rotations/)."""

from django import template

from apps.rotations import perms, selectors

register = template.Library()


@register.inclusion_tag("rotations/includes/event_block.html", takes_context=True)
def rotations_block(context, event):
    user = context["request"].user
    return {
        "event": event,
        "itineraries": selectors.my_itineraries(user, event),
        "can_manage": perms.can_manage_rotations(user, event),
    }
