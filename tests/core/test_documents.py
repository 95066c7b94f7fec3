"""The shared document builder: one Document, four formats, read back with independent tools
(pdftotext/pdfinfo for the PDF, the ODF XML, python-docx for the DOCX)."""

import io
import shutil
import subprocess
import zipfile

import pytest
from PIL import Image

from apps.core import documents
from apps.core.documents.markdown import markdown_blocks
from apps.core.french import count_label, plural


def _logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 40), (0, 0, 145)).save(out, format="PNG")
    return out.getvalue()


def sample() -> documents.Document:
    return documents.Document(
        title="Livret de la journée",
        filename="livret-test",
        cover=documents.Cover(
            kicker="Livret de synthèse",
            date="14 mars 2025",
            place="Salle des fêtes, Albi",
            organisers=[documents.Party("Réseau Tarn", logo=_logo())],
            co_organisers=[documents.Party("Département du Tarn")],
            publisher="Publié sur Maillage",
        ),
        sections=[
            documents.Section(
                "Chiffres clés",
                blocks=[
                    documents.Figures(
                        [
                            documents.Figure(1, "proposition"),
                            documents.Figure(0, "table"),
                            documents.Figure(52, "participant·e", wording="plus de 50 participant·es"),
                        ]
                    ),
                    documents.Table(
                        "Participant·es par catégorie",
                        ["Catégorie", "Personnes"],
                        rows=[["Élu·es", 3], ["Agent·es", 1]],
                        bars=True,
                        total=True,
                    ),
                ],
            ),
            documents.Section(
                "Atelier 1 — Mobilité",
                page_break=True,
                blocks=[
                    documents.Markdown(
                        "## Contexte\n\nUn texte **très important** et *nuancé*.\n\n- premier point\n- second **point**\n\n1. un\n2. deux"
                    ),
                    documents.BulletList(["Question 1 ?", "Question 2 ?"], title="Questions posées"),
                    documents.Quote(
                        "Créer une navette",
                        author="Table 2",
                        details=[("Objectifs", "Moins de voitures"), ("Vide", "")],
                    ),
                    documents.Paragraph("Calculé à l'affichage.", muted=True),
                ],
                subsections=[
                    documents.Section(
                        "Annexe de l'atelier",
                        blocks=[
                            documents.Table(
                                "Propositions par piste",
                                ["Action proposée", "Objectifs poursuivis", "Toujours vide"],
                                groups=[
                                    documents.TableGroup(
                                        "Piste A", [["Action 1", "Objectif 1", ""], ["Action 2", "", ""]]
                                    ),
                                    documents.TableGroup("Piste B", [["Action 3", "Objectif 3", None]]),
                                ],
                            )
                        ],
                    )
                ],
            ),
        ],
    )


def test_french_plural_rules():
    assert count_label(0, "proposition") == "0 proposition"
    assert count_label(1, "proposition") == "1 proposition"
    assert count_label(2, "proposition") == "2 propositions"
    assert count_label(1000, "proposition") == "1\u202f000 propositions"
    assert plural(3, "participant·e") == "participant·es"
    assert plural(3, "réseau") == "réseaux"
    assert plural(3, "avis") == "avis"
    assert count_label(2, "initiative présentée", "initiatives présentées") == "2 initiatives présentées"
    with pytest.raises(ValueError):
        plural(2, "initiative présentée")


def test_fr_count_filter():
    from django.template import Context, Template

    t = Template(
        '{% load maillage %}{{ a|fr_count:"proposition" }} / {{ b|fr_count:"table ronde|tables rondes" }}'
    )
    assert t.render(Context({"a": 0, "b": 3})) == "0 proposition / 3 tables rondes"


def test_table_drops_empty_columns_and_groups_rows():
    layout = sample().sections[1].subsections[0].blocks[0].layout()
    assert layout["columns"] == ["Action proposée", "Objectifs poursuivis"]
    assert [g["heading"] for g in layout["groups"]] == ["Piste A", "Piste B"]
    assert layout["groups"][0]["rows"][1]["cells"] == ["Action 2", ""]


def test_markdown_blocks_are_structured():
    blocks = markdown_blocks("## Titre\n\nTexte **gras** fin.\n\n- a\n    - a1\n- b\n\n1. un")
    kinds = [(b.kind, b.level) for b in blocks]
    assert kinds == [("h", 1), ("p", 0), ("li", 0), ("li", 1), ("li", 0), ("li", 0)]
    assert [(r.text, r.bold) for r in blocks[1].runs] == [("Texte ", False), ("gras", True), (" fin.", False)]
    assert blocks[-1].ordered


def test_html_fragment():
    html = str(documents.render_html(sample()))
    assert '<h2 id="doc-1">Chiffres clés</h2>' in html
    assert '<h3 id="doc-2-1">' in html
    assert "plus de 50 participant·es" in html
    assert "0 table" in html and "1 proposition" in html
    assert "Toujours vide" not in html
    assert 'scope="rowgroup"' in html and "Piste A" in html
    assert "<strong>très important</strong>" in html
    assert "<h3>Contexte</h3>" in html  # Markdown "##" sits below the section heading
    assert 'alt="Logo de Réseau Tarn"' in html
    assert "data:image/png;base64," in html


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils needed")
def test_pdf_is_tagged_with_toc_and_bookmarks(tmp_path):
    pdf = documents.render_pdf(sample())
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    meta = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True).stdout
    assert 'pdfuaid:part="1"' in meta  # PDF/UA-1 identification in the XMP metadata
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Sommaire" in text
    # The table of contents gives page numbers: the atelier starts on its own page, after the TOC.
    toc_line = next(line for line in text.splitlines() if "Atelier 1 — Mobilité" in line)
    assert toc_line.rstrip()[-1].isdigit()
    assert "Réseau Tarn" in text and "Département du Tarn" in text
    assert "Toujours vide" not in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    assert "Livret de la journée" in info


def test_pdf_bookmarks_follow_the_sections():
    from django.conf import settings
    from weasyprint import HTML

    from apps.core.documents import render_print_html

    rendered = HTML(string=render_print_html(sample()), base_url=str(settings.BASE_DIR)).render()
    tree = rendered.make_bookmark_tree()
    labels = [b[0] for b in tree]
    assert labels == ["Sommaire", "Chiffres clés", "Atelier 1 — Mobilité"]
    assert [b[0] for b in tree[2][2]] == ["Contexte", "Annexe de l'atelier"]


def test_odt_has_real_headings_lists_and_bold():
    data = documents.render_odt(sample())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        content = z.read("content.xml").decode()
        names = z.namelist()
    assert "## " not in content and "**" not in content
    assert 'text:outline-level="1"' in content and "Atelier 1 — Mobilité" in content
    assert 'text:outline-level="2"' in content  # the subsection, and the Markdown heading
    assert "<text:list " in content
    assert "très important" in content and 'text:style-name="Fort"' in content
    assert any(name.startswith("Pictures/") for name in names)  # the organiser's logo
    assert "Toujours vide" not in content


def test_docx_has_real_headings_lists_bold_and_toc():
    from docx import Document as Docx

    doc = Docx(io.BytesIO(documents.render_docx(sample())))
    styles = [(p.style.name, p.text) for p in doc.paragraphs]
    assert ("Title", "Livret de la journée") in styles
    assert ("Heading 1", "Atelier 1 — Mobilité") in styles
    assert ("Heading 2", "Annexe de l'atelier") in styles
    assert ("Heading 2", "Contexte") in styles  # Markdown "##" inside a level-1 section
    assert ("List Bullet", "premier point") in styles
    assert ("List Number", "deux") in styles
    bold = [r.text for p in doc.paragraphs for r in p.runs if r.bold]
    assert "très important" in bold
    assert not any("**" in p.text or p.text.startswith("## ") for p in doc.paragraphs)
    assert b"TOC \\o" in zipfile.ZipFile(io.BytesIO(documents.render_docx(sample()))).read(
        "word/document.xml"
    )
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Piste A" in cells and "Toujours vide" not in cells
    assert len(doc.inline_shapes) == 1
