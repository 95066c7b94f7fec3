from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from apps.core.navigation import sitemap_sections


def home(request):
    from apps.core.selectors import home_figures

    return render(request, "core/home.html", {"title": "Accueil", "figures": home_figures(request.user)})


def accessibility(request):
    return render(
        request,
        "core/accessibility.html",
        {"title": "Déclaration d'accessibilité", "breadcrumb": [("Accessibilité", None)]},
    )


def legal_notice(request):
    return render(
        request,
        "core/legal_notice.html",
        {
            "title": "Mentions légales",
            "breadcrumb": [("Mentions légales", None)],
            "hosting": settings.MAILLAGE_HOSTING,
        },
    )


def personal_data(request):
    return render(
        request,
        "core/personal_data.html",
        {"title": "Données personnelles", "breadcrumb": [("Données personnelles", None)]},
    )


def sitemap(request):
    sections = [
        ("Accueil", [("Accueil", reverse("core:home"))]),
        *sitemap_sections(),
        (
            "Mon compte",
            [
                ("Se connecter", reverse("accounts:login")),
                ("Créer un compte", reverse("accounts:signup")),
                ("Mot de passe oublié", reverse("accounts:password_reset")),
                ("Mon compte", reverse("accounts:profile")),
                ("Demander l'adhésion de mon organisation", reverse("directory:join_request")),
            ],
        ),
        (
            "Informations",
            [
                ("Accessibilité", reverse("core:accessibility")),
                ("Mentions légales", reverse("core:legal_notice")),
                ("Données personnelles", reverse("core:personal_data")),
            ],
        ),
    ]
    return render(
        request,
        "core/sitemap.html",
        {"title": "Plan du site", "breadcrumb": [("Plan du site", None)], "sections": sections},
    )


@never_cache
def health(request):
    """Liveness + database check for the reverse proxy / orchestrator."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def csrf_failure(request, reason=""):
    """French page instead of Django's English CSRF failure page (e.g. an expired form)."""
    return render(
        request,
        "403_csrf.html",
        {"title": "Formulaire expiré"},
        status=403,
    )
