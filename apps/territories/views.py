"""Thin views: read the request, check perms, call a selector or a service, render."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from apps.core.forms import pick
from apps.territories import perms
from apps.territories.forms import ProjectTerritoryForm, TerritorySearchForm
from apps.territories.models import KIND_BY_URL_SEGMENT, Kind, Territory
from apps.territories.selectors import (
    autocomplete_payload,
    member_communes,
    project_territories,
    territory_autocomplete,
)
from apps.territories.services import (
    TerritoryError,
    project_territory_create,
    project_territory_delete,
    project_territory_update,
)

PAGE_SIZE = 20
AUTOCOMPLETE_LIMIT = 10


def _page(request, queryset, param="page"):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get(param))


def _require_manager(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not perms.can_manage_project_territories(request.user):
        raise PermissionDenied("Seule l'équipe d'animation gère les territoires de projet.")
    return None


@require_GET
def autocomplete(request):
    kinds = [kind.strip() for kind in request.GET.get("kinds", "").split(",") if kind.strip()]
    results = territory_autocomplete(
        request.GET.get("q", "")[:100], kinds=kinds or None, limit=AUTOCOMPLETE_LIMIT
    )
    if request.htmx:
        return render(request, "territories/_autocomplete_options.html", {"results": results})
    return JsonResponse({"results": [autocomplete_payload(territory) for territory in results]})


def project_list(request):
    form = TerritorySearchForm(request.GET or None)
    found = None
    if form.is_valid() and form.cleaned_data["q"]:
        found = territory_autocomplete(form.cleaned_data["q"], limit=PAGE_SIZE)
    context = {
        "title": "Territoires",
        "breadcrumb": [("Territoires", None)],
        "form": form,
        "found": found,
        "page_obj": _page(request, project_territories()),
        "can_manage": perms.can_manage_project_territories(request.user),
    }
    if request.htmx and request.htmx.target == "territory-search-results":
        return render(request, "territories/_search_results.html", context)
    return render(request, "territories/project_list.html", context)


def detail(request, kind, code):
    kind = KIND_BY_URL_SEGMENT.get(kind)
    if kind is None:
        raise Http404
    territory = get_object_or_404(
        Territory.objects.select_related("region", "departement", "epci", "created_by"), kind=kind, code=code
    )
    context = {
        "title": territory.label,
        "territory": territory,
        "breadcrumb": [("Territoires", reverse("territories:project_list")), (territory.label, None)],
        "can_edit": perms.can_edit_territory(request.user, territory),
    }
    if territory.kind == Kind.PROJECT:
        context["members_page"] = _page(
            request, territory.members.select_related("departement").order_by("kind", "name", "pk")
        )
        context["covered_communes"] = member_communes(territory).count()
    elif territory.kind != Kind.MUNICIPALITY:
        context["communes_page"] = _page(
            request,
            member_communes(territory).select_related("departement").order_by("-population", "name", "pk"),
        )
    if territory.kind == Kind.REGION:
        context["children"] = Territory.objects.filter(
            kind=Kind.DEPARTMENT, region=territory, is_current=True
        )
    elif territory.kind == Kind.DEPARTMENT:
        context["children"] = Territory.objects.filter(
            kind__in=[Kind.EPCI, Kind.EPT], departement=territory, is_current=True
        ).order_by("kind", "name")
    if territory.kind in (Kind.MUNICIPALITY, Kind.EPCI):
        containers = Q(members=territory)
        if territory.epci_id:
            containers |= Q(members=territory.epci_id)
        context["part_of"] = (
            Territory.objects.filter(containers, kind__in=[Kind.EPT, Kind.PROJECT])
            .distinct()
            .order_by("kind", "name")
        )
    return render(request, "territories/detail.html", context)


@require_http_methods(["GET", "POST"])
def project_create(request):
    if refusal := _require_manager(request):
        return refusal
    form = ProjectTerritoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            territory = project_territory_create(
                **pick(data, "name", "project_kind", "description", "members"),
                created_by=request.user,
            )
        except TerritoryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Le territoire de projet « {territory.name} » a été créé.")
            return redirect(territory.get_absolute_url())
    return render(
        request,
        "territories/project_form.html",
        {
            "title": "Créer un territoire de projet",
            "breadcrumb": [("Territoires", reverse("territories:project_list")), ("Créer", None)],
            "form": form,
        },
    )


def _project(code):
    return get_object_or_404(Territory, kind=Kind.PROJECT, code=code)


@require_http_methods(["GET", "POST"])
def project_update(request, code):
    if refusal := _require_manager(request):
        return refusal
    territory = _project(code)
    form = ProjectTerritoryForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project_territory_update(
                territory=territory,
                **pick(data, "name", "project_kind", "description", "members"),
            )
        except TerritoryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Le territoire de projet « {territory.name} » a été mis à jour.")
            return redirect(territory.get_absolute_url())
    return render(
        request,
        "territories/project_form.html",
        {
            "title": f"Modifier « {territory.name} »",
            "breadcrumb": [
                ("Territoires", reverse("territories:project_list")),
                (territory.name, territory.get_absolute_url()),
                ("Modifier", None),
            ],
            "form": form,
            "territory": territory,
        },
    )


@require_http_methods(["GET", "POST"])
def project_delete(request, code):
    if refusal := _require_manager(request):
        return refusal
    territory = _project(code)
    if request.method == "POST":
        try:
            project_territory_delete(territory=territory)
        except TerritoryError as exc:
            messages.error(request, str(exc))
            return redirect(territory.get_absolute_url())
        messages.success(request, f"Le territoire de projet « {territory.name} » a été supprimé.")
        return redirect("territories:project_list")
    return render(
        request,
        "territories/project_confirm_delete.html",
        {
            "title": f"Supprimer « {territory.name} »",
            "breadcrumb": [
                ("Territoires", reverse("territories:project_list")),
                (territory.name, territory.get_absolute_url()),
                ("Supprimer", None),
            ],
            "territory": territory,
        },
    )
