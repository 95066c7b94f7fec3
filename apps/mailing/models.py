"""The outbox: every e-mail the platform sends is a Message with one Delivery per recipient, sent by
the task workers (apps.mailing.outbox). See docs/mailing.md for the delivery guarantees."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from apps.core.models import optional_fk


class Kind(models.TextChoices):
    TRANSACTIONAL = "transactional", "Courriel de service"
    NOTIFICATION = "notification", "Notifications"
    NEWSLETTER = "newsletter", "Lettre d'information"
    EVENT = "event", "Message aux inscrit·es d'un événement"
    CONSULTATION = "consultation", "Relance d'une consultation"
    POLL = "poll", "Sondage de dates"
    GROUP = "group", "Message à un groupe"
    TEST = "test", "Envoi de test"

    @classmethod
    def bulk(cls):
        """Kinds that a permanently failing address no longer receives."""
        return [cls.NEWSLETTER, cls.EVENT, cls.CONSULTATION, cls.POLL, cls.GROUP, cls.NOTIFICATION]


class MessageQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Without the messages of the private groups `user` is not an active member of."""
        from apps.groups.models import GroupMembership

        groups = GroupMembership.objects.filter(user=user, status=GroupMembership.Status.ACTIVE).values(
            "group_id"
        )
        return self.filter(models.Q(group__isnull=True) | models.Q(group__in=groups))


class Message(models.Model):
    kind = models.CharField("nature", max_length=20, choices=Kind.choices, default=Kind.TRANSACTIONAL)
    subject = models.CharField("objet", max_length=300)
    text = models.TextField("texte")
    html = models.TextField("HTML", blank=True)
    # Extra headers common to every recipient (Reply-To goes in reply_to).
    headers = models.JSONField(default=dict, blank=True)
    reply_to = models.CharField(max_length=300, blank=True)
    # Where it comes from, for the sent-messages log: "Événement : Atelier sobriété", and its page.
    source_label = models.CharField("origine", max_length=300, blank=True)
    source_url = models.CharField(max_length=500, blank=True)
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    # Written to the people of a private group's event or consultation: the message is that group's
    # content, read by its active members only (network animators included, see perms).
    group = models.ForeignKey(
        "groups.Group",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="groupe",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True, db_index=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = "message"
        verbose_name_plural = "messages"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject


class Status(models.TextChoices):
    QUEUED = "queued", "En attente"
    SENT = "sent", "Envoyé"
    DEFERRED = "deferred", "Différé (nouvel essai prévu)"
    FAILED = "failed", "Échec"
    SKIPPED = "skipped", "Non envoyé (adresse en échec ou désinscrite)"


class DeliveryQuerySet(models.QuerySet):
    def due(self, now):
        """Deliveries a worker may claim now: waiting, due, and not leased by a live worker."""
        return self.filter(status__in=[Status.QUEUED, Status.DEFERRED], next_attempt_at__lte=now).filter(
            models.Q(lease_until__isnull=True) | models.Q(lease_until__lt=now)
        )


class Delivery(models.Model):
    message = models.ForeignKey(Message, models.CASCADE, related_name="deliveries")
    address = models.EmailField("adresse")
    user = optional_fk(settings.AUTH_USER_MODEL, related_name="mail_deliveries")
    # Per-recipient substitutions: "[[name]]" in the subject, text and HTML; "unsubscribe_url" also
    # becomes the List-Unsubscribe header (RFC 8058).
    variables = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField("essais", default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_reply = models.CharField("dernière réponse du serveur", max_length=500, blank=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True, db_index=True)
    # A worker's claim: nobody else takes the row before lease_until; lease_token says whose it is.
    lease_until = models.DateTimeField(null=True, blank=True)
    lease_token = models.CharField(max_length=40, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = "envoi"
        verbose_name_plural = "envois"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["message", "address"], name="delivery_once_per_address"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self):
        return f"{self.address} ({self.get_status_display()})"


class FailedAddress(models.Model):
    """An address the mail server refused permanently (5xx): bulk messages skip it and the
    coordinators see it (/envois/adresses-en-echec/)."""

    address = models.EmailField("adresse")
    reply = models.CharField("réponse du serveur", max_length=500)
    failures = models.PositiveIntegerField("échecs", default=1)
    first_failed_at = models.DateTimeField("premier échec", auto_now_add=True)
    last_failed_at = models.DateTimeField("dernier échec")

    class Meta:
        verbose_name = "adresse en échec"
        verbose_name_plural = "adresses en échec"
        ordering = ["-last_failed_at"]
        constraints = [models.UniqueConstraint(Lower("address"), name="failed_address_unique")]

    def __str__(self):
        return self.address


# ---------------------------------------------------------------------------------------------
# Newsletter: editions, audiences, subscriptions


class Segment(models.TextChoices):
    ALL = "all", "Tous les membres (et les abonné·es de la lettre publique)"
    THEME = "theme", "Membres intéressés par une thématique"
    REGION = "region", "Membres d'une région"
    DEPARTMENT = "department", "Membres d'un département"
    CATEGORY = "category", "Membres d'une catégorie (élu·e, agent·e, partenaire, État…)"
    ORGANISATION_TYPE = "organisation_type", "Membres d'un type d'organisation"
    GROUP = "group", "Membres d'un groupe"
    PROGRAMME = "programme", "Délégations d'un parcours"


class EditionStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SCHEDULED = "scheduled", "Envoi programmé"
    SENT = "sent", "Envoyée"


class EditionQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(status=EditionStatus.SENT)

    def archive_for(self, user):
        """The archive: sent editions; members-only ones for members."""
        qs = self.sent()
        if not (user and user.is_authenticated and user.is_active):
            qs = qs.filter(is_public=True)
        return qs

    def due(self, now):
        return self.filter(status=EditionStatus.SCHEDULED, scheduled_at__lte=now)


class Edition(models.Model):
    """One issue of the network's letter: blocks drafted from what happened during the period, then
    reordered, removed and completed by the coordinators."""

    title = models.CharField("titre", max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    intro = models.TextField("éditorial", blank=True, help_text="Markdown simple accepté.")
    theme = optional_fk("themes.Theme", related_name="+", verbose_name="thématique")
    territory = optional_fk(
        "territories.Territory", related_name="+", verbose_name="territoire (région ou département)"
    )
    period_start = models.DateTimeField("depuis le")
    period_end = models.DateTimeField("jusqu'au")
    # [{"id", "kind", "title", "text", "items": [{"title", "url", "meta", "summary"}]}] in display order.
    blocks = models.JSONField(default=list, blank=True)
    segment = models.CharField("destinataires", max_length=20, choices=Segment.choices, default=Segment.ALL)
    segment_value = models.CharField("valeur du segment", max_length=100, blank=True)
    is_public = models.BooleanField(
        "archive publique",
        default=True,
        help_text="Décoché : seuls les membres connectés la lisent en ligne.",
    )
    status = models.CharField(max_length=10, choices=EditionStatus.choices, default=EditionStatus.DRAFT)
    scheduled_at = models.DateTimeField("envoi programmé le", null=True, blank=True)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True, db_index=True)
    message = models.OneToOneField(
        Message, models.SET_NULL, null=True, blank=True, related_name="edition", verbose_name="message"
    )
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = "édition de la lettre"
        verbose_name_plural = "éditions de la lettre"
        ordering = ["-sent_at", "-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("mailing:edition", args=[self.slug])


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", "En attente de confirmation"
    SUBSCRIBED = "subscribed", "Abonné·e"
    UNSUBSCRIBED = "unsubscribed", "Désabonné·e"


class Subscription(models.Model):
    """Consent to the letter. Members receive it unless they unsubscribed (a row "unsubscribed");
    other people subscribe on the public page and confirm by e-mail (double opt-in)."""

    address = models.EmailField("adresse")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="letter_subscriptions"
    )
    status = models.CharField(max_length=12, choices=SubscriptionStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "abonnement à la lettre"
        verbose_name_plural = "abonnements à la lettre"
        constraints = [models.UniqueConstraint(Lower("address"), name="subscription_address_unique")]

    def __str__(self):
        return f"{self.address} ({self.get_status_display()})"


# ---------------------------------------------------------------------------------------------
# Announcements


class AnnouncementAudience(models.TextChoices):
    EVERYONE = "everyone", "Tout le monde"
    VISITORS = "visitors", "Visiteur·ses non connecté·es"
    MEMBERS = "members", "Membres connecté·es"


class AnnouncementQuerySet(models.QuerySet):
    def current(self, now):
        return self.filter(starts_at__lte=now).filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=now)
        )


class Announcement(models.Model):
    """A banner on the home page (or on every page) between two dates, for an audience."""

    title = models.CharField("titre", max_length=120)
    body = models.CharField("texte", max_length=400, blank=True)
    link_url = models.CharField(
        "lien", max_length=500, blank=True, help_text="Adresse d'une page du site ou https://…"
    )
    link_label = models.CharField("texte du lien", max_length=80, blank=True)
    audience = models.CharField(
        "public", max_length=10, choices=AnnouncementAudience.choices, default=AnnouncementAudience.EVERYONE
    )
    all_pages = models.BooleanField(
        "sur toutes les pages", default=False, help_text="Sinon : sur la page d'accueil."
    )
    starts_at = models.DateTimeField("à partir du")
    ends_at = models.DateTimeField(
        "jusqu'au", null=True, blank=True, help_text="Vide : jusqu'à nouvel ordre."
    )
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = "annonce"
        verbose_name_plural = "annonces"
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=models.F("starts_at")),
                name="announcement_dates_order",
            )
        ]

    def __str__(self):
        return self.title


# ---------------------------------------------------------------------------------------------
# Follows


class FollowKind(models.TextChoices):
    THEME = "theme", "Thématique"
    TERRITORY = "territory", "Territoire"
    ORGANISATION = "organisation", "Organisation"
    PERSON = "person", "Personne"


class SubjectFollow(models.Model):
    """A member follows a theme, a territory (région, département), an organisation or a person:
    new content matching it reaches their notifications (kind "follow")."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="follows")
    kind = models.CharField("nature", max_length=12, choices=FollowKind.choices)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "suivi"
        verbose_name_plural = "suivis"
        constraints = [models.UniqueConstraint(fields=["user", "kind", "object_id"], name="follow_once")]
        indexes = [models.Index(fields=["kind", "object_id"], name="follow_target")]

    def __str__(self):
        return f"{self.user_id} suit {self.kind} {self.object_id}"
