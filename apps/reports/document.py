"""The annual report as a `Document` of the shared builder (apps/core/documents/): the same content
as its page, for the PDF, ODT and DOCX files produced by the worker."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from apps.cockpit.figures import duration_label
from apps.core import documents as doc
from apps.reports.maps import growth_maps
from apps.reports.models import AnnualReport
from apps.reports.selectors import ReportContent


def _text(text: str, empty: str) -> list:
    return [doc.Markdown(text)] if text.strip() else [doc.Paragraph(empty, muted=True)]


def _share_table(caption: str, first: str, unit: str, rows: list[tuple[str, int]]) -> doc.Table:
    return doc.Table(caption, [first, unit], rows=[[label, value] for label, value in rows], bars=True)


def _evaluation_sections(content: ReportContent) -> list[doc.Section]:
    sections = []
    for results in content.evaluations:
        survey = results.survey
        blocks: list = [
            doc.Paragraph(
                f"{results.responses} réponse(s)"
                + (f" sur {results.audience} personnes interrogées" if results.audience else "")
                + f", du {date_format(survey.opens_on, 'j F Y')} au {date_format(survey.closes_on, 'j F Y')}."
            )
        ]
        if results.hidden:
            blocks.append(
                doc.Paragraph(
                    "Évaluation anonyme : moins de 5 réponses, aucun résultat n'est montré.", muted=True
                )
            )
        for qr in results.questions:
            lines = [f"{qr.respondents} réponse(s)"]
            if qr.mean is not None and qr.question.kind == "scale":
                lines.append(f"moyenne {qr.mean:.1f} sur 5".replace(".", ","))
            if qr.nps is not None:
                lines.append(f"score de recommandation {qr.nps}")
            sub: list = [doc.Paragraph(" — ".join(lines))]
            if qr.rows:
                sub.append(
                    doc.Table(
                        qr.question.label,
                        ["Réponse", "Nombre"],
                        rows=[[r.label, r.count] for r in qr.rows],
                        bars=True,
                    )
                )
            for title, groups in qr.groups.items():
                sub.append(
                    doc.Table(
                        f"{qr.question.label} — par {title.lower()}",
                        [title, "Réponses", "Score" if qr.nps is not None else "Moyenne"],
                        rows=[
                            [
                                g.label,
                                g.count,
                                "moins de 5 : non détaillé"
                                if g.hidden
                                else (g.nps if qr.nps is not None else f"{g.mean:.1f}".replace(".", ",")),
                            ]
                            for g in groups
                        ],
                        compact=True,
                    )
                )
            if qr.ideas and qr.ideas.get("terms"):
                from apps.core.documents import BulletList

                sub.append(
                    BulletList(
                        [f"{t['label']} ({t['count']})" for t in qr.ideas["expressions"] + qr.ideas["terms"]],
                        title="Idées qui reviennent (nombre de réponses qui les contiennent)",
                    )
                )
            blocks.extend(sub)
        sections.append(doc.Section(survey.title, blocks=blocks))
    return sections


def _map_blocks(growth) -> list:
    """The maps by département (SVG in the PDF, PNG in the ODT and DOCX) and their data table."""
    if not growth.by_departement:
        return []
    blocks: list = [
        doc.Image(alt=item.description, caption=item.title, svg=item.svg(standalone=True), png=item.png())
        for item in growth_maps(growth)
    ]
    rows = [[f"{row.name} ({row.code})", row.organisations, row.active] for row in growth.by_departement]
    if growth.organisations_elsewhere or growth.active_elsewhere:
        rows.append(
            [
                "Hors département (régions, organismes nationaux, sans organisation)",
                growth.organisations_elsewhere,
                growth.active_elsewhere,
            ]
        )
    blocks.append(
        doc.Table(
            "Nouvelles organisations membres et membres actifs, par département",
            ["Département", "Nouvelles organisations", "Membres actifs"],
            rows=rows,
            compact=True,
            drop_empty_columns=False,
        )
    )
    return blocks


def build_document(report: AnnualReport, content: ReportContent) -> doc.Document:
    activity, growth = content.figures.activity, content.figures.growth
    computed = timezone.localtime(content.figures.computed_at)
    kinds = doc.Table(
        "Événements par type",
        ["Type", "Événements", "Inscriptions confirmées", "Présences relevées"],
        rows=[[r.label, r.events, r.registrations, r.present] for r in activity.by_kind],
        total=False,
    )
    activity_section = doc.Section(
        "L'activité du réseau",
        page_break=True,
        subsections=[
            doc.Section(
                "Événements",
                blocks=[
                    doc.Figures(
                        [
                            doc.Figure(activity.events, "événement tenu", "événements tenus"),
                            doc.Figure(
                                activity.registrations, "inscription confirmée", "inscriptions confirmées"
                            ),
                            doc.Figure(activity.present, "présence relevée", "présences relevées"),
                            doc.Figure(activity.attendees, "personne venue", "personnes venues"),
                        ]
                    ),
                    kinds,
                    _share_table(
                        "Personnes venues, par catégorie",
                        "Catégorie",
                        "Personnes",
                        activity.present_by_category,
                    ),
                    _share_table(
                        "Personnes venues, par région de leur organisation",
                        "Région",
                        "Personnes",
                        activity.present_by_region,
                    ),
                ],
            ),
            doc.Section(
                "Contenus, questions et consultations",
                blocks=[
                    doc.Figures(
                        [
                            doc.Figure(activity.resources, "ressource publiée", "ressources publiées"),
                            doc.Figure(
                                activity.experiences,
                                "retour d'expérience publié",
                                "retours d'expérience publiés",
                            ),
                            doc.Figure(activity.aids, "aide référencée", "aides référencées"),
                            doc.Figure(
                                activity.letters, "lettre du réseau envoyée", "lettres du réseau envoyées"
                            ),
                            doc.Figure(activity.questions, "question posée", "questions posées"),
                            doc.Figure(
                                activity.questions_answered,
                                "question qui a reçu une réponse",
                                "questions qui ont reçu une réponse",
                            ),
                            doc.Figure(
                                activity.consultations, "consultation ouverte", "consultations ouvertes"
                            ),
                            doc.Figure(activity.contributions, "contribution", "contributions"),
                        ]
                    ),
                    doc.Paragraph(
                        f"Délai médian de première réponse : {duration_label(activity.median_answer)}."
                    ),
                ],
            ),
        ],
    )
    growth_section = doc.Section(
        "Croissance et implication",
        blocks=[
            doc.Figures(
                [
                    doc.Figure(
                        growth.organisations,
                        "organisation a rejoint le réseau",
                        "organisations ont rejoint le réseau",
                    ),
                    doc.Figure(growth.accounts, "compte ouvert", "comptes ouverts"),
                    doc.Figure(growth.active, "membre actif sur la période", "membres actifs sur la période"),
                ]
            ),
            _share_table(
                "Nouvelles organisations membres, par type",
                "Type",
                "Organisations",
                growth.organisations_by_type,
            ),
            _share_table(
                "Nouvelles organisations membres, par région",
                "Région",
                "Organisations",
                growth.organisations_by_region,
            ),
            *_map_blocks(growth),
        ],
    )
    evaluation = _evaluation_sections(content)
    comparison = doc.Table(
        "Comparaison avec la période précédente",
        ["Chiffre", "Période du bilan", "Période précédente", "Évolution"],
        rows=[
            [
                row.label + (f" ({row.unit})" if row.unit else ""),
                "—" if row.current is None else row.current,
                "—" if row.previous is None else row.previous,
                row.change,
            ]
            for row in content.comparison
        ],
    )
    return doc.Document(
        title=report.title,
        filename=f"bilan-{report.start:%Y%m%d}-{report.end:%Y%m%d}",
        author=settings.MAILLAGE_NETWORK_NAME,
        cover=doc.Cover(
            kicker="Rapport annuel d'activité",
            date=report.period_label,
            organisers=[doc.Party(settings.MAILLAGE_NETWORK_NAME)],
            publisher="Publié sur Maillage",
            produced_on=(
                f"Document produit le {date_format(computed, 'j F Y à H:i')} à partir des données de la "
                "plateforme à cette date"
            ),
        ),
        sections=[
            doc.Section("Introduction", blocks=_text(report.introduction, "Pas d'introduction.")),
            doc.Section("Faits marquants", blocks=_text(report.highlights, "Pas de faits marquants.")),
            activity_section,
            growth_section,
            doc.Section(
                "Évaluation par les membres",
                blocks=[]
                if evaluation
                else [doc.Paragraph("Aucune évaluation des membres n'a fermé pendant la période.")],
                subsections=evaluation,
            ),
            doc.Section("Comparaison avec la période précédente", blocks=[comparison]),
            doc.Section("Propositions d'évolution", blocks=_text(report.proposals, "Pas de propositions.")),
        ],
    )
