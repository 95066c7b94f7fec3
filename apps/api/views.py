"""JSON endpoints. Read-only, same selectors and permissions as the HTML pages."""

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from apps.aids import selectors as aid_selectors
from apps.aids.forms import AidSearchForm
from apps.api.serializers import aid_to_dict

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def _error(message: str, *, status: int = 400, errors: dict | None = None) -> JsonResponse:
    payload = {"erreur": message}
    if errors:
        payload["details"] = errors
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


def _page_size(request) -> int | None:
    raw = request.GET.get("par_page", "")
    if not raw:
        return DEFAULT_PAGE_SIZE
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        return None
    return int(raw)


@require_GET
def index(request):
    """What the API offers, so that a client can discover it from /api/."""
    return JsonResponse(
        {
            "aides": {
                "url": request.build_absolute_uri(reverse("api:aid_list")),
                "parametres": [
                    "q",
                    "territoire",
                    "beneficiaire",
                    "thematique",
                    "nature",
                    "clotures",
                    "tri",
                    "page",
                    "par_page",
                ],
                "documentation": "docs/aids.md",
            }
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def aid_list(request):
    """`/api/aides/?q=&territoire=<code INSEE>&beneficiaire=&thematique=<slug>&nature=&clotures=1&tri=&page=&par_page=`.

    Invalid parameters are a 400 with French messages, never silently ignored: an API client
    must know that its filter was not applied."""
    form = AidSearchForm(request.GET)
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        return _error("Paramètres invalides.", errors=errors)
    page_size = _page_size(request)
    if page_size is None:
        return _error(f"« par_page » doit être un entier entre 1 et {MAX_PAGE_SIZE}.")
    kwargs = form.search_kwargs()
    qs = aid_selectors.with_list_relations(aid_selectors.aid_search(user=request.user, **kwargs))
    try:
        page = aid_selectors.aid_page(qs, request.GET.get("page"), per_page=page_size, strict=True)
    except PageNotAnInteger:
        return _error("« page » doit être un entier supérieur ou égal à 1.")
    except EmptyPage:
        pages = max(1, -(-qs.count() // page_size))
        return _error(f"Cette page n'existe pas : il y a {pages} page(s).", status=404)
    paginator = page.paginator

    def page_url(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    territory = kwargs["territory"]
    return JsonResponse(
        {
            "total": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "suivante": page_url(page.next_page_number()) if page.has_next() else None,
            "precedente": page_url(page.previous_page_number()) if page.has_previous() else None,
            "territoire": {"code": territory.code, "nom": territory.name, "niveau": territory.kind}
            if territory
            else None,
            "resultats": [aid_to_dict(aid, request=request) for aid in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )
