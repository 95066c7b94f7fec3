"""Questions to the network, answers, moderation, expertise and fair routing records."""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from apps.core import files
from apps.core.models import CommentBase, optional_fk
from apps.groups.models import GroupMembership


class State(models.TextChoices):
    PUBLISHED = "published", "Publiée"
    PENDING = "pending", "En attente de modération"
    HIDDEN = "hidden", "Masquée par la modération"


class QuestionQuerySet(models.QuerySet):
    def visible_to(self, user) -> Self:
        """Questions `user` may read. A question of a group is for the group's active members only
        (network animators included: they do not read private groups). Network-wide questions are
        for logged-in members; pending/hidden ones for their author and animators."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        my_group_ids = GroupMembership.objects.filter(user=user, status=GroupMembership.Status.ACTIVE).values(
            "group_id"
        )
        scope = Q(group__isnull=True) | Q(group_id__in=my_group_ids)
        if user.is_animator:
            return self.filter(scope)
        animated = GroupMembership.objects.filter(
            user=user, status=GroupMembership.Status.ACTIVE, role=GroupMembership.Role.ANIMATOR
        ).values("group_id")
        return self.filter(scope).filter(Q(state=State.PUBLISHED) | Q(author=user) | Q(group_id__in=animated))

    def network(self) -> Self:
        return self.filter(group__isnull=True)

    def published(self) -> Self:
        return self.filter(state=State.PUBLISHED)

    def unanswered(self) -> Self:
        return self.filter(answer_count=0)


class Question(models.Model):
    title = models.CharField("titre", max_length=200)
    body = models.TextField("votre question en détail", help_text="Markdown simple accepté.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="questions",
        verbose_name="auteur·rice",
    )
    group = models.ForeignKey(
        "groups.Group",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name="groupe",
        help_text="Vide : question posée à tout le réseau.",
    )
    themes = models.ManyToManyField(
        "themes.Theme", blank=True, related_name="questions", verbose_name="thématiques"
    )
    territory = optional_fk("territories.Territory", related_name="+", verbose_name="territoire")
    experience = optional_fk(
        "experiences.Experience", related_name="+", verbose_name="retour d'expérience lié"
    )
    resource = optional_fk("resources.Resource", related_name="+", verbose_name="ressource liée")
    state = models.CharField(
        "état", max_length=10, choices=State.choices, default=State.PUBLISHED, db_index=True
    )
    hidden_reason = models.CharField("motif de masquage", max_length=300, blank=True)
    is_locked = models.BooleanField("verrouillée", default=False)
    is_resolved = models.BooleanField("résolue", default=False)
    accepted_answer = models.OneToOneField(
        "Answer", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="réponse acceptée"
    )
    in_faq = models.BooleanField("dans la FAQ", default=False)
    faq_position = models.PositiveSmallIntegerField("ordre dans la FAQ", default=0)
    answer_count = models.PositiveIntegerField("réponses", default=0)
    routing_round = models.PositiveSmallIntegerField("vague de sollicitation", default=0)
    escalated_to_animators_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField("posée le", auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    last_activity_at = models.DateTimeField("dernière activité", auto_now_add=True, db_index=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = "question"
        verbose_name_plural = "questions"
        ordering = ["-last_activity_at", "-pk"]
        indexes = [models.Index(fields=["group", "state", "last_activity_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("questions:detail", kwargs={"pk": self.pk})


class QuestionRevision(models.Model):
    """The previous text, kept at each edit (edit history)."""

    question = models.ForeignKey(Question, models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=200)
    body = models.TextField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "version de question"
        verbose_name_plural = "versions de question"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.created_at:%d/%m/%Y})"


def attachment_upload_to(instance, filename):  # referenced by migration 0001 only
    return files.RandomName("questions")(instance, filename)


# Private files (apps.core.files), read by whoever may read the question (perms.FILES).
ATTACHMENT_POLICY = files.UploadPolicy(
    extensions=(*files.OFFICE, *files.DATA, "png", "jpg", "jpeg"), max_bytes=5 * files.MB
)


class QuestionAttachment(models.Model):
    question = models.ForeignKey(Question, models.CASCADE, related_name="attachments")
    file = files.PrivateFileField(
        "fichier", upload_to=files.RandomName("questions"), validators=[ATTACHMENT_POLICY]
    )
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"

    def __str__(self):
        return self.original_name


class Answer(models.Model):
    question = models.ForeignKey(Question, models.CASCADE, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="answers")
    body = models.TextField("réponse", help_text="Markdown simple accepté.")
    state = models.CharField(
        "état", max_length=10, choices=State.choices, default=State.PUBLISHED, db_index=True
    )
    hidden_reason = models.CharField("motif de masquage", max_length=300, blank=True)
    useful_count = models.PositiveIntegerField("jugée utile", default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "réponse"
        verbose_name_plural = "réponses"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Réponse à « {self.question} »"

    def get_absolute_url(self):
        return f"{self.question.get_absolute_url()}#reponse-{self.pk}"


class Comment(CommentBase):
    answer = models.ForeignKey(Answer, models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    body = models.TextField("commentaire", max_length=2000)
    state = models.CharField("état", max_length=10, choices=State.choices, default=State.PUBLISHED)


class Vote(models.Model):
    answer = models.ForeignKey(Answer, models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "vote"
        verbose_name_plural = "votes"
        constraints = [models.UniqueConstraint(fields=["answer", "user"], name="question_vote_unique")]

    def __str__(self):
        return f"{self.user_id} → {self.answer_id}"


class QuestionFollow(models.Model):
    question = models.ForeignKey(Question, models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="question_follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "suivi de question"
        verbose_name_plural = "suivis de questions"
        constraints = [models.UniqueConstraint(fields=["question", "user"], name="question_follow_unique")]

    def __str__(self):
        return f"{self.user_id} suit {self.question_id}"


class Report(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "À traiter"
        CLOSED = "closed", "Traité"

    question = models.ForeignKey(Question, models.CASCADE, related_name="reports")
    answer = models.ForeignKey(Answer, models.CASCADE, null=True, blank=True, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    reason = models.TextField("motif du signalement", max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "signalement"
        verbose_name_plural = "signalements"
        ordering = ["-created_at"]

    def __str__(self):
        return self.reason[:60]


class Expertise(models.Model):
    """A person accepts to be asked about a theme, within a monthly capacity."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="expertises")
    # PROTECT: a theme is deactivated, never deleted (apps.themes.services.theme_deactivate).
    theme = models.ForeignKey(
        "themes.Theme", models.PROTECT, related_name="expertises", verbose_name="thématique"
    )
    capacity_per_month = models.PositiveSmallIntegerField(
        "au plus N sollicitations par mois", default=4, help_text="Entre 1 et 30."
    )
    paused_until = models.DateField("ne pas me solliciter jusqu'au", null=True, blank=True)
    designated_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "expertise"
        verbose_name_plural = "expertises"
        ordering = ["theme__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "theme"], name="expertise_unique"),
            models.CheckConstraint(
                condition=Q(capacity_per_month__gte=1) & Q(capacity_per_month__lte=30),
                name="expertise_capacity_range",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.theme}"


class Solicitation(models.Model):
    """One expert asked about one question: recorded with the reason, never twice."""

    question = models.ForeignKey(Question, models.CASCADE, related_name="solicitations")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="solicitations")
    theme = optional_fk("themes.Theme", related_name="+")
    round = models.PositiveSmallIntegerField("vague", default=1)
    reason = models.CharField("motif", max_length=400)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "sollicitation"
        verbose_name_plural = "sollicitations"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["question", "expert"], name="solicitation_once_per_question")
        ]

    def __str__(self):
        return f"{self.expert_id} ← {self.question_id}"
