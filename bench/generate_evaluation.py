"""A members' evaluation with 10,000 answers on top of generate_directory.py and
generate_activity.py, for the annual report's bench (bench/README-report.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/report_bench \
        .venv/bin/python bench/generate_evaluation.py [--answers 10000] [--year 2025] [--seed 42] [--reset]

One anonymous survey of the given year (open in November, closed on 30 November) for all
members, eight questions (three 1–5 scales, a 0–10 recommendation, a single and a multiple
choice, two free texts answered by a third of the people), one answer per generated account
attached to an organisation, with the person's category and the organisation's type as the
application stores them. Bulk inserts only. Its title starts with "[banc]".
"""

import datetime
import random
import time

from common import BENCH_DOMAIN, bench_parser, setup_generator

MARK = "[banc] "
IDEAS = [
    "Plus de visites de terrain entre territoires voisins",
    "Des webinaires plus courts, à l'heure du déjeuner",
    "Un annuaire des personnes ressources par thématique",
    "Des formations pour les élus sur le plan climat",
    "Davantage de rencontres en présentiel dans les départements",
    "Partager les cahiers des charges des marchés publics",
    "Des retours d'expérience sur la rénovation des écoles",
    "Une newsletter moins fréquente mais plus ciblée",
]


def parse_args():
    parser = bench_parser(__doc__, seed=42, reset="supprime l'évaluation générée puis régénère")
    parser.add_argument("--answers", type=int, default=10_000)
    parser.add_argument(
        "--year", type=int, default=None, help="année de l'évaluation (par défaut l'an dernier)"
    )
    return parser.parse_args()


def main():
    args = parse_args()
    started = setup_generator(args.allow_sqlite)

    from django.db import transaction
    from django.utils import timezone

    from apps.directory.models import Membership
    from apps.evaluations.models import (
        EvaluationAnswer,
        EvaluationQuestion,
        EvaluationResponse,
        QuestionKind,
        Survey,
        SurveyStatus,
    )

    rng = random.Random(args.seed)
    year = args.year or timezone.localdate().year - 1
    existing = Survey.objects.filter(title__startswith=MARK)
    if existing.exists():
        if not args.reset:
            print("Évaluation déjà générée : rien à faire (--reset pour régénérer).")
            return
        existing.delete()
    with transaction.atomic():
        survey = Survey.objects.create(
            title=f"{MARK}Évaluation annuelle du réseau {year}",
            status=SurveyStatus.PUBLISHED,
            opens_on=datetime.date(year, 11, 1),
            closes_on=datetime.date(year, 11, 30),
            is_anonymous=True,
        )
        questions = [
            EvaluationQuestion(
                survey=survey, position=1, kind=QuestionKind.SCALE, label="Satisfaction générale"
            ),
            EvaluationQuestion(
                survey=survey, position=2, kind=QuestionKind.SCALE, label="Utilité des rencontres"
            ),
            EvaluationQuestion(
                survey=survey, position=3, kind=QuestionKind.SCALE, label="Qualité des ressources"
            ),
            EvaluationQuestion(
                survey=survey, position=4, kind=QuestionKind.NPS, label="Recommanderiez-vous le réseau ?"
            ),
            EvaluationQuestion(
                survey=survey,
                position=5,
                kind=QuestionKind.SINGLE,
                label="À quelle fréquence venez-vous aux événements ?",
                choices=["Jamais", "Une fois par an", "Plusieurs fois par an", "Chaque mois"],
            ),
            EvaluationQuestion(
                survey=survey,
                position=6,
                kind=QuestionKind.MULTIPLE,
                label="Quels formats vous sont utiles ?",
                choices=[
                    "Webinaires",
                    "Journées de rencontre",
                    "Formations",
                    "Visites de terrain",
                    "Ateliers",
                ],
            ),
            EvaluationQuestion(
                survey=survey, position=7, kind=QuestionKind.TEXT, label="Ce que le réseau vous a apporté"
            ),
            EvaluationQuestion(
                survey=survey, position=8, kind=QuestionKind.TEXT, label="Ce qu'il faudrait changer"
            ),
        ]
        EvaluationQuestion.objects.bulk_create(questions)
        rows = list(
            Membership.objects.filter(
                person__user__email__endswith=f"@{BENCH_DOMAIN}", organisation__status="active"
            )
            .order_by("person__user_id", "pk")
            .values_list("person__user_id", "person__category", "organisation__type", "organisation__name")
        )
        seen, people = set(), []
        for user_id, category, org_type, org_name in rows:
            if user_id not in seen:
                seen.add(user_id)
                people.append((user_id, category, org_type, org_name))
        people = rng.sample(people, min(args.answers, len(people)))
        opened = timezone.make_aware(datetime.datetime(year, 11, 1, 9))
        responses = [
            EvaluationResponse(
                survey=survey,
                user_id=user_id,
                person_category=category,
                organisation_type=org_type,
                organisation_name=org_name,
                created_at=opened + datetime.timedelta(minutes=rng.randint(0, 29 * 24 * 60)),
            )
            for user_id, category, org_type, org_name in people
        ]
        EvaluationResponse.objects.bulk_create(responses, batch_size=2000)
        answers = []
        for response in responses:
            base = rng.choice([2, 3, 4, 4, 5])
            for question in questions:
                if question.kind == QuestionKind.SCALE:
                    answers.append(
                        EvaluationAnswer(
                            response=response,
                            question=question,
                            number=max(1, min(5, base + rng.choice([-1, 0, 0, 1]))),
                        )
                    )
                elif question.kind == QuestionKind.NPS:
                    answers.append(
                        EvaluationAnswer(
                            response=response,
                            question=question,
                            number=min(10, base * 2 + rng.randint(-1, 1)),
                        )
                    )
                elif question.kind == QuestionKind.SINGLE:
                    answers.append(
                        EvaluationAnswer(response=response, question=question, options=[rng.randint(0, 3)])
                    )
                elif question.kind == QuestionKind.MULTIPLE:
                    answers.append(
                        EvaluationAnswer(
                            response=response,
                            question=question,
                            options=sorted(rng.sample(range(5), rng.randint(1, 3))),
                        )
                    )
                elif rng.random() < 0.33:
                    answers.append(
                        EvaluationAnswer(response=response, question=question, text=rng.choice(IDEAS))
                    )
            if len(answers) >= 20_000:
                EvaluationAnswer.objects.bulk_create(answers, batch_size=5000)
                answers = []
        EvaluationAnswer.objects.bulk_create(answers, batch_size=5000)
    print(
        f"[{time.monotonic() - started:6.1f} s] {len(responses)} réponses, "
        f"{EvaluationAnswer.objects.filter(response__survey=survey).count()} réponses aux questions"
    )


if __name__ == "__main__":
    main()
