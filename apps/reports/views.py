from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from apps.cockpit.figures import duration_label
from apps.core import files
from apps.core.access import deny_unless, ensure
from apps.core.charts import horizontal_bars
from apps.core.confirm import confirm_action
from apps.evaluations.charts import charts as evaluation_charts
from apps.evaluations.charts import group_tables
from apps.reports import perms, selectors, services
from apps.reports.figures import previous_period
from apps.reports.forms import ReportCreateForm, ReportTextsForm
from apps.reports.maps import growth_maps
from apps.reports.models import AnnualReport, ReportFile

INDEX = ("Bilans d'activité", "/bilans/")


@login_required
def index(request):
    if refused := deny_unless(request, perms.can_view_reports(request.user)):
        return refused
    form = ReportCreateForm(request.POST or None)
    if request.method == "POST":
        if refused := deny_unless(request, perms.can_manage_reports(request.user)):
            return refused
        if form.is_valid():
            report = services.report_create(
                user=request.user, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
            )
            return redirect(report)
    return render(
        request,
        "reports/index.html",
        {
            "title": "Bilans d'activité",
            "breadcrumb": [(INDEX[0], None)],
            "reports": AnnualReport.objects.all(),
            "form": form,
        },
    )


def _report(request, pk, rule) -> AnnualReport:
    """The report `pk`, for whom `rule(user)` allows (404 otherwise, as for a report that does not
    exist)."""
    report = get_object_or_404(AnnualReport, pk=pk)
    ensure(request, rule(request.user))
    return report


# The report's bar charts: (key, title, unit, chart id), their rows given by `_charts`.
CHARTS = (
    ("kinds", "Événements par type", "événements", "chart-kinds"),
    ("present_category", "Personnes venues, par catégorie", "personnes", "chart-present-category"),
    (
        "present_region",
        "Personnes venues, par région de leur organisation",
        "personnes",
        "chart-present-region",
    ),
    ("organisations_type", "Nouvelles organisations membres, par type", "organisations", "chart-org-type"),
    (
        "organisations_region",
        "Nouvelles organisations membres, par région",
        "organisations",
        "chart-org-region",
    ),
)


def _charts(figures):
    activity, growth = figures.activity, figures.growth
    rows = {
        "kinds": [(row.label, row.events) for row in activity.by_kind],
        "present_category": activity.present_by_category,
        "present_region": activity.present_by_region,
        "organisations_type": growth.organisations_by_type,
        "organisations_region": growth.organisations_by_region,
    }
    return {
        key: horizontal_bars(rows[key], title=title, unit=unit, chart_id=chart_id)
        for key, title, unit, chart_id in CHARTS
    }


def report_context(report: AnnualReport) -> dict:
    content = selectors.content(report)
    evaluations = [
        {
            "results": results,
            "charts": evaluation_charts(results, prefix=f"s{index}-"),
            "group_tables": group_tables(results),
            "prefix": f"s{index}-",
        }
        for index, results in enumerate(content.evaluations)
    ]
    return {
        "report": report,
        "content": content,
        "figures": content.figures,
        "activity": content.figures.activity,
        "growth": content.figures.growth,
        "previous_period": previous_period(content.figures.period),
        "charts": _charts(content.figures),
        "maps": [
            # The SVG is built with escape() around every text (apps/reports/maps.py).
            {"map": item, "svg": mark_safe(item.svg())}
            for item in growth_maps(content.figures.growth)
        ],
        "evaluations": evaluations,
        "median_answer": duration_label(content.figures.activity.median_answer),
        "documents": _documents(report, content),
    }


def _documents(report: AnnualReport, content) -> list[dict]:
    current = selectors.fingerprint(report, content)
    return [
        {"file": item, "outdated": item.fingerprint != current}
        for item in ReportFile.objects.filter(report=report).order_by("format")
    ]


@login_required
def detail(request, pk):
    report = _report(request, pk, perms.can_view_reports)
    return render(
        request,
        "reports/detail.html",
        {
            "title": report.title,
            "breadcrumb": [INDEX, (report.title, None)],
            "can_manage": perms.can_manage_reports(request.user),
            **report_context(report),
        },
    )


@login_required
def texts(request, pk):
    report = _report(request, pk, perms.can_manage_reports)
    initial = {key: getattr(report, key) for key in services.TEXT_FIELDS}
    form = ReportTextsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.report_texts_update(report=report, user=request.user, texts=form.cleaned_data)
        messages.success(request, "Les textes du bilan sont enregistrés.")
        return redirect(report)
    return render(
        request,
        "reports/texts.html",
        {
            "title": f"Textes du bilan — {report.title}",
            "breadcrumb": [INDEX, (report.title, report.get_absolute_url()), ("Textes", None)],
            "report": report,
            "form": form,
        },
    )


@login_required
@require_POST
def refresh(request, pk):
    report = _report(request, pk, perms.can_manage_reports)
    services.report_figures_refresh(report=report)
    messages.success(request, "Les chiffres sont recalculés à partir des données d'aujourd'hui.")
    return redirect(report)


@login_required
@require_POST
def documents(request, pk):
    report = _report(request, pk, perms.can_manage_reports)
    services.report_documents_request(report=report)
    messages.success(
        request,
        "Les fichiers PDF, ODT et DOCX sont en préparation : ils apparaîtront sur cette page dans quelques instants.",
    )
    return redirect(f"{report.get_absolute_url()}#documents")


@login_required
def document_file(request, pk, fmt):
    report = _report(request, pk, perms.can_view_reports)
    item = get_object_or_404(ReportFile, report=report, format=fmt)
    slug = f"bilan-{report.start:%Y%m%d}-{report.end:%Y%m%d}"
    return files.serve(item.file, filename=f"{slug}.{fmt}", inline=fmt == "pdf", generated=True)


@login_required
def delete(request, pk):
    report = _report(request, pk, perms.can_manage_reports)
    return confirm_action(
        request,
        title=f"Supprimer « {report.title} »",
        breadcrumb=[INDEX, (report.title, report.get_absolute_url()), ("Supprimer", None)],
        message="Les textes du bilan seront définitivement supprimés (les données du réseau ne changent pas).",
        button="Supprimer le bilan",
        cancel_url=report.get_absolute_url(),
        action=lambda: services.report_delete(report=report),
        success="Le bilan est supprimé.",
        done_url=reverse("reports:index"),
        checkbox=True,
    )
