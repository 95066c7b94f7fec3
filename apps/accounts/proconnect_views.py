"""ProConnect login and callback views: allauth's OpenID Connect views with an adapter that reads
ProConnect's signed userinfo (see apps.accounts.proconnect)."""

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404


class ProConnectOAuth2Adapter(OpenIDConnectOAuth2Adapter):
    """allauth's OpenID Connect adapter, plus what ProConnect does: its userinfo endpoint answers
    `application/jwt` (claims signed with the provider's keys), not JSON. The signature, issuer and
    audience are checked against the provider's published keys (jwks_uri)."""

    def _fetch_user_info(self, access_token: str) -> dict:
        with get_adapter().get_requests_session() as session:
            response = session.get(self.profile_url, headers={"Authorization": f"Bearer {access_token}"})
            response.raise_for_status()
        if response.headers.get("Content-Type", "").split(";")[0].strip() == "application/jwt":
            return jwtkit.verify_and_decode(
                credential=response.text.strip(),
                keys_url=self.openid_config["jwks_uri"],
                issuer=self.openid_config["issuer"],
                audience=self.get_provider().app.client_id,
                lookup_kid=jwtkit.lookup_kid_jwk,
            )
        return response.json()


@login_not_required
def login_view(request, provider_id):
    try:
        return OAuth2LoginView.adapter_view(ProConnectOAuth2Adapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


@login_not_required
def callback_view(request, provider_id):
    try:
        return OAuth2CallbackView.adapter_view(ProConnectOAuth2Adapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
