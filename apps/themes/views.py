from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core.forms import pick
from apps.themes import perms, services
from apps.themes.counts import theme_counters
from apps.themes.forms import ThemeForm
from apps.themes.models import Theme


def _require_manager(request):
    if not perms.can_manage_themes(request.user):
        raise PermissionDenied("Seule l'équipe d'animation gère les thématiques.")


@require_GET
def theme_list(request):
    manage = perms.can_manage_themes(request.user)
    themes = Theme.objects.all() if manage else Theme.objects.active()
    themes = list(themes.order_by("position", "name"))
    # One query per column, declared by the apps whose content carries themes (apps.themes.counts).
    columns = [(counter, counter.counts()) for counter in theme_counters()]
    for theme in themes:
        theme.counts = [(counter, counts.get(theme.pk, 0)) for counter, counts in columns]
    context = {
        "title": "Thématiques de la transition",
        "breadcrumb": [("Thématiques", None)],
        "themes": themes,
        "counters": [counter for counter, _counts in columns],
        "manage": manage,
    }
    return render(request, "themes/theme_list.html", context)


def _theme_form(request, form, *, save, success, title, crumb, theme=None):
    """Create or change a theme: `save(fields)` calls the service, `success(saved)` is said."""
    if request.method == "POST" and form.is_valid():
        saved = save(pick(form.cleaned_data, "name", "description", "is_active"))
        messages.success(request, success(saved))
        return redirect("themes:list")
    context = {
        "title": title,
        "breadcrumb": [("Thématiques", reverse("themes:list")), (crumb, None)],
        "form": form,
    }
    if theme is not None:
        context["theme"] = theme
    return render(request, "themes/theme_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def theme_create(request):
    _require_manager(request)
    return _theme_form(
        request,
        ThemeForm(request.POST or None, initial={"is_active": True}),
        save=lambda fields: services.theme_create(**fields),
        success=lambda theme: f"La thématique « {theme.name} » est créée.",
        title="Nouvelle thématique",
        crumb="Nouvelle thématique",
    )


@login_required
@require_http_methods(["GET", "POST"])
def theme_update(request, pk):
    _require_manager(request)
    theme = get_object_or_404(Theme, pk=pk)
    return _theme_form(
        request,
        ThemeForm(request.POST or None, instance=theme),
        save=lambda fields: services.theme_update(theme=theme, **fields),
        success=lambda _: f"La thématique « {theme.name} » est enregistrée.",
        title=f"Modifier la thématique « {theme.name} »",
        crumb=theme.name,
        theme=theme,
    )


@login_required
@require_http_methods(["GET", "POST"])
def theme_delete(request, pk):
    """Deactivation with a confirmation step; the content pointing to the theme keeps it."""
    _require_manager(request)
    theme = get_object_or_404(Theme, pk=pk)
    if request.method == "POST":
        services.theme_deactivate(theme=theme)
        messages.success(request, f"La thématique « {theme.name} » est désactivée.")
        return redirect("themes:list")
    context = {
        "title": f"Désactiver la thématique « {theme.name} »",
        "breadcrumb": [("Thématiques", reverse("themes:list")), (theme.name, None)],
        "theme": theme,
        "organisation_count": theme.organisations.count(),
        "people_count": theme.people.count(),
    }
    return render(request, "themes/theme_confirm_delete.html", context)


@login_required
@require_POST
def theme_move(request, pk):
    _require_manager(request)
    theme = get_object_or_404(Theme, pk=pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.theme_move(theme=theme, offset=offset)
    messages.success(request, f"La thématique « {theme.name} » a été déplacée.")
    return redirect(f"{reverse('themes:list')}#theme-{theme.pk}")
