from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from apps.search.forms import FACET_PARAMS, SearchForm, filters_from_request
from apps.search.selectors import SORTS, search_documents


def run_search(request, *, fixed_kind: str = "", per_page: int = 20):
    """Shared by every search page (global search, experience library…): returns the context."""
    form = SearchForm(request.GET or None)
    text, sort = "", "relevance"
    if form.is_bound and form.is_valid():
        text, sort = form.cleaned_data["q"], form.cleaned_data["sort"]
    filters, warnings, page = filters_from_request(request.GET, fixed_kind=fixed_kind)
    results = search_documents(
        text=text, user=request.user, filters=filters, sort=sort, page=page, per_page=per_page
    )
    results.messages = warnings + results.messages
    base = request.GET.copy()
    base.pop("page", None)
    facets = []
    for name, label, values in results.facet_list():
        param = FACET_PARAMS[name]
        if fixed_kind and name == "kind":
            continue
        for value in values:
            value.url = _url(base, **{param: "" if value.selected else value.param})
        selected = [v for v in values if v.selected]
        facets.append({"name": name, "param": param, "label": label, "values": values, "selected": selected})
    return {
        "form": form,
        "results": results,
        "facets": facets,
        "sorts": [(key, label, _url(base, sort=key), key == results.sort) for key, label in SORTS.items()],
        "active_filters": [f for f in facets if f["selected"]],
        "clear_filters_url": "?" + urlencode({"q": text}) if text else "?",
        "suggestion_urls": [("?" + urlencode({"q": s}), s) for s in results.suggestions],
        "page_urls": _pages(base, results),
    }


def _url(base, **changes) -> str:
    query = base.copy()
    for key, value in changes.items():
        if value in ("", None):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return "?" + encoded if encoded else "?"


def _pages(base, results):
    """DSFR pagination: first, previous, a window around the current page, next, last."""
    current, last = results.page, results.num_pages
    window = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    pages = []
    previous = 0
    for number in window:
        if number - previous > 1:
            pages.append({"ellipsis": True})
        pages.append({"number": number, "url": _url(base, page=number), "current": number == current})
        previous = number
    return {
        "pages": pages,
        "previous": _url(base, page=current - 1) if current > 1 else "",
        "next": _url(base, page=current + 1) if current < last else "",
        "first": _url(base, page=1),
        "last": _url(base, page=last),
        "show": last > 1,
    }


def search(request):
    context = run_search(request)
    context.update(
        title="Rechercher",
        breadcrumb=[("Rechercher", None)],
        action=reverse("search:search"),
    )
    # htmx-boosted requests get the whole page too: hx-select keeps only #search-results.
    return render(request, "search/search.html", context)
