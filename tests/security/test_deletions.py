"""Data that must outlive its author is kept (issue 11, item 6): deleting a user, an organisation or a
theme never makes anyone else's data disappear."""

import pytest
from django.db.models.deletion import ProtectedError
from django.urls import reverse

from apps.accounts.services import user_erase
from apps.aids.models import SavedSearch
from apps.arbitrages.models import ArbitrageResponse
from apps.consultations.models import ContributionComment
from apps.directory.models import Invitation, Organisation
from apps.directory.services import DirectoryError, invitation_create, organisation_delete
from apps.programmes.models import Enrolment
from apps.questions.models import Expertise
from apps.themes.models import Theme
from apps.workshops.models import WorkshopInitiative as Initiative
from apps.workshops.models import WorkshopVote as Vote
from tests.aids.factories import SavedSearchFactory
from tests.arbitrages.factories import QuestionnaireFactory
from tests.consultations.factories import ContributionFactory
from tests.factories import OrganisationFactory, ThemeFactory, UserFactory
from tests.programmes.factories import EnrolmentFactory
from tests.workshops.factories import WorkshopAtelierFactory

pytestmark = pytest.mark.django_db


def test_deleting_a_user_keeps_comments_votes_and_invitations_anonymised():
    leaver, other = UserFactory(), UserFactory()
    contribution = ContributionFactory()
    comment = ContributionComment.objects.create(contribution=contribution, author=leaver, body="Bonne idée.")
    initiative = Initiative.objects.create(atelier=WorkshopAtelierFactory(), title="Cantine bio")
    Vote.objects.create(initiative=initiative, user=leaver)
    Vote.objects.create(initiative=initiative, user=other)
    organisation = OrganisationFactory()
    invitation = invitation_create(
        organisation=organisation, email="nouvelle@exemple.test", invited_by=leaver
    )

    user_erase(user=leaver)

    comment.refresh_from_db()
    assert comment.author is None and comment.body == "Bonne idée."
    assert Vote.objects.filter(initiative=initiative).count() == 2  # the results do not change
    assert Vote.objects.filter(initiative=initiative, user__isnull=True).count() == 1
    invitation.refresh_from_db()
    assert invitation.invited_by is None and Invitation.objects.filter(pk=invitation.pk).exists()


def test_page_of_an_anonymised_comment_and_invitation(client):
    leaver = UserFactory()
    invitation = invitation_create(
        organisation=OrganisationFactory(), email="x@exemple.test", invited_by=leaver
    )
    leaver.delete()
    body = client.get(
        reverse("directory:invitation_accept", kwargs={"token": invitation.token})
    ).content.decode()
    assert "None" not in body and "L’équipe du réseau" in body


@pytest.mark.parametrize("history", ["arbitrage", "enrolment"])
def test_organisation_with_history_is_protected(history):
    organisation = OrganisationFactory(name="Commune d'Eyguians")
    if history == "arbitrage":
        questionnaire = QuestionnaireFactory(delegations=[organisation])
        ArbitrageResponse.objects.create(
            questionnaire=questionnaire, delegation=organisation, answers={"q": "oui"}
        )
    else:
        EnrolmentFactory(organisation=organisation)
    with pytest.raises(ProtectedError):
        Organisation.objects.filter(pk=organisation.pk).delete()
    with pytest.raises(DirectoryError, match="historique"):
        organisation_delete(organisation=organisation)
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert ArbitrageResponse.objects.count() + Enrolment.objects.count() == 1


def test_organisation_without_history_is_deleted():
    organisation = OrganisationFactory()
    organisation_delete(organisation=organisation)
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def test_theme_is_protected_and_deactivated_in_the_admin(client):
    theme = ThemeFactory(name="Sobriété foncière")
    expert = UserFactory()
    Expertise.objects.create(user=expert, theme=theme)
    SavedSearchFactory(theme=theme)
    with pytest.raises(ProtectedError):
        Theme.objects.filter(pk=theme.pk).delete()
    client.force_login(UserFactory(admin=True))
    # No deletion in the admin: deactivation instead.
    assert client.get(reverse("admin:themes_theme_delete", args=[theme.pk])).status_code == 403
    response = client.post(
        reverse("admin:themes_theme_changelist"), {"action": "deactivate", "_selected_action": [theme.pk]}
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert not theme.is_active
    assert Expertise.objects.filter(theme=theme).count() == 1
    assert SavedSearch.objects.filter(theme=theme).count() == 1
