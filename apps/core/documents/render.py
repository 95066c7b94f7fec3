"""Renderers of a `Document`: HTML fragment (a page of the site), print HTML → tagged PDF
(WeasyPrint, PDF/UA-1, table of contents with page numbers, bookmarks), ODT (odfpy) and DOCX
(python-docx), with real headings, lists, bold and tables."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from apps.core.documents import model
from apps.core.documents.markdown import MdBlock, Run, markdown_blocks
from apps.core.markdown import render_markdown

# --- shared preparation -------------------------------------------------------------------------


def _logo_uri(party: model.Party) -> str:
    if not party.logo:
        return ""
    return f"data:{party.logo_type};base64,{base64.b64encode(party.logo).decode('ascii')}"


_MD_HEADING = re.compile(r"<(/?)h([1-6])>")


def _markdown_html(text: str, section_level: int) -> SafeString:
    """Sanitised Markdown whose headings sit below the section's: « ## » in a section rendered
    as <h2> becomes <h3> (the level the ODT and DOCX writers use too)."""
    html = str(render_markdown(text, images="none"))

    def shift(match: re.Match[str]) -> str:
        level = min(6, section_level + int(match.group(2)) - 1)
        return f"<{match.group(1)}h{level}>"

    return mark_safe(_MD_HEADING.sub(shift, html))


def _block(block: model.Block, level: int = 2) -> dict[str, Any]:
    if isinstance(block, model.Figures):
        return {"kind": "figures", "caption": block.caption, "items": block.items}
    if isinstance(block, model.Markdown):
        return {"kind": "markdown", "html": _markdown_html(block.text, level)}
    if isinstance(block, model.Paragraph):
        return {"kind": "paragraph", "text": block.text, "muted": block.muted}
    if isinstance(block, model.BulletList):
        return {"kind": "list", "items": block.items, "title": block.title}
    if isinstance(block, model.Quote):
        return {
            "kind": "quote",
            "text": block.text,
            "author": block.author,
            "details": [(label, value) for label, value in block.details if value],
        }
    if isinstance(block, model.Table):
        return {"kind": "table", "caption": block.caption, "compact": block.compact, **block.layout()}
    if isinstance(block, model.Image):
        return {"kind": "image", "src": block.data_uri, "alt": block.alt, "caption": block.caption}
    raise TypeError(f"Unknown document block: {block!r}")


def _context(document: model.Document, *, heading_base: int) -> dict:
    cover = document.cover
    parties = lambda items: [{"name": p.name, "logo": _logo_uri(p), "alt": p.logo_alt} for p in items]  # noqa: E731
    return {
        "doc": document,
        "cover": cover,
        "organisers": parties(cover.organisers),
        "co_organisers": parties(cover.co_organisers),
        "sections": [
            {
                "level": min(6, heading_base + level - 1),
                "toc_level": level,
                "title": section.title,
                "anchor": anchor,
                "page_break": section.page_break and level == 1,
                "blocks": [_block(b, min(6, heading_base + level - 1)) for b in section.blocks],
            }
            for level, section, anchor in document.numbered()
        ],
    }


# --- HTML ---------------------------------------------------------------------------------------


def render_html(document: model.Document, *, heading_base: int = 2, show_cover: bool = True) -> SafeString:
    """The document as an HTML fragment for a page whose <h1> is the document title (sections
    start at <h2>). Uses static/maillage/css/document.css."""
    context = _context(document, heading_base=heading_base)
    context["show_cover"] = show_cover
    return mark_safe(render_to_string("core/documents/document.html", context))


def _font_dir() -> str:
    import dsfr

    return (Path(dsfr.__file__).resolve().parent / "static" / "dsfr" / "dist" / "fonts").as_uri()


def render_print_html(document: model.Document) -> str:
    """Standalone HTML for WeasyPrint: cover page, table of contents, sections from <h2>."""
    css = (Path(settings.BASE_DIR) / "static" / "maillage" / "css" / "document-print.css").read_text(
        encoding="utf-8"
    )
    context = _context(document, heading_base=2)
    context.update({"print_css": css, "font_dir": _font_dir()})
    return render_to_string("core/documents/print.html", context)


def render_pdf(document: model.Document) -> bytes:
    """Tagged PDF (PDF/UA-1: structure tags, language, title), bookmarks from the headings and a
    table of contents with page numbers."""
    from weasyprint import HTML

    html = HTML(string=render_print_html(document), base_url=str(settings.BASE_DIR))
    pdf: bytes = html.write_pdf(pdf_variant="pdf/ua-1")
    return pdf


# --- ODT ----------------------------------------------------------------------------------------


def render_odt(document: model.Document) -> bytes:
    from odf.draw import Frame
    from odf.draw import Image as OdfImage
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        GraphicProperties,
        ListLevelProperties,
        ParagraphProperties,
        Style,
        TableCellProperties,
        TableProperties,
        TextProperties,
    )
    from odf.table import Table as OdfTable
    from odf.table import TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import (
        A,
        H,
        LineBreak,
        List,
        ListItem,
        ListLevelStyleBullet,
        ListLevelStyleNumber,
        ListStyle,
        P,
        Span,
    )

    doc = OpenDocumentText()
    doc.meta.addElement(__import__("odf.dc", fromlist=["Title"]).Title(text=document.title))
    doc.meta.addElement(__import__("odf.dc", fromlist=["Language"]).Language(text=document.lang))

    def style(
        name: str,
        family: str,
        parent: str | None = None,
        text: dict[str, str] | None = None,
        para: dict[str, str] | None = None,
        **extra: Any,
    ) -> Any:
        s = Style(name=name, family=family, **({"parentstylename": parent} if parent else {}), **extra)
        if text:
            s.addElement(TextProperties(**text))
        if para:
            s.addElement(ParagraphProperties(**para))
        return s

    bold = style("Fort", "text", text={"fontweight": "bold"})
    italic = style("Italique", "text", text={"fontstyle": "italic"})
    bold_italic = style("FortItalique", "text", text={"fontweight": "bold", "fontstyle": "italic"})
    muted = style("Note", "paragraph", text={"fontsize": "9pt", "color": "#555555"})
    quote = style("Citation", "paragraph", para={"marginleft": "0.8cm", "marginbottom": "0.2cm"})
    title = style(
        "Titre document",
        "paragraph",
        text={"fontsize": "26pt", "fontweight": "bold"},
        para={"marginbottom": "0.5cm"},
    )
    cover_line = style("Couverture", "paragraph", text={"fontsize": "13pt"}, para={"marginbottom": "0.2cm"})
    cell_head = style("Entête de tableau", "paragraph", text={"fontweight": "bold"})
    group_head = style("Groupe de tableau", "paragraph", text={"fontweight": "bold", "color": "#000091"})
    caption = style(
        "Légende",
        "paragraph",
        text={"fontweight": "bold"},
        para={"margintop": "0.3cm", "marginbottom": "0.1cm"},
    )
    figure_style = style("Chiffre", "paragraph", text={"fontsize": "12pt"})
    page_break = style("Saut de page", "paragraph", para={"breakbefore": "page"})
    for s in (bold, italic, bold_italic):
        doc.automaticstyles.addElement(s)
    for s in (muted, quote, title, cover_line, cell_head, group_head, caption, figure_style, page_break):
        doc.styles.addElement(s)
    headings = {}
    for level, size in ((1, "18pt"), (2, "14pt"), (3, "12pt"), (4, "11pt"), (5, "10pt"), (6, "10pt")):
        s = style(
            f"Heading {level}",
            "paragraph",
            text={"fontsize": size, "fontweight": "bold", "color": "#000091"},
            para={"margintop": "0.4cm", "marginbottom": "0.2cm", "keepwithnext": "always"},
            defaultoutlinelevel=str(level),
        )
        doc.styles.addElement(s)
        headings[level] = s
    bullets = ListStyle(name="Puces")
    numbers = ListStyle(name="Numéros")
    for depth in range(1, 6):
        b = ListLevelStyleBullet(level=depth, bulletchar="•")
        b.addElement(ListLevelProperties(spacebefore=f"{0.6 * depth}cm", minlabelwidth="0.5cm"))
        bullets.addElement(b)
        n = ListLevelStyleNumber(level=depth, numformat="1", numsuffix=".")
        n.addElement(ListLevelProperties(spacebefore=f"{0.6 * depth}cm", minlabelwidth="0.6cm"))
        numbers.addElement(n)
    doc.automaticstyles.addElement(bullets)
    doc.automaticstyles.addElement(numbers)
    table_style = Style(name="Tableau", family="table")
    table_style.addElement(TableProperties(width="17cm", align="left"))
    doc.automaticstyles.addElement(table_style)
    cell_style = Style(name="Cellule", family="table-cell")
    cell_style.addElement(TableCellProperties(border="0.5pt solid #999999", padding="0.08cm"))
    doc.automaticstyles.addElement(cell_style)
    logo_style = Style(name="Logo", family="graphic")
    logo_style.addElement(GraphicProperties(anchortype="as-char", verticalpos="middle"))
    doc.automaticstyles.addElement(logo_style)

    def add_runs(paragraph: Any, runs: list[Run]) -> None:
        for run in runs:
            if run.text == "\n":
                paragraph.addElement(LineBreak())
                continue
            target = paragraph
            if run.href:
                target = A(href=run.href, type="simple")
                paragraph.addElement(target)
            if run.bold or run.italic:
                s = bold_italic if run.bold and run.italic else bold if run.bold else italic
                target.addElement(Span(stylename=s, text=run.text))
            else:
                target.addText(run.text)

    def md(text: str, base_level: int) -> None:
        current_list: list = []  # stack of (List element, ordered)
        for block in markdown_blocks(text):
            if block.kind != "li":
                current_list.clear()
            if block.kind == "h":
                h = H(
                    outlinelevel=min(6, base_level + block.level),
                    stylename=headings[min(6, base_level + block.level)],
                )
                add_runs(h, block.runs)
                doc.text.addElement(h)
            elif block.kind == "li":
                while len(current_list) > block.level + 1:
                    current_list.pop()
                if len(current_list) < block.level + 1:
                    lst = List(stylename=numbers if block.ordered else bullets)
                    if current_list:
                        holder = ListItem()
                        holder.addElement(lst)
                        current_list[-1].addElement(holder)
                    else:
                        doc.text.addElement(lst)
                    current_list.append(lst)
                item = ListItem()
                p = P()
                add_runs(p, block.runs)
                item.addElement(p)
                current_list[-1].addElement(item)
            elif block.kind == "quote":
                p = P(stylename=quote)
                add_runs(p, block.runs)
                doc.text.addElement(p)
            elif block.kind == "table":
                simple_table(block.rows[0] if block.rows else [], block.rows[1:], None)
            else:
                p = P()
                add_runs(p, block.runs)
                doc.text.addElement(p)

    def text_cell(value: object, stylename: str | None = None, span: int = 1) -> Any:
        cell = TableCell(stylename=cell_style, **({"numbercolumnsspanned": span} if span > 1 else {}))
        for line in str(value).splitlines() or [""]:
            cell.addElement(P(text=line, **({"stylename": stylename} if stylename else {})))
        return cell

    counter = {"n": 0}

    def simple_table(columns: list[str], rows: list[list[str]], layout: dict[str, Any] | None) -> None:
        counter["n"] += 1
        t = OdfTable(name=f"Tableau{counter['n']}", stylename=table_style)
        for _ in columns:
            t.addElement(TableColumn())
        header = TableHeaderRows()
        tr = TableRow()
        for col in columns:
            tr.addElement(text_cell(col, cell_head))
        header.addElement(tr)
        t.addElement(header)
        plain = layout["rows"] if layout else [{"cells": r} for r in rows]
        for row in plain:
            tr = TableRow()
            for value in row["cells"]:
                tr.addElement(text_cell(value))
            t.addElement(tr)
        for group in layout["groups"] if layout else []:
            tr = TableRow()
            tr.addElement(text_cell(group["heading"], group_head, span=len(columns)))
            for _ in range(len(columns) - 1):
                tr.addElement(__import__("odf.table", fromlist=["CoveredTableCell"]).CoveredTableCell())
            t.addElement(tr)
            for row in group["rows"]:
                tr = TableRow()
                for value in row["cells"]:
                    tr.addElement(text_cell(value))
                t.addElement(tr)
        if layout and layout["total"] is not None:
            tr = TableRow()
            tr.addElement(text_cell("Total", cell_head))
            for _ in range(len(columns) - 2):
                tr.addElement(text_cell(""))
            tr.addElement(text_cell(layout["total"], cell_head))
            t.addElement(tr)
        doc.text.addElement(t)

    def logos(parties: list[model.Party], label: str) -> None:
        if not parties:
            return
        doc.text.addElement(P(stylename=caption, text=label))
        for party in parties:
            p = P(stylename=cover_line)
            if party.logo:
                try:
                    from PIL import Image

                    with Image.open(io.BytesIO(party.logo)) as img:
                        w, h = img.size
                    height = 1.5
                    width = min(6.0, height * w / max(h, 1))
                    href = doc.addPictureFromString(party.logo, party.logo_type)
                    frame = Frame(
                        stylename=logo_style,
                        width=f"{width:.2f}cm",
                        height=f"{height:.2f}cm",
                        anchortype="as-char",
                        name=party.logo_alt,
                    )
                    frame.addElement(__import__("odf.svg", fromlist=["Title"]).Title(text=party.logo_alt))
                    frame.addElement(OdfImage(href=href))
                    p.addElement(frame)
                    p.addText(" ")
                except Exception:
                    pass
            p.addText(party.name)
            doc.text.addElement(p)

    # Cover
    cover = document.cover
    if cover.kicker:
        doc.text.addElement(P(stylename=cover_line, text=cover.kicker))
    doc.text.addElement(P(stylename=title, text=document.title))
    for line in (cover.subtitle, cover.date, cover.place):
        if line:
            doc.text.addElement(P(stylename=cover_line, text=line))
    logos(cover.organisers, "Organisé par")
    logos(cover.co_organisers, "Co-organisé avec")
    for line in (cover.publisher, cover.produced_on):
        if line:
            doc.text.addElement(P(stylename=muted, text=line))

    first = True
    for level, section, _anchor in document.numbered():
        if level == 1 and (section.page_break or first):
            doc.text.addElement(P(stylename=page_break))
        first = False
        h = H(outlinelevel=min(6, level), stylename=headings[min(6, level)], text=section.title)
        doc.text.addElement(h)
        for block in section.blocks:
            if isinstance(block, model.Figures):
                if block.caption:
                    doc.text.addElement(P(stylename=caption, text=block.caption))
                lst = List(stylename=bullets)
                for fig in block.items:
                    item = ListItem()
                    p = P(stylename=figure_style)
                    p.addElement(Span(stylename=bold, text=fig.text))
                    item.addElement(p)
                    lst.addElement(item)
                doc.text.addElement(lst)
            elif isinstance(block, model.Markdown):
                md(block.text, level)
            elif isinstance(block, model.Paragraph):
                doc.text.addElement(
                    P(stylename=muted, text=block.text) if block.muted else P(text=block.text)
                )
            elif isinstance(block, model.BulletList):
                if block.title:
                    p = P()
                    p.addElement(Span(stylename=bold, text=block.title))
                    doc.text.addElement(p)
                lst = List(stylename=bullets)
                for text in block.items:
                    item = ListItem()
                    item.addElement(P(text=text))
                    lst.addElement(item)
                doc.text.addElement(lst)
            elif isinstance(block, model.Quote):
                p = P(stylename=quote)
                p.addText(block.text)
                doc.text.addElement(p)
                for label, value in block.details:
                    if value:
                        p = P(stylename=quote)
                        p.addElement(Span(stylename=bold, text=f"{label} : "))
                        p.addText(value)
                        doc.text.addElement(p)
                if block.author:
                    doc.text.addElement(P(stylename=quote, text=f"— {block.author}"))
            elif isinstance(block, model.Table):
                layout = block.layout()
                doc.text.addElement(P(stylename=caption, text=block.caption))
                simple_table(layout["columns"], [], layout)
            elif isinstance(block, model.Image):
                if block.caption:
                    doc.text.addElement(P(stylename=caption, text=block.caption))
                if not block.png:
                    doc.text.addElement(P(stylename=muted, text=block.alt))
                    continue
                from PIL import Image as PilImage

                with PilImage.open(io.BytesIO(block.png)) as img:
                    w, h = img.size
                href = doc.addPictureFromString(block.png, "image/png")
                frame = Frame(
                    stylename=logo_style,
                    width=f"{block.width_cm:.2f}cm",
                    height=f"{block.width_cm * h / max(w, 1):.2f}cm",
                    anchortype="as-char",
                    name=block.caption or block.alt[:40],
                )
                frame.addElement(
                    __import__("odf.svg", fromlist=["Title"]).Title(text=block.caption or block.alt)
                )
                frame.addElement(__import__("odf.svg", fromlist=["Desc"]).Desc(text=block.alt))
                frame.addElement(OdfImage(href=href))
                p = P()
                p.addElement(frame)
                doc.text.addElement(p)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


# --- DOCX ---------------------------------------------------------------------------------------


def _docx_toc(paragraph: Any) -> None:
    """A Word table-of-contents field, filled by Word (or LibreOffice) when the file is opened."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = 'TOC \\o "1-2" \\h \\z \\u'
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    hint = OxmlElement("w:t")
    hint.text = "Sommaire : mettez à jour les champs (F9) pour afficher les numéros de page."
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, hint, end):
        run._r.append(element)


def _docx_header_row(row: Any) -> None:
    """Repeat the header row on each page, and mark it as a header for screen readers."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def render_docx(document: model.Document) -> bytes:
    from docx import Document as DocxDocument
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm, Pt, RGBColor

    doc = DocxDocument()
    doc.core_properties.title = document.title
    doc.core_properties.language = document.lang
    if document.author:
        doc.core_properties.author = document.author
    doc.styles["Normal"].font.name = "Marianne"
    doc.styles["Normal"].font.size = Pt(10)

    def add_runs(paragraph: Any, runs: list[Run]) -> None:
        for run in runs:
            if run.text == "\n":
                paragraph.add_run().add_break()
                continue
            r = paragraph.add_run(run.text)
            r.bold = run.bold or None
            r.italic = run.italic or None

    def md(text: str, base_level: int) -> None:
        for block in markdown_blocks(text):
            if block.kind == "h":
                add_runs(doc.add_heading(level=min(9, base_level + block.level)), block.runs)
            elif block.kind == "li":
                base = "List Number" if block.ordered else "List Bullet"
                name = base if block.level == 0 else f"{base} {min(3, block.level + 1)}"
                add_runs(doc.add_paragraph(style=name), block.runs)
            elif block.kind == "quote":
                add_runs(doc.add_paragraph(style="Quote"), block.runs)
            elif block.kind == "table":
                if block.rows:
                    table(block.rows[0], [{"cells": r} for r in block.rows[1:]], [], None)
            else:
                add_runs(doc.add_paragraph(), block.runs)

    def table(
        columns: list[str], rows: list[dict[str, Any]], groups: list[dict[str, Any]], total: object
    ) -> None:
        t = doc.add_table(rows=1, cols=max(1, len(columns)))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, columns, strict=False):
            cell.text = ""
            cell.paragraphs[0].add_run(str(text)).bold = True
        _docx_header_row(t.rows[0])
        for row in rows:
            for cell, text in zip(t.add_row().cells, row["cells"], strict=False):
                cell.text = text
        for group in groups:
            cells = t.add_row().cells
            merged = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
            merged.text = ""
            run = merged.paragraphs[0].add_run(group["heading"])
            run.bold = True
            run.font.color.rgb = RGBColor(0x00, 0x00, 0x91)
            for row in group["rows"]:
                for cell, text in zip(t.add_row().cells, row["cells"], strict=False):
                    cell.text = text
        if total is not None:
            cells = t.add_row().cells
            cells[0].paragraphs[0].add_run("Total").bold = True
            cells[-1].paragraphs[0].add_run(str(total)).bold = True

    def logos(parties: list[model.Party], label: str) -> None:
        if not parties:
            return
        doc.add_paragraph().add_run(label).bold = True
        for party in parties:
            p = doc.add_paragraph()
            if party.logo:
                try:
                    run = p.add_run()
                    shape = run.add_picture(io.BytesIO(party.logo), height=Cm(1.5))
                    shape._inline.docPr.set("descr", party.logo_alt)
                    p.add_run("  ")
                except Exception:
                    pass
            p.add_run(party.name)

    cover = document.cover
    if cover.kicker:
        doc.add_paragraph(cover.kicker)
    doc.add_heading(document.title, level=0)
    for line in (cover.subtitle, cover.date, cover.place):
        if line:
            doc.add_paragraph(line).runs[0].font.size = Pt(13)
    logos(cover.organisers, "Organisé par")
    logos(cover.co_organisers, "Co-organisé avec")
    for line in (cover.publisher, cover.produced_on):
        if line:
            doc.add_paragraph(line).runs[0].font.size = Pt(9)
    if document.toc:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_heading("Sommaire", level=1)
        _docx_toc(doc.add_paragraph())

    first = True
    for level, section, _anchor in document.numbered():
        if level == 1 and (section.page_break or first):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        first = False
        doc.add_heading(section.title, level=min(9, level))
        for block in section.blocks:
            if isinstance(block, model.Figures):
                if block.caption:
                    doc.add_paragraph().add_run(block.caption).bold = True
                for fig in block.items:
                    doc.add_paragraph(style="List Bullet").add_run(fig.text).bold = True
            elif isinstance(block, model.Markdown):
                md(block.text, level)
            elif isinstance(block, model.Paragraph):
                p = doc.add_paragraph(block.text)
                if block.muted and p.runs:
                    p.runs[0].font.size = Pt(8.5)
            elif isinstance(block, model.BulletList):
                if block.title:
                    doc.add_paragraph().add_run(block.title).bold = True
                for text in block.items:
                    doc.add_paragraph(text, style="List Bullet")
            elif isinstance(block, model.Quote):
                doc.add_paragraph(block.text, style="Quote")
                for label, value in block.details:
                    if value:
                        p = doc.add_paragraph(style="Quote")
                        p.add_run(f"{label} : ").bold = True
                        p.add_run(value)
                if block.author:
                    doc.add_paragraph(f"— {block.author}", style="Quote")
            elif isinstance(block, model.Table):
                layout = block.layout()
                doc.add_paragraph().add_run(block.caption).bold = True
                table(layout["columns"], layout["rows"], layout["groups"], layout["total"])
            elif isinstance(block, model.Image):
                if block.caption:
                    doc.add_paragraph().add_run(block.caption).bold = True
                if not block.png:
                    doc.add_paragraph(block.alt)
                    continue
                shape = (
                    doc.add_paragraph().add_run().add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
                )
                shape._inline.docPr.set("descr", block.alt)
                shape._inline.docPr.set("title", block.caption or block.alt[:60])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- one entry point per format -----------------------------------------------------------------

FORMATS = {
    "pdf": (render_pdf, "application/pdf"),
    "odt": (render_odt, "application/vnd.oasis.opendocument.text"),
    "docx": (render_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


def render_file(document: model.Document, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the document in `fmt` (pdf, odt, docx)."""
    renderer, content_type = FORMATS[fmt]
    return renderer(document), content_type, f"{document.filename}.{fmt}"


# Exposed for the MdBlock consumers' type hints.
__all__ = ["FORMATS", "MdBlock", "render_docx", "render_file", "render_html", "render_odt", "render_pdf"]
