import datetime

import factory
from django.utils import timezone

from apps.resources.models import Collection, Resource, ResourceKind, ResourceStatus
from tests.factories import UserFactory


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Ressource {n}")
    summary = "Un guide utile pour la transition."
    kind = ResourceKind.GUIDE
    url = factory.Sequence(lambda n: f"https://exemple.test/ressource-{n}")
    status = ResourceStatus.PUBLISHED
    owner = factory.SubFactory(UserFactory)
    review_by = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=200))

    class Params:
        suggested = factory.Trait(status=ResourceStatus.SUGGESTED)
        stale = factory.Trait(
            review_by=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
        )

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collection

    title = factory.Sequence(lambda n: f"Bloc {n}")
    intro = "Une sélection."
