from django.tasks import task

from apps.notifications.services import notifications_send


@task()
def send_notification_emails(*, frequency: str) -> int:
    return notifications_send(frequency=frequency)
