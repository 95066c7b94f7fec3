"""The booklet of a workshop day as a core `Document` (apps.core.documents): the same data for
the HTML page, the PDF, the ODT and the DOCX, computed from the database at each render.

Sections: introduction; key figures of the day; one section per atelier (its questions, figures,
the coordinator's strong ideas, keywords, proposals per question, propositions fortes of this
atelier); next steps; annexes — one table per atelier, grouped by piste d'orientation.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from apps.core import documents as doc
from apps.core.french import count_label
from apps.workshops import figures as figures_module
from apps.workshops.models import WorkshopDay, WorkshopOrganiser, WorkshopProposal
from apps.workshops.suggestions import day_suggestions

STRONG_PER_ATELIER = 3
NO_PISTE = "Sans piste d'orientation"


def _party(organiser: WorkshopOrganiser) -> doc.Party:
    logo, logo_type = None, "image/png"
    if organiser.logo:
        try:
            with organiser.logo.open("rb") as f:
                logo = f.read()
            from apps.core.files import kind_of

            kind = kind_of(organiser.logo.name)
            logo_type = kind.content_type if kind else logo_type
        except OSError:
            logo = None
    return doc.Party(organiser.name, logo=logo, logo_type=logo_type)


def _doc_figures(items: list[figures_module.Figure]) -> doc.Figures:
    return doc.Figures(
        [doc.Figure(f.value, f.singular, f.plural, wording=f.wording) for f in items if not f.hidden]
    )


def _count_table(t: figures_module.CountTable) -> doc.Table:
    return doc.Table(
        t.caption, [t.first_column, t.unit], rows=[[label, n] for label, n in t.rows], bars=True, total=True
    )


def proposal_cells(proposals) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    cells, pistes = defaultdict(list), defaultdict(list)
    for p in proposals:
        cells[p.atelier_id].extend(c for c in (p.action, p.objectives) if c.strip())
        pistes[p.atelier_id].append(p.orientation)
    return cells, pistes


def _representative(items, keywords) -> list[WorkshopProposal]:
    """Without proposals marked strong, the atelier's most representative ones: those holding
    the most of its distinctive keywords."""
    from apps.workshops.suggestions import cell_keywords

    weights = {k.label.lower(): k.score for k in keywords}

    def score(p):
        words = {w.lower() for c in (p.action, p.objectives) for w in cell_keywords(c).values()}
        return sum(weights.get(w, 0) for w in words)

    return sorted(items, key=lambda p: (-score(p), p.pk))[:STRONG_PER_ATELIER]


def booklet_document(day: WorkshopDay) -> doc.Document:
    figs = figures_module.compute(day)
    ateliers = list(day.ateliers.select_related("theme").prefetch_related("questions"))
    proposals = list(
        WorkshopProposal.objects.filter(atelier__day=day)
        .select_related("table", "question")
        .order_by("atelier__position", "pk")
    )
    cells, pistes = proposal_cells(proposals)
    suggestions = day_suggestions({a.pk: cells.get(a.pk, []) for a in ateliers}, pistes)
    organisers = list(day.organisers.all())

    sections: list[doc.Section] = []
    intro = day.booklet_introduction or day.introduction
    if intro:
        sections.append(doc.Section("Introduction", [doc.Markdown(intro)], anchor="introduction"))
    figure_blocks: list = [_doc_figures(figs.headline)]
    if figs.organisations_sentence and not day.figure_settings.get("day.organisations", {}).get("hidden"):
        figure_blocks.append(doc.Paragraph(f"Organisations représentées : {figs.organisations_sentence}."))
    figure_blocks += [_count_table(t) for t in figs.tables if not t.hidden and t.rows]
    sections.append(doc.Section("Chiffres clés", figure_blocks, anchor="chiffres-cles"))

    by_atelier = defaultdict(list)
    for p in proposals:
        by_atelier[p.atelier_id].append(p)
    for atelier in ateliers:
        items = by_atelier[atelier.pk]
        af = figs.ateliers[atelier.pk]
        sugg = suggestions[atelier.pk]
        blocks: list = []
        meta = []
        if atelier.theme_id:
            meta.append(f"Thématique : {atelier.theme.name}")
        if atelier.facilitator_list:
            meta.append("Animation : " + ", ".join(atelier.facilitator_list))
        if meta:
            blocks.append(doc.Paragraph(" — ".join(meta)))
        if atelier.introduction:
            blocks.append(doc.Markdown(atelier.introduction))
        questions = list(atelier.questions.all())
        if questions:
            blocks.append(
                doc.BulletList([f"{q.position}. {q.text}" for q in questions], title="Questions posées")
            )
        blocks.append(_doc_figures(af.figures))
        if not af.by_table.hidden and af.by_table.rows and len(af.by_table.rows) > 1:
            blocks.append(_count_table(af.by_table))
        subsections = []
        ideas: list = []
        if atelier.strong_idea_list:
            ideas.append(doc.BulletList(atelier.strong_idea_list))
        if atelier.synthesis:
            ideas.append(doc.Markdown(atelier.synthesis))
        if sugg.keywords:
            ideas.append(
                doc.Paragraph(
                    "Mots-clés (calculés sur les actions et objectifs de l'atelier) : "
                    + ", ".join(k.label for k in sugg.keywords[:10])
                    + ".",
                    muted=True,
                )
            )
        if ideas:
            subsections.append(doc.Section("Idées fortes", ideas, anchor=f"atelier-{atelier.pk}-idees"))
        for question in questions:
            in_question = [p for p in items if p.question_id == question.pk]
            subsections.append(
                doc.Section(
                    f"Question {question.position} : {question.text}",
                    _question_blocks(in_question),
                    anchor=f"question-{question.pk}",
                )
            )
        orphans = [p for p in items if not p.question_id]
        if orphans and questions:
            subsections.append(
                doc.Section(
                    "Propositions sans question rattachée",
                    _question_blocks(orphans),
                    anchor=f"atelier-{atelier.pk}-sans-question",
                )
            )
        strong = [p for p in items if p.is_highlighted] or _representative(items, sugg.keywords)
        if strong:
            subsections.append(
                doc.Section(
                    "Propositions fortes",
                    [
                        doc.Quote(
                            p.orientation or p.action,
                            author=p.table.name if p.table_id else "",
                            details=[
                                ("Action proposée", p.action if p.orientation else ""),
                                ("Objectifs poursuivis", p.objectives),
                            ],
                        )
                        for p in strong
                    ],
                    anchor=f"atelier-{atelier.pk}-fortes",
                )
            )
        sections.append(
            doc.Section(
                f"Atelier {atelier.position} — {atelier.title}",
                blocks,
                subsections,
                anchor=f"atelier-{atelier.pk}",
                page_break=True,
            )
        )
    if day.next_steps:
        sections.append(
            doc.Section(
                "Prochaines étapes",
                [doc.Markdown(day.next_steps)],
                anchor="prochaines-etapes",
                page_break=True,
            )
        )
    annexes = []
    for atelier in ateliers:
        items = by_atelier[atelier.pk]
        if not items:
            continue
        grouped: dict[str, list] = {}
        for p in items:
            grouped.setdefault(" ".join(p.orientation.split()) or NO_PISTE, []).append(
                [
                    p.table.name if p.table_id else "",
                    str(p.question.position) if p.question_id else "",
                    p.action,
                    p.objectives,
                ]
            )
        annexes.append(
            doc.Section(
                f"Annexe — {atelier.title}",
                [
                    doc.Table(
                        f"Propositions de l'atelier « {atelier.title} », par piste d'orientation",
                        ["Table", "Question", "Action proposée", "Objectifs poursuivis"],
                        groups=[doc.TableGroup(piste, rows) for piste, rows in grouped.items()],
                        compact=True,
                        widths=[14, 9, 42, 35],
                    )
                ],
                anchor=f"annexe-{atelier.pk}",
            )
        )
    if annexes:
        sections.append(
            doc.Section(
                "Annexes",
                [doc.Paragraph("Toutes les propositions, telles que saisies, atelier par atelier.")],
                annexes,
                anchor="annexes",
                page_break=True,
            )
        )
    place_date = date_format(day.held_on, "j F Y")
    return doc.Document(
        title=booklet_title(day),
        filename=f"livret-{day.slug}",
        author=settings.MAILLAGE_NETWORK_NAME,
        cover=doc.Cover(
            kicker="Livret de synthèse",
            subtitle=day.title if day.booklet_title else "",
            date=place_date[0].upper() + place_date[1:] if place_date[0].isdigit() else place_date,
            place=day.place,
            organisers=[_party(o) for o in organisers if o.role == WorkshopOrganiser.Role.ORGANISER],
            co_organisers=[_party(o) for o in organisers if o.role == WorkshopOrganiser.Role.CO_ORGANISER],
            publisher=f"Publié sur la plateforme de {settings.MAILLAGE_NETWORK_NAME}",
            produced_on=f"Document produit le {date_format(timezone.localdate(), 'j F Y')}",
        ),
        sections=sections,
    )


def _question_blocks(items: list[WorkshopProposal]) -> list:
    """The proposals answering one question: how many, from which tables, under which pistes
    (each proposal is in the atelier's annex, grouped by piste: not printed twice)."""
    blocks: list = []
    tables = sorted({p.table.name for p in items if p.table_id})
    line = count_label(len(items), "proposition")
    if tables:
        line += " — " + ("table " if len(tables) == 1 else "tables ") + ", ".join(tables)
    blocks.append(doc.Paragraph(line + "."))
    pistes: dict[str, int] = {}
    for p in items:
        key = " ".join(p.orientation.split()) or NO_PISTE
        pistes[key] = pistes.get(key, 0) + 1
    if pistes:
        blocks.append(
            doc.BulletList(
                [f"{piste} ({count_label(n, 'proposition')})" for piste, n in pistes.items()],
                title="Pistes d'orientation",
            )
        )
    return blocks


def booklet_title(day: WorkshopDay) -> str:
    return day.booklet_title or f"Livret de synthèse — {day.title}"


def booklet_page_html(day: WorkshopDay) -> str:
    """The booklet as HTML for its page. Everything in it is computed from the database; the
    result is cached under the day's `data_version` (bumped by every write of services.py) and
    the date (the cover says when it was produced), so a change is visible at the next request."""
    from django.core.cache import cache
    from django.utils.safestring import mark_safe

    from apps.core.documents import render_html

    key = f"workshops:booklet-html:{day.pk}:{day.data_version}:{timezone.localdate().isoformat()}"
    html = cache.get(key)
    if html is None:
        html = str(render_html(booklet_document(day)))
        cache.set(key, html, 6 * 3600)
    return mark_safe(html)
