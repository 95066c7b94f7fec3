"""The world of the permission matrix (tests/security/test_matrix.py): one private group with
content of every kind, the network's own content, and one person per role."""

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.events import services as event_services
from apps.events.models import Audience
from apps.groups import services as group_services
from apps.groups.models import Access
from apps.notifications.models import Kind, Notification
from apps.questions import services as question_services
from tests.aids.factories import AidFactory, SavedSearchFactory
from tests.arbitrages.factories import ArbitrageQuestionFactory, QuestionnaireFactory
from tests.consultations.factories import (
    ActionFactory,
    ConsultationFactory,
    ContributionFactory,
)
from tests.events.factories import EventFactory
from tests.experiences.factories import ExperienceFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, ThemeFactory, UserFactory
from tests.groups.factories import GroupFactory, GroupMembershipFactory
from tests.programmes.factories import EnrolmentFactory, PhaseFactory
from tests.resources.factories import CollectionFactory, ResourceFactory
from tests.territories.factories import ProjectTerritoryFactory

ROLES = ["anonymous", "member", "other_group", "former", "outside_animator", "group_member"]
SECRET = "Zorglub"


def _member(**kwargs):
    user = UserFactory(**kwargs)
    person = PersonFactory(user=user, email=user.email)
    MembershipFactory(person=person, organisation=OrganisationFactory())
    return user


def build(settings) -> dict:
    settings.MAILLAGE_QUESTIONS = {"HOLD_FIRST_POSTS": False}
    theme = ThemeFactory(name="Énergie")
    staff = _member(animator=True)  # the network animation: creates the network's content
    users = {
        "anonymous": None,
        "member": _member(),
        "other_group": _member(),
        "former": _member(),
        "outside_animator": _member(animator=True),
        "group_member": _member(),
    }
    group = GroupFactory(access=Access.CLOSED, name=f"Groupe {SECRET}")
    group_animator = _member()
    GroupMembershipFactory(group=group, user=group_animator, animator=True)
    GroupMembershipFactory(group=group, user=users["group_member"])
    GroupMembershipFactory(group=group, user=users["former"])
    other = GroupFactory(access=Access.CLOSED)
    GroupMembershipFactory(group=other, user=users["other_group"])

    g_event = EventFactory(
        title=f"{SECRET} réunion", audience=Audience.GROUP, audience_group=group, capacity=5
    )
    g_event.created_by = group_animator
    g_event.save()
    event_services.registration_create(event=g_event, user=users["former"])
    g_registration = event_services.registration_create(event=g_event, user=users["group_member"])
    g_discussion = group_services.discussion_create(
        group=group, author=group_animator, subject=f"{SECRET} sujet", body="Message privé."
    )
    g_question = question_services.question_create(
        author=group_animator,
        title=f"{SECRET} question",
        body="Texte privé.",
        themes=[theme],
        group=group,
        files=[SimpleUploadedFile("note.txt", b"secret", content_type="text/plain")],
    )
    g_answer = question_services.answer_create(
        question=g_question, author=group_animator, body=f"{SECRET} réponse"
    )
    g_document = group_services.document_upload(
        group=group,
        by=group_animator,
        title=f"{SECRET} document",
        upload=SimpleUploadedFile("a.txt", b"hello"),
    )
    g_consultation = ConsultationFactory(
        title=f"{SECRET} consultation", audience="group", group=group, created_by=staff
    )
    g_action = ActionFactory(objective__consultation=g_consultation)
    g_contribution = ContributionFactory(action=g_action, author_user=group_animator)
    # The former member leaves now: group_leave is what the site does.
    group_services.group_leave(group=group, user=users["former"])

    organisation = OrganisationFactory(name="Commune de Matrice")
    referent = _member()
    MembershipFactory(person=referent.person, organisation=organisation, referent=True)
    event = EventFactory(title="Webinaire ouvert", capacity=10)
    questionnaire = QuestionnaireFactory(delegations=[organisation], created_by=staff)
    ArbitrageQuestionFactory(questionnaire=questionnaire)
    enrolment = EnrolmentFactory(organisation=organisation)
    from apps.workshops.models import WorkshopInitiative, WorkshopParticipant
    from tests.workshops.factories import (
        WorkshopAtelierFactory,
        WorkshopProposalFactory,
        WorkshopQuestionFactory,
        WorkshopTableFactory,
    )

    atelier = WorkshopAtelierFactory(day__created_by=staff)
    question = question_services.question_create(
        author=referent, title="Question du réseau ?", body="Texte.", themes=[theme], group=None, files=[]
    )
    answer = question_services.answer_create(question=question, author=staff, body="Réponse.")
    notification = Notification.objects.create(
        recipient=staff,
        kind=Kind.ANSWER,
        content_type=ContentType.objects.get_for_model(answer),
        object_id=answer.pk,
        event="x",
        title="t",
        url="/",
    )
    from apps.polls.models import Poll

    poll = Poll.objects.create(title="Sondage", slug="sondage-matrice", created_by=staff)
    from apps.rotations.models import RotationPlan

    plan = RotationPlan.objects.create(event=event, title="Speed dating", tables=2, seats=4, rounds=2)
    g_plan = RotationPlan.objects.create(event=g_event, title=f"{SECRET} tables", tables=2, seats=4, rounds=2)
    from apps.mentoring.models import Mentorship

    mentorship = Mentorship.objects.create(mentee=referent, mentor=staff, theme=theme, goal="Apprendre")
    return {
        **_mailing_and_more(
            staff=staff, group_animator=group_animator, g_event=g_event, theme=theme, group=group
        ),
        "users": users,
        "staff": staff,
        "theme": theme,
        "group": group,
        "g_event": g_event,
        "g_question": g_question,
        "g_answer": g_answer,
        "g_document": g_document,
        "g_consultation": g_consultation,
        "g_action": g_action,
        "g_contribution": g_contribution,
        "g_plan": g_plan,
        "g_registration": g_registration,
        "g_discussion": g_discussion,
        "organisation2": OrganisationFactory(name="Commune de Doublon"),
        "phase": PhaseFactory(programme=enrolment.programme),
        "organisation": organisation,
        "referent": referent,
        "person": referent.person,
        "event": event,
        "plan": plan,
        "questionnaire": questionnaire,
        "enrolment": enrolment,
        "workshop_day": atelier.day,
        "atelier": atelier,
        "wquestion": WorkshopQuestionFactory(atelier=atelier),
        "wtable": WorkshopTableFactory(atelier=atelier),
        "wproposal": WorkshopProposalFactory(atelier=atelier),
        "winitiative": WorkshopInitiative.objects.create(atelier=atelier, title="Initiative"),
        "wparticipant": WorkshopParticipant.objects.create(day=atelier.day, name="Présente", category="elu"),
        "consultation": ConsultationFactory(created_by=staff),
        "question": question,
        "answer": answer,
        "notification": notification,
        "poll": poll,
        "mentorship": mentorship,
        "experience": ExperienceFactory(author=referent),
        "resource": ResourceFactory(owner=staff),
        "collection": CollectionFactory(created_by=staff),
        "aid": AidFactory(),
        "saved_search": SavedSearchFactory(user=staff),
        "project": ProjectTerritoryFactory(created_by=staff),
    }


def _mailing_and_more(*, staff, group_animator, g_event, theme, group) -> dict:
    """Objects of the apps merged on 5 December 2026: the letter, messages, announcements, follows,
    evaluations, annual reports, an event's follow-up."""
    import datetime

    from django.utils import timezone

    from apps.evaluations.models import EvaluationQuestion
    from apps.events.models import FollowupItem
    from apps.mailing.models import (
        Announcement,
        Edition,
        EditionStatus,
        FollowKind,
        Kind,
        Message,
        SubjectFollow,
    )
    from apps.reports.models import AnnualReport
    from tests.evaluations.factories import SurveyFactory

    now = timezone.now()
    draft = Edition.objects.create(
        title="Lettre en préparation", slug="lettre-en-preparation", period_start=now, period_end=now,
        created_by=staff,
    )  # fmt: skip
    sent = Edition.objects.create(
        title="Lettre réservée aux membres", slug="lettre-reservee", period_start=now, period_end=now,
        is_public=False, status=EditionStatus.SENT, sent_at=now, created_by=staff,
    )  # fmt: skip
    # A message the group's animator wrote to the private event's registrants.
    g_message = Message.objects.create(
        kind=Kind.EVENT, subject=f"{SECRET} message", text="Texte privé.", created_by=group_animator,
        source_label=f"Événement : {g_event.title}", source_url=g_event.get_absolute_url(), group=group,
    )  # fmt: skip
    survey = SurveyFactory(title="Évaluation de la matrice", created_by=staff)
    g_followup = FollowupItem.objects.create(
        event=g_event, kind=FollowupItem.Kind.LINK, title=f"{SECRET} diaporama", url="https://exemple.test/d",
        created_by=group_animator,
    )  # fmt: skip
    today = timezone.localdate()
    return {
        "edition_draft": draft,
        "edition_sent": sent,
        "g_message": g_message,
        "announcement": Announcement.objects.create(title="Annonce", starts_at=now, created_by=staff),
        "staff_follow": SubjectFollow.objects.create(user=staff, kind=FollowKind.THEME, object_id=theme.pk),
        "survey": survey,
        "survey_question": EvaluationQuestion.objects.create(
            survey=survey, kind="scale", label="Note", position=1
        ),
        "g_followup": g_followup,
        "report": AnnualReport.objects.create(
            start=today - datetime.timedelta(days=365),
            end=today,
            title="Bilan de la matrice",
            created_by=staff,
        ),
    }
