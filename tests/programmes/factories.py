import factory

from apps.programmes.models import Enrolment, Phase, Programme, SupportFile
from tests.factories import OrganisationFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"Parcours {n}")
    summary = "Un parcours entre pairs."
    support_questions = "Présentation du projet\nPourquoi ce choix ?\nComment ?"


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Phase {n}")


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    label = factory.Sequence(lambda n: f"Territoire {n}")


class SupportFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportFile

    enrolment = factory.SubFactory(EnrolmentFactory)
    subject = "Commande publique"
    budget_days = 8
    used_days = 2
