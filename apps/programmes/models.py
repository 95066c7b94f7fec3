"""Programmes ("parcours"): phases of sessions, enrolled delegations, support files."""

from django.db import models
from django.urls import reverse

from apps.core.models import optional_fk
from apps.directory.models import unique_slug


class Programme(models.Model):
    title = models.CharField("titre", max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    summary = models.CharField("résumé", max_length=300, blank=True)
    description = models.TextField("présentation", blank=True, help_text="Markdown simple accepté.")
    organiser = optional_fk("directory.Organisation", related_name="programmes", verbose_name="porté par")
    start_date = models.DateField("début", null=True, blank=True)
    end_date = models.DateField("fin", null=True, blank=True)
    support_questions = models.TextField(
        "questions de la note de qualification",
        blank=True,
        help_text="Une question par ligne : chaque délégation y répond dans sa note de qualification.",
    )
    resources = models.ManyToManyField(
        "resources.Resource", blank=True, related_name="programmes", verbose_name="ressources partagées"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "parcours"
        verbose_name_plural = "parcours"
        ordering = ["-start_date", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Programme, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("programmes:detail", kwargs={"slug": self.slug})

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.support_questions.splitlines() if line.strip()]


class Phase(models.Model):
    programme = models.ForeignKey(Programme, models.CASCADE, related_name="phases", verbose_name="parcours")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    title = models.CharField("titre", max_length=200)
    description = models.TextField("description", blank=True)
    events = models.ManyToManyField(
        "events.Event", blank=True, related_name="programme_phases", verbose_name="sessions"
    )

    class Meta:
        verbose_name = "phase"
        verbose_name_plural = "phases"
        ordering = ["programme", "position", "pk"]

    def __str__(self):
        return self.title


class Enrolment(models.Model):
    """A delegation enrolled in the programme: an organisation (or a territory team) and its members."""

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="enrolments", verbose_name="parcours"
    )
    # PROTECT: an enrolment carries its support history; the organisation cannot be deleted under it.
    organisation = models.ForeignKey(
        "directory.Organisation", models.PROTECT, related_name="enrolments", verbose_name="délégation"
    )
    label = models.CharField(
        "nom court", max_length=100, blank=True, help_text="Par exemple le nom du territoire : « Annecy »."
    )
    members = models.ManyToManyField(
        "directory.Person", blank=True, related_name="delegations", verbose_name="membres de la délégation"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "délégation"
        verbose_name_plural = "délégations"
        ordering = ["programme", "label"]
        constraints = [models.UniqueConstraint(fields=["programme", "organisation"], name="enrolment_unique")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:delegation", kwargs={"slug": self.programme.slug, "pk": self.pk})

    @property
    def name(self) -> str:
        return self.label or self.organisation.name


class SupportStatus(models.TextChoices):
    TO_QUALIFY = "to_qualify", "À qualifier"
    QUALIFIED = "qualified", "Qualifié"
    IN_PROGRESS = "in_progress", "En cours"
    DONE = "done", "Terminé"


class SupportFile(models.Model):
    """The territorialised support of one delegation: subject, expert, budget in days."""

    enrolment = models.OneToOneField(
        Enrolment, models.CASCADE, related_name="support", verbose_name="délégation"
    )
    subject = models.TextField("sujet de l'accompagnement", blank=True)
    expert = models.CharField("expert·e", max_length=200, blank=True)
    budget_days = models.DecimalField("budget (jours)", max_digits=5, decimal_places=1, default=0)
    used_days = models.DecimalField("jours consommés", max_digits=5, decimal_places=1, default=0)
    status = models.CharField(
        "état", max_length=12, choices=SupportStatus.choices, default=SupportStatus.TO_QUALIFY
    )
    qualification_note = models.TextField(
        "note de qualification",
        blank=True,
        help_text="Markdown simple accepté : répondez aux questions du parcours.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "dossier d'accompagnement"
        verbose_name_plural = "dossiers d'accompagnement"
        constraints = [
            models.CheckConstraint(condition=models.Q(used_days__gte=0), name="support_used_days_positive"),
            models.CheckConstraint(condition=models.Q(budget_days__gte=0), name="support_budget_positive"),
        ]

    def __str__(self):
        return f"Accompagnement — {self.enrolment}"

    @property
    def progress(self) -> int:
        """Share of the budget used, in percent (capped at 100 for the progress bar)."""
        if not self.budget_days:
            return 0
        return min(100, int(self.used_days * 100 / self.budget_days))


class SupportDay(models.Model):
    """One accompaniment day (or half-day) given to a delegation, with its notes. When days are
    logged, the support file's `used_days` is their sum (kept by the services)."""

    support = models.ForeignKey(
        SupportFile, models.CASCADE, related_name="days", verbose_name="dossier d'accompagnement"
    )
    date = models.DateField("date")
    days = models.DecimalField("durée (jours)", max_digits=4, decimal_places=1, default=1)
    expert = models.CharField("expert·e", max_length=200, blank=True)
    notes = models.TextField("compte rendu", blank=True, help_text="Markdown simple accepté.")
    created_by = optional_fk("accounts.User", related_name="+", verbose_name="saisie par")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "journée d'accompagnement"
        verbose_name_plural = "journées d'accompagnement"
        ordering = ["support", "-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(days__gt=0), name="support_day_positive"),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.support.enrolment}"
