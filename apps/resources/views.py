from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.core import access
from apps.core.access import permitted
from apps.core.confirm import confirm_action, confirm_delete
from apps.resources import perms, selectors, services
from apps.resources.forms import (
    CollectionAddForm,
    CollectionForm,
    RefuseForm,
    ResourceFilterForm,
    ResourceForm,
)
from apps.resources.models import Collection, CollectionItem, Resource, ResourceStatus

PAGE_SIZE = 20
HUB = ("Centre de ressources", "/ressources/")


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def resource_list(request):
    form = ResourceFilterForm(request.GET or None)
    filters = form.filters()
    page_obj = _page(request, selectors.resource_list(user=request.user, filters=filters))
    collections = Collection.objects.visible_to(request.user).filter(is_published=True)[:6]
    context = {
        "title": "Centre de ressources",
        "breadcrumb": [("Centre de ressources", None)],
        "form": form,
        "page_obj": page_obj,
        "resources": page_obj.object_list,
        "collections": collections,
        "can_suggest": perms.can_suggest_resource(request.user),
        "can_manage": perms.can_manage_resources(request.user),
    }
    if request.htmx and request.htmx.target == "resource-results":
        return render(request, "resources/includes/results.html", context)
    return render(request, "resources/resource_list.html", context)


def resource_detail(request, slug):
    resource = get_object_or_404(
        Resource.objects.select_related("publisher", "owner", "territory").prefetch_related("themes"),
        slug=slug,
    )
    # A pending suggestion or a draft does not exist for those who may not see it (404, never 403).
    access.ensure(request, perms.can_view_resource(request.user, resource), "Ressource introuvable.")
    collections = Collection.objects.visible_to(request.user).filter(items__resource=resource).distinct()
    return render(
        request,
        "resources/resource_detail.html",
        {
            "title": resource.title,
            "breadcrumb": [HUB, (resource.title, None)],
            "resource": resource,
            "collections": collections,
            "can_edit": perms.can_edit_resource(request.user, resource),
            "can_renew": perms.can_renew_resource(request.user, resource),
            "can_delete": perms.can_delete_resource(request.user, resource),
            "can_moderate": perms.can_moderate(request.user) and resource.status == ResourceStatus.SUGGESTED,
        },
    )


@login_required
def resource_create(request):
    if not perms.can_suggest_resource(request.user):
        raise PermissionDenied
    can_manage = perms.can_manage_resources(request.user)
    form = ResourceForm(request.POST or None, request.FILES or None, can_manage=can_manage)
    if request.method == "POST" and form.is_valid():
        resource = services.resource_create(by=request.user, data=form.cleaned_data)
        if resource.status == ResourceStatus.PUBLISHED:
            messages.success(request, f"La ressource « {resource.title} » est publiée.")
        else:
            messages.success(
                request,
                "Merci ! Votre proposition est transmise à l'équipe d'animation, qui la publiera après relecture.",
            )
        return redirect(resource)
    title = "Ajouter une ressource" if can_manage else "Proposer une ressource"
    return render(
        request,
        "resources/resource_form.html",
        {"title": title, "breadcrumb": [HUB, (title, None)], "form": form, "can_manage": can_manage},
    )


@login_required
def resource_update(request, slug):
    resource = permitted(request, get_object_or_404(Resource, slug=slug), perms.can_edit_resource)
    can_manage = perms.can_manage_resources(request.user)
    form = ResourceForm(request.POST or None, request.FILES or None, instance=resource, can_manage=can_manage)
    if request.method == "POST" and form.is_valid():
        resource = services.resource_update(resource=resource, data=form.cleaned_data)
        messages.success(request, "Les modifications ont été enregistrées.")
        return redirect(resource)
    return render(
        request,
        "resources/resource_form.html",
        {
            "title": f"Modifier « {resource.title} »",
            "breadcrumb": [HUB, (resource.title, resource.get_absolute_url()), ("Modifier", None)],
            "form": form,
            "resource": resource,
            "can_manage": can_manage,
        },
    )


@login_required
@require_POST
def resource_renew(request, slug):
    resource = permitted(request, get_object_or_404(Resource, slug=slug), perms.can_renew_resource)
    services.resource_renew(resource=resource, by=request.user)
    messages.success(
        request,
        f"Merci ! La ressource est marquée à jour ; prochaine revue avant le {resource.review_by:%d/%m/%Y}.",
    )
    next_url = request.POST.get("next", "")
    if next_url.startswith("/ressources/"):
        return redirect(next_url)
    return redirect(resource)


@login_required
def resource_delete(request, slug):
    resource = permitted(request, get_object_or_404(Resource, slug=slug), perms.can_delete_resource)
    return confirm_delete(
        request,
        what="la ressource",
        name=resource.title,
        url=resource.get_absolute_url(),
        crumbs=[HUB],
        action=lambda: services.resource_delete(resource=resource),
        done_url=reverse("resources:list"),
        deleted="supprimée",
    )


@login_required
def my_resources(request):
    """What the reminders point to: the resources someone is responsible for, and their suggestions."""
    qs = (
        Resource.objects.filter(Q(owner=request.user) | Q(suggested_by=request.user))
        .select_related("publisher")
        .order_by("review_by", "pk")
    )
    page_obj = _page(request, qs)
    return render(
        request,
        "resources/my_resources.html",
        {
            "title": "Mes ressources",
            "breadcrumb": [HUB, ("Mes ressources", None)],
            "page_obj": page_obj,
        },
    )


@login_required
def moderation(request):
    if not perms.can_moderate(request.user):
        raise PermissionDenied
    qs = (
        Resource.objects.filter(status=ResourceStatus.SUGGESTED)
        .select_related("suggested_by", "publisher")
        .order_by("created_at")
    )
    page_obj = _page(request, qs)
    return render(
        request,
        "resources/moderation.html",
        {
            "title": "Suggestions de ressources",
            "breadcrumb": [HUB, ("Suggestions à modérer", None)],
            "page_obj": page_obj,
            "refuse_form": RefuseForm(),
        },
    )


@login_required
@require_POST
def resource_accept(request, slug):
    resource = get_object_or_404(Resource, slug=slug, status=ResourceStatus.SUGGESTED)
    if not perms.can_moderate(request.user):
        raise PermissionDenied
    services.resource_accept(resource=resource, by=request.user)
    messages.success(
        request, f"« {resource.title} » est publiée ; la personne qui l'a proposée est prévenue."
    )
    return redirect("resources:moderation")


@login_required
def resource_refuse(request, slug):
    resource = get_object_or_404(Resource, slug=slug, status=ResourceStatus.SUGGESTED)
    if not perms.can_moderate(request.user):
        raise PermissionDenied
    form = RefuseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.resource_refuse(resource=resource, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request, f"La suggestion « {resource.title} » est refusée ; son auteur·rice est prévenu·e."
        )
        return redirect("resources:moderation")
    return render(
        request,
        "resources/refuse.html",
        {
            "title": f"Refuser « {resource.title} »",
            "breadcrumb": [
                HUB,
                ("Suggestions à modérer", reverse("resources:moderation")),
                ("Refuser", None),
            ],
            "form": form,
            "resource": resource,
        },
    )


DASHBOARD_VIEWS = {
    "perimees": "Date de revue dépassée",
    "bientot": "À revoir dans les 30 jours",
    "liens": "Liens cassés ou injoignables",
}


@login_required
def freshness_dashboard(request):
    if not perms.can_view_freshness_dashboard(request.user):
        raise PermissionDenied
    view = request.GET.get("vue", "perimees")
    if view not in DASHBOARD_VIEWS:
        view = "perimees"
    page_obj = _page(request, selectors.freshness_dashboard(view=view))
    return render(
        request,
        "resources/freshness_dashboard.html",
        {
            "title": "Fraîcheur des ressources",
            "breadcrumb": [HUB, ("Fraîcheur des ressources", None)],
            "counts": selectors.freshness_counts(),
            "view": view,
            "views": DASHBOARD_VIEWS,
            "view_label": DASHBOARD_VIEWS[view],
            "page_obj": page_obj,
        },
    )


# --- Collections ("blocs ressources") ------------------------------------------------------------


def collection_list(request):
    qs = (
        Collection.objects.visible_to(request.user)
        .annotate(resource_count=Count("items", filter=Q(items__resource__status=ResourceStatus.PUBLISHED)))
        .order_by("position", "title", "pk")
    )  # GROUP BY drops Meta.ordering: pages must not overlap
    page_obj = _page(request, qs)
    return render(
        request,
        "resources/collection_list.html",
        {
            "title": "Blocs ressources",
            "breadcrumb": [HUB, ("Blocs ressources", None)],
            "page_obj": page_obj,
            "can_manage": perms.can_manage_collections(request.user),
        },
    )


def collection_detail(request, slug):
    collection = get_object_or_404(Collection.objects.visible_to(request.user), slug=slug)
    can_manage = perms.can_manage_collections(request.user)
    items = selectors.collection_with_items(collection, user=request.user)
    return render(
        request,
        "resources/collection_detail.html",
        {
            "title": collection.title,
            "breadcrumb": [
                HUB,
                ("Blocs ressources", reverse("resources:collection_list")),
                (collection.title, None),
            ],
            "collection": collection,
            "items": items,
            "can_manage": can_manage,
            "add_form": CollectionAddForm(collection=collection) if can_manage else None,
        },
    )


@login_required
def collection_edit(request, slug=None):
    if not perms.can_manage_collections(request.user):
        raise PermissionDenied
    collection = get_object_or_404(Collection, slug=slug) if slug else None
    form = CollectionForm(request.POST or None, instance=collection)
    if request.method == "POST" and form.is_valid():
        if collection is None:
            collection = services.collection_create(by=request.user, data=form.cleaned_data)
        else:
            collection = services.collection_update(collection=collection, data=form.cleaned_data)
        messages.success(request, f"Le bloc « {collection.title} » est enregistré.")
        return redirect(collection)
    title = f"Modifier « {collection.title} »" if collection else "Nouveau bloc ressources"
    return render(
        request,
        "resources/collection_form.html",
        {
            "title": title,
            "breadcrumb": [HUB, ("Blocs ressources", reverse("resources:collection_list")), (title, None)],
            "form": form,
            "collection": collection,
        },
    )


@login_required
def collection_delete(request, slug):
    collection = get_object_or_404(Collection, slug=slug)
    if not perms.can_manage_collections(request.user):
        raise PermissionDenied
    return confirm_action(
        request,
        title=f"Supprimer le bloc « {collection.title} »",
        breadcrumb=[HUB, ("Blocs ressources", reverse("resources:collection_list")), ("Supprimer", None)],
        message=(
            f"Vous allez supprimer le bloc « {collection.title} » (ses ressources restent dans le centre "
            "de ressources). Cette action est définitive."
        ),
        button="Supprimer définitivement",
        cancel_url=collection.get_absolute_url(),
        action=lambda: services.collection_delete(collection=collection),
        success="Le bloc a été supprimé (les ressources sont conservées).",
        done_url=reverse("resources:collection_list"),
        checkbox=True,
        checkbox_label="Je confirme la suppression",
    )


@login_required
@require_POST
def collection_add(request, slug):
    collection = get_object_or_404(Collection, slug=slug)
    if not perms.can_manage_collections(request.user):
        raise PermissionDenied
    form = CollectionAddForm(request.POST, collection=collection)
    if form.is_valid():
        services.collection_add_resource(
            collection=collection, resource=form.cleaned_data["resource"], note=form.cleaned_data["note"]
        )
        messages.success(request, f"« {form.cleaned_data['resource'].title} » est ajoutée au bloc.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(collection)


@login_required
@require_POST
def collection_item_action(request, slug, item_id):
    collection = get_object_or_404(Collection, slug=slug)
    if not perms.can_manage_collections(request.user):
        raise PermissionDenied
    item = get_object_or_404(CollectionItem, pk=item_id, collection=collection)
    action = request.POST.get("action")
    if action in ("up", "down"):
        services.collection_item_move(item=item, direction=action)
        messages.success(request, "L'ordre du bloc est mis à jour.")
    elif action == "remove":
        services.collection_item_remove(item=item)
        messages.success(request, f"« {item.resource.title} » est retirée du bloc.")
    else:
        messages.error(request, "Action inconnue.")
    return redirect(collection)
