import io
import subprocess
import zipfile

import pytest
from django.urls import reverse

from apps.consultations import demo, services
from apps.consultations.booklet import booklet_build, render_odt, render_pdf
from apps.consultations.models import Booklet, Contribution
from tests.consultations.factories import (
    ActionFactory,
    ContributionFactory,
    InitiativeFactory,
    ParticipantFactory,
    ProposalFactory,
    QuestionFactory,
    WorkshopFactory,
    WorkshopGroupFactory,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "livret.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


@pytest.fixture
def consultation_data():
    action1 = ActionFactory(title="Animer la gouvernance", position=1)
    consultation = action1.objective.consultation
    action2 = ActionFactory(title="Accroître la visibilité", position=2, objective=action1.objective)
    commune = OrganisationFactory(type="commune")
    epci1 = OrganisationFactory(type="epci")
    epci2 = OrganisationFactory(type="epci")
    ContributionFactory(
        action=action1, organisation=commune, body="Renforcer les liens interpersonnels entre membres."
    )
    ContributionFactory(
        action=action1, organisation=epci1, body="Renforcer les liens avec les réseaux régionaux."
    )
    ContributionFactory(
        action=action2, organisation=epci2, body="Une lettre mensuelle plus courte sur les réseaux régionaux."
    )
    ContributionFactory(
        action=action2, organisation=None, author_label="FNCAUE", body="Faire connaître le réseau."
    )
    ContributionFactory(
        action=action2,
        organisation=None,
        is_steering=True,
        author_label="Comité de pilotage",
        body="Cartographier les acteurs.",
    )
    ContributionFactory(action=action2, organisation=epci1, body="Contribution masquée", is_hidden=True)
    return consultation


def test_consultation_figures_equal_database_counts(consultation_data):
    booklet = services.booklet_get_or_create(source=consultation_data)
    data = booklet_build(booklet)
    published = Contribution.objects.published().filter(action__objective__consultation=consultation_data)
    headline = {row["label"]: row["value"] for row in data["headline"]}
    assert headline["contributions"] == published.count() == 5
    per_action = {row["label"]: row["count"] for row in data["tables"][0]["rows"]}
    assert per_action == {"Action 1 - Animer la gouvernance": 2, "Action 2 - Accroître la visibilité": 3}
    by_type = {row["label"]: row["count"] for row in data["tables"][1]["rows"]}
    # Communes vs EPCI: distinct organisations, the hidden contribution is not counted twice.
    assert by_type == {"Commune": 1, "EPCI (intercommunalité)": 2, "Hors annuaire": 1}
    # The frequent terms come from stemming: "réseaux régionaux" appears in two contributions.
    labels = [row["label"] for row in data["terms"]["expressions"]]
    assert "réseaux régionaux" in labels
    assert all("masquée" not in row[1] for annex in data["annex"] for row in annex["rows"])


def test_pdf_and_odt_contain_the_sections(consultation_data, tmp_path, animator):
    booklet = services.booklet_get_or_create(source=consultation_data)
    booklet.next_steps = "Restitution lors de la journée annuelle."
    booklet.save()
    pdf = render_pdf(booklet)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    for expected in [
        "Chiffres clés",
        "Idées fortes",
        "Action 1 - Animer la gouvernance",
        "Propositions fortes",
        "Prochaines étapes",
        "Restitution lors de la journée annuelle.",
        "Annexes",
        "Page 2 sur",
    ]:
        assert expected in text, expected
    odt = render_odt(booklet)
    content = zipfile.ZipFile(io.BytesIO(odt)).read("content.xml").decode()
    assert "Chiffres clés" in content and "Animer la gouvernance" in content and "FNCAUE" in content


def test_pdf_embeds_marianne(consultation_data, tmp_path):
    pdf = render_pdf(services.booklet_get_or_create(source=consultation_data))
    path = tmp_path / "l.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Marianne" in fonts


def test_generate_keeps_curated_text_and_produces_files(
    consultation_data, animator, client, django_capture_on_commit_callbacks
):
    booklet = services.booklet_get_or_create(source=consultation_data)
    with django_capture_on_commit_callbacks(execute=True):
        services.booklet_generate(user=animator, booklet=booklet)
    booklet.refresh_from_db()
    # First generation pre-fills the strong ideas from the frequent expressions...
    assert "réseaux régionaux" in booklet.strong_ideas.lower()
    assert booklet.file_status == Booklet.FileStatus.READY
    assert booklet.pdf and booklet.odt
    assert booklet.computed["headline"][0]["value"] == 5
    # ...then the animator's text survives a regeneration, while the figures follow the data.
    services.booklet_update_curated(
        user=animator, booklet=booklet, strong_ideas="Une idée écrite à la main", section_notes={}
    )
    ContributionFactory(
        action=consultation_data.objectives.first().actions.first(), body="Nouvelle contribution."
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.booklet_generate(user=animator, booklet=booklet)
    booklet.refresh_from_db()
    assert booklet.strong_ideas == "Une idée écrite à la main"
    assert booklet.computed["headline"][0]["value"] == 6
    client.force_login(animator)
    response = client.get(reverse("consultations:consultation_booklet_pdf", args=[consultation_data.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    response = client.get(reverse("consultations:consultation_booklet_odt", args=[consultation_data.slug]))
    assert response.status_code == 200


def test_workshop_booklet_figures(tmp_path):
    workshop = WorkshopFactory(title="Mobiliser tous les acteurs")
    question = QuestionFactory(workshop=workshop, text="Comment mobiliser les habitants ?")
    table1 = WorkshopGroupFactory(workshop=workshop, name="Table 1")
    table2 = WorkshopGroupFactory(workshop=workshop, name="Table 2")
    ParticipantFactory.create_batch(3, workshop=workshop, category="elu", organisation_type="commune")
    ParticipantFactory.create_batch(2, workshop=workshop, category="agent", organisation_type="epci")
    ProposalFactory.create_batch(2, workshop=workshop, group=table1, question=question)
    ProposalFactory(
        workshop=workshop, group=table2, question=question, orientation="Financer les projets citoyens"
    )
    initiative = InitiativeFactory(
        workshop=workshop, is_selected=True, how_it_works="Un fonds de participation.", paper_votes=4
    )
    InitiativeFactory(workshop=workshop, paper_votes=1)
    booklet = services.booklet_get_or_create(source=workshop)
    data = booklet_build(booklet)
    tables = {t["caption"]: {r["label"]: r["count"] for r in t["rows"]} for t in data["tables"]}
    assert tables["Participant·es par catégorie"] == {"Élu·e": 3, "Agent·e / technicien·ne": 2}
    assert tables["Participant·es par type d'organisation"] == {"Commune": 3, "EPCI (intercommunalité)": 2}
    assert tables["Propositions par groupe"] == {"Table 1": 2, "Table 2": 1}
    assert tables["Gommettes par initiative"][initiative.title] == 4
    assert data["sections"][0]["title"] == "Comment mobiliser les habitants ?"
    assert data["extra_sections"][0]["initiatives"][0]["title"] == initiative.title
    text = pdf_text(render_pdf(booklet), tmp_path)
    assert "Participant·es par catégorie" in text and "Comment mobiliser les habitants ?" in text
    assert "Un fonds de participation." in text


def test_demo_booklet_pdf(tmp_path, animator):
    OrganisationFactory(name="Ville de Cergy")
    demo.load(stdout=io.StringIO())
    booklet = Booklet.objects.get(consultation__slug="feuille-de-route-2023")
    text = pdf_text(render_pdf(booklet), tmp_path)
    assert "Action 10 - Développer les outils numériques" in text
    assert "Comité de pilotage" in text
