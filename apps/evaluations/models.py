"""The members' evaluation of the network: a questionnaire sent to an audience, answered once per
person (or per organisation), editable until it closes. See docs/evaluations.md."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from apps.core.models import optional_fk, unique_when_set
from apps.directory.models import OrganisationType, PersonCategory, unique_slug

# Below this many answers, a group's results are never shown for an anonymous survey: with four
# answers, people who know each other could tell who said what.
ANONYMITY_THRESHOLD = 5

DEFAULT_SCALE_LABELS = [
    "Pas du tout satisfait·e",
    "Peu satisfait·e",
    "Moyennement satisfait·e",
    "Satisfait·e",
    "Très satisfait·e",
]


class AudienceKind(models.TextChoices):
    ALL = "all", "Tous les membres du réseau"
    SEGMENT = "segment", "Une partie des membres (catégorie, type d'organisation, région)"
    EVENTS = "events", "Les participant·es de certains événements"


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publiée"


class SurveyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=SurveyStatus.PUBLISHED)

    def open_on(self, day):
        return self.published().filter(opens_on__lte=day, closes_on__gte=day)


class Survey(models.Model):
    title = models.CharField("titre", max_length=200)
    slug = models.SlugField("adresse", max_length=220, unique=True)
    introduction = models.TextField(
        "présentation", blank=True, help_text="Ce que les membres lisent avant de répondre (Markdown simple)."
    )
    status = models.CharField(
        "statut", max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT, db_index=True
    )
    opens_on = models.DateField("ouverture le")
    closes_on = models.DateField(
        "clôture le", help_text="Les réponses restent modifiables jusqu'à ce jour inclus."
    )
    is_anonymous = models.BooleanField(
        "anonyme",
        default=True,
        help_text=(
            "Les résultats ne montrent jamais qui a répondu quoi, et aucun groupe de moins de "
            f"{ANONYMITY_THRESHOLD} réponses n'est détaillé."
        ),
    )
    per_organisation = models.BooleanField(
        "une réponse par organisation",
        default=False,
        help_text="Sinon, une réponse par personne. Les membres d'une même organisation partagent alors la réponse.",
    )
    audience = models.CharField(
        "public", max_length=10, choices=AudienceKind.choices, default=AudienceKind.ALL
    )
    segment_categories = models.JSONField("catégories de personnes", default=list, blank=True)
    segment_organisation_types = models.JSONField("types d'organisation", default=list, blank=True)
    segment_region = optional_fk("territories.Territory", related_name="+", verbose_name="région")
    events = models.ManyToManyField(
        "events.Event", blank=True, related_name="evaluation_surveys", verbose_name="événements"
    )
    invitations_sent_at = models.DateTimeField("invitations envoyées le", null=True, blank=True)
    reminders_sent_at = models.DateTimeField("dernière relance le", null=True, blank=True)
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Bumped by every service that changes what the results show (answers, questions, settings):
    # the results page is cached under it (apps.evaluations.selectors.results_cached).
    results_generation = models.PositiveIntegerField(default=0, editable=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = "évaluation"
        verbose_name_plural = "évaluations"
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="survey_closes_after_opening"
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Survey, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("evaluations:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == SurveyStatus.PUBLISHED

    @property
    def is_open(self) -> bool:
        today = timezone.localdate()
        return self.is_published and self.opens_on <= today <= self.closes_on

    @property
    def is_closed(self) -> bool:
        return timezone.localdate() > self.closes_on

    @property
    def state_label(self) -> str:
        if not self.is_published:
            return "Brouillon"
        if self.is_open:
            return "Ouverte"
        return "Close" if self.is_closed else "À venir"

    def segment_categories_display(self) -> list[str]:
        labels = dict(PersonCategory.choices)
        return [labels.get(value, value) for value in self.segment_categories]

    def segment_organisation_types_display(self) -> list[str]:
        labels = dict(OrganisationType.choices)
        return [labels.get(value, value) for value in self.segment_organisation_types]


class QuestionKind(models.TextChoices):
    SCALE = "scale", "Échelle de 1 à 5"
    SINGLE = "single", "Choix unique"
    MULTIPLE = "multiple", "Choix multiple"
    TEXT = "text", "Texte libre"
    NPS = "nps", "Recommandation de 0 à 10"


class EvaluationQuestion(models.Model):
    survey = models.ForeignKey(Survey, models.CASCADE, related_name="questions", verbose_name="évaluation")
    position = models.PositiveIntegerField("ordre", default=0)
    kind = models.CharField("type", max_length=10, choices=QuestionKind.choices)
    label = models.CharField("question", max_length=300)
    help_text = models.CharField("précision", max_length=300, blank=True)
    required = models.BooleanField("réponse obligatoire", default=False)
    # SINGLE / MULTIPLE: the options; SCALE: the five labels (1 to 5).
    choices = models.JSONField("options", default=list, blank=True)

    class Meta:
        verbose_name = "question"
        verbose_name_plural = "questions"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label

    @property
    def scale_labels(self) -> list[str]:
        return (
            self.choices
            if self.kind == QuestionKind.SCALE and len(self.choices) == 5
            else DEFAULT_SCALE_LABELS
        )

    @property
    def is_numeric(self) -> bool:
        return self.kind in (QuestionKind.SCALE, QuestionKind.NPS)


class EvaluationResponse(models.Model):
    """One person's (or one organisation's) answer. The category of the person and the type of the
    organisation are kept as they were when answering: the breakdowns describe who answered then.
    For an anonymous survey, `user` only lets the person edit their answer until closing; results
    and exports never show it."""

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="responses", verbose_name="évaluation")
    user = optional_fk(settings.AUTH_USER_MODEL, related_name="evaluation_responses", verbose_name="personne")
    # Set only when the survey asks one answer per organisation (then `user` stays empty and any
    # member of the organisation in the audience edits the shared answer).
    organisation = optional_fk(
        "directory.Organisation", related_name="evaluation_responses", verbose_name="organisation"
    )
    organisation_name = models.CharField("organisation (au moment de répondre)", max_length=255, blank=True)
    person_category = models.CharField(
        "catégorie de la personne", max_length=20, choices=PersonCategory.choices, blank=True
    )
    organisation_type = models.CharField(
        "type d'organisation", max_length=20, choices=OrganisationType.choices, blank=True
    )
    updated_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField("répondu le", default=timezone.now)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "réponse"
        verbose_name_plural = "réponses"
        ordering = ["created_at", "pk"]
        constraints = [
            unique_when_set("survey", "user", name="response_one_per_person"),
            unique_when_set("survey", "organisation", name="response_one_per_organisation"),
        ]

    def __str__(self):
        return f"Réponse {self.pk} — {self.survey}"


class EvaluationAnswer(models.Model):
    response = models.ForeignKey(EvaluationResponse, models.CASCADE, related_name="answers")
    question = models.ForeignKey(EvaluationQuestion, models.CASCADE, related_name="answers")
    number = models.SmallIntegerField("note", null=True, blank=True)  # SCALE 1–5, NPS 0–10
    options = models.JSONField("options choisies", default=list, blank=True)  # SINGLE / MULTIPLE: indexes
    text = models.TextField("texte", blank=True)

    class Meta:
        verbose_name = "réponse à une question"
        verbose_name_plural = "réponses aux questions"
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_unique")]
        indexes = [models.Index(fields=["question", "number"])]

    def __str__(self):
        return f"{self.question} — réponse {self.response_id}"


class EvaluationInvitation(models.Model):
    """Who was invited and reminded: invitations and reminders are sent once per person."""

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    invited_at = models.DateTimeField("invité·e le", default=timezone.now)
    reminded_at = models.DateTimeField("relancé·e le", null=True, blank=True)

    class Meta:
        verbose_name = "invitation"
        verbose_name_plural = "invitations"
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="invitation_unique")]

    def __str__(self):
        return f"{self.user} — {self.survey}"
