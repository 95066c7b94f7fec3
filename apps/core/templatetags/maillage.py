from __future__ import annotations

from typing import Any

from django import template
from django.core.paginator import Page
from django.forms import Form
from django.template.context import Context
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from apps.core.markdown import render_markdown
from apps.core.pagination import pagination_links

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def query_replace(context: Context, **kwargs: Any) -> str:
    """The current query string with some parameters replaced (pagination, sort, view)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + urlencode(sorted(query.lists()), doseq=True) if query else "?"


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(
    context: Context,
    page: Page[Any] | None,
    param: str = "page",
    label: str = "Pagination",
    hx_target: str = "",
) -> dict[str, Any]:
    """{% pagination page_obj %}: the DSFR pagination of a Django Page, links keeping the other
    query parameters. `param` when the page number is not `?page=` (two lists on one page)."""
    if page is None or not hasattr(page, "paginator"):
        return {"pagination": {"show": False}}
    return {
        "pagination": pagination_links(
            current=page.number,
            last=page.paginator.num_pages,
            url_for=lambda number: query_replace(context, **{param: number}),
            label=label,
            hx_target=hx_target,
        )
    }


@register.inclusion_tag("includes/filter_panel.html", takes_context=True)
def filter_panel(
    context: Context,
    form: Form,
    action: str,
    target: str = "results",
    label: str = "Filtrer les résultats",
    hx_swap: str = "innerHTML",
    keep: str = "",
    push_url: str = "true",
    htmx: bool = True,
    hx_select: str = "",
) -> dict[str, Any]:
    """The one filter panel of every list (apps/core/filters.py). `keep`: comma-separated names of
    parameters that are not fields of the form but arrange the page (`vue`): kept by « Effacer les
    filtres », and sent with the form by the hidden fields `{% kept_params %}` writes in the results."""
    request = context.get("request")
    extra = [name for name in keep.split(",") if name]
    kept_fields = list(getattr(form, "kept_params", list)())
    cleared = []
    if request is not None:
        cleared = [(name, request.GET[name]) for name in [*kept_fields, *extra] if request.GET.get(name)]
    return {
        "form": form,
        "action": action,
        "target": target,
        "label": label,
        "hx_swap": hx_swap,
        "push_url": push_url,
        "htmx": htmx,
        "hx_select": hx_select,
        "active_count": getattr(form, "active_count", 0),
        "clear_url": f"{action}?{urlencode(cleared)}" if cleared else action,
        "panel_id": f"filtres-{target}",
        "request": request,
    }


@register.simple_tag(takes_context=True)
def kept_params(context: Context, target: str, *names: str) -> SafeString:
    """In a list's results: the parameters that arrange the page (`vue`) as hidden fields of the
    filter panel's form (HTML `form` attribute). They live in the results, not in the form, because
    a link of the results (« Vue en tableau ») replaces them without reloading the panel: filtering
    afterwards keeps the view, and a search typed just before (sent 500 ms later) does not undo it."""
    request = context.get("request")
    if request is None:
        return mark_safe("")
    return format_html_join(
        "",
        '<input type="hidden" name="{}" value="{}" form="filtres-{}-form">',
        ((name, request.GET[name], target) for name in names if request.GET.get(name)),
    )


@register.inclusion_tag("includes/filter_count.html", takes_context=True)
def filter_count(context: Context, form: Form, target: str = "results") -> dict[str, Any]:
    """In a list's results fragment: when htmx asked for that fragment alone, the filter panel's
    "n filtres actifs" badge, in an inert <template> that filters.js copies into the panel (not an
    out-of-band swap: htmx logs an error when its target is missing). Renders nothing otherwise
    (the full page has the panel's own badge)."""
    htmx: Any = getattr(context.get("request"), "htmx", None)
    if not (htmx and not htmx.history_restore_request and htmx.target == target):
        return {"panel_id": None}
    return {"panel_id": f"filtres-{target}", "active_count": getattr(form, "active_count", 0), "oob": True}


def _forms(arg: str) -> tuple[str, str]:
    singular, _, plural_form = (arg or "").partition("|")
    return singular, plural_form


@register.filter(name="fr_count")
def fr_count(count: int | float | str, arg: str) -> str:
    """{{ n|fr_count:"proposition" }} → « 0 proposition », « 1 proposition », « 2 propositions ».
    Several words: {{ n|fr_count:"initiative présentée|initiatives présentées" }}."""
    from apps.core.french import count_label

    try:
        number = float(count) if "." in str(count) else int(count)
    except (TypeError, ValueError):
        return ""
    return count_label(number, *_forms(arg))


@register.filter(name="fr_plural")
def fr_plural(count: int | float | str, arg: str) -> str:
    """The noun alone, agreed with the count: {{ n|fr_plural:"table" }}."""
    from apps.core.french import plural

    try:
        number = float(count)
    except (TypeError, ValueError):
        return _forms(arg)[0]
    return plural(number, *_forms(arg))
