"""Enqueue the sending of notification emails. Cron: `daily` every morning, `weekly` on Mondays."""

from django.core.management.base import BaseCommand

from apps.notifications.models import Frequency
from apps.notifications.tasks import send_notification_emails


class Command(BaseCommand):
    help = "Met en file l'envoi des courriels de notification (immédiats, résumé quotidien ou hebdomadaire)."

    def add_arguments(self, parser):
        parser.add_argument(
            "frequency",
            choices=[Frequency.IMMEDIATE, Frequency.DAILY, Frequency.WEEKLY],
            help="immediate, daily ou weekly",
        )

    def handle(self, *args, frequency, **options):
        result = send_notification_emails.enqueue(frequency=frequency)
        self.stdout.write(f"Envoi « {frequency} » mis en file ({result.id}).")
