"""Rows of the platform's spine: the network's own settings (name, logo, home page, footer)."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from apps.core import files

LOGO_POLICY = files.UploadPolicy(extensions=files.IMAGES, max_bytes=1 * files.MB)


def optional_fk(to: Any, *, related_name: str | None = None, **kwargs: Any) -> models.ForeignKey:
    """The foreign key of a row that outlives its target: optional in forms, emptied (SET_NULL)
    when the target is deleted. One spelling for the many « created by », « organisation of the
    directory », « region » links of the apps."""
    return models.ForeignKey(to, models.SET_NULL, null=True, blank=True, related_name=related_name, **kwargs)


def unique_when_set(*fields: str, name: str, when: str | None = None) -> models.UniqueConstraint:
    """`fields` unique together among the rows where `when` (by default the last field, an
    optional link) is set: one row per person, per registration, per table…"""
    return models.UniqueConstraint(
        fields=fields, condition=Q(**{f"{when or fields[-1]}__isnull": False}), name=name
    )


class CommentBase(models.Model):
    """What a comment (`body`) of any app has: its date, the reading order, its label."""

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        verbose_name = "commentaire"
        verbose_name_plural = "commentaires"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        body: str = getattr(self, "body")  # noqa: B009  # declared by each comment model
        return body[:60]


class NetworkSettings(models.Model):
    """What the network's animators may change about their instance without an operator: its name,
    its logo, its home and "À propos" pages, its footer links. One row (id 1); until it exists, the
    environment's values (docs/environment.md) are used. Read through `apps.core.network`."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    name = models.CharField("nom du réseau", max_length=120)
    tagline = models.CharField("accroche", max_length=200, blank=True)
    operator = models.CharField(
        "animé par",
        max_length=200,
        help_text="L'équipe ou la structure qui anime le réseau et édite le site.",
    )
    contact_email = models.EmailField("adresse électronique de contact")
    # Public on purpose (in every page's header): apps.core.files.public_storage.
    logo = models.ImageField(
        "logo",
        upload_to=files.RandomName("reseau"),
        storage=files.public_storage,
        blank=True,
        validators=[LOGO_POLICY],
    )
    logo_alt = models.CharField(
        "texte alternatif du logo", max_length=200, blank=True, help_text="Vide : le nom du réseau."
    )
    republique_francaise = models.BooleanField(
        "afficher le bloc « République française »",
        default=False,
        help_text="Réservé aux sites de l'État (ministère, préfecture, service déconcentré, opérateur).",
    )
    home_intro = models.TextField("présentation du réseau (page d'accueil)", blank=True)
    # Keys of the home page blocks (apps.core.home), in display order; hidden blocks are absent.
    home_blocks = models.JSONField("blocs de la page d'accueil", default=list, blank=True)
    about = models.TextField("page « À propos »", blank=True)
    # [[label, url], …] in display order.
    footer_links = models.JSONField("liens du pied de page", default=list, blank=True)
    updated_at = models.DateTimeField("modifiés le", auto_now=True)
    updated_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")

    class Meta:
        verbose_name = "réglages du réseau"
        verbose_name_plural = "réglages du réseau"
        constraints = [models.CheckConstraint(condition=Q(id=1), name="network_settings_single_row")]

    def __str__(self) -> str:
        return self.name


class ModerationReview(models.Model):
    """An animator looked at a post-moderated item (published at once, such as a consultation
    comment) and found nothing to do: it leaves the moderation queue. Pre-moderated items carry
    their own state (pending, published…) and need no such row."""

    content_type = models.ForeignKey("contenttypes.ContentType", models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    reviewed_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    reviewed_at = models.DateTimeField("relu le", auto_now_add=True)

    class Meta:
        verbose_name = "relecture de modération"
        verbose_name_plural = "relectures de modération"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="moderation_review_once")
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"


# Images inserted in Markdown texts (apps.core.files, "Images in texts"): 5 MB as sent, re-encoded
# to at most 1,600 px and without metadata before they are stored.
IMAGE_POLICY = files.UploadPolicy(extensions=files.IMAGES, max_bytes=5 * files.MB)


def _image_key() -> str:
    import secrets

    return secrets.token_hex(16)


class EditorImage(models.Model):
    """An image uploaded from the Markdown editor and inserted in a text as
    `![alt](/fichiers/core.editorimage.file/<id>/?k=<key>)`. Whoever can see the text sees the
    image: the Markdown renderer signs its address for the page it renders (apps.core.files);
    the `key` (128 random bits) keeps anyone from embedding another person's image by its id."""

    file = files.PrivateImageField("image", upload_to=files.RandomName("images"), validators=[IMAGE_POLICY])
    original_name = models.CharField("nom d'origine", max_length=255, blank=True)
    alt = models.CharField("texte alternatif", max_length=300)
    key = models.CharField(max_length=32, unique=True, default=_image_key, editable=False)
    uploaded_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField("déposée le", auto_now_add=True)

    class Meta:
        verbose_name = "image des textes"
        verbose_name_plural = "images des textes"
        indexes = [models.Index(fields=["uploaded_by", "created_at"], name="core_image_by_date")]

    def __str__(self) -> str:
        return self.alt

    @property
    def reference(self) -> str:
        """The address written in the Markdown text (relative: the site may change its name)."""
        return files.embedded_reference(self)

    @property
    def markdown(self) -> str:
        return files.image_markdown(alt=self.alt, reference=self.reference)
