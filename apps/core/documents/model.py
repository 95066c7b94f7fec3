"""The data of a generated document: what every renderer (HTML, PDF, ODT, DOCX) reads.

Everything is already computed and formatted by the domain app: the renderers only lay it out.
Text is plain text, except `Markdown` blocks (user Markdown, sanitised by apps.core.markdown).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from apps.core.french import count_label


@dataclass
class Party:
    """An organiser, a co-organiser or the publisher, with an optional logo (image bytes: PNG,
    JPEG, GIF or WebP, as accepted by apps.core.files)."""

    name: str
    logo: bytes | None = None
    logo_type: str = "image/png"

    @property
    def logo_alt(self) -> str:
        return f"Logo de {self.name}"


@dataclass
class Cover:
    kicker: str = ""  # above the title: « Livret de synthèse », « Rapport annuel d'activité »
    subtitle: str = ""
    date: str = ""  # formatted by the caller: « 14 mars 2025 », « du 1er janvier au 31 décembre 2025 »
    place: str = ""
    organisers: list[Party] = field(default_factory=list)
    co_organisers: list[Party] = field(default_factory=list)
    publisher: str = ""  # the instance, as publisher only: « Publié sur Maillage — Réseau COMETE »
    produced_on: str = ""  # « Document produit le 5 décembre 2026 »


@dataclass
class Figure:
    """A key figure. `wording` replaces the computed text when the author chose one (« plus de
    50 participant·es »); the computed value is always kept beside it in the data."""

    value: int | float
    singular: str
    plural: str = ""
    wording: str = ""

    @property
    def computed_text(self) -> str:
        return count_label(self.value, self.singular, self.plural)

    @property
    def text(self) -> str:
        return self.wording or self.computed_text


@dataclass
class Figures:
    items: list[Figure]
    caption: str = ""


@dataclass
class Markdown:
    text: str


@dataclass
class Paragraph:
    text: str
    muted: bool = False  # a note, an explanation: smaller, grey


@dataclass
class BulletList:
    items: list[str]
    title: str = ""  # a bold lead-in line, not a heading


@dataclass
class Quote:
    text: str
    author: str = ""
    details: list[tuple[str, str]] = field(default_factory=list)  # (label, value); empty values skipped


@dataclass
class TableGroup:
    """Rows under a heading row spanning the table (a piste d'orientation over its actions)."""

    heading: str
    rows: list[list]


@dataclass
class Table:
    """A data table. Either `rows`, or `groups` (rows grouped under heading rows). With `bars`,
    the last column holds counts drawn as bars in HTML and PDF. With `drop_empty_columns`, a
    column empty on every row is left out of every format."""

    caption: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    groups: list[TableGroup] = field(default_factory=list)
    bars: bool = False
    total: bool = False  # a « Total » row summing the last column
    drop_empty_columns: bool = True
    compact: bool = False  # small print (annexes)
    # Relative widths of the columns (before empty ones are dropped). Given, the PDF lays the
    # table out with fixed widths: much faster for long annexes than measuring every cell.
    widths: list[int] = field(default_factory=list)

    def all_rows(self) -> list[list]:
        return [*self.rows, *(row for group in self.groups for row in group.rows)]

    def kept_columns(self) -> list[int]:
        if not self.drop_empty_columns:
            return list(range(len(self.columns)))
        rows = self.all_rows()
        if not rows:
            return list(range(len(self.columns)))
        return [
            index
            for index in range(len(self.columns))
            if any(str(row[index]).strip() for row in rows if index < len(row) and row[index] is not None)
        ]

    def layout(self) -> dict:
        """Columns and rows as rendered: empty columns dropped, cells as text, bar widths."""
        keep = self.kept_columns()

        def cells(row: Sequence[Any]) -> list[str]:
            return [("" if index >= len(row) or row[index] is None else str(row[index])) for index in keep]

        counts = [row[-1] for row in self.all_rows() if row and isinstance(row[-1], int | float)]
        top = max(counts, default=0)

        columns = [self.columns[index] for index in keep]

        def line(row: Sequence[Any]) -> dict[str, Any]:
            texts = cells(row)
            return {"cells": texts, "pairs": list(zip(columns, texts, strict=True)), "bar": bar(row)}

        def bar(row: Sequence[Any]) -> int:
            if not self.bars or not top or not row or not isinstance(row[-1], int | float):
                return 0
            return round(row[-1] * 20 / top) * 5  # steps of 5 %: CSS classes, never inline styles

        widths = []
        if self.widths and len(self.widths) == len(self.columns):
            kept = [self.widths[index] for index in keep]
            total = sum(kept) or 1
            widths = [max(5, round(w * 20 / total) * 5) for w in kept]  # 5 % steps: CSS classes
        return {
            "columns": columns,
            "widths": widths,
            "rows": [line(row) for row in self.rows],
            "groups": [{"heading": g.heading, "rows": [line(row) for row in g.rows]} for g in self.groups],
            "total": sum(counts) if self.total else None,
        }


@dataclass
class Image:
    """A picture (a map, a chart) with its text alternative. HTML and PDF use `svg` (markup of a
    standalone <svg>) when given, else `png`; ODT and DOCX use `png` (their SVG support varies
    between office suites). The figures it shows must also be given as text (a Table next to it)."""

    alt: str
    caption: str = ""
    svg: str = ""
    png: bytes = b""
    width_cm: float = 14.0

    @property
    def data_uri(self) -> str:
        import base64

        if self.svg:
            return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")
        if self.png:
            return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")
        return ""


Block = Figures | Markdown | Paragraph | BulletList | Quote | Table | Image


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    anchor: str = ""  # HTML id, unique in the document; derived from the position when empty
    page_break: bool = False  # start a new page (PDF) before this top-level section


@dataclass
class Document:
    title: str
    cover: Cover = field(default_factory=Cover)
    sections: list[Section] = field(default_factory=list)
    toc: bool = True
    filename: str = "document"  # without extension
    lang: str = "fr"
    author: str = ""  # PDF/ODT/DOCX metadata

    def numbered(self) -> list[tuple[int, Section, str]]:
        """Every section with its level (1 = top) and a unique anchor, in reading order."""
        out: list[tuple[int, Section, str]] = []

        def walk(sections: list[Section], level: int, prefix: str) -> None:
            for index, section in enumerate(sections, start=1):
                anchor = section.anchor or f"doc-{prefix}{index}"
                out.append((level, section, anchor))
                walk(section.subsections, level + 1, f"{prefix}{index}-")

        walk(self.sections, 1, "")
        return out
