from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from apps.core import files
from apps.core.french import normalize
from apps.core.models import optional_fk


def validate_siren(value: str) -> None:
    """SIREN: 9 digits with a Luhn check digit (La Poste's SIREN 356000000 is the known exception)."""
    if not value:
        return
    if len(value) != 9 or not value.isdigit():
        raise ValidationError("Le SIREN doit comporter exactement 9 chiffres.")
    if value == "356000000":
        return
    total = 0
    for index, char in enumerate(reversed(value)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    if total % 10:
        raise ValidationError("Ce SIREN n'est pas valide (clé de contrôle incorrecte).")


class OrganisationType(models.TextChoices):
    MUNICIPALITY = "municipality", "Commune"
    EPCI = "epci", "EPCI (intercommunalité)"
    PETR = "petr", "PETR / pays"
    PNR = "pnr", "Parc naturel régional"
    SYNDICATE = "syndicate", "Syndicat"
    DEPARTMENT = "department", "Département"
    REGION = "region", "Région"
    STATE = "state", "Service de l'État"
    AGENCY = "agency", "Agence / opérateur public"
    ASSOCIATION = "association", "Association / réseau / fédération"
    COMPANY = "company", "Entreprise / ESS"
    CONSULTANCY = "consultancy", "Bureau d'études"
    RESEARCH = "research", "Enseignement supérieur / recherche"
    DEVELOPMENT_COUNCIL = "development_council", "Conseil de développement"
    OTHER = "other", "Autre"


class OrganisationStatus(models.TextChoices):
    PENDING = "pending", "Demande d'adhésion en attente"
    ACTIVE = "active", "Membre du réseau"
    REFUSED = "refused", "Demande refusée"


class EngagementKind(models.TextChoices):
    PCAET = "pcaet", "PCAET (plan climat-air-énergie territorial)"
    CRTE = "crte", "CRTE (contrat pour la réussite de la transition écologique)"
    PAT = "pat", "PAT (projet alimentaire territorial)"
    AGENDA21 = "agenda21", "Agenda 21 / projet de territoire durable"
    TERRITOIRE_ENGAGE = "te", "Label Territoire engagé transition écologique"
    CTE = "cte", "Contrat de transition écologique"
    TEPOS = "tepos", "Territoire à énergie positive (TEPOS)"
    OTHER = "other", "Autre engagement"


class EngagementStage(models.TextChoices):
    PLANNED = "planned", "En projet"
    DRAFTING = "drafting", "En élaboration"
    ADOPTED = "adopted", "Adopté / signé"
    IMPLEMENTATION = "implementation", "En mise en œuvre"
    EVALUATION = "evaluation", "En évaluation"
    LABELLED = "labelled", "Labellisé"


class PersonCategory(models.TextChoices):
    ELECTED = "elected", "Élu·e"
    STAFF = "staff", "Agent·e / technicien·ne"
    PARTNER = "partner", "Partenaire"
    STATE = "state", "Services de l'État"
    OTHER = "other", "Autre"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Publiques"
    MEMBERS = "members", "Réservées aux membres connectés"
    HIDDEN = "hidden", "Masquées"


class OrganisationQuerySet(models.QuerySet):
    def active(self) -> Self:
        return self.filter(status=OrganisationStatus.ACTIVE)

    def visible_to(self, user) -> Self:
        """Active organisations for everyone; pending ones also for animators and their own referents."""
        from apps.directory import perms

        if perms.is_animator(user):
            return self.all()
        if user.is_authenticated:
            # Most people belong to no pending organisation: then the list stays the plain index scan
            # of active(); an OR with a join (or a subquery) would scan and sort the whole table.
            own = list(
                Membership.objects.filter(person__user=user)
                .exclude(organisation__status=OrganisationStatus.ACTIVE)
                .values_list("organisation_id", flat=True)
            )
            if not own:
                return self.active()
            return self.filter(Q(status=OrganisationStatus.ACTIVE) | Q(pk__in=own))
        return self.active()

    def in_territory(self, territory) -> Self:
        """Organisations located in `territory` or any of its sub-territories."""
        from apps.territories.models import Kind

        if territory.kind == Kind.REGION:
            return self.filter(Q(territory__region=territory) | Q(territory=territory))
        if territory.kind == Kind.DEPARTMENT:
            return self.filter(Q(territory__departement=territory) | Q(territory=territory))
        if territory.kind == Kind.EPCI:
            return self.filter(Q(territory__epci=territory) | Q(territory=territory))
        return self.filter(territory=territory)


# SVG is refused on purpose: it can carry scripts (apps.core.files.UploadPolicy refuses it).
LOGO_POLICY = files.UploadPolicy(extensions=files.IMAGES, max_bytes=1 * files.MB)
PHOTO_POLICY = files.UploadPolicy(extensions=files.IMAGES, max_bytes=2 * files.MB)


class Organisation(models.Model):
    name = models.CharField("nom", max_length=255)
    slug = models.SlugField("adresse", max_length=255, unique=True)
    search_name = models.CharField(max_length=255, db_index=True, editable=False)
    type = models.CharField("type", max_length=20, choices=OrganisationType.choices, db_index=True)
    status = models.CharField(
        "statut",
        max_length=10,
        choices=OrganisationStatus.choices,
        default=OrganisationStatus.ACTIVE,
        db_index=True,
    )
    territory = models.ForeignKey(
        "territories.Territory",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name="territoire",
        help_text="La collectivité elle-même, ou la commune où se trouve la structure.",
    )
    # Denormalised from the territory so that directory filters are single-table index scans.
    region = optional_fk("territories.Territory", related_name="+", verbose_name="région")
    departement = optional_fk("territories.Territory", related_name="+", verbose_name="département")
    address = models.CharField("adresse postale", max_length=300, blank=True)
    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)
    siren = models.CharField("SIREN", max_length=9, blank=True, validators=[validate_siren], db_index=True)
    website = models.URLField("site internet", blank=True)
    email = models.EmailField("adresse électronique de contact", blank=True)
    description = models.TextField("présentation", blank=True, help_text="Markdown simple accepté.")
    themes = models.ManyToManyField(
        "themes.Theme", blank=True, related_name="organisations", verbose_name="thématiques"
    )
    competences = models.TextField("ce que nous pouvons apporter", blank=True)
    needs = models.TextField("ce que nous cherchons", blank=True)
    # The same needs as themes: « Qui me ressemble » looks for organisations that published
    # experiences on them (apps.directory.similarity), mentoring proposes peers on them.
    need_themes = models.ManyToManyField(
        "themes.Theme",
        blank=True,
        related_name="needing_organisations",
        verbose_name="thématiques sur lesquelles nous cherchons des retours d'expérience",
        help_text="Ce que vous envisagez de faire : nous vous signalerons les organisations qui l'ont déjà fait.",
    )
    # Public on purpose (shown to anyone with the organisation's page): apps.core.files.public_storage.
    logo = models.ImageField(
        "logo",
        upload_to=files.RandomName("logos"),
        storage=files.public_storage,
        blank=True,
        validators=[LOGO_POLICY],
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisations"
        ordering = ["search_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siren"], condition=~Q(siren=""), name="organisation_siren_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "search_name"]),
            models.Index(fields=["status", "region", "search_name"]),
            models.Index(fields=["status", "departement", "search_name"]),
            models.Index(fields=["status", "type", "search_name"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = normalize(self.name)
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name)
        if self.territory_id:
            territory = self.territory
            self.region_id = territory.region_id if territory.kind != "region" else territory.pk
            self.departement_id = territory.departement_id if territory.kind != "department" else territory.pk
            if self.latitude is None and territory.has_coordinates:
                self.latitude, self.longitude = territory.latitude, territory.longitude
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:organisation_detail", kwargs={"slug": self.slug})

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def coordinates_are_approximate(self) -> bool:
        """Placed at its commune's (or territory's) centre rather than at its own address."""
        territory = self.territory
        return territory is None or (
            territory.has_coordinates
            and (self.latitude, self.longitude) == (territory.latitude, territory.longitude)
        )


class Engagement(models.Model):
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="engagements")
    kind = models.CharField("démarche", max_length=20, choices=EngagementKind.choices)
    stage = models.CharField("avancement", max_length=20, choices=EngagementStage.choices)
    label = models.CharField("précision", max_length=200, blank=True)
    year = models.PositiveSmallIntegerField("année", null=True, blank=True)

    class Meta:
        verbose_name = "engagement de transition"
        verbose_name_plural = "engagements de transition"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="engagement_unique_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.get_stage_display()}"


class PersonQuerySet(models.QuerySet):
    def listed(self) -> Self:
        """People who consented to appear in the directory."""
        return self.filter(directory_consent=True, is_removed=False)

    def visible_to(self, user) -> Self:
        from apps.directory import perms

        if perms.is_animator(user):
            return self.filter(is_removed=False)
        if user.is_authenticated:
            # Everyone sees themselves, consent or not; no join, so no DISTINCT needed.
            return self.filter(Q(directory_consent=True) | Q(user=user), is_removed=False)
        return self.listed()


class Person(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name="compte",
    )
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    slug = models.SlugField("adresse", max_length=220, unique=True)
    search_name = models.CharField(max_length=220, db_index=True, editable=False)
    category = models.CharField("catégorie", max_length=20, choices=PersonCategory.choices, db_index=True)
    function = models.CharField("fonction", max_length=200, blank=True)
    email = models.EmailField("adresse électronique", blank=True, db_index=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    bio = models.TextField("présentation", blank=True)
    themes = models.ManyToManyField(
        "themes.Theme", blank=True, related_name="people", verbose_name="thématiques"
    )
    resource_themes = models.ManyToManyField(
        "themes.Theme",
        blank=True,
        related_name="resource_people",
        verbose_name="personne ressource pour",
        help_text="Thématiques sur lesquelles la personne accepte d'être sollicitée.",
    )
    competences = models.TextField("compétences", blank=True)
    # Private (apps.core.files): shown only to those who may see the person (perms.FILES).
    photo = files.PrivateImageField(
        "photo", upload_to=files.RandomName("photos"), blank=True, validators=[PHOTO_POLICY]
    )
    contact_visibility = models.CharField(
        "visibilité des coordonnées", max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    directory_consent = models.BooleanField("accepte d'apparaître dans l'annuaire", default=False)
    consent_at = models.DateTimeField("consentement donné le", null=True, blank=True)
    is_removed = models.BooleanField("effacée", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "personne"
        verbose_name_plural = "personnes"
        ordering = ["search_name"]
        indexes = [
            models.Index(fields=["directory_consent", "category", "search_name"]),
            # Listed people only: what every public directory query joins on.
            models.Index(
                fields=["id", "category"],
                condition=Q(directory_consent=True, is_removed=False),
                name="person_listed_idx",
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = normalize(f"{self.last_name} {self.first_name}")
        if not self.slug:
            self.slug = unique_slug(Person, f"{self.first_name} {self.last_name}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:person_detail", kwargs={"slug": self.slug})

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def initials(self) -> str:
        return f"{self.first_name[:1]}{self.last_name[:1]}".upper()


class Membership(models.Model):
    person = models.ForeignKey(Person, models.CASCADE, related_name="memberships", verbose_name="personne")
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="memberships", verbose_name="organisation"
    )
    function = models.CharField("fonction dans l'organisation", max_length=200, blank=True)
    is_referent = models.BooleanField(
        "référent·e", default=False, help_text="Gère la fiche de l'organisation et ses collègues."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "rattachement"
        verbose_name_plural = "rattachements"
        constraints = [models.UniqueConstraint(fields=["person", "organisation"], name="membership_unique")]
        # The unique constraint serves "organisations of a person"; this one serves "people of an
        # organisation" (directory filter on people's category, organisation pages) as an index-only scan.
        indexes = [models.Index(fields=["organisation", "person"], name="membership_org_person_idx")]

    def __str__(self):
        return f"{self.person} — {self.organisation}"

    @property
    def role_label(self) -> str:
        return "Référent·e" if self.is_referent else "Membre"


class JoinRequest(models.Model):
    """An organisation asks to join the network; animators decide."""

    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        APPROVED = "approved", "Acceptée"
        REFUSED = "refused", "Refusée"

    class Kind(models.TextChoices):
        # A new organisation asks to join the network (decided by animators)...
        ORGANISATION = "organisation", "Adhésion d'une organisation"
        # ...or a person asks to be attached to a member organisation (its référents or animators decide).
        MEMBERSHIP = "membership", "Rattachement à une organisation"

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="join_requests")
    kind = models.CharField(
        "nature de la demande", max_length=20, choices=Kind.choices, default=Kind.ORGANISATION, db_index=True
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="join_requests")
    motivation = models.TextField("motivation", blank=True)
    status = models.CharField(
        "statut", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decided_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    decision_message = models.TextField("message de décision", blank=True)
    created_at = models.DateTimeField("demandée le", auto_now_add=True)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)

    class Meta:
        verbose_name = "demande d'adhésion"
        verbose_name_plural = "demandes d'adhésion"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.organisation}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class Invitation(models.Model):
    """A référent invites a colleague by email to join their organisation."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="invitations")
    email = models.EmailField("adresse électronique")
    # SET_NULL: the invitation (and the organisation's record of it) outlives the inviter's account.
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    message = models.TextField("message personnel", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField("dernier envoi", null=True, blank=True)
    send_count = models.PositiveSmallIntegerField("envois", default=1)

    class Meta:
        verbose_name = "invitation"
        verbose_name_plural = "invitations"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True),
                name="invitation_pending_unique",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"


def unique_slug(model, text: str) -> str:
    base = slugify(text)[:200] or "fiche"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug
