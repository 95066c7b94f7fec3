from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from apps.core.pagination import pagination_links
from apps.search.forms import FACET_PARAMS, SearchForm, filters_from_request
from apps.search.selectors import SORTS, search_documents

# templates/search/includes/facets.html shows this many values per facet.
FACET_VALUES_SHOWN = 12


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
    results.messages = form.warnings + warnings + results.messages
    base = request.GET.copy()
    base.pop("page", None)
    if base.get("sort") and base["sort"] != sort:
        base.pop("sort")  # an unknown sort: the page's links carry the default one
    facets = []
    for name, label, values in results.facet_list():
        param = FACET_PARAMS[name]
        if fixed_kind and name == "kind":
            continue
        # Links only for what the page shows: the first FACET_VALUES_SHOWN values and the selected
        # ones (up to a hundred départements otherwise, each a copy of the query string).
        for index, value in enumerate(values):
            if index < FACET_VALUES_SHOWN or value.selected:
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
    return pagination_links(
        current=results.page, last=results.num_pages, url_for=lambda number: _url(base, page=number)
    )


def search(request):
    context = run_search(request)
    context.update(
        title="Rechercher",
        breadcrumb=[("Rechercher", None)],
        action=reverse("search:search"),
    )
    # htmx-boosted requests get the whole page too: hx-select keeps only #search-results.
    return render(request, "search/search.html", context)
