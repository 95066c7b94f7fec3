"""Import (animators) and export pages of the directory. Logic lives in importers.py / exporters.py.

Import flow, without any model: the upload is saved under a random name in a private directory
(never served), and the preview / confirm / report URLs carry a signed token naming that file and
the animator who uploaded it. The preview re-reads the file; confirming hands it to the background
task `directory_import_run`, which re-validates it against the current database, writes it in one
transaction and leaves a report that the report page shows (and polls with htmx while it runs).
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from dsfr.forms import DsfrBaseForm

from apps.accounts.perms import is_animator
from apps.core import tabular
from apps.core.tabular import TabularError
from apps.core.widgets import UploadInput
from apps.directory import exporters
from apps.directory.importers import (
    COLUMNS,
    LIMITS,
    UPLOAD_MAX_AGE,
    ImportKind,
    LineStatus,
    directory_import_preview,
    directory_import_run,
    import_file,
    purge_old_import_files,
    read_import_report,
)

TOKEN_SALT = "directory.import"
TOKEN_MAX_AGE = UPLOAD_MAX_AGE
LINES_PER_PAGE = 50
STATUS_FILTERS = [
    ("", "Toutes les lignes"),
    (LineStatus.ERROR, "En erreur"),
    (LineStatus.CREATE, "À créer"),
    (LineStatus.UPDATE, "À mettre à jour"),
    (LineStatus.UNCHANGED, "Sans changement"),
]


def animator_required(view):
    """Anonymous visitors go to the login page; logged-in non-animators get a 403."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_animator(request.user):
            raise PermissionDenied("Réservé à l'équipe d'animation du réseau.")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


class DirectoryImportForm(DsfrBaseForm):
    kind = forms.ChoiceField(
        label="Ce fichier contient",
        choices=ImportKind.choices,
        initial=ImportKind.ORGANISATIONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Indiquez si le fichier contient des organisations ou des personnes."},
    )
    file = forms.FileField(
        label="Fichier à importer",
        help_text=(
            "Formats acceptés : CSV (séparateur « ; » ou « , », encodage UTF-8 ou Windows-1252) ou Excel .xlsx. "
            f"Taille maximale : {LIMITS.max_bytes_label} et {LIMITS.max_rows_label} lignes."
        ),
        widget=UploadInput(attrs={"accept": ".csv,.txt,.xlsx"}),
        error_messages={
            "required": "Choisissez un fichier à importer.",
            "empty": "Le fichier est vide.",
            "invalid": "Le fichier envoyé est illisible : recommencez.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.group_class = "fr-upload-group"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > LIMITS.max_bytes:
            raise forms.ValidationError(tabular.too_large_message(upload.size, LIMITS))
        return upload


def _column_docs():
    return [(ImportKind(kind).label, kind, columns) for kind, columns in COLUMNS.items()]


@animator_required
@require_http_methods(["GET", "POST"])
def directory_import(request):
    """Upload form. A file-level problem is reported on the form; otherwise go to the preview."""
    form = DirectoryImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(LIMITS.max_bytes + 1)
        kind = form.cleaned_data["kind"]
        try:
            directory_import_preview(data=data, filename=upload.name, kind=kind)
        except TabularError as exc:
            form.add_error("file", str(exc))
        else:
            purge_old_import_files()
            file_id = uuid.uuid4().hex
            import_file(file_id, "upload").write_bytes(data)
            token = signing.dumps(
                {"f": file_id, "u": request.user.pk, "k": kind, "n": upload.name[:200]}, salt=TOKEN_SALT
            )
            return redirect("directory:import_preview", token=token)
    context = {
        "title": "Importer des organisations ou des personnes",
        "breadcrumb": [("Annuaire", reverse("directory:organisation_list")), ("Import", None)],
        "form": form,
        "column_docs": _column_docs(),
        "max_rows": LIMITS.max_rows_label,
        "max_size": LIMITS.max_bytes_label,
    }
    return render(request, "directory/import/import.html", context, status=400 if form.errors else 200)


def _token_payload(request, token: str) -> dict:
    """The signed token's payload, or 404 (expired, forged, or someone else's)."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature as exc:
        raise Http404("Cet import a expiré ou n'existe pas.") from exc
    if payload.get("u") != request.user.pk or payload.get("k") not in ImportKind.values:
        raise Http404("Cet import n'existe pas.")
    try:
        import_file(payload.get("f"), "upload")
    except ValueError as exc:
        raise Http404("Cet import n'existe pas.") from exc
    return payload


def _load_upload(request, token: str) -> tuple[dict, bytes]:
    """The payload and the uploaded bytes, or 404 (also once the file has been imported)."""
    payload = _token_payload(request, token)
    path = import_file(payload["f"], "upload")
    if not path.is_file():
        raise Http404("Cet aperçu a expiré ou a déjà été importé.")
    return payload, path.read_bytes()


def _paginate(request, items: list):
    paginator = Paginator(items, LINES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return page


def _expired(request):
    messages.warning(request, "Cet aperçu a expiré ou a déjà été importé : envoyez à nouveau le fichier.")
    return redirect("directory:import")


@animator_required
@require_GET
def directory_import_preview_view(request, token):
    try:
        payload, data = _load_upload(request, token)
    except Http404:
        return _expired(request)
    try:
        preview = directory_import_preview(data=data, filename=payload["n"], kind=payload["k"])
    except TabularError as exc:
        # The data may have changed between upload and now (a theme or territory deleted…).
        messages.error(request, str(exc))
        return redirect("directory:import")
    status = request.GET.get("statut", "")
    if status not in LineStatus.values:
        status = ""
    lines = [line for line in preview.lines if line.status == status] if status else preview.lines
    page = _paginate(request, lines)
    counts = preview.counts
    context = {
        "title": "Aperçu de l'import",
        "breadcrumb": [
            ("Annuaire", reverse("directory:organisation_list")),
            ("Import", reverse("directory:import")),
            ("Aperçu", None),
        ],
        "preview": preview,
        "counts": counts,
        "page_obj": page,
        "status": status,
        "status_filters": [
            (value, label, counts.get(value, len(preview.lines))) for value, label in STATUS_FILTERS
        ],
        "token": token,
    }
    return render(request, "directory/import/preview.html", context)


@animator_required
@require_POST
def directory_import_confirm(request, token):
    try:
        payload = _token_payload(request, token)
    except Http404:
        return _expired(request)
    upload = import_file(payload["f"], "upload")
    processing = import_file(payload["f"], "processing")
    try:
        # Renaming is atomic: a second click (or a second tab) finds nothing left to enqueue.
        upload.rename(processing)
    except FileNotFoundError:
        return _expired(request)
    directory_import_run.enqueue(
        file_id=payload["f"], kind=payload["k"], filename=payload["n"], user_id=request.user.pk
    )
    return redirect("directory:import_report", token=token)


@animator_required
@require_GET
def directory_import_report(request, token):
    try:
        payload = _token_payload(request, token)
    except Http404:
        return _expired(request)
    report = read_import_report(payload["f"])
    running = report is None and import_file(payload["f"], "processing").is_file()
    if report is None and not running:
        return _expired(request)
    context = {
        "title": "Import en cours" if running else "Rapport d'import",
        "breadcrumb": [
            ("Annuaire", reverse("directory:organisation_list")),
            ("Import", reverse("directory:import")),
            ("Rapport", None),
        ],
        "report": report,
        "skipped_page": _paginate(request, report.get("skipped", []) if report else []),
        "running": running,
        "filename": payload["n"],
        "kind_label": ImportKind(payload["k"]).label,
    }
    return render(request, "directory/import/report.html", context)


# The template's URL and file name stay French (modele-import-personnes.csv): people read them.
TEMPLATE_URL_SEGMENTS = {"organisations": ImportKind.ORGANISATIONS, "personnes": ImportKind.PEOPLE}


@animator_required
@require_GET
def directory_import_template(request, kind, fmt):
    import_kind = TEMPLATE_URL_SEGMENTS.get(kind)
    if import_kind is None or fmt not in ("csv", "xlsx"):
        raise Http404("Modèle inconnu.")
    filename = f"modele-import-{kind}.{fmt}"
    rows = exporters.import_template_rows(import_kind)
    if fmt == "csv":
        return tabular.csv_response(rows, filename=filename)
    return tabular.xlsx_response(
        rows, filename=filename, title=import_kind.label, help_rows=exporters.import_help_rows(import_kind)
    )


# --------------------------------------------------------------------------- exports


def _organisation_filters(request) -> dict:
    from apps.directory.forms import OrganisationFilterForm

    return OrganisationFilterForm(request.GET).filters()


def _person_filters(request) -> dict:
    from apps.directory.forms import PersonFilterForm

    return PersonFilterForm(request.GET).filters()


def _export_response(rows, *, fmt: str, basename: str, title: str):
    stamp = timezone.localdate().isoformat()
    filename = f"{basename}-{stamp}.{fmt}"
    if fmt == "csv":
        return tabular.csv_response(rows, filename=filename, streaming=True)
    return tabular.xlsx_response(rows, filename=filename, title=title)


@require_GET
def export_organisations(request, fmt):
    rows = exporters.organisations_export_rows(request.user, _organisation_filters(request))
    return _export_response(rows, fmt=fmt, basename="annuaire-organisations", title="Organisations")


@animator_required
@require_GET
def export_people(request, fmt):
    rows = exporters.people_export_rows(request.user, _person_filters(request))
    return _export_response(rows, fmt=fmt, basename="annuaire-personnes", title="Personnes")
