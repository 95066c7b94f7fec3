"""What merging two organisations does to their answers (registered in EvaluationsConfig.ready
with `apps.directory.merge.register_combine_rule`)."""

from __future__ import annotations

from apps.evaluations.models import EvaluationResponse


def response_refuse(
    source_row: EvaluationResponse, target_row: EvaluationResponse, apply: bool
) -> str | None:
    """One answer per organisation and survey: two answers cannot be merged, one is kept by hand."""
    return (
        f"les deux organisations ont répondu à l'évaluation « {target_row.survey} » : une seule réponse "
        "par organisation peut être gardée, supprimez l'autre avant de fusionner"
    )
