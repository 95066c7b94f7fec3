import datetime

import factory
from django.utils import timezone

from apps.directory.models import OrganisationType, PersonCategory
from apps.evaluations.models import EvaluationQuestion, QuestionKind, Survey, SurveyStatus
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Évaluation annuelle {n}")
    status = SurveyStatus.PUBLISHED
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=5))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=20))
    is_anonymous = True

    class Params:
        draft = factory.Trait(status=SurveyStatus.DRAFT)
        closed = factory.Trait(
            opens_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=40)),
            closes_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1)),
        )
        named = factory.Trait(is_anonymous=False)


class EvaluationQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationQuestion

    survey = factory.SubFactory(SurveyFactory)
    kind = QuestionKind.SCALE
    label = factory.Sequence(lambda n: f"Question {n}")
    position = factory.Sequence(lambda n: n)

    class Params:
        nps = factory.Trait(kind=QuestionKind.NPS, label="Recommanderiez-vous le réseau ?")
        text = factory.Trait(kind=QuestionKind.TEXT, label="Que faudrait-il changer ?")
        single = factory.Trait(kind=QuestionKind.SINGLE, choices=["Oui", "Non"])
        multiple = factory.Trait(kind=QuestionKind.MULTIPLE, choices=["Webinaires", "Visites", "Formations"])


def member(
    *, category=PersonCategory.STAFF, organisation=None, org_type=OrganisationType.MUNICIPALITY, **user
):
    """An account attached to an active organisation: a member of the network."""
    account = UserFactory(**user)
    organisation = organisation or OrganisationFactory(type=org_type)
    MembershipFactory(person=PersonFactory(user=account, category=category), organisation=organisation)
    return account
