from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from apps.core import files
from apps.core.french import normalize
from apps.core.models import optional_fk


class AidKind(models.TextChoices):
    GRANT = "grant", "Subvention"
    LOAN = "loan", "Prêt ou avance remboursable"
    ENGINEERING = "engineering", "Ingénierie / AMO"
    CALL_FOR_PROJECTS = "call_for_projects", "Appel à projets ou à manifestation d'intérêt"
    TRAINING = "training", "Formation"
    OTHER = "other", "Autre"


class Beneficiary(models.TextChoices):
    MUNICIPALITY = "municipality", "Commune"
    EPCI = "epci", "EPCI (intercommunalité)"
    DEPARTMENT = "department", "Département"
    REGION = "region", "Région"
    ASSOCIATION = "association", "Association"
    COMPANY = "company", "Entreprise"
    PUBLIC_BODY = "public_body", "Établissement public"
    FARMER = "farmer", "Agriculteur·rice"
    INDIVIDUAL = "individual", "Particulier"
    RESEARCH = "research", "Recherche"
    OVERSEAS = "overseas", "Collectivité d'outre-mer à statut particulier"


class Recurrence(models.TextChoices):
    ONE_OFF = "one_off", "Ponctuelle"
    RECURRING = "recurring", "Récurrente"
    PERMANENT = "permanent", "Permanente"


class AidStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publiée"


RESERVED_SLUGS = {"nouvelle", "alertes", "import"}

# How many days before its closing date an aid counts as "closing soon".
CLOSING_SOON_DAYS = 30


def encode_beneficiaries(values) -> str:
    """Beneficiaries are stored as ',municipality,epci,' so that "includes X" is a single LIKE on
    the aid row itself (no join) on SQLite and PostgreSQL alike."""
    valid = [v for v in Beneficiary.values if v in set(values or [])]
    return f",{','.join(valid)}," if valid else ""


class AidQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=AidStatus.PUBLISHED)

    def visible_to(self, user):
        from apps.aids import perms

        if perms.can_manage_aids(user):
            return self.all()
        return self.published()

    def open_on(self, day):
        """Not closed on `day`: no closing date (permanent or unknown) or closing on/after it, and
        still listed by the source it was imported from."""
        return self.filter(Q(close_date__isnull=True) | Q(close_date__gte=day), withdrawn_at__isnull=True)

    def for_beneficiary(self, beneficiary: str):
        return self.filter(beneficiaries__contains=f",{beneficiary},")


class Aid(models.Model):
    """A funding or engineering support scheme. A null perimeter means the whole of France."""

    title = models.CharField("intitulé", max_length=255)
    slug = models.SlugField("adresse", max_length=255, unique=True)
    search_text = models.TextField(editable=False, blank=True)
    description = models.TextField("description", blank=True, help_text="Markdown simple accepté.")
    kind = models.CharField("nature de l'aide", max_length=20, choices=AidKind.choices, db_index=True)
    status = models.CharField("statut", max_length=10, choices=AidStatus.choices, default=AidStatus.PUBLISHED)
    funders = models.ManyToManyField(
        "directory.Organisation", blank=True, related_name="funded_aids", verbose_name="porteurs / financeurs"
    )
    instructors = models.ManyToManyField(
        "directory.Organisation", blank=True, related_name="instructed_aids", verbose_name="instructeurs"
    )
    # Free-text names for funders that are not organisations of the directory (imports).
    funders_text = models.CharField(
        "autres financeurs",
        max_length=500,
        blank=True,
        help_text="Financeurs hors annuaire, séparés par des virgules.",
    )
    beneficiaries = models.CharField("bénéficiaires", max_length=300, blank=True)
    perimeter = models.ForeignKey(
        "territories.Territory",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="aids",
        verbose_name="périmètre",
        help_text="Laisser vide pour une aide nationale (France entière).",
    )
    themes = models.ManyToManyField(
        "themes.Theme", blank=True, related_name="aids", verbose_name="thématiques"
    )
    rate_min = models.PositiveSmallIntegerField("taux minimum (%)", null=True, blank=True)
    rate_max = models.PositiveSmallIntegerField("taux maximum (%)", null=True, blank=True)
    amount_max = models.PositiveIntegerField("montant maximum (€)", null=True, blank=True)
    budget = models.PositiveIntegerField("enveloppe totale (€)", null=True, blank=True)
    funding_comment = models.CharField("précisions sur le financement", max_length=500, blank=True)
    open_date = models.DateField("ouverture", null=True, blank=True)
    close_date = models.DateField("clôture", null=True, blank=True, db_index=True)
    recurrence = models.CharField(
        "récurrence", max_length=12, choices=Recurrence.choices, default=Recurrence.ONE_OFF
    )
    url = models.URLField("lien vers le dispositif", max_length=500, blank=True)
    contact = models.TextField("contact", blank=True)
    source = models.CharField("source", max_length=40, blank=True)
    external_id = models.CharField("identifiant d'origine", max_length=100, blank=True)
    # Imports: the source's own modification date (incremental runs skip aids it did not change),
    # and when the source stopped listing the aid (it is then closed, never deleted).
    source_updated_at = models.DateTimeField("modifiée à la source le", null=True, blank=True)
    withdrawn_at = models.DateTimeField("retirée par la source le", null=True, blank=True)
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+", verbose_name="créée par")
    created_at = models.DateTimeField("créée le", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = AidQuerySet.as_manager()

    class Meta:
        verbose_name = "aide"
        verbose_name_plural = "aides"
        ordering = ["close_date", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~Q(external_id=""),
                name="aid_source_external_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(rate_max__isnull=True) | Q(rate_max__lte=100), name="aid_rate_max_percent"
            ),
            models.CheckConstraint(
                condition=Q(rate_min__isnull=True)
                | Q(rate_max__isnull=True)
                | Q(rate_min__lte=models.F("rate_max")),
                name="aid_rate_min_le_max",
            ),
            models.CheckConstraint(
                condition=Q(open_date__isnull=True)
                | Q(close_date__isnull=True)
                | Q(open_date__lte=models.F("close_date")),
                name="aid_open_before_close",
            ),
        ]
        indexes = [
            # The eligibility search: perimeter set + published + not closed, sorted by closing date.
            models.Index(fields=["perimeter", "status", "close_date"], name="aid_perimeter_status_close"),
            models.Index(fields=["status", "close_date"], name="aid_status_close"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            from apps.directory.models import unique_slug

            # Keep clear of the fixed addresses of the app (/aides/nouvelle/, /aides/alertes/).
            title = self.title if normalize(self.title) not in RESERVED_SLUGS else f"aide {self.title}"
            self.slug = unique_slug(Aid, title)
        if self.recurrence == Recurrence.PERMANENT:
            self.close_date = None
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("aids:detail", kwargs={"slug": self.slug})

    # How the aid page names the import sources it knows (the field holds the importer's key).
    SOURCE_LABELS: ClassVar[dict[str, str]] = {
        "aides-territoires": "Aides-territoires",
        "demo": "réseau de démonstration",
    }

    @property
    def source_label(self) -> str:
        return self.SOURCE_LABELS.get(self.source, self.source)

    def build_search_text(self, theme_names=None) -> str:
        """What the list's keyword filter matches, normalised like the query (apps.core.french):
        title, description (with the eligibility conditions), funders and the names of the aid's
        themes — an aid classified "Rénovation énergétique" that only says "isolation thermique"
        is found by "renovation energetique", as on Aides-territoires."""
        if theme_names is None:
            theme_names = list(self.themes.values_list("name", flat=True)) if self.pk else []
        return normalize(" ".join([self.title, self.description, self.funders_text, *theme_names]))

    def search_text_refresh(self) -> None:
        """After the themes changed (many-to-many rows are written after the aid itself)."""
        self.search_text = self.build_search_text()
        Aid.objects.filter(pk=self.pk).update(search_text=self.search_text)

    @property
    def beneficiary_list(self) -> list[str]:
        return [v for v in self.beneficiaries.strip(",").split(",") if v]

    @property
    def beneficiary_labels(self) -> list[str]:
        labels = dict(Beneficiary.choices)
        return [labels[v] for v in self.beneficiary_list if v in labels]

    @property
    def perimeter_label(self) -> str:
        return self.perimeter.label if self.perimeter_id else "France entière"

    @property
    def is_closed(self) -> bool:
        if self.withdrawn_at is not None:
            return True
        return self.close_date is not None and self.close_date < timezone.localdate()

    @property
    def is_closing_soon(self) -> bool:
        if self.close_date is None or self.is_closed:
            return False
        return (self.close_date - timezone.localdate()).days <= CLOSING_SOON_DAYS

    @property
    def is_not_yet_open(self) -> bool:
        return self.open_date is not None and self.open_date > timezone.localdate()

    @property
    def funders_text_list(self) -> list[str]:
        return [name.strip() for name in self.funders_text.split(",") if name.strip()]

    @property
    def funder_names(self) -> list[str]:
        """The funders of the directory, then those only named (API, open data, search)."""
        return [org.name for org in self.funders.all()] + self.funders_text_list


class SavedSearch(models.Model):
    """An eligibility search a member saved to receive new matching aids and approaching deadlines."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="aid_searches")
    name = models.CharField("nom de l'alerte", max_length=120)
    query = models.CharField("mots-clés", max_length=200, blank=True)
    territory = models.ForeignKey(
        "territories.Territory",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="territoire",
    )
    beneficiary = models.CharField("bénéficiaire", max_length=30, choices=Beneficiary.choices, blank=True)
    # PROTECT: a theme is deactivated, never deleted (apps.themes.services.theme_deactivate).
    theme = models.ForeignKey(
        "themes.Theme", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="thématique"
    )
    kind = models.CharField("nature", max_length=20, choices=AidKind.choices, blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    last_sent_at = models.DateTimeField("dernier envoi", null=True, blank=True)

    class Meta:
        verbose_name = "alerte aides"
        verbose_name_plural = "alertes aides"
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    def as_params(self) -> dict:
        """The search as the query string of the aid list, to re-run it in one click."""
        params = {}
        if self.query:
            params["q"] = self.query
        if self.territory_id:
            # The picker's own format (label + primary key): a bare "32" would be ambiguous
            # between the Gers and the Hauts-de-France region.
            params["territoire"] = self.territory.label
            params["territoire_id"] = self.territory_id
        if self.beneficiary:
            params["beneficiaire"] = self.beneficiary
        if self.theme_id:
            params["thematique"] = self.theme.slug
        if self.kind:
            params["nature"] = self.kind
        return params


class ImportFormat(models.TextChoices):
    AIDES_TERRITOIRES = "aides-territoires", "API Aides-territoires (JSON)"
    NEUTRAL = "neutral", "Format neutre Maillage (JSON)"


class ImportStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    RUNNING = "running", "En cours"
    DONE = "done", "Terminé"
    FAILED = "failed", "Échec"


class AidImport(models.Model):
    """One import run: a JSON file uploaded in the admin, or an Aides-territoires API address read
    by a task worker (paged, incremental). Keeps the report of what was created, updated, closed
    and rejected, with reasons."""

    # A private file (apps.core.files), read by those who may import aids (perms.FILES).
    file = files.PrivateFileField(
        "fichier JSON",
        upload_to=files.RandomName("aids/imports"),
        validators=[files.UploadPolicy(extensions=("json",), max_bytes=50 * files.MB)],
        blank=True,
    )
    url = models.URLField(
        "adresse de l'API",
        max_length=500,
        blank=True,
        help_text="Par exemple https://aides-territoires.beta.gouv.fr/api/aids/ (hôte autorisé par l'exploitant).",
    )
    format = models.CharField("format", max_length=20, choices=ImportFormat.choices)
    status = models.CharField(
        "état", max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    error = models.TextField("erreur", blank=True)
    uploaded_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+", verbose_name="déposé par")
    created_at = models.DateTimeField("déposé le", auto_now_add=True)
    ran_at = models.DateTimeField("importé le", null=True, blank=True)
    created_count = models.PositiveIntegerField("créées", default=0)
    updated_count = models.PositiveIntegerField("mises à jour", default=0)
    unchanged_count = models.PositiveIntegerField("inchangées", default=0)
    closed_count = models.PositiveIntegerField("clôturées", default=0)
    rejected_count = models.PositiveIntegerField("rejetées", default=0)
    report = models.TextField("compte rendu", blank=True)
    # The same report, structured for the report page: {"created": [...], "rejected": [[ref, reason]], ...}
    details = models.JSONField("détail", default=dict, blank=True)

    class Meta:
        verbose_name = "import d'aides"
        verbose_name_plural = "imports d'aides"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="aid_import_file_or_url"),
        ]

    def __str__(self):
        return f"Import {self.get_format_display()} du {self.created_at:%d/%m/%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("aids:import_detail", kwargs={"pk": self.pk})
