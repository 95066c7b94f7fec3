from django.core.management.base import BaseCommand

from apps.resources.tasks import check_resource_links


class Command(BaseCommand):
    help = (
        "Met en file la vérification des liens externes des ressources publiées (exécutée par le db_worker)."
    )

    def handle(self, *args, **options):
        result = check_resource_links.enqueue()
        self.stdout.write(f"Vérification des liens mise en file (tâche {result.id}).")
