from django.tasks import task

from apps.questions.services import questions_escalate


@task()
def escalate_unanswered_questions() -> dict:
    return questions_escalate()
