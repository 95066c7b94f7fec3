"""Run every minute from cron: sends the scheduled editions, turns new content into the
notifications of the members who follow it (apps.mailing.follows, idempotent), and wakes the
workers when deliveries are due (retries whose time has come, rows a killed worker held) and no
sending task is waiting already."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from apps.mailing.models import Delivery


class Command(BaseCommand):
    help = "Met en file une tâche d'envoi si des courriels sont à envoyer."

    def add_arguments(self, parser):
        parser.add_argument("--tasks", type=int, default=1, help="Nombre de tâches d'envoi à mettre en file.")

    def handle(self, *args, tasks, **options):
        from apps.mailing.follows import follows_notify
        from apps.mailing.services import editions_send_due
        from apps.mailing.tasks import outbox_send

        editions = editions_send_due()
        if editions:
            self.stdout.write(f"{editions} lettre(s) programmée(s) mise(s) en envoi.")
        followed = follows_notify()
        if followed:
            self.stdout.write(f"{followed} notification(s) de suivi créée(s).")
        due = Delivery.objects.due(timezone.now()).count()
        if not due:
            self.stdout.write("Aucun courriel à envoyer.")
            return
        waiting = waiting_tasks()
        for _ in range(max(0, tasks - waiting)):
            outbox_send.enqueue()
        self.stdout.write(
            f"{due} courriel(s) à envoyer ; {max(0, tasks - waiting)} tâche(s) mise(s) en file."
        )


def waiting_tasks() -> int:
    """Sending tasks already queued and not started (database task backend only)."""
    from django.tasks import default_task_backend

    if default_task_backend.__class__.__module__.split(".")[0] != "django_tasks_db":
        return 0
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path="apps.mailing.tasks.outbox_send", status="READY").count()
