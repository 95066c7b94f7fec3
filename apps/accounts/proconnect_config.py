"""ProConnect settings for allauth, importable from the settings module (no Django import)."""

PROVIDER_ID = "proconnect"


def providers_setting(*, issuer: str, client_id: str, secret: str) -> dict:
    """SOCIALACCOUNT_PROVIDERS for allauth's openid_connect provider (empty when not configured)."""
    if not (issuer and client_id and secret):
        return {}
    return {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": PROVIDER_ID,
                    "name": "ProConnect",
                    "client_id": client_id,
                    "secret": secret,
                    "settings": {
                        "server_url": issuer,
                        "token_auth_method": "client_secret_post",
                        "fetch_userinfo": True,
                    },
                }
            ],
            "SCOPE": ["openid", "email", "given_name", "usual_name", "siret"],
        }
    }
