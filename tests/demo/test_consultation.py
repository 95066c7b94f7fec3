"""The demo consultation, derived from the roadmap document (demo/seeds) by demo/build_consultation.py."""

import io

import pytest

from apps.consultations.models import Action, Consultation, Contribution, Objective
from demo import build_consultation, loader
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_committed_json_is_what_the_document_gives(tmp_path, monkeypatch):
    assert build_consultation.main(["--check"]) == 0
    # The check fails on a file that differs from the document (one contribution lost).
    edited = build_consultation.OUTPUT.read_text(encoding="utf-8").replace(
        "Prévoir l’évaluation des actions", ""
    )
    monkeypatch.setattr(build_consultation, "OUTPUT", tmp_path / "consultation.json")
    build_consultation.OUTPUT.write_text(edited, encoding="utf-8")
    assert build_consultation.main(["--check"]) == 1


def test_parser_reads_cells_objectives_and_actions():
    text = (
        "Bonjour,\n[bookmark: _GoBack]Merci !\n\n"
        "Objectif 1\xa0: Faire\n\nAction 1\xa0- Animer \n\uf0b7 Sous-action A \n\uf0b7 Sous-action B\n"
        "Menée avec un partenaire.\n\n\tAuteurs\n\tPropositions\n\n"
        "\tFNCAUE\n\tPremière ligne \nsuite\n\n\n\nfin \n\n\t\n\t\n\n"
        "Objectif 1\xa0: Faire\nAction 2 -Communiquer\n\tANPP\n\tRelayer\n"
    )
    parsed = build_consultation.parse(text)
    assert parsed["introduction"] == "Bonjour,\nMerci !"
    [objective] = parsed["objectives"]
    assert (objective["position"], objective["title"]) == (1, "Faire")
    first, second = objective["actions"]
    assert first == {
        "position": 1,
        "title": "Animer",
        "sub_actions": ["Sous-action A", "Sous-action B"],
        "description": "Menée avec un partenaire.",
        # Header pair skipped, blank runs folded to one paragraph break, empty pair dropped.
        "contributions": [["FNCAUE", "Première ligne \nsuite\n\nfin"]],
    }
    assert (second["title"], second["contributions"]) == ("Communiquer", [["ANPP", "Relayer"]])


def test_demo_loads_the_seed_consultation_and_is_idempotent():
    cergy = OrganisationFactory(name="Ville de Cergy")
    loader.load_consultation(stdout=io.StringIO())
    loader.load_consultation(stdout=io.StringIO())
    consultation = Consultation.objects.get(slug="feuille-de-route-2023")
    assert Objective.objects.filter(consultation=consultation).count() == 5
    assert Action.objects.filter(objective__consultation=consultation).count() == 10
    # Counted in the document: 162 non-empty proposals, 23 of them by the steering committee.
    assert Contribution.objects.filter(action__objective__consultation=consultation).count() == 162
    assert Contribution.objects.filter(is_steering=True).count() == 23
    # Partners linked to the directory by name.
    assert Contribution.objects.filter(organisation=cergy).count() == 5
    assert Contribution.objects.filter(author_label="FNCAUE", organisation__isnull=True).exists()
    action1 = Action.objects.get(objective__consultation=consultation, position=1)
    assert action1.title == "Animer la gouvernance"
    assert action1.sub_action_list == ["Animer le comité de pilotage", "Animer le club des partenaires"]


def test_demo_links_authors_to_directory_names():
    ademe = OrganisationFactory(name="ADEME – Agence de la transition écologique", type="agency")
    cc = OrganisationFactory(name="Communauté de communes Cœur Haute Lande", type="epci")
    comite = OrganisationFactory(name="Comité 21", type="association")
    loader.load_consultation(stdout=io.StringIO())
    assert Contribution.objects.filter(organisation=ademe).count() == 9
    # "CC Coeur Haute Lande" and "CC Haute Lande" in the document are the same community.
    assert Contribution.objects.filter(organisation=cc).count() == 10
    assert Contribution.objects.filter(organisation=comite).count() == 6
