"""ProConnect login end to end against a real local OpenID provider (oidc-provider-mock, a
maintained PyPI library) started by the test: discovery, authorisation, code exchange, userinfo
through allauth's openid_connect provider — nothing of allauth is mocked."""

from urllib.parse import urlsplit

import pytest
import requests
from django.urls import reverse
from oidc_provider_mock import run_server_in_thread

from apps.accounts.models import User
from apps.accounts.proconnect_config import providers_setting
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PORT = 8421


@pytest.fixture(scope="module")
def provider():
    with run_server_in_thread(port=PORT) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def proconnect(settings, provider):
    settings.MAILLAGE_PROCONNECT_ISSUER = provider
    settings.MAILLAGE_PROCONNECT_CLIENT_ID = "maillage"
    settings.MAILLAGE_PROCONNECT_SECRET = "secret-de-test"
    settings.SOCIALACCOUNT_PROVIDERS = providers_setting(
        issuer=provider, client_id="maillage", secret="secret-de-test"
    )
    return provider


def _login_through_provider(client, provider, *, sub, claims):
    requests.put(f"{provider}/users/{sub}", json=claims, timeout=10).raise_for_status()
    page = client.get(reverse("accounts:login")).content.decode()
    assert "S'identifier avec ProConnect" in page
    start = client.post(
        reverse("openid_connect_login", kwargs={"provider_id": "proconnect"}), {"process": "login"}
    )
    assert start.status_code == 302 and start.url.startswith(f"{provider}/oauth2/authorize")
    # The agent authenticates at the provider (its form), which sends them back with a code.
    answer = requests.post(start.url, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    callback = urlsplit(answer.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


def test_login_page_has_no_proconnect_button_unless_configured(client):
    assert "ProConnect" not in client.get(reverse("accounts:login")).content.decode()


def test_first_proconnect_login_creates_an_account_and_leads_to_joining_an_organisation(client, proconnect):
    response = _login_through_provider(
        client,
        proconnect,
        sub="agent-1",
        claims={"email": "Agent.Un@herault.gouv.fr", "email_verified": True, "usual_name": "Lovelace"},
    )
    assert response.status_code == 302 and response.url == reverse("portal:find_organisation")
    user = User.objects.get(email="agent.un@herault.gouv.fr")
    assert user.email_verified_at is not None and not user.has_usable_password()
    assert user.last_name == "Lovelace"
    assert user.person.directory_consent is False
    assert client.get(reverse("accounts:profile")).status_code == 200
    # Next time: the same account, straight to the member's space.
    client.logout()
    again = _login_through_provider(
        client, proconnect, sub="agent-1", claims={"email": "agent.un@herault.gouv.fr"}
    )
    assert again.status_code == 302 and again.url == reverse("portal:my_space")
    assert User.objects.filter(email="agent.un@herault.gouv.fr").count() == 1


def test_existing_account_is_linked_by_verified_address(client, proconnect):
    member = UserFactory(email="chargee@ville.fr")
    member.set_password("un-mot-de-passe-solide")
    member.save()
    response = _login_through_provider(
        client, proconnect, sub="agent-2", claims={"email": "chargee@ville.fr", "email_verified": True}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == member.pk
    member.refresh_from_db()
    assert member.has_usable_password()  # a verified account keeps its password login
    assert member.socialaccount_set.get().uid == "agent-2"


def test_unverified_local_account_loses_its_password_when_linked(client, proconnect):
    squatter = UserFactory(email="maire@commune.fr", email_verified_at=None, is_active=False)
    squatter.set_password("mot-de-passe-de-l-usurpateur")
    squatter.save()
    _login_through_provider(
        client, proconnect, sub="agent-3", claims={"email": "maire@commune.fr", "email_verified": True}
    )
    squatter.refresh_from_db()
    assert int(client.session["_auth_user_id"]) == squatter.pk
    assert not squatter.has_usable_password() and squatter.email_verified_at is not None


def test_an_unverified_address_from_the_provider_creates_nothing(client, proconnect):
    response = _login_through_provider(
        client, proconnect, sub="agent-4", claims={"email": "x@y.fr", "email_verified": False}
    )
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email="x@y.fr").exists()
    assert response.status_code in (200, 302)


def test_signed_userinfo_as_proconnect_sends_it_is_verified(settings, rf):
    """ProConnect answers userinfo as `application/jwt`: a real local HTTP server publishes the
    discovery document, the keys and a signed userinfo; the adapter checks signature, issuer and
    audience, and refuses a token signed with another key."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    import jwt
    from allauth.socialaccount.providers.oauth2.client import OAuth2Error
    from cryptography.hazmat.primitives.asymmetric import rsa

    from apps.accounts.proconnect_views import ProConnectOAuth2Adapter

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    issuer = f"http://127.0.0.1:{PORT + 1}"
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": "cle-1", "alg": "RS256", "use": "sig"})
    claims = {
        "iss": issuer,
        "aud": "maillage",
        "sub": "agent-jwt",
        "email": "agent@prefecture.gouv.fr",
        "usual_name": "Curie",
    }
    state = {"signing_key": key}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.endswith("/.well-known/openid-configuration"):
                body, kind = (
                    json.dumps(
                        {
                            "issuer": issuer,
                            "jwks_uri": f"{issuer}/jwks",
                            "userinfo_endpoint": f"{issuer}/userinfo",
                            "authorization_endpoint": f"{issuer}/authorize",
                            "token_endpoint": f"{issuer}/token",
                        }
                    ),
                    "application/json",
                )
            elif self.path == "/jwks":
                body, kind = json.dumps({"keys": [jwk]}), "application/json"
            else:
                body = jwt.encode(claims, state["signing_key"], algorithm="RS256", headers={"kid": "cle-1"})
                kind = "application/jwt"
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", PORT + 1), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings.SOCIALACCOUNT_PROVIDERS = providers_setting(
            issuer=f"{issuer}/.well-known/openid-configuration", client_id="maillage", secret="s"
        )
        adapter = ProConnectOAuth2Adapter(rf.get("/"), "proconnect")
        userinfo = adapter._fetch_user_info("jeton-d-acces")
        assert userinfo["email"] == "agent@prefecture.gouv.fr" and userinfo["usual_name"] == "Curie"
        state["signing_key"] = other_key
        with pytest.raises(OAuth2Error):
            ProConnectOAuth2Adapter(rf.get("/"), "proconnect")._fetch_user_info("jeton-d-acces")
    finally:
        server.shutdown()
        server.server_close()
