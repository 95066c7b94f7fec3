import datetime

import factory
from django.utils import timezone

from apps.consultations.models import Action, Consultation, Contribution, Objective
from tests.factories import OrganisationFactory


def today():
    return timezone.localdate()


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Consultation {n}")
    introduction = "Donnez votre avis sur la feuille de route."
    opens_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=5))
    closes_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=30))
    is_published = True

    class Params:
        closed = factory.Trait(
            opens_on=factory.LazyFunction(lambda: today() - datetime.timedelta(days=60)),
            closes_on=factory.LazyFunction(lambda: today() - datetime.timedelta(days=1)),
        )
        draft = factory.Trait(is_published=False)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    consultation = factory.SubFactory(ConsultationFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Objectif numéro {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    objective = factory.SubFactory(ObjectiveFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Action numéro {n}")
    description = "Une action de la feuille de route."
    sub_actions = "Première sous-action\nDeuxième sous-action"


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    action = factory.SubFactory(ActionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    body = "Organiser des rencontres entre territoires pour partager les retours d'expérience."
