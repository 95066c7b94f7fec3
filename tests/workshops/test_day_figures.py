"""A synthetic multi-atelier day built through the services (as the UI does), and the seed-001
workshops. Every expected figure below is counted by hand from the data written in the test, not
by the code under test."""

import io
import shutil
import subprocess
import zipfile

import pytest

from apps.core.documents import render_docx, render_html, render_odt, render_pdf
from apps.workshops import services
from apps.workshops.booklet import booklet_document, proposal_cells
from apps.workshops.figures import compute
from apps.workshops.models import WorkshopDay
from apps.workshops.suggestions import cell_expressions, day_suggestions
from demo import loader
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(animator):
    commune_a = OrganisationFactory(name="Commune d'Albine", type="municipality")
    commune_b = OrganisationFactory(name="Commune de Brens", type="municipality")
    cc = OrganisationFactory(name="CC du Val", type="epci")
    asso = OrganisationFactory(name="Les Amis du Vélo", type="association")
    day = services.day_create(
        user=animator,
        data={"title": "Journée de lancement du réseau", "held_on": "2025-03-14", "place": "Albi"},
    )
    mob = services.atelier_create(
        user=animator, day=day, data={"title": "Mobilité", "facilitators": "Anne, Paul"}
    )
    ene = services.atelier_create(user=animator, day=day, data={"title": "Énergie"})
    ali = services.atelier_create(user=animator, day=day, data={"title": "Alimentation"})
    q1 = services.question_create(user=animator, atelier=mob, text="Comment se déplacer sans voiture ?")
    q2 = services.question_create(user=animator, atelier=mob, text="Qui finance ?")
    qe = services.question_create(user=animator, atelier=ene, text="Comment rénover ?")
    t1 = services.table_create(user=animator, atelier=mob, name="Table 1", questions=[q1])
    t2 = services.table_create(user=animator, atelier=mob, name="Table 2", questions=[q2])
    te = services.table_create(user=animator, atelier=ene, name="Table verte", questions=[qe])
    rows = [
        (
            mob,
            t1,
            q1,
            "Développer les mobilités douces",
            "Créer des pistes cyclables sécurisées entre bourgs",
            "Favoriser le covoiturage",
        ),
        (
            mob,
            t1,
            q1,
            "Développer les mobilités douces",
            "Lancer un transport à la demande et du covoiturage",
            "Solidaire et rural",
        ),
        (
            mob,
            t2,
            q2,
            "Financer",
            "Mobiliser le transport à la demande intercommunal",
            "Desservir les bourgs",
        ),
        (mob, t2, q2, "Financer", "Cofinancer des pistes cyclables", "Relier les gares"),
        (
            mob,
            t2,
            None,
            "Développer les mobilités douces",
            "Favoriser le covoiturage",
            "Solidaire entre voisins",
        ),
        (ene, te, qe, "Rénover", "Accompagner la rénovation énergétique des écoles", "Baisser les factures"),
        (
            ene,
            te,
            qe,
            "Rénover",
            "Financer la rénovation énergétique du parc privé",
            "Lutter contre la précarité",
        ),
        (ene, te, qe, "Produire", "Installer des pistes cyclables solaires", "Produire local"),
    ]
    for atelier, table, question, piste, action, objectives in rows:
        services.proposal_create(
            user=animator,
            atelier=atelier,
            data={
                "table": table,
                "question": question,
                "orientation": piste,
                "action": action,
                "objectives": objectives,
            },
        )
    people = [
        ("Alice", "elected", commune_a, "", "", mob),
        ("Bruno", "elected", commune_a, "", "", mob),
        ("Chloé", "staff", commune_b, "", "", ene),
        ("David", "staff", cc, "", "", ene),
        ("Emma", "elected", cc, "", "", ali),
        ("Farid", "partner", asso, "", "", ali),
        ("Gaëlle", "staff", None, "Mairie de Lisle", "municipality", None),
        ("Hugo", "staff", None, "mairie de  Lisle", "municipality", None),
        ("Inès", "state", None, "DDT du Tarn", "state", None),
        ("Jules", "other", None, "", "", None),
    ]
    for name, category, org, org_name, org_type, atelier in people:
        services.participant_create(
            user=animator,
            day=day,
            data={
                "name": name,
                "category": category,
                "organisation": org,
                "organisation_name": org_name,
                "organisation_type": org_type,
                "atelier": atelier,
            },
        )
    day.refresh_from_db()
    return day


def _by_key(figures):
    return {f.key: f.value for f in figures}


def test_headline_figures_equal_hand_counts(day):
    figs = compute(day)
    values = _by_key(figs.headline)
    assert values == {
        "day.participants": 10,
        "day.organisations": 6,  # Albine, Brens, Lisle (twice, one organisation), CC du Val, Amis du Vélo, DDT
        "day.ateliers": 3,
        "day.tables": 3,
        "day.questions": 3,
        "day.proposals": 8,
        "day.initiatives": 0,
    }
    assert figs.organisations_sentence == (
        "4 collectivités : 3 communes et 1 EPCI ; 1 association ou réseau ; 1 service de l'État"
    )
    tables = {t.key: t.rows for t in figs.tables}
    assert dict(tables["table.categories"]) == {
        "Agent·e / technicien·ne": 4,
        "Élu·e": 3,
        "Partenaire": 1,
        "Services de l'État": 1,
        "Autre": 1,
    }
    assert dict(tables["table.organisation_types"]) == {
        "Commune": 3,
        "EPCI (intercommunalité)": 1,
        "Association / réseau / fédération": 1,
        "Service de l'État": 1,
    }
    assert tables["table.ateliers"] == [("Mobilité", 5), ("Énergie", 3), ("Alimentation", 0)]


def test_per_atelier_figures(day):
    figs = compute(day)
    mob, ene, ali = day.ateliers.order_by("position")
    assert _by_key(figs.ateliers[mob.pk].figures) == {
        f"atelier.{mob.pk}.participants": 2,
        f"atelier.{mob.pk}.proposals": 5,
        f"atelier.{mob.pk}.tables": 2,
        f"atelier.{mob.pk}.questions": 2,
    }
    assert figs.ateliers[mob.pk].by_table.rows == [("Table 1", 2), ("Table 2", 3)]
    assert figs.ateliers[mob.pk].by_question.rows == [
        ("1. Comment se déplacer sans voiture ?", 2),
        ("2. Qui finance ?", 2),
        ("Sans question", 1),
    ]
    assert [f.text for f in figs.ateliers[ali.pk].figures] == [
        "2 participant·es",
        "0 proposition",
        "0 table de travail",
        "0 question",
    ]
    assert [f.text for f in figs.ateliers[ene.pk].figures][1:] == [
        "3 propositions",
        "1 table de travail",
        "1 question",
    ]


def test_wording_hidden_figures_and_mismatch(day, animator):
    services.figure_settings_update(
        user=animator,
        day=day,
        settings={
            "day.participants": {"wording": "une dizaine de participant·es"},
            "day.proposals": {"wording": "plus de 20 propositions"},
            "day.initiatives": {"hidden": True},
        },
    )
    figs = compute(day)
    by = {f.key: f for f in figs.headline}
    assert (
        by["day.participants"].text == "une dizaine de participant·es" and by["day.participants"].value == 10
    )
    assert by["day.participants"].wording_matches is True
    assert by["day.proposals"].wording_matches is False  # 8 is not "plus de 20"
    assert [f.key for f in figs.mismatches()] == ["day.proposals"]
    html = str(render_html(booklet_document(day)))
    assert "une dizaine de participant·es" in html
    assert "initiative présentée" not in html  # hidden


def test_suggestions_are_per_atelier_and_never_span_two_cells(day):
    mob, ene, ali = day.ateliers.order_by("position")
    proposals = list(mob.proposals.all()) + list(ene.proposals.all())
    cells, pistes = proposal_cells(proposals)
    result = day_suggestions({mob.pk: cells[mob.pk], ene.pk: cells[ene.pk], ali.pk: []}, pistes)
    mob_labels = [s.label for s in result[mob.pk].expressions]
    ene_labels = [s.label for s in result[ene.pk].expressions]
    assert "transport à la demande" in mob_labels
    assert "rénovation énergétique" in ene_labels
    assert "rénovation énergétique" not in mob_labels and "transport à la demande" not in ene_labels
    assert result[ali.pk].expressions == []
    # "pistes cyclables" is in both ateliers: its idf is lower than an expression only one has.
    mob_scores = {s.label: s.score for s in result[mob.pk].expressions}
    assert mob_scores["pistes cyclables"] < mob_scores["transport à la demande"]
    # The action of a row ends with "covoiturage", its objectives start with "Solidaire": twice.
    # Joined, "covoiturage solidaire" would come out; cell by cell it cannot.
    every = [s.label for r in result.values() for s in r.expressions]
    assert not any("covoiturage solidaire" in label for label in every)
    all_cells = [c.lower() for cs in cells.values() for c in cs]
    for label in every:
        assert any(
            all(word in cell for word in label.lower().replace("’", "'").split()) for cell in all_cells
        ), label
    # Pistes are counted as labels, never mined for words.
    assert result[mob.pk].pistes == [("Développer les mobilités douces", 3), ("Financer", 2)]
    assert not any("mobilités douces" in label for label in mob_labels)


def test_elisions_link_words_of_an_expression():
    found = cell_expressions("Organiser des retours d'expériences ; réduire l’usage, qu’il soit…")
    assert "retours d’expériences" in found.values()
    assert found["retour experience"] == "retours d’expériences"
    assert not any("usage qu" in k for k in found)  # never across a comma, never ending on an elision


def test_booklet_sections_and_annex_per_atelier(day, tmp_path):
    document = booklet_document(day)
    titles = [s.title for s in document.sections]
    assert titles == [
        "Chiffres clés",
        "Atelier 1 — Mobilité",
        "Atelier 2 — Énergie",
        "Atelier 3 — Alimentation",
        "Annexes",
    ]
    annexes = document.sections[-1].subsections
    assert [a.title for a in annexes] == ["Annexe — Mobilité", "Annexe — Énergie"]
    table = annexes[0].blocks[0]
    assert [g.heading for g in table.groups] == ["Développer les mobilités douces", "Financer"]
    assert [len(g.rows) for g in table.groups] == [3, 2]
    layout = table.layout()
    assert layout["columns"] == ["Table", "Question", "Action proposée", "Objectifs poursuivis"]
    mobility = document.sections[1]
    sub = [s.title for s in mobility.subsections]
    assert sub == [
        "Idées fortes",
        "Question 1 : Comment se déplacer sans voiture ?",
        "Question 2 : Qui finance ?",
        "Propositions sans question rattachée",
        "Propositions fortes",
    ]
    docx = render_docx(document)
    from docx import Document as Docx

    parsed = Docx(io.BytesIO(docx))
    headings = [p.text for p in parsed.paragraphs if p.style.name.startswith("Heading")]
    assert "Atelier 3 — Alimentation" in headings and "Annexe — Énergie" in headings
    assert "0 proposition" in [p.text for p in parsed.paragraphs if p.text.startswith("0 ")]
    content = zipfile.ZipFile(io.BytesIO(render_odt(document))).read("content.xml").decode()
    assert "Atelier 2 — Énergie" in content


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils needed")
def test_pdf_of_the_synthetic_day(day, tmp_path):
    path = tmp_path / "livret.pdf"
    path.write_bytes(render_pdf(booklet_document(day)))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Atelier 1 — Mobilité" in text and "Atelier 3 — Alimentation" in text
    assert "0 proposition" in text and "8 propositions" in text
    assert "0 propositions" not in text and "1 propositions" not in text
    assert "4 collectivités : 3 communes et 1 EPCI" in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info


def test_seed_001_workshops(animator):
    loader.load_workshops(stdout=io.StringIO())
    loader.load_workshops(stdout=io.StringIO())  # idempotent
    assert WorkshopDay.objects.count() == 2
    financing = WorkshopDay.objects.get(title__contains="Financement collectif")
    atelier = financing.ateliers.get()
    seed = loader.read("workshops")["days"][1]
    # Counted from the transcription of seed 001, independently of the code under test.
    assert len(seed["proposals"]) == 5
    assert len({row["group"] for row in seed["proposals"]}) == 4
    figs = compute(financing)
    values = _by_key(figs.headline)
    assert values["day.proposals"] == 5
    assert values["day.tables"] == 4
    assert values["day.ateliers"] == 1
    assert values["day.questions"] == 3
    assert values["day.initiatives"] == len(seed["initiatives"]) == 5
    assert figs.ateliers[atelier.pk].by_question.rows[2] == (
        "3. Que pourrait-on reproduire et améliorer dans d'autres contextes territoriaux, et à quelles conditions ?",
        5,
    )
    cells, pistes = proposal_cells(atelier.proposals.all())
    labels = [s.label for s in day_suggestions(cells, pistes)[atelier.pk].expressions]
    # Expressions that the seed's proposals repeat in two cells each.
    for expected in (
        "circuits courts",
        "acteurs du territoire",
        "clauses de responsabilité environnementale",
    ):
        assert expected in labels, labels
