from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from apps.evaluations.models import Survey
from apps.evaluations.services import survey_invitations_enqueue


class Command(BaseCommand):
    help = (
        "Relance une fois les personnes invitées qui n'ont pas encore répondu aux évaluations ouvertes "
        "qui ferment dans les N jours. À lancer chaque jour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jours", type=int, default=7, help="Relancer quand la clôture est à moins de N jours."
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        due = (
            Survey.objects.open_on(today)
            .filter(
                invitations_sent_at__isnull=False,
                closes_on__lte=today + timedelta(days=options["jours"]),
            )
            .filter(Q(reminders_sent_at__isnull=True))
        )
        count = 0
        for survey in due:
            survey_invitations_enqueue(survey=survey, reminder=True)
            count += 1
        self.stdout.write(f"{count} relance(s) d'évaluation mise(s) en file d'attente.")
