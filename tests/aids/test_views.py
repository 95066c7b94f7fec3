import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.aids.models import Aid, SavedSearch
from tests.aids.factories import AidFactory, SavedSearchFactory
from tests.factories import OrganisationFactory, PersonFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


def user_for(role):
    if role == "anonymous":
        return None
    if role == "member":
        return UserFactory()
    if role == "animator":
        return UserFactory(animator=True)
    return UserFactory(admin=True)


@pytest.fixture
def as_role(client):
    def login(role):
        user = user_for(role)
        if user:
            client.force_login(user)
        return user

    return login


def test_list_shows_published_open_aids_with_empty_state(client):
    response = client.get(reverse("aids:list"))
    assert response.status_code == 200
    assert "Aucune aide ne correspond" in response.content.decode()
    AidFactory(title="Fonds vert")
    AidFactory(title="Clôturée", close_date=timezone.localdate() - datetime.timedelta(days=2))
    AidFactory(title="Secrète", draft=True)
    content = client.get(reverse("aids:list")).content.decode()
    assert "Fonds vert" in content and "Clôturée" not in content and "Secrète" not in content
    content = client.get(reverse("aids:list"), {"clotures": "on"}).content.decode()
    assert "Clôturée" in content


def test_list_eligibility_search_by_territory(client, geo):
    AidFactory(title="Aide de l'agglo", perimeter=geo["epci"])
    AidFactory(title="Aide du voisin", perimeter=geo["other_epci"])
    content = client.get(
        reverse("aids:list"), {"territoire": "60159", "beneficiaire": "municipality"}
    ).content.decode()
    assert "Aide de l&#x27;agglo" in content and "Aide du voisin" not in content


def test_list_bad_input_is_reported_not_a_500(client):
    AidFactory(title="Fonds vert")
    response = client.get(
        reverse("aids:list"),
        {"territoire": "00000", "beneficiaire": "martien", "thematique": "x", "tri": "z"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Aucun territoire ne correspond" in content and "Fonds vert" in content


def test_list_htmx_returns_the_partial(client):
    AidFactory(title="Fonds vert")
    response = client.get(reverse("aids:list"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="aid-results")
    content = response.content.decode()
    assert "Fonds vert" in content and "<html" not in content


def test_list_query_count_does_not_grow_with_results(client, django_assert_max_num_queries, geo):
    themes = [ThemeFactory(), ThemeFactory()]
    orgs = [OrganisationFactory(), OrganisationFactory()]
    for _ in range(25):
        AidFactory(perimeter=geo["dept"], themes=themes, funders=orgs)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("aids:list"), {"territoire": "60159"})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 25


def test_list_cards_show_each_fact_escaped_and_in_order(client, geo):
    """The cards are written in Python (apps/aids/cards.py): every fact the template showed, escaped."""
    today = timezone.localdate()
    water = ThemeFactory(name="Eau", position=2)
    energy = ThemeFactory(name="Énergie <b>", position=1)
    AidFactory(
        title="Fonds <vert>",
        kind="loan",
        perimeter=geo["dept"],
        funders=[OrganisationFactory(name="Zeta"), OrganisationFactory(name="Alpha & co")],
        funders_text="ignoré quand l'annuaire en a",
        themes=[water, energy],
        rate_max=40,
        amount_max=1234567,
        close_date=today + datetime.timedelta(days=3),
    )
    AidFactory(title="Permanente", recurrence="permanent", funders_text="Ademe <script>", amount_max=900)
    AidFactory(title="Bientôt", recurrence="recurring", open_date=today + datetime.timedelta(days=10))
    AidFactory(title="Lointaine", close_date=today + datetime.timedelta(days=300))
    html = " ".join(client.get(reverse("aids:list"), {"tri": "titre"}).content.decode().split())
    assert '<a href="/aides/fonds-vert/">Fonds &lt;vert&gt;</a>' in html
    assert f"Prêt ou avance remboursable — {geo['dept'].label} — Alpha &amp; co, Zeta </p>" in html
    assert "Jusqu'à 40 % — 1 234 567 € maximum" in html
    assert html.index("Énergie &lt;b&gt;") < html.index(">Eau<")  # by position
    assert 'fr-badge--warning">Clôture le ' in html
    assert "France entière — Ademe &lt;script&gt; </p>" in html and ">Permanente</p>" in html
    assert 'fr-badge--new">Ouvre le ' in html and ">Sans date de clôture</p>" in html
    assert 'fr-badge--info">Clôture le ' in html
    assert "Brouillon" not in html and "Clôturée" not in html


def test_pagination(client):
    for i in range(25):
        AidFactory(title=f"Aide {i:02d}")
    page2 = client.get(reverse("aids:list"), {"page": 2, "tri": "titre"})
    assert len(page2.context["aids"]) == 5
    assert "Aide 24" in page2.content.decode()


def test_detail_shows_facts(client, geo):
    aid = AidFactory(
        title="Fonds", perimeter=geo["epci"], rate_max=50, amount_max=1500, beneficiaries=",association,"
    )
    content = client.get(aid.get_absolute_url()).content.decode()
    assert "50 % maximum" in content and "1 500 € maximum" in content.replace("\u202f", " ").replace(
        "\xa0", " "
    )
    assert "Association" in content and "CA de la Région de Compiègne" in content


@pytest.mark.parametrize(
    ("role", "draft_status", "create_status"),
    # A draft: the login page for anonymous visitors, 404 (never 403) for members (issue 11).
    [("anonymous", 302, 302), ("member", 404, 403), ("animator", 200, 200), ("admin", 200, 200)],
)
def test_permission_matrix(client, as_role, role, draft_status, create_status):
    draft = AidFactory(draft=True)
    as_role(role)
    assert client.get(draft.get_absolute_url()).status_code == draft_status
    assert client.get(reverse("aids:create")).status_code == create_status
    assert client.get(reverse("aids:update", args=[draft.slug])).status_code == create_status
    assert client.get(reverse("aids:delete", args=[draft.slug])).status_code == create_status


def test_funder_referent_may_edit_but_not_delete(client):
    org = OrganisationFactory()
    person = PersonFactory(with_user=True)
    from apps.directory.models import Membership

    Membership.objects.create(person=person, organisation=org, is_referent=True)
    aid = AidFactory(funders=[org])
    client.force_login(person.user)
    assert client.get(reverse("aids:update", args=[aid.slug])).status_code == 200
    assert client.get(reverse("aids:delete", args=[aid.slug])).status_code == 403


def test_animator_creates_an_aid(client, geo):
    theme = ThemeFactory(name="Énergie")
    client.force_login(UserFactory(animator=True))
    response = client.post(
        reverse("aids:create"),
        {
            "title": "Aide à la rénovation",
            "kind": "grant",
            "status": "published",
            "description": "Pour les écoles.",
            "beneficiary_choices": ["municipality", "epci"],
            "perimeter_code": "60",
            "themes": [theme.pk],
            "rate_max": "50",
            "amount_max": "1500",
            "recurrence": "one_off",
            "close_date": "2030-01-31",
        },
    )
    aid = Aid.objects.get(title="Aide à la rénovation")
    assert response.status_code == 302 and response.url == aid.get_absolute_url()
    assert aid.perimeter == geo["dept"] and aid.beneficiary_list == ["municipality", "epci"]
    assert list(aid.themes.all()) == [theme]


def test_create_form_errors_are_french(client):
    client.force_login(UserFactory(animator=True))
    response = client.post(
        reverse("aids:create"),
        {
            "title": "",
            "kind": "grant",
            "status": "published",
            "perimeter_code": "nulle part",
            "rate_min": "60",
            "rate_max": "40",
            "open_date": "2030-02-01",
            "close_date": "2030-01-01",
            "recurrence": "one_off",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    for message in [
        "Indiquez l&#x27;intitulé",
        "Cochez au moins un type de bénéficiaire",
        "Aucun territoire ne correspond",
        "Le taux minimum doit être inférieur",
        "La date de clôture doit suivre",
    ]:
        assert message in content


def test_delete_needs_confirmation(client):
    aid = AidFactory()
    client.force_login(UserFactory(animator=True))
    response = client.post(reverse("aids:delete", args=[aid.slug]), {})
    assert response.status_code == 200 and Aid.objects.filter(pk=aid.pk).exists()
    response = client.post(reverse("aids:delete", args=[aid.slug]), {"confirm": "on"})
    assert response.status_code == 302 and not Aid.objects.filter(pk=aid.pk).exists()


def test_member_saves_a_search_and_deletes_it(client, geo):
    theme = ThemeFactory(name="Énergie")
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("aids:saved_search_create"),
        {
            "name": "Écoles",
            "territoire": "60159",
            "beneficiaire": "municipality",
            "thematique": theme.slug,
            "q": "école",
        },
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=user)
    assert (saved.territory, saved.beneficiary, saved.theme, saved.query) == (
        geo["commune"],
        "municipality",
        theme,
        "école",
    )
    assert "Écoles" in client.get(reverse("aids:saved_search_list")).content.decode()
    other = SavedSearchFactory()
    assert client.get(reverse("aids:saved_search_delete", args=[other.pk])).status_code == 403
    client.post(reverse("aids:saved_search_delete", args=[saved.pk]), {"confirm": "on"})
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()


def test_saving_a_search_requires_login(client):
    response = client.post(reverse("aids:saved_search_create"), {"name": "x"})
    assert response.status_code == 302 and "/compte/" in response.url


def test_reserved_slugs():
    assert AidFactory(title="Nouvelle").slug != "nouvelle"
    assert AidFactory(title="Alertes").slug != "alertes"


def test_writes_keep_the_search_index_in_step(client, geo):
    from apps.search.models import SearchDocument

    client.force_login(UserFactory(animator=True))
    client.post(
        reverse("aids:create"),
        {
            "title": "Aide aux haies bocagères",
            "kind": "grant",
            "status": "published",
            "beneficiary_choices": ["municipality"],
            "recurrence": "permanent",
        },
    )
    aid = Aid.objects.get(title="Aide aux haies bocagères")
    doc = SearchDocument.objects.get(kind="aid", object_id=aid.pk)
    assert doc.visibility == "public" and doc.url == aid.get_absolute_url()
    client.post(reverse("aids:delete", args=[aid.slug]), {"confirm": "on"})
    assert not SearchDocument.objects.filter(kind="aid", object_id=aid.pk).exists()


def test_saved_search_link_reopens_the_same_search_even_for_ambiguous_codes(client, geo):
    from tests.factories import DepartementFactory

    gers = DepartementFactory(name="Gers", code="32", region=geo["other_region"])
    AidFactory(title="Aide gersoise", perimeter=gers)
    AidFactory(title="Aide régionale", perimeter=geo["region"])
    for territory, expected in ((gers, "Aide gersoise"), (geo["region"], "Aide régionale")):
        saved = SavedSearchFactory(territory=territory)
        response = client.get(reverse("aids:list"), saved.as_params())
        assert response.context["territory"] == territory
        assert [a.title for a in response.context["aids"]] == [expected]


def test_edit_form_shows_and_keeps_the_perimeter(client, geo):
    aid = AidFactory(title="Aide agglo", perimeter=geo["epci"], beneficiaries=",municipality,")
    client.force_login(UserFactory(animator=True))
    content = client.get(reverse("aids:update", args=[aid.slug])).content.decode()
    assert "CA de la Région de Compiègne" in content and f'value="{geo["epci"].pk}"' in content
    response = client.post(
        reverse("aids:update", args=[aid.slug]),
        {
            "title": "Aide agglo modifiée",
            "kind": "grant",
            "status": "published",
            "beneficiary_choices": ["municipality"],
            "perimeter_code": geo["epci"].label,
            "perimeter_code_id": geo["epci"].pk,
            "recurrence": "one_off",
        },
    )
    assert response.status_code == 302
    aid.refresh_from_db()
    assert aid.title == "Aide agglo modifiée" and aid.perimeter == geo["epci"]


def test_fast_select_renders_the_same_html_as_django_select():
    """The list's filters skip Django's per-option templates (issue 16) but not a byte of HTML."""
    import re

    from django import forms

    from apps.aids.forms import AidSearchPageForm, FastSelect

    data = {"beneficiaire": "association", "nature": "loan", "tri": "titre"}
    fast = AidSearchPageForm(data)
    slow = AidSearchPageForm(data)
    for name in ("beneficiaire", "nature", "tri"):
        assert isinstance(fast.fields[name].widget, FastSelect)
        slow.fields[name].widget = forms.Select(
            choices=slow.fields[name].choices, attrs=slow.fields[name].widget.attrs
        )

        def squash(html):
            return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()

        assert squash(str(fast[name])) == squash(str(slow[name]))
        assert "selected" in str(fast[name])


def test_list_queries_are_fixed_with_intercommunal_perimeters(client, geo, django_assert_num_queries):
    """Issue 16, item 5: one query for the page and its total, one per relation shown (themes,
    funders), the territory lookups; the filter options come from the per-process copy. Aids of an
    EPCI (whose label reads `epci_type`) load nothing more per row."""
    themes = [ThemeFactory(), ThemeFactory()]
    orgs = [OrganisationFactory(), OrganisationFactory()]
    for _ in range(25):
        AidFactory(perimeter=geo["epci"], themes=themes, funders=orgs)
    client.get(reverse("aids:list"))  # computes the filter options once
    with django_assert_num_queries(3):
        response = client.get(reverse("aids:list"))
    assert len(response.context["aids"]) == 20
    assert response.context["page_obj"].paginator.count == 25
    assert "CA de la Région de Compiègne" in response.text
    # A territory adds its lookup and the ids of what contains it (projects: one more level).
    with django_assert_num_queries(6):
        response = client.get(reverse("aids:list"), {"territoire": "60159"})
    assert response.context["page_obj"].paginator.count == 25
