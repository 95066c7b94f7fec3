"""Files never contradict the page; who sees what."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.workshops import services, tasks
from apps.workshops.models import WorkshopBookletFile, WorkshopDay
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.workshops.factories import WorkshopAtelierFactory, WorkshopDayFactory, WorkshopProposalFactory

pytestmark = pytest.mark.django_db


def test_files_are_produced_marked_outdated_then_regenerated(
    client, animator, settings, django_capture_on_commit_callbacks
):
    atelier = WorkshopAtelierFactory(day=WorkshopDayFactory(title="Journée des mobilités"))
    day = atelier.day
    WorkshopProposalFactory(atelier=atelier, action="Créer une navette")
    client.force_login(animator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workshops:booklet_produce", args=[day.slug]))
    day.refresh_from_db()
    files = {f.fmt: f for f in WorkshopBookletFile.objects.filter(day=day)}
    assert set(files) == {"pdf", "odt", "docx"}
    assert {f.data_version for f in files.values()} == {day.data_version}
    page = client.get(reverse("workshops:booklet", args=[day.slug])).content.decode()
    assert "à jour" in page and "les données ont changé depuis" not in page
    # A change while the worker is busy elsewhere (debounce): the page says the files are outdated.
    settings.MAILLAGE_WORKSHOP_FILES_DEBOUNCE = 3600
    services.proposal_create(user=animator, atelier=atelier, data={"action": "Ouvrir une vélo-école"})
    page = client.get(reverse("workshops:booklet", args=[day.slug])).content.decode()
    assert "PDF du " in page and "les données ont changé depuis" in page
    response = client.get(reverse("workshops:booklet_file", args=[day.slug, "pdf"]))
    day.refresh_from_db()
    assert response["X-Maillage-Data-Version"] == f"{files['pdf'].data_version}/{day.data_version}"
    assert files["pdf"].data_version < day.data_version
    # The debounced task run right after the change does nothing; once the day is quiet it renders.
    day.refresh_from_db()
    assert tasks.workshop_render_files.call(day_id=day.pk) == "debounced"
    WorkshopDay.objects.filter(pk=day.pk).update(data_changed_at=timezone.now() - dt.timedelta(hours=2))
    assert tasks.workshop_render_files.call(day_id=day.pk) == "rendered"
    assert tasks.workshop_render_files.call(day_id=day.pk) == "up to date"  # idempotent
    page = client.get(reverse("workshops:booklet", args=[day.slug])).content.decode()
    assert "les données ont changé depuis" not in page
    docx = client.get(reverse("workshops:booklet_file", args=[day.slug, "docx"]))
    assert (
        docx.status_code == 200
        and b"".join(docx.streaming_content if docx.streaming else [docx.content])[:2] == b"PK"
    )


def test_draft_is_a_404_for_members_and_a_login_for_anonymous(client, member, animator):
    day = WorkshopDayFactory(draft=True)
    url = reverse("workshops:day", args=[day.slug])
    assert client.get(url).status_code == 302
    client.force_login(member)
    for name in ("workshops:day", "workshops:booklet", "workshops:participants", "workshops:figures"):
        assert client.get(reverse(name, args=[day.slug])).status_code == 404, name
    assert client.get(reverse("workshops:index")).content.decode().count(day.title) == 0
    client.force_login(animator)
    assert client.get(url).status_code == 200


def test_published_day_members_read_but_do_not_manage(client, member):
    day = WorkshopAtelierFactory().day
    client.force_login(member)
    assert client.get(reverse("workshops:day", args=[day.slug])).status_code == 200
    assert client.get(reverse("workshops:booklet", args=[day.slug])).status_code == 200
    assert client.get(reverse("workshops:day_edit", args=[day.slug])).status_code == 403
    assert client.get(reverse("workshops:participants", args=[day.slug])).status_code == 403
    assert (
        client.post(reverse("workshops:proposals_delete", args=[day.slug]), {"ids": [1]}).status_code == 403
    )


def test_new_day_is_a_draft(client, animator):
    client.force_login(animator)
    response = client.post(
        reverse("workshops:day_create"), {"title": "Journée test", "held_on": "2025-05-02"}
    )
    day = WorkshopDay.objects.get()
    assert response.status_code == 302 and not day.is_published


def test_participants_from_registrations_once(client, animator):
    org = OrganisationFactory(name="Commune de Lisle", type="commune")
    event = EventFactory(title="Journée de lancement")
    user = UserFactory(first_name="Léa", last_name="Martin")
    PersonFactory(user=user, organisation=org, category="elu", first_name="Léa", last_name="Martin")
    RegistrationFactory(event=event, user=user)
    RegistrationFactory(event=event, status="cancelled")
    RegistrationFactory(event=event, attended=False)
    day = WorkshopDayFactory(event=event)
    client.force_login(animator)
    url = reverse("workshops:participants_from_registrations", args=[day.slug])
    client.post(url)
    client.post(url)
    participant = day.participants.get()
    assert participant.name == "Léa Martin" and participant.category == "elu"
    assert participant.organisation == org and participant.organisation_type == "commune"


def test_participants_import_matches_the_directory(client, animator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    OrganisationFactory(name="Communauté de communes du Val", type="epci")
    day = WorkshopAtelierFactory(title="Énergie").day
    csv = (
        "Nom;Catégorie;Organisation;Type;Atelier\n"
        "Léa Martin;élue;Communauté de communes du Val;;Énergie\n"
        "Paul Roy;technicien;Mairie de Brens;Commune;\n"
        "Zoé Dupont;autre;Collectif X;;\n"
    )
    client.force_login(animator)
    url = reverse("workshops:participants_import", args=[day.slug])
    for _ in range(2):  # the second import adds nobody
        page = client.post(url, {"file": SimpleUploadedFile("liste.csv", csv.encode())}).content.decode()
        assert "annuaire" in page
        client.post(url, {"step": "confirm"})
    assert day.participants.count() == 3
    lea = day.participants.get(name="Léa Martin")
    assert (
        lea.organisation.type == "epci" and lea.organisation_type == "epci" and lea.atelier.title == "Énergie"
    )
    assert day.participants.get(name="Paul Roy").organisation_type == "commune"
    assert day.participants.get(name="Zoé Dupont").organisation_type == ""
    bad = client.post(
        url, {"file": SimpleUploadedFile("liste.csv", b"Nom;Categorie\nA;maire\n")}
    ).content.decode()
    assert "Ligne 2 : catégorie « maire » inconnue" in bad
