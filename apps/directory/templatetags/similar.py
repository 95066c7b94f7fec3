"""« Qui me ressemble » blocks, to drop into any page.

    {% load similar %}
    {% similar_block organisation %}        {# on an organisation's page: its first 3 matches #}
    {% similar_member_block %}              {# on a member's home page (« Mon espace ») #}

Both read through `apps.directory.selectors_similar` (`similar_preview`, `similar_for_member`);
a page that prefers to call the selector itself can include `directory/similar/block.html` with
`organisation` and `results`.
"""

from django import template

from apps.directory.selectors_similar import similar_for_member, similar_preview

register = template.Library()


@register.inclusion_tag("directory/similar/block.html", takes_context=True)
def similar_block(context, organisation, limit=3, heading="h2"):
    user = context["request"].user
    return {
        "organisation": organisation,
        "results": similar_preview(organisation, user=user, limit=limit),
        "heading": heading,
    }


@register.inclusion_tag("directory/similar/member_block.html", takes_context=True)
def similar_member_block(context, limit=3, heading="h2"):
    user = context["request"].user
    return {"blocks": similar_for_member(user, limit=limit), "heading": heading}
