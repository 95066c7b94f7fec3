import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from apps.accounts import perms, services
from apps.accounts.forms import (
    AccountForm,
    CardForm,
    EmailForm,
    EraseForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetRequestForm,
    SetPasswordForm,
    SignupForm,
)
from apps.directory.models import Membership, Person


def _crumbs(*items):
    return [("Mon compte", reverse("accounts:profile")), *items]


# --- login / logout -------------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": "Se connecter", "breadcrumb": [("Se connecter", None)]}

    def get_context_data(self, **kwargs):
        from apps.accounts import proconnect

        context = super().get_context_data(**kwargs)
        if proconnect.is_configured():
            context["proconnect_url"] = proconnect.login_url()
        # Sent here from a members-only page: say so, and how to become a member (the login wall).
        next_url = self.get_redirect_url()
        if next_url and not self.request.user.is_authenticated and not next_url.startswith("/compte/"):
            from apps.core.navigation import section_label

            context["wall"] = {"section": section_label(next_url.split("?")[0])}
        return context

    def form_invalid(self, form):
        if form.unverified_user is not None:
            services.user_resend_verification(email=form.unverified_user.email)
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    """POST only (Django's default): a link or an image cannot log anyone out."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "Vous êtes déconnecté·e. À bientôt !")
        return response


# --- signup and email verification ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_signup(
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            directory_consent=form.cleaned_data["directory_consent"],
        )
        return redirect("accounts:signup_sent")
    return render(
        request,
        "accounts/signup.html",
        {"title": "Créer un compte", "breadcrumb": [("Créer un compte", None)], "form": form},
    )


def signup_sent(request):
    return render(
        request,
        "accounts/signup_sent.html",
        {
            "title": "Vérifiez votre messagerie",
            "breadcrumb": [("Créer un compte", reverse("accounts:signup")), ("Courriel envoyé", None)],
            "max_age_days": services.verification_max_age() // (24 * 3600),
        },
    )


def verify_email(request, token):
    try:
        user = services.user_verify_email(token=token)
    except services.VerificationError as error:
        form = EmailForm(initial={"email": services.verification_token_email(token=token)})
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


@require_http_methods(["GET", "POST"])
def verify_resend(request):
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_resend_verification(email=form.cleaned_data["email"])
        return redirect("accounts:signup_sent")
    return render(
        request,
        "accounts/verify_resend.html",
        {
            "title": "Recevoir un nouveau lien",
            "breadcrumb": [("Recevoir un nouveau lien", None)],
            "form": form,
        },
    )


# --- passwords ------------------------------------------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset_form.html"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    email_template_name = "accounts/emails/password_reset_body.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = {"title": "Mot de passe oublié", "breadcrumb": [("Mot de passe oublié", None)]}

    @property
    def extra_email_context(self):
        return {"site_url": settings.MAILLAGE_SITE_URL, "network_name": settings.MAILLAGE_NETWORK_NAME}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"
    extra_context = {"title": "Courriel envoyé", "breadcrumb": [("Mot de passe oublié", None)]}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    extra_context = {
        "title": "Choisir un nouveau mot de passe",
        "breadcrumb": [("Mot de passe oublié", None)],
    }


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
    extra_context = {"title": "Mot de passe modifié", "breadcrumb": [("Mot de passe oublié", None)]}


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not perms.can_change_password(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title="Changer mon mot de passe", breadcrumb=_crumbs(("Changer mon mot de passe", None)), **kwargs
        )

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Votre mot de passe a été modifié.")
        return response


# --- my account -----------------------------------------------------------------------------


def _public_card_url(person: Person | None) -> str | None:
    # The directory pages come from another app; the account page must not break without them.
    if person is None or not person.directory_consent or person.is_removed:
        return None
    try:
        return person.get_absolute_url()
    except NoReverseMatch:
        return None


def _own_person(user) -> Person | None:
    return (
        Person.objects.filter(user=user, is_removed=False)
        .prefetch_related("themes", "resource_themes")
        .first()
    )


@login_required
def profile(request):
    if not perms.can_view_account(request.user, request.user):
        raise PermissionDenied
    person = _own_person(request.user)
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
            "role_label": perms.role_label(request.user),
            "public_card_url": _public_card_url(person),
            "can_change_password": perms.can_change_password(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    user = request.user
    if not perms.can_edit_account(user, user):
        raise PermissionDenied
    person = _own_person(user)
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
        services.user_update_profile(
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
def export_data(request):
    if not perms.can_export_account_data(request.user, request.user):
        raise PermissionDenied
    data = services.user_export_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    filename = f"mes-donnees-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def erase(request):
    user = request.user
    if not perms.can_erase_account(user, user):
        raise PermissionDenied
    form = EraseForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        # Log out first (axes records the logout against the address), then erase everything.
        logout(request)
        with transaction.atomic():
            services.user_erase(user=user)
        messages.success(
            request,
            "Votre compte a été supprimé et vos données personnelles effacées. Merci d'avoir participé au réseau.",
        )
        return redirect("core:home")
    person = _own_person(user)
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
