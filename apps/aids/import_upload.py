"""Importing aids from a file uploaded in the UI (the animation team, no /admin/). The file is kept
as an `AidImport` row (private file, its report) and run by the existing importer
(`apps.aids.importers.aid_import_run`); this module only receives the upload."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from apps.aids.importers import ImportReport, aid_import_run
from apps.aids.models import AidImport


def aid_import_upload(*, file: UploadedFile, fmt: str, user) -> tuple[AidImport, ImportReport]:
    """Store the uploaded JSON file and import it now; each entry has its own savepoint inside the
    importer, so one bad entry never spoils the others."""
    with transaction.atomic():
        aid_import = AidImport(format=fmt, uploaded_by=user)
        aid_import.file.save(file.name, file, save=False)
        aid_import.save()
    report = aid_import_run(aid_import=aid_import, user=user)
    return aid_import, report
