"""Coordinator tasks of the directory: add an organisation, correct a person's card, merge two
duplicate organisations. Every check in perms.py, every write in services (merge.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from apps.core.access import permitted
from apps.core.french import normalize
from apps.directory import merge, perms, services
from apps.directory.forms import (
    EngagementFormSet,
    MergeSearchForm,
    OrganisationForm,
    PersonEditForm,
    engagement_rows,
)
from apps.directory.models import Organisation, Person

MERGE_CANDIDATES = 20


def _directory_crumb():
    return ("Annuaire", reverse("directory:organisation_list"))


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    if not perms.can_create_organisation(request.user):
        raise PermissionDenied("Page réservée à l'équipe d'animation du réseau.")
    if request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES)
        engagements = EngagementFormSet(request.POST, prefix="engagements")
        if form.is_valid() and engagements.is_valid():
            organisation = services.organisation_create(
                data=form.cleaned_data, engagements=engagement_rows(engagements)
            )
            messages.success(request, f"L'organisation « {organisation.name} » a été ajoutée à l'annuaire.")
            return redirect(organisation)
        messages.error(request, "La fiche n'a pas été enregistrée : corrigez les erreurs signalées.")
    else:
        form = OrganisationForm()
        engagements = EngagementFormSet(prefix="engagements")
    return render(
        request,
        "directory/organisation_edit.html",
        {
            "title": "Ajouter une organisation",
            "breadcrumb": [_directory_crumb(), ("Ajouter une organisation", None)],
            "form": form,
            "engagements": engagements,
            "creating": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, slug):
    person = permitted(
        request,
        get_object_or_404(Person, slug=slug),
        perms.can_edit_person,
        "Seule l'équipe d'animation peut modifier la fiche d'une autre personne.",
    )
    initial = {
        name: getattr(person, name)
        for name in (
            "first_name",
            "last_name",
            "category",
            "function",
            "email",
            "phone",
            "bio",
            "competences",
        )
    }
    initial["themes"] = list(person.themes.all())
    initial["resource_themes"] = list(person.resource_themes.all())
    form = PersonEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.person_update(person=person, **form.cleaned_data)
        messages.success(request, f"La fiche de {person.full_name} a été mise à jour.")
        return redirect(person)
    return render(
        request,
        "directory/person_edit.html",
        {
            "title": f"Modifier la fiche — {person.full_name}",
            "breadcrumb": [
                _directory_crumb(),
                (person.full_name, person.get_absolute_url()),
                ("Modifier", None),
            ],
            "person": person,
            "form": form,
        },
    )


def _merge_source(request, slug) -> Organisation:
    source = permitted(
        request,
        get_object_or_404(Organisation, slug=slug),
        perms.can_merge_organisations,
        "Seule l'équipe d'animation peut fusionner des organisations.",
    )
    return source


@login_required
def organisation_merge_search(request, slug):
    """Step 1: on the duplicate's page, find the organisation that stays."""
    source = _merge_source(request, slug)
    form = MergeSearchForm(request.GET or None)
    candidates = None
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        digits = query.replace(" ", "")
        lookup = Q(search_name__contains=normalize(query))
        if digits.isdigit():
            lookup |= Q(siren__startswith=digits)
        candidates = list(
            Organisation.objects.filter(lookup)
            .exclude(pk=source.pk)
            .select_related("territory")[:MERGE_CANDIDATES]
        )
    return render(
        request,
        "directory/merge_search.html",
        {
            "title": f"Fusionner « {source.name} » avec une autre fiche",
            "breadcrumb": [_directory_crumb(), (source.name, source.get_absolute_url()), ("Fusionner", None)],
            "source": source,
            "form": form,
            "candidates": candidates,
            "limit": MERGE_CANDIDATES,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_merge(request, slug, target_slug):
    """Step 2: what moves, then the merge itself (POST only)."""
    source = _merge_source(request, slug)
    target = get_object_or_404(Organisation, slug=target_slug)
    if not perms.can_merge_organisations(request.user, source, target):
        raise PermissionDenied
    try:
        preview = merge.organisation_merge_preview(source=source, target=target)
    except merge.MergeBlocked as error:
        messages.error(request, str(error))
        return redirect("directory:organisation_merge_search", slug=source.slug)
    if request.method == "POST" and not preview.blocked:
        if request.POST.get("confirm") != "on":
            messages.error(request, "Cochez la case pour confirmer la fusion.")
        else:
            try:
                merge.organisation_merge(source=source, target=target, merged_by=request.user)
            except merge.MergeBlocked as error:
                messages.error(request, f"La fusion n'a pas été faite : {error}.")
            else:
                messages.success(
                    request, f"« {source.name} » a été fusionnée dans « {target.name} » : rien n'a été perdu."
                )
                return redirect(target)
    return render(
        request,
        "directory/merge_preview.html",
        {
            "title": f"Fusionner « {source.name} » dans « {target.name} »",
            "breadcrumb": [_directory_crumb(), (source.name, source.get_absolute_url()), ("Fusionner", None)],
            "source": source,
            "target": target,
            "preview": preview,
        },
    )
