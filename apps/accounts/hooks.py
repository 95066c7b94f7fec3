"""What the apps above accounts add to an account, without signals and without accounts importing
them (docs/architecture.md, « Sens des dépendances »).

`accounts` is the lowest domain layer. The directory, above it, records who is référent·e of an
organisation (on its memberships) and gives each verified account its directory card; it registers
both from its `AppConfig.ready()`:

    # apps/directory/apps.py
    def ready(self):
        from apps.accounts.hooks import register_account_activated, register_referent_lookup
        from apps.directory import selectors, services

        register_referent_lookup(selectors.referent_of)
        register_account_activated(services.person_attach_account)

With nothing registered (an install without the directory), nobody is référent·e and activating an
account does nothing more than open it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from apps.accounts.models import User

# Called as lookup(user_id=…, organisation_id=…): is this account référent·e of that organisation
# (of any organisation when organisation_id is None)?
ReferentLookup = Callable[..., bool]
# Called as hook(user=…) inside the activation's transaction, once the address is verified.
AccountActivatedHook = Callable[..., Any]

_REFERENT_LOOKUPS: list[ReferentLookup] = []
_ACCOUNT_ACTIVATED: list[AccountActivatedHook] = []


def register_referent_lookup(lookup: ReferentLookup) -> ReferentLookup:
    """Registering twice (a second `ready()` in tests) keeps one entry."""
    if lookup not in _REFERENT_LOOKUPS:
        _REFERENT_LOOKUPS.append(lookup)
    return lookup


def referent_lookup(*, user_id: int, organisation_id: int | None) -> bool:
    return any(lookup(user_id=user_id, organisation_id=organisation_id) for lookup in _REFERENT_LOOKUPS)


def register_account_activated(hook: AccountActivatedHook) -> AccountActivatedHook:
    if hook not in _ACCOUNT_ACTIVATED:
        _ACCOUNT_ACTIVATED.append(hook)
    return hook


def unregister_account_activated(hook: AccountActivatedHook) -> None:
    if hook in _ACCOUNT_ACTIVATED:
        _ACCOUNT_ACTIVATED.remove(hook)


def account_activated_run(*, user: User) -> None:
    """Run every registered hook, in registration order (INSTALLED_APPS order)."""
    for hook in _ACCOUNT_ACTIVATED:
        hook(user=user)
