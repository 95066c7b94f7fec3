"""ProConnect (the State's identity federation for public agents) through django-allauth's
generic OpenID Connect provider, configured by the environment (docs/deploy.md):

    MAILLAGE_PROCONNECT_ISSUER, MAILLAGE_PROCONNECT_CLIENT_ID, MAILLAGE_PROCONNECT_SECRET

- the button shows on the login page only when the three are set;
- a ProConnect identity whose address is verified by the provider is linked to the account with
  that address; if that account had never proven its address, its password is dropped (whoever
  created it without owning the address must not keep a way in);
- a first login without an account creates one (address verified, directory card without
  consent) and leads the person to find and join their organisation;
- e-mail and password login stays for everyone else."""

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.urls import reverse

from apps.accounts.proconnect_config import PROVIDER_ID, providers_setting  # noqa: F401 (re-exported)


def is_configured() -> bool:
    return bool(
        settings.MAILLAGE_PROCONNECT_ISSUER
        and settings.MAILLAGE_PROCONNECT_CLIENT_ID
        and settings.MAILLAGE_PROCONNECT_SECRET
    )


def login_url() -> str:
    return reverse("openid_connect_login", kwargs={"provider_id": PROVIDER_ID})


def _verified_email(sociallogin) -> str:
    for address in sociallogin.email_addresses:
        if address.verified and address.email:
            return address.email.strip().lower()
    claims = sociallogin.account.extra_data or {}
    userinfo = claims.get("userinfo", claims)
    # ProConnect vouches for the addresses it gives (agents' professional addresses).
    email = (userinfo.get("email") or "").strip().lower()
    verified = userinfo.get("email_verified", True)
    return email if email and verified is not False else ""


class ProConnectAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return bool(_verified_email(sociallogin))

    def pre_social_login(self, request, sociallogin):
        """Link a first ProConnect login to the existing account with the same verified address."""
        from apps.accounts.models import User
        from apps.accounts.services import user_activate

        if sociallogin.is_existing:
            return
        email = _verified_email(sociallogin)
        user = User.objects.filter(email__iexact=email).first() if email else None
        if user is None or (not user.is_active and user.email_verified_at is not None):
            return
        if user.email_verified_at is None:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user_activate(user=user)
        sociallogin.connect(request, user)

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        claims = sociallogin.account.extra_data or {}
        userinfo = claims.get("userinfo", claims)
        user.email = _verified_email(sociallogin)
        user.first_name = (userinfo.get("given_name") or data.get("first_name") or "")[:150]
        user.last_name = (
            userinfo.get("usual_name") or userinfo.get("family_name") or data.get("last_name") or ""
        )[:150]
        return user

    def save_user(self, request, sociallogin, form=None):
        from apps.accounts.services import user_activate

        user = super().save_user(request, sociallogin, form)
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user_activate(user=user)
        return user

    def get_connect_redirect_url(self, request, socialaccount):
        return reverse("accounts:profile")
