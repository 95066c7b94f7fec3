"""Peer groups and working groups: private spaces whose content never leaks outside them."""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from apps.core import files
from apps.core.files import private_storage  # noqa: F401 (referenced by migration 0001)
from apps.core.models import optional_fk
from apps.directory.models import PersonCategory, unique_slug


def document_upload_to(instance, filename):  # referenced by migration 0001 only
    return files.RandomName("groups")(instance, filename)


# Private files (apps.core.files), read by the group's members only (perms.FILES).
DOCUMENT_POLICY = files.UploadPolicy(
    extensions=(*files.OFFICE, *files.DATA, "png", "jpg", "jpeg"), max_bytes=10 * files.MB
)


class Access(models.TextChoices):
    OPEN = "open", "Ouvert : tout membre du réseau peut rejoindre"
    REQUEST = "request", "Sur demande : l'animation du groupe valide"
    CLOSED = "closed", "Fermé : sur invitation uniquement"


class GroupKind(models.TextChoices):
    CATEGORY = "category", "Groupe de pairs (par catégorie d'acteurs)"
    TOPIC = "topic", "Groupe de travail (par sujet)"


class GroupQuerySet(models.QuerySet):
    def visible_to(self, user) -> Self:
        """Groups whose existence `user` may see: open and on-request groups for members; a closed
        group only for its own members. Content (questions, documents, members) needs membership:
        see `perms.can_view_content`."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.is_animator:
            # Network animators manage every group (not its content: see perms).
            return self.all()
        return self.filter(
            Q(access__in=[Access.OPEN, Access.REQUEST])
            | Q(memberships__user=user, memberships__status=GroupMembership.Status.ACTIVE)
        ).distinct()

    def of_member(self, user) -> Self:
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(memberships__user=user, memberships__status=GroupMembership.Status.ACTIVE)


class Group(models.Model):
    name = models.CharField("nom", max_length=200)
    slug = models.SlugField("adresse", max_length=220, unique=True)
    description = models.TextField("présentation", blank=True, help_text="Markdown simple accepté.")
    kind = models.CharField("nature", max_length=20, choices=GroupKind.choices, default=GroupKind.TOPIC)
    category = models.CharField(
        "catégorie d'acteurs",
        max_length=20,
        choices=PersonCategory.choices,
        blank=True,
        help_text="Pour un groupe de pairs : seules les personnes de cette catégorie peuvent le rejoindre.",
    )
    access = models.CharField("accès", max_length=10, choices=Access.choices, default=Access.REQUEST)
    themes = models.ManyToManyField(
        "themes.Theme", blank=True, related_name="groups", verbose_name="thématiques"
    )
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = "groupe"
        verbose_name_plural = "groupes"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Group, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("groups:detail", kwargs={"slug": self.slug})


class GroupMembership(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Demande en attente"
        ACTIVE = "active", "Membre"
        REFUSED = "refused", "Demande refusée"

    class Role(models.TextChoices):
        MEMBER = "member", "Membre"
        ANIMATOR = "animator", "Animateur·rice du groupe"

    group = models.ForeignKey(Group, models.CASCADE, related_name="memberships", verbose_name="groupe")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="group_memberships", verbose_name="compte"
    )
    role = models.CharField("rôle", max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField("statut", max_length=10, choices=Status.choices, default=Status.ACTIVE)
    motivation = models.TextField("message", blank=True)
    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    decided_at = models.DateTimeField("décidé le", null=True, blank=True)

    class Meta:
        verbose_name = "membre de groupe"
        verbose_name_plural = "membres de groupe"
        ordering = ["role", "created_at"]
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="group_membership_unique")]

    def __str__(self):
        return f"{self.user} — {self.group}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class GroupDocument(models.Model):
    group = models.ForeignKey(Group, models.CASCADE, related_name="documents", verbose_name="groupe")
    title = models.CharField("titre", max_length=200)
    file = files.PrivateFileField(
        "fichier", upload_to=files.RandomName("groups"), validators=[DOCUMENT_POLICY]
    )
    original_name = models.CharField(max_length=255, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name="déposé par"
    )
    created_at = models.DateTimeField("déposé le", auto_now_add=True)

    class Meta:
        verbose_name = "document de groupe"
        verbose_name_plural = "documents de groupe"
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("groups:document_download", kwargs={"slug": self.group.slug, "pk": self.pk})


class DiscussionQuerySet(models.QuerySet):
    def of_group(self, group) -> Self:
        return self.filter(group=group)


class Discussion(models.Model):
    """A conversation inside a group (subject, messages, replies), distinct from the questions to
    the network; its author may turn it into a public question (`question`)."""

    group = models.ForeignKey(Group, models.CASCADE, related_name="discussions", verbose_name="groupe")
    subject = models.CharField("sujet", max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name="lancée par"
    )
    question = optional_fk(
        "questions.Question", related_name="+", verbose_name="question publique issue de la discussion"
    )
    message_count = models.PositiveIntegerField("messages", default=0)
    created_at = models.DateTimeField("lancée le", auto_now_add=True)
    last_activity_at = models.DateTimeField("dernière activité", auto_now_add=True)

    objects = DiscussionQuerySet.as_manager()

    class Meta:
        verbose_name = "discussion de groupe"
        verbose_name_plural = "discussions de groupe"
        ordering = ["-last_activity_at", "-pk"]
        indexes = [models.Index(fields=["group", "last_activity_at"], name="discussion_group_activity_idx")]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("groups:discussion", kwargs={"slug": self.group.slug, "pk": self.pk})


class DiscussionMessage(models.Model):
    """A message of a discussion; `parent` makes it a reply to a message (one level of threading)."""

    discussion = models.ForeignKey(
        Discussion, models.CASCADE, related_name="messages", verbose_name="discussion"
    )
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="replies", verbose_name="en réponse à"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name="auteur·rice"
    )
    body = models.TextField("message", max_length=20000, help_text="Markdown simple accepté.")
    mentioned = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="personnes mentionnées"
    )
    created_at = models.DateTimeField("écrit le", auto_now_add=True)

    class Meta:
        verbose_name = "message de discussion"
        verbose_name_plural = "messages de discussion"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.discussion} — {self.pk}"

    def get_absolute_url(self):
        return f"{self.discussion.get_absolute_url()}#message-{self.pk}"
