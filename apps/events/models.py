"""Events of the network: agenda, registrations with waiting list, partner feeds."""

import secrets
import zoneinfo
from typing import Self
from urllib.parse import quote_plus

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from apps.core import files
from apps.core.french import normalize
from apps.core.models import optional_fk, unique_when_set
from apps.directory.models import PersonCategory, unique_slug

OSM = "https://www.openstreetmap.org"


class EventKind(models.TextChoices):
    WEBINAR = "webinar", "Webinaire"
    FLASH_WEBINAR = "flash_webinar", "Webinaire flash"
    TRAINING = "training", "Formation"
    MEETING = "meeting", "Journée de rencontre"
    SITE_VISIT = "site_visit", "Visite de terrain"
    ANNUAL_DAY = "annual_day", "Journée annuelle"
    PEER_SESSION = "peer_session", "Session entre pairs"
    WORKSHOP = "workshop", "Atelier"
    OTHER = "other", "Autre"


class Audience(models.TextChoices):
    # GROUP: a private peer group (apps.groups). Such an event is content of the group: only its
    # active members see it — network animators included, as for every group content — and it
    # never reaches public/members feeds, the search index or counts (docs/events.md).
    OPEN = "open", "Ouvert à toutes et tous"
    MEMBERS = "members", "Réservé aux membres du réseau"
    CATEGORY = "category", "Réservé à une catégorie d'acteurs"
    GROUP = "group", "Réservé à un groupe privé"


class EventStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publié"
    CANCELLED = "cancelled", "Annulé"


# Time zones of metropolitan and overseas France: an event is displayed in its own zone.
TIME_ZONES = [
    ("Europe/Paris", "Paris (métropole)"),
    ("America/Guadeloupe", "Guadeloupe"),
    ("America/Martinique", "Martinique"),
    ("America/Cayenne", "Guyane"),
    ("Indian/Reunion", "La Réunion"),
    ("Indian/Mayotte", "Mayotte"),
    ("America/Miquelon", "Saint-Pierre-et-Miquelon"),
    ("Pacific/Noumea", "Nouvelle-Calédonie"),
    ("Pacific/Tahiti", "Polynésie française"),
    ("Pacific/Wallis", "Wallis-et-Futuna"),
]


class EventQuerySet(models.QuerySet):
    def published(self) -> Self:
        return self.filter(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])

    def public(self) -> Self:
        """What anonymous readers and public feeds get."""
        return self.published().filter(audience=Audience.OPEN)

    def upcoming(self) -> Self:
        return self.filter(end__gte=timezone.now())

    def past(self) -> Self:
        return self.filter(end__lt=timezone.now())

    def outside_private_groups(self, user) -> Self:
        """Drop events of private groups `user` is not an active member of (every group event for
        anonymous readers). Applied to every read that may reach someone outside the group."""
        from apps.accounts.perms import is_member

        if not is_member(user):
            return self.exclude(audience=Audience.GROUP)
        from apps.groups.models import GroupMembership

        groups = GroupMembership.objects.filter(user=user, status=GroupMembership.Status.ACTIVE).values(
            "group_id"
        )
        return self.filter(~Q(audience=Audience.GROUP) | Q(audience_group__in=groups))

    def visible_to(self, user) -> Self:
        from apps.accounts.perms import is_animator, is_member

        if is_animator(user):
            # Network animators see every event but a private group's, unless they belong to it.
            return self.outside_private_groups(user)
        if not is_member(user):
            return self.public()
        from apps.groups.models import GroupMembership

        memberships = GroupMembership.objects.filter(user=user, status=GroupMembership.Status.ACTIVE)
        groups = memberships.values("group_id")
        animated = memberships.filter(role=GroupMembership.Role.ANIMATOR).values("group_id")
        categories = list(
            user.__class__.objects.filter(pk=user.pk)
            .exclude(person__isnull=True)
            .values_list("person__category", flat=True)
        )
        return self.filter(
            Q(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])
            & (
                Q(audience__in=[Audience.OPEN, Audience.MEMBERS])
                | Q(audience=Audience.CATEGORY, audience_category__in=categories)
                | Q(audience=Audience.GROUP, audience_group__in=groups)
            )
            | (Q(created_by=user) & ~Q(audience=Audience.GROUP))
            # Drafts of a group: its animators (their editors), and their author while a member.
            | Q(audience=Audience.GROUP, audience_group__in=animated)
            | Q(audience=Audience.GROUP, audience_group__in=groups, created_by=user)
        )


class PartnerFeed(models.Model):
    """A partner's iCalendar agenda, imported periodically (see events_import_feeds)."""

    name = models.CharField("nom du partenaire", max_length=200)
    url = models.URLField("adresse du flux iCalendar", max_length=500, unique=True)
    organisation = optional_fk(
        "directory.Organisation", related_name="partner_feeds", verbose_name="organisation"
    )
    is_active = models.BooleanField("import actif", default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_imported_at = models.DateTimeField("dernier import", null=True, blank=True)
    last_count = models.PositiveIntegerField("événements lors du dernier import", default=0)
    last_error = models.TextField("dernière erreur", blank=True)

    class Meta:
        verbose_name = "agenda partenaire"
        verbose_name_plural = "agendas partenaires"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Event(models.Model):
    title = models.CharField("titre", max_length=255)
    slug = models.SlugField("adresse", max_length=255, unique=True)
    kind = models.CharField("type", max_length=20, choices=EventKind.choices, db_index=True)
    status = models.CharField(
        "statut", max_length=10, choices=EventStatus.choices, default=EventStatus.PUBLISHED, db_index=True
    )
    summary = models.CharField("résumé", max_length=300, blank=True)
    description = models.TextField("description", blank=True, help_text="Markdown simple accepté.")
    # Stored in UTC like every aware datetime; `timezone_name` says how to display them.
    start = models.DateTimeField("début", db_index=True)
    end = models.DateTimeField("fin", db_index=True)
    timezone_name = models.CharField(
        "fuseau horaire", max_length=40, choices=TIME_ZONES, default="Europe/Paris"
    )
    online_url = models.URLField("lien de connexion", max_length=500, blank=True)
    place_name = models.CharField("lieu", max_length=200, blank=True)
    address = models.CharField("adresse", max_length=300, blank=True)
    territory = optional_fk(
        "territories.Territory", related_name="events", verbose_name="commune ou territoire"
    )
    region = optional_fk("territories.Territory", related_name="+", verbose_name="région")
    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)
    organisers = models.ManyToManyField(
        "directory.Organisation", blank=True, related_name="organised_events", verbose_name="organisateurs"
    )
    co_organisers = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="co_organised_events",
        verbose_name="organisé avec",
    )
    speakers = models.ManyToManyField(
        "directory.Person", blank=True, related_name="speaker_events", verbose_name="intervenant·es"
    )
    themes = models.ManyToManyField(
        "themes.Theme", blank=True, related_name="events", verbose_name="thématiques"
    )
    audience = models.CharField("public", max_length=10, choices=Audience.choices, default=Audience.OPEN)
    audience_category = models.CharField(
        "catégorie d'acteurs", max_length=20, choices=PersonCategory.choices, blank=True
    )
    audience_group = models.ForeignKey(
        "groups.Group",
        models.CASCADE,  # group content: it goes with the group
        null=True,
        blank=True,
        related_name="events",
        verbose_name="groupe privé",
    )
    capacity = models.PositiveIntegerField(
        "nombre de places", null=True, blank=True, help_text="Laisser vide pour un nombre illimité."
    )
    registration_open = models.BooleanField("inscriptions ouvertes", default=True)
    registration_deadline = models.DateTimeField(
        "date limite d'inscription",
        null=True,
        blank=True,
        help_text="Après cette date, plus personne ne peut s'inscrire (ni sur la liste d'attente).",
    )
    replay_url = models.URLField("lien du replay", max_length=500, blank=True)
    slides_url = models.URLField("lien des supports", max_length=500, blank=True)
    report = models.TextField(
        "compte rendu", blank=True, help_text="Markdown : texte, liens et images (par leur adresse)."
    )
    source = models.ForeignKey(
        PartnerFeed, models.CASCADE, null=True, blank=True, related_name="events", verbose_name="source"
    )
    external_uid = models.CharField("identifiant externe", max_length=500, blank=True)
    external_url = models.URLField("page d'origine", max_length=500, blank=True)
    reminder_sent_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "événement"
        verbose_name_plural = "événements"
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="event_end_after_start"),
            unique_when_set("source", "external_uid", name="event_unique_source_uid", when="source"),
            # A group is required iff the audience is a group.
            models.CheckConstraint(
                condition=Q(audience=Audience.GROUP, audience_group__isnull=False)
                | (~Q(audience=Audience.GROUP) & Q(audience_group__isnull=True)),
                name="event_group_audience",
            ),
        ]
        indexes = [models.Index(fields=["status", "audience", "start"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                Event, f"{self.title}-{self.start:%Y-%m-%d}" if self.start else self.title
            )
        if self.territory_id:
            territory = self.territory
            self.region_id = territory.pk if territory.kind == "region" else territory.region_id
            if self.latitude is None and territory.has_coordinates:
                self.latitude, self.longitude = territory.latitude, territory.longitude
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.timezone_name)

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.tz)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.tz)

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def is_in_person(self) -> bool:
        return bool(self.place_name or self.address or self.territory_id)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def has_place(self) -> bool:
        """A real place (a venue or an address), not only a territory: the map shows it."""
        return bool(self.place_name or self.address)

    @property
    def shows_map(self) -> bool:
        return self.has_place and self.has_coordinates

    @property
    def itinerary_url(self) -> str:
        """OpenStreetMap directions to the place (coordinates first, else the written address)."""
        if self.has_place and self.has_coordinates:
            return f"{OSM}/directions?route=%3B{self.latitude:.6f}%2C{self.longitude:.6f}"
        if self.address:
            return f"{OSM}/search?query={quote_plus(self._full_address)}"
        return ""

    @property
    def map_url(self) -> str:
        if self.has_place and self.has_coordinates:
            lat, lon = f"{self.latitude:.6f}", f"{self.longitude:.6f}"
            return f"{OSM}/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
        return ""

    @property
    def _full_address(self) -> str:
        parts = [self.address]
        if self.territory_id and self.territory.name.lower() not in self.address.lower():
            parts.append(self.territory.name)
        return ", ".join(p for p in parts if p)

    @property
    def shows_summary(self) -> bool:
        """The summary, unless the description already starts with it (imported events often repeat it)."""
        if not self.summary:
            return False
        summary = " ".join(normalize(self.summary).split())
        description = " ".join(normalize(self.description).split())
        return not (summary and description.startswith(summary))

    @property
    def is_group_event(self) -> bool:
        return self.audience == Audience.GROUP

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def registration_deadline_passed(self) -> bool:
        return self.registration_deadline is not None and self.registration_deadline <= timezone.now()

    @property
    def is_imported(self) -> bool:
        return self.source_id is not None

    @property
    def has_followup(self) -> bool:
        return bool(self.replay_url or self.slides_url or self.report) or self.followup_items.exists()


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Inscription confirmée"
    WAITING = "waiting", "Liste d'attente"
    CANCELLED = "cancelled", "Inscription annulée"


class Registration(models.Model):
    event = models.ForeignKey(Event, models.CASCADE, related_name="registrations", verbose_name="événement")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="event_registrations", verbose_name="personne"
    )
    status = models.CharField("statut", max_length=10, choices=RegistrationStatus.choices, db_index=True)
    share_contact = models.BooleanField(
        "accepte de transmettre ses coordonnées aux organisateurs", default=False
    )
    attended = models.BooleanField("présence", null=True, blank=True)
    created_at = models.DateTimeField("inscrit·e le", default=timezone.now)
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)
    promoted_at = models.DateTimeField("sortie de liste d'attente le", null=True, blank=True)
    # Answers to the event's registration questions: {"<question id>": "text" | true/false}.
    answers = models.JSONField("réponses aux questions d'inscription", default=dict, blank=True)

    class Meta:
        verbose_name = "inscription"
        verbose_name_plural = "inscriptions"
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="registration_unique")]

    def __str__(self):
        return f"{self.user} — {self.event}"


# Photos of an event, shown on its page: private files (apps.core.files) read by whoever may see
# the event (perms.FILES).
PHOTO_POLICY = files.UploadPolicy(extensions=("jpg", "jpeg", "png", "webp"), max_bytes=5 * files.MB)


class FollowupItem(models.Model):
    """What an event leaves behind, besides its written compte rendu (Event.report): a replay or
    another video, a link (slides, article, minutes hosted elsewhere) or a photo."""

    class Kind(models.TextChoices):
        VIDEO = "video", "Vidéo ou replay"
        LINK = "link", "Lien"
        PHOTO = "photo", "Photo"

    event = models.ForeignKey(Event, models.CASCADE, related_name="followup_items", verbose_name="événement")
    kind = models.CharField("nature", max_length=10, choices=Kind.choices)
    title = models.CharField("titre", max_length=200)
    url = models.URLField("adresse", max_length=500, blank=True)
    photo = files.PrivateImageField(
        "photo", upload_to=files.RandomName("events"), blank=True, validators=[PHOTO_POLICY]
    )
    original_name = models.CharField("nom du fichier déposé", max_length=255, blank=True)
    alt = models.CharField("texte alternatif", max_length=250, blank=True)
    position = models.PositiveIntegerField("ordre", default=0)
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "élément de suite d'événement"
        verbose_name_plural = "éléments de suite d'événement"
        ordering = ["position", "pk"]
        constraints = [
            # A photo has a file and a description; a video or a link has an address.
            models.CheckConstraint(
                condition=(Q(kind="photo") & ~Q(photo="") & ~Q(alt=""))
                | (~Q(kind="photo") & ~Q(url="") & Q(photo="")),
                name="followup_item_content",
            ),
        ]

    def __str__(self):
        return self.title


class QuestionKind(models.TextChoices):
    TEXT = "text", "Réponse libre"
    CHOICE = "choice", "Un choix dans une liste"
    YES_NO = "yes_no", "Oui ou non"


class RegistrationQuestion(models.Model):
    """A question asked when registering (dietary needs, workshop choice…), set by the organisers."""

    event = models.ForeignKey(
        Event, models.CASCADE, related_name="registration_questions", verbose_name="événement"
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    label = models.CharField("question", max_length=200)
    help_text = models.CharField("précision", max_length=300, blank=True)
    kind = models.CharField(
        "type de réponse", max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    choices = models.TextField(
        "choix proposés", blank=True, help_text="Un choix par ligne (pour « un choix dans une liste »)."
    )
    required = models.BooleanField("réponse obligatoire", default=False)

    class Meta:
        verbose_name = "question d'inscription"
        verbose_name_plural = "questions d'inscription"
        ordering = ["event", "position", "pk"]

    def __str__(self):
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def display_answer(self, registration) -> str:
        value = (registration.answers or {}).get(str(self.pk))
        if value is None or value == "":
            return ""
        if self.kind == QuestionKind.YES_NO:
            return "oui" if value else "non"
        return str(value)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class FeedToken(models.Model):
    """Secret per-person token for private calendar feeds (clients cannot log in)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="event_feed_token")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "jeton de flux privé"
        verbose_name_plural = "jetons de flux privés"

    def __str__(self):
        return f"Jeton de {self.user}"
