"""Mentoring between peers: who offers to accompany whom, on which theme, and how it went."""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from apps.core.models import optional_fk


class MentorProfileQuerySet(models.QuerySet):
    def offering(self) -> Self:
        """Mentors who can be proposed: active offer, active account, listed in the directory."""
        return self.filter(
            is_active=True,
            user__is_active=True,
            user__person__directory_consent=True,
            user__person__is_removed=False,
        )


class MentorProfile(models.Model):
    """A member offers to accompany peers on some themes, within a capacity."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="mentor_profile")
    themes = models.ManyToManyField(
        "themes.Theme", related_name="mentor_profiles", verbose_name="thématiques sur lesquelles j'accompagne"
    )
    capacity = models.PositiveSmallIntegerField(
        "au plus N parrainages en même temps",
        default=2,
        help_text="Entre 1 et 10 (demandes en attente comprises).",
    )
    paused_until = models.DateField(
        "ne pas me proposer jusqu'au",
        null=True,
        blank=True,
        help_text="Laissez vide si vous êtes disponible.",
    )
    offer = models.TextField(
        "ce que je peux partager",
        blank=True,
        help_text="Votre expérience, ce que vous avez fait, ce que vous pouvez transmettre. Markdown simple accepté.",
    )
    is_active = models.BooleanField("je propose d'accompagner des pairs", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MentorProfileQuerySet.as_manager()

    class Meta:
        verbose_name = "marraine ou parrain"
        verbose_name_plural = "marraines et parrains"
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=10), name="mentor_capacity_range"
            )
        ]

    def __str__(self):
        return str(self.user)


class Status(models.TextChoices):
    REQUESTED = "requested", "Demande en attente de réponse"
    ACCEPTED = "accepted", "En cours"
    DECLINED = "declined", "Déclinée"
    WITHDRAWN = "withdrawn", "Retirée"
    EXPIRED = "expired", "Restée sans réponse"
    CLOSED = "closed", "Terminé"


# A request or a mentorship in progress takes one of the mentor's places.
OPEN_STATUSES = (Status.REQUESTED, Status.ACCEPTED)


class Exchanged(models.TextChoices):
    YES = "yes", "Oui, nous avons échangé"
    NOT_YET = "not_yet", "Pas encore"


FOLLOW_UP_CHOICES = [(15, "15 jours"), (30, "un mois"), (60, "deux mois"), (90, "trois mois")]


class MentorshipQuerySet(models.QuerySet):
    def open(self) -> Self:
        return self.filter(status__in=OPEN_STATUSES)

    def involving(self, user) -> Self:
        return self.filter(Q(mentee=user) | Q(mentor=user))


class Mentorship(models.Model):
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="mentorships_as_mentee",
        verbose_name="filleul·e",
    )
    mentee_organisation = optional_fk("directory.Organisation", related_name="+")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="mentorships_as_mentor",
        verbose_name="marraine ou parrain",
    )
    mentor_organisation = optional_fk("directory.Organisation", related_name="+")
    theme = models.ForeignKey(
        "themes.Theme", models.PROTECT, related_name="mentorships", verbose_name="thématique"
    )
    goal = models.TextField("ce que je souhaite apprendre")
    reason = models.CharField("pourquoi cette personne a été proposée", max_length=600, blank=True)
    status = models.CharField(
        "état", max_length=10, choices=Status.choices, default=Status.REQUESTED, db_index=True
    )
    answer_message = models.TextField("message de réponse", blank=True)
    follow_up_days = models.PositiveSmallIntegerField(
        "relance « avez-vous pu échanger ? » au bout de", choices=FOLLOW_UP_CHOICES, default=30
    )
    follow_up_at = models.DateTimeField("relance prévue le", null=True, blank=True, db_index=True)
    follow_up_sent_at = models.DateTimeField("relance envoyée le", null=True, blank=True)
    exchanged = models.CharField(
        "avez-vous pu échanger ?", max_length=10, choices=Exchanged.choices, blank=True
    )
    exchanged_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField("note de clôture", blank=True)
    closed_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    experience = optional_fk("experiences.Experience", related_name="+", verbose_name="retour d'expérience")
    created_at = models.DateTimeField("demandé le", auto_now_add=True, db_index=True)
    answered_at = models.DateTimeField("réponse le", null=True, blank=True)
    introduced_at = models.DateTimeField("mise en relation le", null=True, blank=True)
    closed_at = models.DateTimeField("terminé le", null=True, blank=True)

    objects = MentorshipQuerySet.as_manager()

    class Meta:
        verbose_name = "parrainage"
        verbose_name_plural = "parrainages"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(mentee=F("mentor")), name="mentorship_not_self"),
            # One open request or mentorship per pair and theme.
            models.UniqueConstraint(
                fields=["mentee", "mentor", "theme"],
                condition=Q(status__in=["requested", "accepted"]),
                name="mentorship_open_once",
            ),
        ]
        indexes = [models.Index(fields=["mentor", "status"]), models.Index(fields=["status", "follow_up_at"])]

    def __str__(self):
        return f"{self.mentee} ← {self.mentor} ({self.theme})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("mentoring:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
