from __future__ import annotations

from typing import TYPE_CHECKING

from django.middleware.csp import get_nonce

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest, HttpResponse, QueryDict


def csp_nonce_for_dsfr(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """django-dsfr's templates read `request.csp_nonce` (a django-csp convention);
    expose Django's built-in CSP nonce under that name."""

    def middleware(request: HttpRequest) -> HttpResponse:
        # A plain string (not Django's lazy nonce): django-dsfr tests it with `{% if %}`,
        # and once evaluated the middleware adds it to the header.
        nonce = get_nonce(request)
        request.csp_nonce = str(nonce) if nonce is not None else None  # type: ignore[attr-defined]  # django-dsfr's name
        return get_response(request)

    return middleware


def reject_nul_bytes(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """A NUL byte has no business in a URL or a form field, and PostgreSQL refuses it in text
    ("A string literal cannot contain NUL"): answer 400 at the door instead of a 500 deep in a
    query, whichever view and field it targets."""
    from django.shortcuts import render

    def has_nul(data: QueryDict) -> bool:
        return any("\x00" in key or any("\x00" in value for value in values) for key, values in data.lists())

    def middleware(request: HttpRequest) -> HttpResponse:
        if (
            "\x00" in request.path
            or has_nul(request.GET)
            or (request.method == "POST" and has_nul(request.POST))
        ):
            return render(request, "400.html", {"title": "Requête invalide"}, status=400)
        return get_response(request)

    return middleware


# Browser features no page of Maillage uses: a script injected one day still cannot reach them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


def security_headers(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """`Permissions-Policy` on every response; `Cache-Control: private` on every response to a
    signed-in person, so that no shared cache (proxy, CDN) keeps one person's page for another.
    A view that already forbids storing (`no-store`) keeps it; `public` is never left in place."""
    from django.utils.cache import patch_cache_control

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # patch_cache_control drops "public" when it adds "private".
            patch_cache_control(response, private=True)
        return response

    return middleware


class AccessDenied:
    """Turns `apps.core.access.LoginRequired` (raised by `access.ensure` deep in a view's helper)
    into the login page, as `access.deny` does for a view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.contrib.auth.views import redirect_to_login

        from apps.core.access import LoginRequired

        if isinstance(exception, LoginRequired):
            return redirect_to_login(request.get_full_path())
        return None
