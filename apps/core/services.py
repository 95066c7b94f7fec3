"""Writes of the platform's spine. Keyword-only, typed, named <entity>_<action>."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction

from apps.core import files, moderation
from apps.core.models import IMAGE_POLICY, EditorImage, ModerationReview, NetworkSettings
from apps.core.network import defaults, network_settings_forget

if TYPE_CHECKING:
    from apps.core.types import RequestUser


def model_save[M: models.Model](*, instance: M, data: Mapping[str, Any]) -> M:
    """Write `data` (model field name -> value, already validated) on `instance`, save it, then
    set its many-to-many fields: what `ModelForm.save()` does, for services that take data, not
    forms. File fields follow the form convention (None keeps the file, False clears it). A name
    that is not a field of the model raises FieldDoesNotExist: a service says what it accepts."""
    many: list[tuple[Any, Any]] = []
    for name, value in data.items():
        field = instance._meta.get_field(name)
        if field.many_to_many:
            many.append((field, value))
        elif isinstance(field, models.Field):
            field.save_form_data(instance, value)
        else:
            raise ValueError(f"{name} is not a writable field of {instance._meta.label}")
    instance.save()
    for field, value in many:
        field.save_form_data(instance, value)
    return instance


NETWORK_FIELDS = (
    "name",
    "tagline",
    "operator",
    "contact_email",
    "logo_alt",
    "republique_francaise",
    "home_intro",
    "home_blocks",
    "about",
    "footer_links",
)


def network_settings_initial() -> dict:
    """The values the settings form starts from: the saved row, else the environment's."""
    row = NetworkSettings.objects.filter(pk=1).first()
    if row is not None:
        return {name: getattr(row, name) for name in NETWORK_FIELDS}
    base = defaults()
    return {
        "name": base.name,
        "tagline": base.tagline,
        "operator": base.operator,
        "contact_email": base.contact_email,
        "logo_alt": "",
        "republique_francaise": base.republique_francaise,
        "home_intro": "",
        "home_blocks": None,
        "about": "",
        "footer_links": [],
    }


@transaction.atomic
def network_settings_update(
    *,
    by: RequestUser | None,
    name: str,
    tagline: str,
    operator: str,
    contact_email: str,
    logo_alt: str = "",
    republique_francaise: bool = False,
    home_intro: str = "",
    home_blocks: list[str] | None = None,
    about: str = "",
    footer_links: list[tuple[str, str]] | None = None,
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
) -> NetworkSettings:
    """Save the settings (the first save creates the row). A new `logo` replaces the old file;
    `remove_logo` deletes it (the environment's logo, if any, shows again)."""
    row, _ = NetworkSettings.objects.select_for_update(of=("self",)).get_or_create(
        pk=1, defaults={"name": name, "operator": operator, "contact_email": contact_email}
    )
    row.name = name.strip()
    row.tagline = tagline.strip()
    row.operator = operator.strip()
    row.contact_email = contact_email.strip()
    row.logo_alt = logo_alt.strip()
    row.republique_francaise = republique_francaise
    row.home_intro = home_intro
    if home_blocks is None:
        from apps.core.home import registered_blocks

        home_blocks = [block.key for block in registered_blocks() if block.default]
    row.home_blocks = list(home_blocks)
    row.about = about
    row.footer_links = [[label, url] for label, url in (footer_links or [])]
    row.updated_by_id = by.pk if by is not None else None
    old_logo = row.logo.name if row.logo else ""
    if logo is not None:
        row.logo = logo
    elif remove_logo:
        row.logo = ""
    row.full_clean()
    row.save()
    if old_logo and old_logo != (row.logo.name if row.logo else ""):
        name = old_logo
        transaction.on_commit(lambda: NetworkSettings._meta.get_field("logo").storage.delete(name))
    # Every process reads the shared cache: drop it once the new row is visible to them.
    transaction.on_commit(network_settings_forget)
    return row


def moderation_review_mark(*, obj: models.Model, by: RequestUser | None) -> ModerationReview:
    """`obj` (post-moderated) was looked at: it leaves the moderation queue."""
    review, _ = ModerationReview.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        defaults={"reviewed_by_id": by.pk if by is not None else None},
    )
    transaction.on_commit(moderation.queue_changed)
    return review


# An image is at most this many pixels on its longer side once stored: sharp in a page column
# (and on a high-density screen), light in an e-mail.
IMAGE_MAX_SIDE = 1600
# Uploads per person per hour: generous for someone writing, a ceiling for a script.
IMAGE_HOURLY_LIMIT = 60


class ImageUploadRefused(Exception):
    """Said to the person as is (French)."""


def editor_image_create(*, upload: UploadedFile, alt: str, by: RequestUser) -> EditorImage:
    """An image for the Markdown editor, through the one file policy (apps.core.files): checked
    (size, type, real content), turned upright, reduced and re-encoded without its metadata (a
    phone photo's GPS position goes away), stored privately under a random name. The alternative
    text is required (RGAA 1.2): the image is inserted as `![alt](reference)`."""
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    alt = " ".join((alt or "").split())
    if not alt:
        raise ImageUploadRefused(
            "Décrivez l'image dans le texte alternatif : il est lu aux personnes qui ne la voient pas."
        )
    if by.pk is None:
        raise ImageUploadRefused("Connectez-vous pour déposer une image.")
    recent = EditorImage.objects.filter(
        uploaded_by__pk=by.pk, created_at__gte=timezone.now() - timedelta(hours=1)
    )
    if recent.count() >= IMAGE_HOURLY_LIMIT:
        raise ImageUploadRefused("Vous avez déposé beaucoup d'images en une heure : réessayez plus tard.")
    try:
        IMAGE_POLICY.validate(upload)
    except ValidationError as exc:
        raise ImageUploadRefused(" ".join(exc.messages)) from exc
    content = files.image_resized(upload, max_side=IMAGE_MAX_SIDE)
    image = EditorImage(
        alt=alt[:300],
        original_name=files.clean_original_name(getattr(upload, "name", "")),
        uploaded_by_id=by.pk,
    )
    image.file.save(content.name or "image", content, save=False)
    try:
        image.save()
    except Exception:
        image.file.storage.delete(image.file.name or "")
        raise
    return image
