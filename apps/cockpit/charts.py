"""Bar charts drawn on the server as SVG: no JavaScript, nothing for the CSP to block, readable
by every browser. Each chart comes with its data table (the accessible alternative, RGAA 1.3)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format

WIDTH = 640
HEIGHT = 240
LEFT = 40  # room for the y axis labels
BOTTOM = 28  # room for the month labels
TOP = 12


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str  # "janv. 2026"
    short: str  # "janv."
    text_x: float


@dataclass
class Tick:
    y: float
    value: int


@dataclass
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    baseline: float
    total: int
    maximum: int
    label_every: int


def _nice_ceiling(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        ceiling = int(step * magnitude)
        if ceiling >= value:
            return ceiling
    return value


def month_label(month: datetime.date) -> str:
    return date_format(month, "F Y")


def bar_chart(points: list[tuple[datetime.date, int]]) -> BarChart:
    maximum = _nice_ceiling(max((value for _, value in points), default=0))
    plot_width = WIDTH - LEFT - 8
    plot_height = HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(points), 1)
    bar_width = max(2.0, slot * 0.7)
    bars = []
    for index, (month, value) in enumerate(points):
        height = plot_height * value / maximum if maximum else 0
        x = LEFT + index * slot + (slot - bar_width) / 2
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(TOP + plot_height - height, 1),
                width=round(bar_width, 1),
                height=round(height, 1),
                value=value,
                label=month_label(month),
                short=date_format(month, "N") + (f" {month:%y}" if month.month == 1 or index == 0 else ""),
                text_x=round(LEFT + index * slot + slot / 2, 1),
            )
        )
    ticks = [
        Tick(y=round(TOP + plot_height - plot_height * fraction, 1), value=round(maximum * fraction))
        for fraction in (0, 0.5, 1)
    ]
    return BarChart(
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        ticks=ticks,
        baseline=TOP + plot_height,
        total=sum(value for _, value in points),
        maximum=maximum,
        # Months labels overlap beyond a dozen bars: label one bar in N.
        label_every=max(1, -(-len(points) // 12)),
    )
