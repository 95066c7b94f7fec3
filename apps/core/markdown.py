"""User-written Markdown, rendered then sanitised with nh3 (an allow-list, not a deny-list).

Images: only those uploaded through the editor (apps.core.files, "images in texts") are kept, each
address signed for whoever the text is rendered for; any other image (another site's: it would
tell that site who reads the page, and the CSP refuses it anyway) is removed, its alternative text
left in its place."""

import re
from typing import Literal

import markdown as md
import nh3
from django.utils.safestring import mark_safe

from apps.core import files

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "del", "blockquote", "code", "pre",
    "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody",
    "tr", "th", "td", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set(), "img": {"src", "alt", "title"}}
# Where the text is shown: a page (signatures that expire), an e-mail (absolute addresses whose
# signature does not), a generated document (no image: the PDF, ODT and DOCX writers fetch nothing).
Images = Literal["page", "email", "none"]
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_IMG_SRC = re.compile(r"\ssrc=\"[^\"]+\"")
_IMG_ALT = re.compile(r"\salt=\"([^\"]*)\"")
_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


def _shift_headings(html: str) -> str:
    """h1 is the page's title: the text's top heading level becomes h2, the others follow
    (`#`/`##` → h2/h3, or `##`/`###` → h2/h3), so that no level is skipped; h6 is the floor."""
    levels = [int(m.group(2)) for m in _HEADING_TAG.finditer(html)]
    if not levels:
        return html
    offset = 2 - min(levels)
    return _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + offset, 6)}", html)


def _without_foreign_images(html: str) -> str:
    """An <img> whose address the filter refused has no src left: its alternative text (already
    escaped by nh3) takes its place. Images kept load lazily and always have an alt attribute."""

    def replace(match: re.Match[str]) -> str:
        tag = match.group(0)
        alt = _IMG_ALT.search(tag)
        if not _IMG_SRC.search(tag):
            return str(alt.group(1)) if alt else ""
        return str(tag[:-1]) + ("" if alt else ' alt=""') + ' loading="lazy">'

    return _IMG.sub(replace, html)


def render_markdown(text: str, *, images: Images = "page") -> str:
    if not text:
        return mark_safe("")
    html = _shift_headings(md.markdown(text, extensions=["extra", "sane_lists"], output_format="html"))

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return None if images == "none" else files.embedded_src(value, email=images == "email")
        return value

    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS | {"img"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=attribute_filter,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    # Safe: sanitised by nh3 just above.
    return mark_safe(_without_foreign_images(clean))


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown field, for search indexes and snippets."""
    return nh3.clean(md.markdown(text or ""), tags=set()).strip()


_MD_IMAGE = re.compile(r"!\[((?:\\.|[^\]\\])*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")


def images_as_text(text: str) -> str:
    """Markdown images written as "[Image : alt]": for the plain-text twin of an e-mail, where an
    address to an image is noise and its description is what counts."""
    return _MD_IMAGE.sub(lambda m: f"[Image : {re.sub(r'\\(.)', r'\1', m.group(1)).strip()}]", text or "")
