"""Arbitrage questionnaires sent to delegations: one answer per delegation, with history."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from apps.core.models import optional_fk
from apps.directory.models import unique_slug

DEFAULT_GRID_COLUMNS = "Techniciens\nÉlus\nPartenaires\nDDT"


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    OPEN = "open", "Envoyé aux délégations"
    CLOSED = "closed", "Clos"


class Questionnaire(models.Model):
    programme = optional_fk("programmes.Programme", related_name="questionnaires", verbose_name="parcours")
    title = models.CharField("titre", max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    intro = models.TextField("introduction", blank=True, help_text="Markdown simple accepté.")
    deadline = models.DateTimeField("date limite", null=True, blank=True)
    status = models.CharField(
        "état", max_length=10, choices=QuestionnaireStatus.choices, default=QuestionnaireStatus.DRAFT
    )
    delegations = models.ManyToManyField(
        "directory.Organisation", blank=True, related_name="questionnaires", verbose_name="délégations"
    )
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    last_reminder_at = models.DateTimeField("dernière relance", null=True, blank=True)

    class Meta:
        verbose_name = "questionnaire d'arbitrages"
        verbose_name_plural = "questionnaires d'arbitrages"
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Questionnaire, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("arbitrages:detail", kwargs={"slug": self.slug})

    @property
    def accepts_answers(self) -> bool:
        return self.status == QuestionnaireStatus.OPEN and (
            self.deadline is None or self.deadline > timezone.now()
        )


class QuestionKind(models.TextChoices):
    YES_NO = "yes_no", "Oui / non"
    SINGLE = "single", "Choix unique"
    MULTIPLE = "multiple", "Choix multiples"
    TEXT = "text", "Texte libre"
    DATE = "date", "Date"
    GRID = "grid", "Grille de disponibilités (dates × catégories d'acteurs)"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ArbitrageQuestion(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    kind = models.CharField("type", max_length=10, choices=QuestionKind.choices)
    label = models.TextField("question")
    short_label = models.CharField("titre court", max_length=80, help_text="Pour le tableau récapitulatif.")
    help_text = models.TextField("aide", blank=True)
    required = models.BooleanField("réponse obligatoire", default=True)
    choices = models.TextField("choix (un par ligne)", blank=True)
    grid_rows = models.TextField("lignes de la grille : dates ou créneaux (une par ligne)", blank=True)
    grid_columns = models.TextField(
        "colonnes de la grille : catégories d'acteurs (une par ligne)",
        blank=True,
        default=DEFAULT_GRID_COLUMNS,
    )

    class Meta:
        verbose_name = "question"
        verbose_name_plural = "questions"
        ordering = ["questionnaire", "position", "pk"]

    def __str__(self):
        return self.short_label

    @property
    def choice_list(self) -> list[str]:
        return _lines(self.choices)

    @property
    def row_list(self) -> list[str]:
        return _lines(self.grid_rows)

    @property
    def column_list(self) -> list[str]:
        return _lines(self.grid_columns)

    def format_answer(self, value) -> str:
        """A stored answer in words (recap table, exports). Empty string = no answer."""
        if value in (None, "", [], {}):
            return ""
        if self.kind == QuestionKind.YES_NO:
            return {"yes": "Oui", "no": "Non"}.get(value, "")
        if self.kind == QuestionKind.MULTIPLE:
            return ", ".join(value)
        if self.kind == QuestionKind.GRID:
            parts = [f"{row} : {', '.join(cols)}" for row, cols in value.items() if cols]
            return " ; ".join(parts) or "aucune disponibilité"
        if self.kind == QuestionKind.DATE:
            try:
                from datetime import date

                return date.fromisoformat(value).strftime("%d/%m/%Y")
            except ValueError:
                return value
        return str(value)


class ArbitrageResponse(models.Model):
    """The single answer of a delegation; every save keeps a revision."""

    questionnaire = models.ForeignKey(Questionnaire, models.CASCADE, related_name="responses")
    # PROTECT: an organisation with answers is history: it is kept, never deleted.
    delegation = models.ForeignKey(
        "directory.Organisation", models.PROTECT, related_name="arbitrage_responses"
    )
    answers = models.JSONField("réponses", default=dict)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = "réponse de délégation"
        verbose_name_plural = "réponses de délégations"
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "delegation"], name="arbitrage_response_unique")
        ]

    def __str__(self):
        return f"{self.delegation} — {self.questionnaire}"


class ArbitrageResponseRevision(models.Model):
    response = models.ForeignKey(ArbitrageResponse, models.CASCADE, related_name="revisions")
    answers = models.JSONField(default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "version de réponse"
        verbose_name_plural = "versions de réponses"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.response} ({self.created_at:%d/%m/%Y %H:%M})"
