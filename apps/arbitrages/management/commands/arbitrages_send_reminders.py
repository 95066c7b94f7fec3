from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from apps.arbitrages.models import Questionnaire, QuestionnaireStatus
from apps.arbitrages.services import questionnaire_remind


class Command(BaseCommand):
    help = (
        "Relance les délégations qui n'ont pas (entièrement) répondu aux questionnaires dont la date limite "
        "approche (au plus une relance par jour et par questionnaire). À lancer chaque jour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jours", type=int, default=3, help="Relancer quand la date limite est à moins de N jours."
        )

    def handle(self, *args, **options):
        now = timezone.now()
        due = Questionnaire.objects.filter(
            status=QuestionnaireStatus.OPEN,
            deadline__gt=now,
            deadline__lte=now + timedelta(days=options["jours"]),
        ).filter(Q(last_reminder_at__isnull=True) | Q(last_reminder_at__lt=now - timedelta(hours=23)))
        total = sum(questionnaire_remind(questionnaire=q, now=now) for q in due)
        self.stdout.write(f"{total} relance(s) mise(s) en file d'attente.")
