"""Pages where référents and animators edit an organisation and manage its people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from apps.directory import perms, selectors, services
from apps.directory.forms import (
    EngagementFormSet,
    InvitationForm,
    JoinDecisionForm,
    OrganisationForm,
    engagement_rows,
)
from apps.directory.models import Invitation, JoinRequest, Membership, Organisation
from apps.directory.views import get_visible_organisation


def _organisation_for(request, slug, check) -> Organisation:
    organisation = get_visible_organisation(request, slug)
    if not check(request.user, organisation):
        raise PermissionDenied("Vous ne pouvez pas gérer cette organisation.")
    return organisation


def _breadcrumb(organisation, label):
    return [
        ("Annuaire", reverse("directory:organisation_list")),
        (organisation.name, organisation.get_absolute_url()),
        (label, None),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, slug):
    organisation = _organisation_for(request, slug, perms.can_edit_organisation)
    if request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES, instance=organisation)
        engagements = EngagementFormSet(request.POST, instance=organisation, prefix="engagements")
        if form.is_valid() and engagements.is_valid():
            organisation = services.organisation_update(
                organisation=organisation, data=form.cleaned_data, engagements=engagement_rows(engagements)
            )
            messages.success(request, "La fiche de l'organisation a été mise à jour.")
            return redirect(organisation)
        messages.error(request, "La fiche n'a pas été enregistrée : corrigez les erreurs signalées.")
    else:
        form = OrganisationForm(instance=organisation)
        engagements = EngagementFormSet(instance=organisation, prefix="engagements")
    context = {
        "title": f"Modifier la fiche — {organisation.name}",
        "breadcrumb": _breadcrumb(organisation, "Modifier"),
        "organisation": organisation,
        "form": form,
        "engagements": engagements,
    }
    return render(request, "directory/organisation_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_members(request, slug):
    """Colleagues, pending membership requests and invitations; the invitation form posts here."""
    organisation = _organisation_for(request, slug, perms.can_manage_members)
    form = InvitationForm(organisation=organisation)
    if request.method == "POST":
        if not perms.can_invite(request.user, organisation):
            raise PermissionDenied("Vous ne pouvez pas inviter de collègue dans cette organisation.")
        form = InvitationForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                services.invitation_create(
                    organisation=organisation, email=form.cleaned_data["email"], invited_by=request.user
                )
            except services.DirectoryError as error:
                form.add_error("email", str(error))
            else:
                messages.success(request, f"Invitation envoyée à {form.cleaned_data['email']}.")
                return redirect("directory:organisation_members", slug=organisation.slug)
    memberships = organisation.memberships.select_related("person", "person__user").order_by(
        "-is_referent", "person__search_name"
    )
    context = {
        "title": f"Membres — {organisation.name}",
        "breadcrumb": _breadcrumb(organisation, "Membres"),
        "organisation": organisation,
        "memberships": memberships,
        "invitations": organisation.invitations.filter(accepted_at__isnull=True).order_by("-created_at"),
        "join_requests": selectors.pending_join_requests(kind=JoinRequest.Kind.MEMBERSHIP).filter(
            organisation=organisation
        ),
        "decision_form": JoinDecisionForm(),
        "form": form,
        "may_invite": perms.can_invite(request.user, organisation),
    }
    return render(request, "directory/organisation_members.html", context)


def _membership_for(request, slug, pk) -> Membership:
    organisation = _organisation_for(request, slug, perms.can_manage_members)
    return get_object_or_404(
        Membership.objects.select_related("person", "organisation"), pk=pk, organisation=organisation
    )


@login_required
@require_POST
def membership_toggle_referent(request, slug, pk):
    membership = _membership_for(request, slug, pk)
    try:
        services.membership_set_referent(membership=membership, is_referent=not membership.is_referent)
    except services.DirectoryError as error:
        messages.error(request, str(error))
    else:
        if membership.is_referent:
            messages.success(
                request, f"{membership.person.full_name} est désormais référent·e de l'organisation."
            )
        else:
            messages.success(
                request, f"{membership.person.full_name} n'est plus référent·e de l'organisation."
            )
    return redirect("directory:organisation_members", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def membership_remove(request, slug, pk):
    membership = _membership_for(request, slug, pk)
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership)
        except services.DirectoryError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"{membership.person.full_name} ne fait plus partie de {membership.organisation.name}.",
            )
        return redirect("directory:organisation_members", slug=slug)
    context = {
        "title": "Retirer un membre",
        "breadcrumb": _breadcrumb(membership.organisation, "Retirer un membre"),
        "membership": membership,
        "organisation": membership.organisation,
    }
    return render(request, "directory/membership_remove_confirm.html", context)


@login_required
@require_POST
def invitation_cancel(request, slug, pk):
    organisation = _organisation_for(request, slug, perms.can_invite)
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation, accepted_at__isnull=True)
    services.invitation_cancel(invitation=invitation)
    messages.success(request, f"L'invitation envoyée à {invitation.email} est annulée.")
    return redirect("directory:organisation_members", slug=slug)


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """Anyone with the link sees the invitation; accepting needs an account (login, then back here)."""
    invitation = Invitation.objects.select_related("organisation", "invited_by").filter(token=token).first()
    if invitation is None:
        raise Http404("Invitation introuvable.")
    already_member = False
    needs_person = True
    if request.user.is_authenticated:
        already_member = Membership.objects.filter(
            organisation=invitation.organisation, person__user=request.user
        ).exists()
        needs_person = not hasattr(request.user, "person")
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        try:
            services.invitation_accept(
                invitation=invitation,
                user=request.user,
                directory_consent=request.POST.get("directory_consent") == "on",
            )
        except services.DirectoryError as error:
            messages.error(request, str(error))
            return redirect("directory:invitation_accept", token=token)
        messages.success(request, f"Vous faites désormais partie de {invitation.organisation.name}.")
        return redirect(invitation.organisation)
    context = {
        "title": f"Invitation à rejoindre {invitation.organisation.name}",
        "breadcrumb": [("Annuaire", reverse("directory:organisation_list")), ("Invitation", None)],
        "invitation": invitation,
        "organisation": invitation.organisation,
        "already_member": already_member,
        "needs_person": needs_person,
        "login_url": f"{reverse('accounts:login')}?next={request.path}",
        "signup_url": _signup_url(request.path),
    }
    return render(request, "directory/invitation_accept.html", context)


def _signup_url(next_path: str) -> str | None:
    from django.urls import NoReverseMatch

    try:
        return f"{reverse('accounts:signup')}?next={next_path}"
    except NoReverseMatch:
        return None
