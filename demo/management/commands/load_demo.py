"""`manage.py load_demo`: load (or update) the demo network. Idempotent: a second run updates,
never duplicates (see demo.loader)."""

from django.core.management.base import BaseCommand

from demo import loader


class Command(BaseCommand):
    help = (
        "Charge (ou met à jour) le réseau de démonstration construit à partir des documents du réseau COMETE."
    )

    def handle(self, *args, **options):
        loader.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Réseau de démonstration chargé."))
