import io
import subprocess
import zipfile

import pytest
from django.urls import reverse
from docx import Document as Docx

from apps.consultations import services
from apps.consultations.booklet import booklet_build, render_files
from apps.consultations.models import Booklet, Contribution
from demo import loader
from tests.consultations.factories import ActionFactory, ContributionFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def render_pdf(booklet) -> bytes:
    return render_files(booklet, ["pdf"])["pdf"][0]


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
    commune = OrganisationFactory(type="municipality")
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
    booklet = services.booklet_new(source=consultation_data)
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
    booklet = services.booklet_new(source=consultation_data)
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
    odt = render_files(booklet, ["odt"])["odt"][0]
    content = zipfile.ZipFile(io.BytesIO(odt)).read("content.xml").decode()
    assert "Chiffres clés" in content and "Animer la gouvernance" in content and "FNCAUE" in content


def test_pdf_embeds_marianne(consultation_data, tmp_path):
    pdf = render_pdf(services.booklet_new(source=consultation_data))
    path = tmp_path / "l.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Marianne" in fonts


def test_generate_keeps_curated_text_and_produces_files(
    consultation_data, animator, client, django_capture_on_commit_callbacks, tmp_path
):
    booklet = services.booklet_new(source=consultation_data)
    with django_capture_on_commit_callbacks(execute=True):
        services.booklet_generate(user=animator, booklet=booklet)
    booklet.refresh_from_db()
    # First generation pre-fills the strong ideas from the frequent expressions...
    assert "réseaux régionaux" in booklet.strong_ideas.lower()
    assert booklet.file_status == Booklet.FileStatus.READY
    assert booklet.pdf and booklet.odt and booklet.docx
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
    # Read to the end: the test client then closes the file. (Calling response.close() by hand
    # would send request_finished outside the client, which closes the test's own PostgreSQL
    # connection.)
    served = b"".join(response.streaming_content)
    # The file served is the regenerated one: the animator's text and the new contribution.
    text = pdf_text(served, tmp_path)
    assert "Une idée écrite à la main" in text and "Nouvelle contribution." in text
    response = client.get(reverse("consultations:consultation_booklet_odt", args=[consultation_data.slug]))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as odt:
        content = odt.read("content.xml").decode()
    assert "Une idée écrite à la main" in content and "Nouvelle contribution." in content
    response = client.get(reverse("consultations:consultation_booklet_docx", args=[consultation_data.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    docx = Docx(io.BytesIO(b"".join(response.streaming_content)))
    assert ("Heading 1", "Action 1 - Animer la gouvernance") in [
        (p.style.name, p.text) for p in docx.paragraphs
    ]
    # The page offers the three files.
    page = client.get(
        reverse("consultations:consultation_booklet", args=[consultation_data.slug])
    ).content.decode()
    for fmt in ("pdf", "odt", "docx"):
        assert f"/livret.{fmt}" in page


def test_demo_booklet_pdf(tmp_path, animator):
    OrganisationFactory(name="Ville de Cergy")
    loader.load_consultation(stdout=io.StringIO())
    booklet = Booklet.objects.get(consultation__slug="feuille-de-route-2023")
    text = pdf_text(render_pdf(booklet), tmp_path)
    assert "Action 10 - Développer les outils numériques" in text
    assert "Comité de pilotage" in text
    # The booklet's headline figure is the document's count of proposals.
    assert booklet_build(booklet)["headline"][0]["value"] == 162
    assert "162" in text


def test_docx_has_real_headings_lists_and_bold(consultation_data, animator):
    """The consultation's DOCX through the shared builder: Word headings (not bold paragraphs),
    list paragraphs for the sub-actions and the strong ideas, bold where the Markdown said so,
    and nothing of the Markdown syntax left."""
    action = consultation_data.objectives.first().actions.get(position=1)
    action.description = (
        "## Contexte\n\nUn point **très important** pour le réseau.\n\n- premier levier\n- second levier"
    )
    action.sub_actions = "Organiser un séminaire\nPublier une lettre"
    action.save()
    booklet = services.booklet_new(source=consultation_data)
    booklet.strong_ideas = "Renforcer les liens\nMieux se connaître"
    booklet.next_steps = "1. Restitution\n2. Plan d'action"
    booklet.save()

    content, _content_type, filename = render_files(booklet, ["docx"])["docx"]
    assert filename == f"livret-{consultation_data.slug}.docx"
    docx = Docx(io.BytesIO(content))
    assert docx.core_properties.title == booklet.title
    styles = [(p.style.name, p.text) for p in docx.paragraphs]
    assert ("Title", booklet.title) in styles
    for heading in (
        "Chiffres clés",
        "Idées fortes",
        "Action 1 - Animer la gouvernance",
        "Prochaines étapes",
        "Annexes",
    ):
        assert ("Heading 1", heading) in styles, heading
    assert ("Heading 2", "Propositions fortes") in styles
    assert ("Heading 2", "Contexte") in styles  # « ## » of the description, below its section
    assert ("List Bullet", "Renforcer les liens") in styles
    assert ("List Bullet", "premier levier") in styles
    assert ("List Bullet", "Organiser un séminaire") in styles
    assert ("List Number", "Plan d'action") in styles
    bold = [r.text for p in docx.paragraphs for r in p.runs if r.bold]
    assert "très important" in bold
    assert not any("**" in p.text or p.text.startswith(("## ", "- ")) for p in docx.paragraphs)
    # Figures counted from the database: 2 + 3 published contributions in the per-action table.
    cells = [[c.text for c in row.cells] for t in docx.tables for row in t.rows]
    assert ["Action 1 - Animer la gouvernance", "2"] in cells
    assert ["Action 2 - Accroître la visibilité", "3"] in cells
    assert not any("Contribution masquée" in c for row in cells for c in row)
