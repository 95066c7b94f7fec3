from apps.questions.models import Answer, Expertise, Question, Solicitation


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
    }


def user_erase(*, user) -> None:
    # Questions and answers stay (others answered them), detached from the person (author = NULL).
    Question.objects.filter(author=user).update(author=None)
    Answer.objects.filter(author=user).update(author=None)
    Expertise.objects.filter(user=user).delete()
    Solicitation.objects.filter(expert=user).delete()
