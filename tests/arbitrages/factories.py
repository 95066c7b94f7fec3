import factory

from apps.arbitrages.models import ArbitrageQuestion, QuestionKind, Questionnaire, QuestionnaireStatus


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Questionnaire
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Arbitrages {n}")
    status = QuestionnaireStatus.OPEN

    @factory.post_generation
    def delegations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.delegations.set(extracted)


class ArbitrageQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArbitrageQuestion

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    kind = QuestionKind.YES_NO
    label = "Cette date vous convient-elle ?"
    short_label = factory.Sequence(lambda n: f"Arbitrage {n}")

    class Params:
        grid = factory.Trait(kind=QuestionKind.GRID, grid_rows="10 mars\n24 mars\n7 avril")
        free_text = factory.Trait(kind=QuestionKind.TEXT, required=False)
        single_choice = factory.Trait(kind=QuestionKind.SINGLE, choices="Visio\nPrésentiel")
        multiple_choice = factory.Trait(
            kind=QuestionKind.MULTIPLE, choices="Énergie\nÉconomie circulaire", required=False
        )
        date_answer = factory.Trait(kind=QuestionKind.DATE, required=False)
