"""`manage.py load_territories`: load or refresh the COG and the coordinates (see apps/territories/loader.py)."""

from django.core.management.base import BaseCommand, CommandError

from apps.territories.loader import territories_load


class Command(BaseCommand):
    help = "Charge ou met à jour régions, départements, EPCI, EPT et communes (découpage administratif)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Ne rien faire si des communes sont déjà chargées."
        )
        parser.add_argument(
            "--departements",
            default="",
            help="Codes de départements séparés par des virgules (ex. 74,01) : seules leurs communes et leurs EPCI sont chargés.",
        )

    def handle(self, *args, if_empty=False, departements="", **options):
        codes = [code for code in (part.strip() for part in departements.split(",")) if code]
        try:
            report = territories_load(departements=codes or None, if_empty=if_empty)
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        if report.skipped:
            self.stdout.write("Territoires déjà chargés : rien à faire.")
            return
        for kind in sorted(set(report.created) | set(report.updated) | set(report.retired)):
            self.stdout.write(
                f"{kind} : {report.created[kind]} créé(s), {report.updated[kind]} mis à jour, "
                f"{report.retired[kind]} retiré(s)"
            )
        total = sum(count for _, count, _ in report.coverage) or 1
        population = sum(pop for _, _, pop in report.coverage) or 1
        self.stdout.write("Coordonnées des communes (toutes communes actuelles) :")
        for step, count, pop in report.coverage:
            self.stdout.write(
                f"  {step:<28} {count:>6} communes ({100 * count / total:5.1f} %), "
                f"population {100 * pop / population:5.1f} %"
            )
        self.stdout.write(self.style.SUCCESS(f"Terminé en {report.seconds:.1f} s."))
