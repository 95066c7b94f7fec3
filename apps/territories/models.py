from typing import Self

from django.db import models
from django.db.models import Q

from apps.core.french import normalize
from apps.core.models import optional_fk


class Kind(models.TextChoices):
    REGION = "region", "Région"
    DEPARTMENT = "department", "Département"
    EPCI = "epci", "Intercommunalité (EPCI)"
    EPT = "ept", "Établissement public territorial"
    MUNICIPALITY = "municipality", "Commune"
    PROJECT = "project", "Territoire de projet"


# Territory pages keep French URL path segments (/territoires/commune/74010/): the path is read by
# people, the stored code is English (docs/coding-style.md, « Codes des choix »).
URL_SEGMENTS = {
    Kind.REGION: "region",
    Kind.DEPARTMENT: "departement",
    Kind.EPCI: "epci",
    Kind.EPT: "ept",
    Kind.MUNICIPALITY: "commune",
    Kind.PROJECT: "projet",
}
KIND_BY_URL_SEGMENT = {segment: kind for kind, segment in URL_SEGMENTS.items()}


class EpciType(models.TextChoices):
    CC = "CC", "Communauté de communes"
    CA = "CA", "Communauté d'agglomération"
    CU = "CU", "Communauté urbaine"
    METRO = "METRO", "Métropole"
    MET69 = "MET69", "Métropole de Lyon"
    EPT = "EPT", "Établissement public territorial"


class ProjectKind(models.TextChoices):
    PETR = "petr", "PETR / pays"
    PNR = "pnr", "Parc naturel régional"
    BASIN = "basin", "Bassin (de vie, versant, emploi…)"
    OTHER = "other", "Autre territoire de projet"


class CoordinateSource(models.TextChoices):
    GEONAMES = "geonames", "Lieu GeoNames apparié"
    FALLBACK_EPCI = "epci", "Ville principale de l'EPCI"
    FALLBACK_DEPARTMENT = "department", "Chef-lieu du département"
    CENTROID = "centroid", "Centre des communes membres"
    MANUAL = "manual", "Saisie manuelle"


class TerritoryQuerySet(models.QuerySet):
    def communes(self) -> Self:
        return self.filter(kind=Kind.MUNICIPALITY)

    def search(self, query: str, *, kinds=None, limit: int = 10) -> Self:
        """Autocomplete on name, INSEE/SIREN code or postcode (see territories.services for ranking)."""
        from apps.territories.selectors import territory_autocomplete

        return territory_autocomplete(query, kinds=kinds, limit=limit)

    def containing(self, territory) -> Self:
        """Territories that contain `territory` (itself, its EPCI, département, région, projects)."""
        ids = {territory.pk}
        for fk in ("epci_id", "departement_id", "region_id"):
            if getattr(territory, fk):
                ids.add(getattr(territory, fk))
        ids.update(territory.member_of.values_list("pk", flat=True))
        return self.filter(pk__in=ids)


class Territory(models.Model):
    """One table for every administrative level and for territoires de projet, so that any
    content can point to "a territory" with one foreign key and the hierarchy can be walked
    both ways."""

    kind = models.CharField("niveau", max_length=20, choices=Kind.choices, db_index=True)
    code = models.CharField("code", max_length=40, help_text="Code INSEE (COG), SIREN pour les EPCI")
    name = models.CharField("nom", max_length=200)
    search_name = models.CharField(max_length=200, db_index=True, editable=False)
    epci_type = models.CharField("nature de l'EPCI", max_length=10, choices=EpciType.choices, blank=True)
    project_kind = models.CharField(
        "type de territoire de projet", max_length=10, choices=ProjectKind.choices, blank=True
    )
    population = models.PositiveIntegerField("population", null=True, blank=True)
    postcodes = models.CharField("codes postaux", max_length=300, blank=True)
    siren = models.CharField("SIREN", max_length=9, blank=True, db_index=True)
    region = optional_fk("self", related_name="+", verbose_name="région")
    departement = optional_fk("self", related_name="+", verbose_name="département")
    epci = optional_fk("self", related_name="communes", verbose_name="EPCI")
    # Members of an EPT or of a territoire de projet (communes and/or EPCI).
    members = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="member_of", verbose_name="membres"
    )
    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)
    coordinates_source = models.CharField(
        "origine des coordonnées", max_length=20, choices=CoordinateSource.choices, blank=True
    )
    is_current = models.BooleanField("en vigueur", default=True)
    description = models.TextField("description", blank=True)
    created_by = optional_fk("accounts.User", related_name="+", verbose_name="créé par")

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = "territoire"
        verbose_name_plural = "territoires"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="territory_kind_code_unique"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | (Q(latitude__gte=-90) & Q(latitude__lte=90)),
                name="territory_latitude_range",
            ),
        ]
        indexes = [
            models.Index(fields=["code"]),
            # PostgreSQL only uses an index for LIKE 'x%' with a pattern operator class (the
            # database collation is rarely "C"); SQLite ignores opclasses and the selector uses
            # range lookups there.
            models.Index(fields=["code"], name="territory_code_like", opclasses=["varchar_pattern_ops"]),
            # Covering indexes of the autocomplete: filter on a prefix, sort by population and
            # return primary keys without touching the table (apps.territories.selectors).
            models.Index(
                fields=["search_name", "is_current", "kind", "population"], name="territory_name_cover"
            ),
            models.Index(fields=["code", "is_current", "kind", "population"], name="territory_code_cover"),
            models.Index(
                fields=["kind", "search_name", "is_current", "population"], name="territory_kind_name_cover"
            ),
            models.Index(
                fields=["kind", "code", "is_current", "population"], name="territory_kind_code_cover"
            ),
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        self.search_name = normalize(self.name)
        super().save(*args, **kwargs)
        # The autocomplete reads words and postcodes from TerritoryToken: keep it in step with
        # single-row edits (admin, services, factories). The bulk loader syncs tokens itself.
        TerritoryToken.sync_for(self)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse(
            "territories:detail", kwargs={"kind": URL_SEGMENTS[Kind(self.kind)], "code": self.code}
        )

    @property
    def label(self) -> str:
        if self.kind == Kind.MUNICIPALITY:
            return f"{self.name} ({self.departement_code})"
        if self.kind == Kind.DEPARTMENT:
            return f"{self.name} ({self.code})"
        if self.kind == Kind.EPCI and self.epci_type:
            return self.name
        return self.name

    @property
    def departement_code(self) -> str:
        if self.kind == Kind.MUNICIPALITY:
            return self.code[:3] if self.code.startswith("97") else self.code[:2]
        return ""

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class TokenField(models.TextChoices):
    WORD = "word", "mot du nom"
    POSTCODE = "postcode", "code postal"


def territory_tokens(search_name: str, postcodes: str) -> set[tuple[str, str]]:
    """(field, token) pairs indexed for a territory. The first word of the name is left out:
    the prefix lookup on `Territory.search_name` already covers it."""
    words = search_name.split()[1:]
    tokens = {(TokenField.WORD.value, word[:60]) for word in words if len(word) >= 2}
    tokens |= {(TokenField.POSTCODE.value, code) for code in postcodes.split() if code}
    return tokens


class TerritoryToken(models.Model):
    """Secondary search index of the autocomplete: one row per word of a territory's name (but
    the first) and per postcode, so that "etienne" or "74000" are indexed prefix lookups rather
    than full scans of 35 000 communes (LIKE '%x%' cannot use an index, on SQLite or PostgreSQL)."""

    territory = models.ForeignKey(Territory, models.CASCADE, related_name="tokens")
    field = models.CharField(max_length=10, choices=TokenField.choices)
    # db_index on PostgreSQL also creates a varchar_pattern_ops index for LIKE 'x%'.
    token = models.CharField(max_length=60, db_index=True)

    class Meta:
        verbose_name = "jeton de recherche"
        verbose_name_plural = "jetons de recherche"
        constraints = [
            models.UniqueConstraint(fields=["territory", "field", "token"], name="territory_token_unique"),
        ]
        indexes = [
            models.Index(fields=["field", "token"]),
            # PostgreSQL: "field = 'postcode' AND token LIKE '740%'" in one index range.
            models.Index(
                fields=["field", "token"], name="territory_token_like", opclasses=["varchar_pattern_ops"] * 2
            ),
        ]

    def __str__(self):
        return f"{self.get_field_display()} {self.token}"

    @classmethod
    def sync_for(cls, territory: Territory) -> None:
        wanted = territory_tokens(territory.search_name, territory.postcodes)
        existing = {
            (f, t): pk
            for pk, f, t in cls.objects.filter(territory=territory).values_list("pk", "field", "token")
        }
        stale = [pk for key, pk in existing.items() if key not in wanted]
        if stale:
            cls.objects.filter(pk__in=stale).delete()
        missing = [cls(territory=territory, field=f, token=t) for f, t in wanted if (f, t) not in existing]
        if missing:
            cls.objects.bulk_create(missing)
