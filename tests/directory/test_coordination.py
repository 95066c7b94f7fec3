"""Coordinator tasks of the directory: add an organisation, correct a person's card, merge two
duplicates (every related row counted before and after), with the permission matrix."""

import pytest
from django.urls import reverse

from apps.directory import merge
from apps.directory.models import (
    Engagement,
    EngagementKind,
    EngagementStage,
    Invitation,
    Membership,
    Organisation,
    OrganisationStatus,
)
from tests.consultations.factories import ContributionFactory
from tests.directory.factories import EngagementFactory, InvitationFactory, JoinRequestFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.experiences.factories import ExperienceFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, ThemeFactory, UserFactory
from tests.programmes.factories import EnrolmentFactory, SupportFileFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "referent", "other_member", "animator", "admin"]
ANIMATION = {"animator", "admin"}


def _status(client, as_role, role, url, method="get", data=None):
    as_role(role)
    response = getattr(client, method)(url, data or {})
    return response.status_code


# --- permission matrix ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_organisation_create_is_for_the_animation_team(client, as_role, role):
    status = _status(client, as_role, role, reverse("directory:organisation_create"))
    if role == "anonymous":
        assert status == 302
    else:
        assert status == (200 if role in ANIMATION else 403)


@pytest.mark.parametrize("role", ROLES)
def test_person_edit_is_for_the_animation_team(client, as_role, roles, role):
    person = roles["member"].person
    status = _status(client, as_role, role, reverse("directory:person_edit", kwargs={"slug": person.slug}))
    if role == "anonymous":
        assert status == 302
    else:
        assert status == (200 if role in ANIMATION else 403)


@pytest.mark.parametrize("role", ROLES)
def test_merge_pages_are_for_the_animation_team(client, as_role, org, role):
    other = OrganisationFactory(name="Communauté de communes du Val (doublon)")
    for url in [
        reverse("directory:organisation_merge_search", kwargs={"slug": other.slug}) + "?q=val",
        reverse("directory:organisation_merge", kwargs={"slug": other.slug, "target_slug": org.slug}),
    ]:
        status = _status(client, as_role, role, url)
        if role == "anonymous":
            assert status == 302
        else:
            assert status == (200 if role in ANIMATION else 403)
    # A refused POST writes nothing.
    if role not in ANIMATION:
        _status(client, as_role, role, url, method="post", data={"confirm": "on"})
        assert Organisation.objects.filter(pk=other.pk).exists()


# --- organisation creation and person card ---------------------------------------------------------


def test_animator_creates_an_active_organisation(client):
    client.force_login(UserFactory(animator=True))
    theme = ThemeFactory()
    commune = OrganisationFactory().territory
    response = client.post(
        reverse("directory:organisation_create"),
        {
            "name": "Syndicat d'énergie du Gard",
            "type": "syndicate",
            "territory": commune.code,
            "siren": "",
            "themes": [theme.pk],
            "engagements-TOTAL_FORMS": "1",
            "engagements-INITIAL_FORMS": "0",
            "engagements-0-kind": "pcaet",
            "engagements-0-stage": "adopted",
        },
    )
    organisation = Organisation.objects.get(name="Syndicat d'énergie du Gard")
    assert response.status_code == 302
    assert response.url == organisation.get_absolute_url()
    assert organisation.status == OrganisationStatus.ACTIVE
    assert list(organisation.themes.all()) == [theme]
    assert organisation.engagements.get().kind == EngagementKind.PCAET


def test_organisation_create_reports_errors_in_french(client):
    client.force_login(UserFactory(animator=True))
    response = client.post(
        reverse("directory:organisation_create"),
        {"name": "", "type": "", "engagements-TOTAL_FORMS": "0", "engagements-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200
    assert "Indiquez le nom de l&#x27;organisation." in response.content.decode()
    assert not Organisation.objects.exists()


def test_animator_edits_a_card_without_touching_consent(client):
    person = PersonFactory(hidden=True, contact_visibility="hidden")
    client.force_login(UserFactory(animator=True))
    response = client.post(
        reverse("directory:person_edit", kwargs={"slug": person.slug}),
        {
            "first_name": "Aïcha",
            "last_name": "Benali",
            "category": "elected",
            "function": "Maire adjointe",
            "email": "Aicha@Exemple.test",
            "phone": "01 23 45 67 89",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.first_name, person.category, person.email) == ("Aïcha", "elected", "aicha@exemple.test")
    assert person.directory_consent is False
    assert person.contact_visibility == "hidden"


def test_person_edit_refuses_a_bad_phone(client):
    person = PersonFactory()
    client.force_login(UserFactory(animator=True))
    response = client.post(
        reverse("directory:person_edit", kwargs={"slug": person.slug}),
        {"first_name": "A", "last_name": "B", "category": "elected", "phone": "abc"},
    )
    assert response.status_code == 200
    assert "numéro de téléphone n&#x27;est pas valide" in response.content.decode()


def test_erased_card_cannot_be_edited(client):
    person = PersonFactory(is_removed=True)
    client.force_login(UserFactory(animator=True))
    assert client.get(reverse("directory:person_edit", kwargs={"slug": person.slug})).status_code == 403


# --- merge -------------------------------------------------------------------------------------------


def _related_rows(organisations) -> dict[str, int]:
    """Every row of every relation to Organisation pointing at one of `organisations`, counted
    independently of merge.py (through Django's own relation metadata)."""
    counts = {}
    for rel in Organisation._meta.related_objects:
        if rel.many_to_many:
            through = rel.field.remote_field.through
            column = rel.field.m2m_reverse_field_name()
            counts[through._meta.label] = through.objects.filter(**{f"{column}__in": organisations}).count()
        else:
            counts[f"{rel.related_model._meta.label}.{rel.field.name}"] = rel.related_model.objects.filter(
                **{f"{rel.field.name}__in": organisations}
            ).count()
    return counts


@pytest.fixture
def duplicates():
    theme_a, theme_b = ThemeFactory(), ThemeFactory()
    target = OrganisationFactory(name="Communauté de communes du Val", themes=[theme_a], siren="")
    source = OrganisationFactory(
        name="CC du Val", themes=[theme_b], siren="200067106", website="https://val.exemple.test"
    )
    shared_person = PersonFactory(with_user=True)
    MembershipFactory(person=shared_person, organisation=target)
    MembershipFactory(person=shared_person, organisation=source, referent=True, function="DGS")
    for _ in range(3):
        MembershipFactory(person=PersonFactory(with_user=True), organisation=source)
    member_user = source.memberships.exclude(person=shared_person).first().person.user
    RegistrationFactory(user=member_user)
    EngagementFactory(organisation=source, kind=EngagementKind.PAT, stage=EngagementStage.DRAFTING)
    EngagementFactory(
        organisation=source, kind=EngagementKind.PCAET, stage=EngagementStage.ADOPTED, year=2022
    )
    EngagementFactory(
        organisation=target, kind=EngagementKind.PCAET, stage=EngagementStage.ADOPTED, year=None
    )
    InvitationFactory(organisation=source, email="a@exemple.test")
    InvitationFactory(organisation=target, email="a@exemple.test")
    InvitationFactory(organisation=source, email="b@exemple.test")
    JoinRequestFactory(organisation=source, membership=True)
    both = EventFactory(organisers=[source, target])
    EventFactory(organisers=[source])
    ExperienceFactory(organisations=[source])
    ResourceFactory(publisher=source)
    ContributionFactory(organisation=source)
    enrolment = EnrolmentFactory(organisation=source)
    SupportFileFactory(enrolment=enrolment)
    EnrolmentFactory(organisation=target, programme=enrolment.programme)
    return {"source": source, "target": target, "shared_person": shared_person, "both": both}


def test_merge_preview_writes_nothing_and_says_what_moves(duplicates):
    source, target = duplicates["source"], duplicates["target"]
    before = _related_rows([source, target])
    preview = merge.organisation_merge_preview(source=source, target=target)
    assert _related_rows([source, target]) == before
    by_label = {move.label: move for move in preview.relations}
    memberships = next(m for label, m in by_label.items() if label.startswith("rattachements"))
    assert (memberships.moved, memberships.combined) == (3, 1)
    assert preview.notes == ["1 inscription à un événement suit les personnes rattachées."]
    assert preview.blocked == []
    assert "SIREN" in preview.filled


def test_merge_moves_every_row_and_loses_nothing(duplicates):
    source, target = duplicates["source"], duplicates["target"]
    before = _related_rows([source, target])
    preview = merge.organisation_merge(source=source, target=target)
    after = _related_rows([target])
    combined = sum(move.combined for move in preview.relations)
    # Every row that pointed at either organisation now points at the one that stays, except the
    # duplicates folded into the target's own row (one membership, one PCAET, one invitation,
    # one enrolment, one event organiser link).
    assert combined == 5
    assert sum(after.values()) == sum(before.values()) - combined
    for key, count in before.items():
        assert after[key] <= count
    assert not Organisation.objects.filter(pk=source.pk).exists()
    target.refresh_from_db()
    assert target.siren == "200067106" and target.website == "https://val.exemple.test"
    assert target.themes.count() == 2
    shared = Membership.objects.get(person=duplicates["shared_person"], organisation=target)
    assert shared.is_referent and shared.function == "DGS"
    assert target.memberships.count() == 4
    pcaet = Engagement.objects.get(organisation=target, kind=EngagementKind.PCAET)
    assert pcaet.year == 2022
    assert Invitation.objects.filter(organisation=target).count() == 2
    assert list(duplicates["both"].organisers.all()) == [target]
    enrolment = target.enrolments.get()
    assert enrolment.support.budget_days == 8


def test_merge_is_refused_when_both_answered_the_same_questionnaire(duplicates):
    from apps.arbitrages.models import ArbitrageResponse
    from tests.arbitrages.factories import QuestionnaireFactory

    source, target = duplicates["source"], duplicates["target"]
    questionnaire = QuestionnaireFactory(delegations=[source, target])
    ArbitrageResponse.objects.create(questionnaire=questionnaire, delegation=source)
    ArbitrageResponse.objects.create(questionnaire=questionnaire, delegation=target)
    before = _related_rows([source, target])
    with pytest.raises(merge.MergeBlocked, match="questionnaire"):
        merge.organisation_merge(source=source, target=target)
    assert _related_rows([source, target]) == before
    assert Organisation.objects.filter(pk=source.pk).exists()


def test_merge_of_organisations_that_answered_an_evaluation(client, duplicates):
    """An evaluation answered once per organisation: the preview used to crash (500) on its unique
    constraint; one answer moves, two answers to the same survey block the merge."""
    from apps.evaluations.models import EvaluationResponse
    from tests.evaluations.factories import SurveyFactory

    source, target = duplicates["source"], duplicates["target"]
    moved = EvaluationResponse.objects.create(survey=SurveyFactory(), organisation=source)
    client.force_login(UserFactory(animator=True))
    url = reverse("directory:organisation_merge", kwargs={"slug": source.slug, "target_slug": target.slug})
    assert client.get(url).status_code == 200
    survey = SurveyFactory(title="Bilan des ateliers")
    EvaluationResponse.objects.create(survey=survey, organisation=source)
    EvaluationResponse.objects.create(survey=survey, organisation=target)
    assert "Bilan des ateliers" in client.get(url).content.decode()
    with pytest.raises(merge.MergeBlocked, match="Bilan des ateliers"):
        merge.organisation_merge(source=source, target=target)
    EvaluationResponse.objects.filter(survey=survey, organisation=source).delete()
    merge.organisation_merge(source=source, target=target)
    moved.refresh_from_db()
    assert moved.organisation == target


def test_merge_refuses_conflicting_engagements(duplicates):
    source, target = duplicates["source"], duplicates["target"]
    Engagement.objects.filter(organisation=target, kind=EngagementKind.PCAET).update(
        stage=EngagementStage.PLANNED
    )
    preview = merge.organisation_merge_preview(source=source, target=target)
    assert any("PCAET" in reason for reason in preview.blocked)


def test_every_unique_relation_to_organisations_has_a_merge_rule():
    """An app adding a unique constraint on an organisation foreign key must say how to merge."""
    for model, field_name, _label, is_m2m in merge._relations():
        if merge._unique_keys(model, field_name):
            merge._rule(model, is_m2m)


def test_merge_view_needs_the_checkbox_then_merges(client, duplicates):
    source, target = duplicates["source"], duplicates["target"]
    client.force_login(UserFactory(animator=True))
    url = reverse("directory:organisation_merge", kwargs={"slug": source.slug, "target_slug": target.slug})
    page = client.get(url)
    assert "Ce qui sera déplacé" in page.content.decode()
    client.post(url, {})
    assert Organisation.objects.filter(pk=source.pk).exists()
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302 and response.url == target.get_absolute_url()
    assert not Organisation.objects.filter(pk=source.pk).exists()


def test_merge_search_finds_by_name_and_siren(client, duplicates):
    source, target = duplicates["source"], duplicates["target"]
    target.siren = "200071876"
    target.save()
    client.force_login(UserFactory(animator=True))
    url = reverse("directory:organisation_merge_search", kwargs={"slug": source.slug})
    assert target.name in client.get(url, {"q": "communaute de COMMUNES"}).content.decode()
    assert target.name in client.get(url, {"q": "200071"}).content.decode()
    assert "Aucune autre fiche" in client.get(url, {"q": "zzz"}).content.decode()


def test_a_pending_adhesion_of_the_duplicate_is_closed_when_merged_into_a_member(duplicates):
    from apps.directory.models import JoinRequest

    source, target = duplicates["source"], duplicates["target"]
    Organisation.objects.filter(pk=source.pk).update(status=OrganisationStatus.PENDING)
    source.refresh_from_db()
    adhesion = JoinRequestFactory(organisation=source)
    animator = UserFactory(animator=True)
    merge.organisation_merge(source=source, target=target, merged_by=animator)
    adhesion.refresh_from_db()
    assert adhesion.organisation == target
    assert adhesion.status == JoinRequest.Status.APPROVED and adhesion.decided_by == animator
    target.refresh_from_db()
    assert target.status == OrganisationStatus.ACTIVE
