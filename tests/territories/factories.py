import factory

from apps.territories.models import Kind, ProjectKind, Territory
from tests.factories import UserFactory


class ProjectTerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        skip_postgeneration_save = True

    kind = Kind.PROJECT
    code = factory.Sequence(lambda n: f"projet-{n}")
    name = factory.Sequence(lambda n: f"Pays de test {n}")
    project_kind = ProjectKind.PETR
    description = "Un territoire de projet."
    created_by = factory.SubFactory(UserFactory, animator=True)

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.members.set(extracted)
