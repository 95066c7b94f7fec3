"""One moderation queue over every domain app's providers: counts, filters, bulk actions through
each app's services (with confirmation), and notifications that clear when an item is handled."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from apps.core import moderation
from apps.core.models import ModerationReview
from apps.directory.models import JoinRequest, Membership, OrganisationStatus
from apps.experiences.models import State as ExperienceState
from apps.groups.models import GroupMembership
from apps.notifications.models import Frequency, Kind, Notification
from apps.questions import services as question_services
from apps.questions.models import Report
from apps.questions.models import State as QState
from apps.resources.models import ResourceStatus
from tests.cockpit.conftest import ago
from tests.consultations.factories import (
    ActionFactory,
    ConsultationFactory,
    ContributionFactory,
    ObjectiveFactory,
)
from tests.directory.factories import JoinRequestFactory
from tests.experiences.factories import ExperienceFactory
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.groups.factories import GroupFactory, GroupMembershipFactory
from tests.questions.factories import AnswerFactory, ExpertiseFactory, QuestionFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db

QUEUE = "/animation/moderation/"
ACTION = "/animation/moderation/action/"


def act(client, kind, action, ids, *, reason=None, confirm=True):
    data = {"type": kind, "action": action, "ids": [str(pk) for pk in ids]}
    if confirm:
        data["confirm"] = "1"
    if reason is not None:
        data["reason"] = reason
    return client.post(ACTION, data)


def total(client) -> int:
    return client.get(QUEUE).context["total"]


# --------------------------------------------------------------------------- the registry


def test_every_domain_app_declares_its_providers_and_keys_are_unique():
    keys = [provider.key for provider in moderation.providers()]
    assert len(keys) == len(set(keys))
    assert {
        "adhesions",
        "rattachements",
        "questions",
        "reponses",
        "signalements",
        "sans-reponse",
        "suggestions",
        "a-revoir",
        "experiences",
        "commentaires",
        "groupes",
    } <= set(keys)


def test_no_domain_app_imports_the_cockpit_or_the_portal():
    """The cockpit and the portal consume the domain apps, never the other way round; core imports
    no domain app (its registries are filled by the apps)."""
    root = Path(__file__).resolve().parents[2] / "apps"
    offenders = []
    for path in root.rglob("*.py"):
        app = path.relative_to(root).parts[0]
        # Consumers (pyproject's import-linter contracts): they may import one another.
        if app in ("cockpit", "portal", "reports") or "migrations" in path.parts:
            continue
        # The demo loaders fill every app by design (`make run`); they are not the platform's spine.
        core_runtime = app == "core" and "management" not in path.parts
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.startswith(("apps.cockpit", "apps.portal")):
                    offenders.append(f"{path}: {name}")
                if core_runtime and name.startswith("apps.") and not name.startswith("apps.core"):
                    offenders.append(f"{path}: {name}")
    assert not offenders, offenders


def test_a_new_kind_plugs_in_by_declaring_a_provider(animator_client):
    class Everything(moderation.ModerationProvider):
        key = "essai"
        label = "Essai d'extension"
        position = 999

        def can_view(self, user):
            return True

        def queryset(self, user):
            return JoinRequest.objects.all()

        def item(self, obj, user):
            return moderation.ModerationItem(
                pk=obj.pk, title="Élément de la file d'essai", url="/", created_at=None
            )

    JoinRequestFactory()
    moderation.register(Everything())
    try:
        response = animator_client.get(QUEUE + "?type=essai")
        assert response.status_code == 200
        assert "Élément de la file d&#x27;essai" in response.text
    finally:
        moderation._PROVIDERS.pop("essai")


# --------------------------------------------------------------------------- access and page


@pytest.mark.parametrize("url", [QUEUE, QUEUE + "?type=adhesions"])
def test_queue_is_for_animators(client, url):
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    assert client.post(ACTION, {"type": "adhesions", "action": "accepter", "ids": ["1"]}).status_code == 403


def test_unknown_kind_is_a_404(animator_client):
    assert animator_client.get(QUEUE + "?type=inconnu").status_code == 404
    assert animator_client.post(ACTION, {"type": "inconnu", "action": "x", "ids": ["1"]}).status_code == 404


def test_queue_lists_every_kind_with_counts_and_filters(animator_client):
    JoinRequestFactory()
    JoinRequestFactory(membership=True)
    QuestionFactory(state=QState.PENDING, title="Une première question à valider")
    ResourceFactory(suggested=True, title="Guide proposé par un membre")
    ExperienceFactory(submitted=True)
    GroupMembershipFactory(pending=True)
    response = animator_client.get(QUEUE)
    counts = {provider.key: count for provider, count in response.context["summary"]}
    assert counts["adhesions"] == counts["rattachements"] == counts["questions"] == 1
    assert counts["suggestions"] == counts["experiences"] == counts["groupes"] == 1
    assert response.context["total"] == 6
    assert "Une première question à valider" in response.text
    filtered = animator_client.get(QUEUE + "?type=suggestions")
    assert "Guide proposé par un membre" in filtered.text
    assert "Une première question à valider" not in filtered.text


def test_queue_page_query_count_does_not_grow_with_items(animator_client, django_assert_max_num_queries):
    def load():
        with django_assert_max_num_queries(40) as queries:
            animator_client.get(QUEUE)
        return len(queries)

    JoinRequestFactory()
    QuestionFactory(state=QState.PENDING)
    load()
    before = load()
    for _ in range(4):
        JoinRequestFactory()
        QuestionFactory(state=QState.PENDING)
        AnswerFactory(state=QState.PENDING)
        ResourceFactory(suggested=True)
    assert load() <= before + 2  # at most the newly non-empty sections' first page


def test_header_count_for_animators_only_and_it_follows_the_queue(client):
    animator = UserFactory(animator=True)
    client.force_login(animator)
    assert "Modération</a>" in client.get("/").text
    join_request = JoinRequestFactory()
    # The join request's service would have said so; a factory does not: the cache is per minute.
    moderation.queue_changed()
    assert "Modération (1 en attente)" in client.get("/").text
    act(client, "adhesions", "accepter", [join_request.pk], reason="")
    assert "Modération (1 en attente)" not in client.get("/").text
    client.force_login(UserFactory())
    assert "Modération" not in client.get("/").text


# --------------------------------------------------------------------------- confirmation


def test_bulk_action_asks_for_confirmation_first_and_changes_nothing(animator_client):
    first, second = JoinRequestFactory(), JoinRequestFactory()
    response = act(animator_client, "adhesions", "refuser", [first.pk, second.pk], confirm=False)
    assert response.status_code == 200
    assert "Refuser : 2 éléments" in response.text
    assert first.organisation.name in response.text
    assert JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count() == 2


def test_single_item_button_only_acts_on_its_item(animator_client):
    first, second = JoinRequestFactory(), JoinRequestFactory()
    response = animator_client.post(
        ACTION, {"type": "adhesions", "single": f"accepter:{first.pk}", "ids": [first.pk, second.pk]}
    )
    assert [item.pk for item in response.context["items"]] == [first.pk]


def test_a_required_reason_is_asked_in_french(animator_client):
    resource = ResourceFactory(suggested=True)
    response = act(animator_client, "suggestions", "refuser", [resource.pk], reason="")
    assert response.status_code == 200
    assert "Ce motif est obligatoire pour cette action." in response.text
    resource.refresh_from_db()
    assert resource.status == ResourceStatus.SUGGESTED


def test_nothing_checked_is_a_french_message(animator_client):
    response = animator_client.post(ACTION, {"type": "adhesions", "action": "accepter"}, follow=True)
    assert "Cochez au moins un élément de la file." in response.text


def test_items_handled_meanwhile_are_skipped_and_said_so(animator_client, animator):
    join_request = JoinRequestFactory()
    from apps.directory import services

    services.join_request_refuse(join_request=join_request, decided_by=animator)
    response = act(animator_client, "adhesions", "accepter", [join_request.pk], reason="", confirm=False)
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("déjà été traités" in m for m in messages)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.REFUSED


# --------------------------------------------------------------------------- each provider, through the services


def test_join_requests_are_decided_through_the_directory_services(
    animator_client, mailoutbox, django_capture_on_commit_callbacks
):
    organisation_request = JoinRequestFactory()
    membership_request = JoinRequestFactory(membership=True)
    with django_capture_on_commit_callbacks(execute=True):
        act(animator_client, "adhesions", "accepter", [organisation_request.pk], reason="Bienvenue !")
        act(animator_client, "rattachements", "refuser", [membership_request.pk], reason="")
    organisation_request.refresh_from_db()
    membership_request.refresh_from_db()
    assert organisation_request.status == JoinRequest.Status.APPROVED
    assert organisation_request.organisation.status == OrganisationStatus.ACTIVE
    assert organisation_request.decision_message == "Bienvenue !"
    assert membership_request.status == JoinRequest.Status.REFUSED
    # The directory's service told both requesters.
    assert {m.to[0] for m in mailoutbox} >= {
        organisation_request.requested_by.email,
        membership_request.requested_by.email,
    }
    assert total(animator_client) == 0


def test_held_posts_are_published_or_hidden_through_the_questions_services(animator_client):
    question = QuestionFactory(state=QState.PENDING)
    answer = AnswerFactory(state=QState.PENDING)
    act(animator_client, "questions", "publier", [question.pk])
    act(animator_client, "reponses", "masquer", [answer.pk], reason="Hors sujet")
    question.refresh_from_db()
    answer.refresh_from_db()
    assert question.state == QState.PUBLISHED
    assert answer.state == QState.HIDDEN and answer.hidden_reason == "Hors sujet"


def test_reports_are_closed_or_their_content_hidden(animator_client):
    reporter = UserFactory()
    question = QuestionFactory()
    answer = AnswerFactory(question=question)
    closed = question_services.question_report(question=question, reporter=reporter, reason="Doublon ?")
    hidden = question_services.question_report(
        question=question, answer=answer, reporter=reporter, reason="Propos injurieux"
    )
    act(animator_client, "signalements", "classer", [closed.pk])
    act(animator_client, "signalements", "masquer", [hidden.pk], reason="Propos injurieux")
    closed.refresh_from_db()
    hidden.refresh_from_db()
    answer.refresh_from_db()
    question.refresh_from_db()
    assert closed.status == hidden.status == Report.Status.CLOSED
    assert answer.state == QState.HIDDEN
    assert question.state == QState.PUBLISHED


def test_unanswered_questions_are_sent_to_other_experts_or_refused_when_none_left(animator_client):
    from apps.themes.models import Theme

    theme = Theme.objects.create(name="Mobilité rurale")
    question = QuestionFactory(themes=[theme])
    question.escalated_to_animators_at = ago(1)
    question.routing_round = 2
    question.save()
    response = act(animator_client, "sans-reponse", "relancer", [question.pk])
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("aucun·e autre expert·e disponible" in m for m in messages)
    question.refresh_from_db()
    assert question.routing_round == 2 and question.escalated_to_animators_at is not None
    expert = ExpertiseFactory(theme=theme).user
    act(animator_client, "sans-reponse", "relancer", [question.pk])
    question.refresh_from_db()
    assert question.routing_round == 3 and question.escalated_to_animators_at is None
    assert question.solicitations.filter(expert=expert).exists()


def test_suggestions_and_stale_resources(animator_client):
    suggestion = ResourceFactory(suggested=True)
    stale = ResourceFactory(stale=True)
    act(
        animator_client, "suggestions", "refuser", [suggestion.pk], reason="Déjà dans le centre de ressources"
    )
    act(animator_client, "a-revoir", "a-jour", [stale.pk])
    suggestion.refresh_from_db()
    stale.refresh_from_db()
    assert suggestion.status == ResourceStatus.REFUSED
    assert suggestion.refusal_reason == "Déjà dans le centre de ressources"
    assert stale.freshness() == "fresh"


def test_experiences_are_reviewed_sent_back_or_published(animator_client):
    reviewed = ExperienceFactory(submitted=True)
    sent_back = ExperienceFactory(submitted=True)
    published = ExperienceFactory(reviewed=True)
    act(animator_client, "experiences", "relu", [reviewed.pk], reason="Très clair.")
    act(animator_client, "experiences", "renvoyer", [sent_back.pk], reason="Précisez le budget.")
    # "Relu" does not apply to an already reviewed text: it is skipped, not applied.
    response = act(animator_client, "experiences", "relu", [published.pk], confirm=False)
    assert response.status_code == 302
    act(animator_client, "experiences", "publier", [published.pk, reviewed.pk])
    for experience in (reviewed, sent_back, published):
        experience.refresh_from_db()
    assert sent_back.state == ExperienceState.DRAFT and sent_back.review_comment == "Précisez le budget."
    assert reviewed.state == published.state == ExperienceState.PUBLISHED


def test_group_requests_are_decided_through_the_groups_services(animator_client):
    accepted = GroupMembershipFactory(pending=True)
    refused = GroupMembershipFactory(pending=True)
    act(animator_client, "groupes", "accepter", [accepted.pk])
    act(animator_client, "groupes", "refuser", [refused.pk])
    accepted.refresh_from_db()
    refused.refresh_from_db()
    assert accepted.status == GroupMembership.Status.ACTIVE
    assert refused.status == GroupMembership.Status.REFUSED


def test_consultation_comments_are_looked_at_or_hidden(animator_client, animator):
    from apps.consultations.models import ContributionComment

    contribution = ContributionFactory()
    seen = ContributionComment.objects.create(
        contribution=contribution, author=UserFactory(), body="D'accord."
    )
    hidden = ContributionComment.objects.create(
        contribution=contribution, author=UserFactory(), body="Publicité"
    )
    act(animator_client, "commentaires", "vu", [seen.pk])
    act(animator_client, "commentaires", "masquer", [hidden.pk])
    hidden.refresh_from_db()
    assert hidden.is_hidden
    assert ModerationReview.objects.filter(object_id__in=[seen.pk, hidden.pk]).count() == 2
    assert total(animator_client) == 0


def test_group_consultation_comments_stay_out_of_other_animators_sight(animator_client, animator):
    from apps.consultations.models import Audience, ContributionComment

    group = GroupFactory()
    consultation = ConsultationFactory(
        audience=Audience.GROUP, group=group, created_by=UserFactory(animator=True)
    )
    action = ActionFactory(objective=ObjectiveFactory(consultation=consultation))
    ContributionComment.objects.create(
        contribution=ContributionFactory(action=action), author=UserFactory(), body="Entre nous."
    )
    assert total(animator_client) == 0
    GroupMembershipFactory(group=group, user=animator)
    moderation.queue_changed()
    assert total(animator_client) == 1


# --------------------------------------------------------------------------- notifications clear when handled


def test_notifications_clear_when_the_queue_is_emptied_whoever_handles_it(client):
    first, second = UserFactory(animator=True), UserFactory(animator=True)
    question = question_services.question_create(
        author=UserFactory(), title="Première question", body="Texte"
    )
    assert question.state == QState.PENDING
    assert Notification.objects.filter(kind=Kind.MODERATION, read_at__isnull=True).count() == 2
    client.force_login(first)
    act(client, "questions", "publier", [question.pk])
    # Both animators' notifications are read, and none will be emailed in tomorrow's digest.
    assert not Notification.objects.filter(kind=Kind.MODERATION, read_at__isnull=True).exists()
    assert not Notification.objects.filter(kind=Kind.MODERATION).exclude(frequency=Frequency.NONE).exists()
    client.force_login(second)
    assert "Notifications (" not in client.get("/").text


def test_handling_from_an_app_s_own_page_clears_the_notifications_too(client):
    animator = UserFactory(animator=True)
    question = question_services.question_create(author=UserFactory(), title="Question retenue", body="Texte")
    client.force_login(animator)
    client.post(reverse("questions:moderate", kwargs={"pk": question.pk}), {"action": "valider"})
    assert not Notification.objects.filter(recipient=animator, read_at__isnull=True).exists()


def test_join_requests_notify_in_app_and_clear_once_decided(client):
    from apps.directory import services

    animator = UserFactory(animator=True)
    requester = UserFactory()
    territory = OrganisationFactory().territory
    join_request = services.organisation_join_request_create(
        user=requester,
        name="Syndicat mixte du bassin",
        type="syndicate",
        territory=territory,
        motivation="Rejoindre",
    )
    assert Notification.objects.filter(
        recipient=animator, kind=Kind.MODERATION, read_at__isnull=True
    ).exists()
    client.force_login(animator)
    act(client, "adhesions", "accepter", [join_request.pk], reason="")
    assert not Notification.objects.filter(recipient=animator, read_at__isnull=True).exists()


def test_referents_get_membership_requests_in_app_and_they_clear_when_decided(client):
    from apps.directory import services

    organisation = OrganisationFactory()
    referent = PersonFactory(with_user=True, organisation=organisation, organisation__referent=True)
    Membership.objects.filter(person=referent).update(is_referent=True)
    requester = UserFactory()
    join_request = services.membership_request_create(user=requester, organisation=organisation)
    notification = Notification.objects.get(recipient=referent.user, kind=Kind.REQUEST)
    assert notification.read_at is None and requester.get_full_name() in notification.title
    # In-app only by default: the référent already gets the directory's own email.
    assert notification.frequency == Frequency.NONE
    client.force_login(referent.user)
    assert "Notifications (1 non lue)" in client.get("/").text
    services.join_request_approve(join_request=join_request, decided_by=referent.user)
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_suggestions_and_experiences_notify_animators_and_clear(client):
    from apps.experiences import services as experience_services

    animator = UserFactory(animator=True)
    author = UserFactory()
    experience = ExperienceFactory(draft=True, author=author)
    experience_services.experience_submit(experience=experience, by=author)
    assert (
        Notification.objects.filter(recipient=animator, kind=Kind.MODERATION, read_at__isnull=True).count()
        == 1
    )
    client.force_login(animator)
    act(client, "experiences", "publier", [experience.pk])
    assert not Notification.objects.filter(recipient=animator, read_at__isnull=True).exists()


def test_group_request_notification_clears_when_a_network_animator_decides(client):
    from apps.groups import services as group_services

    group = GroupFactory()
    group_animator = GroupMembershipFactory(group=group, animator=True).user
    membership = group_services.group_request(group=group, user=UserFactory(), motivation="Je suis élue")
    assert Notification.objects.filter(recipient=group_animator, read_at__isnull=True).count() == 1
    client.force_login(UserFactory(animator=True))
    act(client, "groupes", "accepter", [membership.pk])
    assert not Notification.objects.filter(recipient=group_animator, read_at__isnull=True).exists()


def test_header_total_is_one_query_and_equals_the_sum_of_the_kinds(animator, django_assert_num_queries):
    from apps.cockpit.queue import counts, queue_total

    JoinRequestFactory()
    JoinRequestFactory(membership=True)
    QuestionFactory(state=QState.PENDING)
    ResourceFactory(stale=True)
    GroupMembershipFactory(pending=True)
    ContributionComment = ContributionFactory().comments.model
    ContributionComment.objects.create(
        contribution=ContributionFactory(), author=UserFactory(), body="Bien vu."
    )
    expected = sum(count for _, count in counts(animator))
    assert expected == 6
    with django_assert_num_queries(1):
        assert queue_total(animator) == expected


def test_bad_ids_are_refused_in_french_not_a_500(animator_client):
    JoinRequestFactory()
    response = animator_client.post(
        ACTION, {"type": "adhesions", "action": "accepter", "ids": ["99999999999999999999999"]}, follow=True
    )
    assert response.status_code == 200
    assert (
        "Un des éléments cochés n&#x27;est pas valide." in response.text or "Cochez au moins" in response.text
    )
