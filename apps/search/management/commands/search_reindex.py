from django.core.management.base import BaseCommand

from apps.search import registry
from apps.search.services import search_reindex


class Command(BaseCommand):
    help = "Reconstruit l'index de recherche (tous les types de contenu, ou ceux indiqués)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="Types à réindexer (par défaut : tous).")

    def handle(self, *args, kinds, **options):
        known = {p.kind for p in registry.providers()}
        unknown = set(kinds) - known
        if unknown:
            self.stderr.write(
                f"Types inconnus : {', '.join(sorted(unknown))} (connus : {', '.join(sorted(known))})"
            )
            return
        total = search_reindex(kinds=kinds or None, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Index de recherche reconstruit : {total} document(s)."))
