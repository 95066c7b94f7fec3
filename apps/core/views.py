from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.core import access, files, perms, services
from apps.core.forms import ImageUploadForm
from apps.core.home import render_blocks
from apps.core.markdown import render_markdown
from apps.core.models import EditorImage
from apps.core.navigation import sitemap_sections
from apps.core.network import network_settings
from apps.core.params import object_id

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django.http.response import HttpResponseBase


def home(request: HttpRequest) -> HttpResponse:
    """The blocks registered by the apps (apps.core.home), as the network's animators chose them."""
    network = network_settings(request)
    return render(
        request,
        "core/home.html",
        {"title": "Accueil", "blocks": render_blocks(request, network.home_blocks)},
    )


def about(request: HttpRequest) -> HttpResponse:
    network = network_settings(request)
    if not network.about.strip():
        raise Http404("Pas de page « À propos » pour ce réseau.")
    return render(
        request,
        "core/about.html",
        {"title": f"À propos de {network.name}", "breadcrumb": [("À propos", None)]},
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/accessibility.html",
        {"title": "Déclaration d'accessibilité", "breadcrumb": [("Accessibilité", None)]},
    )


def legal_notice(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/legal_notice.html",
        {
            "title": "Mentions légales",
            "breadcrumb": [("Mentions légales", None)],
            "hosting": settings.MAILLAGE_HOSTING,
        },
    )


def personal_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/personal_data.html",
        {"title": "Données personnelles", "breadcrumb": [("Données personnelles", None)]},
    )


def sitemap(request: HttpRequest) -> HttpResponse:
    sections = [
        ("Accueil", [("Accueil", reverse("core:home"))]),
        *sitemap_sections(),
        (
            "Mon compte",
            [
                ("Se connecter", reverse("accounts:login")),
                ("Créer un compte", reverse("accounts:signup")),
                ("Mot de passe oublié", reverse("accounts:password_reset")),
                ("Mon espace", reverse("portal:my_space")),
                ("Mon compte", reverse("accounts:profile")),
                ("Demander l'adhésion de mon organisation", reverse("directory:join_request")),
            ],
        ),
        (
            "Informations",
            [
                *([("À propos", reverse("core:about"))] if network_settings(request).about.strip() else []),
                ("Accessibilité", reverse("core:accessibility")),
                ("Mentions légales", reverse("core:legal_notice")),
                ("Données personnelles", reverse("core:personal_data")),
                ("Données ouvertes", reverse("opendata:index")),
                ("API (documentation)", reverse("api-v1:openapi-view")),
            ],
        ),
    ]
    return render(
        request,
        "core/sitemap.html",
        {"title": "Plan du site", "breadcrumb": [("Plan du site", None)], "sections": sections},
    )


logger = logging.getLogger("maillage")

# Seconds a client (or the reverse proxy) should wait before trying again while a backing service
# is down: PostgreSQL restarts in about a second, a failover takes longer.
RETRY_AFTER_SECONDS = 30


def is_service_unavailable(exc: BaseException | None) -> bool:
    """An error that says a backing service (database, shared cache) cannot be reached right now,
    as opposed to a bug: the request may succeed as soon as the service answers again."""
    from django.db import InterfaceError, OperationalError

    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a dependency
        redis_errors: tuple = ()
    else:
        redis_errors = (RedisConnectionError, RedisTimeoutError)
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, (OperationalError, InterfaceError, *redis_errors)):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """Readiness probe for the reverse proxy / orchestrator: the database answers a query and,
    when configured, the shared cache answers too. 503 (JSON) otherwise, with Retry-After."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:
        logger.warning("Health check: database unavailable: %s", exc)
        checks["database"] = "indisponible"
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        try:
            cache.set("core:health", 1, 10)
            checks["cache"] = "ok"
        except Exception as exc:
            logger.warning("Health check: cache unavailable: %s", exc)
            checks["cache"] = "indisponible"
    if all(value == "ok" for value in checks.values()):
        return JsonResponse({"status": "ok", **checks})
    response = JsonResponse({"status": "indisponible", **checks}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500. A backing service that is down is not a bug: 503 with Retry-After and a page
    saying so. Rendered without the database or the request context (both may be what failed)."""
    exc = sys.exc_info()[1]
    if isinstance(exc, OverflowError):
        # An integer too large for the database (a 20-digit id typed into a form or URL, e.g. a
        # ModelChoiceField on SQLite): the client's input is wrong, not the server.
        return render(request, "400.html", {"title": "Requête invalide"}, status=400)
    unavailable = is_service_unavailable(exc)
    status = 503 if unavailable else 500
    response: HttpResponse
    if request.path.startswith("/api/"):
        message = "Service momentanément indisponible." if unavailable else "Erreur inattendue."
        response = JsonResponse({"detail": message}, status=status)
    else:
        context = {"network_name": settings.MAILLAGE_NETWORK_NAME}
        template = "503.html" if unavailable else "500.html"
        response = HttpResponse(loader.render_to_string(template, context), status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """French page instead of Django's English CSRF failure page (e.g. an expired form)."""
    return render(
        request,
        "403_csrf.html",
        {"title": "Formulaire expiré"},
        status=403,
    )


def file_download(request: HttpRequest, key: str, pk: int) -> HttpResponseBase:
    """Every user-uploaded file leaves through here, once its app's perms.py (FILES) said yes."""
    spec = files.registry().get(key)
    if spec is None:
        raise Http404("Fichier introuvable.")
    obj = spec.model_class()._default_manager.filter(pk=pk).first()
    if obj is None or not getattr(obj, spec.field):
        return access.deny(request, "Fichier introuvable.")
    allowed = spec.can_read(request.user, obj) or (spec.embedded and files.embedded_allows(request, obj))
    if (denied := access.deny_unless(request, allowed, "Fichier introuvable.")) is not None:
        return denied
    return files.serve(getattr(obj, spec.field), filename=spec.name_of(obj), inline=spec.inline)


# Longer than any text field of the project, short enough to render in a few milliseconds.
MARKDOWN_PREVIEW_MAX = 100_000


@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """The Markdown editor's preview: the same rendering and sanitising as the published page.
    POST with the CSRF token (no write, but no cross-site use either); nothing is stored."""
    text = request.POST.get("text", "")
    if len(text) > MARKDOWN_PREVIEW_MAX:
        return HttpResponse(
            "<p>Texte trop long pour l'aperçu.</p>", status=413, content_type="text/html; charset=utf-8"
        )
    html = render_markdown(text) or "<p>Rien à prévisualiser.</p>"
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def image_upload(request: HttpRequest) -> HttpResponseBase:
    """An image for a Markdown text. The editor's "Image" button posts here and gets JSON (the
    Markdown to insert, or the error); without JavaScript this is a page with the same form,
    which then shows the line to copy into the text. Only the one file policy stores it."""
    if (denied := access.deny_unless(request, perms.can_upload_image(request.user))) is not None:
        return denied
    wants_json = "application/json" in request.headers.get("Accept", "")
    form = ImageUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                image = services.editor_image_create(
                    upload=form.cleaned_data["image"], alt=form.cleaned_data["alt"], by=request.user
                )
            except services.ImageUploadRefused as exc:
                form.add_error("image", str(exc))
            else:
                if wants_json:
                    return JsonResponse(
                        {
                            "markdown": image.markdown,
                            "alt": image.alt,
                            "src": files.embedded_src(image.reference),
                        }
                    )
                return redirect(f"{reverse('core:image_upload')}?image={image.pk}#image-deposee")
        if wants_json:
            return JsonResponse(
                {"error": " ".join(m for errors in form.errors.values() for m in errors)}, status=400
            )
    # deny_unless above let only a logged-in person through: pk is set.
    mine = EditorImage.objects.filter(uploaded_by__pk=request.user.pk or 0).order_by("-created_at")
    uploaded = None
    if (pk := object_id(request.GET.get("image"))) is not None:
        uploaded = mine.filter(pk=pk).first()
    return render(
        request,
        "core/image_upload.html",
        {
            "title": "Déposer une image",
            "breadcrumb": [("Déposer une image", None)],
            "form": form,
            "uploaded": uploaded,
            "recent": [image for image in mine[:10] if image != uploaded],
        },
    )
