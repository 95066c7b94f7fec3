"""Demo questionnaire: the 8 arbitrages of the pilot-territories note, sent to the programme's
delegations, with Faverges' answer as in the seed's filled-in recap. Idempotent: questionnaire by
slug, questions by (questionnaire, position); the demo answer is written only once."""

from datetime import datetime
from zoneinfo import ZoneInfo

from apps.arbitrages.models import (
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireStatus,
    Response,
    ResponseRevision,
)
from apps.programmes.models import Programme

SLUG = "territoires-pilotes-8-arbitrages"
GRID_ROWS = "Jeudi 10 mars, 9 h – 12 h\nJeudi 24 mars, 14 h – 17 h\nJeudi 7 avril, 9 h – 12 h"

# (kind, short label, question, help, required, extra fields)
QUESTIONS = [
    (
        QuestionKind.GRID,
        "A1 · Sessions entre pairs",
        "Merci de nous confirmer que les dates et horaires des journées en sous-groupes de pairs vous conviennent.",
        "Cochez, pour chaque date, les catégories d'acteurs de la délégation disponibles.",
        True,
        {"grid_rows": GRID_ROWS},
    ),
    (
        QuestionKind.YES_NO,
        "A2 · AGORA à Paris",
        "Merci de nous confirmer qu'une solution en présentiel à Paris pour la journée AGORA du 28 avril vous convient.",
        "",
        True,
        {},
    ),
    (
        QuestionKind.TEXT,
        "A3 · Retour d'expérience alimentation",
        "Sur quoi pourrait porter un retour d'expérience de votre délégation pour la journée thématique sur "
        "l'alimentation, et sur quels points vous semble-t-il important d'insister ?",
        "Par exemple, le PETR Albigeois et Bastides tenait à ce qu'on aborde les relations urbain/rural.",
        True,
        {},
    ),
    (
        QuestionKind.TEXT,
        "A4 · Autres thématiques",
        "Si vous désirez explorer d'autres thématiques (économie circulaire, énergie…), précisez vos attentes "
        "et, le cas échéant, un retour d'expérience que vous pourriez partager.",
        "",
        False,
        {},
    ),
    (
        QuestionKind.YES_NO,
        "A5 · Sondage des approfondissements",
        "Le référent a-t-il rempli le sondage de dates des journées d'approfondissement au nom de la délégation ?",
        "Sondage : /sondages/territoires-pilotes-journees-approfondissement/",
        True,
        {},
    ),
    (
        QuestionKind.TEXT,
        "A6 · Dialogue territorial",
        "Quels projets ou événements impliquant votre tissu économique local pourraient accueillir la journée "
        "de dialogue territorial ?",
        "Par exemple : un festival, une foire, un mois thématique. À transmettre aussi à la chercheuse qui pilote la recherche-action.",
        False,
        {},
    ),
    (
        QuestionKind.YES_NO,
        "A7 · Note de qualification",
        "La note de qualification de l'accompagnement territorialisé est-elle renseignée ?",
        "Elle se remplit dans le dossier d'accompagnement de la délégation, sur la page du parcours.",
        True,
        {},
    ),
    (
        QuestionKind.SINGLE,
        "A8 · Préparation de la clôture",
        "La date du 23 juin vous convient-elle pour la session de préparation de la clôture avec les référents ?",
        "Le jour de la session de clôture se choisit dans le sondage : /sondages/territoires-pilotes-session-cloture/",
        True,
        {"choices": "Oui, en présentiel à Paris\nOui, en visio\nNon"},
    ),
]


def load(*, stdout) -> None:
    programme = Programme.objects.filter(slug="territoires-pilotes").first()
    questionnaire, _ = Questionnaire.objects.update_or_create(
        slug=SLUG,
        defaults={
            "title": "Les 8 arbitrages du parcours Territoires pilotes",
            "programme": programme,
            "intro": (
                "Pour faire suite aux journées Break & Inspiration, cette note récapitule les prochains temps "
                "du parcours. **8 arbitrages** sont attendus de chaque délégation."
            ),
            "deadline": datetime(2027, 3, 10, 12, 0, tzinfo=ZoneInfo("Europe/Paris")),
            "status": QuestionnaireStatus.OPEN,
        },
    )
    if questionnaire.sent_at is None:
        questionnaire.sent_at = questionnaire.created_at
        questionnaire.save(update_fields=["sent_at"])
    questions = []
    for position, (kind, short, label, help_text, required, extra) in enumerate(QUESTIONS, start=1):
        question, _ = Question.objects.update_or_create(
            questionnaire=questionnaire,
            position=position,
            defaults={
                "kind": kind,
                "short_label": short,
                "label": label,
                "help_text": help_text,
                "required": required,
                **extra,
            },
        )
        questions.append(question)
    if programme is not None:
        questionnaire.delegations.set(
            [e.organisation for e in programme.enrolments.select_related("organisation")]
        )
    faverges = questionnaire.delegations.filter(slug="ville-de-faverges-seythenex").first()
    if (
        faverges is not None
        and not Response.objects.filter(questionnaire=questionnaire, delegation=faverges).exists()
    ):
        rows = [line.strip() for line in GRID_ROWS.splitlines()]
        answers = {
            str(questions[0].pk): {row: ["Techniciens"] for row in rows},
            str(questions[1].pk): "yes",
            str(questions[3].pk): (
                "Retour d'expérience possible de Faverges sur les énergies renouvelables : la ferme photovoltaïque, "
                "la boucle locale Volte Face (autoconsommation collective), la chaufferie bois et le réseau de chaleur."
            ),
            str(questions[4].pk): "yes",
            str(questions[7].pk): "Oui, en présentiel à Paris",
        }
        response = Response.objects.create(questionnaire=questionnaire, delegation=faverges, answers=answers)
        ResponseRevision.objects.create(response=response, answers=answers)
    stdout.write(f"  Arbitrages : « {questionnaire.title} », {questionnaire.delegations.count()} délégations")
