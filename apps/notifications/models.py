"""In-app notifications and their email delivery (immediate or digest), per person and per kind."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Kind(models.TextChoices):
    SOLICITATION = "solicitation", "On me sollicite comme expert·e"
    ANSWER = "answer", "Nouvelle réponse à une question que je suis"
    ACCEPTED = "accepted", "Ma réponse est acceptée"
    GROUP = "group", "Vie de mes groupes (demandes, nouvelles discussions)"
    MODERATION = "moderation", "Modération (animation)"
    REQUEST = "request", "Demandes de rattachement à mes organisations (référent·es)"
    FOLLOW = "follow", "Nouveautés de ce que je suis (thématiques, territoires, organisations, personnes)"


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "Courriel immédiat"
    DAILY = "daily", "Résumé quotidien"
    WEEKLY = "weekly", "Résumé hebdomadaire"
    NONE = "none", "Pas de courriel (seulement sur le site)"


# What a person gets before choosing: being solicited deserves an immediate email, the rest a digest.
DEFAULT_FREQUENCY = {
    Kind.SOLICITATION: Frequency.IMMEDIATE,
    Kind.ANSWER: Frequency.DAILY,
    Kind.ACCEPTED: Frequency.DAILY,
    Kind.GROUP: Frequency.DAILY,
    Kind.MODERATION: Frequency.DAILY,
    # The référent·es already get an email for each request (directory/emails/membership_request_new).
    Kind.REQUEST: Frequency.NONE,
    # Follows (apps.mailing.follows): a weekly digest unless the person asks for more.
    Kind.FOLLOW: Frequency.WEEKLY,
}


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications")
    kind = models.CharField("nature", max_length=20, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # What happened to the object ("answer-12", "round-2"...): with the rest, makes a notification unique.
    event = models.CharField(max_length=80)
    title = models.CharField("intitulé", max_length=300)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Chosen at creation time from the recipient's preferences; "none" never gets an email.
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.DAILY)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "notification"
        verbose_name_plural = "notifications"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "content_type", "object_id", "event"], name="notification_once"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["frequency", "emailed_at"]),
        ]

    def __str__(self):
        return self.title


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)

    class Meta:
        verbose_name = "préférence de notification"
        verbose_name_plural = "préférences de notification"
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind} : {self.frequency}"
