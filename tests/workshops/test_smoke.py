import io

import pytest
from django.urls import reverse

from apps.workshops.models import WorkshopDay
from demo import loader

pytestmark = pytest.mark.django_db


def test_every_page_renders_for_the_animation(client, animator):
    loader.load_workshops(stdout=io.StringIO())
    day = WorkshopDay.objects.get(title__contains="Financement")
    atelier = day.ateliers.get()
    client.force_login(animator)
    q = atelier.questions.first()
    t = atelier.tables.first()
    p = atelier.proposals.first()
    i = atelier.initiatives.first()
    urls = [
        reverse("workshops:index"),
        reverse("workshops:day_create"),
        reverse("workshops:day", args=[day.slug]),
        reverse("workshops:day_edit", args=[day.slug]),
        reverse("workshops:day_delete", args=[day.slug]),
        reverse("workshops:organiser_add", args=[day.slug]),
        reverse("workshops:atelier_add", args=[day.slug]),
        reverse("workshops:atelier", args=[day.slug, atelier.pk]),
        reverse("workshops:atelier_edit", args=[day.slug, atelier.pk]),
        reverse("workshops:atelier_delete", args=[day.slug, atelier.pk]),
        reverse("workshops:atelier_ideas", args=[day.slug, atelier.pk]),
        reverse("workshops:question_add", args=[day.slug, atelier.pk]),
        reverse("workshops:question_edit", args=[day.slug, atelier.pk, q.pk]),
        reverse("workshops:question_delete", args=[day.slug, atelier.pk, q.pk]),
        reverse("workshops:table_add", args=[day.slug, atelier.pk]),
        reverse("workshops:table_edit", args=[day.slug, atelier.pk, t.pk]),
        reverse("workshops:table_delete", args=[day.slug, atelier.pk, t.pk]),
        reverse("workshops:proposal_add", args=[day.slug, atelier.pk]),
        reverse("workshops:proposal_edit", args=[day.slug, p.pk]),
        reverse("workshops:proposals_import", args=[day.slug]),
        reverse("workshops:participants", args=[day.slug]),
        reverse("workshops:participant_add", args=[day.slug]),
        reverse("workshops:participants_import", args=[day.slug]),
        reverse("workshops:figures", args=[day.slug]),
        reverse("workshops:booklet", args=[day.slug]),
        reverse("workshops:booklet_texts", args=[day.slug]),
        reverse("workshops:initiative_add", args=[day.slug, atelier.pk]),
        reverse("workshops:initiative_edit", args=[day.slug, atelier.pk, i.pk]),
        reverse("workshops:initiative_edit", args=[day.slug, atelier.pk, i.pk]) + "?decomposer=1",
        reverse("workshops:initiative_delete", args=[day.slug, atelier.pk, i.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_admin_edit_marks_the_day_changed(client):
    from tests.factories import UserFactory
    from tests.workshops.factories import WorkshopProposalFactory

    proposal = WorkshopProposalFactory()
    day = proposal.atelier.day
    version = day.data_version
    client.force_login(UserFactory(admin=True))
    url = reverse("admin:workshops_workshopproposal_delete", args=[proposal.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    day.refresh_from_db()
    assert day.data_version == version + 1
    assert client.get(reverse("admin:workshops_workshopday_changelist")).status_code == 200


def test_organiser_logo_on_the_cover(client, animator, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.workshops.booklet import booklet_document
    from tests.factories import image_bytes
    from tests.workshops.factories import WorkshopAtelierFactory

    day = WorkshopAtelierFactory().day
    client.force_login(animator)
    url = reverse("workshops:organiser_add", args=[day.slug])
    logo = SimpleUploadedFile("logo.png", image_bytes("PNG", (60, 20)), content_type="image/png")
    assert client.post(url, {"role": "organiser", "name": "Réseau du Tarn", "logo": logo}).status_code == 302
    client.post(url, {"role": "co_organiser", "name": "Département du Tarn"})
    organiser = day.organisers.get(role="organiser")
    assert organiser.logo.url.startswith("/fichiers/")
    cover = booklet_document(day).cover
    assert [p.name for p in cover.organisers] == ["Réseau du Tarn"] and cover.organisers[0].logo
    assert [p.name for p in cover.co_organisers] == ["Département du Tarn"]
    assert "Publié sur la plateforme" in cover.publisher
    client.force_login(member)
    page = client.get(day.get_absolute_url()).content.decode()
    assert organiser.logo.url in page.replace("&amp;", "&")
    assert client.get(organiser.logo.url).status_code == 200
    day.is_published = False
    day.save()
    assert client.get(organiser.logo.url).status_code == 404
