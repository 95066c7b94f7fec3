"""What merging two organisations does to their answers (registered in ArbitragesConfig.ready with
`apps.directory.merge.register_combine_rule`)."""

from __future__ import annotations

from apps.arbitrages.models import ArbitrageResponse


def response_refuse(source_row: ArbitrageResponse, target_row: ArbitrageResponse, apply: bool) -> str | None:
    """One answer per delegation and questionnaire: two answers cannot be merged, one is kept by hand."""
    return (
        f"les deux organisations ont répondu au questionnaire d'arbitrage « {target_row.questionnaire} » : "
        "une seule réponse peut être gardée, supprimez l'autre avant de fusionner"
    )
