from django.core.management.base import BaseCommand

from apps.aids.tasks import send_aid_alerts


class Command(BaseCommand):
    help = "Met en file l'envoi des alertes aides (résumé des nouvelles aides et des clôtures proches)."

    def handle(self, *args, **options):
        result = send_aid_alerts.enqueue()
        self.stdout.write(f"Envoi des alertes aides mis en file (tâche {result.id}).")
