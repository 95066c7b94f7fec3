from django.core.management.base import BaseCommand

from apps.events.models import PartnerFeed
from apps.events.tasks import partner_feed_import_task


class Command(BaseCommand):
    help = "Met en file d'attente l'import de chaque agenda partenaire actif (à lancer par cron, par ex. toutes les heures)."

    def handle(self, *args, **options):
        count = 0
        for feed_id in PartnerFeed.objects.filter(is_active=True).values_list("pk", flat=True):
            partner_feed_import_task.enqueue(feed_id=feed_id)
            count += 1
        self.stdout.write(f"{count} import(s) d'agenda partenaire en file d'attente.")
