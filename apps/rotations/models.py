"""Meeting formats of an event: speed dating and world café table plans, round by round."""

import random
from datetime import timedelta
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from apps.core.models import optional_fk, unique_when_set
from apps.directory.models import PersonCategory


class Format(models.TextChoices):
    SPEED_DATING = "speed_dating", "Speed dating"
    WORLD_CAFE = "world_cafe", "World café"


def new_seed() -> int:
    return random.SystemRandom().randrange(1, 2**31)


class RotationPlanQuerySet(models.QuerySet):
    def published(self) -> Self:
        return self.filter(is_published=True)


class RotationPlan(models.Model):
    """One sequence of timed rounds at tables, for one event."""

    event = models.ForeignKey(
        "events.Event", models.CASCADE, related_name="rotation_plans", verbose_name="événement"
    )
    title = models.CharField("intitulé", max_length=200, help_text="Par exemple « Speed dating du matin ».")
    format = models.CharField("format", max_length=20, choices=Format.choices, default=Format.SPEED_DATING)
    tables = models.PositiveSmallIntegerField("nombre de tables")
    seats = models.PositiveSmallIntegerField("places par table")
    rounds = models.PositiveSmallIntegerField("nombre de tours")
    round_minutes = models.PositiveSmallIntegerField("durée d'un tour (minutes)", default=10)
    break_minutes = models.PositiveSmallIntegerField("battement entre deux tours (minutes)", default=2)
    starts_at = models.DateTimeField("début du premier tour", null=True, blank=True)
    table_labels = models.TextField(
        "noms ou sujets des tables",
        blank=True,
        help_text="Un par ligne, dans l'ordre des tables (facultatif). En world café : la question de chaque table.",
    )
    seed = models.PositiveIntegerField("tirage", default=new_seed)
    rounds_done = models.PositiveSmallIntegerField("tours déjà joués", default=0)
    is_published = models.BooleanField("visible des participant·es", default=False)
    metrics = models.JSONField("mesures du plan", default=dict, blank=True)
    generated_at = models.DateTimeField("plan calculé le", null=True, blank=True)
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RotationPlanQuerySet.as_manager()

    class Meta:
        verbose_name = "plan de rotations"
        verbose_name_plural = "plans de rotations"
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tables__gte=1) & Q(tables__lte=200), name="rotation_tables_range"
            ),
            models.CheckConstraint(condition=Q(seats__gte=2) & Q(seats__lte=30), name="rotation_seats_range"),
            models.CheckConstraint(
                condition=Q(rounds__gte=1) & Q(rounds__lte=30), name="rotation_rounds_range"
            ),
            models.CheckConstraint(
                condition=Q(rounds_done__lte=models.F("rounds")), name="rotation_done_le_rounds"
            ),
        ]

    def __str__(self):
        return f"{self.title} — {self.event}"

    @property
    def is_generated(self) -> bool:
        return self.generated_at is not None

    def table_label(self, table: int) -> str:
        """« Table 3 », or « Table 3 — Mobilité rurale » when the tables are named."""
        labels = [line.strip() for line in self.table_labels.splitlines()]
        name = labels[table - 1] if 0 < table <= len(labels) else ""
        return f"Table {table} — {name}" if name else f"Table {table}"

    def round_start(self, number: int):
        """Start of round `number` (1-based), in the event's time zone; None without a start time."""
        if self.starts_at is None:
            return None
        start = self.starts_at + timedelta(minutes=(number - 1) * (self.round_minutes + self.break_minutes))
        return timezone.localtime(start, self.event.tz)

    def round_end(self, number: int):
        start = self.round_start(number)
        return None if start is None else start + timedelta(minutes=self.round_minutes)


class Source(models.TextChoices):
    REGISTRATION = "registration", "Inscription à l'événement"
    IMPORT = "import", "Liste importée"
    MANUAL = "manual", "Ajout sur place"


class Participant(models.Model):
    plan = models.ForeignKey(RotationPlan, models.CASCADE, related_name="participants")
    user = optional_fk(settings.AUTH_USER_MODEL, related_name="rotation_participations")
    name = models.CharField("nom", max_length=200)
    organisation = optional_fk("directory.Organisation", related_name="+")
    organisation_name = models.CharField("organisation", max_length=255, blank=True)
    category = models.CharField(
        "catégorie d'acteurs", max_length=20, choices=PersonCategory.choices, blank=True
    )
    departement = models.CharField("département", max_length=10, blank=True, help_text="Code du département.")
    region = models.CharField("région", max_length=10, blank=True, help_text="Code de la région.")
    email = models.EmailField("adresse électronique", blank=True)
    host_table = models.PositiveSmallIntegerField(
        "anime la table", null=True, blank=True, help_text="Reste à cette table à chaque tour."
    )
    is_absent = models.BooleanField("absent·e", default=False)
    source = models.CharField("origine", max_length=20, choices=Source.choices, default=Source.MANUAL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "participant·e"
        verbose_name_plural = "participant·es"
        ordering = ["name", "pk"]
        constraints = [
            unique_when_set("plan", "user", name="rotation_participant_user_once"),
            unique_when_set("plan", "host_table", name="rotation_one_host_per_table"),
        ]

    def __str__(self):
        return self.name

    @property
    def organisation_key(self) -> str:
        """Same organisation = the same directory card, or the same name typed in a list."""
        if self.organisation_id:
            return f"#{self.organisation_id}"
        from apps.core.french import normalize

        return normalize(self.organisation_name)


class Seat(models.Model):
    plan = models.ForeignKey(RotationPlan, models.CASCADE, related_name="seatings")
    participant = models.ForeignKey(Participant, models.CASCADE, related_name="seats")
    round = models.PositiveSmallIntegerField("tour")
    table = models.PositiveSmallIntegerField("table")

    class Meta:
        verbose_name = "place"
        verbose_name_plural = "places"
        ordering = ["round", "table", "participant__name"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "round"], name="rotation_seat_once_per_round")
        ]
        indexes = [models.Index(fields=["plan", "round", "table"])]

    def __str__(self):
        return f"{self.participant} — tour {self.round}, table {self.table}"
