from django.core.management.base import BaseCommand, CommandError

from apps.aids.importers import aid_import_file
from apps.aids.models import ImportFormat


class Command(BaseCommand):
    help = (
        "Importe des aides depuis un fichier JSON au format de l'API Aides-territoires ou au format "
        "neutre de Maillage (voir docs/aids.md). Idempotent : relancer l'import met à jour sans dupliquer."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Fichier JSON à importer.")
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=ImportFormat.values,
            default=ImportFormat.AIDES_TERRITOIRES,
            help="Format du fichier (défaut : aides-territoires).",
        )

    def handle(self, *args, path, fmt, **options):
        report = aid_import_file(path=path, fmt=fmt)
        self.stdout.write(report.as_text())
        if report.rejected and not (report.created or report.updated or report.unchanged):
            raise CommandError("Aucune aide importée.")
