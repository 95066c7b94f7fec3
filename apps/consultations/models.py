"""Consultations on a draft roadmap and their synthesis booklet (workshop days: apps.workshops).

A booklet keeps two kinds of content apart: what the platform computes (figures, frequent terms,
stored in `Booklet.computed`) and what the animator curates (introduction, strong ideas, next
steps, section notes). Regenerating refreshes the first and never touches the second.
"""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from apps.core.models import CommentBase, optional_fk
from apps.core.storage import private_storage


def unique_slug(model, text: str) -> str:
    base = slugify(text)[:180] or "consultation"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


class Audience(models.TextChoices):
    """Who is invited. GROUP addresses a peer group of `apps.groups`: the consultation is then as
    confidential as the group's content (see `perms.can_know_consultation`)."""

    ALL_MEMBERS = "all", "Tous les membres du réseau"
    ORGANISATIONS = "organisations", "Certaines organisations"
    GROUP = "group", "Un groupe de pairs"


def _group_ids_of(user):
    from apps.groups.models import GroupMembership

    return GroupMembership.objects.filter(user=user, status=GroupMembership.Status.ACTIVE).values("group_id")


class ConsultationQuerySet(models.QuerySet):
    def visible_to(self, user) -> Self:
        from apps.consultations import perms

        if not perms.is_member(user):
            return self.none()
        # A group consultation exists only for the group's active members (its animators included)
        # and for the network animator who created it: other animators do not read group content.
        in_circle = ~Q(audience=Audience.GROUP) | Q(group__in=_group_ids_of(user))
        if perms.is_animator(user):
            return self.filter(in_circle | Q(created_by=user))
        return self.filter(in_circle, is_published=True)


class Consultation(models.Model):
    title = models.CharField("titre", max_length=255)
    slug = models.SlugField("adresse", max_length=200, unique=True)
    introduction = models.TextField("introduction", blank=True, help_text="Markdown simple accepté.")
    opens_on = models.DateField("ouverture le")
    closes_on = models.DateField("clôture le")
    audience = models.CharField(
        "public invité", max_length=20, choices=Audience.choices, default=Audience.ALL_MEMBERS
    )
    invited_organisations = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="consultations_invited",
        verbose_name="organisations invitées",
        help_text="Seulement si le public est « Certaines organisations ».",
    )
    # SET_NULL, not CASCADE: deleting a group must not erase the roadmap work; an orphan group
    # consultation stays visible to its creator only (see perms.can_know_consultation).
    group = optional_fk(
        "groups.Group",
        related_name="consultations",
        verbose_name="groupe de pairs",
        help_text="Seulement si le public est « Un groupe de pairs ».",
    )
    is_published = models.BooleanField("publiée", default=False)
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = "consultation"
        verbose_name_plural = "consultations"
        ordering = ["-opens_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="consultation_dates_order"
            ),
            # The reverse (audience GROUP ⇒ group set) cannot hold: the group may be deleted.
            models.CheckConstraint(
                condition=Q(group__isnull=True) | Q(audience="group"), name="consultation_group_audience"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Consultation, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("consultations:detail", kwargs={"slug": self.slug})

    @property
    def is_open(self) -> bool:
        today = timezone.localdate()
        return self.is_published and self.opens_on <= today <= self.closes_on

    @property
    def status_label(self) -> str:
        if not self.is_published:
            return "Brouillon"
        today = timezone.localdate()
        if today < self.opens_on:
            return "À venir"
        if today > self.closes_on:
            return "Clôturée"
        return "Ouverte"

    def invited_organisations_qs(self):
        from apps.directory.models import Organisation

        if self.audience == Audience.ORGANISATIONS:
            return self.invited_organisations.all()
        if self.audience == Audience.GROUP:
            # The organisations of the group's active members, through their directory Person.
            if self.group_id is None:
                return Organisation.objects.none()
            from apps.groups.models import GroupMembership

            users = GroupMembership.objects.filter(
                group_id=self.group_id, status=GroupMembership.Status.ACTIVE
            ).values("user_id")
            return (
                Organisation.objects.active()
                .filter(memberships__person__user__in=users, memberships__person__is_removed=False)
                .distinct()
            )
        return Organisation.objects.active()


class Objective(models.Model):
    consultation = models.ForeignKey(Consultation, models.CASCADE, related_name="objectives")
    position = models.PositiveSmallIntegerField("numéro", default=1)
    title = models.CharField("intitulé", max_length=500)

    class Meta:
        verbose_name = "objectif"
        verbose_name_plural = "objectifs"
        ordering = ["position", "pk"]

    def __str__(self):
        return f"Objectif {self.position} : {self.title}"


class Action(models.Model):
    objective = models.ForeignKey(Objective, models.CASCADE, related_name="actions", verbose_name="objectif")
    position = models.PositiveSmallIntegerField("numéro", default=1)
    title = models.CharField("intitulé", max_length=500)
    description = models.TextField("description", blank=True, help_text="Markdown simple accepté.")
    sub_actions = models.TextField("sous-actions", blank=True, help_text="Une sous-action par ligne.")

    class Meta:
        verbose_name = "action"
        verbose_name_plural = "actions"
        ordering = ["position", "pk"]

    def __str__(self):
        return f"Action {self.position} - {self.title}"

    def get_absolute_url(self):
        return reverse(
            "consultations:action", kwargs={"slug": self.objective.consultation.slug, "pk": self.pk}
        )

    @property
    def sub_action_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.sub_actions.splitlines() if line.strip(" -•\t")]


STEERING_LABEL = "Comité de pilotage"


class ContributionQuerySet(models.QuerySet):
    def published(self) -> Self:
        return self.filter(is_hidden=False)

    def visible_to(self, user) -> Self:
        from apps.consultations import perms

        if perms.is_animator(user):
            return self.all()
        if user.is_authenticated:
            return self.filter(Q(is_hidden=False) | Q(author_user=user))
        return self.published()


class Contribution(models.Model):
    """A proposal on one action, signed by an organisation ("Auteurs" column of the roadmap tables)."""

    action = models.ForeignKey(Action, models.CASCADE, related_name="contributions", verbose_name="action")
    organisation = optional_fk(
        "directory.Organisation", related_name="consultation_contributions", verbose_name="organisation"
    )
    # Shown when no organisation of the directory matches (historic documents, partners not yet members).
    author_label = models.CharField("auteur", max_length=255, blank=True)
    is_steering = models.BooleanField("contribution du comité de pilotage", default=False)
    author_user = optional_fk(settings.AUTH_USER_MODEL, related_name="consultation_contributions")
    body = models.TextField("proposition")
    is_highlighted = models.BooleanField(
        "proposition forte", default=False, help_text="Mise en avant dans le livret de synthèse."
    )
    is_hidden = models.BooleanField("masquée par la modération", default=False)
    moderation_note = models.CharField("motif de modération", max_length=300, blank=True)
    created_at = models.DateTimeField("déposée le", default=timezone.now)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = "contribution"
        verbose_name_plural = "contributions"
        ordering = ["-is_steering", "created_at", "pk"]
        indexes = [models.Index(fields=["action", "is_hidden"])]

    def __str__(self):
        return f"{self.author_display} — {self.body[:60]}"

    @property
    def author_display(self) -> str:
        if self.is_steering:
            return STEERING_LABEL
        if self.organisation_id:
            return self.organisation.name
        return self.author_label or "Auteur non renseigné"


class ContributionComment(CommentBase):
    contribution = models.ForeignKey(Contribution, models.CASCADE, related_name="comments")
    # SET_NULL: deleting an account keeps the discussion others took part in (anonymised).
    author = optional_fk(settings.AUTH_USER_MODEL, related_name="consultation_comments")
    body = models.TextField("commentaire")
    is_hidden = models.BooleanField("masqué par la modération", default=False)


# --- Booklet -----------------------------------------------------------------------------------


class Booklet(models.Model):
    class FileStatus(models.TextChoices):
        NONE = "none", "Pas encore produit"
        PENDING = "pending", "En cours de production"
        READY = "ready", "Disponible"
        FAILED = "failed", "Échec de la production"

    consultation = models.OneToOneField(Consultation, models.CASCADE, related_name="booklet")
    # Curated by the animator: never overwritten by a regeneration.
    title = models.CharField("titre du livret", max_length=255, blank=True)
    introduction = models.TextField("introduction", blank=True, help_text="Markdown simple accepté.")
    strong_ideas = models.TextField(
        "idées fortes",
        blank=True,
        help_text="Pré-rempli à partir des termes les plus fréquents ; une idée par ligne, modifiable.",
    )
    next_steps = models.TextField("prochaines étapes", blank=True, help_text="Markdown simple accepté.")
    section_notes = models.JSONField("synthèses par section", default=dict, blank=True)
    # Computed: key figures and frequent terms, refreshed by each generation.
    computed = models.JSONField(default=dict, blank=True, editable=False)
    generated_at = models.DateTimeField("généré le", null=True, blank=True)
    # Private storage: a group consultation's booklet must not be downloadable from /media/.
    pdf = models.FileField("PDF", upload_to="livrets/", blank=True, storage=private_storage)
    odt = models.FileField("ODT", upload_to="livrets/", blank=True, storage=private_storage)
    docx = models.FileField("DOCX", upload_to="livrets/", blank=True, storage=private_storage)
    file_status = models.CharField(max_length=10, choices=FileStatus.choices, default=FileStatus.NONE)
    file_error = models.TextField(blank=True)
    render_seconds = models.FloatField("durée de production (s)", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "livret de synthèse"
        verbose_name_plural = "livrets de synthèse"

    def __str__(self):
        return self.title or str(self.source)

    @property
    def source(self):
        return self.consultation
