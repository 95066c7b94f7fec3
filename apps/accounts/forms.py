from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from dsfr.forms import DsfrBaseForm

from apps.accounts.models import User
from apps.accounts.services import mail_allowed
from apps.core.emails import email_queue


class LoginForm(DsfrBaseForm, auth_forms.AuthenticationForm):
    """Email + password. The field keeps the name `username`: django-axes reads it to count failures."""

    username = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={
            "required": "Saisissez votre adresse électronique.",
            "invalid": "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.",
        },
    )
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Saisissez votre mot de passe."},
    )

    error_messages = {
        "invalid_login": (
            "Adresse électronique ou mot de passe incorrect. Après 5 essais infructueux, "
            "la connexion est bloquée pendant 15 minutes."
        ),
        "inactive": "Ce compte est désactivé. Écrivez à l'équipe d'animation du réseau pour le réactiver.",
        "unverified": (
            "Confirmez d'abord votre adresse : lien renvoyé. Ouvrez le courriel que nous venons de "
            "vous envoyer et suivez le lien de confirmation."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set by clean() when the credentials are right but the address is not verified yet;
        # the view then mails a fresh link (forms have no side effects).
        self.unverified_user: User | None = None

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()

    def clean(self):
        try:
            return super().clean()
        except ValidationError as error:
            if error.code != "invalid_login" or getattr(self.request, "axes_locked_out", False):
                raise
            # ModelBackend refuses inactive accounts outright; tell apart "wrong password" from
            # "right password, address not confirmed" — only someone holding the password learns it.
            user = User.objects.filter(email=self.cleaned_data.get("username"), is_active=False).first()
            if user is None or not user.check_password(self.cleaned_data.get("password") or ""):
                raise
            if user.email_verified_at is None:
                self.unverified_user = user
                raise ValidationError(self.error_messages["unverified"], code="unverified") from None
            raise ValidationError(self.error_messages["inactive"], code="inactive") from None


def _password_fields():
    return (
        forms.CharField(
            label="Mot de passe",
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            help_text="Au moins 10 caractères, pas uniquement des chiffres, ni trop proche de vos nom et adresse.",
            error_messages={"required": "Choisissez un mot de passe."},
        ),
        forms.CharField(
            label="Confirmation du mot de passe",
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            error_messages={"required": "Saisissez à nouveau le mot de passe."},
        ),
    )


class SignupForm(DsfrBaseForm):
    first_name = forms.CharField(
        label="Prénom",
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": "Saisissez votre prénom."},
    )
    last_name = forms.CharField(
        label="Nom",
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": "Saisissez votre nom."},
    )
    email = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        help_text="Format attendu : nom@exemple.fr. Un lien de confirmation y sera envoyé.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Saisissez votre adresse électronique.",
            "invalid": "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.",
        },
    )
    password1, password2 = _password_fields()
    directory_consent = forms.BooleanField(
        label="J'accepte d'apparaître dans l'annuaire du réseau",
        required=False,
        help_text=(
            "Votre nom, votre fonction et votre organisation seront visibles dans l'annuaire ; "
            "vous choisirez ensuite qui peut voir vos coordonnées, et pourrez retirer ce consentement à tout moment."
        ),
    )
    accept_personal_data = forms.BooleanField(
        label="J'ai pris connaissance de la page « Données personnelles »",
        required=True,
        error_messages={"required": "Cochez cette case pour créer votre compte."},
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "Les deux mots de passe ne correspondent pas.")
        elif password1:
            probe = User(
                email=cleaned.get("email") or "",
                first_name=cleaned.get("first_name") or "",
                last_name=cleaned.get("last_name") or "",
            )
            try:
                password_validation.validate_password(password1, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class EmailForm(DsfrBaseForm):
    email = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Saisissez votre adresse électronique.",
            "invalid": "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.",
        },
    )


class PasswordResetRequestForm(DsfrBaseForm, auth_forms.PasswordResetForm):
    email = EmailForm.base_fields["email"]

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Render now (the context holds the user object) and queue in the outbox: the worker sends
        it after commit."""
        if not mail_allowed(kind="reset", email=to_email):
            return
        subject = " ".join(render_to_string(subject_template_name, context).split())
        body = render_to_string(email_template_name, context)
        email_queue(to=to_email, subject=f"[{settings.MAILLAGE_NETWORK_NAME}] {subject}", text=body)


def _new_password_fields():
    new1, new2 = _password_fields()
    new1.label, new2.label = "Nouveau mot de passe", "Confirmation du nouveau mot de passe"
    return new1, new2


class SetPasswordForm(DsfrBaseForm, auth_forms.SetPasswordForm):
    new_password1, new_password2 = _new_password_fields()
    error_messages = {"password_mismatch": "Les deux mots de passe ne correspondent pas."}


class PasswordChangeForm(SetPasswordForm, auth_forms.PasswordChangeForm):
    field_order = ["old_password", "new_password1", "new_password2"]

    old_password = forms.CharField(
        label="Mot de passe actuel",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        error_messages={"required": "Saisissez votre mot de passe actuel."},
    )

    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_incorrect": "Le mot de passe actuel est incorrect.",
        "password_mismatch": "Les deux mots de passe ne correspondent pas.",
    }


class AccountForm(DsfrBaseForm):
    first_name = SignupForm.base_fields["first_name"]
    last_name = SignupForm.base_fields["last_name"]


class EraseForm(DsfrBaseForm):
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Pour confirmer qu'il s'agit bien de vous.",
        error_messages={"required": "Saisissez votre mot de passe pour confirmer."},
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError("Mot de passe incorrect : votre compte n'a pas été supprimé.")
        return password
