"""One file policy for every file people upload.

- **Private by default.** A user-uploaded file is a `PrivateFileField` / `PrivateImageField`: it
  lives in the "private" storage (`MAILLAGE_PRIVATE_ROOT`, outside MEDIA_ROOT, which the reverse
  proxy serves as is), under a random name (`RandomName`), and its `.url` is the address of the one
  permission-checked view, `/fichiers/<app>.<model>.<field>/<pk>/`. The original name is kept in a
  field of the model, for the download's Content-Disposition only.
- **Each app says who may read its files**, in its `perms.py`: `FILES = [PrivateFile(...)]`, with
  a `can_read(user, obj)` function. The view answers 404 to those who may not read the file, and
  sends anonymous visitors to the login page (apps.core.access).
- **Public files say so**: `models.ImageField(storage=public_storage, ...)`, for files meant to be
  seen by anyone (organisation logos). A test lists every file field of the project and fails on a
  public one that is not on its allow-list.
- **One upload validator**, `UploadPolicy(extensions=..., max_bytes=...)`, on the model field (so
  the admin is covered) and in every upload form: size, extension, and the content's signature
  (magic bytes, the structure of office files, Pillow for images); SVG, HTML, XML and scripts are
  refused whatever their name, because a browser would run them.
- **Serving** (`serve`): Django streams the file, or, with `MAILLAGE_FILES_X_ACCEL_REDIRECT` set,
  answers with an `X-Accel-Redirect` header and lets nginx send it (docs/deploy.md).
"""

from __future__ import annotations

import functools
import io
import logging
import re
import uuid
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from django.apps import apps as django_apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header

from apps.core.discovery import app_modules

logger = logging.getLogger("maillage")

MB = 1024 * 1024

# --------------------------------------------------------------------------- storages


class PrivateStorage(FileSystemStorage):
    """Files that only leave through the permission-checked view: no URL of their own."""

    def url(self, name: str | None) -> str:
        raise ValueError(
            "A private file has no public URL: use its field's .url (the permission-checked view)."
        )


def private_storage() -> Storage:
    """The storage of every user-uploaded file (settings.STORAGES["private"])."""
    return storages["private"]


def public_storage() -> Storage:
    """The storage of the few files meant to be public (served from MEDIA_URL by the proxy)."""
    return storages["default"]


# --------------------------------------------------------------------------- names


_SAFE_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


@deconstructible
class RandomName:
    """upload_to: "<prefix>/<32 hex characters><.extension>" — never the name the person chose
    (it can be guessed, and it can say things: "licenciements-2027.pdf")."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        suffix = PurePosixPath(filename or "").suffix.lower()
        if not _SAFE_SUFFIX.match(suffix):
            suffix = ""
        return f"{self.prefix}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.prefix == self.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)


def clean_original_name(name: str, *, max_length: int = 255) -> str:
    """The name shown in Content-Disposition: no path, no control character, not too long."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip() or "fichier"
    if len(base) > max_length:
        suffix = PurePosixPath(base).suffix[:10]
        base = base[: max_length - len(suffix)] + suffix
    return base


# --------------------------------------------------------------------------- fields


class _PrivateFileMixin:
    instance: models.Model
    field: Any
    name: str | None

    @property
    def url(self) -> str:
        if not self.name:
            raise ValueError(f"The '{self.field.name}' attribute has no file associated with it.")
        return file_url(self.instance, self.field.name)


class PrivateFieldFile(_PrivateFileMixin, FieldFile):
    pass


class PrivateImageFieldFile(_PrivateFileMixin, ImageFieldFile):
    pass


class PrivateFileField(models.FileField):
    """A user-uploaded file: private storage, and `.url` is the permission-checked view."""

    attr_class = PrivateFieldFile

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["storage"] = private_storage
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("storage", None)  # implied by the class
        return name, path, args, kwargs


class PrivateImageField(models.ImageField):
    attr_class = PrivateImageFieldFile

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["storage"] = private_storage
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("storage", None)
        return name, path, args, kwargs


def is_private(field: models.FileField) -> bool:
    return getattr(field, "_storage_callable", None) is private_storage


def is_declared_public(field: models.FileField) -> bool:
    return getattr(field, "_storage_callable", None) is public_storage


# --------------------------------------------------------------------------- upload validation


@dataclass(frozen=True)
class Kind:
    extension: str
    label: str
    content_type: str
    family: str  # "image", "document", "data"


def _kinds(*rows: tuple[str, str, str, str]) -> dict[str, Kind]:
    return {row[0]: Kind(*row) for row in rows}


KINDS = _kinds(
    ("pdf", "PDF", "application/pdf", "document"),
    ("odt", "ODT", "application/vnd.oasis.opendocument.text", "document"),
    ("ods", "ODS", "application/vnd.oasis.opendocument.spreadsheet", "document"),
    ("odp", "ODP", "application/vnd.oasis.opendocument.presentation", "document"),
    ("docx", "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document"),
    ("xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "document"),
    ("pptx", "PPTX", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "document"),
    ("csv", "CSV", "text/csv; charset=utf-8", "data"),
    ("txt", "texte", "text/plain; charset=utf-8", "data"),
    ("json", "JSON", "application/json", "data"),
    ("jpg", "JPEG", "image/jpeg", "image"),
    ("jpeg", "JPEG", "image/jpeg", "image"),
    ("png", "PNG", "image/png", "image"),
    ("webp", "WebP", "image/webp", "image"),
    ("gif", "GIF", "image/gif", "image"),
)
IMAGES = ("jpg", "jpeg", "png", "webp", "gif")
OFFICE = ("pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx")
DATA = ("csv", "txt")
# Whatever their name, these run in a browser (or on a computer): never accepted.
DANGEROUS = frozenset(
    [
        "svg",
        "svgz",
        "html",
        "htm",
        "xhtml",
        "xht",
        "shtml",
        "xml",
        "xsl",
        "js",
        "mjs",
        "css",
        "swf",
        "exe",
        "dll",
        "com",
        "bat",
        "cmd",
        "sh",
        "ps1",
        "vbs",
        "jar",
        "php",
        "py",
        "msi",
    ]
)
_MARKUP = re.compile(rb"^\s*(<\?xml|<!doctype|<html|<svg|<script|<head|<body|<iframe|<!--)", re.IGNORECASE)
_ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
_OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
_PIL_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF"}
MAX_IMAGE_PIXELS = 50_000_000  # a 7000 x 7000 photo; beyond, a decompression bomb


def extension_of(name: str) -> str:
    return PurePosixPath((name or "").lower()).suffix.lstrip(".")


def kind_of(name: str) -> Kind | None:
    return KINDS.get(extension_of(name))


def size_label(size: int) -> str:
    """'5 Mo', '2,5 Mo', '300 Ko', '100 octets'."""
    if size >= MB:
        value = round(size / MB, 1)
        return (f"{value:.0f}" if value.is_integer() or value >= 100 else f"{value:.1f}").replace(
            ".", ","
        ) + " Mo"
    if size >= 1024:
        return f"{size // 1024} Ko"
    return f"{size} octets"


def _read_all(file: Any, limit: int) -> bytes:
    position = file.tell() if hasattr(file, "tell") else None
    file.seek(0)
    data: bytes = file.read(limit + 1)
    file.seek(position or 0)
    return data


def _content_mismatch(kind: Kind) -> ValidationError:
    return ValidationError(
        f"Le contenu de ce fichier ne correspond pas à son extension (.{kind.extension}) : "
        f"ce n'est pas un fichier {kind.label} valide.",
        code="content",
    )


def _check_zip_document(kind: Kind, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if kind.extension in _ODF_MIMETYPES:
                if archive.read("mimetype").strip() != _ODF_MIMETYPES[kind.extension]:
                    raise _content_mismatch(kind)
                return
            folder = _OOXML_FOLDERS[kind.extension]
            if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
                raise _content_mismatch(kind)
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise ValidationError(
                    "Ce document contient des macros : enregistrez-le sans macros (.docx, .xlsx, .pptx).",
                    code="macros",
                )
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _content_mismatch(kind) from exc


def _check_image(kind: Kind, data: bytes) -> None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != _PIL_FORMATS[kind.extension]:
                raise _content_mismatch(kind)
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    "Cette image est trop grande (plus de 50 millions de pixels).", code="pixels"
                )
            image.verify()
    except ValidationError:
        raise
    except Exception as exc:  # Pillow raises anything on a broken or hostile file.
        raise _content_mismatch(kind) from exc


def _check_text(kind: Kind, data: bytes) -> None:
    if b"\x00" in data:
        raise _content_mismatch(kind)
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("cp1252", errors="replace")
    if kind.extension == "json" and not text.lstrip().startswith(("{", "[")):
        raise _content_mismatch(kind)


def check_content(kind: Kind, data: bytes) -> None:
    """Raise ValidationError unless `data` really is a file of this kind."""
    if _MARKUP.match(data[:1024]):
        raise ValidationError(
            "Les pages web, images SVG et scripts ne sont pas acceptés : ils pourraient s'exécuter "
            "dans le navigateur des personnes qui les ouvrent.",
            code="markup",
        )
    ext = kind.extension
    if ext == "pdf":
        ok = data.startswith(b"%PDF-")
    elif ext in ("jpg", "jpeg"):
        ok = data.startswith(b"\xff\xd8\xff")
    elif ext == "png":
        ok = data.startswith(b"\x89PNG\r\n\x1a\n")
    elif ext == "gif":
        ok = data.startswith((b"GIF87a", b"GIF89a"))
    elif ext == "webp":
        ok = data.startswith(b"RIFF") and data[8:12] == b"WEBP"
    elif ext in _ODF_MIMETYPES or ext in _OOXML_FOLDERS:
        ok = data.startswith(b"PK\x03\x04")
    else:
        ok = True
    if not ok:
        raise _content_mismatch(kind)
    if ext in _ODF_MIMETYPES or ext in _OOXML_FOLDERS:
        _check_zip_document(kind, data)
    elif kind.family == "image":
        _check_image(kind, data)
    elif kind.family == "data":
        _check_text(kind, data)


@deconstructible
class UploadPolicy:
    """What one upload accepts. A validator (model field or form field) and a description."""

    def __init__(self, *, extensions: Iterable[str], max_bytes: int) -> None:
        self.extensions = tuple(extensions)
        unknown = [e for e in self.extensions if e not in KINDS]
        if unknown:
            raise ImproperlyConfigured(f"Unknown file kinds: {unknown}")
        self.max_bytes = max_bytes

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, UploadPolicy)
            and other.extensions == self.extensions
            and other.max_bytes == self.max_bytes
        )

    def __hash__(self) -> int:
        return hash((self.extensions, self.max_bytes))

    @property
    def labels(self) -> str:
        return ", ".join(dict.fromkeys(KINDS[e].label for e in self.extensions))

    @property
    def max_label(self) -> str:
        return size_label(self.max_bytes)

    @property
    def help_text(self) -> str:
        return f"Formats acceptés : {self.labels} ; {self.max_label} au plus."

    @property
    def accept(self) -> str:
        """For <input type=file accept=…>: a hint to the browser, never a check."""
        return ",".join(f".{e}" for e in self.extensions)

    def __call__(self, value: Any) -> Kind:
        return self.validate(value)

    def validate(self, value: Any) -> Kind:
        if getattr(value, "_committed", False) and isinstance(value, FieldFile):
            # A file already stored was validated when it was uploaded.
            kind = kind_of(value.name or "")
            if kind is None:
                raise ValidationError("Type de fichier inconnu.", code="extension")
            return kind
        name = getattr(value, "name", "") or ""
        extension = extension_of(name)
        if extension in DANGEROUS:
            raise ValidationError(
                f"Les fichiers .{extension} ne sont pas acceptés : ils pourraient s'exécuter dans le "
                f"navigateur ou l'ordinateur des personnes qui les ouvrent. {self.help_text}",
                code="dangerous",
            )
        if extension not in self.extensions:
            shown = f"« .{extension[:10]} »" if extension else "sans extension"
            raise ValidationError(
                f"Type de fichier non accepté ({shown}). {self.help_text}", code="extension"
            )
        kind = KINDS[extension]
        size = getattr(value, "size", None)
        if size is None:
            raise ValidationError("Ce fichier est illisible : recommencez.", code="invalid")
        if size == 0:
            raise ValidationError("Ce fichier est vide.", code="empty")
        if size > self.max_bytes:
            raise ValidationError(
                f"Ce fichier pèse {size_label(size)} : {self.max_label} au plus.", code="size"
            )
        check_content(kind, _read_all(value, self.max_bytes))
        return kind


# --------------------------------------------------------------------------- who may read what


@dataclass(frozen=True)
class PrivateFile:
    """Declared in an app's perms.py (`FILES = [...]`): who may read the files of one field."""

    model: str  # "app_label.ModelName"
    field: str
    can_read: Callable[[Any, Any], bool]
    # The attribute holding the name shown to the person, or a function of the object.
    filename: str | Callable[[Any], str] = "original_name"
    # Images shown in pages are inline; everything else is downloaded.
    inline: bool = False
    # Images embedded in Markdown texts: also readable with the signed address the renderer gives
    # whoever it renders the text for (`embedded_allows`); the object has a secret `key`.
    embedded: bool = False

    @property
    def key(self) -> str:
        app_label, model_name = self.model.split(".")
        return f"{app_label}.{model_name.lower()}.{self.field}"

    def model_class(self) -> type[models.Model]:
        return django_apps.get_model(self.model)

    def name_of(self, obj: Any) -> str:
        name = self.filename(obj) if callable(self.filename) else getattr(obj, self.filename, "")
        suffix = PurePosixPath(getattr(obj, self.field).name or "").suffix
        if not name:
            name = f"{obj._meta.model_name}-{obj.pk}"
        if not PurePosixPath(name).suffix:
            name += suffix
        return clean_original_name(name)


@functools.cache
def registry() -> dict[str, PrivateFile]:
    """Every app's perms.FILES, read once (like the admin's autodiscovery, without side effects)."""
    found: dict[str, PrivateFile] = {}
    for _, module in app_modules("perms"):
        for spec in getattr(module, "FILES", ()):
            if spec.key in found:
                raise ImproperlyConfigured(f"Two readers declared for {spec.key}")
            found[spec.key] = spec
    return found


def file_url(obj: models.Model, field: str) -> str:
    key = f"{obj._meta.app_label}.{obj._meta.model_name}.{field}"
    if key not in registry():
        raise ImproperlyConfigured(f"No reader declared for {key}: add it to FILES in the app's perms.py")
    url = reverse("core:file", kwargs={"key": key, "pk": obj.pk})
    # The stored name changes with each upload: a new photo is never hidden by a browser cache.
    version = PurePosixPath(getattr(obj, field).name or "").stem[:8]
    return f"{url}?v={version}" if version else url


# --------------------------------------------------------------------------- images in texts
# An image inserted with the Markdown editor (core.EditorImage) is written in the text as its
# *reference*, `/fichiers/core.editorimage.file/<id>/?k=<key>`. That address alone opens nothing
# but for its uploader. When apps.core.markdown renders a text for someone — who may read it,
# since the page rendering it checked — it adds a signature `t` to each reference: the person's
# browser may then load the image, on a public page an anonymous visitor too, while someone who
# never saw the text cannot. Page signatures change every day and last two (`EMBED_DAYS`): a person
# who left a private group, or an address pasted elsewhere, stops working (GitHub signs the images
# of private repositories the same way). E-mails are read long after they were sent, without a
# session: their signature ("m") does not expire, like the e-mail itself.
# The secret `key` keeps anyone from writing `![](/fichiers/core.editorimage.file/12/)` in a public
# text to get another person's image signed for them; only addresses of this exact form (our own
# view, no other host) are kept by the sanitiser: no external image (privacy, CSP).

EMBED_KEY = "core.editorimage.file"
EMBED_DAYS = 2
_EMBED_REFERENCE = re.compile(
    r"^(?:https?://[^/?#]+)?/fichiers/core\.editorimage\.file/(?P<pk>[0-9]{1,18})/"
    r"\?k=(?P<key>[0-9a-f]{32})(?:&t=[A-Za-z0-9._:-]{1,120})?$"
)
_EMBED_TOKEN = re.compile(r"^(?P<stamp>[0-9]{1,8}|m)\.(?P<signature>[A-Za-z0-9_-]{20,100})$")


def embedded_reference(obj: models.Model) -> str:
    return f"{reverse('core:file', kwargs={'key': EMBED_KEY, 'pk': obj.pk})}?k={obj.key}"  # type: ignore[attr-defined]


def image_markdown(*, alt: str, reference: str) -> str:
    """`![alt](reference)`, the alternative text on one line with Markdown's brackets escaped."""
    text = " ".join((alt or "").split())
    text = re.sub(r"([\\\[\]])", r"\\\1", text)
    return f"![{text}]({reference})"


def _today() -> int:
    import time

    return int(time.time() // 86400)


def _embed_signature(pk: str, key: str, stamp: str) -> str:
    from django.core.signing import Signer

    return Signer(salt="maillage.files.embedded").signature(f"{pk}:{key}:{stamp}")


def embedded_src(src: str, *, email: bool = False) -> str | None:
    """The address to put in a rendered text for an image reference (signed for the reader), or
    None when `src` is not one of our images (an external image: removed by the sanitiser).
    `email`: an absolute address whose signature does not expire."""
    match = _EMBED_REFERENCE.match(src or "")
    if match is None:
        return None
    pk, key = match["pk"], match["key"]
    stamp = "m" if email else str(_today())
    path = f"{reverse('core:file', kwargs={'key': EMBED_KEY, 'pk': int(pk)})}?k={key}"
    url = f"{path}&t={stamp}.{_embed_signature(pk, key, stamp)}"
    return settings.MAILLAGE_SITE_URL + url if email else url


def embedded_allows(request: Any, obj: models.Model) -> bool:
    """The request carries the key of `obj` and a valid, unexpired signature from the renderer."""
    import hmac

    key = request.GET.get("k", "")
    token = _EMBED_TOKEN.match(request.GET.get("t", ""))
    if token is None or not hmac.compare_digest(key, getattr(obj, "key", "") or "-"):
        return False
    stamp = token["stamp"]
    if stamp != "m" and not 0 <= _today() - int(stamp) < EMBED_DAYS:
        return False
    return hmac.compare_digest(token["signature"], _embed_signature(str(obj.pk), key, stamp))


# --------------------------------------------------------------------------- serving


def serve(
    field_file: FieldFile, *, filename: str, inline: bool = False, generated: bool = False
) -> HttpResponseBase:
    """The response sending a stored file; the caller has checked the permission. `inline` shows
    images in the page; anything else people uploaded is a download whatever its type. Files the
    platform made itself (`generated`: a booklet's PDF) may be shown inline too."""
    if not field_file:
        raise Http404("Fichier introuvable.")
    kind = kind_of(field_file.name or "")
    content_type = kind.content_type if kind else "application/octet-stream"
    inline = inline and kind is not None and (generated or kind.family == "image")
    prefix = getattr(settings, "MAILLAGE_FILES_X_ACCEL_REDIRECT", "")
    response: HttpResponseBase
    name = field_file.name or ""
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
    else:
        try:
            handle = field_file.storage.open(name, "rb")
        except FileNotFoundError as exc:
            logger.warning("Missing file %s", name)
            raise Http404("Fichier introuvable.") from exc
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    # Never in a shared cache; a browser may keep an image a few minutes (trombinoscope pages).
    response["Cache-Control"] = "private, max-age=300" if inline else "private, no-store"
    return response


def image_resized(upload: File, *, max_side: int = 512, name: str = "image") -> ContentFile:
    """A checked image (UploadPolicy first) made small and clean for display: turned upright from
    its EXIF orientation, at most `max_side` pixels on its longer side, re-encoded (JPEG, or PNG
    when it has transparency), without any metadata (a phone photo's GPS position goes away)."""
    from PIL import Image, ImageOps

    upload.seek(0)
    with Image.open(upload) as original:
        image = ImageOps.exif_transpose(original)
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
        buffer = io.BytesIO()
        if has_alpha:
            image.convert("RGBA").save(buffer, format="PNG", optimize=True)
            extension = "png"
        else:
            image.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True)
            extension = "jpg"
    upload.seek(0)
    return ContentFile(buffer.getvalue(), name=f"{name}.{extension}")
