import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from apps.experiences.models import Experience, ExperienceAttachment, Format, State
from apps.search.models import SearchDocument, Visibility
from tests.experiences.factories import ExperienceFactory
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ThemeFactory,
    UserFactory,
    image_bytes,
)

pytestmark = pytest.mark.django_db

PNG = image_bytes("PNG")
PDF = b"%PDF-1.4\n" + b"0" * 64


def form_data(**overrides):
    data = {
        "title": "Rénovation de l'école communale",
        "summary": "Une école rénovée avec les habitants.",
        "project_status": "in_progress",
        "context": "Commune rurale de 800 habitants.",
        "objectives": "Diviser par deux la consommation.",
        "difficulties": "Les entreprises locales étaient débordées.",
        "transposability": "Reproductible avec un conseil en énergie partagé.",
        "audience": "public",
    }
    data.update(overrides)
    return data


def test_library_lists_published_only_with_facets(client, django_assert_max_num_queries):
    theme = ThemeFactory(name="Énergie test")
    ExperienceFactory(title="Chaufferie bois du village", themes=[theme])
    ExperienceFactory(title="Brouillon secret", draft=True)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("experiences:list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chaufferie bois du village" in body
    assert "Brouillon secret" not in body
    assert "Énergie test" in body  # theme facet
    response = client.get(reverse("experiences:list"), {"q": "chauferie"})
    assert "Chaufferie bois du village" in response.content.decode()


def test_library_pagination_query_count(client, django_assert_max_num_queries):
    for _ in range(25):
        ExperienceFactory()
    with django_assert_max_num_queries(12):
        response = client.get(reverse("experiences:list"), {"page": "2"})
    assert response.status_code == 200
    assert 'aria-current="page" title="Page 2"' in response.content.decode()


def test_write_submit_review_publish_flow(client, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    author = UserFactory()
    MembershipFactory(person=PersonFactory(user=author), organisation=organisation)
    referent = UserFactory()
    MembershipFactory(person=PersonFactory(user=referent), organisation=organisation, referent=True)
    animator = UserFactory(animator=True)

    client.force_login(author)
    response = client.post(
        reverse("experiences:create") + "?format=factsheet", form_data(organisations=[organisation.pk])
    )
    experience = Experience.objects.get()
    assert response.status_code == 302
    assert experience.format == Format.FACTSHEET
    assert experience.state == State.DRAFT
    assert experience.versions.count() == 1
    doc = SearchDocument.objects.get(object_id=experience.pk, kind="experience")
    assert doc.visibility == Visibility.ANIMATORS

    client.post(
        reverse("experiences:edit", args=[experience.slug]),
        form_data(title="Rénovation de l'école", organisations=[organisation.pk]),
    )
    assert experience.versions.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("experiences:submit", args=[experience.slug]))
    experience.refresh_from_db()
    assert experience.state == State.SUBMITTED
    assert {referent.email, animator.email} <= {m.to[0] for m in mail.outbox}
    # The author can no longer edit while the text is under review.
    assert client.get(reverse("experiences:edit", args=[experience.slug])).status_code == 403

    client.force_login(referent)
    response = client.post(
        reverse("experiences:review", args=[experience.slug]), {"decision": "changes", "comment": ""}
    )
    assert "Expliquez ce qu" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("experiences:review", args=[experience.slug]),
            {"decision": "approve", "comment": "Très clair."},
        )
    experience.refresh_from_db()
    assert experience.state == State.REVIEWED
    assert mail.outbox[-1].to == [author.email]
    assert client.post(reverse("experiences:publish", args=[experience.slug])).status_code == 403

    client.force_login(animator)
    client.post(reverse("experiences:publish", args=[experience.slug]))
    experience.refresh_from_db()
    assert experience.state == State.PUBLISHED
    assert SearchDocument.objects.get(pk=doc.pk).visibility == Visibility.PUBLIC

    client.logout()
    response = client.get(reverse("search:search"), {"q": "ecole renovee"})
    assert "Rénovation de l&#x27;école" in response.content.decode()


def test_review_sends_back_to_draft_with_comment(client):
    author = UserFactory()
    experience = ExperienceFactory(submitted=True, author=author)
    client.force_login(UserFactory(animator=True))
    client.post(
        reverse("experiences:review", args=[experience.slug]),
        {"decision": "changes", "comment": "Ajoutez le budget."},
    )
    experience.refresh_from_db()
    assert experience.state == State.DRAFT
    assert experience.review_comment == "Ajoutez le budget."
    client.force_login(author)
    assert (
        "Ajoutez le budget."
        in client.get(reverse("experiences:edit", args=[experience.slug])).content.decode()
    )


def test_detail_renders_sanitised_markdown_and_similar(client):
    ExperienceFactory(title="Chaufferie bois de la vallée")
    experience = ExperienceFactory(
        title="Chaufferie bois du bourg",
        difficulties="**Gras** <script>alert(1)</script> [lien](javascript:alert(1))",
    )
    body = client.get(experience.get_absolute_url()).content.decode()
    assert "<strong>Gras</strong>" in body
    assert "<script>alert(1)</script>" not in body
    assert "javascript:alert" not in body
    assert "Expériences similaires" in body
    assert "Chaufferie bois de la vallée" in body


def test_draft_is_404_for_others(client):
    """apps.core.access: an anonymous visitor is asked to log in (the author may simply have
    forgotten to); a logged-in member who may not see the draft gets a 404, never a 403."""
    experience = ExperienceFactory(draft=True)
    response = client.get(experience.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    client.force_login(UserFactory())
    assert client.get(experience.get_absolute_url()).status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("experiences:create"))
    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"]


def test_invalid_dates_are_refused_in_french(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("experiences:create"), form_data(started_on="2024-05-01", ended_on="2023-01-01")
    )
    assert response.status_code == 200
    assert "La date de fin doit être postérieure" in response.content.decode()


def test_history_and_version_pages(client):
    author = UserFactory()
    client.force_login(author)
    client.post(reverse("experiences:create"), form_data())
    experience = Experience.objects.get()
    client.post(
        reverse("experiences:edit", args=[experience.slug]), form_data(objectives="Nouveaux objectifs")
    )
    response = client.get(reverse("experiences:history", args=[experience.slug]))
    assert "Version 2" in response.content.decode()
    response = client.get(reverse("experiences:version", args=[experience.slug, 1]))
    assert "Diviser par deux" in response.content.decode()
    assert client.get(reverse("experiences:version", args=[experience.slug, 99])).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "alt", "error"),
    [
        ("photo.png", PNG, "Une école", None),
        ("bilan.pdf", PDF, "", None),
        ("photo.png", PNG, "", "Décrivez l&#x27;image"),
        ("faux.pdf", b"MZ\x90\x00 executable", "", "ne correspond pas"),
        ("script.exe", b"MZ\x90\x00", "", "Les fichiers .exe ne sont pas acceptés"),
        ("page.svg", b"<svg onload=alert(1)>", "", "Les fichiers .svg ne sont pas acceptés"),
        ("page.png", b"<html><script>alert(1)</script>", "", "pages web, images SVG et scripts"),
        ("gros.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "", "5 Mo au plus"),
        ("vide.pdf", b"", "", "vide"),
    ],
    ids=["png", "pdf", "png-without-alt", "fake-pdf", "exe", "svg", "html-as-png", "too-big", "empty"],
)
def test_attachment_checks(client, name, content, alt, error):
    author = UserFactory()
    experience = ExperienceFactory(draft=True, author=author)
    client.force_login(author)
    upload = SimpleUploadedFile(name, content)
    response = client.post(
        reverse("experiences:attachments", args=[experience.slug]),
        {"file": upload, "title": "Pièce", "alt": alt},
    )
    if error is None:
        assert response.status_code == 302
        assert ExperienceAttachment.objects.filter(experience=experience).count() == 1
    else:
        assert error in response.content.decode()
        assert not ExperienceAttachment.objects.exists()


def test_attachment_delete_needs_confirmation(client):
    author = UserFactory()
    experience = ExperienceFactory(draft=True, author=author)
    client.force_login(author)
    client.post(
        reverse("experiences:attachments", args=[experience.slug]),
        {"file": SimpleUploadedFile("b.pdf", PDF), "title": "Bilan", "alt": ""},
    )
    attachment = ExperienceAttachment.objects.get()
    url = reverse("experiences:attachment_delete", args=[experience.slug, attachment.pk])
    assert "Supprimer" in client.get(url).content.decode()
    assert ExperienceAttachment.objects.exists()
    client.post(url)
    assert not ExperienceAttachment.objects.exists()


def test_delete_removes_from_index(client):
    experience = ExperienceFactory()
    client.force_login(UserFactory(animator=True))
    client.post(reverse("experiences:delete", args=[experience.slug]))
    assert not Experience.objects.exists()
    assert not SearchDocument.objects.filter(kind="experience").exists()


def test_map_mine_and_guide_pages(client):
    organisation = OrganisationFactory()
    ExperienceFactory(title="Sur la carte", organisations=[organisation])
    response = client.get(reverse("experiences:map"))
    assert "Sur la carte" in response.content.decode()
    assert "experiences-map-data" in response.content.decode()
    assert "Ce qu&#x27;il faut collecter" not in response.content.decode()
    assert "Pendant l&#x27;entretien" in client.get(reverse("experiences:guide")).content.decode()
    user = UserFactory()
    ExperienceFactory(title="Mon brouillon", draft=True, author=user)
    client.force_login(user)
    assert "Mon brouillon" in client.get(reverse("experiences:mine")).content.decode()


def test_organisation_snippet():
    organisation = OrganisationFactory()
    ExperienceFactory(title="Publiée ici", organisations=[organisation])
    ExperienceFactory(title="Brouillon ici", draft=True, organisations=[organisation])
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    html = Template('{% include "experiences/includes/organisation_experiences.html" %}').render(
        Context({"organisation": organisation, "request": request})
    )
    assert "Publiée ici" in html
    assert "Brouillon ici" not in html
