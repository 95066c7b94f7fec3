"""Invitations in bulk for the animation team: from a pasted list or a spreadsheet, to the people
the network imported without an account, with a personal message; follow-up (pending, accepted)
and re-sending. Checks in perms.py, writes in services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.access import permitted
from apps.directory import perms, selectors, services
from apps.directory.forms import BulkInvitationForm, InvitationMessageForm
from apps.directory.models import Invitation

PER_PAGE = 50
PREVIEW = 50
STATES = {"attente": "En attente", "acceptees": "Acceptées", "": "Toutes"}


def _crumbs(*rest):
    return [("Annuaire", reverse("directory:organisation_list")), *rest]


def _gate(request):
    if not perms.can_invite_in_bulk(request.user):
        raise PermissionDenied("Réservé à l'équipe d'animation du réseau.")


def _report(request, result: services.BulkInvitationResult) -> None:
    if result.sent:
        count = len(result.sent)
        messages.success(
            request, f"{count} invitation{'s' if count > 1 else ''} envoyée{'s' if count > 1 else ''}."
        )
    else:
        messages.info(request, "Aucune nouvelle invitation envoyée.")
    if result.already_pending:
        messages.info(request, "Déjà invitées (en attente) : " + ", ".join(result.already_pending[:20]))
    if result.already_member:
        messages.info(request, "Déjà membres : " + ", ".join(result.already_member[:20]))


@login_required
def invitation_list(request):
    _gate(request)
    state = request.GET.get("etat", "attente")
    state = state if state in STATES else "attente"
    query = request.GET.get("q", "").strip()[:100]
    invitations = Invitation.objects.select_related("organisation", "invited_by").order_by(
        "-created_at", "-pk"
    )
    if state == "attente":
        invitations = invitations.filter(accepted_at__isnull=True)
    elif state == "acceptees":
        invitations = invitations.filter(accepted_at__isnull=False)
    if query:
        invitations = invitations.filter(email__icontains=query)
    page = Paginator(invitations, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/invitations/list.html",
        {
            "title": "Invitations",
            "breadcrumb": _crumbs(("Invitations", None)),
            "page_obj": page,
            "invitations": page.object_list,
            "state": state,
            "states": STATES,
            "query": query,
            "pending": Invitation.objects.filter(accepted_at__isnull=True).count(),
            "accepted": Invitation.objects.filter(accepted_at__isnull=False).count(),
            "to_invite": selectors.people_to_invite().count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_bulk(request):
    _gate(request)
    form = BulkInvitationForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = services.invitations_bulk_create(
            rows=form.cleaned_data["rows"], invited_by=request.user, message=form.cleaned_data["message"]
        )
        _report(request, result)
        return redirect("directory:invitation_list")
    return render(
        request,
        "directory/invitations/bulk.html",
        {
            "title": "Inviter des personnes",
            "breadcrumb": _crumbs(("Invitations", reverse("directory:invitation_list")), ("Inviter", None)),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_imported(request):
    """The cards imported without an account: invite them all to their organisation."""
    _gate(request)
    people = selectors.people_to_invite()
    form = InvitationMessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        rows = selectors.invitation_rows_for(people)
        result = services.invitations_bulk_create(
            rows=rows, invited_by=request.user, message=form.cleaned_data["message"]
        )
        _report(request, result)
        return redirect("directory:invitation_list")
    preview = list(people.prefetch_related("memberships__organisation")[:PREVIEW])
    return render(
        request,
        "directory/invitations/imported.html",
        {
            "title": "Inviter les personnes importées",
            "breadcrumb": _crumbs(
                ("Invitations", reverse("directory:invitation_list")), ("Personnes importées", None)
            ),
            "form": form,
            "count": people.count(),
            "preview": preview,
        },
    )


@login_required
@require_POST
def invitation_resend(request, pk):
    invitation = permitted(
        request,
        get_object_or_404(Invitation.objects.select_related("organisation"), pk=pk),
        perms.can_resend_invitation,
        "Vous ne pouvez pas renvoyer cette invitation.",
    )
    try:
        services.invitation_resend(invitation=invitation)
    except services.DirectoryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Invitation renvoyée à {invitation.email}.")
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("directory:invitation_list")
