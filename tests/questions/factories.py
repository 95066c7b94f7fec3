import factory

from apps.questions.models import Answer, Expertise, Question, State
from tests.factories import ThemeFactory, UserFactory


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Comment financer le projet numéro {n} ?")
    body = "Nous cherchons des **retours** d'autres territoires."
    author = factory.SubFactory(UserFactory)
    state = State.PUBLISHED

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    author = factory.SubFactory(UserFactory)
    body = "Nous l'avons fait en 2022, voici comment."
    state = State.PUBLISHED


class ExpertiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expertise

    user = factory.SubFactory(UserFactory)
    theme = factory.SubFactory(ThemeFactory)
    capacity_per_month = 4
