"""Background work of mentoring (django.tasks, run by db_worker). Idempotent."""

from django.tasks import task


@task()
def follow_up_mentorships() -> dict:
    from apps.mentoring.services import mentorships_follow_up

    return mentorships_follow_up()
