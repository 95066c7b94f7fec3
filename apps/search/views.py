import html
from urllib.parse import quote_plus

from django.shortcuts import render
from django.urls import reverse
from django.utils.html import conditional_escape, escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from apps.core.pagination import pagination_links
from apps.search.forms import FACET_PARAMS, SearchForm, filters_from_request
from apps.search.selectors import SORTS, search_documents

# The facet navigation (facets_html) shows this many values per facet.
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
    url = _UrlBuilder(base)
    facets = []
    for name, label, values in results.facet_list():
        param = FACET_PARAMS[name]
        if fixed_kind and name == "kind":
            continue
        # Links only for what the page shows: the first FACET_VALUES_SHOWN values and the selected
        # ones (up to a hundred départements otherwise, each a copy of the query string).
        for index, value in enumerate(values):
            if index < FACET_VALUES_SHOWN or value.selected:
                value.url = url(**{param: "" if value.selected else value.param})
        selected = [v for v in values if v.selected]
        facets.append({"name": name, "param": param, "label": label, "values": values, "selected": selected})
    return {
        "form": form,
        "results": results,
        "facets": facets,
        # Called by the template only where it shows the facets (not under a shared filter panel).
        "facets_html": lambda: facets_html(facets),
        "hits_html": lambda: hits_html(results.hits),
        "sorts": [(key, label, url(sort=key), key == results.sort) for key, label in SORTS.items()],
        "active_filters": [f for f in facets if f["selected"]],
        "clear_filters_url": "?" + urlencode({"q": text}) if text else "?",
        "suggestion_urls": [("?" + urlencode({"q": s}), s) for s in results.suggestions],
        "page_urls": pagination_links(
            current=results.page, last=results.num_pages, url_for=lambda n: url(page=n)
        ),
    }


class _UrlBuilder:
    """`?query` of the current search with some parameters changed ("" removes one): the same
    string as changing a copy of the QueryDict and encoding it, without copying and encoding the
    whole query string again for each of the ~60 links of a page (facet values, sorts, pages)."""

    def __init__(self, base) -> None:
        self.keys = list(base.keys())
        self.encoded = {key: [_pair(key, v) for v in base.getlist(key)] for key in self.keys}

    def __call__(self, **changes) -> str:
        parts = []
        for key in self.keys:
            if key in changes:
                value = changes[key]
                if value not in ("", None):
                    parts.append(_pair(key, str(value)))
            else:
                parts.extend(self.encoded[key])
        for key, value in changes.items():
            if key not in self.encoded and value not in ("", None):
                parts.append(_pair(key, str(value)))
        return "?" + "&".join(parts) if parts else "?"


def _pair(key: str, value: str) -> str:
    """`urlencode({key: value})` for one pair of strings, without building a dictionary for it."""
    return f"{quote_plus(key, safe='')}={quote_plus(value, safe='')}"


def facets_html(facets: list[dict]) -> SafeString:
    """The facet navigation (up to six facets of twelve links), written here rather than by nested
    template loops: it is most of what the search page renders. Values are escaped."""
    out = [
        '<nav aria-labelledby="facets-title" class="fr-mb-4w">\n  <h2 class="fr-h5" id="facets-title">Affiner la recherche</h2>\n'
    ]
    for facet in facets:
        if not facet["values"]:
            continue
        name = escape(facet["name"])
        out.append(
            f'  <h3 class="fr-text--md fr-mb-1w" id="facet-{name}">{escape(facet["label"])}</h3>\n'
            f'  <ul class="fr-mb-3w" aria-labelledby="facet-{name}">\n'
        )
        for value in facet["values"][:FACET_VALUES_SHOWN]:
            label = escape(value.label)
            if value.selected:
                link = f'<a href="{escape(value.url)}" aria-current="true" title="Retirer ce filtre"><strong>{label}</strong></a>'
            else:
                link = f'<a href="{escape(value.url)}">{label}</a>'
            out.append(f"    <li>{link} ({value.count})</li>\n")
        out.append("  </ul>\n")
    if not facets:
        out.append("  <p>Aucun filtre disponible.</p>\n")
    out.append("</nav>")
    return mark_safe("".join(out))


def hits_html(hits) -> SafeString:
    """The list of results (20 a page), written here rather than by a template loop: the same HTML
    as `{{ hit.document.title }}`… would give (values escaped, the snippet already safe HTML)."""
    out = ['<ul class="fr-raw-list">\n']
    for hit in hits:
        document = hit.document
        out.append(
            '  <li class="fr-mb-4w">\n'
            f'    <p class="fr-badge fr-badge--sm fr-badge--blue-ecume fr-mb-1w">{_escape(document.kind_label)}</p>\n'
            f'    <h3 class="fr-h5 fr-mb-1w">\n      <a href="{_escape(document.url)}" hx-boost="false">'
            f"{_escape(document.title)}</a>\n    </h3>\n"
        )
        if hit.summary:
            out.append(f'    <p class="fr-text--sm fr-mb-1w">{_escape(hit.summary)}</p>\n')
        if hit.snippet:
            out.append(
                f'    <p class="fr-text--sm fr-text-mention--grey fr-mb-1w">{conditional_escape(hit.snippet)}</p>\n'
            )
        if document.themes_text:
            out.append(
                f'    <p class="fr-text--xs fr-mb-0">Thématiques : {_escape(document.themes_text)}</p>\n'
            )
        out.append("  </li>\n")
    out.append("</ul>")
    return mark_safe("".join(out))


def _escape(value) -> str:
    """What `{{ value }}` prints for a plain string: django.utils.html.escape's characters."""
    return html.escape(str(value))


def search(request):
    context = run_search(request)
    context.update(
        title="Rechercher",
        breadcrumb=[("Rechercher", None)],
        action=reverse("search:search"),
    )
    # htmx-boosted requests get the whole page too: hx-select keeps only #search-results.
    return render(request, "search/search.html", context)
