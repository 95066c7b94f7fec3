"""apps.core.files: the one file policy (storage, names, upload validation, serving)."""

import io
import zipfile

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import override_settings

from apps.core import files
from tests.factories import UserFactory, image_bytes

# Files meant to be seen by anyone, and why. Adding one here is a decision, not a fix.
PUBLIC_FILE_FIELDS = {
    "directory.Organisation.logo": "shown on the organisation's public page",
    "core.NetworkSettings.logo": "the network's logo, in the header of every page",
    # django-dsfr's site settings (admin only): the operator's logo in every page's header.
    "dsfr.DsfrConfig.operator_logo_file": "shown in the header of every page",
}


def all_file_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield f"{model._meta.label}.{field.name}", model, field


def test_every_file_field_is_private_unless_allowed_to_be_public():
    found = list(all_file_fields())
    assert len(found) >= 9  # experiences, resources, aids, questions, groups, booklets ×2, photo, logo
    public = {
        label
        for label, _model, field in found
        if not files.is_private(field) and field.storage is not storages["private"]
    }
    assert public == set(PUBLIC_FILE_FIELDS), "a file field is public: make it private or justify it"
    for label, model, field in found:
        if label in PUBLIC_FILE_FIELDS and model.__module__.startswith("apps."):
            assert files.is_declared_public(field), f"{label} must say storage=public_storage explicitly"


def test_every_uploaded_file_has_a_reader_a_random_name_and_a_validator():
    registry = files.registry()
    for label, model, field in all_file_fields():
        if not model.__module__.startswith("apps."):
            continue
        if label in PUBLIC_FILE_FIELDS:
            assert isinstance(field.upload_to, files.RandomName)
            assert any(isinstance(v, files.UploadPolicy) for v in field.validators)
            continue
        if not isinstance(field, (files.PrivateFileField, files.PrivateImageField)):
            # Only files the platform generates itself (booklets) may be plain private fields.
            assert model._meta.label == "consultations.Booklet", label
            continue
        key = f"{model._meta.app_label}.{model._meta.model_name}.{field.name}"
        assert key in registry, f"{label}: declare who may read it in its app's perms.FILES"
        assert isinstance(field.upload_to, files.RandomName), label
        assert any(isinstance(v, files.UploadPolicy) for v in field.validators), label
    assert set(registry) <= {
        f"{m._meta.app_label}.{m._meta.model_name}.{f.name}" for _label, m, f in all_file_fields()
    }


def test_random_names_keep_only_a_safe_extension():
    namer = files.RandomName("experiences/")
    first, second = namer(None, "Rapport budget 2027.PDF"), namer(None, "Rapport budget 2027.PDF")
    assert first != second and first.startswith("experiences/") and first.endswith(".pdf")
    assert len(first.split("/")[1]) == 32 + 4
    assert namer(None, "../../etc/passwd").count("/") == 1
    assert "." not in namer(None, "script.p$p").split("/")[1]
    assert files.clean_original_name("C:\\Users\\moi\\bilan\x00.pdf") == "bilan.pdf"
    assert files.clean_original_name("../../x" + "a" * 300 + ".pdf").endswith(".pdf")
    assert len(files.clean_original_name("a" * 300 + ".pdf")) == 255


# --- Upload validation --------------------------------------------------------------------------

POLICY = files.UploadPolicy(
    extensions=(*files.IMAGES, *files.OFFICE, *files.DATA, "json"), max_bytes=files.MB
)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _docx() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def _odt() -> bytes:
    from odf.opendocument import OpenDocumentText

    buffer = io.BytesIO()
    OpenDocumentText().write(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.png", image_bytes("PNG")),
        ("photo.JPG", image_bytes("JPEG")),
        ("photo.webp", image_bytes("WEBP")),
        ("anim.gif", image_bytes("GIF")),
        ("bilan.pdf", b"%PDF-1.7\n..."),
        ("note.docx", _docx()),
        ("note.odt", _odt()),
        ("tableau.xlsx", _xlsx()),
        ("liste.csv", "nom;type\nÉcully;commune\n".encode()),
        ("liste.csv", "nom;type\nÉcully;commune\n".encode("cp1252")),
        ("notes.txt", b"Compte rendu"),
        ("export.json", b'\xef\xbb\xbf {"aides": []}'),
    ],
)
def test_real_files_are_accepted(name, content):
    kind = POLICY.validate(SimpleUploadedFile(name, content))
    assert kind.extension == name.rsplit(".", 1)[1].lower()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "page.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "Les fichiers .svg ne sont pas",
        ),
        ("page.html", b"<html>", "Les fichiers .html ne sont pas"),
        ("outil.exe", b"MZ\x90", "Les fichiers .exe ne sont pas"),
        ("script.js", b"alert(1)", "Les fichiers .js ne sont pas"),
        ("image.png", b"<svg onload=alert(1)>", "pages web, images SVG et scripts"),
        ("liste.csv", b"  <script>alert(1)</script>", "pages web, images SVG et scripts"),
        ("notes.txt", b"<!DOCTYPE html><html>", "pages web, images SVG et scripts"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "pas un fichier PNG valide"),
        ("photo.png", image_bytes("JPEG"), "pas un fichier PNG valide"),
        ("photo.jpg", image_bytes("PNG"), "pas un fichier JPEG valide"),
        ("bilan.pdf", b"MZ not a pdf", "pas un fichier PDF valide"),
        ("note.docx", _zip({"hello.txt": b"x"}), "pas un fichier DOCX valide"),
        ("note.docx", _xlsx(), "pas un fichier DOCX valide"),
        (
            "note.odt",
            _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            "pas un fichier ODT",
        ),
        (
            "note.docx",
            _zip({"[Content_Types].xml": b"", "word/document.xml": b"", "word/vbaProject.bin": b""}),
            "macros",
        ),
        ("liste.csv", b"a\x00b", "pas un fichier CSV valide"),
        ("export.json", b"aides", "pas un fichier JSON valide"),
        ("archive.zip", b"PK\x03\x04", "Type de fichier non accepté (« .zip »)"),
        ("sans-extension", b"%PDF-1.4", "Type de fichier non accepté (sans extension)"),
        ("vide.pdf", b"", "Ce fichier est vide."),
        ("gros.pdf", b"%PDF-" + b"0" * files.MB, "Ce fichier pèse 1 Mo : 1 Mo au plus."),
    ],
)
def test_bad_files_are_refused_in_french(name, content, message):
    with pytest.raises(ValidationError) as error:
        POLICY.validate(SimpleUploadedFile(name, content))
    assert message in " ".join(error.value.messages)


def test_decompression_bomb_images_are_refused(monkeypatch):
    monkeypatch.setattr(files, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(ValidationError, match="trop grande"):
        POLICY.validate(SimpleUploadedFile("grande.png", image_bytes("PNG", (20, 20))))


def test_policy_describes_itself_and_is_a_model_validator():
    policy = files.UploadPolicy(extensions=("pdf", "jpg", "jpeg"), max_bytes=5 * files.MB)
    assert policy.help_text == "Formats acceptés : PDF, JPEG ; 5 Mo au plus."
    assert policy.accept == ".pdf,.jpg,.jpeg"
    assert policy == files.UploadPolicy(extensions=("pdf", "jpg", "jpeg"), max_bytes=5 * files.MB)
    assert files.size_label(300 * 1024) == "300 Ko" and files.size_label(int(2.5 * files.MB)) == "2,5 Mo"
    with pytest.raises(Exception, match="Unknown file kinds"):
        files.UploadPolicy(extensions=("svg",), max_bytes=1)


@pytest.mark.django_db
def test_admin_uploads_are_validated_by_the_model_field():
    from apps.aids.models import AidImport

    aid_import = AidImport(format="neutre", file=SimpleUploadedFile("page.html", b"<html>"))
    with pytest.raises(ValidationError) as error:
        aid_import.full_clean()
    assert "Les fichiers .html ne sont pas acceptés" in str(error.value)


# --- Serving ------------------------------------------------------------------------------------


@pytest.fixture
def stored_document(db):
    from apps.groups.services import document_upload
    from tests.groups.factories import GroupMembershipFactory

    membership = GroupMembershipFactory()
    document = document_upload(
        group=membership.group,
        by=membership.user,
        title="CR",
        upload=SimpleUploadedFile("Compte rendu d'été.pdf", b"%PDF-1.4 contenu"),
    )
    return membership.user, document


def test_files_are_streamed_with_safe_headers(client, stored_document):
    user, document = stored_document
    client.force_login(user)
    response = client.get(document.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 contenu"
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == "attachment; filename*=utf-8''Compte%20rendu%20d%27%C3%A9t%C3%A9.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_x_accel_redirect_lets_nginx_send_the_file(client, stored_document):
    user, document = stored_document
    client.force_login(user)
    with override_settings(MAILLAGE_FILES_X_ACCEL_REDIRECT="/_fichiers_prives/"):
        response = client.get(document.file.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_fichiers_prives/" + document.file.name
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    # Still checked: nginx never sees a request that was refused.
    client.force_login(UserFactory())
    with override_settings(MAILLAGE_FILES_X_ACCEL_REDIRECT="/_fichiers_prives/"):
        refused = client.get(document.file.url)
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused


def test_unknown_keys_missing_objects_and_missing_files(client, stored_document):
    user, document = stored_document
    client.force_login(user)
    assert client.get("/fichiers/auth.user.password/1/").status_code == 404
    assert client.get(f"/fichiers/groups.groupdocument.file/{document.pk + 1000}/").status_code == 404
    storages["private"].delete(document.file.name)
    assert client.get(document.file.url).status_code == 404
    client.logout()
    # Anonymous: the login page, whether or not the thing exists.
    assert client.get(f"/fichiers/groups.groupdocument.file/{document.pk + 1000}/").status_code == 302


@pytest.mark.django_db
def test_private_storage_has_no_public_url(tmp_path):
    storage = files.PrivateStorage(location=tmp_path)
    with pytest.raises(ValueError, match="no public URL"):
        storage.url("x.pdf")
