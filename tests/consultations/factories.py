import datetime

import factory
from django.utils import timezone

from apps.consultations.models import (
    Action,
    Consultation,
    Contribution,
    Initiative,
    Objective,
    Participant,
    Proposal,
    Question,
    Workshop,
    WorkshopGroup,
)
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


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    title = factory.Sequence(lambda n: f"Atelier {n}")
    held_on = factory.LazyFunction(today)
    is_published = True


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    workshop = factory.SubFactory(WorkshopFactory)
    text = factory.Sequence(lambda n: f"Question {n} : comment mobiliser les acteurs ?")


class WorkshopGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopGroup

    workshop = factory.SubFactory(WorkshopFactory)
    name = factory.Sequence(lambda n: f"Table {n}")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    workshop = factory.SubFactory(WorkshopFactory)
    name = factory.Faker("name", locale="fr_FR")
    category = "elu"
    organisation_type = "commune"


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    workshop = factory.SubFactory(WorkshopFactory)
    orientation = "Mobiliser les habitants autour de la rénovation énergétique"
    action = "Créer un guichet unique de la rénovation"
    objectives = "Réduire les consommations d'énergie"
    categories = factory.LazyFunction(lambda: ["elu"])


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    workshop = factory.SubFactory(WorkshopFactory)
    title = factory.Sequence(lambda n: f"Initiative inspirante {n}")
    territory_label = "Pays de Grasse"
    position = factory.Sequence(lambda n: n + 1)
