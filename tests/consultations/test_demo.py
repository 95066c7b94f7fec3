import io

import pytest

from apps.consultations import demo
from apps.consultations.demo_data import CONSULTATION
from apps.consultations.models import (
    Action,
    Consultation,
    Contribution,
    Initiative,
    Objective,
    Proposal,
    Workshop,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_demo_loads_the_seed_consultation_and_is_idempotent():
    cergy = OrganisationFactory(name="Ville de Cergy")
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    consultation = Consultation.objects.get(slug="feuille-de-route-2023")
    assert Objective.objects.filter(consultation=consultation).count() == 5
    assert Action.objects.filter(objective__consultation=consultation).count() == 10
    expected = sum(
        len([c for c in a["contributions"] if c[1]]) for o in CONSULTATION["objectives"] for a in o["actions"]
    )
    assert expected > 150
    assert Contribution.objects.filter(action__objective__consultation=consultation).count() == expected
    # Pre-filled steering committee contributions, and partners linked to the directory by name.
    assert Contribution.objects.filter(is_steering=True).count() == 23
    assert Contribution.objects.filter(organisation=cergy).count() == 5
    assert Contribution.objects.filter(author_label="FNCAUE", organisation__isnull=True).exists()
    action1 = Action.objects.get(objective__consultation=consultation, position=1)
    assert action1.title == "Animer la gouvernance"
    assert action1.sub_action_list == ["Animer le comité de pilotage", "Animer le club des partenaires"]
    assert Workshop.objects.count() == 2
    financing = Workshop.objects.get(title__startswith="Enjeu 2")
    assert Initiative.objects.filter(workshop=financing, is_selected=True).count() == 5
    assert Proposal.objects.filter(workshop=financing).count() == 5


def test_demo_links_authors_to_directory_names():
    ademe = OrganisationFactory(name="ADEME – Agence de la transition écologique", type="agence")
    cc = OrganisationFactory(name="Communauté de communes Cœur Haute Lande", type="epci")
    comite = OrganisationFactory(name="Comité 21", type="association")
    grasse = OrganisationFactory(name="Communauté d'agglomération du Pays de Grasse", type="epci")
    demo.load(stdout=io.StringIO())
    assert Contribution.objects.filter(organisation=ademe).count() == 9
    # "CC Coeur Haute Lande" and "CC Haute Lande" in the document are the same community.
    assert Contribution.objects.filter(organisation=cc).count() == 10
    assert Contribution.objects.filter(organisation=comite).count() == 6
    assert Workshop.objects.get(title__startswith="Enjeu 1").participants.filter(organisation=grasse).exists()
