import factory

from apps.groups.models import Access, Group, GroupKind, GroupMembership
from tests.factories import UserFactory


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Groupe {n}")
    description = "Un espace entre pairs."
    kind = GroupKind.TOPIC
    access = Access.REQUEST

    class Params:
        open = factory.Trait(access=Access.OPEN)
        closed = factory.Trait(access=Access.CLOSED)


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(UserFactory)
    status = GroupMembership.Status.ACTIVE
    role = GroupMembership.Role.MEMBER

    class Params:
        animator = factory.Trait(role=GroupMembership.Role.ANIMATOR)
        pending = factory.Trait(status=GroupMembership.Status.PENDING)
