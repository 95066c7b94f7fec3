import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from apps.accounts import perms, services
from apps.accounts.forms import (
    EmailForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetRequestForm,
    SetPasswordForm,
    SignupForm,
)


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
