from datetime import timedelta

from django.core.management.base import BaseCommand

from apps.events.services import reminders_send


class Command(BaseCommand):
    help = "Met en file d'attente les rappels des événements qui commencent dans les prochaines heures (cron quotidien ou horaire)."

    def add_arguments(self, parser):
        parser.add_argument("--heures", type=int, default=48, help="Fenêtre en heures (48 par défaut).")

    def handle(self, *args, **options):
        count = reminders_send(within=timedelta(hours=options["heures"]))
        self.stdout.write(f"{count} rappel(s) mis en file d'attente.")
