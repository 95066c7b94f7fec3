"""Writes of the API app: personal tokens. Keyword-only, typed, named <entity>_<action>."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from apps.api.models import ApiToken, hash_token

if TYPE_CHECKING:
    from apps.accounts.models import User


MAX_ACTIVE_TOKENS = 10


class TokenError(Exception):
    """A business rule refused the action; the message is French and shown to the user."""


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; returns it with its secret value, shown once and never stored."""
    if ApiToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise TokenError(f"Vous avez déjà {MAX_ACTIVE_TOKENS} jetons actifs : révoquez-en un d'abord.")
    raw = ApiToken.generate()
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], key_hash=hash_token(raw), prefix=raw[:10]
    )
    return token, raw


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, raw: str) -> User | None:
    """The active user a token belongs to, or None. Records its last use (at most once a minute)."""
    token = ApiToken.objects.active().select_related("user").filter(key_hash=hash_token(raw)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    user: User = token.user
    return user
