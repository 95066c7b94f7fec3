"""One document table for every searchable content type.

Each row is the searchable face of one object (an experience, an organisation…), written by
`apps.search.services.search_index_object`. The full-text part lives beside it, per engine:
a weighted `tsvector` column + GIN index on PostgreSQL, an FTS5 virtual table on SQLite (both
created by vendor-specific migrations, invisible to the ORM).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from apps.core.models import optional_fk


class Visibility(models.TextChoices):
    PUBLIC = "public", "Tout le monde"
    MEMBERS = "members", "Membres connectés"
    ANIMATORS = "animators", "Équipe d'animation"


class PopulationBand(models.TextChoices):
    LT2K = "lt2k", "Moins de 2 000 habitants"
    B2K_10K = "2k-10k", "De 2 000 à 10 000 habitants"
    B10K_50K = "10k-50k", "De 10 000 à 50 000 habitants"
    B50K_200K = "50k-200k", "De 50 000 à 200 000 habitants"
    GT200K = "gt200k", "Plus de 200 000 habitants"


def population_band(population: int | None) -> str:
    if population is None:
        return ""
    if population < 2_000:
        return PopulationBand.LT2K
    if population < 10_000:
        return PopulationBand.B2K_10K
    if population < 50_000:
        return PopulationBand.B10K_50K
    if population < 200_000:
        return PopulationBand.B50K_200K
    return PopulationBand.GT200K


class SearchDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        qs = self.filter(visibility__in=visibilities_for(user))
        audiences = audiences_for(user)
        if audiences is not None:
            qs = qs.filter(models.Q(audience="") | models.Q(audience__in=audiences))
        return qs


def audiences_for(user) -> list[str] | None:
    """The restricted audiences `user` belongs to (a document with an `audience` is shown only to
    them), or None for the network animators, who see every audience (events restricted to one
    category of actors: `category:<code>`)."""
    from apps.accounts.perms import is_animator, is_member

    if is_animator(user):
        return None
    if not is_member(user):
        return []
    person = getattr(user, "person", None)
    category = getattr(person, "category", "") if person is not None else ""
    return [f"category:{category}"] if category else []


def visibilities_for(user) -> list[str]:
    from apps.accounts.perms import is_animator, is_member

    if is_animator(user):
        return [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.ANIMATORS]
    if is_member(user):
        return [Visibility.PUBLIC, Visibility.MEMBERS]
    return [Visibility.PUBLIC]


class SearchDocument(models.Model):
    content_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField("type de contenu", max_length=30)
    title = models.CharField("titre", max_length=300)
    summary = models.TextField("résumé", blank=True)
    body = models.TextField("texte", blank=True)
    extra = models.TextField("autres champs", blank=True)
    themes_text = models.TextField("thématiques", blank=True)
    themes = models.ManyToManyField(
        "themes.Theme", through="SearchDocumentTheme", related_name="+", verbose_name="thématiques"
    )
    # The theme ids again, as " 4 17 ": the theme filter becomes a test on the row already read
    # (no join over every document of a theme); the link table still gives the facet counts.
    theme_keys = models.CharField(max_length=500, blank=True, editable=False)
    region = optional_fk("territories.Territory", related_name="+", db_constraint=False)
    departement = optional_fk("territories.Territory", related_name="+", db_constraint=False)
    population_band = models.CharField(
        "taille du territoire", max_length=10, choices=PopulationBand.choices, blank=True
    )
    status = models.CharField("statut", max_length=30, blank=True)
    date = models.DateTimeField("date", null=True, blank=True)
    visibility = models.CharField(
        "visibilité", max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    # A restricted audience within the visibility ("category:elected"): empty = everyone it allows.
    audience = models.CharField("public restreint", max_length=40, blank=True, default="")
    url = models.CharField("adresse", max_length=500)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    indexed_at = models.DateTimeField("indexé le", auto_now=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "document indexé"
        verbose_name_plural = "documents indexés"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="searchdocument_unique_object")
        ]
        # `region` and `departement` are indexed as foreign keys already.
        indexes = [
            models.Index(fields=["kind", "visibility", "date"]),
            models.Index(fields=["date"]),
        ]

    def __str__(self):
        return f"{self.kind} — {self.title}"

    @property
    def kind_label(self) -> str:
        from apps.search.registry import provider_for_kind

        provider = provider_for_kind(self.kind)
        return provider.label if provider else self.kind


class SearchDocumentTheme(models.Model):
    document = models.ForeignKey(SearchDocument, models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey("themes.Theme", models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "thématique d'un document indexé"
        verbose_name_plural = "thématiques des documents indexés"
        constraints = [
            models.UniqueConstraint(fields=["document", "theme"], name="searchdocumenttheme_unique")
        ]
        indexes = [models.Index(fields=["theme", "document"])]

    def __str__(self):
        return f"{self.document_id} — {self.theme_id}"


class SearchVocabulary(models.Model):
    """Accent-free words seen in titles and summaries: the dictionary of spelling suggestions.
    Each word is kept with the visibility and audience of the documents it was seen in: a
    suggestion is drawn only from words of documents the asker may see (never from a draft's
    title, a pending suggestion or an event restricted to another category of actors)."""

    word = models.CharField(max_length=60)
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    audience = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        verbose_name = "mot du vocabulaire"
        verbose_name_plural = "vocabulaire"
        constraints = [
            models.UniqueConstraint(
                fields=["word", "visibility", "audience"], name="searchvocabulary_unique_word"
            )
        ]

    def __str__(self):
        return self.word
