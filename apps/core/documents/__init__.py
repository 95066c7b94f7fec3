"""One document builder for every generated document (workshop booklets, consultation booklets,
annual reports): a `Document` is plain data — title, cover, sections made of blocks — rendered as
an HTML fragment for a page, a tagged PDF (PDF/UA-1, table of contents, bookmarks), an ODT and a
DOCX with real headings, lists and bold. Domain apps build the `Document`; core imports none of
them. See docs/core.md.
"""

from apps.core.documents.model import (
    Block,
    BulletList,
    Cover,
    Document,
    Figure,
    Figures,
    Image,
    Markdown,
    Paragraph,
    Party,
    Quote,
    Section,
    Table,
    TableGroup,
)
from apps.core.documents.render import (
    FORMATS,
    render_docx,
    render_file,
    render_html,
    render_odt,
    render_pdf,
    render_print_html,
)

__all__ = [
    "FORMATS",
    "Block",
    "BulletList",
    "Cover",
    "Document",
    "Figure",
    "Figures",
    "Image",
    "Markdown",
    "Paragraph",
    "Party",
    "Quote",
    "Section",
    "Table",
    "TableGroup",
    "render_docx",
    "render_file",
    "render_html",
    "render_odt",
    "render_pdf",
    "render_print_html",
]
