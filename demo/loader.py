"""The demo network's loader: reads demo/data/*.json and writes the demo through the domain models
and services. Called by `manage.py load_demo`; idempotent (a second run updates, never duplicates).

Sections run in the order of SECTIONS, each in its own transaction, the directory first since
everything else links to its organisations. Every section finds what it links to by a stable key
(slug, email, title) and skips what an earlier section did not create: a partial demo still loads.
What the network decided or edited (a pending organisation's status, a join request, an edited
theme, a delegation's support file, poll options that may have answers) is left as it is.

The data is the network's documents (/work/shared/seeds, the COMETE network) and invented people:
every email is on the reserved domain of directory.json, phone numbers in the range ARCEP reserves
for fiction. Territories are *names* (+ département) resolved against the referential at load
time. consultation.json is derived from seeds/ by build_consultation.py.
"""

import datetime
import functools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.aids.models import Aid, AidStatus, encode_beneficiaries
from apps.arbitrages.models import (
    ArbitrageQuestion,
    ArbitrageResponse,
    ArbitrageResponseRevision,
    Questionnaire,
    QuestionnaireStatus,
)
from apps.consultations.models import STEERING_LABEL, Action, Booklet, Consultation, Contribution, Objective
from apps.core.french import normalize
from apps.directory.models import (
    Engagement,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationStatus,
    OrganisationType,
    PersonCategory,
)
from apps.directory.models import Person as PersonModel
from apps.events.models import Event, EventStatus
from apps.experiences.models import Experience, ExperienceVersion, ProjectStatus, State
from apps.experiences.services import VERSIONED_FIELDS
from apps.groups.models import Group, GroupMembership
from apps.mentoring.models import MentorProfile, Mentorship, Status
from apps.polls.models import Poll, PollOption
from apps.programmes.models import Enrolment, Phase, Programme, SupportFile
from apps.questions import services as question_services
from apps.questions.models import Expertise
from apps.questions.models import Question as NetworkQuestion
from apps.questions.models import State as QuestionState
from apps.resources.models import Collection, CollectionItem, Resource, ResourceStatus
from apps.rotations import services as rotation_services
from apps.rotations.models import RotationPlan
from apps.search import registry as search_registry
from apps.search.services import search_index_object, search_reindex
from apps.territories.models import Kind, Territory
from apps.themes.models import Theme
from apps.themes.taxonomy import install_default_themes
from apps.workshops.models import (
    WorkshopAtelier,
    WorkshopDay,
    WorkshopInitiative,
    WorkshopParticipant,
    WorkshopProposal,
    WorkshopQuestion,
    WorkshopTable,
    proposal_fingerprint,
)
from demo.records import Login, Org, Person, Place

DATA = Path(__file__).resolve().parent / "data"
PARIS = ZoneInfo("Europe/Paris")


@functools.cache
def read(name: str) -> Any:
    """One data file of demo/data, parsed once per process."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def domain() -> str:
    return read("directory")["domain"]


def password() -> str:
    return read("directory")["password"]


def logins() -> list[Login]:
    return [Login.from_data(row) for row in read("directory")["logins"]]


def organisations() -> list[Org]:
    return [Org.from_data(row) for row in read("directory")["organisations"]]


def people() -> list[Person]:
    return [Person.from_data(row, domain=domain()) for row in read("directory")["people"]]


def demo_logins_enabled() -> bool:
    """Demo logins share a published password: only on a development instance (DEBUG) or when the
    operator asks for them explicitly (`MAILLAGE_DEMO_LOGINS = True`, e.g. a public demo)."""
    return bool(settings.DEBUG or settings.MAILLAGE_DEMO_LOGINS)


# ---- Lookups shared by the sections ---------------------------------------------------------------


def find_org(slug: str, name: str = "") -> Organisation | None:
    """Demo organisations by slug, else by exact name: they exist when the directory section ran."""
    org = Organisation.objects.filter(slug=slug).first()
    if org is None and name:
        org = Organisation.objects.filter(name=name).first()
    return org


def org_named(name: str) -> Organisation | None:
    """The first organisation whose name contains `name` (normalised)."""
    return Organisation.objects.filter(search_name__contains=normalize(name)).order_by("pk").first()


def orgs_named(names: Iterable[str]) -> list[Organisation]:
    """The organisation each of `names` designates (see org_named), without repeats."""
    found: list[Organisation] = []
    for name in names:
        org = org_named(name)
        if org is not None and org not in found:
            found.append(org)
    return found


def themes_matching(keywords: Iterable[str]) -> list[Theme]:
    """Themes whose name contains one of the keywords (normalised), in the keywords' order."""
    themes = list(Theme.objects.all())
    found: list[Theme] = []
    for keyword in keywords:
        for theme in themes:
            if normalize(keyword) in normalize(theme.name) and theme not in found:
                found.append(theme)
    return found


def themes_by_slug(slugs: Iterable[str]) -> list[Theme]:
    slugs = list(slugs)
    return sorted(Theme.objects.filter(slug__in=slugs), key=lambda theme: slugs.index(theme.slug))


def local(value: str, zone: ZoneInfo = PARIS) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value).replace(tzinfo=zone)


def demo_user_for(person: PersonModel) -> User | None:
    """The account of a demo person, created without a usable password when missing. The demo
    logins (membre@, animateur@…) exist only when the directory section creates them (DEBUG or
    MAILLAGE_DEMO_LOGINS): never create those addresses here."""
    if person.user_id:
        return person.user
    if not person.email.endswith(f"@{domain()}"):
        return None
    if person.email in {login.email for login in logins()}:
        return None
    user = User.objects.filter(email=person.email).first()
    if user is None:
        user = User(email=person.email, username=person.email, role=Role.MEMBER)
        user.first_name, user.last_name = person.first_name, person.last_name
        user.set_unusable_password()
        user.save()
    person.user = user
    person.save(update_fields=["user"])
    return user


MINOR_WORDS = {"de", "du", "des", "d", "la", "le", "l", "les", "et"}


class OrganisationMatcher:
    """Finds the directory organisation a document's author label names, or None.

    "COMITE 21" = "Comité 21" (normalised names); "ADEME" = "ADEME – Agence de la transition
    écologique" (the acronym before the dash); "CC Coeur Haute Lande" = "Communauté de communes
    Cœur Haute Lande" and "Pays de Grasse" = "Communauté d'agglomération du Pays de Grasse" (all
    the label's words in the name, when exactly one organisation qualifies)."""

    def __init__(self):
        self.orgs = list(Organisation.objects.all())
        self.exact: dict[str, Organisation] = {}
        for org in self.orgs:
            self.exact.setdefault(org.search_name, org)
            self.exact.setdefault(normalize(org.name.split(" – ")[0]), org)
        self.words = [(org, set(org.search_name.split()) - MINOR_WORDS) for org in self.orgs]

    def match(self, label: str) -> Organisation | None:
        key = normalize(label)
        if key.startswith("cc "):
            key = "communaute de communes " + key[3:]
        if key in self.exact:
            return self.exact[key]
        wanted = set(key.split()) - MINOR_WORDS
        if len(wanted) < 2:
            return None
        found = [org for org, words in self.words if wanted <= words]
        return found[0] if len(found) == 1 else None


# ---- Themes and directory -------------------------------------------------------------------------


def load_themes(*, stdout) -> None:
    """The data migration installs the default taxonomy; this restores any default theme a demo
    user deleted, without touching the ones they edited."""
    created = install_default_themes(Theme)
    stdout.write(f"Thématiques : {Theme.objects.count()} ({len(created)} créée(s)).")


@dataclass
class _Resolver:
    """Finds territories by name, caching results; remembers what could not be found."""

    missing: list[str] = field(default_factory=list)
    _cache: dict = field(default_factory=dict)

    def resolve(self, place: Place) -> Territory | None:
        if place not in self._cache:
            self._cache[place] = self._find(place)
        return self._cache[place]

    def _find(self, place: Place) -> Territory | None:
        if place.kind == Kind.MUNICIPALITY:
            return self._commune(place.name, place.departement)
        if place.kind == Kind.EPCI:
            return self._epci(place.name, place.departement)
        # A territoire de projet (PETR, pays) when the referential has it, else its seat commune.
        found = self._in_departement(
            Territory.objects.filter(kind=Kind.PROJECT, search_name__contains=normalize(place.name)),
            place.departement,
        )
        if found:
            return found
        return self.resolve(place.seat) if place.seat else None

    def _commune(self, name: str, departement: str) -> Territory | None:
        qs = Territory.objects.filter(kind=Kind.MUNICIPALITY, search_name=normalize(name)).order_by(
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


def _siren_for(territory: Territory | None, organisation: Organisation) -> str:
    """The collectivité's own SIREN, from the referential; only if no other organisation has it."""
    if territory is None:
        return organisation.siren
    siren = territory.code if territory.kind == Kind.EPCI else territory.siren
    if not siren or Organisation.objects.filter(siren=siren).exclude(pk=organisation.pk).exists():
        return organisation.siren
    return siren


def _load_organisation(spec: Org, resolver: _Resolver) -> Organisation:
    territory = resolver.resolve(spec.place)
    organisation = Organisation.objects.filter(slug=spec.slug).first()
    if organisation is None:
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
    if spec.type in (OrganisationType.MUNICIPALITY, OrganisationType.EPCI):
        organisation.siren = _siren_for(territory, organisation) if spec.is_territory else ""
    organisation.save()
    organisation.themes.set(themes_by_slug(spec.themes))
    for kind, stage, label, year in spec.engagements:
        Engagement.objects.update_or_create(
            organisation=organisation, kind=kind, defaults={"stage": stage, "label": label, "year": year}
        )
    return organisation


def _load_user(
    *, email: str, first_name: str, last_name: str, role: str, superuser: bool, password: str | None
) -> User:
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


def _load_person(spec: Person, orgs: dict[str, Organisation], user: User | None) -> PersonModel:
    person = PersonModel.objects.filter(slug=spec.slug).first() or PersonModel(slug=spec.slug)
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
        PersonModel.objects.filter(user=user).exclude(slug=spec.slug).update(user=None)
        person.user = user
    person.save()
    person.themes.set(themes_by_slug(spec.themes))
    person.resource_themes.set(themes_by_slug(spec.resource_themes))
    for org_slug, function, referent in spec.memberships:
        Membership.objects.update_or_create(
            person=person,
            organisation=orgs[org_slug],
            defaults={"function": function, "is_referent": referent},
        )
    return person


def load_directory(*, stdout, with_logins: bool | None = None) -> None:
    """Organisations keyed on their slug, people on theirs, users on their email, memberships on
    (person, organisation), engagements on (organisation, kind), join requests on (organisation,
    requester). A territory missing from the referential leaves the organisation unlinked, with a
    warning."""
    # The directory links to themes: make sure the default taxonomy is there (creates missing only).
    install_default_themes(Theme)
    resolver = _Resolver()
    org_specs = organisations()
    orgs = {spec.slug: _load_organisation(spec, resolver) for spec in org_specs}

    with_logins = demo_logins_enabled() if with_logins is None else with_logins
    login_users = {}
    if with_logins:
        for login in logins():
            login_users[login.email] = _load_user(
                email=login.email,
                first_name=login.first_name,
                last_name=login.last_name,
                role=login.role,
                superuser=login.superuser,
                password=password(),
            )

    requesters = {spec.requested_by for spec in org_specs if spec.requested_by}
    person_specs = people()
    loaded = []
    for spec in person_specs:
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
        loaded.append(_load_person(spec, orgs, user))

    for spec in org_specs:
        if spec.pending and spec.requested_by:
            JoinRequest.objects.get_or_create(
                organisation=orgs[spec.slug],
                requested_by=User.objects.get(email=spec.requested_by),
                kind=JoinRequest.Kind.ORGANISATION,
                defaults={"motivation": spec.motivation},
            )

    # Indexed like the directory's services do, for the models search knows.
    for obj in [*orgs.values(), *loaded]:
        if search_registry.provider_for_model(type(obj)) is not None:
            search_index_object(obj)

    for missing in dict.fromkeys(resolver.missing):
        stdout.write(f"Attention : territoire introuvable, lien ignoré — {missing} (référentiel chargé ?)")
    stdout.write(
        f"Annuaire de démonstration : {len(orgs)} organisations, {len(person_specs)} personnes"
        + (
            f", {len(login_users)} comptes de démonstration."
            if with_logins
            else " (sans comptes de démonstration)."
        )
    )


def load_needs(*, stdout) -> None:
    """What the pilot territories plan (seed 002, « accompagnement territorialisé »), as need
    themes, so that « Qui me ressemble » finds who already did it. Adds, never removes."""
    needs = read("directory")["needs"]
    themes = {
        t.slug: t for t in Theme.objects.filter(slug__in={s for slugs in needs.values() for s in slugs})
    }
    count = 0
    for slug, wanted in needs.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        organisation.need_themes.add(*[themes[s] for s in wanted if s in themes])
        count += 1
    stdout.write(f"  besoins de {count} organisations (« Qui me ressemble »)")


# ---- Content: experiences, resources, aids ---------------------------------------------------------

EXPERIENCE_TEXT_FIELDS = [
    "title", "format", "summary", "context", "objectives", "steps", "actors", "budget", "budget_amount",
    "funders", "results", "difficulties", "lessons", "transposability", "contacts", "project_status",
]  # fmt: skip
# What experiences.json leaves out of a record.
EXPERIENCE_DEFAULTS = dict.fromkeys(EXPERIENCE_TEXT_FIELDS, "") | {
    "budget_amount": None,
    "project_status": ProjectStatus.IN_PROGRESS,
    "character": "",
    "started": "",
    "ended": "",
    "state": State.PUBLISHED,
    "author": "animateur",  # demo login's local part: animateur@, referent@, membre@
}


def load_experiences(*, stdout) -> None:
    """Keyed on the slug; organisations are skipped when absent. Figures come from the documents only."""
    themes = {t.slug: t for t in Theme.objects.all()}
    count = 0
    for row in read("experiences")["experiences"]:
        spec = {**EXPERIENCE_DEFAULTS, **row}
        organisations_ = list(Organisation.objects.filter(slug__in=spec["organisations"]))
        author = User.objects.filter(email=f"{spec['author']}@{domain()}").first()
        state = spec["state"]
        experience = Experience.objects.filter(slug=spec["slug"]).first() or Experience(slug=spec["slug"])
        for name in EXPERIENCE_TEXT_FIELDS:
            setattr(experience, name, spec[name])
        experience.territory_character = spec["character"]
        experience.started_on = datetime.date.fromisoformat(spec["started"]) if spec["started"] else None
        experience.ended_on = datetime.date.fromisoformat(spec["ended"]) if spec["ended"] else None
        experience.territory = next((o.territory for o in organisations_ if o.territory_id), None)
        experience.state = state
        experience.author = author
        if state == State.PUBLISHED and not experience.published_at:
            experience.published_at = timezone.now()
        experience.save()
        experience.themes.set([themes[s] for s in spec["themes"] if s in themes])
        experience.organisations.set(organisations_)
        if not experience.versions.exists():
            data = {name: getattr(experience, name) for name in VERSIONED_FIELDS}
            data["themes"] = [t.name for t in experience.themes.all()]
            ExperienceVersion.objects.create(
                experience=experience, number=1, data=data, author=author, note="Import de démonstration"
            )
        search_index_object(experience)
        count += 1
    stdout.write(f"  Retours d'expérience : {count}")
    # The directory section ran just before: make its organisations findable too.
    search_reindex(kinds=["organisation"], stdout=stdout)


def load_resources(*, stdout) -> None:
    """Resources keyed by their link, blocs by their title; owned by an animator so that reminders
    have someone to go to."""
    data = read("resources")
    today = timezone.localdate()
    owner = User.objects.animators().order_by("pk").first()
    created = updated = 0
    by_title = {}
    for spec in data["resources"]:
        publisher = org_named(spec["publisher"]) if spec.get("publisher") else None
        fields = {
            "title": spec["title"],
            "kind": spec["kind"],
            "summary": spec["summary"],
            "publisher": publisher,
            "publisher_name": "" if publisher else spec.get("publisher_name", spec.get("publisher", "")),
            "level": spec["level"],
            "status": ResourceStatus.PUBLISHED,
            "review_by": today + datetime.timedelta(days=spec["review_in_days"]),
            "owner": owner,
        }
        resource, was_created = Resource.objects.update_or_create(url=spec["url"], defaults=fields)
        resource.themes.set(themes_matching(spec["themes"]))
        search_index_object(resource)
        by_title[resource.title] = resource
        created += was_created
        updated += not was_created
    for position, spec in enumerate(data["collections"]):
        collection, _ = Collection.objects.update_or_create(
            title=spec["title"], defaults={"intro": spec["intro"], "position": position, "is_published": True}
        )
        for index, title in enumerate(spec["resources"]):
            CollectionItem.objects.update_or_create(
                collection=collection, resource=by_title[title], defaults={"position": index}
            )
    stdout.write(
        f"Ressources : {created} créée(s), {updated} mise(s) à jour, "
        f"{len(data['collections'])} bloc(s) ressources."
    )


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def load_aids(*, stdout) -> None:
    """Keyed by (source="demo", external_id); an aid whose perimeter is not in the referential is skipped."""
    created = updated = skipped = 0
    for spec in read("aids")["aids"]:
        perimeter = None
        if spec.get("perimeter"):
            kind, code = spec["perimeter"]
            perimeter = Territory.objects.filter(kind=kind, code=code).first()
            if perimeter is None:
                stdout.write(f"  aides : « {spec['title']} » ignorée (territoire {kind} {code} absent).")
                skipped += 1
                continue
        funders = orgs_named(spec.get("funders", []))
        fields = {
            "title": spec["title"],
            "kind": spec["kind"],
            "status": AidStatus.PUBLISHED,
            "description": spec["description"],
            "beneficiaries": encode_beneficiaries(spec["beneficiaries"]),
            "perimeter": perimeter,
            # Free-text funders only when the directory has none of them.
            "funders_text": "" if funders else spec.get("funders_text", ""),
            "rate_max": spec.get("rate_max"),
            "amount_max": spec.get("amount_max"),
            "budget": spec.get("budget"),
            "funding_comment": spec.get("funding_comment", ""),
            "open_date": _date(spec.get("open_date")),
            "close_date": _date(spec.get("close_date")),
            "recurrence": spec["recurrence"],
            "url": spec.get("url", ""),
            "contact": spec.get("contact", ""),
        }
        aid, was_created = Aid.objects.update_or_create(
            source="demo", external_id=spec["key"], defaults=fields
        )
        aid.funders.set(funders)
        aid.instructors.set(orgs_named(spec.get("instructors", [])))
        aid.themes.set(themes_matching(spec.get("themes", [])))
        aid.search_text_refresh()
        search_index_object(aid)
        created += was_created
        updated += not was_created
    stdout.write(f"Aides : {created} créée(s), {updated} mise(s) à jour, {skipped} ignorée(s).")


# ---- Consultation and workshops -----------------------------------------------------------------


def load_consultation(*, stdout=None) -> Consultation:
    """Found by natural keys (slug, positions, author + text) and updated. Authors are linked to
    the directory's organisations when the name matches, else kept as labels."""
    data = read("consultation")
    consultation, _ = Consultation.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "title": data["title"],
            "introduction": data["introduction"],
            "opens_on": datetime.date.fromisoformat(data["opens_on"]),
            "closes_on": datetime.date.fromisoformat(data["closes_on"]),
            "is_published": True,
        },
    )
    aliases = data["author_aliases"]
    matcher = OrganisationMatcher()
    linked, total = 0, 0
    for obj in data["objectives"]:
        objective, _ = Objective.objects.update_or_create(
            consultation=consultation, position=obj["position"], defaults={"title": obj["title"]}
        )
        for act in obj["actions"]:
            action, _ = Action.objects.update_or_create(
                objective__consultation=consultation,
                position=act["position"],
                defaults={
                    "objective": objective,
                    "title": act["title"],
                    "description": act["description"],
                    "sub_actions": "\n".join(act["sub_actions"]),
                },
            )
            for author, body in act["contributions"]:
                if not body:
                    continue
                author = aliases.get(author, author)
                total += 1
                steering = author == STEERING_LABEL
                org = None if steering else matcher.match(author)
                linked += bool(org)
                Contribution.objects.update_or_create(
                    action=action,
                    body=body,
                    defaults={"is_steering": steering, "organisation": org, "author_label": author},
                )
    Booklet.objects.get_or_create(consultation=consultation, defaults={"title": data["booklet_title"]})
    if stdout:
        stdout.write(
            f"  consultation « {consultation} » : {total} contributions, dont {linked} liées à l'annuaire"
        )
    return consultation


def load_workshop_day(
    data: dict, *, method_questions: list[str], title_prefix: str, place: str
) -> WorkshopDay:
    """One day of seed 001: one atelier, the three method questions, the retained initiatives and
    the proposals restated from them."""
    matcher = OrganisationMatcher()
    title = data["title"].split(" : ", 1)[-1]
    day, _ = WorkshopDay.objects.update_or_create(
        title=f"{title_prefix}{title}",
        defaults={
            "held_on": datetime.date.fromisoformat(data["held_on"]),
            "place": place,
            "introduction": data["introduction"],
            "is_published": True,
        },
    )
    if not day.next_steps:
        day.next_steps = data["next_steps"]
        day.save(update_fields=["next_steps"])
    atelier = day.ateliers.filter(position=1).first() or WorkshopAtelier.objects.create(
        day=day, position=1, title=data["title"]
    )
    for position, text in enumerate(method_questions, start=1):
        WorkshopQuestion.objects.update_or_create(atelier=atelier, position=position, defaults={"text": text})
    for position, ini in enumerate(data["initiatives"], start=1):
        WorkshopInitiative.objects.update_or_create(
            atelier=atelier,
            title=ini["title"],
            defaults={
                "territory_label": ini["territory_label"],
                "description": ini["description"],
                "position": position,
                "is_selected": True,  # the document lists the initiatives the participants retained
                "how_it_works": ini["description"],
            },
        )
        org = matcher.match(ini["territory_label"]) if ini["territory_label"] else None
        if org and not day.participants.filter(organisation=org).exists():
            WorkshopParticipant.objects.create(
                day=day,
                name=f"Représentant·e de {org.name}",
                category=PersonCategory.OTHER,
                organisation=org,
                organisation_type=org.type,
                atelier=atelier,
            )
    question = atelier.questions.get(position=3)
    for row in data["proposals"]:
        table = atelier.tables.filter(name=row["group"]).first() or WorkshopTable.objects.create(
            atelier=atelier, name=row["group"]
        )
        fingerprint = proposal_fingerprint(row["orientation"], row["action"], row["objectives"])
        if not atelier.proposals.filter(fingerprint=fingerprint).exists():
            WorkshopProposal.objects.create(
                atelier=atelier,
                table=table,
                question=question,
                orientation=row["orientation"],
                action=row["action"],
                objectives=row["objectives"],
            )
    return day


def load_workshops(*, stdout) -> list[WorkshopDay]:
    data = read("workshops")
    days = [
        load_workshop_day(
            day,
            method_questions=data["method_questions"],
            title_prefix=data["title_prefix"],
            place=data["place"],
        )
        for day in data["days"]
    ]
    stdout.write(f"  {len(days)} journées d'ateliers (seed 001)")
    return days


# ---- Agenda, polls, programme, arbitrages ---------------------------------------------------------


def _commune(name: str, departement: str) -> Territory | None:
    return (
        Territory.objects.filter(
            kind=Kind.MUNICIPALITY, name=name, departement__code=departement, is_current=True
        )
        .order_by("-population")
        .first()
    )


def load_events(*, stdout) -> None:
    """Keyed on the slug. The programme's 2022 calendar is moved to 2027 (same days and months) so
    that the demo agenda has upcoming events; times are local to each event's time zone."""
    data = read("events")
    themes = {t.slug: t for t in Theme.objects.all()}
    created = 0
    for spec in data["events"]:
        timezone_name = spec.get("timezone_name", "Europe/Paris")
        zone = ZoneInfo(timezone_name)
        online = spec.get("online", True)
        event, was_created = Event.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "kind": spec["kind"],
                "status": EventStatus.PUBLISHED,
                "summary": spec["summary"],
                "description": spec.get("description") or spec["summary"],
                "start": local(spec["start"], zone),
                "end": local(spec["end"], zone),
                "timezone_name": timezone_name,
                "online_url": data["online_url"] if online else "",
                "place_name": spec.get("place", ""),
                "territory": _commune(*spec["commune"]) if spec.get("commune") else None,
                "audience": spec.get("audience", "open"),
                "capacity": spec.get("capacity"),
                "replay_url": spec.get("replay", ""),
                "report": spec.get("report", ""),
            },
        )
        created += was_created
        event.organisers.set([o for o in (find_org(s) for s in spec.get("organisers", ())) if o])
        event.co_organisers.set([o for o in (find_org(s) for s in spec.get("co_organisers", ())) if o])
        event.themes.set([themes[s] for s in spec.get("themes", ()) if s in themes])
        search_index_object(event)
    stdout.write(f"  Agenda : {len(data['events'])} événements ({created} créés)")


def load_polls(*, stdout) -> None:
    """Keyed on the slug; options are written only when the poll is created, so that answers survive a reload."""
    data = read("polls")
    zone = ZoneInfo(data["timezone"])
    author = User.objects.animators().order_by("pk").first()
    for spec in data["polls"]:
        poll, created = Poll.objects.update_or_create(
            slug=spec["slug"],
            defaults={"title": spec["title"], "description": spec["description"], "created_by": author},
        )
        if created:
            PollOption.objects.bulk_create(
                [
                    PollOption(
                        poll=poll,
                        position=i,
                        label=option["label"],
                        start=local(f"{option['day']}T{option['start']}", zone),
                        end=local(f"{option['day']}T{option['end']}", zone),
                    )
                    for i, option in enumerate(spec["options"])
                ]
            )
    stdout.write(f"  Sondages de dates : {len(data['polls'])}")


def load_programme(*, stdout) -> None:
    """The pilot-territories path: phases with their sessions (from the agenda section), delegations
    and support files (filled in only when created, so that what a delegation wrote is kept)."""
    data = read("programme")
    programme, _ = Programme.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "title": data["title"],
            "summary": data["summary"],
            "description": data["description"],
            "organiser": find_org(data["organiser"]["slug"], data["organiser"]["name"]),
            "support_questions": data["support_questions"],
        },
    )
    events = {e.slug: e for e in Event.objects.filter(slug__startswith=f"{data['slug']}-")}
    for position, spec in enumerate(data["phases"]):
        phase, _ = Phase.objects.update_or_create(
            programme=programme,
            position=position,
            defaults={"title": spec["title"], "description": spec["description"]},
        )
        phase.events.set([events[s] for s in spec["events"] if s in events])
    count = 0
    for spec in data["delegations"]:
        org = find_org(spec["organisation"])
        if org is None:
            continue
        enrolment, _ = Enrolment.objects.update_or_create(
            programme=programme, organisation=org, defaults={"label": spec["label"]}
        )
        enrolment.members.set(PersonModel.objects.filter(memberships__organisation=org, is_removed=False))
        SupportFile.objects.get_or_create(
            enrolment=enrolment,
            defaults={"subject": spec["subject"], "budget_days": data["support_budget_days"]},
        )
        count += 1
    stdout.write(f"  Parcours : « {programme.title} », {len(data['phases'])} phases, {count} délégations")


def load_arbitrages(*, stdout) -> None:
    """The 8 arbitrages of the pilot-territories note, sent to the programme's delegations, with
    one delegation's answer as in the seed's filled-in recap (written once)."""
    data = read("arbitrages")
    programme = Programme.objects.filter(slug=data["programme"]).first()
    questionnaire, _ = Questionnaire.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "title": data["title"],
            "programme": programme,
            "intro": data["intro"],
            "deadline": local(data["deadline"], ZoneInfo(data["timezone"])),
            "status": QuestionnaireStatus.OPEN,
        },
    )
    if questionnaire.sent_at is None:
        questionnaire.sent_at = questionnaire.created_at
        questionnaire.save(update_fields=["sent_at"])
    questions = []
    for position, spec in enumerate(data["questions"], start=1):
        question, _ = ArbitrageQuestion.objects.update_or_create(
            questionnaire=questionnaire,
            position=position,
            defaults={
                "kind": spec["kind"],
                "short_label": spec["short_label"],
                "label": spec["label"],
                "help_text": spec["help_text"],
                "required": spec["required"],
                **spec["extra"],
            },
        )
        questions.append(question)
    if programme is not None:
        questionnaire.delegations.set(
            [e.organisation for e in programme.enrolments.select_related("organisation")]
        )
    answer = data["answer"]
    delegation = questionnaire.delegations.filter(slug=answer["delegation"]).first()
    if (
        delegation is not None
        and not ArbitrageResponse.objects.filter(questionnaire=questionnaire, delegation=delegation).exists()
    ):
        rows = [line.strip() for line in data["grid_rows"].splitlines()]
        answers = {str(questions[0].pk): {row: [answer["grid_choice"]] for row in rows}} | {
            str(questions[int(position) - 1].pk): value for position, value in answer["by_position"].items()
        }
        response = ArbitrageResponse.objects.create(
            questionnaire=questionnaire, delegation=delegation, answers=answers
        )
        ArbitrageResponseRevision.objects.create(response=response, answers=answers)
    stdout.write(f"  Arbitrages : « {questionnaire.title} », {questionnaire.delegations.count()} délégations")


# ---- Groups, questions, mentoring, rotations ------------------------------------------------------


def load_groups(*, stdout) -> None:
    """Peer groups of the pilot territories, one per category of actors, and a working group
    (keyed on the slug); demo people get a member account without a usable password."""
    data = read("groups")
    count = members = 0
    for spec in data["groups"]:
        slug = spec["slug"]
        group = Group.objects.filter(slug=slug).first() or Group(slug=slug)
        group.name, group.kind, group.category, group.access, group.description = (
            spec["name"],
            spec["kind"],
            spec["category"],
            spec["access"],
            spec["description"],
        )
        group.save()
        if slug in data["topic_themes"]:
            group.themes.set(Theme.objects.filter(slug__in=data["topic_themes"][slug]))
        count += 1
        people_ = PersonModel.objects.filter(is_removed=False, email__endswith=f"@{domain()}")
        if spec["category"]:
            people_ = people_.filter(category=spec["category"])
        else:
            people_ = people_.filter(themes__slug="financement").distinct()
        for index, person in enumerate(people_.order_by("slug")):
            user = demo_user_for(person)
            if user is None:
                continue
            _, created = GroupMembership.objects.get_or_create(
                group=group,
                user=user,
                defaults={
                    "status": GroupMembership.Status.ACTIVE,
                    # The network's own animator leads the groups they belong to; else the first person.
                    "role": GroupMembership.Role.ANIMATOR
                    if user.role == Role.ANIMATOR or index == 0
                    else GroupMembership.Role.MEMBER,
                },
            )
            members += created
    stdout.write(f"Groupes de démonstration : {count} groupes, {members} nouveaux membres.")


def _question_author(ref: str) -> User | None:
    """A demo login's local part (membre, referent) or a person's slug."""
    if "-" in ref:
        person = PersonModel.objects.filter(slug=ref).first()
        return demo_user_for(person) if person else None
    return User.objects.filter(email=f"{ref}@{domain()}").first()


def _experts() -> int:
    count = 0
    people_ = PersonModel.objects.filter(email__endswith=f"@{domain()}", is_removed=False)
    for person in people_.prefetch_related("resource_themes"):
        themes = list(person.resource_themes.all())
        if not themes:
            continue
        user = demo_user_for(person)
        if user is None:
            continue
        for theme in themes:
            _, created = Expertise.objects.get_or_create(
                user=user, theme=theme, defaults={"capacity_per_month": 3 + len(person.slug) % 3}
            )
            count += created
    return count


def load_questions(*, stdout) -> None:
    """Experts from the directory's « personne ressource pour », then the questions (keyed on the
    title), their answers and accepted answers, written through the questions' services."""
    experts = _experts()
    answerers = list(User.objects.filter(expertises__isnull=False).distinct().order_by("email"))
    animator = User.objects.filter(email=f"animateur@{domain()}").first()
    created = 0
    for spec in read("questions")["questions"]:
        if NetworkQuestion.objects.filter(title=spec["title"]).exists():
            continue
        author = _question_author(spec["author"])
        group = Group.objects.filter(slug=spec["group"]).first() if spec["group"] else None
        if author is None or (spec["group"] and group is None):
            continue
        question = question_services.question_create(
            author=author,
            title=spec["title"],
            body=spec["body"],
            themes=Theme.objects.filter(slug__in=spec["themes"]),
            group=group,
        )
        if question.state == QuestionState.PENDING and animator:
            question_services.question_approve(question=question, by=animator)
        created += 1
        pool = [u for u in answerers if u != author]
        if group:
            pool = [u for u in pool if group.memberships.filter(user=u, status="active").exists()] or [
                m.user
                for m in group.memberships.filter(status="active").exclude(user=author).select_related("user")
            ]
        written = []
        for index, text in enumerate(spec["answers"]):
            if index >= len(pool):
                break
            answer = question_services.answer_create(question=question, author=pool[index], body=text)
            if answer.state == QuestionState.PENDING and animator:
                question_services.answer_approve(answer=answer, by=animator)
            written.append(answer)
        if spec["accepted"] is not None and written:
            question_services.answer_accept(answer=written[spec["accepted"]], by=author)
            if spec["faq"] and animator:
                question_services.question_faq_set(
                    question=question, by=animator, in_faq=True, position=created
                )
    stdout.write(f"Questions de démonstration : {created} questions, {experts} expertises créées.")


def _account(person: PersonModel) -> User:
    if person.user_id:
        return person.user
    user = User.objects.filter(email__iexact=person.email).first() or User(email=person.email)
    user.first_name, user.last_name, user.role = person.first_name, person.last_name, user.role or Role.MEMBER
    user.email_verified_at = user.email_verified_at or timezone.now()
    if not user.pk:
        user.set_unusable_password()
    user.save()
    PersonModel.objects.filter(pk=person.pk).update(user=user)
    return user


def load_mentoring(*, stdout) -> None:
    """The directory's « personnes ressources » offer to accompany peers; the pilot territories'
    needs become requests, one of them accepted."""
    data = read("mentoring")
    resource_people = list(
        PersonModel.objects.listed()
        .filter(resource_themes__isnull=False, memberships__isnull=False)
        .exclude(email="")
        .distinct()
        .order_by("slug")[: data["mentors"]]
    )
    mentors = []
    for person in resource_people:
        user = _account(person)
        profile, _ = MentorProfile.objects.get_or_create(
            user=user,
            defaults={"capacity": data["capacity"], "offer": person.competences or data["default_offer"]},
        )
        profile.themes.add(*person.resource_themes.all())
        mentors.append((user, person))
    # One accepted mentorship and one request waiting, from a pilot territory's people.
    mentees = [
        p
        for p in PersonModel.objects.listed()
        .filter(memberships__organisation__need_themes__isnull=False)
        .distinct()
        if p.email
    ][:2]
    created = 0
    for index, mentee_person in enumerate(mentees):
        mentee = _account(mentee_person)
        needs = set(mentee_person.memberships.values_list("organisation__need_themes", flat=True))
        match = next(
            (
                (user, theme)
                for user, person in mentors
                for theme in person.resource_themes.all()
                if theme.pk in needs
                and user != mentee
                and not person.memberships.filter(organisation__memberships__person=mentee_person).exists()
            ),
            None,
        )
        if match is None:
            continue
        user, theme = match
        if Mentorship.objects.filter(mentee=mentee, mentor=user, theme=theme).exists():
            continue
        now = timezone.now()
        accepted = index == 0
        Mentorship.objects.create(
            mentee=mentee,
            mentor=user,
            theme=theme,
            goal=data["goal"],
            reason=data["reason"].format(theme=theme.name),
            status=Status.ACCEPTED if accepted else Status.REQUESTED,
            introduced_at=now if accepted else None,
            answered_at=now if accepted else None,
            follow_up_at=now + datetime.timedelta(days=data["follow_up_days"]) if accepted else None,
        )
        created += 1
    stdout.write(f"  {len(mentors)} marraines et parrains, {created} parrainage(s) de démonstration")


def load_rotations(*, stdout) -> None:
    """The speed dating of the ADEME regional network's meeting day (seed 004), for people of the
    demo directory; the plan is found by its event and title."""
    data = read("rotations")
    event = Event.objects.filter(slug=data["event"]).first()
    if event is None:
        return
    plan = RotationPlan.objects.filter(event=event, title=data["title"]).first()
    if plan is None:
        hour, minute = (int(part) for part in data["starts_at"].split(":"))
        plan = rotation_services.plan_create(
            event=event,
            by=None,
            title=data["title"],
            format=data["format"],
            tables=data["tables"],
            seats=data["seats"],
            rounds=data["rounds"],
            round_minutes=data["round_minutes"],
            break_minutes=data["break_minutes"],
            starts_at=timezone.localtime(event.start, event.tz).replace(hour=hour, minute=minute),
            table_labels="\n".join(data["table_labels"]),
        )
    if not plan.participants.exists():
        rows = []
        listed = PersonModel.objects.listed().filter(memberships__isnull=False).distinct().order_by("slug")
        for line, person in enumerate(listed[: data["participants"]], start=2):
            membership = person.memberships.select_related("organisation").first()
            organisation = membership.organisation.name if membership else ""
            rows.append((line, [person.full_name, organisation, person.get_category_display()]))
        rotation_services.participants_import(
            plan=plan, headers=["Nom complet", "Organisation", "Catégorie"], rows=rows
        )
    if not plan.is_generated and plan.participants.count() >= 2:
        try:
            rotation_services.plan_generate(plan=plan)
        except rotation_services.RotationError as error:
            stdout.write(f"  plan de speed dating non calculé : {error}")
    stdout.write(f"  plan de speed dating : {plan.participants.count()} participant·es")


def _load_workshops(*, stdout) -> None:
    load_workshops(stdout=stdout)


def _load_consultation(*, stdout) -> None:
    load_consultation(stdout=stdout)


SECTIONS: list[Callable[..., None]] = [
    load_themes,
    load_directory,
    load_experiences,
    load_resources,
    load_aids,
    _load_consultation,
    _load_workshops,
    load_events,
    load_polls,
    load_programme,
    load_arbitrages,
    load_groups,
    load_questions,
    load_needs,
    load_mentoring,
    load_rotations,
]


def load(*, stdout) -> None:
    """The whole demo network, section by section (one transaction each)."""
    for section in SECTIONS:
        with transaction.atomic():
            section(stdout=stdout)
