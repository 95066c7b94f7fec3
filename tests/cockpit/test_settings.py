"""The network's settings: stored in the database, edited by its animators, environment values
as first defaults, cached and invalidated on write."""

import pytest
from django.urls import reverse

from apps.core.models import NetworkSettings
from apps.core.network import CACHE_KEY, network_settings, network_settings_forget
from tests.events.factories import EventFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/animation/reglages/"


def form_data(**overrides):
    data = {
        "name": "Réseau des Agendas 21 de l'Hérault",
        "tagline": "Les collectivités engagées du département",
        "operator": "Département de l'Hérault",
        "contact_email": "agenda21@herault.example",
        "logo_alt": "",
        "home_intro": "Nous réunissons **les communes** engagées.",
        "about": "## Qui sommes-nous\n\nUn réseau départemental.",
        "footer_links": "Notre lettre | https://lettre.example/\nNous suivre | https://social.example/@agenda21",
        "bloc_presentation": "on",
        "ordre_presentation": "2",
        "bloc_agenda": "on",
        "ordre_agenda": "1",
        "ordre_chiffres": "3",
    }
    data.update(overrides)
    return data


@pytest.fixture
def animator_client(client):
    client.force_login(UserFactory(animator=True))
    return client


def test_environment_values_are_the_first_defaults(client, settings):
    settings.MAILLAGE_NETWORK_NAME = "Réseau 66 des Agendas 21"
    settings.MAILLAGE_CONTACT_EMAIL = "contact@reseau66.example"
    page = client.get("/").text
    assert "Réseau 66 des Agendas 21" in page
    assert "mailto:contact@reseau66.example" in page
    assert not NetworkSettings.objects.exists()


def test_republique_francaise_block_is_off_by_default_and_the_environment_may_turn_it_on(client, settings):
    assert 'class="fr-logo"' not in client.get("/").text
    settings.MAILLAGE_REPUBLIQUE_FRANCAISE = True
    network_settings_forget()  # the environment is read at start-up; the cache kept the old value
    assert 'class="fr-logo"' in client.get("/").text


def test_animators_edit_the_settings_and_every_page_follows(animator_client):
    response = animator_client.post(URL, form_data())
    assert response.status_code == 302
    row = NetworkSettings.objects.get()
    assert row.name == "Réseau des Agendas 21 de l'Hérault"
    assert row.home_blocks == ["agenda", "presentation"]
    assert row.footer_links == [
        ["Notre lettre", "https://lettre.example/"],
        ["Nous suivre", "https://social.example/@agenda21"],
    ]
    home = animator_client.get("/")
    text = home.text
    assert "<h1>Réseau des Agendas 21 de l&#x27;Hérault</h1>" in text
    assert "Accueil — Réseau des Agendas 21" in text
    assert "<strong>les communes</strong>" in text
    assert 'href="https://lettre.example/"' in text
    assert 'href="/a-propos/"' in text
    # Blocks in the chosen order, the others hidden.
    keys = [block.key for block, _ in home.context["blocks"]]
    assert keys == ["agenda", "presentation"]
    about = animator_client.get("/a-propos/")
    assert about.status_code == 200 and "<h2>Qui sommes-nous</h2>" in about.text
    # Legal pages name the new editor.
    assert "Département de l&#x27;Hérault" in animator_client.get(reverse("core:legal_notice")).text


def test_the_cache_is_invalidated_on_write(animator_client, django_capture_on_commit_callbacks):
    assert network_settings().name == "Communauté COMETE"  # cached now
    with django_capture_on_commit_callbacks(execute=True):
        animator_client.post(URL, form_data(name="Réseau Climat Occitanie"))
    assert network_settings().name == "Réseau Climat Occitanie"
    assert "Réseau Climat Occitanie" in animator_client.get("/").text


def test_settings_are_read_once_per_request_from_the_cache(client, django_assert_num_queries):
    client.get("/")
    from django.core.cache import cache

    assert cache.get(CACHE_KEY) is not None


def test_republique_francaise_can_be_turned_on_by_animators(
    animator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        animator_client.post(URL, form_data(republique_francaise="on"))
    assert 'class="fr-logo"' in animator_client.get("/").text


def test_errors_are_french_and_nothing_is_saved(animator_client):
    response = animator_client.post(
        URL,
        form_data(
            name="",
            contact_email="pas-une-adresse",
            footer_links="Sans adresse\nMauvais lien | javascript:alert(1)",
            ordre_agenda="zéro",
        ),
    )
    assert response.status_code == 200
    text = response.text
    assert "Saisissez une adresse électronique valide." in text
    assert "Ligne 1 : écrivez « Libellé | https://adresse »." in text
    assert "Ligne 2 : « javascript:alert(1) » n&#x27;est pas une adresse valide" in text
    assert "Indiquez une position en chiffres." in text
    assert not NetworkSettings.objects.exists()


def test_an_empty_about_page_is_a_404(client):
    assert client.get("/a-propos/").status_code == 404


def test_settings_are_for_the_network_s_animators(client):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403
    assert not NetworkSettings.objects.exists()


def test_the_form_starts_from_the_saved_values(animator_client):
    animator_client.post(URL, form_data())
    form = animator_client.get(URL).context["form"]
    assert form.initial["name"] == "Réseau des Agendas 21 de l'Hérault"
    assert form["bloc_chiffres"].value() is False
    assert form["ordre_agenda"].value() == 1


def test_hidden_blocks_are_not_rendered_on_home(animator_client):
    EventFactory(title="Webinaire mobilité rurale")
    animator_client.post(URL, form_data(bloc_agenda=""))
    assert "Webinaire mobilité rurale" not in animator_client.get("/").text


def test_the_logo_goes_through_the_file_policy_and_shows_in_the_header(
    animator_client, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import image_bytes

    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)></svg>", content_type="image/png")
    response = animator_client.post(URL, {**form_data(), "logo": fake})
    assert response.status_code == 200
    assert not NetworkSettings.objects.exists()
    logo = SimpleUploadedFile("logo.png", image_bytes(), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        animator_client.post(URL, {**form_data(logo_alt="Logo des Agendas 21"), "logo": logo})
    row = NetworkSettings.objects.get()
    assert row.logo.name.startswith("reseau/") and not row.logo.name.endswith("/logo.png")
    header = animator_client.get("/").text
    assert f'src="{row.logo.url}" alt="Logo des Agendas 21"' in header
    with django_capture_on_commit_callbacks(execute=True):
        animator_client.post(URL, {**form_data(), "remove_logo": "on"})
    row.refresh_from_db()
    assert not row.logo
    assert 'class="fr-responsive-img header-logo"' not in animator_client.get("/").text
