from django.core.management.base import BaseCommand, CommandError

from apps.aids.importers import aid_import_file
from apps.aids.models import ImportFormat


class Command(BaseCommand):
    help = (
        "Importe des aides depuis un fichier JSON au format de l'API Aides-territoires ou au format "
        "neutre de Maillage (voir docs/aids.md). Idempotent : relancer l'import met à jour sans dupliquer."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Fichier JSON à importer.")
        parser.add_argument(
            "--url",
            help=(
                "Adresse d'une liste de l'API Aides-territoires (hôte de MAILLAGE_AIDS_IMPORT_HOSTS) : "
                "l'import est confié aux workers de tâches (à planifier, par exemple chaque nuit)."
            ),
        )
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=[*ImportFormat.values, "neutre"],  # "neutre": the code before codes became English
            default=ImportFormat.AIDES_TERRITOIRES,
            help="Format du fichier (défaut : aides-territoires).",
        )

    def handle(self, *args, path, fmt, url=None, **options):
        if fmt == "neutre":
            fmt = ImportFormat.NEUTRAL
        if url:
            from django.db import transaction

            from apps.aids.importers import FetchError
            from apps.aids.services import aid_import_url_create

            try:
                with transaction.atomic():
                    aid_import = aid_import_url_create(url=url, user=None)
            except FetchError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(
                f"Import n° {aid_import.pk} confié aux workers : {aid_import.get_absolute_url()}"
            )
            return
        if not path:
            raise CommandError("Donnez un fichier JSON ou --url.")
        report = aid_import_file(path=path, fmt=fmt)
        self.stdout.write(report.as_text())
        if report.rejected and not (report.created or report.updated or report.unchanged):
            raise CommandError("Aucune aide importée.")
