"""Load the demo network. Idempotent: a second run updates, never duplicates.

Each domain app that has demo content exposes `apps.<app>.demo.load(*, stdout)`; they run in
the order below, the directory first since everything else links to its organisations.
"""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_MODULES = [
    "apps.themes.demo",
    "apps.directory.demo",
    "apps.experiences.demo",
    "apps.resources.demo",
    "apps.aids.demo",
    "apps.consultations.demo",
    "apps.events.demo",
    "apps.polls.demo",
    "apps.programmes.demo",
    "apps.arbitrages.demo",
    "apps.groups.demo",
    "apps.questions.demo",
]


class Command(BaseCommand):
    help = (
        "Charge (ou met à jour) le réseau de démonstration construit à partir des documents du réseau COMETE."
    )

    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name == name:
                    continue
                raise
            with transaction.atomic():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Réseau de démonstration chargé."))
