"""Load the demo network of the directory (called by `manage.py load_demo`, in a transaction).

Idempotent: organisations and people are keyed on their stable slug, users on their email,
memberships on (person, organisation), engagements on (organisation, kind), join requests on
(organisation, requester). A second run updates what the demo owns and never duplicates.
What the animators decided (the status of a pending organisation, a join request) is left as is.

Territories are resolved by name + département against the referential loaded by
`load_territories`; when a territory is missing (referential not loaded, or restricted to a few
départements), the organisation is created without it and a warning is printed.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.core.text import normalize
from apps.directory import demo_data
from apps.directory.models import (
    Engagement,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationStatus,
    Person,
)
from apps.territories.models import Kind, Territory
from apps.themes.models import Theme
from apps.themes.taxonomy import install_default_themes


def demo_logins_enabled() -> bool:
    """Demo logins share a published password: only on a development instance (DEBUG) or when the
    operator asks for them explicitly (`MAILLAGE_DEMO_LOGINS = True`, e.g. a public demo)."""
    return bool(settings.DEBUG or settings.MAILLAGE_DEMO_LOGINS)


@dataclass
class _Resolver:
    """Finds territories by name, caching results; remembers what could not be found."""

    missing: list[str] = field(default_factory=list)
    _cache: dict = field(default_factory=dict)

    def resolve(self, place: demo_data.Place) -> Territory | None:
        if place not in self._cache:
            self._cache[place] = self._find(place)
        return self._cache[place]

    def _find(self, place: demo_data.Place) -> Territory | None:
        if place.kind == "commune":
            return self._commune(place.name, place.departement)
        if place.kind == "epci":
            return self._epci(place.name, place.departement)
        # A territoire de projet (PETR, pays) when the referential has it, else its seat commune.
        found = self._in_departement(
            Territory.objects.filter(kind=Kind.PROJET, search_name__contains=normalize(place.name)),
            place.departement,
        )
        if found:
            return found
        return self.resolve(place.seat) if place.seat else None

    def _commune(self, name: str, departement: str) -> Territory | None:
        qs = Territory.objects.filter(kind=Kind.COMMUNE, search_name=normalize(name)).order_by(
            "-is_current", "code"
        )
        found = next((t for t in qs if t.departement_code == departement), None)
        if found is None:
            self.missing.append(f"commune {name} ({departement})")
        return found

    def _epci(self, name: str, departement: str) -> Territory | None:
        key = normalize(name)
        qs = Territory.objects.filter(kind__in=[Kind.EPCI, Kind.EPT], search_name=key)
        found = self._in_departement(qs, departement) or qs.first()
        if found is None:
            # Names drift between vintages of the referential ("CC de X" / "CC X"): try the
            # name without its legal-form prefix, within the département.
            core = key.split(" ", 1)[-1]
            found = self._in_departement(
                Territory.objects.filter(kind=Kind.EPCI, search_name__contains=core), departement
            )
        if found is None:
            self.missing.append(f"intercommunalité {name} ({departement})")
        return found

    @staticmethod
    def _in_departement(qs, departement: str) -> Territory | None:
        return (
            qs.filter(Q(departement__code=departement) | Q(departement__isnull=True)).order_by("code").first()
        )


def _themes(slugs) -> list[Theme]:
    themes = list(Theme.objects.filter(slug__in=slugs))
    return sorted(themes, key=lambda theme: list(slugs).index(theme.slug))


def _siren_for(territory: Territory | None, organisation: Organisation) -> str:
    """The collectivité's own SIREN, from the referential; only if no other organisation has it."""
    if territory is None:
        return organisation.siren
    siren = territory.code if territory.kind == Kind.EPCI else territory.siren
    if not siren or Organisation.objects.filter(siren=siren).exclude(pk=organisation.pk).exists():
        return organisation.siren
    return siren


def _load_organisation(spec: demo_data.Org, resolver: _Resolver) -> Organisation:
    territory = resolver.resolve(spec.place)
    organisation = Organisation.objects.filter(slug=spec.slug).first()
    created = organisation is None
    if created:
        organisation = Organisation(
            slug=spec.slug,
            status=OrganisationStatus.PENDING if spec.pending else OrganisationStatus.ACTIVE,
        )
    organisation.name = spec.name
    organisation.type = spec.type
    if territory is not None and organisation.territory_id != territory.pk:
        organisation.territory = territory
        # Coordinates follow the territory (Organisation.save copies them when empty).
        organisation.latitude = organisation.longitude = None
    organisation.description = spec.description
    organisation.competences = spec.competences
    organisation.needs = spec.needs
    if spec.type in ("commune", "epci"):
        organisation.siren = _siren_for(territory, organisation) if spec.is_territory else ""
    organisation.save()
    organisation.themes.set(_themes(spec.themes))
    for kind, stage, label, year in spec.engagements:
        Engagement.objects.update_or_create(
            organisation=organisation, kind=kind, defaults={"stage": stage, "label": label, "year": year}
        )
    return organisation


def _load_user(
    *, email: str, first_name: str, last_name: str, role: str, superuser: bool, password: str | None
):
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    user.first_name, user.last_name = first_name, last_name
    user.role = role
    user.is_active = True
    user.is_superuser = superuser
    user.is_staff = superuser or role == Role.ADMIN
    user.email_verified_at = user.email_verified_at or timezone.now()
    if password:
        user.set_password(password)
    elif not user.pk:
        user.set_unusable_password()
    user.save()
    return user


def _load_person(spec: demo_data.Person, organisations: dict[str, Organisation], user: User | None) -> Person:
    person = Person.objects.filter(slug=spec.slug).first() or Person(slug=spec.slug)
    person.first_name, person.last_name = spec.first_name, spec.last_name
    person.category = spec.category
    person.function = spec.function
    person.email = spec.email
    person.phone = spec.phone
    person.bio = spec.bio
    person.competences = spec.competences
    person.contact_visibility = spec.visibility
    person.directory_consent = spec.consent
    person.consent_at = (person.consent_at or timezone.now()) if spec.consent else None
    person.is_removed = False
    if user is not None:
        # A user has at most one Person: detach it from any other card first.
        Person.objects.filter(user=user).exclude(slug=spec.slug).update(user=None)
        person.user = user
    person.save()
    person.themes.set(_themes(spec.themes))
    person.resource_themes.set(_themes(spec.resource_themes))
    for org_slug, function, referent in spec.memberships:
        Membership.objects.update_or_create(
            person=person,
            organisation=organisations[org_slug],
            defaults={"function": function, "is_referent": referent},
        )
    return person


def _search_index(objects) -> None:
    """Index the demo content like the directory's services do, when search knows the model."""
    from apps.search import registry
    from apps.search.services import search_index_object

    for obj in objects:
        if registry.provider_for_model(type(obj)) is not None:
            search_index_object(obj)


def load(*, stdout, logins: bool | None = None) -> None:
    # The directory links to themes: make sure the default taxonomy is there (creates missing only).
    install_default_themes(Theme)
    resolver = _Resolver()
    organisations = {spec.slug: _load_organisation(spec, resolver) for spec in demo_data.ORGANISATIONS}

    with_logins = demo_logins_enabled() if logins is None else logins
    login_users = {}
    if with_logins:
        for login in demo_data.LOGINS:
            login_users[login.email] = _load_user(
                email=login.email,
                first_name=login.first_name,
                last_name=login.last_name,
                role=login.role,
                superuser=login.superuser,
                password=demo_data.DEMO_PASSWORD,
            )

    requesters = {spec.requested_by for spec in demo_data.ORGANISATIONS if spec.requested_by}
    people = []
    for spec in demo_data.PEOPLE:
        user = login_users.get(spec.login) if spec.login else None
        if spec.email in requesters:
            # Whoever asked to join has an account (no usable password: not a demo login).
            user = _load_user(
                email=spec.email,
                first_name=spec.first_name,
                last_name=spec.last_name,
                role=Role.MEMBER,
                superuser=False,
                password=None,
            )
        people.append(_load_person(spec, organisations, user))

    for spec in demo_data.ORGANISATIONS:
        if spec.pending and spec.requested_by:
            JoinRequest.objects.get_or_create(
                organisation=organisations[spec.slug],
                requested_by=User.objects.get(email=spec.requested_by),
                kind=JoinRequest.Kind.ORGANISATION,
                defaults={"motivation": spec.motivation},
            )

    _search_index([*organisations.values(), *people])

    for missing in dict.fromkeys(resolver.missing):
        stdout.write(f"Attention : territoire introuvable, lien ignoré — {missing} (référentiel chargé ?)")
    stdout.write(
        f"Annuaire de démonstration : {len(organisations)} organisations, {len(demo_data.PEOPLE)} personnes"
        + (
            f", {len(login_users)} comptes de démonstration."
            if with_logins
            else " (sans comptes de démonstration)."
        )
    )
