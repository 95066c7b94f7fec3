"""Date polls (Framadate-like): options, answers oui / si nécessaire / non, comments."""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from apps.core.models import optional_fk
from apps.directory.models import unique_slug


class PollQuerySet(models.QuerySet):
    def visible_to(self, user) -> Self:
        from apps.polls.perms import is_animator, is_member

        if is_animator(user):
            return self.all()
        if not is_member(user):
            return self.none()
        return self.all()

    def open(self) -> Self:
        now = timezone.now()
        return self.filter(is_closed=False).filter(Q(deadline__isnull=True) | Q(deadline__gt=now))


class Poll(models.Model):
    title = models.CharField("titre", max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField("description", blank=True, help_text="Markdown simple accepté.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="created_polls",
        verbose_name="créé par",
    )
    deadline = models.DateTimeField("date limite de réponse", null=True, blank=True)
    hidden_answers = models.BooleanField(
        "réponses masquées",
        default=False,
        help_text="Seul·es l'auteur·rice du sondage et l'équipe d'animation voient qui a répondu quoi ; "
        "les autres ne voient que les totaux.",
    )
    is_closed = models.BooleanField("clos", default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    final_option = optional_fk("PollOption", related_name="+", verbose_name="option retenue")
    event = optional_fk("events.Event", related_name="polls", verbose_name="événement créé")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PollQuerySet.as_manager()

    class Meta:
        verbose_name = "sondage de dates"
        verbose_name_plural = "sondages de dates"
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Poll, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("polls:detail", kwargs={"slug": self.slug})

    @property
    def is_open(self) -> bool:
        return not self.is_closed and (self.deadline is None or self.deadline > timezone.now())


def _hour(moment) -> str:
    return f"{moment.hour}h{moment.minute:02d}"


class PollOption(models.Model):
    """A date (start only, at midnight, `all_day`), a time slot (start and end) or free text."""

    poll = models.ForeignKey(Poll, models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField("intitulé", max_length=200, blank=True)
    start = models.DateTimeField("début", null=True, blank=True)
    end = models.DateTimeField("fin", null=True, blank=True)
    all_day = models.BooleanField(default=False)

    class Meta:
        verbose_name = "option"
        verbose_name_plural = "options"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.display

    @property
    def display(self) -> str:
        """« mardi 14 septembre 2027, 9h00–12h00 (en visio) »: the weekday and the year, always."""
        if self.start is None:
            return self.label
        text = self.day_label
        if not self.all_day:
            text += f", {self.slot_label}"
        return f"{text} ({self.label})" if self.label else text

    @property
    def day_key(self):
        return timezone.localtime(self.start).date() if self.start else self.label

    @property
    def day_label(self) -> str:
        if self.start is None:
            return self.label
        return date_format(timezone.localtime(self.start), "l j F Y")

    @property
    def slot_label(self) -> str:
        """The time slot within the day, or « Toute la journée »."""
        if self.start is None:
            return ""
        if self.all_day:
            return "Toute la journée"
        text = _hour(timezone.localtime(self.start))
        if self.end:
            text += f"–{_hour(timezone.localtime(self.end))}"
        return text


class AnswerValue(models.TextChoices):
    YES = "yes", "Oui"
    MAYBE = "maybe", "Si nécessaire"
    NO = "no", "Non"


class PollAnswer(models.Model):
    poll = models.ForeignKey(Poll, models.CASCADE, related_name="answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="poll_answers")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "réponse"
        verbose_name_plural = "réponses"
        ordering = ["updated_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["poll", "user"], name="poll_answer_unique")]

    def __str__(self):
        return f"{self.user} — {self.poll}"


class PollChoice(models.Model):
    answer = models.ForeignKey(PollAnswer, models.CASCADE, related_name="choices")
    option = models.ForeignKey(PollOption, models.CASCADE, related_name="choices")
    value = models.CharField(max_length=5, choices=AnswerValue.choices)

    class Meta:
        verbose_name = "choix"
        verbose_name_plural = "choix"
        constraints = [models.UniqueConstraint(fields=["answer", "option"], name="poll_choice_unique")]

    def __str__(self):
        return f"{self.option_id}: {self.value}"


class PollComment(models.Model):
    poll = models.ForeignKey(Poll, models.CASCADE, related_name="comments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    text = models.TextField("commentaire", max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "commentaire"
        verbose_name_plural = "commentaires"
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:50]


class PollInvitee(models.Model):
    """A person asked to answer the poll: the organisers follow who has answered and who has not.
    (Telling them is the messaging's job; this list is who is expected.)"""

    poll = models.ForeignKey(Poll, models.CASCADE, related_name="invitees", verbose_name="sondage")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="poll_invitations", verbose_name="personne"
    )
    invited_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+", verbose_name="invitée par")
    invited_at = models.DateTimeField("invitée le", auto_now_add=True)

    class Meta:
        verbose_name = "personne invitée"
        verbose_name_plural = "personnes invitées"
        ordering = ["poll", "invited_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["poll", "user"], name="poll_invitee_unique")]

    def __str__(self):
        return f"{self.user} — {self.poll}"
