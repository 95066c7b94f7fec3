"""« Qui me ressemble » on the database: the SQL ranking equals the pure one, the page and blocks
show only what the reader may see, with reasons, filters and a bounded number of queries."""

import random
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.directory import similarity
from apps.directory.models import Organisation
from apps.directory.selectors_similar import (
    SimilarFilters,
    done_themes_by_organisation,
    organisation_needs,
    profile_of,
    similar_for_member,
    similar_ranking,
)
from apps.experiences.models import Audience
from apps.groups.models import Group
from tests.experiences.factories import ExperienceFactory
from tests.factories import (
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    ThemeFactory,
    UserFactory,
)
from tests.questions.factories import QuestionFactory

pytestmark = pytest.mark.django_db

KINDS = [
    "municipality",
    "municipality",
    "municipality",
    "epci",
    "petr",
    "department",
    "region",
    "association",
]


class Anonymous:
    is_authenticated = False
    is_active = False
    pk = None


def build_directory(seed: int, size: int = 70):
    rng = random.Random(seed)
    regions = [RegionFactory() for _ in range(2)]
    departements = [DepartementFactory(region=regions[i % 2]) for i in range(4)]
    themes = [ThemeFactory(name=f"Thème {seed}-{i}") for i in range(6)]
    organisations = []
    for index in range(size):
        departement = rng.choice(departements)
        territory = CommuneFactory(
            epci=None,
            departement=departement,
            region=departement.region,
            population=rng.choice([None, rng.randint(50, 800_000), rng.randint(500, 6_000)]),
            latitude=rng.uniform(43.0, 49.0),
            longitude=rng.uniform(-1.0, 7.0),
        )
        organisation = OrganisationFactory(
            name=f"Organisation {index:04d}",
            type=rng.choice(KINDS),
            territory=territory,
            pending=rng.random() < 0.1,
            themes=rng.sample(themes, rng.randint(0, 4)),
        )
        organisations.append(organisation)
    for _ in range(25):
        ExperienceFactory(
            organisations=rng.sample(organisations, rng.randint(1, 2)),
            themes=rng.sample(themes, rng.randint(1, 2)),
            audience=rng.choice([Audience.PUBLIC, Audience.MEMBERS]),
            draft=rng.random() < 0.2,
            indexed=False,
        )
    return rng, organisations, themes


def python_ranking(subject_org, needed, *, user, filters: SimilarFilters):
    """The pure ranking over every organisation, built independently of the SQL selector."""
    from apps.experiences.models import Experience, State

    experiences = Experience.objects.filter(state=State.PUBLISHED)
    if not getattr(user, "is_authenticated", False):
        experiences = experiences.filter(audience=Audience.PUBLIC)
    experience_themes: dict[int, set[int]] = {}
    for experience in experiences.prefetch_related("themes", "organisations"):
        for organisation in experience.organisations.all():
            experience_themes.setdefault(organisation.pk, set()).update(t.pk for t in experience.themes.all())
    candidates = [
        similarity.Profile(
            id=o.pk,
            kind=o.type,
            name=o.search_name,
            population=o.territory.population if o.territory else None,
            latitude=o.latitude,
            longitude=o.longitude,
            departement_id=o.departement_id,
            region_id=o.region_id,
            theme_ids=frozenset(t.pk for t in o.themes.all()),
            experience_theme_ids=frozenset(experience_themes.get(o.pk, ())),
        )
        for o in Organisation.objects.active().select_related("territory").prefetch_related("themes")
    ]
    subject = profile_of(subject_org, needed=needed)
    return [
        (m.candidate.id, m.score)
        for m in similarity.rank(
            subject,
            candidates,
            kind=filters.kind or None,
            same_region=filters.same_region,
            same_size=filters.same_size,
            with_experience=filters.with_experience,
        )
    ]


FILTERS = [
    SimilarFilters(),
    SimilarFilters(same_region=True),
    SimilarFilters(same_size=True),
    SimilarFilters(with_experience=True),
    SimilarFilters(kind="association"),
    SimilarFilters(same_region=True, with_experience=True),
]


def rankings(rng, organisations, themes, subjects):
    """The database's ranking for `subjects` active organisations drawn with 0 to 2 needs, seen by
    a visitor and by a member, under each of FILTERS: (subject, user, needs, filters, ranking)."""
    member = UserFactory()
    for subject_org in rng.sample([o for o in organisations if o.status == "active"], subjects):
        subject_org.need_themes.set(rng.sample(themes, rng.randint(0, 2)))
        for user in (Anonymous(), member):
            needs = organisation_needs(subject_org, user=user)
            subject = profile_of(subject_org, needed=needs.all)
            done = done_themes_by_organisation(needs.all, user=user)
            for filters in FILTERS:
                yield (
                    subject_org,
                    user,
                    needs,
                    filters,
                    similar_ranking(subject, filters, user=user, done=done),
                )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_database_ranks_exactly_like_the_pure_ranking(seed):
    rng, organisations, themes = build_directory(seed)
    for subject_org, user, needs, filters, ranking in rankings(rng, organisations, themes, 6):
        in_sql = [(pk, score) for pk, score, _ in ranking.rows()]
        assert ranking.count() == len(in_sql)
        assert in_sql == python_ranking(subject_org, needs.all, user=user, filters=filters), (
            subject_org,
            filters,
        )


PAGES = [(0, 1), (0, 3), (0, 5), (3, 5), (5, 5), (0, 20), (10, 10)]


@pytest.mark.parametrize("seed, rare", [(4, 0), (5, 8), (6, 12)])
def test_pruned_pages_are_exactly_slices_of_the_full_ranking(seed, rare, monkeypatch):
    """A page is read from a small pool around the subject when nothing outside can reach it
    (selectors_similar: pruning); it must always equal the same slice of the full ranking. The
    threshold of "rare" types is lowered to the size of this small directory (every type, then
    only the commonest ones, are bounded rather than ranked whole)."""
    from apps.directory import selectors_similar

    monkeypatch.setattr(selectors_similar, "RARE_KIND_MAX", rare)
    rng, organisations, themes = build_directory(seed, size=90)
    pools = set()
    for subject_org, _user, _needs, filters, ranking in rankings(rng, organisations, themes, 8):
        full = ranking.rows()
        for offset, limit in PAGES:
            assert ranking.rows(offset=offset, limit=limit) == full[offset : offset + limit], (
                subject_org,
                filters,
                offset,
                limit,
                ranking.pool_used,
            )
            pools.add(ranking.pool_used)
    # Both the pruned pools and the fallback to the whole directory were exercised.
    assert "all" in pools and len(pools) >= 3, pools


@pytest.fixture
def network():
    energy, mobility, food = (
        ThemeFactory(name=n) for n in ("Énergie", "Mobilité", "Alimentation et agriculture")
    )
    departement = DepartementFactory(name="Haute-Savoie")
    epci = EpciFactory(departement=departement, region=departement.region)

    def commune(name, population, lat, lon, **kwargs):
        territory = CommuneFactory(
            name=name, population=population, latitude=lat, longitude=lon, epci=epci, **kwargs
        )
        return territory

    faverges = OrganisationFactory(
        name="Commune de Faverges-Seythenex",
        territory=commune("Faverges-Seythenex", 7_800, 45.75, 6.29),
        themes=[energy, mobility],
    )
    faverges.need_themes.set([food])
    twin = OrganisationFactory(
        name="Commune de Thônes",
        territory=commune("Thônes", 6_900, 45.88, 6.32),
        themes=[energy, mobility],
    )
    doer = OrganisationFactory(
        name="Commune de Rumilly",
        territory=commune("Rumilly", 16_000, 45.86, 5.94),
        themes=[],
    )
    experience = ExperienceFactory(
        title="Une cantine 100 % locale", organisations=[doer], themes=[food], indexed=False
    )
    region = OrganisationFactory(
        name="Région Auvergne-Rhône-Alpes", type="region", territory=departement.region, themes=[energy]
    )
    pending = OrganisationFactory(name="Commune en attente", pending=True, themes=[energy, mobility])
    listed = PersonFactory(first_name="Lise", last_name="Listée", organisation=twin)
    hidden = PersonFactory(first_name="Cachée", last_name="Invisible", hidden=True, organisation=twin)
    return {
        "faverges": faverges,
        "twin": twin,
        "doer": doer,
        "experience": experience,
        "region": region,
        "pending": pending,
        "listed": listed,
        "hidden": hidden,
        "themes": (energy, mobility, food),
    }


def test_page_lists_comparable_members_with_reasons(client, network):
    response = client.get(f"/annuaire/organisations/{network['faverges'].slug}/similaires/")
    assert response.status_code == 200
    names = [r.organisation.name for r in response.context["page_obj"].results]
    # Did what Faverges plans (alimentation) beats the near-identical twin that only shares themes.
    assert names[:2] == ["Commune de Rumilly", "Commune de Thônes"]
    assert "Région Auvergne-Rhône-Alpes" not in names
    assert "Commune en attente" not in names
    html = unescape(response.content.decode())
    assert "A fait ce que vous envisagez" in html
    assert "retour d'expérience publié sur Alimentation et agriculture" in html
    assert "Une cantine 100 % locale" in html
    assert "même département (Haute-Savoie)" in html
    assert "Énergie, Mobilité" in html
    assert "population seule" in html  # density is not evaluated, and the page says so
    assert "Lise Listée" in html
    assert "Cachée" not in html


def test_filters_and_explicit_type(client, network):
    url = f"/annuaire/organisations/{network['faverges'].slug}/similaires/"
    names = lambda r: [x.organisation.name for x in r.context["page_obj"].results]  # noqa: E731
    assert names(client.get(url, {"avec_experience": "on"})) == ["Commune de Rumilly"]
    assert names(client.get(url, {"meme_taille": "on"})) == ["Commune de Thônes"]
    assert names(client.get(url, {"type": "region"})) == ["Région Auvergne-Rhône-Alpes"]
    response = client.get(url, {"type": "nimporte"})
    assert response.status_code == 200
    assert "Ce type d'organisation n'existe pas." in unescape(response.content.decode())
    # htmx asks for the results only.
    partial = client.get(
        url, {"meme_taille": "on"}, headers={"HX-Request": "true", "HX-Target": "similar-results"}
    )
    assert "<html" not in partial.content.decode()
    assert "Commune de Thônes" in partial.content.decode()


def test_members_only_experiences_and_group_questions_stay_private(client, network):
    network["experience"].audience = Audience.MEMBERS
    network["experience"].save()
    url = f"/annuaire/organisations/{network['faverges'].slug}/similaires/"
    anonymous = client.get(url)
    assert "Une cantine 100 % locale" not in anonymous.content.decode()
    member = UserFactory()
    MembershipFactory(person=PersonFactory(user=member), organisation=network["faverges"])
    client.force_login(member)
    assert "Une cantine 100 % locale" in client.get(url).content.decode()
    # A need that only shows in a member's question: a network question counts, a group one never.
    climate = ThemeFactory(name="Adaptation")
    secret = ThemeFactory(name="Sujet secret du groupe")
    QuestionFactory(author=member, themes=[climate])
    group = Group.objects.create(name="Groupe des élu·es", slug="elus")
    QuestionFactory(author=member, themes=[secret], group=group)
    needs = organisation_needs(network["faverges"], user=member)
    assert climate.pk in needs.from_questions and secret.pk not in needs.all
    assert organisation_needs(network["faverges"], user=Anonymous()).from_questions == frozenset()
    html = client.get(url).content.decode()
    assert "Sujets des questions posées au réseau par ses membres" in html
    assert "Adaptation" in html and "Sujet secret du groupe" not in html


def test_pending_organisation_page_is_hidden_from_others(client, network):
    url = f"/annuaire/organisations/{network['pending'].slug}/similaires/"
    # Anonymous: asked to log in (apps.core.access); a member who may not see it: 404.
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_query_count_does_not_grow_with_results(client, network, django_assert_num_queries):
    url = f"/annuaire/organisations/{network['faverges'].slug}/similaires/"
    client.get(url)  # warms the shared cache (network settings): the steady state is what counts
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    assert len(few) <= 13
    energy = network["themes"][0]
    for i in range(25):
        org = OrganisationFactory(name=f"Commune bis {i}", themes=[energy])
        PersonFactory(organisation=org)
        ExperienceFactory(organisations=[org], themes=[network["themes"][2]], indexed=False)
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["page_obj"].results) == 20


def test_block_on_organisation_page_and_member_selector(client, network):
    html = client.get(network["faverges"].get_absolute_url()).content.decode()
    assert "Qui lui ressemble" in html
    assert "Commune de Rumilly" in html
    assert "Retours d'expérience recherchés sur" in html
    member = UserFactory()
    MembershipFactory(person=PersonFactory(user=member), organisation=network["faverges"])
    blocks = similar_for_member(member)
    assert [(o.name, [r.organisation.name for r in results]) for o, results in blocks] == [
        ("Commune de Faverges-Seythenex", ["Commune de Rumilly", "Commune de Thônes"])
    ]
    assert similar_for_member(Anonymous()) == []


def test_member_block_template(rf, network):
    from django.template import Context, Template

    member = UserFactory()
    MembershipFactory(person=PersonFactory(user=member), organisation=network["faverges"])
    request = rf.get("/")
    request.user = member
    html = Template("{% load similar %}{% similar_member_block %}").render(Context({"request": request}))
    assert "Qui ressemble à Commune de Faverges-Seythenex" in html
    assert "Commune de Rumilly" in html
    request.user = UserFactory()
    html = Template("{% load similar %}{% similar_member_block %}").render(Context({"request": request}))
    assert "Rattachez-vous à votre organisation" in html


def test_need_themes_are_edited_on_the_organisation_form(client, network):
    referent = UserFactory()
    MembershipFactory(person=PersonFactory(user=referent), organisation=network["faverges"], referent=True)
    client.force_login(referent)
    url = f"/annuaire/organisations/{network['faverges'].slug}/modifier/"
    page = client.get(url)
    assert "thématiques sur lesquelles nous cherchons des retours" in page.content.decode().lower()
    form = page.context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"themes", "need_themes", "logo", "territory"}
    }
    energy, _mobility, food = network["themes"]
    data.update(
        {
            "need_themes": [energy.pk, food.pk],
            "engagements-TOTAL_FORMS": "0",
            "engagements-INITIAL_FORMS": "0",
            "engagements-MIN_NUM_FORMS": "0",
            "engagements-MAX_NUM_FORMS": "1000",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert set(network["faverges"].need_themes.all()) == {energy, food}
