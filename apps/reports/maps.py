"""Maps of the départements for the annual report, drawn on the server from the committed offline
outline (static/maillage/geo/france.json, IGN ADMIN EXPRESS): an SVG for the page and the PDF, a
PNG (Pillow) for the ODT and DOCX files, which cannot hold SVG everywhere.

A map is a picture of a table: the same figures are always given beside it as a data table (RGAA
1.3), the SVG has a title and a description, and each département carries its name and figure as
a tooltip. Metropolitan France is drawn with an equirectangular projection around 46.5° N; the five
overseas départements sit in insets below it, each at its own scale (said in the description).
"""

from __future__ import annotations

import functools
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.html import escape

OUTLINE = Path(settings.BASE_DIR) / "static" / "maillage" / "geo" / "france.json"
OVERSEAS = ("971", "972", "973", "974", "976")

WIDTH = 600  # SVG user units
METRO_HEIGHT = 585
INSET_TOP = METRO_HEIGHT + 10
INSET_SIZE = 100
INSET_LABEL = 22
LEGEND_TOP = INSET_TOP + INSET_SIZE + INSET_LABEL + 16
LEGEND_COLUMNS, LEGEND_ROW = 3, 34
# Sizes in user units: the map is shown 300 to 600 px wide, so text is drawn large.
INSET_FONT, LEGEND_FONT = 17, 22
HEIGHT = LEGEND_TOP + 30 + 2 * LEGEND_ROW

# Sequential blues of the DSFR (blue France), lightest for the lowest class; none for zero.
ZERO_FILL = "#f6f6f6"
FILLS = ("#cacafb", "#8585f6", "#4a4ae9", "#000091")
STROKE = "#7b7b7b"


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    path: str  # SVG path data, in user units
    rings: tuple[tuple[tuple[float, float], ...], ...]  # the same points, for the PNG


def _rings(geometry: dict) -> list[list[tuple[float, float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [[(lon, lat) for lon, lat in ring] for polygon in polygons for ring in polygon]


def _projector(rings, box: tuple[float, float, float, float]):
    """A function (lon, lat) → (x, y) fitting `rings` in `box` (x, y, width, height), keeping
    proportions with an equirectangular projection around the rings' mean latitude."""
    lons = [p[0] for ring in rings for p in ring]
    lats = [p[1] for ring in rings for p in ring]
    factor = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x, span_y = (max(lons) - min(lons)) * factor, max(lats) - min(lats)
    bx, by, bw, bh = box
    scale = min(bw / span_x, bh / span_y)
    ox = bx + (bw - span_x * scale) / 2
    oy = by + (bh - span_y * scale) / 2
    west, north = min(lons), max(lats)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (ox + (lon - west) * factor * scale, oy + (north - lat) * scale)

    return project


def _number_svg(value: int) -> str:
    """A length in tenths of a unit, as short as SVG allows: 15 → "1.5", -5 → "-.5", 20 → "2"."""
    sign, value = ("-", -value) if value < 0 else ("", value)
    units, tenths = divmod(value, 10)
    if not tenths:
        return f"{sign}{units}"
    return f"{sign}{units or ''}.{tenths}"


def _path(rings: list[list[tuple[float, float]]]) -> str:
    """Compact path data: absolute first point, then relative moves, in tenths of a unit (the
    points are rounded first, so the relative moves never drift)."""
    parts = []
    for ring in rings:
        points: list[tuple[int, int]] = []
        for x, y in ring:
            point = (round(x * 10), round(y * 10))
            if not points or points[-1] != point:
                points.append(point)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(points) < 3:
            continue
        (x0, y0), moves = points[0], []
        previous = points[0]
        for x, y in points[1:]:
            dx, dy = x - previous[0], y - previous[1]
            dy_text = _number_svg(dy)
            moves.append(_number_svg(dx) + ("" if dy_text.startswith("-") else " ") + dy_text)
            previous = (x, y)
        parts.append(f"M{_number_svg(x0)} {_number_svg(y0)}l" + " ".join(moves) + "z")
    return "".join(parts)


@functools.cache
def shapes() -> tuple[Shape, ...]:
    """Every département, projected once per process (the outline only changes with the code)."""
    features = [
        f
        for f in json.loads(OUTLINE.read_text(encoding="utf-8"))["features"]
        if f["properties"]["level"] == "department"
    ]
    metro = [f for f in features if f["properties"]["code"] not in OVERSEAS]
    project = _projector([r for f in metro for r in _rings(f["geometry"])], (0, 0, WIDTH, METRO_HEIGHT))
    projected: dict[str, list] = {
        f["properties"]["code"]: [[project(*p) for p in ring] for ring in _rings(f["geometry"])]
        for f in metro
    }
    gap = (WIDTH - INSET_SIZE * len(OVERSEAS)) / (len(OVERSEAS) + 1)
    for index, code in enumerate(OVERSEAS):
        feature = next((f for f in features if f["properties"]["code"] == code), None)
        if feature is None:
            continue
        rings = _rings(feature["geometry"])
        box = (gap + index * (INSET_SIZE + gap), INSET_TOP, INSET_SIZE, INSET_SIZE)
        inset = _projector(rings, box)
        projected[code] = [[inset(*p) for p in ring] for ring in rings]
    names = {f["properties"]["code"]: f["properties"]["name"] for f in features}
    return tuple(
        Shape(
            code=code,
            name=names[code],
            path=_path(rings),
            rings=tuple(tuple(ring) for ring in rings),
        )
        for code, rings in sorted(projected.items())
    )


def _inset_label_positions() -> dict[str, float]:
    gap = (WIDTH - INSET_SIZE * len(OVERSEAS)) / (len(OVERSEAS) + 1)
    return {code: gap + index * (INSET_SIZE + gap) + INSET_SIZE / 2 for index, code in enumerate(OVERSEAS)}


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


@dataclass
class LegendClass:
    low: int
    high: int
    fill: str

    @property
    def label(self) -> str:
        if self.low == self.high:
            return _number(self.low)
        return f"{_number(self.low)} à {_number(self.high)}"


def classes(values: list[int]) -> list[LegendClass]:
    """Up to four classes of the positive values, with about as many départements in each
    (quantiles of the distinct values): a class never splits equal values."""
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return []
    count = min(len(FILLS), len(set(positive)))
    bounds: list[int] = []
    for index in range(1, count + 1):
        bound = positive[min(len(positive) - 1, math.ceil(index * len(positive) / count) - 1)]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    out, low = [], positive[0]
    fills = FILLS[len(FILLS) - len(bounds) :] if len(bounds) < len(FILLS) else FILLS
    for bound, fill in zip(bounds, fills, strict=True):
        out.append(LegendClass(low=low, high=bound, fill=fill))
        low = bound + 1
    return out


def _fill(value: int, legend: list[LegendClass]) -> str:
    for item in legend:
        if value <= item.high:
            return item.fill if value > 0 else ZERO_FILL
    return ZERO_FILL


@dataclass
class DepartementMap:
    """A choropleth of one figure by département code. `values` holds every département that has
    a figure (missing ones count 0)."""

    map_id: str
    title: str
    unit: str  # « organisations », « personnes »: in the legend and the tooltips
    values: dict[str, int]
    what: str = ""  # « le nombre d'organisations qui ont rejoint le réseau »: in the description
    legend: list[LegendClass] = field(default_factory=list)

    def __post_init__(self):
        self.legend = classes(list(self.values.values()))

    @property
    def total(self) -> int:
        return sum(self.values.values())

    @property
    def description(self) -> str:
        return (
            f"Carte des départements colorés selon {self.what or f'leur nombre ({self.unit})'} : plus la couleur est "
            "foncée, plus le nombre est élevé ; les départements d'outre-mer sont représentés sous la "
            "métropole, chacun à sa propre échelle. Les chiffres de chaque département figurent dans "
            "le tableau qui accompagne la carte."
        )

    def svg(self, *, standalone: bool = False) -> str:
        """The map as SVG markup: inline in a page (role img, title, description), or a standalone
        file for the PDF (with the XML namespace and a size)."""
        ident = escape(self.map_id)
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
            + (f' width="{WIDTH}" height="{HEIGHT}"' if standalone else ' class="report-map__svg"')
            + f' role="img" aria-labelledby="{ident}-title {ident}-desc" focusable="false">',
            f'<title id="{ident}-title">{escape(self.title)}</title>',
            f'<desc id="{ident}-desc">{escape(self.description)}</desc>',
            f'<g stroke="{STROKE}" stroke-width="0.5" stroke-linejoin="round">',
        ]
        for shape in shapes():
            value = self.values.get(shape.code, 0)
            tooltip = f"{shape.name} ({shape.code}) : {_number(value)} {self.unit}"
            out.append(
                f'<path d="{shape.path}" fill="{_fill(value, self.legend)}"><title>{escape(tooltip)}</title></path>'
            )
        out.append("</g>")
        out.append(f'<g font-family="Marianne, Arial, sans-serif" font-size="{INSET_FONT}" fill="#3a3a3a">')
        for code, x in _inset_label_positions().items():
            name = next((s.name for s in shapes() if s.code == code), code)
            out.append(
                f'<text x="{x:.1f}" y="{INSET_TOP + INSET_SIZE + INSET_LABEL - 4}" '
                f'text-anchor="middle">{escape(name)}</text>'
            )
        out.append("</g>")
        out.append(self._svg_legend())
        out.append("</svg>")
        return "".join(out)

    def _legend_items(self) -> list[tuple[str, str]]:
        return [(ZERO_FILL, "0"), *((item.fill, item.label) for item in self.legend)]

    def _legend_boxes(self) -> list[tuple[float, float, str, str]]:
        """(x, y of the swatch, fill, label): LEGEND_COLUMNS per row."""
        step = WIDTH / LEGEND_COLUMNS
        return [
            (
                (index % LEGEND_COLUMNS) * step,
                LEGEND_TOP + 30 + (index // LEGEND_COLUMNS) * LEGEND_ROW,
                fill,
                label,
            )
            for index, (fill, label) in enumerate(self._legend_items())
        ]

    def _svg_legend(self) -> str:
        out = [
            f'<g font-family="Marianne, Arial, sans-serif" font-size="{LEGEND_FONT}" fill="#161616">',
            f'<text x="0" y="{LEGEND_TOP + 18}">{escape(self.unit.capitalize())} :</text>',
        ]
        for x, y, fill, label in self._legend_boxes():
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="22" height="22" fill="{fill}" '
                f'stroke="{STROKE}" stroke-width="0.8"/>'
                f'<text x="{x + 30:.1f}" y="{y + 19}">{escape(label)}</text>'
            )
        out.append("</g>")
        return "".join(out)

    def png(self, *, scale: float = 2.0) -> bytes:
        """The same map as a PNG, for the ODT and DOCX files."""
        from PIL import Image, ImageDraw

        width, height = round(WIDTH * scale), round(HEIGHT * scale)
        image = Image.new("RGB", (width, height), "#ffffff")
        draw = ImageDraw.Draw(image)
        for shape in shapes():
            fill = _fill(self.values.get(shape.code, 0), self.legend)
            for ring in shape.rings:
                if len(ring) >= 3:
                    draw.polygon([(x * scale, y * scale) for x, y in ring], fill=fill, outline=STROKE)
        small, font = _font(round(INSET_FONT * scale)), _font(round(LEGEND_FONT * scale))
        for code, x in _inset_label_positions().items():
            name = next((s.name for s in shapes() if s.code == code), code)
            draw.text(
                (x * scale, (INSET_TOP + INSET_SIZE + INSET_LABEL - 4) * scale),
                name,
                fill="#3a3a3a",
                font=small,
                anchor="ms",
            )
        draw.text(
            (0, (LEGEND_TOP + 18) * scale),
            f"{self.unit.capitalize()} :",
            fill="#161616",
            font=font,
            anchor="ls",
        )
        for x, y, fill, label in self._legend_boxes():
            draw.rectangle(
                [x * scale, y * scale, (x + 22) * scale, (y + 22) * scale], fill=fill, outline=STROKE
            )
            draw.text(((x + 30) * scale, (y + 19) * scale), label, fill="#161616", font=font, anchor="ls")
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()


def _font(size: int):
    """Marianne (the DSFR's font, as in the PDF) when the package ships it, else Pillow's own."""
    from PIL import ImageFont

    try:
        import dsfr

        path = (
            Path(dsfr.__file__).resolve().parent
            / "static"
            / "dsfr"
            / "dist"
            / "fonts"
            / "Marianne-Regular.woff"
        )
        return ImageFont.truetype(str(path), size)
    except (ImportError, OSError):
        return ImageFont.load_default(size=size)


def growth_maps(growth) -> list[DepartementMap]:
    """The report's two maps: organisations that joined, and active members (people)."""
    return [
        DepartementMap(
            map_id="map-joined",
            title="Nouvelles organisations membres, par département",
            unit="organisations",
            values={row.code: row.organisations for row in growth.by_departement},
            what="le nombre d'organisations qui ont rejoint le réseau pendant la période",
        ),
        DepartementMap(
            map_id="map-active",
            title="Membres actifs sur la période, par département de leur organisation",
            unit="personnes",
            values={row.code: row.active for row in growth.by_departement},
            what="le nombre de membres actifs sur la période (personnes, dans le département de leur organisation)",
        ),
    ]
