from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from apps.core import files
from apps.core.french import normalize
from apps.core.models import optional_fk
from apps.directory.models import unique_slug


class Format(models.TextChoices):
    FACTSHEET = "factsheet", "Fiche action (format court)"
    MONOGRAPH = "monograph", "Monographie complète"


class ProjectStatus(models.TextChoices):
    IDEA = "idea", "Idée"
    IN_PROGRESS = "in_progress", "En cours"
    COMPLETED = "completed", "Terminé"
    ABANDONED = "abandoned", "Abandonné"


class State(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SUBMITTED = "submitted", "En relecture"
    REVIEWED = "reviewed", "Relu, prêt à publier"
    PUBLISHED = "published", "Publié"


class TerritoryCharacter(models.TextChoices):
    RURAL = "rural", "Rural"
    PERIURBAN = "periurban", "Périurbain"
    URBAN = "urban", "Urbain"
    COASTAL = "coastal", "Littoral"
    MOUNTAIN = "mountain", "Montagne"
    OVERSEAS = "overseas", "Outre-mer"


class Audience(models.TextChoices):
    PUBLIC = "public", "Tout le monde"
    MEMBERS = "members", "Membres connectés seulement"


# The fields of the structured monograph, in reading order: (field, French heading).
SECTIONS = [
    ("context", "Contexte"),
    ("objectives", "Objectifs"),
    ("steps", "Étapes et calendrier"),
    ("actors", "Acteurs impliqués"),
    ("budget", "Budget et financements"),
    ("results", "Résultats et indicateurs"),
    ("difficulties", "Difficultés et échecs"),
    ("lessons", "Enseignements"),
    ("transposability", "Transposabilité"),
    ("contacts", "Contacts"),
]
PLACEHOLDERS = {
    "a completer",
    "a preciser",
    "a venir",
    "a definir",
    "en cours de redaction",
    "nc",
    "na",
    "tbd",
    "todo",
    "xxx",
}


def is_placeholder(text: str) -> bool:
    """True for an empty text or one that only holds a placeholder ("À compléter par la commune.")."""
    words = " ".join(normalize(text or "").split())
    if not words:
        return True
    return len(words) <= 60 and any(words == p or words.startswith(p + " ") for p in PLACEHOLDERS)


# The short "fiche action" only asks for these.
FICHE_SECTIONS = ["context", "objectives", "budget", "difficulties", "transposability", "contacts"]


class ExperienceQuerySet(models.QuerySet):
    def published(self) -> Self:
        return self.filter(state=State.PUBLISHED)

    def visible_to(self, user) -> Self:
        """Published experiences the user may read, plus the drafts they write or review."""
        from apps.accounts.perms import is_animator, is_member

        if is_animator(user):
            return self.all()
        if not is_member(user):
            return self.filter(state=State.PUBLISHED, audience=Audience.PUBLIC)
        return self.filter(
            Q(state=State.PUBLISHED)
            | Q(author=user)
            | Q(
                state__in=[State.SUBMITTED, State.REVIEWED],
                organisations__memberships__person__user=user,
                organisations__memberships__is_referent=True,
            )
        ).distinct()

    def to_review_by(self, user) -> Self:
        from apps.accounts.perms import is_animator

        qs = self.filter(state__in=[State.SUBMITTED, State.REVIEWED])
        if is_animator(user):
            return qs
        return qs.filter(
            organisations__memberships__person__user=user, organisations__memberships__is_referent=True
        ).distinct()


class Experience(models.Model):
    title = models.CharField("titre", max_length=200)
    slug = models.SlugField("adresse", max_length=220, unique=True)
    format = models.CharField("format", max_length=15, choices=Format.choices, default=Format.MONOGRAPH)
    summary = models.TextField(
        "résumé", max_length=1000, help_text="En deux ou trois phrases : quoi, où, pour quoi."
    )
    territory = optional_fk("territories.Territory", related_name="experiences", verbose_name="territoire")
    territory_character = models.CharField(
        "caractère du territoire", max_length=15, choices=TerritoryCharacter.choices, blank=True
    )
    context = models.TextField(
        "contexte",
        blank=True,
        help_text="Le territoire, sa taille, ses enjeux, ce qui a déclenché le projet.",
    )
    objectives = models.TextField("objectifs", blank=True)
    steps = models.TextField("étapes et calendrier", blank=True)
    actors = models.TextField(
        "acteurs impliqués", blank=True, help_text="Qui a porté, qui a contribué, comment."
    )
    budget = models.TextField(
        "budget et financements", blank=True, help_text="Montants, financeurs, temps humain."
    )
    budget_amount = models.PositiveIntegerField("budget total (€)", null=True, blank=True)
    funders = models.CharField("financeurs", max_length=300, blank=True)
    results = models.TextField("résultats et indicateurs", blank=True)
    difficulties = models.TextField(
        "difficultés et échecs",
        blank=True,
        help_text="Ce qui n'a pas marché, les obstacles, ce que vous referiez autrement.",
    )
    lessons = models.TextField("enseignements", blank=True)
    transposability = models.TextField(
        "transposabilité",
        blank=True,
        help_text="Ce qui pourrait être reproduit ailleurs, à quelles conditions, ce qu'il faudrait adapter.",
    )
    contacts = models.TextField("contacts", blank=True)
    project_status = models.CharField(
        "avancement du projet",
        max_length=15,
        choices=ProjectStatus.choices,
        default=ProjectStatus.IN_PROGRESS,
    )
    started_on = models.DateField("début", null=True, blank=True)
    ended_on = models.DateField("fin", null=True, blank=True)
    themes = models.ManyToManyField(
        "themes.Theme", blank=True, related_name="experiences", verbose_name="thématiques"
    )
    organisations = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="experiences",
        verbose_name="organisations impliquées",
    )
    people = models.ManyToManyField(
        "directory.Person", blank=True, related_name="experiences", verbose_name="personnes impliquées"
    )
    audience = models.CharField(
        "visible par", max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    state = models.CharField("état", max_length=10, choices=State.choices, default=State.DRAFT, db_index=True)
    author = optional_fk(
        settings.AUTH_USER_MODEL, related_name="experiences", verbose_name="autrice ou auteur"
    )
    reviewed_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+", verbose_name="relu par")
    review_comment = models.TextField("dernier avis de relecture", blank=True)
    published_at = models.DateTimeField("publié le", null=True, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = ExperienceQuerySet.as_manager()

    class Meta:
        verbose_name = "retour d'expérience"
        verbose_name_plural = "retours d'expérience"
        ordering = ["-published_at", "-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="experience_dates_ordered",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Experience, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("experiences:detail", kwargs={"slug": self.slug})

    @property
    def organisation_slugs(self) -> list[str]:
        """The carrying organisations, by their stable identifier (API, open data)."""
        return [org.slug for org in self.organisations.all()]

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "La date de fin doit être postérieure à la date de début."})

    @property
    def is_published(self) -> bool:
        return self.state == State.PUBLISHED

    @property
    def coordinates(self) -> tuple[float, float] | None:
        territory = self.territory
        if territory and territory.has_coordinates:
            return territory.latitude, territory.longitude
        for organisation in self.organisations.all():
            if organisation.has_coordinates:
                return organisation.latitude, organisation.longitude
        return None

    def sections(self):
        """(heading, text) of the filled sections, in reading order. A placeholder left by a draft
        ("À compléter.", "…") is not a section: readers never see it. Contacts have their own block."""
        return [
            (label, getattr(self, name))
            for name, label in SECTIONS
            if name != "contacts" and not is_placeholder(getattr(self, name))
        ]

    @property
    def contacts_text(self) -> str:
        return "" if is_placeholder(self.contacts) else self.contacts

    @property
    def was_updated_after_publication(self) -> bool:
        return bool(self.published_at and self.updated_at.date() > self.published_at.date())


class ExperienceVersion(models.Model):
    """A snapshot of the text at each save: the history of versions."""

    experience = models.ForeignKey(Experience, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("version")
    data = models.JSONField("contenu")
    author = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    note = models.CharField("note", max_length=200, blank=True)
    created_at = models.DateTimeField("enregistrée le", auto_now_add=True)

    class Meta:
        verbose_name = "version"
        verbose_name_plural = "versions"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["experience", "number"], name="experienceversion_unique")
        ]

    def __str__(self):
        return f"{self.experience} — v{self.number}"

    def sections(self):
        return [(label, self.data.get(name, "")) for name, label in SECTIONS if self.data.get(name)]


def attachment_path(instance, filename):  # referenced by migration 0001 only
    return f"experiences/{instance.experience_id}/{filename}"


# Images shown in the report, or documents to download; private files (apps.core.files), read by
# whoever may read the experience (perms.FILES).
ATTACHMENT_POLICY = files.UploadPolicy(
    extensions=("jpg", "jpeg", "png", "webp", *files.OFFICE), max_bytes=5 * files.MB
)


class ExperienceAttachment(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", "Image"
        DOCUMENT = "document", "Document"

    experience = models.ForeignKey(Experience, models.CASCADE, related_name="attachments")
    file = files.PrivateFileField(
        "fichier", upload_to=files.RandomName("experiences"), validators=[ATTACHMENT_POLICY]
    )
    original_name = models.CharField("nom du fichier déposé", max_length=255, blank=True)
    title = models.CharField("titre", max_length=200)
    kind = models.CharField("nature", max_length=10, choices=Kind.choices)
    alt = models.CharField(
        "texte alternatif", max_length=250, blank=True, help_text="Pour une image : ce qu'elle montre."
    )
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"
        ordering = ["created_at"]

    def __str__(self):
        return self.title
