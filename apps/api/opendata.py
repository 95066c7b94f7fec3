"""Open data: the public datasets of the network as CSV and JSON files under Licence Ouverte 2.0,
at stable addresses (/donnees/<dataset>.csv|.json) that data.gouv.fr can harvest.

Each dataset is what an anonymous visitor sees on the site (the same QuerySets), with the columns
described on /donnees/. People are not published: agreeing to appear in the directory is not
agreeing to an open-licence re-use of one's name (RGPD); the API gives them to members only as
each person chose."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

LICENCE = "Licence Ouverte / Open Licence version 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: Callable


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    queryset: Callable[[], QuerySet]
    columns: tuple[Column, ...]

    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def rows(self) -> Iterator[list]:
        for obj in self.queryset().iterator(chunk_size=500):
            yield [column.value(obj) for column in self.columns]

    def records(self) -> Iterator[dict]:
        names = self.header()
        for row in self.rows():
            yield dict(zip(names, row, strict=True))


def _site(path: str) -> str:
    return settings.MAILLAGE_SITE_URL + path


def _date(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _territory_code(territory) -> str:
    return f"{territory.kind}:{territory.code}" if territory is not None else ""


def _themes(obj) -> str:
    return " | ".join(theme.slug for theme in obj.themes.all())


def _public(qs, *, select=(), prefetch=()) -> QuerySet:
    """What an anonymous visitor sees of a model, in a stable order, with what the columns read."""
    return qs.select_related(*select).prefetch_related(*prefetch).order_by("pk")


def _organisations():
    from apps.directory.models import Organisation

    return _public(
        Organisation.objects.visible_to(AnonymousUser()), select=["territory"], prefetch=["themes"]
    )


def _aids():
    from apps.aids.models import Aid

    visible = Aid.objects.visible_to(AnonymousUser()).defer("search_text")
    return _public(visible, select=["perimeter"], prefetch=["themes", "funders"])


def _experiences():
    from apps.experiences.models import Experience

    visible = Experience.objects.visible_to(AnonymousUser())
    return _public(visible, select=["territory"], prefetch=["themes", "organisations"])


def _resources():
    from apps.resources.models import Resource

    visible = Resource.objects.visible_to(AnonymousUser())
    return _public(visible, select=["territory", "publisher"], prefetch=["themes"])


def _events():
    from apps.events.models import Event

    return _public(Event.objects.public(), select=["territory"], prefetch=["themes"])


IDENT = Column("identifiant", "Identifiant stable (slug) de la fiche sur la plateforme.", lambda o: o.slug)
URL = Column("url", "Adresse de la fiche sur la plateforme.", lambda o: _site(o.get_absolute_url()))
THEMES = Column(
    "thematiques", "Identifiants des thématiques, séparés par « | » (voir /api/v1/themes).", _themes
)
TERRITORY = Column(
    "territoire",
    "Territoire au format niveau:code (code INSEE du COG, SIREN pour les EPCI), vide si aucun.",
    lambda o: _territory_code(o.territory),
)

DATASETS = (
    Dataset(
        slug="organisations",
        title="Annuaire des organisations",
        description="Les organisations membres du réseau (collectivités, associations, entreprises…), telles que l'annuaire public les montre.",
        queryset=_organisations,
        columns=(
            IDENT,
            Column("nom", "Nom de l'organisation.", lambda o: o.name),
            Column("type", "Type d'organisation (code).", lambda o: o.type),
            Column("type_libelle", "Type d'organisation (libellé).", lambda o: o.get_type_display()),
            Column("siren", "Numéro SIREN, s'il est connu.", lambda o: o.siren),
            TERRITORY,
            Column("site_internet", "Site internet.", lambda o: o.website),
            Column("latitude", "Latitude (WGS 84).", lambda o: o.latitude),
            Column("longitude", "Longitude (WGS 84).", lambda o: o.longitude),
            THEMES,
            URL,
        ),
    ),
    Dataset(
        slug="retours-experience",
        title="Retours d'expérience",
        description="Les retours d'expérience publiés et ouverts à tous.",
        queryset=_experiences,
        columns=(
            IDENT,
            Column("titre", "Titre.", lambda o: o.title),
            Column("format", "Format (code).", lambda o: o.format),
            Column("resume", "Résumé (Markdown).", lambda o: o.summary),
            TERRITORY,
            Column("statut_projet", "Avancement du projet (code).", lambda o: o.project_status),
            Column("debut", "Début du projet (AAAA-MM-JJ).", lambda o: _date(o.started_on)),
            Column("fin", "Fin du projet (AAAA-MM-JJ).", lambda o: _date(o.ended_on)),
            Column(
                "organisations",
                "Identifiants des organisations porteuses, séparés par « | ».",
                lambda o: " | ".join(o.organisation_slugs),
            ),
            THEMES,
            Column("publie_le", "Date de publication (ISO 8601).", lambda o: _date(o.published_at)),
            URL,
        ),
    ),
    Dataset(
        slug="ressources",
        title="Centre de ressources",
        description="Les ressources publiées (guides, outils, études…).",
        queryset=_resources,
        columns=(
            IDENT,
            Column("titre", "Titre.", lambda o: o.title),
            Column("type", "Type de ressource (code).", lambda o: o.kind),
            Column("resume", "Résumé (Markdown).", lambda o: o.summary),
            Column("lien", "Lien vers la ressource, si elle est en ligne ailleurs.", lambda o: o.url),
            Column(
                "editeur",
                "Organisation qui publie la ressource.",
                lambda o: o.publisher_label,
            ),
            Column("niveau", "Niveau (code).", lambda o: o.level),
            TERRITORY,
            THEMES,
            Column("ajoutee_le", "Date d'ajout (ISO 8601).", lambda o: _date(o.created_at)),
            URL,
        ),
    ),
    Dataset(
        slug="aides",
        title="Aides et dispositifs",
        description="Les aides publiées, ouvertes ou clôturées, avec leur périmètre et leurs bénéficiaires.",
        queryset=_aids,
        columns=(
            IDENT,
            Column("intitule", "Intitulé.", lambda o: o.title),
            Column("nature", "Nature de l'aide (code).", lambda o: o.kind),
            Column(
                "beneficiaires",
                "Bénéficiaires éligibles (codes), séparés par « | ».",
                lambda o: " | ".join(o.beneficiary_list),
            ),
            Column(
                "perimetre",
                "Périmètre au format niveau:code ; vide : France entière.",
                lambda o: _territory_code(o.perimeter),
            ),
            Column(
                "financeurs",
                "Porteurs et financeurs, séparés par « | ».",
                lambda o: " | ".join(o.funder_names),
            ),
            Column("taux_min", "Taux de subvention minimum (%).", lambda o: o.rate_min),
            Column("taux_max", "Taux de subvention maximum (%).", lambda o: o.rate_max),
            Column("montant_max", "Montant maximum (€).", lambda o: o.amount_max),
            Column("ouverture", "Date d'ouverture (AAAA-MM-JJ).", lambda o: _date(o.open_date)),
            Column(
                "cloture", "Date de clôture (AAAA-MM-JJ), vide si permanente.", lambda o: _date(o.close_date)
            ),
            Column(
                "recurrence",
                "one_off (ponctuelle), recurring (récurrente) ou permanent (permanente).",
                lambda o: o.recurrence,
            ),
            Column(
                "cloturee",
                "oui si l'aide est clôturée ou retirée par sa source.",
                lambda o: "oui" if o.is_closed else "non",
            ),
            Column("lien", "Lien vers le dispositif chez son porteur.", lambda o: o.url),
            Column(
                "source", "Source de la fiche (aides-territoires, saisie…).", lambda o: o.source or "maillage"
            ),
            THEMES,
            URL,
        ),
    ),
    Dataset(
        slug="evenements",
        title="Agenda",
        description="Les événements publiés et ouverts à tous, passés et à venir.",
        queryset=_events,
        columns=(
            IDENT,
            Column("titre", "Titre.", lambda o: o.title),
            Column("type", "Type d'événement (code).", lambda o: o.kind),
            Column("statut", "Statut (publié, annulé…).", lambda o: o.status),
            Column("resume", "Résumé.", lambda o: o.summary),
            Column("debut", "Début (ISO 8601, heure de Paris).", lambda o: _date(o.start)),
            Column("fin", "Fin (ISO 8601, heure de Paris).", lambda o: _date(o.end)),
            Column("lieu", "Lieu.", lambda o: o.place_name),
            Column("adresse", "Adresse.", lambda o: o.address),
            TERRITORY,
            THEMES,
            URL,
        ),
    ),
)

BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


def json_chunks(dataset: Dataset) -> Iterable[str]:
    """The JSON file, streamed: metadata (licence, source, fields), then the records."""
    import json

    from apps.core.network import network_settings

    meta = {
        "titre": dataset.title,
        "description": dataset.description,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "producteur": network_settings().name,
        "source": _site(f"/donnees/{dataset.slug}.json"),
        "genere_le": timezone.localtime().isoformat(timespec="seconds"),
        "champs": [{"nom": c.name, "description": c.description} for c in dataset.columns],
    }
    head = json.dumps(meta, ensure_ascii=False)
    yield head[:-1] + ', "donnees": ['
    first = True
    for record in dataset.records():
        yield ("" if first else ",") + json.dumps(record, ensure_ascii=False, default=str)
        first = False
    yield "]}"
