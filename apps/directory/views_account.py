"""The "Mon compte" pages that show the person's directory card: the account page, its edit form
(names and card), the erasure confirmation, and the landing after the address is confirmed (which
sends a newcomer to find their organisation). Their URLs are in the `accounts` namespace
(maillage/urls.py adds `urls_account` to `apps.accounts.urls`): accounts, below the directory,
imports none of it (docs/architecture.md, « Sens des dépendances »)."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from apps.accounts import perms as account_perms
from apps.accounts import services as account_services
from apps.accounts.forms import AccountForm, EmailForm, EraseForm
from apps.directory import selectors, services
from apps.directory.forms import CardForm
from apps.directory.models import Membership, Person


def _crumbs(*items):
    return [("Mon compte", reverse("accounts:profile")), *items]


@require_http_methods(["GET", "POST"])
def verify_email(request, token):
    """The link of the verification mail: GET asks (a mail scanner opening links activates nothing),
    the button activates the account and opens a session."""
    try:
        if request.method != "POST":
            user = account_services.verification_check(token=token)
            return render(
                request,
                "accounts/verify_confirm.html",
                {
                    "title": "Confirmer mon adresse",
                    "breadcrumb": [("Confirmation de l'adresse", None)],
                    "email": user.email,
                },
            )
        user = account_services.user_verify_email(token=token)
    except account_services.VerificationError as error:
        form = EmailForm(initial={"email": account_services.verification_token_email(token=token)})
        return render(
            request,
            "accounts/verify_failed.html",
            {
                "title": "Lien de confirmation inutilisable",
                "breadcrumb": [("Confirmation de l'adresse", None)],
                "error": error,
                "form": form,
            },
            status=400,
        )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if not Membership.objects.filter(person__user=user, person__is_removed=False).exists():
        # A newcomer: next step, find and join their organisation.
        messages.success(
            request,
            "Votre adresse est confirmée : bienvenue dans le réseau ! "
            "Retrouvez maintenant l'organisation pour laquelle vous travaillez ou êtes élu·e.",
        )
        return redirect("portal:find_organisation")
    messages.success(
        request, "Votre adresse est confirmée : bienvenue dans le réseau ! Vous êtes connecté·e."
    )
    return redirect("portal:my_space")


def _public_card_url(person: Person | None) -> str | None:
    if person is None or not person.directory_consent or person.is_removed:
        return None
    return person.get_absolute_url()


@login_required
def profile(request):
    if not account_perms.can_view_account(request.user, request.user):
        raise PermissionDenied
    person = selectors.own_person(request.user)
    memberships = (
        Membership.objects.filter(person=person)
        .select_related("organisation")
        .order_by("organisation__search_name")
        if person
        else Membership.objects.none()
    )
    return render(
        request,
        "accounts/profile.html",
        {
            "title": "Mon compte",
            "breadcrumb": [("Mon compte", None)],
            "account": request.user,
            "person": person,
            "memberships": memberships,
            "role_label": account_perms.role_label(request.user),
            "public_card_url": _public_card_url(person),
            "can_change_password": account_perms.can_change_password(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    user = request.user
    if not account_perms.can_edit_account(user, user):
        raise PermissionDenied
    person = selectors.own_person(user)
    data = request.POST if request.method == "POST" else None
    account_form = AccountForm(data, initial={"first_name": user.first_name, "last_name": user.last_name})
    card_form = None
    if person is not None:
        card_form = CardForm(
            data,
            request.FILES if request.method == "POST" else None,
            has_photo=bool(person.photo),
            initial={
                "directory_consent": person.directory_consent,
                "contact_visibility": person.contact_visibility,
                "function": person.function,
                "category": person.category,
                "phone": person.phone,
                "bio": person.bio,
                "competences": person.competences,
                "themes": list(person.themes.all()),
                "resource_themes": list(person.resource_themes.all()),
            },
            prefix="fiche",
        )
    if request.method == "POST" and account_form.is_valid() and (card_form is None or card_form.is_valid()):
        card = None
        if card_form is not None:
            cd = card_form.cleaned_data
            card = services.CardChanges(
                function=cd["function"],
                category=cd["category"],
                phone=cd["phone"],
                bio=cd["bio"],
                competences=cd["competences"],
                contact_visibility=cd["contact_visibility"],
                directory_consent=cd["directory_consent"],
                themes=list(cd["themes"]) if "themes" in cd else list(person.themes.all()),
                resource_themes=list(cd["resource_themes"])
                if "resource_themes" in cd
                else list(person.resource_themes.all()),
                photo=cd.get("photo"),
                remove_photo=cd.get("remove_photo", False),
            )
        withdrew = person is not None and person.directory_consent and card and not card.directory_consent
        services.account_profile_update(
            user=user,
            first_name=account_form.cleaned_data["first_name"],
            last_name=account_form.cleaned_data["last_name"],
            card=card,
        )
        if withdrew:
            messages.success(
                request, "Vos informations sont enregistrées. Votre fiche n'apparaît plus dans l'annuaire."
            )
        else:
            messages.success(request, "Vos informations sont enregistrées.")
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile_edit.html",
        {
            "title": "Modifier mon compte",
            "breadcrumb": _crumbs(("Modifier", None)),
            "account_form": account_form,
            "card_form": card_form,
            "person": person,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def erase(request):
    user = request.user
    if not account_perms.can_erase_account(user, user):
        raise PermissionDenied
    form = EraseForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        # Log out first (axes records the logout against the address), then erase everything.
        logout(request)
        with transaction.atomic():
            account_services.user_erase(user=user)
        messages.success(
            request,
            "Votre compte a été supprimé et vos données personnelles effacées. Merci d'avoir participé au réseau.",
        )
        return redirect("core:home")
    person = selectors.own_person(user)
    return render(
        request,
        "accounts/erase_confirm.html",
        {
            "title": "Supprimer mon compte",
            "breadcrumb": _crumbs(("Supprimer mon compte", None)),
            "form": form,
            "person": person,
            "membership_count": Membership.objects.filter(person=person).count() if person else 0,
        },
    )
