import io

import pytest

from apps.arbitrages.models import ArbitrageQuestion, ArbitrageResponse, Questionnaire
from apps.events.models import Event
from apps.polls.models import Poll, PollOption
from apps.programmes.models import Enrolment, Phase, SupportFile
from demo import loader

pytestmark = pytest.mark.django_db


def load_all():
    out = io.StringIO()
    for section in (
        loader.load_themes,
        loader.load_directory,
        loader.load_events,
        loader.load_polls,
        loader.load_programme,
        loader.load_arbitrages,
    ):
        section(stdout=out)
    return out.getvalue()


def counts():
    models = (
        Event,
        Poll,
        PollOption,
        Phase,
        Enrolment,
        SupportFile,
        Questionnaire,
        ArbitrageQuestion,
        ArbitrageResponse,
    )
    return {m.__name__: m.objects.count() for m in models}


def test_demo_is_idempotent_and_built_from_the_seeds():
    load_all()
    first = counts()
    load_all()
    assert counts() == first
    assert first["Enrolment"] == 10 and first["SupportFile"] == 10 and first["ArbitrageQuestion"] == 8
    agora = Event.objects.get(slug="territoires-pilotes-agora")
    assert agora.local_start.strftime("%d/%m %H:%M") == "28/04 09:30"
    assert (
        Event.objects.get(slug="territoires-pilotes-pairs-2").local_start.strftime("%d/%m %H:%M")
        == "24/03 14:00"
    )
    assert Event.objects.get(slug="webinaire-stockage-carbone-sols").organisers.filter(slug="ademe").exists()
    beauvais = SupportFile.objects.get(enrolment__label="Beauvais")
    assert beauvais.subject == "Commande publique." and beauvais.budget_days == 8
    faverges = ArbitrageResponse.objects.get(delegation__slug="ville-de-faverges-seythenex")
    assert "Volte Face" in " ".join(str(v) for v in faverges.answers.values())
