"""Joining the network: an organisation's application, a person's attachment request, and the
animators' dashboard where they are decided."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts.perms import can_access_admin
from apps.core.forms import pick
from apps.directory import perms, selectors, services
from apps.directory.forms import JoinDecisionForm, MembershipRequestForm, OrganisationJoinForm
from apps.directory.models import JoinRequest, Organisation
from apps.directory.views import get_visible_organisation


def _has_person(user) -> bool:
    return hasattr(user, "person")


def _person_data(cleaned: dict) -> dict:
    data = {key: cleaned[key] for key in ("category", "function", "directory_consent") if key in cleaned}
    return data


@login_required
@require_http_methods(["GET", "POST"])
def join_request(request):
    ask_person = not _has_person(request.user)
    if request.method == "POST":
        form = OrganisationJoinForm(request.POST, ask_person=ask_person)
        if form.is_valid():
            data = form.cleaned_data
            services.organisation_join_request_create(
                user=request.user,
                **pick(data, "name", "type", "territory", "siren", "website", "description", "motivation"),
                person_data=_person_data(data) if ask_person else None,
            )
            messages.success(
                request,
                "Votre demande d'adhésion est enregistrée. L'équipe d'animation vous répondra par courriel.",
            )
            return redirect("directory:join_request")
    else:
        form = OrganisationJoinForm(ask_person=ask_person)
    q = request.GET.get("q", "").strip()[:100]
    matches = []
    if q:
        matches = list(selectors.organisations_filtered(Organisation.objects.active(), {"q": q})[:10])
    context = {
        "title": "Adhérer au réseau",
        "breadcrumb": [("Annuaire", reverse("directory:organisation_list")), ("Adhésion", None)],
        "form": form,
        "q": q,
        "matches": matches,
        "my_requests": JoinRequest.objects.filter(requested_by=request.user)
        .select_related("organisation")
        .order_by("-created_at")[:10],
    }
    return render(request, "directory/join_request.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def membership_request(request, slug):
    organisation = get_visible_organisation(request, slug)
    if not perms.can_request_membership(request.user, organisation):
        messages.info(
            request,
            "Vous faites déjà partie de cette organisation, ou elle n'est pas encore membre du réseau.",
        )
        return redirect(organisation)
    ask_person = not _has_person(request.user)
    if request.method == "POST":
        form = MembershipRequestForm(request.POST, ask_person=ask_person)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.membership_request_create(
                    user=request.user,
                    organisation=organisation,
                    motivation=data["motivation"],
                    function=data["function"],
                    person_data=_person_data({k: v for k, v in data.items() if k != "function"})
                    if ask_person
                    else None,
                )
            except services.DirectoryError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request, "Votre demande de rattachement est envoyée aux référent·es de l'organisation."
                )
            return redirect(organisation)
    else:
        form = MembershipRequestForm(ask_person=ask_person)
    context = {
        "title": f"Rejoindre {organisation.name}",
        "breadcrumb": [
            ("Annuaire", reverse("directory:organisation_list")),
            (organisation.name, organisation.get_absolute_url()),
            ("Demander mon rattachement", None),
        ],
        "organisation": organisation,
        "form": form,
    }
    return render(request, "directory/membership_request.html", context)


def _import_url():
    try:
        return reverse("directory:import")
    except NoReverseMatch:
        return None


@login_required
def animation(request):
    if not perms.can_access_animation(request.user):
        raise PermissionDenied("Page réservée à l'équipe d'animation du réseau.")
    context = {
        "title": "Animation du réseau",
        "breadcrumb": [("Animation", None)],
        "figures": selectors.animation_figures(),
        "organisation_requests": selectors.pending_join_requests(kind=JoinRequest.Kind.ORGANISATION),
        "membership_requests": selectors.pending_join_requests(kind=JoinRequest.Kind.MEMBERSHIP),
        "recent_decisions": JoinRequest.objects.exclude(status=JoinRequest.Status.PENDING)
        .select_related("organisation", "decided_by")
        .order_by("-decided_at")[:10],
        "decision_form": JoinDecisionForm(),
        "import_url": _import_url(),
        "can_access_admin": can_access_admin(request.user),
    }
    return render(request, "directory/animation.html", context)


@login_required
@require_POST
def join_request_decide(request, pk):
    join_request_obj = get_object_or_404(
        JoinRequest.objects.select_related("organisation", "requested_by"), pk=pk
    )
    if not perms.can_decide_join_request(request.user, join_request_obj):
        if not join_request_obj.is_pending:
            messages.info(request, "Cette demande a déjà été traitée.")
            return redirect(_next_url(request))
        raise PermissionDenied("Vous ne pouvez pas décider de cette demande.")
    form = JoinDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez d'accepter ou de refuser la demande.")
        return redirect(_next_url(request))
    decide = (
        services.join_request_approve
        if form.cleaned_data["decision"] == "approve"
        else services.join_request_refuse
    )
    try:
        decided = decide(
            join_request=join_request_obj, decided_by=request.user, message=form.cleaned_data["message"]
        )
    except services.DirectoryError as error:
        messages.error(request, str(error))
    else:
        verb = "acceptée" if decided.status == JoinRequest.Status.APPROVED else "refusée"
        messages.success(
            request,
            f"Demande de {decided.requested_by} ({decided.organisation.name}) {verb} ; un courriel l'en informe.",
        )
    return redirect(_next_url(request))


def _next_url(request) -> str:
    candidate = request.POST.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return reverse("directory:animation")
