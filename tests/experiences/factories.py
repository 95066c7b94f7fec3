import factory
from django.utils import timezone

from apps.experiences.models import Experience, ProjectStatus, State
from tests.factories import UserFactory


class ExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experience
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Expérience de rénovation numéro {n}")
    summary = "Un résumé de l'expérience."
    context = "Un contexte rural."
    difficulties = "Des **difficultés** réelles."
    transposability = "Reproductible ailleurs."
    project_status = ProjectStatus.IN_PROGRESS
    state = State.PUBLISHED
    author = factory.SubFactory(UserFactory)
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(state=State.DRAFT, published_at=None)
        submitted = factory.Trait(state=State.SUBMITTED, published_at=None)
        reviewed = factory.Trait(state=State.REVIEWED, published_at=None)

    @factory.post_generation
    def organisations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.organisations.set(extracted)

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        if create:
            from apps.search.services import search_index_object

            search_index_object(obj)
