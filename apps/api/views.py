"""JSON endpoints. Read-only, same selectors and permissions as the HTML pages."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from apps.aids import selectors as aid_selectors
from apps.aids.forms import AidSearchForm
from apps.api.serializers import aid_to_dict
from apps.core.confirm import confirm_action

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


# --- Personal API tokens (/api/jetons/) ------------------------------------------------------------


@login_required
def token_list(request):
    """The member's API tokens: create one (its value is shown once), see when each was last used."""
    from apps.api import perms as api_perms
    from apps.api import services
    from apps.api.forms import ApiTokenForm
    from apps.api.models import ApiToken

    if not api_perms.can_manage_tokens(request.user):
        raise PermissionDenied
    form = ApiTokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        except services.TokenError as exc:
            form.add_error("name", str(exc))
        else:
            created = {"token": token, "raw": raw}
            form = ApiTokenForm()
    return render(
        request,
        "api/token_list.html",
        {
            "title": "Jetons d'API",
            "breadcrumb": [("Mon compte", reverse("accounts:profile")), ("Jetons d'API", None)],
            "form": form,
            "created": created,
            "tokens": ApiToken.objects.filter(user=request.user),
            "docs_url": reverse("api-v1:openapi-view"),
        },
    )


@login_required
def token_revoke(request, pk):
    from apps.api import perms as api_perms
    from apps.api import services
    from apps.api.models import ApiToken

    token = get_object_or_404(ApiToken, pk=pk, revoked_at__isnull=True)
    if not api_perms.can_revoke_token(request.user, token):
        raise Http404
    return confirm_action(
        request,
        title=f"Révoquer le jeton « {token.name} »",
        breadcrumb=[
            ("Mon compte", reverse("accounts:profile")),
            ("Jetons d'API", reverse("api:token_list")),
            ("Révoquer", None),
        ],
        message=(
            f"Le jeton « {token.name} » ({token.prefix}…) cessera aussitôt de fonctionner : "
            "les outils qui s'en servent recevront une erreur 401."
        ),
        button="Révoquer le jeton",
        cancel_url=reverse("api:token_list"),
        action=lambda: services.api_token_revoke(token=token),
        success="Le jeton a été révoqué.",
        done_url=reverse("api:token_list"),
    )
