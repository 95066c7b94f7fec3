from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from apps.aids import perms, selectors, services
from apps.aids.cards import aid_cards_html
from apps.aids.forms import (
    AidForm,
    AidImportUrlForm,
    AidSearchPageForm,
    SavedSearchForm,
    saved_search_from_form,
)
from apps.aids.models import Aid, AidImport, SavedSearch
from apps.core import access
from apps.core.access import permitted
from apps.core.confirm import confirm_action, confirm_delete

PAGE_SIZE = 20


def aid_list(request):
    form = AidSearchPageForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    kwargs = form.search_kwargs()
    qs = selectors.for_cards(selectors.aid_search(user=request.user, **kwargs))
    page_obj = selectors.aid_page(qs, request.GET.get("page"), per_page=PAGE_SIZE)
    context = {
        "title": "Aides et dispositifs",
        "breadcrumb": [("Aides et dispositifs", None)],
        "form": form,
        "page_obj": page_obj,
        "aids": page_obj.object_list,
        "cards_html": lambda: aid_cards_html(list(page_obj.object_list)),
        "territory": kwargs["territory"],
        "search_is_empty": not any(v for k, v in kwargs.items() if k != "sort"),
        "can_manage": perms.can_manage_aids(request.user),
        "can_save_search": perms.can_save_search(request.user),
        "save_form": SavedSearchForm(),
    }
    if request.htmx and request.htmx.target == "aid-results":
        return render(request, "aids/includes/results.html", context)
    return render(request, "aids/aid_list.html", context)


def aid_detail(request, slug):
    aid = get_object_or_404(
        Aid.objects.select_related("perimeter").prefetch_related("themes", "funders", "instructors"),
        slug=slug,
    )
    # A draft aid does not exist for those who may not see it (404, never 403).
    access.ensure(request, perms.can_view_aid(request.user, aid), "Aide introuvable.")
    return render(
        request,
        "aids/aid_detail.html",
        {
            "title": aid.title,
            "breadcrumb": [("Aides et dispositifs", reverse("aids:list")), (aid.title, None)],
            "aid": aid,
            "can_edit": perms.can_edit_aid(request.user, aid),
            "can_delete": perms.can_delete_aid(request.user, aid),
        },
    )


def _aid_form(request, aid, *, success, title, crumbs):
    """Add (`aid` None) or change an aid; `success(aid)` is said once it is saved."""
    form = AidForm(request.POST or None, instance=aid)
    if request.method == "POST" and form.is_valid():
        saved = services.aid_save(aid=aid, data=form.aid_data(), user=request.user)
        messages.success(request, success(saved))
        return redirect(saved)
    context = {
        "title": title,
        "breadcrumb": [("Aides et dispositifs", reverse("aids:list")), *crumbs],
        "form": form,
    }
    if aid is not None:
        context["aid"] = aid
    return render(request, "aids/aid_form.html", context)


@login_required
def aid_create(request):
    if not perms.can_manage_aids(request.user):
        raise PermissionDenied
    return _aid_form(
        request,
        None,
        success=lambda aid: f"L'aide « {aid.title} » a été créée.",
        title="Ajouter une aide",
        crumbs=[("Ajouter une aide", None)],
    )


@login_required
def aid_update(request, slug):
    aid = permitted(request, get_object_or_404(Aid, slug=slug), perms.can_edit_aid)
    return _aid_form(
        request,
        aid,
        success=lambda _: "Les modifications ont été enregistrées.",
        title=f"Modifier « {aid.title} »",
        crumbs=[(aid.title, aid.get_absolute_url()), ("Modifier", None)],
    )


@login_required
def aid_delete(request, slug):
    aid = permitted(request, get_object_or_404(Aid, slug=slug), perms.can_delete_aid)
    return confirm_delete(
        request,
        what="l'aide",
        name=aid.title,
        url=aid.get_absolute_url(),
        crumbs=[("Aides et dispositifs", reverse("aids:list"))],
        action=lambda: services.aid_delete(aid=aid),
        done_url=reverse("aids:list"),
        deleted="supprimée",
    )


@login_required
def saved_search_list(request):
    if not perms.can_save_search(request.user):
        raise PermissionDenied
    qs = SavedSearch.objects.filter(user=request.user).select_related("territory", "theme")
    page_obj = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "aids/saved_search_list.html",
        {
            "title": "Mes alertes aides",
            "breadcrumb": [("Aides et dispositifs", reverse("aids:list")), ("Mes alertes", None)],
            "page_obj": page_obj,
            "searches": [
                (s, f"{reverse('aids:list')}?{urlencode(s.as_params())}") for s in page_obj.object_list
            ],
        },
    )


@login_required
@require_POST
def saved_search_create(request):
    if not perms.can_save_search(request.user):
        raise PermissionDenied
    search_form = AidSearchPageForm(request.POST)
    save_form = SavedSearchForm(request.POST)
    back = f"{reverse('aids:list')}?{request.POST.get('querystring', '')}"
    if not search_form.is_valid():
        messages.error(
            request, "La recherche contient des critères invalides : corrigez-les avant de créer l'alerte."
        )
        return redirect(back)
    if not save_form.is_valid():
        messages.error(request, " ".join(save_form.errors.get("name", ["Nom d'alerte invalide."])))
        return redirect(back)
    services.saved_search_create(
        user=request.user, name=save_form.cleaned_data["name"], search=saved_search_from_form(search_form)
    )
    messages.success(
        request,
        "Alerte enregistrée : vous recevrez par courriel les nouvelles aides et les clôtures proches.",
    )
    return redirect("aids:saved_search_list")


@login_required
def saved_search_delete(request, pk):
    saved_search = permitted(request, get_object_or_404(SavedSearch, pk=pk), perms.can_manage_saved_search)
    return confirm_action(
        request,
        title="Supprimer l'alerte",
        breadcrumb=[
            ("Aides et dispositifs", reverse("aids:list")),
            ("Mes alertes", reverse("aids:saved_search_list")),
            ("Supprimer", None),
        ],
        message=f"Vous allez supprimer l'alerte « {saved_search.name} ». Cette action est définitive.",
        button="Supprimer définitivement",
        cancel_url=reverse("aids:saved_search_list"),
        action=lambda: services.saved_search_delete(saved_search=saved_search),
        success="L'alerte a été supprimée.",
        done_url=reverse("aids:saved_search_list"),
        checkbox=True,
        checkbox_label="Je confirme la suppression",
    )


@login_required
def import_list(request):
    """Imports of aids: launch one by address (run by the task workers), see past reports."""
    if not perms.can_import_aids(request.user):
        raise PermissionDenied
    form = AidImportUrlForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        aid_import = services.aid_import_url_create(url=form.cleaned_data["url"], user=request.user)
        messages.success(
            request,
            "Import programmé : il est exécuté en arrière-plan, ce compte rendu se complète à la fin.",
        )
        return redirect(aid_import)
    page_obj = Paginator(AidImport.objects.select_related("uploaded_by"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "aids/import_list.html",
        {
            "title": "Imports d'aides",
            "breadcrumb": [("Aides et dispositifs", reverse("aids:list")), ("Imports", None)],
            "form": form,
            "page_obj": page_obj,
        },
    )


@login_required
def import_detail(request, pk):
    if not perms.can_import_aids(request.user):
        raise PermissionDenied
    aid_import = get_object_or_404(AidImport, pk=pk)
    details = aid_import.details or {}
    return render(
        request,
        "aids/import_detail.html",
        {
            "title": str(aid_import),
            "breadcrumb": [
                ("Aides et dispositifs", reverse("aids:list")),
                ("Imports", reverse("aids:import_list")),
                (str(aid_import), None),
            ],
            "aid_import": aid_import,
            "sections": [
                ("Créées", details.get("created", [])),
                ("Mises à jour", details.get("updated", [])),
                ("Clôturées (retirées de la source)", details.get("closed", [])),
                (
                    "Périmètres ad hoc créés (territoires de projet à compléter)",
                    details.get("perimeters", []),
                ),
            ],
            "rejected": details.get("rejected", []),
        },
    )
