"""The versioned read API, /api/v1/ (django-ninja, OpenAPI 3.1). See docs/api.md.

Every list answers what the caller may see on the site, through the same QuerySets and perms:
anonymous callers get public data; a personal token (Authorization: Bearer mlg_…) gives its
owner's view (members-only content, contacts people share with members, groups). Lists use
cursor pagination (`cursor`, `page_size`), read with the same filters as the pages."""

import datetime
from typing import Literal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, NinjaAPI, Query, Router, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import Swagger
from ninja.pagination import CursorPagination, paginate
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from apps.core.french import normalize
from apps.core.throttling import client_ip

# --- Authentication: a personal token, or nobody -----------------------------------------------------


class TokenOrAnonymous(HttpBearer):
    """Bearer token if given (an unknown or revoked one is a 401, never silently anonymous);
    without an Authorization header, the anonymous visitor's public view."""

    openapi_description = "Jeton personnel créé dans « Mon compte › Jetons d'API » (facultatif)."

    def __call__(self, request: HttpRequest):
        if not request.headers.get("Authorization"):
            request.api_user = AnonymousUser()
            return request.api_user
        return super().__call__(request)

    def authenticate(self, request, token):
        from apps.api.services import api_token_authenticate

        user = api_token_authenticate(raw=token)
        if user is None:
            raise AuthenticationError(401, "Jeton inconnu, révoqué ou compte désactivé.")
        request.api_user = user
        return user


def _user(request):
    return getattr(request, "api_user", None) or AnonymousUser()


# --- Rate limits in the shared cache (Redis in production) -----------------------------------------


class _Throttle(SimpleRateThrottle):
    """Per client address for anonymous callers, per account with a token. Rates are read from
    the settings at each request (MAILLAGE_API_RATE_ANONYMOUS / _TOKEN)."""

    def __init__(self):
        super().__init__(rate="1/s")

    def allow_request(self, request):
        user = _user(request)
        if user.is_authenticated:
            self.scope, rate, ident = "api_token", settings.MAILLAGE_API_RATE_TOKEN, f"u{user.pk}"
        else:
            self.scope, rate, ident = "api_anon", settings.MAILLAGE_API_RATE_ANONYMOUS, client_ip(request)
        self.rate = rate
        self.num_requests, self.duration = self.parse_rate(rate)
        self._ident = ident
        return super().allow_request(request)

    def get_cache_key(self, request):
        return self.cache_format % {"scope": self.scope, "ident": self._ident}


api = NinjaAPI(
    title="API Maillage",
    version="1",
    description=(
        "Lecture des données publiques du réseau (annuaire, retours d'expérience, ressources, aides, "
        "agenda, territoires, thématiques) et, avec un jeton personnel, de ce que voit son titulaire. "
        "Licence Ouverte 2.0 pour les données publiques. Pagination par curseur : suivez `next`."
    ),
    urls_namespace="api-v1",
    auth=TokenOrAnonymous(),
    throttle=[_Throttle()],
    docs=Swagger(settings={"persistAuthorization": False, "defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


class Error(Schema):
    detail: str | list | dict


ERRORS = {400: Error, 401: Error, 404: Error, 429: Error}


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


class Pagination(CursorPagination):
    """Cursor pagination on the primary key: stable while rows are added, no COUNT(*)."""

    def __init__(self, **kwargs):
        super().__init__(ordering=("pk",), page_size=20, max_page_size=100, **kwargs)

    class Input(Schema):
        page_size: int | None = Field(None, ge=1, le=100, description="De 1 à 100 (20 par défaut).")
        cursor: str | None = Field(
            None, max_length=200, description="Valeur reçue dans `next` ou `previous`."
        )

    def paginate_queryset(self, queryset, pagination, request, **params):
        from pydantic import ValidationError as PydanticError

        try:
            cursor = self.Cursor.from_encoded_param(pagination.cursor)
        except (PydanticError, NinjaValidationError, ValueError, UnicodeError):
            raise HttpError(
                400, "Curseur invalide : reprenez l'adresse donnée par `next` ou `previous`."
            ) from None
        if cursor.p is not None and not cursor.p.isdigit():
            raise HttpError(400, "Curseur invalide : reprenez l'adresse donnée par `next` ou `previous`.")
        return super().paginate_queryset(queryset, pagination, request, **params)


def _ctx_request(context):
    return context["request"]


def _absolute(context, path: str) -> str:
    return _ctx_request(context).build_absolute_uri(path)


# --- Shared schemas ----------------------------------------------------------------------------------


class ThemeOut(Schema):
    slug: str
    nom: str = Field(alias="name")
    description: str


class TerritoryRef(Schema):
    niveau: str = Field(alias="kind")
    code: str
    nom: str = Field(alias="name")


class TerritoryOut(TerritoryRef):
    population: int | None
    codes_postaux: list[str]
    departement: str | None
    region: str | None
    latitude: float | None
    longitude: float | None

    @staticmethod
    def resolve_codes_postaux(obj):
        return obj.postcodes.split()

    @staticmethod
    def resolve_departement(obj):
        return obj.departement.code if obj.departement_id else None

    @staticmethod
    def resolve_region(obj):
        return obj.region.code if obj.region_id else None


class _Content(Schema):
    """Something with a page on the site (its `url`, declared by each schema where it belongs in
    the output) and themes."""

    thematiques: list[ThemeOut]

    @staticmethod
    def resolve_thematiques(obj):
        return list(obj.themes.all())

    @staticmethod
    def resolve_url(obj, context):
        return _absolute(context, obj.get_absolute_url())


def _theme_filter(slug: str | None):
    from apps.themes.models import Theme

    if not slug:
        return None
    theme = Theme.objects.filter(slug=slug).first()
    if theme is None:
        raise HttpError(400, f"Thématique inconnue : « {slug} ».")
    return theme


def _territory_filter(value: str | None):
    from apps.aids.selectors import territory_from_code
    from apps.territories.models import Territory

    if not value:
        return None
    try:
        territory = territory_from_code(value)
    except Territory.MultipleObjectsReturned:
        raise HttpError(400, "Plusieurs territoires portent ce nom : donnez le code INSEE.") from None
    if territory is None:
        raise HttpError(400, f"Territoire introuvable : « {value} ».")
    return territory


def _in_territory(qs, territory, field: str = "territory"):
    """Content located in `territory` or below it (région, département, EPCI, commune)."""
    from django.db.models import Q

    from apps.territories.models import Kind

    if territory is None:
        return qs
    if territory.kind == Kind.REGION:
        return qs.filter(Q(**{f"{field}__region": territory}) | Q(**{field: territory}))
    if territory.kind == Kind.DEPARTMENT:
        return qs.filter(Q(**{f"{field}__departement": territory}) | Q(**{field: territory}))
    if territory.kind == Kind.EPCI:
        return qs.filter(Q(**{f"{field}__epci": territory}) | Q(**{field: territory}))
    return qs.filter(**{field: territory})


def _words(qs, field: str, q: str | None):
    for word in normalize(q or "").split()[:10]:
        qs = qs.filter(**{f"{field}__icontains": word})
    return qs


def _filtered(qs, filters: "CommonFilters", *, words: str, territory: str | None = "territory"):
    """The filters every content list shares: theme, territory (through the field `territory`,
    None for content without one) and keywords (in the field `words`)."""
    theme = _theme_filter(filters.thematique)
    if theme is not None:
        qs = qs.filter(themes=theme)
    if territory is not None:
        qs = _in_territory(qs, _territory_filter(filters.territoire), territory)
    return _words(qs, words, filters.q)


class CommonFilters(Schema):
    q: str | None = Field(None, max_length=200, description="Mots-clés.")
    thematique: str | None = Field(None, max_length=120, description="Identifiant (slug) d'une thématique.")
    territoire: str | None = Field(
        None, max_length=120, description="Code INSEE, SIREN d'EPCI, numéro de département, « region:76 »…"
    )


# The routers, one per tag of the documentation (added to the API at the end of the module).
reference = Router(tags=["Référentiels"])
aids = Router(tags=["Aides"])
directory = Router(tags=["Annuaire"])
content = Router(tags=["Contenus"])


# --- Themes and territories --------------------------------------------------------------------------


@reference.get("/themes", response={200: list[ThemeOut], **ERRORS}, summary="Thématiques")
@paginate(Pagination)
def theme_list(request):
    from apps.themes.models import Theme

    return Theme.objects.active()


class TerritoryFilters(Schema):
    niveau: Literal["region", "department", "epci", "ept", "municipality", "project"] | None = None
    q: str | None = Field(None, max_length=100, description="Début du nom.")
    departement: str | None = Field(None, max_length=3, description="Code du département.")


@reference.get("/territories", response={200: list[TerritoryOut], **ERRORS}, summary="Territoires (COG)")
@paginate(Pagination)
def territory_list(request, filters: Query[TerritoryFilters]):
    from apps.territories.models import Territory

    qs = Territory.objects.filter(is_current=True).select_related("departement", "region")
    if filters.niveau:
        qs = qs.filter(kind=filters.niveau)
    if filters.q and normalize(filters.q):
        qs = qs.filter(search_name__startswith=normalize(filters.q))
    if filters.departement:
        qs = qs.filter(departement__code=filters.departement.upper())
    return qs


# --- Aids ----------------------------------------------------------------------------------------------


class AidOut(_Content):
    slug: str
    intitule: str = Field(alias="title")
    url: str
    nature: str = Field(alias="kind")
    description: str
    beneficiaires: list[str] = Field(alias="beneficiary_list")
    perimetre: TerritoryRef | None = Field(alias="perimeter", description="null : France entière.")
    financeurs: list[str]
    taux_min: int | None = Field(alias="rate_min")
    taux_max: int | None = Field(alias="rate_max")
    montant_max: int | None = Field(alias="amount_max")
    ouverture: datetime.date | None = Field(alias="open_date")
    cloture: datetime.date | None = Field(alias="close_date")
    recurrence: str
    lien: str = Field(alias="url")
    cloturee: bool = Field(alias="is_closed")
    modifiee_le: datetime.datetime = Field(alias="updated_at")

    @staticmethod
    def resolve_financeurs(obj):
        return obj.funder_names


class AidFilters(CommonFilters):
    beneficiaire: str | None = Field(None, max_length=30, description="municipality, epci, association…")
    nature: str | None = Field(None, max_length=20, description="grant, loan, engineering…")
    clotures: bool = Field(False, description="Inclure les aides clôturées.")


@aids.get("/aids", response={200: list[AidOut], **ERRORS}, summary="Aides (recherche d'éligibilité)")
@paginate(Pagination)
def aid_list(request, filters: Query[AidFilters]):
    """Les mêmes critères que la page « Aides et dispositifs » : territoire (les aides dont le
    périmètre le contient, et les aides nationales), bénéficiaire, thématique, nature, mots-clés."""
    from apps.aids.models import AidKind, Beneficiary
    from apps.aids.selectors import aid_search

    if filters.beneficiaire and filters.beneficiaire not in Beneficiary.values:
        raise HttpError(400, f"Bénéficiaire inconnu ; valeurs : {', '.join(Beneficiary.values)}.")
    if filters.nature and filters.nature not in AidKind.values:
        raise HttpError(400, f"Nature inconnue ; valeurs : {', '.join(AidKind.values)}.")
    qs = aid_search(
        user=_user(request),
        query=filters.q or "",
        territory=_territory_filter(filters.territoire),
        beneficiary=filters.beneficiaire or "",
        theme=_theme_filter(filters.thematique),
        kind=filters.nature or "",
        include_closed=filters.clotures,
    )
    return qs.defer("search_text").select_related("perimeter").prefetch_related("themes", "funders")


@aids.get("/aids/{slug}", response={200: AidOut, **ERRORS}, summary="Une aide")
def aid_detail(request, slug: str):
    from apps.aids.models import Aid

    return get_object_or_404(Aid.objects.visible_to(_user(request)), slug=slug)


# --- Directory -----------------------------------------------------------------------------------------


class OrganisationOut(_Content):
    slug: str
    nom: str = Field(alias="name")
    url: str
    type: str
    territoire: TerritoryRef | None = Field(alias="territory")
    siren: str
    site: str = Field(alias="website")
    presentation: str = Field(alias="description")
    competences: str
    besoins: str = Field(alias="needs")
    latitude: float | None
    longitude: float | None


class OrganisationFilters(CommonFilters):
    type: str | None = Field(
        None, max_length=20, description="Type d'organisation (municipality, association…)."
    )


@directory.get("/organisations", response={200: list[OrganisationOut], **ERRORS}, summary="Organisations")
@paginate(Pagination)
def organisation_list(request, filters: Query[OrganisationFilters]):
    from apps.directory.models import Organisation, OrganisationType

    if filters.type and filters.type not in OrganisationType.values:
        raise HttpError(400, f"Type inconnu ; valeurs : {', '.join(OrganisationType.values)}.")
    qs = (
        Organisation.objects.visible_to(_user(request)).select_related("territory").prefetch_related("themes")
    )
    if filters.type:
        qs = qs.filter(type=filters.type)
    return _filtered(qs, filters, words="search_name")


@directory.get("/organisations/{slug}", response={200: OrganisationOut, **ERRORS}, summary="Une organisation")
def organisation_detail(request, slug: str):
    from apps.directory.models import Organisation

    return get_object_or_404(Organisation.objects.visible_to(_user(request)), slug=slug)


class PersonOut(_Content):
    slug: str
    prenom: str = Field(alias="first_name")
    nom: str = Field(alias="last_name")
    url: str
    fonction: str = Field(alias="function")
    categorie: str = Field(alias="category")
    presentation: str = Field(alias="bio")
    competences: str
    organisations: list[str] = Field(description="Identifiants (slug) des organisations de rattachement.")
    courriel: str | None = Field(description="Seulement si la personne le montre à l'appelant.")
    telephone: str | None = Field(description="Seulement si la personne le montre à l'appelant.")

    @staticmethod
    def resolve_organisations(obj):
        return [m.organisation.slug for m in obj.memberships.all()]

    @staticmethod
    def resolve_courriel(obj, context):
        from apps.directory.perms import can_see_contact

        return obj.email or None if can_see_contact(_user(_ctx_request(context)), obj) else None

    @staticmethod
    def resolve_telephone(obj, context):
        from apps.directory.perms import can_see_contact

        return obj.phone or None if can_see_contact(_user(_ctx_request(context)), obj) else None


@directory.get("/people", response={200: list[PersonOut], **ERRORS}, summary="Personnes (qui ont consenti)")
@paginate(Pagination)
def person_list(request, filters: Query[CommonFilters]):
    """Seules les personnes qui ont accepté d'apparaître dans l'annuaire ; leurs coordonnées
    suivent leur propre choix (publiques, membres connectés, masquées)."""
    from apps.directory.models import Person

    qs = Person.objects.visible_to(_user(request)).prefetch_related("themes", "memberships__organisation")
    qs = _filtered(qs, filters, words="search_name", territory=None)
    territory = _territory_filter(filters.territoire)
    if territory is not None:
        from apps.directory.models import Organisation

        orgs = _in_territory(Organisation.objects.all(), territory).values("pk")
        qs = qs.filter(memberships__organisation__in=orgs).distinct()
    return qs


@directory.get("/people/{slug}", response={200: PersonOut, **ERRORS}, summary="Une personne")
def person_detail(request, slug: str):
    from apps.directory.models import Person

    return get_object_or_404(Person.objects.visible_to(_user(request)), slug=slug)


# --- Experiences, resources, events, groups ----------------------------------------------------------


class ExperienceOut(_Content):
    slug: str
    titre: str = Field(alias="title")
    url: str
    format: str
    resume: str = Field(alias="summary")
    territoire: TerritoryRef | None = Field(alias="territory")
    statut_projet: str = Field(alias="project_status")
    debut: datetime.date | None = Field(alias="started_on")
    fin: datetime.date | None = Field(alias="ended_on")
    organisations: list[str]
    publie_le: datetime.datetime | None = Field(alias="published_at")

    @staticmethod
    def resolve_organisations(obj):
        return obj.organisation_slugs


def _published_experiences(request):
    from apps.experiences.models import Experience

    return Experience.objects.visible_to(_user(request)).filter(state="published")


@content.get("/experiences", response={200: list[ExperienceOut], **ERRORS}, summary="Retours d'expérience")
@paginate(Pagination)
def experience_list(request, filters: Query[CommonFilters]):
    qs = (
        _published_experiences(request)
        .select_related("territory")
        .prefetch_related("themes", "organisations")
    )
    return _filtered(qs, filters, words="title")


@content.get("/experiences/{slug}", response={200: ExperienceOut, **ERRORS}, summary="Un retour d'expérience")
def experience_detail(request, slug: str):
    return get_object_or_404(_published_experiences(request), slug=slug)


class ResourceOut(_Content):
    slug: str
    titre: str = Field(alias="title")
    url: str
    type: str = Field(alias="kind")
    resume: str = Field(alias="summary")
    lien: str = Field(alias="url")
    editeur: str
    public: str = Field(alias="audience")
    niveau: str = Field(alias="level")
    territoire: TerritoryRef | None = Field(alias="territory")
    publiee_le: datetime.datetime = Field(alias="created_at")

    @staticmethod
    def resolve_editeur(obj):
        return obj.publisher_label


def _published_resources(request):
    from apps.resources.models import Resource

    return Resource.objects.visible_to(_user(request)).filter(status="published")


@content.get("/resources", response={200: list[ResourceOut], **ERRORS}, summary="Ressources")
@paginate(Pagination)
def resource_list(request, filters: Query[CommonFilters]):
    qs = _published_resources(request).select_related("territory", "publisher").prefetch_related("themes")
    return _filtered(qs, filters, words="search_text")


@content.get("/resources/{slug}", response={200: ResourceOut, **ERRORS}, summary="Une ressource")
def resource_detail(request, slug: str):
    return get_object_or_404(_published_resources(request), slug=slug)


class EventOut(_Content):
    slug: str
    titre: str = Field(alias="title")
    url: str
    type: str = Field(alias="kind")
    statut: str = Field(alias="status")
    resume: str = Field(alias="summary")
    debut: datetime.datetime = Field(alias="start")
    fin: datetime.datetime = Field(alias="end")
    lieu: str = Field(alias="place_name")
    adresse: str = Field(alias="address")
    territoire: TerritoryRef | None = Field(alias="territory")
    organisateurs: list[str]

    @staticmethod
    def resolve_organisateurs(obj):
        return [org.slug for org in obj.organisers.all()]


class EventFilters(CommonFilters):
    a_venir: bool = Field(True, description="Seulement les événements qui ne sont pas terminés.")


@content.get("/events", response={200: list[EventOut], **ERRORS}, summary="Agenda")
@paginate(Pagination)
def event_list(request, filters: Query[EventFilters]):
    from django.utils import timezone

    from apps.events.models import Event

    qs = (
        Event.objects.visible_to(_user(request))
        .select_related("territory")
        .prefetch_related("themes", "organisers")
    )
    if filters.a_venir:
        qs = qs.filter(end__gte=timezone.now())
    return _filtered(qs, filters, words="title")


@content.get("/events/{slug}", response={200: EventOut, **ERRORS}, summary="Un événement")
def event_detail(request, slug: str):
    from apps.events.models import Event

    return get_object_or_404(Event.objects.visible_to(_user(request)), slug=slug)


class GroupOut(_Content):
    slug: str
    nom: str = Field(alias="name")
    url: str
    presentation: str = Field(alias="description")
    nature: str = Field(alias="kind")
    acces: str = Field(alias="access")


@content.get(
    "/groups", response={200: list[GroupOut], **ERRORS}, summary="Groupes (données publiques ; jeton requis)"
)
@paginate(Pagination)
def group_list(request, filters: Query[CommonFilters]):
    """Les groupes se voient entre membres du réseau : sans jeton, la liste est vide. Seules les
    données de présentation sont données, jamais le contenu d'un groupe."""
    from apps.groups.models import Group

    qs = Group.objects.visible_to(_user(request)).prefetch_related("themes")
    return _filtered(qs, filters, words="name", territory=None)


api.add_router("/", reference)
api.add_router("/", aids)
api.add_router("/", directory)
api.add_router("/", content)
