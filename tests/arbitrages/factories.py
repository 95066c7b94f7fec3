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
