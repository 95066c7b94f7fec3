"""Printable documents of a table plan (WeasyPrint): per-person itineraries and per-table lists,
one A4 page each, in the DSFR's Marianne font like the synthesis booklet."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from apps.rotations import selectors
from apps.rotations.models import RotationPlan


def _font_dir() -> str:
    import dsfr

    return (Path(dsfr.__file__).resolve().parent / "static" / "dsfr" / "dist" / "fonts").as_uri()


def _render(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    css = (Path(settings.BASE_DIR) / "static" / "maillage" / "css" / "rotations-print.css").read_text(
        encoding="utf-8"
    )
    html = render_to_string(
        template,
        {
            **context,
            "font_dir": _font_dir(),
            "print_css": css,
            "network_name": settings.MAILLAGE_NETWORK_NAME,
            "today": timezone.localdate(),
        },
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def itineraries_pdf(plan: RotationPlan) -> bytes:
    """One page per present participant: round, time, table (and its host)."""
    return _render(
        "rotations/print/itineraries.html",
        {"plan": plan, "event": plan.event, "itineraries": selectors.itineraries(plan)},
    )


def tables_pdf(plan: RotationPlan) -> bytes:
    """One page per table: who sits there at each round."""
    return _render(
        "rotations/print/tables.html",
        {"plan": plan, "event": plan.event, "sheets": selectors.table_sheets(plan)},
    )
