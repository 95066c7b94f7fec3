"""Cron (daily): enqueue the escalation of unanswered questions to the next experts, then animators."""

from django.core.management.base import BaseCommand

from apps.questions.tasks import escalate_unanswered_questions


class Command(BaseCommand):
    help = "Met en file la relance des questions sans réponse (experts suivants, puis animation)."

    def handle(self, *args, **options):
        result = escalate_unanswered_questions.enqueue()
        self.stdout.write(f"Relance des questions sans réponse mise en file ({result.id}).")
