"""Small helpers that let shared includes (templates/includes/) take parameters.

- `{% capture as name %}…{% endcapture %}`: renders a block once and stores the (already escaped)
  markup in `name`, to hand it to an include: `{% include "includes/stat_tile.html" with desc=name %}`.
- `"A|B|C"|split:"|"`: a list written inline, e.g. the column headers of `includes/table.html`.
- `form|field:"name"`: a bound field by name, for `includes/fieldset.html`.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BaseForm, BoundField
from django.template.base import NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist: NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: Context) -> str:
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag(name="capture")
def capture(parser: Parser, token: Token) -> CaptureNode:
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.filter(name="split")
def split(value: str, separator: str = "|") -> list[str]:
    return [part.strip() for part in str(value).split(separator) if part.strip()]


@register.filter(name="field")
def field(form: BaseForm, name: str) -> BoundField | SafeString:
    if name not in form.fields:
        return SafeString("")
    return form[name]


@register.filter(name="words")
def words(value: Any) -> list[str]:
    """`"title format"|words`: the names of the fields of a fieldset."""
    return str(value or "").split()
