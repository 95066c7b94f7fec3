"""A workshop day (séance) and its ateliers, as a network runs them: a plenary, then thematic
ateliers, each with its questions, facilitators and tables; proposals (piste d'orientation /
action proposée / objectifs poursuivis) come from an atelier, optionally a table and a question.

The booklet is never stored as text: figures, ideas and tables are computed at render from these
rows. What the coordinator writes (introduction, strong ideas, next steps, wording of a figure)
lives in its own fields and is never overwritten by the platform.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from apps.core import files
from apps.core.french import normalize
from apps.core.models import optional_fk, unique_when_set
from apps.directory.models import OrganisationType, PersonCategory

LOGO_POLICY = files.UploadPolicy(extensions=files.IMAGES, max_bytes=2 * files.MB)
BOOKLET_FILE_POLICY = files.UploadPolicy(extensions=("pdf", "odt", "docx"), max_bytes=100 * files.MB)


def clean_name(value: str) -> str:
    """A name as typed, with runs of spaces collapsed: « Table  2 » and « Table 2 » are one table."""
    return " ".join((value or "").split())


def name_key(value: str) -> str:
    """Comparison key of a name: case, accents, spaces and punctuation ignored."""
    return normalize(value or "").strip()


def unique_slug(text: str) -> str:
    base = slugify(text)[:180] or "journee"
    slug, n = base, 2
    while WorkshopDay.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


class NamedByKey:
    """A row named by its `NAME_FIELD`, unique by the `name_key` of that name within its parent:
    the name is tidied and its key computed on every save."""

    NAME_FIELD = "name"
    name_key: str

    def __str__(self) -> str:
        return getattr(self, self.NAME_FIELD)

    def save(self, *args, **kwargs):
        name = clean_name(getattr(self, self.NAME_FIELD))
        setattr(self, self.NAME_FIELD, name)
        self.name_key = name_key(name)
        super().save(*args, **kwargs)  # type: ignore[misc]  # mixed into a Model


class WorkshopDayQuerySet(models.QuerySet):
    def visible_to(self, user):
        from apps.workshops import perms

        if perms.is_animator(user):
            return self.all()
        if perms.is_member(user):
            return self.filter(is_published=True)
        return self.none()


class WorkshopDay(models.Model):
    """A séance: one date, one place, one or several ateliers. Draft until published."""

    title = models.CharField("titre", max_length=255)
    slug = models.SlugField("adresse", max_length=200, unique=True)
    held_on = models.DateField("date")
    place = models.CharField("lieu", max_length=255, blank=True)
    introduction = models.TextField("présentation", blank=True, help_text="Markdown simple accepté.")
    event = optional_fk(
        "events.Event",
        related_name="workshop_days",
        verbose_name="événement de l'agenda",
        help_text="Pour reprendre ses inscriptions comme participant·es.",
    )
    is_published = models.BooleanField(
        "publiée", default=False, help_text="Tant qu'elle n'est pas publiée, seule l'animation la voit."
    )
    # Booklet texts written by the coordinator: never replaced by the platform.
    booklet_title = models.CharField("titre du livret", max_length=255, blank=True)
    booklet_introduction = models.TextField(
        "introduction du livret", blank=True, help_text="Markdown simple accepté."
    )
    next_steps = models.TextField("prochaines étapes", blank=True, help_text="Markdown simple accepté.")
    # {figure key: {"wording": "plus de 50", "hidden": true}} — see apps.workshops.figures.
    figure_settings = models.JSONField("réglages des chiffres", default=dict, blank=True)
    # Every write through services.py bumps `data_version`; files record the version they show.
    data_version = models.PositiveIntegerField(default=1, editable=False)
    data_changed_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WorkshopDayQuerySet.as_manager()

    class Meta:
        verbose_name = "journée d'ateliers"
        verbose_name_plural = "journées d'ateliers"
        ordering = ["-held_on", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("workshops:day", kwargs={"slug": self.slug})


class WorkshopOrganiser(models.Model):
    class Role(models.TextChoices):
        ORGANISER = "organiser", "Organisateur"
        CO_ORGANISER = "co_organiser", "Co-organisateur"

    day = models.ForeignKey(WorkshopDay, models.CASCADE, related_name="organisers")
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.ORGANISER)
    name = models.CharField("nom", max_length=255)
    organisation = optional_fk("directory.Organisation", related_name="+", verbose_name="fiche de l'annuaire")
    logo = files.PrivateImageField(
        "logo", upload_to=files.RandomName("workshops/logos"), blank=True, validators=[LOGO_POLICY]
    )
    original_name = models.CharField(max_length=255, blank=True, editable=False)
    position = models.PositiveSmallIntegerField("ordre", default=1)

    class Meta:
        verbose_name = "organisateur"
        verbose_name_plural = "organisateurs"
        ordering = ["role", "position", "pk"]

    def __str__(self):
        return self.name


class WorkshopAtelier(NamedByKey, models.Model):
    NAME_FIELD = "title"
    day = models.ForeignKey(WorkshopDay, models.CASCADE, related_name="ateliers", verbose_name="journée")
    position = models.PositiveSmallIntegerField("numéro", default=1)
    title = models.CharField("titre", max_length=255)
    name_key = models.CharField(max_length=255, editable=False, db_index=True)
    theme = optional_fk("themes.Theme", related_name="+", verbose_name="thématique")
    facilitators = models.CharField(
        "animation de l'atelier",
        max_length=500,
        blank=True,
        help_text="Noms des animateur·rices, séparés par des virgules.",
    )
    introduction = models.TextField("présentation", blank=True, help_text="Markdown simple accepté.")
    # The coordinator's synthesis: one strong idea per line; never filled by the platform.
    strong_ideas = models.TextField("idées fortes", blank=True, help_text="Une idée par ligne.")
    voting_open = models.BooleanField("vote aux gommettes ouvert", default=False)
    votes_per_participant = models.PositiveSmallIntegerField("gommettes par participant·e", default=3)
    synthesis = models.TextField("synthèse", blank=True, help_text="Markdown simple accepté.")

    class Meta:
        verbose_name = "atelier"
        verbose_name_plural = "ateliers"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["day", "name_key"], name="workshopatelier_unique_name")
        ]

    def get_absolute_url(self):
        return reverse("workshops:atelier", kwargs={"slug": self.day.slug, "pk": self.pk})

    @property
    def facilitator_list(self) -> list[str]:
        return [name.strip() for name in self.facilitators.replace(";", ",").split(",") if name.strip()]

    @property
    def strong_idea_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.strong_ideas.splitlines() if line.strip(" -•\t")]


class WorkshopQuestion(models.Model):
    atelier = models.ForeignKey(
        WorkshopAtelier, models.CASCADE, related_name="questions", verbose_name="atelier"
    )
    position = models.PositiveSmallIntegerField("numéro", default=1)
    text = models.CharField("question", max_length=500)

    class Meta:
        verbose_name = "question d'atelier"
        verbose_name_plural = "questions d'atelier"
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.position}. {self.text}"


class WorkshopTable(NamedByKey, models.Model):
    atelier = models.ForeignKey(
        WorkshopAtelier, models.CASCADE, related_name="tables", verbose_name="atelier"
    )
    name = models.CharField("nom de la table", max_length=120)
    name_key = models.CharField(max_length=120, editable=False)
    questions = models.ManyToManyField(
        WorkshopQuestion, blank=True, related_name="tables", verbose_name="questions traitées"
    )

    class Meta:
        verbose_name = "table"
        verbose_name_plural = "tables"
        ordering = ["name_key", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["atelier", "name_key"], name="workshoptable_unique_name")
        ]


class WorkshopImportBatch(models.Model):
    """One import (proposals or participants): undone in one click, replaced rows restored."""

    class Kind(models.TextChoices):
        PROPOSALS = "proposals", "Propositions"
        PARTICIPANTS = "participants", "Participant·es"

    day = models.ForeignKey(WorkshopDay, models.CASCADE, related_name="import_batches")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    source = models.CharField("source", max_length=255)
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    added = models.PositiveIntegerField(default=0)
    replaced = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    # Previous values of the rows this import replaced, restored by the undo.
    previous = models.JSONField(default=list, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "import"
        verbose_name_plural = "imports"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.source}"


class WorkshopParticipant(models.Model):
    day = models.ForeignKey(WorkshopDay, models.CASCADE, related_name="participants")
    name = models.CharField("nom", max_length=200)
    category = models.CharField("catégorie", max_length=20, choices=PersonCategory.choices)
    organisation = optional_fk(
        "directory.Organisation", related_name="+", verbose_name="organisation de l'annuaire"
    )
    organisation_name = models.CharField(
        "organisation (hors annuaire)",
        max_length=255,
        blank=True,
        help_text="Quand elle n'est pas dans l'annuaire.",
    )
    organisation_type = models.CharField(
        "type d'organisation",
        max_length=20,
        choices=OrganisationType.choices,
        blank=True,
        help_text="Pris dans l'annuaire quand l'organisation y figure.",
    )
    atelier = optional_fk(WorkshopAtelier, related_name="participants", verbose_name="atelier")
    registration = optional_fk("events.Registration", related_name="+", editable=False)
    batch = optional_fk(WorkshopImportBatch, related_name="participants")

    class Meta:
        verbose_name = "participant·e"
        verbose_name_plural = "participant·es"
        ordering = ["name", "pk"]
        constraints = [
            unique_when_set("day", "registration", name="workshopparticipant_one_per_registration")
        ]

    def __str__(self):
        return self.name

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name

    @property
    def organisation_key(self) -> str:
        """Identity of the organisation for distinct counts: the directory row, else its name."""
        if self.organisation_id:
            return f"id:{self.organisation_id}"
        return f"name:{name_key(self.organisation_name)}" if self.organisation_name.strip() else ""


def proposal_fingerprint(orientation: str, action: str, objectives: str) -> str:
    """Near-duplicate key: case, accents, spaces and punctuation ignored (« co-voiturage » =
    « covoiturage »), field by field."""
    return "|".join(name_key(v).replace(" ", "") for v in (orientation, action, objectives))


class WorkshopProposal(models.Model):
    """One row of an annex table: piste d'orientation / action proposée / objectifs poursuivis."""

    atelier = models.ForeignKey(
        WorkshopAtelier, models.CASCADE, related_name="proposals", verbose_name="atelier"
    )
    table = optional_fk(WorkshopTable, related_name="proposals", verbose_name="table")
    question = optional_fk(WorkshopQuestion, related_name="proposals", verbose_name="question")
    orientation = models.TextField("piste d'orientation", blank=True)
    action = models.TextField("action proposée", blank=True)
    objectives = models.TextField("objectifs poursuivis", blank=True)
    fingerprint = models.CharField(max_length=2000, editable=False, db_index=True)
    is_highlighted = models.BooleanField(
        "proposition forte", default=False, help_text="Mise en avant dans le livret."
    )
    batch = optional_fk(WorkshopImportBatch, related_name="proposals")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "proposition"
        verbose_name_plural = "propositions"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(orientation="") | ~Q(action="") | ~Q(objectives=""),
                name="workshopproposal_not_empty",
            )
        ]

    def __str__(self):
        return (self.orientation or self.action or self.objectives)[:80]

    def save(self, *args, **kwargs):
        self.fingerprint = proposal_fingerprint(self.orientation, self.action, self.objectives)
        super().save(*args, **kwargs)


class WorkshopBookletFile(models.Model):
    """A file produced from the day by the worker. `data_version` is the day's version it shows:
    when the day has changed since, the page says so next to the download."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        ODT = "odt", "ODT"
        DOCX = "docx", "DOCX"

    day = models.ForeignKey(WorkshopDay, models.CASCADE, related_name="booklet_files")
    fmt = models.CharField("format", max_length=5, choices=Format.choices)
    file = files.PrivateFileField(
        "fichier", upload_to=files.RandomName("workshops/livrets"), validators=[BOOKLET_FILE_POLICY]
    )
    original_name = models.CharField(max_length=255, editable=False)
    data_version = models.PositiveIntegerField(editable=False)
    generated_at = models.DateTimeField(editable=False)
    render_seconds = models.FloatField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "fichier du livret"
        verbose_name_plural = "fichiers du livret"
        constraints = [
            models.UniqueConstraint(fields=["day", "fmt"], name="workshopbookletfile_one_per_format")
        ]

    def __str__(self):
        return self.original_name


class WorkshopRenderState(models.Model):
    """Production of the files of a day: requested once by the coordinator, then kept up to date
    by the worker (debounced)."""

    day = models.OneToOneField(WorkshopDay, models.CASCADE, related_name="render_state")
    requested_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    running_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "production des fichiers"
        verbose_name_plural = "productions des fichiers"

    def __str__(self):
        return str(self.day)


class WorkshopInitiative(models.Model):
    """An inspiring initiative shown in an atelier; participants pick 2–3 with dots (gommettes),
    then the selected ones are decomposed and put in perspective."""

    atelier = models.ForeignKey(
        WorkshopAtelier, models.CASCADE, related_name="initiatives", verbose_name="atelier"
    )
    title = models.CharField("initiative", max_length=255)
    territory_label = models.CharField("territoire porteur", max_length=255, blank=True)
    description = models.TextField("description", blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=1)
    paper_votes = models.PositiveSmallIntegerField(
        "gommettes en séance", default=0, help_text="Votes sur papier, ajoutés aux votes en ligne."
    )
    is_selected = models.BooleanField("retenue", default=False)
    how_it_works = models.TextField("fonctionnement de l'initiative", blank=True)
    context = models.TextField("contexte", blank=True)
    resources = models.TextField("ressources mobilisées", blank=True)
    to_reproduce = models.TextField("ce qui pourrait être reproduit", blank=True)
    to_improve = models.TextField("ce qui pourrait être amélioré", blank=True)
    conditions = models.TextField("dans quelles conditions", blank=True)

    class Meta:
        verbose_name = "initiative"
        verbose_name_plural = "initiatives"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class WorkshopVote(models.Model):
    initiative = models.ForeignKey(WorkshopInitiative, models.CASCADE, related_name="votes")
    # SET_NULL: a workshop's results must not change after the fact when an account is deleted.
    user = optional_fk(settings.AUTH_USER_MODEL, related_name="workshop_votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "gommette"
        verbose_name_plural = "gommettes"
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="workshopvote_unique_per_initiative")
        ]

    def __str__(self):
        return f"{self.user} → {self.initiative}"
