"""Factories for directory models that tests/factories.py does not cover."""

import secrets

import factory

from apps.directory.models import Engagement, EngagementKind, EngagementStage, Invitation, JoinRequest
from tests.factories import OrganisationFactory, UserFactory


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    organisation = factory.SubFactory(OrganisationFactory)
    kind = EngagementKind.PCAET
    stage = EngagementStage.ADOPTED
    year = 2022


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    organisation = factory.SubFactory(OrganisationFactory, pending=True)
    requested_by = factory.SubFactory(UserFactory)
    motivation = "Nous voulons partager nos expériences."
    kind = JoinRequest.Kind.ORGANISATION

    class Params:
        membership = factory.Trait(
            kind=JoinRequest.Kind.MEMBERSHIP, organisation=factory.SubFactory(OrganisationFactory)
        )


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invite{n}@exemple.test")
    invited_by = factory.SubFactory(UserFactory)
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
