"""The person chip: one way to show who wrote, answered, organises or speaks, everywhere.

`{% load people %}{% person_chip answer.author %}` takes a `User`, a `Person` or None. It links to the
directory card only when the viewer may see the person (consent, `perms.can_view_person`), shows the
photo under the same rule (else the initials), the role and the first organisation. Lists prefetch
what the chip reads with `apps.directory.selectors.chip_prefetch("author")` (no query per chip).
"""

from django import template
from django.core.exceptions import ObjectDoesNotExist

from apps.directory import perms

register = template.Library()


def _person_of(who):
    from apps.directory.models import Person

    if who is None:
        return None, None
    if isinstance(who, Person):
        return who, None  # the card holds the name: no query for its account
    try:
        return who.person, who
    except (ObjectDoesNotExist, AttributeError):
        return None, who


def chip_data(who, viewer) -> dict:
    """What the chip shows, as plain data (also used by tests)."""
    person, user = _person_of(who)
    if person is not None and person.is_removed:
        person = None
    name = ""
    if person is not None:
        name = person.full_name
    elif user is not None:
        name = (user.get_full_name() or "").strip()
    if not name:
        return {"name": "", "anonymous": True}
    visible = person is not None and perms.can_view_person(viewer, person)
    membership = None
    if person is not None:
        # Uses the prefetched memberships when present (chip_prefetch), in a stable order.
        memberships = sorted(person.memberships.all(), key=lambda m: m.pk)
        membership = memberships[0] if memberships else None
    organisation = membership.organisation if membership else None
    role = ""
    if visible:
        role = (membership.function if membership and membership.function else "") or person.function
    initials = person.initials if person is not None else f"{name[:1]}".upper()
    return {
        "anonymous": False,
        "name": name,
        "url": person.get_absolute_url() if visible else "",
        "photo_url": person.photo.url if visible and person.photo else "",
        "initials": initials,
        "role": role,
        "organisation": organisation,
        "organisation_url": organisation.get_absolute_url()
        if organisation is not None and organisation.status == "active"
        else "",
    }


@register.inclusion_tag("directory/includes/person_chip.html", takes_context=True)
def person_chip(context, who, fallback="Un ancien membre", compact=False):
    request = context.get("request")
    viewer = getattr(request, "user", None)
    data = chip_data(who, viewer)
    return {"chip": data, "fallback": fallback, "compact": compact}
