"""What a view answers to someone who may not see a thing.

- An anonymous visitor is sent to the login page (with `next`): after logging in, they may well
  be allowed, and "not found" would be a lie to a member who simply forgot to log in.
- A logged-in person who may not see it gets a 404, never a 403: a 403 would confirm that a
  draft, a private group's document or a restricted event exists (issue 11).

Usage in a view, once the object is fetched and the app's perms.py has said yes or no:

    if (denied := access.deny_unless(request, perms.can_view(request.user, experience))) is not None:
        return denied

In an app's perms.py, `access_<thing>(user, id_or_slug)` fetches the thing, asks the app's rule
and raises (`check`): views and services call it rather than repeating fetch-then-check.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from apps.core.discovery import app_modules

NOT_FOUND = "Page introuvable."


def deny(request: HttpRequest, message: str = NOT_FOUND) -> HttpResponse:
    """The answer to someone who may not see the thing: login for anonymous, else 404."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404(message)


def deny_unless(request: HttpRequest, allowed: bool, message: str = NOT_FOUND) -> HttpResponse | None:
    """None when allowed; otherwise the login redirect to return (a 404 is raised)."""
    if allowed:
        return None
    return deny(request, message)


# --------------------------------------------------------------------------- who may read an object
# Each app declares, in its perms.py, who may read the objects other apps hold references to
# (notification targets, …): `READERS = {"questions.Question": can_view, …}`. What is sent later —
# digests, reminders — is checked again at send time with `can_read`: someone who left a group
# since the notification was created gets nothing of it.


@functools.cache
def readers() -> dict[str, Callable[[Any, Any], bool]]:
    found: dict[str, Callable[[Any, Any], bool]] = {}
    for _, module in app_modules("perms"):
        for label, rule in getattr(module, "READERS", {}).items():
            if label in found:
                raise ImproperlyConfigured(f"Two readers declared for {label}")
            found[label] = rule
    return found


def can_read(user: Any, obj: Any) -> bool:
    """Whether `user` may read `obj` now (an object nobody declared a rule for: yes). A target
    that no longer exists (None) is readable by nobody."""
    if obj is None:
        return False
    rule = readers().get(obj._meta.label)
    return True if rule is None else bool(rule(user, obj))


class LoginRequired(Exception):
    """Raised by `ensure` for an anonymous visitor; `apps.core.middleware.AccessDenied` turns it
    into the login page (with `next`)."""


def ensure(request: HttpRequest, allowed: bool, message: str = NOT_FOUND) -> None:
    """`deny_unless` for helpers that return an object, not a response: raises instead."""
    check(request.user, allowed, message)


def check(user: AbstractBaseUser | AnonymousUser | None, allowed: bool, message: str = NOT_FOUND) -> None:
    """`ensure` for the apps' `access_<thing>(user, id)` functions (perms.py), which fetch, check
    and raise: they see a user, not a request."""
    if allowed:
        return
    if user is None or not user.is_authenticated:
        raise LoginRequired
    raise Http404(message)


def login_unless(rule: Callable[[Any], bool]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A view decorator: whoever `rule(user)` refuses (an anonymous visitor, an account not yet a
    member) is sent to the login page with `next`, before the view runs.

        members_only = access.login_unless(is_member)
    """

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not rule(request.user):
                return redirect_to_login(request.get_full_path())
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def permitted[T](request: HttpRequest, thing: T, rule: Callable[[Any, T], bool], refusal: str = "") -> T:
    """`thing`, which the person already sees (fetched by an `access_<thing>`), once `rule(user,
    thing)` lets them act on it; otherwise PermissionDenied with `refusal` — a 403 reveals nothing
    to someone who sees the thing."""
    if not rule(request.user, thing):
        raise PermissionDenied(refusal)
    return thing
