import factory

from apps.aids.models import Aid, AidKind, AidStatus, SavedSearch, encode_beneficiaries
from tests.factories import UserFactory


class AidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aid
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Aide numéro {n}")
    description = "Une aide pour les projets de transition."
    kind = AidKind.GRANT
    status = AidStatus.PUBLISHED
    beneficiaries = encode_beneficiaries(["municipality", "epci"])
    perimeter = None

    class Params:
        draft = factory.Trait(status=AidStatus.DRAFT)

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)
            obj.search_text_refresh()

    @factory.post_generation
    def funders(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.funders.set(extracted)


class SavedSearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedSearch

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Alerte {n}")
