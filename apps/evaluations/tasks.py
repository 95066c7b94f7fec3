"""Background work of the evaluation: invitations and reminders (idempotent: each person is
invited once and reminded once, whatever the number of runs)."""

import logging

from django.tasks import task

from apps.evaluations.models import Survey
from apps.evaluations.services import invitations_send, reminders_send

logger = logging.getLogger("maillage")


@task()
def survey_invitations_task(*, survey_id: int, reminder: bool = False) -> int:
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None:
        return 0
    sent = reminders_send(survey=survey) if reminder else invitations_send(survey=survey)
    logger.info("evaluation %s: %s %s queued", survey.slug, sent, "reminders" if reminder else "invitations")
    return sent
