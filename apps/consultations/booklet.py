"""The synthesis booklet: one data structure built from a consultation or a workshop, rendered
as accessible HTML (a page of the site), PDF (WeasyPrint) and ODT (odfpy, for editing).

The figures are computed from the database each time, so that the booklet never disagrees with
it; the animator's curated blocks live on the Booklet row and are merged in here.
"""

import io
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from apps.consultations.analysis import frequent_terms, text_score, theme_counts
from apps.consultations.models import Action, Booklet, Contribution, Proposal
from apps.directory.models import OrganisationType, PersonCategory

STRONG_PER_SECTION = 3
NOT_IN_DIRECTORY = "Hors annuaire"


def _table(caption: str, rows: list[tuple[str, int]], *, first_col: str, unit: str) -> dict:
    top = max((count for _, count in rows), default=0)
    return {
        "caption": caption,
        "first_col": first_col,
        "unit": unit,
        "rows": [
            # Bar widths in steps of 5 % so that CSS classes, not inline styles, draw them (CSP).
            {"label": label, "count": count, "width": (round(count * 20 / top) * 5) if top else 0}
            for label, count in rows
        ],
        "total": sum(count for _, count in rows),
    }


def _strongest(items, texts, weights, *, highlighted) -> list:
    chosen = [item for item in items if highlighted(item)]
    if chosen:
        return chosen[:STRONG_PER_SECTION]
    ranked = sorted(zip(items, texts, strict=True), key=lambda it: -text_score(it[1], weights))
    return [item for item, _ in ranked[:STRONG_PER_SECTION]]


def _weights(terms: dict) -> dict:
    return {row["stem"]: row["count"] for row in terms["terms"]}


def _curated(booklet: Booklet) -> dict:
    ideas = [line.strip(" -•\t") for line in booklet.strong_ideas.splitlines() if line.strip(" -•\t")]
    return {
        "title": booklet.title,
        "introduction": booklet.introduction,
        "strong_ideas": ideas,
        "strong_ideas_curated": bool(ideas),
        "next_steps": booklet.next_steps,
    }


def _themes():
    from apps.themes.models import Theme

    return list(Theme.objects.active())


def build_consultation(booklet: Booklet) -> dict:
    consultation = booklet.consultation
    contributions = list(
        Contribution.objects.published()
        .filter(action__objective__consultation=consultation)
        .select_related("organisation", "action__objective", "author_user__person")
        .order_by("action__objective__position", "action__position", "-is_steering", "created_at", "pk")
    )
    actions = list(
        Action.objects.filter(objective__consultation=consultation)
        .select_related("objective")
        .order_by("objective__position", "position", "pk")
    )
    texts = [c.body for c in contributions]
    terms = frequent_terms(texts)
    weights = _weights(terms)

    by_action: dict[int, list[Contribution]] = {a.pk: [] for a in actions}
    for c in contributions:
        by_action[c.action_id].append(c)

    orgs = {c.organisation_id: c.organisation for c in contributions if c.organisation_id}
    labels = {c.author_label for c in contributions if not c.organisation_id and not c.is_steering}
    type_names = dict(OrganisationType.choices)
    type_counts = Counter(type_names[o.type] for o in orgs.values())
    if labels:
        type_counts[NOT_IN_DIRECTORY] = len(labels)
    category_names = dict(PersonCategory.choices)
    contributors = {c.author_user_id: c.author_user for c in contributions if c.author_user_id}
    category_counts = Counter()
    for user in contributors.values():
        person = getattr(user, "person", None)
        category_counts[category_names.get(person.category) if person else "Non renseignée"] += 1

    invited_ids = set(consultation.invited_organisations_qs().values_list("pk", flat=True))
    authors = {c.author_display for c in contributions}
    headline = [
        {"label": "contributions", "value": len(contributions)},
        {"label": "auteurs (organisations et comité de pilotage)", "value": len(authors)},
        {"label": "actions soumises à la consultation", "value": len(actions)},
        {"label": "organisations invitées ayant contribué", "value": len(invited_ids & set(orgs))},
    ]
    tables = [
        _table(
            "Nombre de contributions par action",
            [(f"Action {a.position} - {a.title}", len(by_action[a.pk])) for a in actions],
            first_col="Action",
            unit="contributions",
        ),
        _table(
            "Organisations contributrices par type",
            sorted(type_counts.items(), key=lambda kv: (-kv[1], kv[0])),
            first_col="Type d'organisation",
            unit="organisations",
        ),
    ]
    if category_counts:
        tables.append(
            _table(
                "Contributeur·rices par catégorie",
                sorted(category_counts.items(), key=lambda kv: (-kv[1], kv[0])),
                first_col="Catégorie",
                unit="personnes",
            )
        )
    notes = booklet.section_notes or {}
    sections = []
    for action in actions:
        items = by_action[action.pk]
        strong = _strongest(items, [c.body for c in items], weights, highlighted=lambda c: c.is_highlighted)
        sections.append(
            {
                "key": f"action-{action.pk}",
                "title": f"Action {action.position} - {action.title}",
                "subtitle": f"Objectif {action.objective.position} : {action.objective.title}",
                "description": action.description,
                "questions_label": "Sous-actions",
                "questions": action.sub_action_list,
                "count": len(items),
                "count_label": "contributions",
                "strong": [{"author": c.author_display, "text": c.body} for c in strong],
                "note": notes.get(f"action-{action.pk}", ""),
            }
        )
    annex = [
        {
            "title": f"Action {action.position} - {action.title}",
            "columns": ["Auteur", "Proposition"],
            "rows": [[c.author_display, c.body] for c in by_action[action.pk]],
        }
        for action in actions
    ]
    return {
        "kind": "consultation",
        "kind_label": "Consultation",
        "source_title": consultation.title,
        "dates": f"du {date_format(consultation.opens_on, 'j F Y')} au {date_format(consultation.closes_on, 'j F Y')}",
        "source_introduction": consultation.introduction,
        "headline": headline,
        "tables": tables,
        "terms": terms,
        "themes": theme_counts(texts, _themes()),
        "sections": sections,
        "extra_sections": [],
        "annex": annex,
    }


def build_workshop(booklet: Booklet) -> dict:
    from apps.consultations.services import initiative_score, initiatives_with_scores

    workshop = booklet.workshop
    proposals = list(
        Proposal.objects.filter(workshop=workshop).select_related("group", "question").order_by("pk")
    )
    participants = list(workshop.participants.all())
    questions = list(workshop.questions.all())
    groups = list(workshop.groups.annotate(n=Count("proposals")).prefetch_related(Prefetch("questions")))
    initiatives = list(initiatives_with_scores(workshop))
    texts = [p.text for p in proposals]
    terms = frequent_terms(texts)
    weights = _weights(terms)
    category_names = dict(PersonCategory.choices)
    type_names = dict(OrganisationType.choices)
    by_category = Counter(category_names.get(p.category, p.category) for p in participants)
    by_type = Counter(type_names.get(p.organisation_type, "Non renseigné") for p in participants)
    headline = [
        {"label": "participant·es", "value": len(participants)},
        {"label": "groupes de travail", "value": len(groups)},
        {"label": "questions", "value": len(questions)},
        {"label": "propositions", "value": len(proposals)},
        {"label": "initiatives présentées", "value": len(initiatives)},
    ]
    tables = [
        _table(
            "Participant·es par catégorie",
            sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0])),
            first_col="Catégorie",
            unit="participant·es",
        ),
        _table(
            "Participant·es par type d'organisation",
            sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])),
            first_col="Type d'organisation",
            unit="participant·es",
        ),
        _table(
            "Propositions par groupe",
            [(g.name, g.n) for g in groups]
            + ([("Sans groupe", n)] if (n := sum(1 for p in proposals if not p.group_id)) else []),
            first_col="Groupe",
            unit="propositions",
        ),
    ]
    if initiatives:
        tables.append(
            _table(
                "Gommettes par initiative",
                [(i.title, initiative_score(i)) for i in initiatives],
                first_col="Initiative",
                unit="gommettes",
            )
        )
    notes = booklet.section_notes or {}
    sections = []
    buckets = [(q, [p for p in proposals if p.question_id == q.pk]) for q in questions]
    orphans = [p for p in proposals if not p.question_id]
    if orphans or not buckets:
        buckets.append((None, orphans))
    for question, items in buckets:
        key = f"question-{question.pk}" if question else "question-none"
        strong = _strongest(items, [p.text for p in items], weights, highlighted=lambda p: p.is_highlighted)
        group_names = sorted({p.group.name for p in items if p.group_id})
        sections.append(
            {
                "key": key,
                "title": question.text if question else "Propositions des groupes",
                "subtitle": ("Groupes : " + ", ".join(group_names)) if group_names else "",
                "description": "",
                "questions_label": "Question posée" if question else "",
                "questions": [question.text] if question else [],
                "count": len(items),
                "count_label": "propositions",
                "strong": [
                    {
                        "author": p.group.name if p.group_id else "",
                        "text": p.orientation,
                        "detail": [("Action proposée", p.action), ("Objectifs poursuivis", p.objectives)],
                    }
                    for p in strong
                ],
                "note": notes.get(key, ""),
            }
        )
    selected = [i for i in initiatives if i.is_selected]
    extra = []
    if selected:
        extra.append(
            {
                "title": "Initiatives retenues, décomposées et remises en perspective",
                "initiatives": [
                    {
                        "title": i.title,
                        "territory": i.territory_label,
                        "score": initiative_score(i),
                        "fields": [
                            ("Fonctionnement", i.how_it_works),
                            ("Contexte", i.context),
                            ("Ressources mobilisées", i.resources),
                            ("Ce qui pourrait être reproduit", i.to_reproduce),
                            ("Ce qui pourrait être amélioré", i.to_improve),
                            ("Dans quelles conditions", i.conditions),
                        ],
                    }
                    for i in selected
                ],
            }
        )
    annex = [
        {
            "title": "Toutes les propositions",
            "columns": [
                "Groupe",
                "Piste d'orientation",
                "Action proposée",
                "Objectifs poursuivis",
                "Participant·es",
            ],
            "rows": [
                [
                    p.group.name if p.group_id else "—",
                    p.orientation,
                    p.action,
                    p.objectives,
                    ", ".join(p.category_labels),
                ]
                for p in proposals
            ],
        }
    ]
    if initiatives:
        annex.append(
            {
                "title": "Initiatives présentées",
                "columns": ["Initiative", "Territoire", "Gommettes", "Retenue"],
                "rows": [
                    [i.title, i.territory_label, str(initiative_score(i)), "oui" if i.is_selected else "non"]
                    for i in initiatives
                ],
            }
        )
    return {
        "kind": "workshop",
        "kind_label": "Atelier",
        "source_title": workshop.title,
        "dates": f"le {date_format(workshop.held_on, 'j F Y')}",
        "source_introduction": workshop.introduction,
        "headline": headline,
        "tables": tables,
        "terms": terms,
        "themes": theme_counts(texts, _themes()),
        "sections": sections,
        "extra_sections": extra,
        "annex": annex,
    }


def booklet_build(booklet: Booklet) -> dict:
    data = build_consultation(booklet) if booklet.consultation_id else build_workshop(booklet)
    curated = _curated(booklet)
    if not curated["strong_ideas"]:
        # Until the animator writes them, the strong ideas are the most frequent expressions.
        curated["strong_ideas"] = [
            f"{row['label'].capitalize()} ({row['count']} mentions)"
            for row in data["terms"]["expressions"][:5]
        ]
    data.update(curated)
    data["title"] = booklet.title or f"Livret de synthèse — {data['source_title']}"
    data["network_name"] = settings.MAILLAGE_NETWORK_NAME
    data["generated_at"] = booklet.generated_at
    data["today"] = timezone.localdate()
    return data


# --- PDF ---


def _font_dir() -> Path:
    import dsfr

    return Path(dsfr.__file__).resolve().parent / "static" / "dsfr" / "dist" / "fonts"


def render_pdf(booklet: Booklet) -> bytes:
    from weasyprint import HTML

    data = booklet_build(booklet)
    css_path = Path(settings.BASE_DIR) / "static" / "maillage" / "css" / "booklet-print.css"
    html = render_to_string(
        "consultations/booklet/print.html",
        {"b": data, "font_dir": _font_dir().as_uri(), "print_css": css_path.read_text(encoding="utf-8")},
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


# --- ODT ---


def render_odt(booklet: Booklet) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TableColumnProperties, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, P, Span

    data = booklet_build(booklet)
    doc = OpenDocumentText()
    bold = Style(name="Fort", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    title_style = Style(name="Titre livret", family="paragraph")
    title_style.addElement(TextProperties(fontsize="24pt", fontweight="bold"))
    title_style.addElement(ParagraphProperties(marginbottom="0.5cm"))
    doc.styles.addElement(title_style)
    heading = {}
    for level, size in ((1, "18pt"), (2, "14pt"), (3, "12pt")):
        style = Style(name=f"Heading {level}", family="paragraph")
        style.addElement(TextProperties(fontsize=size, fontweight="bold"))
        style.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm"))
        doc.styles.addElement(style)
        heading[level] = style
    col_style = Style(name="Colonne", family="table-column")
    col_style.addElement(TableColumnProperties(columnwidth="4cm"))
    doc.automaticstyles.addElement(col_style)

    def para(text, style=None):
        for line in (text or "").splitlines() or [""]:
            doc.text.addElement(P(text=line, stylename=style) if style else P(text=line))

    def h(level, text):
        doc.text.addElement(H(outlinelevel=level, stylename=heading[level], text=text))

    def table(columns, rows, name):
        t = Table(name=name[:30] or "Tableau")
        for _ in columns:
            t.addElement(TableColumn(stylename=col_style))
        header = TableRow()
        for col in columns:
            cell = TableCell()
            cell.addElement(P(text=str(col)))
            header.addElement(cell)
        t.addElement(header)
        for row in rows:
            tr = TableRow()
            for value in row:
                cell = TableCell()
                for line in str(value).splitlines() or [""]:
                    cell.addElement(P(text=line))
                tr.addElement(cell)
            t.addElement(tr)
        doc.text.addElement(t)

    doc.text.addElement(P(text=data["title"], stylename=title_style))
    para(f"{data['kind_label']} « {data['source_title']} », {data['dates']} — {data['network_name']}")
    if data["introduction"]:
        h(1, "Introduction")
        para(data["introduction"])
    h(1, "Chiffres clés")
    for row in data["headline"]:
        para(f"{row['value']} {row['label']}")
    for index, t in enumerate(data["tables"]):
        h(2, t["caption"])
        table(
            [t["first_col"], t["unit"].capitalize()],
            [[r["label"], r["count"]] for r in t["rows"]],
            f"Chiffres{index}",
        )
    h(1, "Idées fortes")
    items = List()
    for idea in data["strong_ideas"]:
        li = ListItem()
        li.addElement(P(text=idea))
        items.addElement(li)
    doc.text.addElement(items)
    if data["terms"]["terms"]:
        h(2, "Termes les plus fréquents")
        table(
            ["Terme", "Contributions"], [[r["label"], r["count"]] for r in data["terms"]["terms"]], "Termes"
        )
    for section in data["sections"]:
        h(1, section["title"])
        if section["subtitle"]:
            para(section["subtitle"])
        for q in section["questions"]:
            para(f"• {q}")
        para(f"{section['count']} {section['count_label']}")
        if section["note"]:
            para(section["note"])
        if section["strong"]:
            h(2, "Propositions fortes")
            for item in section["strong"]:
                p = P()
                if item["author"]:
                    p.addElement(Span(stylename=bold, text=f"{item['author']} : "))
                p.addText(item["text"])
                doc.text.addElement(p)
    for extra in data["extra_sections"]:
        h(1, extra["title"])
        for ini in extra["initiatives"]:
            h(2, f"{ini['title']} ({ini['score']} gommettes)")
            for label, value in ini["fields"]:
                if value:
                    para(f"{label} : {value}")
    h(1, "Prochaines étapes")
    para(data["next_steps"] or "À préciser par l'équipe d'animation.")
    h(1, "Annexes")
    for index, annex in enumerate(data["annex"]):
        h(2, annex["title"])
        table(annex["columns"], annex["rows"], f"Annexe{index + 1}")
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()
