from django.core.management.base import BaseCommand

from apps.mentoring.tasks import follow_up_mentorships


class Command(BaseCommand):
    help = (
        "Met en file la relance des parrainages (« avez-vous pu échanger ? » après le délai choisi) "
        "et l'expiration des demandes restées sans réponse. À lancer chaque jour (cron)."
    )

    def handle(self, *args, **options):
        follow_up_mentorships.enqueue()
        self.stdout.write("Relance des parrainages mise en file.")
