from django.tasks import task

from apps.mailing.outbox import outbox_run


@task()
def outbox_send() -> int:
    """Send what is due in the outbox (several may run at once: see apps.mailing.outbox)."""
    return outbox_run()
