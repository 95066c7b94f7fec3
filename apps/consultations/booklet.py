"""The synthesis booklet of a consultation: one data structure built from it, rendered
as accessible HTML (a page of the site) and, through the shared document builder
(apps.core.documents), as a tagged PDF, an ODT and a DOCX.

The figures are computed from the database each time, so that the booklet never disagrees with
it; the animator's curated blocks live on the Booklet row and are merged in here.
"""

from collections import Counter

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from apps.consultations.analysis import frequent_terms, text_score, theme_counts
from apps.consultations.models import Action, Booklet, Contribution
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


def booklet_build(booklet: Booklet) -> dict:
    data = build_consultation(booklet)
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


# --- Files: through the shared document builder (apps.core.documents) ---


def consultation_document(booklet: Booklet):
    """The booklet as a core Document: the same data as the page, for the PDF, ODT and DOCX."""
    from apps.core import documents as doc

    data = booklet_build(booklet)
    sections = []
    intro = data["introduction"] or data["source_introduction"]
    if intro:
        sections.append(doc.Section("Introduction", [doc.Markdown(intro)], anchor="introduction"))
    figures: list = [
        doc.Figures([doc.Figure(row["value"], row["label"], row["label"]) for row in data["headline"]])
    ]
    for t in data["tables"]:
        figures.append(
            doc.Table(
                t["caption"],
                [t["first_col"], t["unit"].capitalize()],
                rows=[[r["label"], r["count"]] for r in t["rows"]],
                bars=True,
                total=True,
            )
        )
    sections.append(doc.Section("Chiffres clés", figures, anchor="chiffres-cles"))
    ideas: list = (
        [doc.BulletList(data["strong_ideas"])]
        if data["strong_ideas"]
        else [doc.Paragraph("Pas encore assez de contributions pour dégager des idées fortes.")]
    )
    if not data["strong_ideas_curated"] and data["strong_ideas"]:
        ideas.append(
            doc.Paragraph(
                "Expressions les plus fréquentes des contributions, en attendant la rédaction de l'équipe d'animation.",
                muted=True,
            )
        )
    if data["terms"]["terms"]:
        ideas.append(
            doc.Table(
                "Termes les plus fréquents",
                ["Terme", "Textes"],
                rows=[[r["label"], r["count"]] for r in data["terms"]["terms"]],
            )
        )
    sections.append(doc.Section("Idées fortes", ideas, anchor="idees-fortes"))
    for section in data["sections"]:
        blocks: list = []
        if section["subtitle"]:
            blocks.append(doc.Paragraph(section["subtitle"], muted=True))
        if section["description"]:
            blocks.append(doc.Markdown(section["description"]))
        if section["questions"]:
            blocks.append(doc.BulletList(section["questions"], title=section["questions_label"]))
        blocks.append(doc.Paragraph(f"{section['count']} {section['count_label']}."))
        if section["note"]:
            blocks.append(doc.Markdown(section["note"]))
        subsections = []
        if section["strong"]:
            subsections.append(
                doc.Section(
                    "Propositions fortes",
                    [
                        doc.Quote(item["text"], author=item["author"], details=list(item.get("detail", [])))
                        for item in section["strong"]
                    ],
                    anchor=f"{section['key']}-fortes",
                )
            )
        sections.append(
            doc.Section(section["title"], blocks, subsections, anchor=section["key"], page_break=True)
        )
    sections.append(
        doc.Section(
            "Prochaines étapes",
            [doc.Markdown(data["next_steps"] or "À préciser par l'équipe d'animation.")],
            anchor="prochaines-etapes",
            page_break=True,
        )
    )
    annexes = [
        doc.Section(
            annex["title"],
            [doc.Table(annex["title"], annex["columns"], rows=annex["rows"], compact=True, widths=[25, 75])],
            anchor=f"annexe-{index}",
        )
        for index, annex in enumerate(data["annex"], start=1)
    ]
    sections.append(doc.Section("Annexes", [], annexes, anchor="annexes", page_break=True))
    return doc.Document(
        title=data["title"],
        filename=f"livret-{booklet.consultation.slug}",
        author=settings.MAILLAGE_NETWORK_NAME,
        cover=doc.Cover(
            kicker="Livret de synthèse",
            subtitle=f"{data['kind_label']} « {data['source_title']} »",
            date=data["dates"][0].upper() + data["dates"][1:],
            publisher=f"Publié sur la plateforme de {settings.MAILLAGE_NETWORK_NAME}",
            produced_on=f"Livret produit le {date_format(data['today'], 'j F Y')}",
        ),
        sections=sections,
    )


def render_files(booklet: Booklet, fmts=("pdf", "odt", "docx")) -> dict[str, tuple[bytes, str, str]]:
    """The booklet's files, {format: (content, content type, file name)}, from one build of its
    data (the figures and terms are computed once, then laid out in each format)."""
    from apps.core.documents import render_file

    document = consultation_document(booklet)
    return {fmt: render_file(document, fmt) for fmt in fmts}
