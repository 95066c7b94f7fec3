"""The coordinator's cockpit: figures, the moderation queue, the network's settings. Thin views:
figures in figures.py, the queue in queue.py over the domain apps' providers, writes in services."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST

from apps.cockpit import perms
from apps.cockpit.charts import bar_chart
from apps.cockpit.figures import FIGURE_LISTS, cached_dashboard, dashboard
from apps.cockpit.forms import (
    BulkActionForm,
    NetworkSettingsForm,
    PeriodForm,
    ReasonForm,
    period_form,
    preset_links,
)
from apps.cockpit.queue import bulk_perform, counts, pending_objects, visible_providers
from apps.core import moderation
from apps.core.forms import pick
from apps.core.models import NetworkSettings
from apps.core.network import logo_url
from apps.core.services import NETWORK_FIELDS, network_settings_initial, network_settings_update

CRUMB = ("Animation", "/animation/")
ITEMS_PER_PAGE = 25
OVERVIEW_ITEMS = 5
ROWS_PER_PAGE = 50


def _gate(request, check):
    """None when `check` passes; a login redirect for visitors; 403 for members."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not check(request.user):
        raise PermissionDenied("Page réservée à l'équipe d'animation du réseau.")
    return None


# --------------------------------------------------------------------------- figures


def index(request):
    if (refused := _gate(request, perms.can_view_cockpit)) is not None:
        return refused
    form, period = period_form(request.GET)
    board, computed_at = cached_dashboard(period, refresh=request.GET.get("actualiser") == "1")
    charts = [
        (series, bar_chart(series.points), f"chart-{index}") for index, series in enumerate(board.series, 1)
    ]
    return render(
        request,
        "cockpit/index.html",
        {
            "title": "Animation du réseau",
            "breadcrumb": [("Animation", None)],
            "form": form,
            "period": period,
            "presets": [(label, urlencode(p.query)) for label, p in preset_links()],
            "board": board,
            "charts": charts,
            "queue": counts(request.user),
            "period_query": urlencode(period.query),
            "computed_at": computed_at,
        },
    )


def _figure_list(key):
    figure = FIGURE_LISTS.get(key)
    if figure is None:
        raise Http404("Ce chiffre n'existe pas.")
    return figure


def _cells(figure, row):
    cells = []
    for column in figure.columns:
        value = column.value(row)
        cells.append((value, column.link(row) if column.link else None))
    return cells


def figure(request, key):
    if (refused := _gate(request, perms.can_view_cockpit)) is not None:
        return refused
    figure_list = _figure_list(key)
    form, period = period_form(request.GET)
    rows = figure_list.rows(period)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "cockpit/figure.html",
        {
            "title": figure_list.title,
            "breadcrumb": [
                CRUMB,
                ("Chiffres", f"/animation/?{urlencode(period.query)}"),
                (figure_list.title, None),
            ],
            "figure": figure_list,
            "form": form,
            "period": period,
            "page_obj": page,
            "rows": [_cells(figure_list, row) for row in page.object_list],
            "csv_url": f"{reverse('cockpit:figure_csv', kwargs={'key': key})}?{urlencode(period.query)}",
        },
    )


def _filename(stem, period):
    return f"{stem}-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.csv"


def figure_csv(request, key):
    if (refused := _gate(request, perms.can_export_figures)) is not None:
        return refused
    from apps.core.tabular import csv_response

    figure_list = _figure_list(key)
    period = PeriodForm(request.GET or None).period()

    def rows():
        yield [column.header for column in figure_list.columns]
        for row in figure_list.rows(period):
            yield [value for value, _ in _cells(figure_list, row)]

    return csv_response(rows(), filename=_filename(key, period), streaming=True)


def export_csv(request):
    """Every figure of the dashboard for the period, then the contributions by month and kind."""
    if (refused := _gate(request, perms.can_export_figures)) is not None:
        return refused
    from apps.core.tabular import csv_response

    period = PeriodForm(request.GET or None).period()
    board = dashboard(period)
    rows = [["Rubrique", "Indicateur", "Valeur", "Précision", "Du", "Au"]]
    for section, item in board.all_figures():
        rows.append([section, item.label, item.value, item.note, period.start, period.end])
    rows.append([])
    rows.append(["Mois", *[kind.label for kind in board.contribution_kinds], "Total"])
    for month, values, total in board.contribution_table:
        rows.append([f"{month:%Y-%m}", *values, total])
    for series in board.series[:2]:
        rows.append([])
        rows.append(["Mois", series.title])
        rows.extend([f"{month:%Y-%m}", value] for month, value in series.points)
    return csv_response(rows, filename=_filename("chiffres-du-reseau", period))


# --------------------------------------------------------------------------- moderation queue


def moderation_queue(request):
    if (refused := _gate(request, perms.can_view_moderation_queue)) is not None:
        return refused
    providers = visible_providers(request.user)
    kind = request.GET.get("type", "")
    summary = [(provider, provider.count(request.user)) for provider in providers]
    context = {
        "title": "Modération",
        "breadcrumb": [CRUMB, ("Modération", None)],
        "summary": summary,
        "total": sum(count for _, count in summary),
        "kind": kind,
    }
    if kind:
        provider = next((p for p in providers if p.key == kind), None)
        if provider is None:
            raise Http404("Cette file n'existe pas.")
        page = Paginator(provider.queryset(request.user), ITEMS_PER_PAGE).get_page(request.GET.get("page"))
        context["sections"] = [
            (
                provider,
                dict(summary)[provider],
                [provider.item(obj, request.user) for obj in page.object_list],
            )
        ]
        context["page_obj"] = page
        context["title"] = f"Modération — {provider.label}"
        context["breadcrumb"] = [CRUMB, ("Modération", reverse("cockpit:moderation")), (provider.label, None)]
    else:
        context["sections"] = [
            (
                provider,
                count,
                [
                    provider.item(obj, request.user)
                    for obj in provider.queryset(request.user)[:OVERVIEW_ITEMS]
                ],
            )
            for provider, count in summary
            if count
        ]
    return render(request, "cockpit/moderation.html", context)


@require_POST
def moderation_action(request):
    """Step 1 (from the queue): confirm what will happen to which items. Step 2 (confirm=1): do it."""
    if (refused := _gate(request, perms.can_view_moderation_queue)) is not None:
        return refused
    data = request.POST.copy()
    if single := data.get("single", ""):
        # A button on one item: "action:pk", whatever else is checked.
        action_key, _, pk = single.partition(":")
        data["action"] = action_key
        data.setlist("ids", [pk])
    form = BulkActionForm(data)
    back = reverse("cockpit:moderation")
    if not form.is_valid():
        messages.error(
            request, " ".join(form.errors.get("ids", [])) or "Choisissez une action et des éléments."
        )
        kind = request.POST.get("type", "")
        return redirect(f"{back}?{urlencode({'type': kind})}" if kind else back)
    provider = moderation.provider(form.cleaned_data["type"])
    if provider is None or not provider.can_view(request.user):
        raise Http404("Cette file n'existe pas.")
    action = provider.action(form.cleaned_data["action"])
    if action is None:
        messages.error(request, "Cette action n'existe pas pour ce type d'élément.")
        return redirect(f"{back}?{urlencode({'type': provider.key})}")
    ids = form.cleaned_data["ids"]
    back_to_kind = f"{back}?{urlencode({'type': provider.key})}"
    objects = pending_objects(provider, request.user, ids)
    items = [provider.item(obj, request.user) for obj in objects]
    allowed = [item for item in items if action.key in item.actions]
    reason_form = ReasonForm(request.POST if request.POST.get("confirm") == "1" else None, action=action)
    if request.POST.get("confirm") == "1" and reason_form.is_valid():
        result = bulk_perform(
            provider=provider,
            action=action.key,
            ids=[item.pk for item in allowed],
            by=request.user,
            reason=reason_form.cleaned_data["reason"],
        )
        if result.done:
            messages.success(request, f"{len(result.done)} élément(s) {action.done or 'traité(s)'}.")
        for refusal in result.refused:
            messages.error(request, refusal)
        skipped = result.gone + len(items) - len(allowed)
        if skipped:
            messages.info(
                request, f"{skipped} élément(s) déjà traité(s) ou non concerné(s) par cette action."
            )
        return redirect(back_to_kind)
    if not allowed:
        messages.info(request, "Ces éléments ont déjà été traités ou ne sont pas concernés par cette action.")
        return redirect(back_to_kind)
    return render(
        request,
        "cockpit/moderation_confirm.html",
        {
            "title": f"{action.label} — confirmation",
            "breadcrumb": [
                CRUMB,
                ("Modération", back),
                (provider.label, back_to_kind),
                ("Confirmation", None),
            ],
            "provider": provider,
            "action": action,
            "items": allowed,
            "skipped": len(set(ids)) - len(allowed),
            "reason_form": reason_form,
            "back": back_to_kind,
        },
    )


# --------------------------------------------------------------------------- settings


@require_http_methods(["GET", "POST"])
def network_settings(request):
    if (refused := _gate(request, perms.can_edit_network_settings)) is not None:
        return refused
    initial = network_settings_initial()
    form = NetworkSettingsForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        network_settings_update(
            by=request.user,
            **pick(data, *(name for name in NETWORK_FIELDS if name != "home_blocks")),
            home_blocks=form.cleaned_home_blocks(),
            logo=data.get("logo") or None,
            remove_logo=data.get("remove_logo", False),
        )
        messages.success(
            request, "Les réglages du réseau sont enregistrés ; ils s'appliquent à tout le site."
        )
        return redirect("cockpit:settings")
    return render(
        request,
        "cockpit/settings.html",
        {
            "title": "Réglages du réseau",
            "breadcrumb": [CRUMB, ("Réglages du réseau", None)],
            "form": form,
            "logo_url": network_settings_logo_url(),
        },
    )


def network_settings_logo_url() -> str:
    return logo_url(NetworkSettings.objects.filter(pk=1).first())
