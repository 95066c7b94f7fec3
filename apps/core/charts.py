"""Horizontal bar charts drawn on the server as SVG, one bar per category (answers to a question,
events by kind…). Labels and values are HTML text next to each bar, so the chart reflows at any
width and reads without the picture; a data table follows each chart (RGAA 1.3). Month series
are drawn by apps/cockpit/charts.py."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class HBar:
    label: str
    value: float
    value_label: str
    width: float  # percent of the longest bar, for the SVG rect
    share_label: str  # "42 %" of the total, or ""


@dataclass
class HBarChart:
    title: str
    unit: str
    bars: list[HBar]
    total: float
    chart_id: str

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u202f")
    return f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")


def horizontal_bars(
    rows: list[tuple[str, float]],
    *,
    title: str,
    unit: str,
    chart_id: str,
    total: float | None = None,
    shares: bool = True,
) -> HBarChart:
    """`rows` = (label, value). Shares are of `total` (default: the sum of the values)."""
    total = sum(value for _, value in rows) if total is None else total
    longest = max((value for _, value in rows), default=0)
    bars = [
        HBar(
            label=label,
            value=value,
            value_label=_number(value),
            width=round(100 * value / longest, 1) if longest else 0,
            share_label=f"{round(100 * value / total)} %" if shares and total else "",
        )
        for label, value in rows
    ]
    return HBarChart(title=title, unit=unit, bars=bars, total=total, chart_id=chart_id)
