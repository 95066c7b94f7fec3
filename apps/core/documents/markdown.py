"""User Markdown as a small list of blocks for the ODT and DOCX writers.

The Markdown is first rendered and sanitised by apps.core.markdown (the same HTML as the page), then
read back: paragraphs, headings, bullet and numbered lists (nested lists flattened with a depth),
quotes and tables, each made of runs of text that may be bold, italic or a link. One
interpretation of Markdown for every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import html as lxml_html

from apps.core.markdown import render_markdown


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


@dataclass
class MdBlock:
    kind: str  # "p", "h", "li", "quote", "table"
    runs: list[Run] = field(default_factory=list)
    level: int = 0  # heading level (1 = first level inside the section) or list depth (0 = top)
    ordered: bool = False
    number: int = 0
    rows: list[list[str]] = field(default_factory=list)


def _runs(
    element: lxml_html.HtmlElement, bold: bool = False, italic: bool = False, href: str = ""
) -> list[Run]:
    runs: list[Run] = []
    if element.text:
        runs.append(Run(element.text, bold, italic, href))
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("ul", "ol", "table"):
            pass  # block children are handled by the caller
        elif tag == "br":
            runs.append(Run("\n", bold, italic, href))
        else:
            runs.extend(
                _runs(
                    child,
                    bold or tag in ("strong", "b"),
                    italic or tag in ("em", "i"),
                    child.get("href", href) if tag == "a" else href,
                )
            )
        if child.tail:
            runs.append(Run(child.tail, bold, italic, href))
    return runs


def _clean(runs: list[Run]) -> list[Run]:
    out = [
        Run(" ".join(r.text.split(" ")) if r.text != "\n" else r.text, r.bold, r.italic, r.href) for r in runs
    ]
    out = [
        Run(r.text.replace("\n", " ") if r.text != "\n" else r.text, r.bold, r.italic, r.href) for r in out
    ]
    if out:
        out[0].text = out[0].text.lstrip()
        out[-1].text = out[-1].text.rstrip()
    return [r for r in out if r.text]


def _list(element: lxml_html.HtmlElement, depth: int, ordered: bool) -> list[MdBlock]:
    blocks: list[MdBlock] = []
    number = 0
    for item in element:
        if item.tag != "li":
            continue
        number += 1
        paragraphs = [child for child in item if child.tag == "p"]
        runs = []
        if paragraphs:  # "loose" list: <li><p>…</p></li>
            for p in paragraphs:
                runs.extend(_runs(p))
        else:
            runs = _runs(item)
        blocks.append(MdBlock("li", _clean(runs), level=depth, ordered=ordered, number=number))
        for child in item:
            if child.tag in ("ul", "ol"):
                blocks.extend(_list(child, depth + 1, child.tag == "ol"))
    return blocks


def markdown_blocks(text: str) -> list[MdBlock]:
    source = str(render_markdown(text or "", images="none"))
    if not source.strip():
        return []
    blocks: list[MdBlock] = []
    for element in lxml_html.fragments_fromstring(source):
        if isinstance(element, str):
            if element.strip():
                blocks.append(MdBlock("p", [Run(element.strip())]))
            continue
        tag = element.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            blocks.append(MdBlock("h", _clean(_runs(element)), level=max(1, int(tag[1]) - 1)))
        elif tag in ("ul", "ol"):
            blocks.extend(_list(element, 0, tag == "ol"))
        elif tag == "blockquote":
            for child in element:
                blocks.append(MdBlock("quote", _clean(_runs(child))))
        elif tag == "table":
            rows = [
                [" ".join(cell.text_content().split()) for cell in row if cell.tag in ("th", "td")]
                for row in element.iter("tr")
            ]
            blocks.append(MdBlock("table", rows=rows))
        elif tag == "hr":
            continue
        else:  # p, pre, anything else: a paragraph
            runs = _clean(_runs(element))
            if runs:
                blocks.append(MdBlock("p", runs))
    return blocks
