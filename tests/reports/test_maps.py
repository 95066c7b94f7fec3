"""The annual report's maps by département (apps/reports/maps.py): drawn from the committed
outline, classes that cover every value, an accessible SVG, the same map as a PNG, and the maps
with their data table in the page and in the PDF, ODT and DOCX."""

import datetime
import io
import itertools
import re
import zipfile

import pytest
from django.core.cache import cache
from django.utils import timezone
from PIL import Image

from apps.reports import maps, services
from apps.reports.models import ReportFile
from tests.factories import (
    CommuneFactory,
    DepartementFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

YEAR = timezone.localdate().year - 1


def test_every_departement_of_the_outline_is_drawn_once():
    shapes = maps.shapes()
    codes = [shape.code for shape in shapes]
    assert len(codes) == len(set(codes)) == 101
    assert {"01", "2A", "2B", "75", "971", "976"} <= set(codes)
    for shape in shapes:
        assert shape.path.startswith("M") and shape.path.endswith("z")
        for ring in shape.rings:
            for x, y in ring:
                assert 0 <= x <= maps.WIDTH and 0 <= y <= maps.HEIGHT


def _decode(path: str) -> list[list[tuple[float, float]]]:
    """The absolute points of a path made of `M x y l dx dy … z` rings."""
    rings = []
    for chunk in re.findall(r"M([^l]*)l([^z]*)z", path):
        numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", " ".join(chunk))]
        x, y = numbers[0], numbers[1]
        ring = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = round(x + dx, 1), round(y + dy, 1)
            ring.append((x, y))
        rings.append(ring)
    return rings


def test_compact_path_draws_the_projected_points():
    for shape in maps.shapes()[:20]:
        decoded = _decode(shape.path)
        kept = [ring for ring in shape.rings if len({(round(x, 1), round(y, 1)) for x, y in ring}) >= 3]
        assert len(decoded) == len(kept)
        for points, ring in zip(decoded, kept, strict=True):
            expected = {(round(x * 10) / 10, round(y * 10) / 10) for x, y in ring}
            assert set(points) <= expected and len(set(points)) >= 3


@pytest.mark.parametrize(
    "values",
    [
        [0, 0],
        [3],
        [1, 1, 1, 2],
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 200],
        [5, 5, 5, 5, 9, 9, 1000],
        list(range(60)),
    ],
)
def test_classes_cover_every_positive_value_in_order(values):
    legend = maps.classes(values)
    positive = [v for v in values if v > 0]
    if not positive:
        assert legend == []
        return
    assert 1 <= len(legend) <= len(maps.FILLS)
    assert legend[0].low == min(positive) and legend[-1].high == max(positive)
    for before, after in itertools.pairwise(legend):
        assert before.high < after.low == before.high + 1
    # Darker means more: the darkest fill is always the highest class.
    assert legend[-1].fill == maps.FILLS[-1]
    for value in positive:
        assert sum(item.low <= value <= item.high for item in legend) == 1


def test_svg_names_itself_and_each_departement():
    item = maps.DepartementMap(
        map_id="m", title="Nouvelles <organisations>", unit="organisations", values={"34": 12, "29": 1}
    )
    svg = item.svg()
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-labelledby="m-title m-desc"' in svg
    assert "Nouvelles &lt;organisations&gt;" in svg and "<organisations>" not in svg
    assert svg.count("<path ") == 101
    assert "Hérault (34) : 12 organisations" in svg and "Ain (01) : 0 organisations" in svg
    fills = {title: fill for fill, title in re.findall(r'fill="(#[0-9a-f]{6})"><title>([^<]*)</title>', svg)}
    assert len(fills) == 101
    assert fills["Hérault (34) : 12 organisations"] == maps.FILLS[-1]
    assert fills["Ain (01) : 0 organisations"] == maps.ZERO_FILL
    standalone = item.svg(standalone=True)
    assert 'xmlns="http://www.w3.org/2000/svg"' in standalone and f'width="{maps.WIDTH}"' in standalone


def test_png_is_the_same_map():
    item = maps.DepartementMap(map_id="m", title="Carte", unit="personnes", values={"75": 40})
    with Image.open(io.BytesIO(item.png(scale=1))) as image:
        assert image.size == (maps.WIDTH, maps.HEIGHT)
        # Paris (75) is filled with the darkest blue somewhere in the picture.
        colours = {colour for _count, colour in image.convert("RGB").getcolors(maxcolors=1 << 20)}
        assert (0, 0, 0x91) in colours


@pytest.fixture
def report_with_map(db):
    herault = DepartementFactory(name="Hérault", code="34")
    for index in range(3):
        organisation = OrganisationFactory(
            territory=CommuneFactory(epci=None, departement=herault, region=herault.region)
        )
        type(organisation).objects.filter(pk=organisation.pk).update(
            created_at=timezone.make_aware(datetime.datetime(YEAR, 5, 1 + index))
        )
        user = UserFactory()
        type(user).objects.filter(pk=user.pk).update(
            last_login=timezone.make_aware(datetime.datetime(YEAR, 6, 1 + index))
        )
        MembershipFactory(person=PersonFactory(user=user), organisation=organisation)
    cache.clear()
    return services.report_create(
        user=UserFactory(animator=True), start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31)
    )


def test_report_page_shows_the_maps_and_their_table(client, report_with_map):
    client.force_login(UserFactory(animator=True))
    html = client.get(report_with_map.get_absolute_url()).content.decode()
    assert "Carte des membres par département" in html
    assert html.count('class="report-map__svg"') == 2
    table = html[html.index("Données des cartes") :]
    assert re.search(r"Hérault \(34\)</th>\s*<td>3</td>\s*<td>3</td>", table)


def test_files_hold_the_maps_and_their_table(report_with_map):
    from apps.reports.tasks import report_documents_produce

    files = {item.format: item for item in report_documents_produce(report=report_with_map)}
    docx = zipfile.ZipFile(io.BytesIO(files["docx"].file.read()))
    body = docx.read("word/document.xml").decode()
    assert sum(name.startswith("word/media/") for name in docx.namelist()) == 2
    assert 'descr="Carte des départements colorés selon le nombre d&#39;organisations' in body or (
        "descr=\"Carte des départements colorés selon le nombre d'organisations" in body
    )
    assert "Hérault (34)" in body
    odt = zipfile.ZipFile(io.BytesIO(files["odt"].file.read()))
    assert sum(name.startswith("Pictures/") for name in odt.namelist()) == 2
    content = odt.read("content.xml").decode()
    assert "Carte des départements colorés" in content and "Hérault (34)" in content
    pdf = files["pdf"].file.read()
    assert pdf.startswith(b"%PDF") and ReportFile.objects.filter(report=report_with_map).count() == 3
