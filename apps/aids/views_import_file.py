"""Upload page of the aids importer (JSON file from Aides-territoires or the neutral format)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from dsfr.forms import DsfrBaseForm

from apps.aids import perms
from apps.aids.import_upload import aid_import_upload
from apps.aids.models import AidImport, ImportFormat
from apps.core.widgets import UploadInput

FILE_POLICY = AidImport._meta.get_field("file").validators[0]
RECENT_IMPORTS = 10


class AidImportFileForm(DsfrBaseForm):
    file = forms.FileField(
        label="Fichier JSON",
        help_text=f"{FILE_POLICY.help_text} Export de l'API Aides-territoires ou format neutre Maillage.",
        widget=UploadInput(attrs={"accept": ".json,application/json"}),
        error_messages={
            "required": "Choisissez le fichier à importer.",
            "empty": "Le fichier envoyé est vide.",
        },
    )
    format = forms.ChoiceField(
        label="Format du fichier",
        choices=ImportFormat.choices,
        widget=forms.RadioSelect,
        initial=ImportFormat.AIDES_TERRITOIRES,
        error_messages={"required": "Choisissez le format du fichier."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        FILE_POLICY.validate(upload)
        return upload


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request):
    if not perms.can_import_aids(request.user):
        raise PermissionDenied("Réservé à l'équipe d'animation du réseau.")
    form = AidImportFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        aid_import, report = aid_import_upload(
            file=form.cleaned_data["file"], fmt=form.cleaned_data["format"], user=request.user
        )
        (messages.warning if report.rejected else messages.success)(
            request, f"Import terminé : {report.summary()}."
        )
        return redirect(f"{reverse('aids:import_file')}?import={aid_import.pk}#compte-rendu")
    shown = None
    if (wanted := request.GET.get("import", "")).isdigit():
        shown = AidImport.objects.filter(pk=int(wanted)).first()
    return render(
        request,
        "aids/import_file.html",
        {
            "title": "Importer des aides depuis un fichier",
            "breadcrumb": [("Aides et dispositifs", reverse("aids:list")), ("Importer un fichier", None)],
            "form": form,
            "shown": shown,
            "recent": AidImport.objects.select_related("uploaded_by").order_by("-created_at")[
                :RECENT_IMPORTS
            ],
        },
    )
