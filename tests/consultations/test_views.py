import pytest
from django.core import mail
from django.urls import reverse

from apps.consultations.models import Booklet, Consultation, Contribution, ContributionComment
from tests.consultations.factories import (
    ActionFactory,
    ConsultationFactory,
    ContributionFactory,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_index_requires_login(client):
    response = client.get(reverse("consultations:index"))
    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"]


def test_index_lists_visible_only(client, member):
    ConsultationFactory(title="Consultation publiée")
    ConsultationFactory(title="Brouillon secret", draft=True)
    client.force_login(member)
    content = client.get(reverse("consultations:index")).content.decode()
    assert "Consultation publiée" in content
    assert "Brouillon secret" not in content


def test_animator_creates_consultation_and_structure(client, animator):
    client.force_login(animator)
    response = client.post(
        reverse("consultations:create"),
        {
            "title": "Feuille de route 2027",
            "opens_on": "2027-01-01",
            "closes_on": "2026-12-01",
            "audience": "all",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["closes_on"] == [
        "La date de clôture doit suivre la date d'ouverture."
    ]
    response = client.post(
        reverse("consultations:create"),
        {
            "title": "Feuille de route 2027",
            "opens_on": "2027-01-01",
            "closes_on": "2027-02-01",
            "audience": "all",
        },
    )
    consultation = Consultation.objects.get(title="Feuille de route 2027")
    assert response["Location"] == reverse("consultations:structure", args=[consultation.slug])
    url = reverse("consultations:structure", args=[consultation.slug])
    client.post(url, {"kind": "objective", "objective-position": 1, "objective-title": "Animer le réseau"})
    objective = consultation.objectives.get()
    client.post(
        url,
        {
            "kind": "action",
            "action-objective": objective.pk,
            "action-position": 1,
            "action-title": "Animer la gouvernance",
            "action-sub_actions": "Animer le comité de pilotage\nAnimer le club des partenaires",
        },
    )
    action = objective.actions.get()
    assert action.sub_action_list == ["Animer le comité de pilotage", "Animer le club des partenaires"]


def test_member_contributes_signed_by_organisation_then_edits(client, member, member_org):
    action = ActionFactory()
    client.force_login(member)
    url = reverse("consultations:action", args=[action.objective.consultation.slug, action.pk])
    response = client.post(
        url, {"body": "Organiser des rencontres bilatérales", "organisation": member_org.pk}
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.organisation == member_org and contribution.author_user == member
    assert contribution.author_display == "Ville de Cergy"
    # Another organisation than one's own is refused with a French message, never a 500.
    other = OrganisationFactory()
    response = client.post(url, {"body": "Usurpation", "organisation": other.pk})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    edit_url = reverse(
        "consultations:contribution_edit", args=[action.objective.consultation.slug, contribution.pk]
    )
    client.post(edit_url, {"body": "Organiser des rencontres bilatérales et des sous-commissions"})
    contribution.refresh_from_db()
    assert contribution.body.endswith("sous-commissions")
    assert mail.outbox == []
    # The signature survives the organisation leaving the directory.
    member_org.delete()
    contribution.refresh_from_db()
    assert contribution.organisation is None and contribution.author_display == "Ville de Cergy"


def test_contributions_closed_after_close_date(client, member, member_org):
    action = ActionFactory(objective__consultation=ConsultationFactory(closed=True))
    contribution = ContributionFactory(action=action, organisation=member_org, author_user=member)
    client.force_login(member)
    slug = action.objective.consultation.slug
    response = client.post(reverse("consultations:action", args=[slug, action.pk]), {"body": "Trop tard"})
    assert response.status_code == 403
    response = client.get(reverse("consultations:contribution_edit", args=[slug, contribution.pk]))
    assert response.status_code == 403
    assert "clôturée" in client.get(reverse("consultations:action", args=[slug, action.pk])).content.decode()


def test_animator_prefills_steering_committee(client, animator):
    action = ActionFactory()
    client.force_login(animator)
    client.post(
        reverse("consultations:action", args=[action.objective.consultation.slug, action.pk]),
        {"body": "Clarifier le rôle de chaque instance", "is_steering": "on"},
    )
    contribution = Contribution.objects.get()
    assert contribution.is_steering and contribution.author_display == "Comité de pilotage"


def test_moderation_hides_contribution_with_confirm_step(client, animator, member):
    contribution = ContributionFactory(body="Texte déplacé")
    slug = contribution.action.objective.consultation.slug
    url = reverse("consultations:contribution_moderate", args=[slug, contribution.pk])
    client.force_login(member)
    assert client.post(url).status_code == 403
    client.force_login(animator)
    assert "Masquer cette contribution" in client.get(url).content.decode()
    client.post(url, {"note": "hors sujet"})
    contribution.refresh_from_db()
    assert contribution.is_hidden and contribution.moderation_note == "hors sujet"
    client.force_login(member)
    page = client.get(reverse("consultations:action", args=[slug, contribution.action_id])).content.decode()
    assert "Texte déplacé" not in page


def test_comment(client, member):
    contribution = ContributionFactory()
    client.force_login(member)
    slug = contribution.action.objective.consultation.slug
    client.post(
        reverse("consultations:comment_create", args=[slug, contribution.pk]), {"body": "Bonne idée !"}
    )
    assert ContributionComment.objects.get().body == "Bonne idée !"
    response = client.post(
        reverse("consultations:comment_create", args=[slug, contribution.pk]), {"body": ""}, follow=True
    )
    assert "Le commentaire est vide" in response.content.decode()


def test_by_organisation_and_progress(client, animator, member):
    consultation = ConsultationFactory(audience="organisations")
    action = ActionFactory(objective__consultation=consultation)
    done = OrganisationFactory(name="Commune active")
    waiting = OrganisationFactory(name="Commune silencieuse")
    consultation.invited_organisations.add(done, waiting)
    ContributionFactory(action=action, organisation=done, body="Ce que dit la commune active")
    client.force_login(member)
    page = client.get(reverse("consultations:by_organisation", args=[consultation.slug])).content.decode()
    assert "Commune active" in page and "Ce que dit la commune active" in page
    assert client.get(reverse("consultations:progress", args=[consultation.slug])).status_code == 403
    client.force_login(animator)
    response = client.get(reverse("consultations:progress", args=[consultation.slug]), {"statut": "non"})
    content = response.content.decode()
    assert "Commune silencieuse" in content and "Commune active" not in content
    assert response.context["done_count"] == 1 and response.context["invited_count"] == 2


def test_action_page_query_count(client, member, django_assert_max_num_queries):
    action = ActionFactory()
    for _ in range(15):
        ContributionFactory(action=action)
    client.force_login(member)
    url = reverse("consultations:action", args=[action.objective.consultation.slug, action.pk])
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200


def test_index_query_count(client, member, django_assert_max_num_queries):
    for _ in range(8):
        ContributionFactory()
    client.force_login(member)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("consultations:index")).status_code == 200


def test_booklet_pages(client, animator, member):
    contribution = ContributionFactory()
    consultation = contribution.action.objective.consultation
    client.force_login(member)
    # Not produced yet: members get a 404, animators create it.
    assert (
        client.get(reverse("consultations:consultation_booklet", args=[consultation.slug])).status_code == 404
    )
    client.force_login(animator)
    assert (
        client.get(reverse("consultations:consultation_booklet", args=[consultation.slug])).status_code == 200
    )
    assert (
        client.get(reverse("consultations:consultation_booklet_edit", args=[consultation.slug])).status_code
        == 200
    )
    # Reading writes nothing (issue 18): the booklet is created by its first save.
    assert not Booklet.objects.filter(consultation=consultation).exists()
    edit = reverse("consultations:consultation_booklet_edit", args=[consultation.slug])
    key = f"note_action-{contribution.action_id}"
    client.post(edit, {"title": "Mon livret", "strong_ideas": "Idée A\nIdée B", key: "Synthèse de l'action"})
    client.force_login(member)
    page = client.get(
        reverse("consultations:consultation_booklet", args=[consultation.slug])
    ).content.decode()
    assert "Mon livret" in page and "Idée B" in page and "Synthèse de l&#x27;action" in page
    assert (
        client.post(
            reverse("consultations:consultation_booklet_generate", args=[consultation.slug])
        ).status_code
        == 403
    )
