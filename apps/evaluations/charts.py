"""Charts and tables of a survey's results, shared by the results page and the annual report."""

from apps.core.charts import horizontal_bars


def charts(results, *, prefix: str = ""):
    charts = []
    for index, qr in enumerate(results.questions):
        chart = None
        if qr.rows:
            chart = horizontal_bars(
                [(row.label, row.count) for row in qr.rows],
                title=qr.question.label,
                unit="réponses",
                chart_id=f"{prefix}q{index}",
                total=qr.respondents,
            )
        charts.append((qr, chart))
    return charts


def group_tables(results) -> list[tuple[str, list]]:
    return [
        ("Catégorie de personne", results.by_category),
        ("Type d'organisation", results.by_organisation_type),
    ]
