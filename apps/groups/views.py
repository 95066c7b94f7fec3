from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.accounts.perms import is_member
from apps.core.access import login_unless, permitted
from apps.core.confirm import confirm_action
from apps.core.forms import pick
from apps.core.params import object_id
from apps.core.views import file_download
from apps.directory.selectors import chip_prefetch
from apps.groups import hooks, perms, services
from apps.groups.forms import AddMemberForm, DocumentForm, GroupForm, RequestForm
from apps.groups.models import Group, GroupDocument, GroupMembership

CRUMB = ("Groupes", "/groupes/")


# Anonymous visitors and accounts not yet members go to the login page.
members_only = login_unless(is_member)


def _group(request, slug, rule, refusal: str):
    """The group `slug`, once `rule(user, group)` lets the person act on it."""
    return permitted(request, perms.access_group(request.user, slug), rule, refusal)


@members_only
def group_list(request):
    groups = Group.objects.visible_to(request.user).order_by("kind", "name")
    mine = set(Group.objects.of_member(request.user).values_list("pk", flat=True))
    page = Paginator(groups, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "groups/list.html",
        {
            "title": "Groupes",
            "breadcrumb": [("Groupes", None)],
            "page_obj": page,
            "mine": mine,
            "can_create": perms.can_create_group(request.user),
        },
    )


@members_only
def group_detail(request, slug):
    group = perms.access_group(request.user, slug)
    membership = perms.membership_of(request.user, group)
    context = {
        "title": group.name,
        "breadcrumb": [CRUMB, (group.name, None)],
        "group": group,
        "membership": membership,
        "can_view_content": perms.can_view_content(request.user, group),
        "can_join": perms.can_join(request.user, group),
        "can_request": perms.can_request(request.user, group),
        "can_leave": perms.can_leave(request.user, group),
        "can_manage": perms.can_manage(request.user, group),
    }
    if context["can_view_content"]:
        discussions = group.discussions.select_related("author", "question").prefetch_related(
            *chip_prefetch("author")
        )
        context["page_obj"] = Paginator(discussions, 20).get_page(request.GET.get("page"))
        # What the apps living in groups show here (questions asked in the group…): apps.groups.hooks.
        context["sections"] = hooks.content_sections(request=request, group=group)
        context["member_count"] = group.memberships.filter(status=GroupMembership.Status.ACTIVE).count()
    return render(request, "groups/detail.html", context)


@require_POST
@members_only
def group_join(request, slug):
    group = _group(request, slug, perms.can_join, "Vous ne pouvez pas rejoindre ce groupe directement.")
    services.group_join(group=group, user=request.user)
    messages.success(request, f"Vous avez rejoint le groupe « {group.name} ».")
    return redirect(group)


@members_only
def group_request(request, slug):
    group = _group(request, slug, perms.can_request, "Vous ne pouvez pas demander à rejoindre ce groupe.")
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.group_request(group=group, user=request.user, motivation=form.cleaned_data["motivation"])
        messages.success(request, "Votre demande est envoyée à l'animation du groupe.")
        return redirect(group)
    return render(
        request,
        "groups/form.html",
        {
            "title": f"Demander à rejoindre « {group.name} »",
            "breadcrumb": [CRUMB, (group.name, group.get_absolute_url()), ("Demande", None)],
            "form": form,
            "submit": "Envoyer la demande",
        },
    )


@members_only
def group_leave(request, slug):
    group = _group(request, slug, perms.can_leave, "Vous n'êtes pas membre de ce groupe.")
    return confirm_action(
        request,
        title=f"Quitter « {group.name} »",
        breadcrumb=[CRUMB, (group.name, group.get_absolute_url()), ("Quitter", None)],
        message="Vous ne verrez plus les discussions ni les documents de ce groupe.",
        button="Quitter le groupe",
        cancel_url=group.get_absolute_url(),
        action=lambda: services.group_leave(group=group, user=request.user),
        success=f"Vous avez quitté le groupe « {group.name} ».",
        done_url=reverse("groups:list"),
    )


@members_only
def group_create(request):
    if not perms.can_create_group(request.user):
        raise PermissionDenied("Seule l'équipe d'animation crée des groupes.")
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = services.group_create(**pick(form.cleaned_data, *GroupForm.Meta.fields), by=request.user)
        messages.success(
            request, "Le groupe est créé. Ajoutez-lui un·e animateur·rice depuis la liste des membres."
        )
        return redirect(group)
    return render(
        request,
        "groups/form.html",
        {"title": "Créer un groupe", "breadcrumb": [CRUMB, ("Créer", None)], "form": form, "submit": "Créer"},
    )


@members_only
def group_edit(request, slug):
    group = _group(request, slug, perms.can_manage, "Vous n'animez pas ce groupe.")
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        services.group_update(group=group, by=request.user, **pick(form.cleaned_data, *GroupForm.Meta.fields))
        messages.success(request, "Le groupe est modifié.")
        return redirect(group)
    return render(
        request,
        "groups/form.html",
        {
            "title": f"Modifier « {group.name} »",
            "breadcrumb": [CRUMB, (group.name, group.get_absolute_url()), ("Modifier", None)],
            "form": form,
            "submit": "Enregistrer",
        },
    )


@members_only
def group_members(request, slug):
    group = perms.access_group(request.user, slug)
    can_manage = perms.can_manage(request.user, group)
    if not (perms.can_view_content(request.user, group) or can_manage):
        raise Http404("Groupe introuvable.")
    form = AddMemberForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("Vous n'animez pas ce groupe.")
        action = request.POST.get("action", "add")
        if action == "add":
            if form.is_valid():
                services.group_add_member(group=group, user=form.cleaned_data["email"], by=request.user)
                messages.success(request, "La personne est ajoutée au groupe.")
                return redirect("groups:members", slug=group.slug)
        else:
            membership = get_object_or_404(
                GroupMembership, group=group, pk=object_id(request.POST.get("membership"))
            )
            if action in ("accept", "refuse"):
                services.group_decide(membership=membership, by=request.user, accept=action == "accept")
                messages.success(request, "Demande acceptée." if action == "accept" else "Demande refusée.")
            elif action in ("animator", "member"):
                services.group_set_role(membership=membership, by=request.user, role=action)
                messages.success(request, "Rôle modifié.")
            elif action == "remove":
                services.group_leave(group=group, user=membership.user)
                messages.success(request, "La personne est retirée du groupe.")
            return redirect("groups:members", slug=group.slug)
    members = (
        group.memberships.filter(status=GroupMembership.Status.ACTIVE)
        .select_related("user")
        .prefetch_related(*chip_prefetch("user"))
    )
    pending = (
        group.memberships.filter(status=GroupMembership.Status.PENDING)
        .select_related("user")
        .prefetch_related(*chip_prefetch("user"))
        if can_manage
        else []
    )
    return render(
        request,
        "groups/members.html",
        {
            "title": f"Membres de « {group.name} »",
            "breadcrumb": [CRUMB, (group.name, group.get_absolute_url()), ("Membres", None)],
            "group": group,
            "page_obj": Paginator(members, 50).get_page(request.GET.get("page")),
            "pending": pending,
            "form": form,
            "can_manage": can_manage,
        },
    )


@members_only
def group_documents(request, slug):
    group = perms.access_group_content(request.user, slug)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not perms.can_upload_document(request.user, group):
            raise PermissionDenied("Vous ne pouvez pas déposer de document ici.")
        if form.is_valid():
            services.document_upload(
                group=group,
                by=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
            messages.success(request, "Le document est déposé.")
            return redirect("groups:documents", slug=group.slug)
    documents = group.documents.select_related("uploaded_by").prefetch_related(*chip_prefetch("uploaded_by"))
    return render(
        request,
        "groups/documents.html",
        {
            "title": f"Documents de « {group.name} »",
            "breadcrumb": [CRUMB, (group.name, group.get_absolute_url()), ("Documents", None)],
            "group": group,
            "form": form,
            "page_obj": Paginator(documents, 20).get_page(request.GET.get("page")),
            "user_id": request.user.pk,
            "is_group_animator": perms.is_group_animator(request.user, group),
        },
    )


def document_download(request, slug, pk):
    # The group's address, then the one file view (apps.core.files: perms.FILES says who may read).
    return file_download(request, key="groups.groupdocument.file", pk=pk)


@members_only
def document_delete(request, slug, pk):
    group = perms.access_group_content(request.user, slug)
    document = permitted(
        request,
        get_object_or_404(GroupDocument, group=group, pk=pk),
        perms.can_delete_document,
        "Vous ne pouvez pas supprimer ce document.",
    )
    return confirm_action(
        request,
        title=f"Supprimer « {document.title} »",
        breadcrumb=[CRUMB, (group.name, group.get_absolute_url()), ("Supprimer un document", None)],
        message="Le fichier sera définitivement supprimé.",
        button="Supprimer",
        cancel_url=reverse("groups:documents", kwargs={"slug": group.slug}),
        action=lambda: services.document_delete(document=document, by=request.user),
        success="Le document est supprimé.",
        done_url=reverse("groups:documents", kwargs={"slug": group.slug}),
    )
