from django.core.management.base import BaseCommand

from apps.resources.tasks import send_resource_reminders


class Command(BaseCommand):
    help = (
        "Met en file l'envoi des rappels de revue aux responsables des ressources (avant et après la date)."
    )

    def handle(self, *args, **options):
        result = send_resource_reminders.enqueue()
        self.stdout.write(f"Envoi des rappels de revue mis en file (tâche {result.id}).")
