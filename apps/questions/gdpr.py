from apps.core.gdpr import PersonalData
from apps.questions.models import (
    Answer,
    Comment,
    Expertise,
    Question,
    QuestionFollow,
    QuestionRevision,
    Report,
    Solicitation,
    Vote,
)


def user_export(*, user) -> dict:
    return {
        "questions": [
            {"titre": q.title, "texte": q.body, "posée": q.created_at.isoformat()}
            for q in Question.objects.filter(author=user)
        ],
        "réponses": [
            {"question": a.question.title, "texte": a.body}
            for a in Answer.objects.filter(author=user).select_related("question")
        ],
        "expertises": [
            {"thématique": e.theme.name, "capacité mensuelle": e.capacity_per_month}
            for e in Expertise.objects.filter(user=user).select_related("theme")
        ],
        "sollicitations": Solicitation.objects.filter(expert=user).count(),
        "commentaires": [
            {"question": c.answer.question.title, "texte": c.body, "écrit le": c.created_at.isoformat()}
            for c in Comment.objects.filter(author=user).select_related("answer__question")
        ],
        "votes": [
            v.answer.question.title for v in Vote.objects.filter(user=user).select_related("answer__question")
        ],
        "questions suivies": [
            f.question.title for f in QuestionFollow.objects.filter(user=user).select_related("question")
        ],
        "signalements": [
            {"question": r.question.title, "motif": r.reason, "le": r.created_at.isoformat()}
            for r in Report.objects.filter(reporter=user).select_related("question")
        ],
        "modifications de questions": QuestionRevision.objects.filter(edited_by=user).count(),
        "expertises désignées": Expertise.objects.filter(designated_by=user).count(),
    }


def user_erase(*, user) -> None:
    # Questions and answers stay (others answered them), detached from the person (author = NULL).
    Question.objects.filter(author=user).update(author=None)
    Answer.objects.filter(author=user).update(author=None)
    Expertise.objects.filter(user=user).delete()
    Solicitation.objects.filter(expert=user).delete()
    Comment.objects.filter(author=user).update(author=None)
    Vote.objects.filter(user=user).delete()
    QuestionFollow.objects.filter(user=user).delete()
    Report.objects.filter(reporter=user).update(reporter=None)


PERSONAL_DATA = PersonalData(
    label="Questions au réseau",
    models={
        "questions.Question": "gardées, sans auteur·e",
        "questions.Answer": "gardées, sans auteur·e",
        "questions.Comment": "gardés, sans auteur·e",
        "questions.QuestionRevision": "gardées, sans auteur·e (SET_NULL)",
        "questions.Vote": "supprimés",
        "questions.QuestionFollow": "supprimés",
        "questions.Report": "gardés pour la modération, sans la personne",
        "questions.Expertise": "supprimées ; désignations : SET_NULL",
        "questions.Solicitation": "supprimées",
    },
    export=user_export,
    erase=user_erase,
)
