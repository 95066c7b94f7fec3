import datetime

import factory

from apps.workshops.models import (
    WorkshopAtelier,
    WorkshopDay,
    WorkshopParticipant,
    WorkshopProposal,
    WorkshopQuestion,
    WorkshopTable,
)


class WorkshopDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopDay

    title = factory.Sequence(lambda n: f"Journée de lancement {n}")
    held_on = datetime.date(2025, 3, 14)
    place = "Albi, salle des fêtes"
    is_published = True

    class Params:
        draft = factory.Trait(is_published=False)


class WorkshopAtelierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopAtelier

    day = factory.SubFactory(WorkshopDayFactory)
    title = factory.Sequence(lambda n: f"Atelier thématique {n}")
    position = factory.Sequence(lambda n: n + 1)


class WorkshopQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopQuestion

    atelier = factory.SubFactory(WorkshopAtelierFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Comment avancer sur le point {n} ?")


class WorkshopTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopTable

    atelier = factory.SubFactory(WorkshopAtelierFactory)
    name = factory.Sequence(lambda n: f"Table {n}")


class WorkshopProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopProposal

    atelier = factory.SubFactory(WorkshopAtelierFactory)
    orientation = "Mobiliser les acteurs"
    action = factory.Sequence(lambda n: f"Action numéro {n}")
    objectives = "Objectif partagé"


class WorkshopParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopParticipant

    day = factory.SubFactory(WorkshopDayFactory)
    name = factory.Sequence(lambda n: f"Personne {n}")
    category = "elu"
