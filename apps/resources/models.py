import datetime
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from apps.core import files
from apps.core.french import normalize
from apps.core.models import optional_fk

# A resource is "to review soon" this many days before its review-by date.
FRESHNESS_WARNING_DAYS = 30
# "Toujours à jour" pushes the review-by date this far.
RENEWAL_DAYS = 365
RESERVED_SLUGS = {"proposer", "moderation", "fraicheur", "blocs", "mes-ressources", "mes ressources"}


class ResourceKind(models.TextChoices):
    GUIDE = "guide", "Guide"
    TOOL = "tool", "Outil"
    STUDY = "study", "Étude"
    REGULATION = "regulation", "Réglementation"
    VIDEO = "video", "Vidéo"
    TRAINING = "training", "Formation"
    WEBINAR = "webinar", "Webinaire enregistré"
    OTHER = "other", "Autre"


class Level(models.TextChoices):
    BEGINNER = "beginner", "Pour débuter"
    ADVANCED = "advanced", "Pour approfondir"


class Audience(models.TextChoices):
    EVERYONE = "everyone", "Tous publics"
    ELECTED = "elected", "Élu·es"
    STAFF = "staff", "Agent·es et technicien·nes"
    ASSOCIATIONS = "associations", "Associations"
    COMPANIES = "companies", "Entreprises"
    RESIDENTS = "residents", "Habitant·es"


class ResourceStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggestion en attente"
    PUBLISHED = "published", "Publiée"
    REFUSED = "refused", "Refusée"


# The fields the link-check task writes (and the admin only shows).
LINK_CHECK_FIELDS = (
    "link_status",
    "link_status_code",
    "link_final_url",
    "link_error",
    "link_checked_at",
    "link_failures",
)


class LinkStatus(models.TextChoices):
    UNKNOWN = "unknown", "Lien non vérifié"
    OK = "ok", "Lien valide"
    REDIRECT = "redirect", "Lien redirigé"
    UNREACHABLE = "unreachable", "Lien momentanément injoignable"
    BROKEN = "broken", "Lien cassé"


class Freshness(models.TextChoices):
    FRESH = "fresh", "À jour"
    DUE_SOON = "due_soon", "À revoir bientôt"
    STALE = "stale", "Date de revue dépassée"


class ResourceQuerySet(models.QuerySet):
    def published(self) -> Self:
        return self.filter(status=ResourceStatus.PUBLISHED)

    def visible_to(self, user) -> Self:
        """Published resources for everyone; animators see everything; members also their suggestions."""
        from apps.resources import perms

        if perms.can_manage_resources(user):
            return self.all()
        if user.is_authenticated:
            return self.filter(Q(status=ResourceStatus.PUBLISHED) | Q(suggested_by=user))
        return self.published()

    def with_freshness(self, freshness: str, *, today=None) -> Self:
        today = today or timezone.localdate()
        soon = today + datetime.timedelta(days=FRESHNESS_WARNING_DAYS)
        if freshness == Freshness.STALE:
            return self.filter(review_by__lt=today)
        if freshness == Freshness.DUE_SOON:
            return self.filter(review_by__gte=today, review_by__lte=soon)
        if freshness == Freshness.FRESH:
            return self.filter(Q(review_by__gt=soon) | Q(review_by__isnull=True))
        return self

    def broken_links(self) -> Self:
        return self.filter(link_status=LinkStatus.BROKEN)


def default_review_by():
    return timezone.localdate() + datetime.timedelta(days=RENEWAL_DAYS)


# A private file (apps.core.files), read by whoever may read the resource (perms.FILES): a
# suggestion's file stays private until the suggestion is published.
FILE_POLICY = files.UploadPolicy(
    extensions=(*files.OFFICE, *files.DATA, "png", "jpg", "jpeg"), max_bytes=10 * files.MB
)


class Resource(models.Model):
    title = models.CharField("titre", max_length=255)
    slug = models.SlugField("adresse", max_length=255, unique=True)
    search_text = models.TextField(editable=False, blank=True)
    summary = models.TextField("résumé", help_text="Markdown simple accepté.")
    kind = models.CharField("type de ressource", max_length=20, choices=ResourceKind.choices, db_index=True)
    url = models.URLField("lien", max_length=500, blank=True)
    file = files.PrivateFileField(
        "fichier", upload_to=files.RandomName("resources"), blank=True, validators=[FILE_POLICY]
    )
    original_name = models.CharField("nom du fichier déposé", max_length=255, blank=True)
    publisher = optional_fk(
        "directory.Organisation", related_name="published_resources", verbose_name="éditeur"
    )
    publisher_name = models.CharField(
        "éditeur (hors annuaire)",
        max_length=200,
        blank=True,
        help_text="Si l'éditeur n'est pas dans l'annuaire.",
    )
    audience = models.CharField(
        "public visé", max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    themes = models.ManyToManyField(
        "themes.Theme", blank=True, related_name="resources", verbose_name="thématiques"
    )
    territory = optional_fk(
        "territories.Territory",
        related_name="resources",
        verbose_name="territoire concerné",
        help_text="Laisser vide si la ressource vaut pour toute la France.",
    )
    level = models.CharField("niveau", max_length=20, choices=Level.choices, default=Level.BEGINNER)
    owner = optional_fk(
        settings.AUTH_USER_MODEL,
        related_name="owned_resources",
        verbose_name="responsable",
        help_text="Reçoit les rappels de revue et les alertes de lien cassé.",
    )
    review_by = models.DateField("à revoir avant le", default=default_review_by, db_index=True)
    status = models.CharField(
        "statut",
        max_length=10,
        choices=ResourceStatus.choices,
        default=ResourceStatus.PUBLISHED,
        db_index=True,
    )
    suggested_by = optional_fk(
        settings.AUTH_USER_MODEL, related_name="suggested_resources", verbose_name="proposée par"
    )
    moderated_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+", verbose_name="modérée par")
    moderated_at = models.DateTimeField("modérée le", null=True, blank=True)
    refusal_reason = models.TextField("motif du refus", blank=True)
    # Link health, written by the link-check task only.
    link_status = models.CharField(
        "état du lien", max_length=12, choices=LinkStatus.choices, default=LinkStatus.UNKNOWN, db_index=True
    )
    link_status_code = models.PositiveSmallIntegerField("code HTTP", null=True, blank=True)
    link_final_url = models.URLField("adresse finale", max_length=500, blank=True)
    link_error = models.CharField("erreur", max_length=300, blank=True)
    link_checked_at = models.DateTimeField("lien vérifié le", null=True, blank=True)
    link_failures = models.PositiveSmallIntegerField("échecs consécutifs", default=0)
    # The review-by date for which each reminder was sent: renewing the date re-arms them.
    reminder_before_sent_for = models.DateField(null=True, blank=True, editable=False)
    reminder_after_sent_for = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField("créée le", default=timezone.now)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = "ressource"
        verbose_name_plural = "ressources"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "review_by"]),
            models.Index(fields=["status", "-created_at"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            from apps.directory.models import unique_slug

            title = self.title if normalize(self.title) not in RESERVED_SLUGS else f"ressource {self.title}"
            self.slug = unique_slug(Resource, title)
        self.search_text = normalize(" ".join([self.title, self.summary, self.publisher_name]))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("resources:detail", kwargs={"slug": self.slug})

    def freshness(self, today=None) -> str:
        today = today or timezone.localdate()
        if self.review_by is None:
            return Freshness.FRESH
        if self.review_by < today:
            return Freshness.STALE
        if self.review_by <= today + datetime.timedelta(days=FRESHNESS_WARNING_DAYS):
            return Freshness.DUE_SOON
        return Freshness.FRESH

    @property
    def freshness_code(self) -> str:
        return self.freshness()

    @property
    def freshness_label(self) -> str:
        return Freshness(self.freshness()).label

    @property
    def is_link_broken(self) -> bool:
        return self.link_status == LinkStatus.BROKEN

    @property
    def publisher_label(self) -> str:
        return self.publisher.name if self.publisher_id else self.publisher_name


class CollectionQuerySet(models.QuerySet):
    def visible_to(self, user) -> Self:
        from apps.resources import perms

        if perms.can_manage_collections(user):
            return self.all()
        return self.filter(is_published=True)


class Collection(models.Model):
    """A "bloc ressources": an ordered, introduced selection curated by animators."""

    title = models.CharField("titre", max_length=200)
    slug = models.SlugField("adresse", max_length=220, unique=True)
    intro = models.TextField("introduction", blank=True, help_text="Markdown simple accepté.")
    position = models.PositiveSmallIntegerField("ordre d'affichage", default=0)
    is_published = models.BooleanField("publié", default=True)
    themes = models.ManyToManyField("themes.Theme", blank=True, related_name="resource_collections")
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+", verbose_name="créé par")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CollectionQuerySet.as_manager()

    class Meta:
        verbose_name = "bloc ressources"
        verbose_name_plural = "blocs ressources"
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            from apps.directory.models import unique_slug

            title = self.title if normalize(self.title) != "nouveau" else f"bloc {self.title}"
            self.slug = unique_slug(Collection, title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("resources:collection_detail", kwargs={"slug": self.slug})


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, models.CASCADE, related_name="items", verbose_name="bloc")
    resource = models.ForeignKey(
        Resource, models.CASCADE, related_name="collection_items", verbose_name="ressource"
    )
    position = models.PositiveIntegerField("ordre", default=0)
    note = models.CharField("commentaire de l'équipe d'animation", max_length=300, blank=True)

    class Meta:
        verbose_name = "ressource du bloc"
        verbose_name_plural = "ressources du bloc"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "resource"], name="collection_item_unique"),
        ]

    def __str__(self):
        return f"{self.collection} — {self.resource}"
