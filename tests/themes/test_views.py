import pytest
from django.urls import reverse

from apps.themes import services
from apps.themes.models import Theme
from tests.factories import OrganisationFactory, PersonFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("themes:list")


def test_list_counts_only_active_orgs_and_consenting_people(client):
    theme = ThemeFactory(name="Sobriété foncière")
    OrganisationFactory(themes=[theme])
    OrganisationFactory(themes=[theme])
    OrganisationFactory(themes=[theme], pending=True)
    PersonFactory().themes.add(theme)
    PersonFactory(hidden=True).themes.add(theme)
    response = client.get(LIST)
    assert response.status_code == 200
    row = next(t for t in response.context["themes"] if t.pk == theme.pk)
    assert [(counter.label, count) for counter, count in row.counts] == [
        ("Organisations", 2),
        ("Personnes", 1),
    ]
    assert f"?theme={theme.slug}" in response.text


def test_inactive_themes_hidden_from_public_shown_to_animators(client):
    ThemeFactory(name="Thème retiré", is_active=False)
    assert "Thème retiré" not in client.get(LIST).text
    client.force_login(UserFactory(animator=True))
    response = client.get(LIST)
    assert "Thème retiré" in response.text and "Désactivée" in response.text
    assert reverse("themes:create") in response.text


def test_list_query_count_is_constant(client, django_assert_max_num_queries):
    themes = [ThemeFactory(name=f"T{i}") for i in range(20)]
    for theme in themes:
        OrganisationFactory(themes=[theme])
        PersonFactory().themes.add(theme)
    # The themes, then one query per column (organisations, people: apps.themes.counts), whatever
    # the number of themes.
    with django_assert_max_num_queries(5):
        client.get(LIST)


@pytest.mark.parametrize(
    ("role", "status"), [(None, 302), ("member", 403), ("animator", 200), ("admin", 200)]
)
@pytest.mark.parametrize("name", ["create", "update", "delete"])
def test_management_permissions(client, role, status, name):
    theme = ThemeFactory()
    if role == "member":
        client.force_login(UserFactory())
    elif role:
        client.force_login(UserFactory(**{role: True}))
    url = reverse(f"themes:{name}", kwargs={} if name == "create" else {"pk": theme.pk})
    assert client.get(url).status_code == status
    if status != 200:
        client.post(url, {"name": "Piraté", "description": "", "is_active": "on"})
        theme.refresh_from_db()
        assert theme.is_active and not Theme.objects.filter(name="Piraté").exists()
        move = client.post(reverse("themes:move", kwargs={"pk": theme.pk}), {"direction": "up"})
        assert move.status_code == status


@pytest.fixture
def animator_client(client):
    client.force_login(UserFactory(animator=True))
    return client


def test_create_update_and_deactivate(animator_client):
    client = animator_client
    response = client.post(
        reverse("themes:create"), {"name": "  Eau   et milieux ", "description": "", "is_active": "on"}
    )
    assert response.status_code == 302
    theme = Theme.objects.get(name="Eau et milieux")
    assert theme.slug == "eau-et-milieux" and theme.is_active
    assert theme.position == max(Theme.objects.values_list("position", flat=True))
    client.post(
        reverse("themes:update", kwargs={"pk": theme.pk}),
        {"name": "Eau et milieux aquatiques", "description": "Cycle de l'eau", "is_active": "on"},
    )
    theme.refresh_from_db()
    assert theme.name == "Eau et milieux aquatiques" and theme.slug == "eau-et-milieux"  # stable URL
    confirm = client.get(reverse("themes:delete", kwargs={"pk": theme.pk}))
    assert "Oui, désactiver" in confirm.text
    theme.refresh_from_db()
    assert theme.is_active  # GET never changes anything
    client.post(reverse("themes:delete", kwargs={"pk": theme.pk}))
    theme.refresh_from_db()
    assert not theme.is_active
    assert Theme.objects.filter(pk=theme.pk).exists()  # deactivated, not deleted


def test_duplicate_and_empty_names_are_refused(animator_client):
    ThemeFactory(name="Mobilité durable")
    response = animator_client.post(reverse("themes:create"), {"name": "Mobilité durable", "description": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    near = animator_client.post(reverse("themes:create"), {"name": "mobilite durable", "description": ""})
    assert "très proche" in near.context["form"].errors["name"][0]
    empty = animator_client.post(reverse("themes:create"), {"name": "!!!", "description": ""})
    assert "au moins une lettre" in empty.context["form"].errors["name"][0]


def _order():
    return list(Theme.objects.order_by("position", "name").values_list("name", flat=True))


def test_move_reorders_and_renumbers():
    # Themes of the default taxonomy are there too; ours share one position, as after a data load.
    a, _b, c = (ThemeFactory(name=n, position=999) for n in ("ZA", "ZB", "ZC"))
    services.theme_move(theme=c, offset=-1)
    assert _order()[-3:] == ["ZA", "ZC", "ZB"]
    services.theme_move(theme=a, offset=1)
    assert _order()[-3:] == ["ZC", "ZA", "ZB"]
    positions = list(Theme.objects.order_by("position").values_list("position", flat=True))
    assert positions == list(range(1, len(positions) + 1))  # renumbered, no ties left
    first = Theme.objects.order_by("position").first()
    services.theme_move(theme=first, offset=-1)  # already first: no change
    assert Theme.objects.order_by("position").first() == first


def test_move_view(animator_client):
    first, second = ThemeFactory(name="ZPremier", position=998), ThemeFactory(name="ZSecond", position=999)
    response = animator_client.post(reverse("themes:move", kwargs={"pk": second.pk}), {"direction": "up"})
    assert response.status_code == 302 and response["Location"].endswith(f"#theme-{second.pk}")
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.position < first.position
    assert animator_client.get(reverse("themes:move", kwargs={"pk": second.pk})).status_code == 405
