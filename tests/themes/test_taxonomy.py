"""The default themes taxonomy and its data migration (themes 0002)."""

import importlib

import pytest
from django.apps import apps as global_apps
from django.utils.text import slugify

from apps.themes.models import Theme
from apps.themes.taxonomy import DEFAULT_THEMES, install_default_themes

pytestmark = pytest.mark.django_db

migration = importlib.import_module("apps.themes.migrations.0002_default_themes")


def run_migration():
    migration.install(global_apps, None)


@pytest.fixture(autouse=True)
def _migrated_themes():
    """Browser tests (transactional) flush the database, data migrations included; when one ran
    earlier on this worker, put back what the migration installs so these tests see a migrated DB."""
    if not Theme.objects.exists():
        run_migration()


def test_taxonomy_is_well_formed():
    slugs = [theme.slug for theme in DEFAULT_THEMES]
    names = [theme.name for theme in DEFAULT_THEMES]
    assert len(set(slugs)) == len(slugs)
    assert len({name.lower() for name in names}) == len(names)
    for theme in DEFAULT_THEMES:
        assert theme.slug == slugify(theme.slug), theme.slug
        assert len(theme.name) <= 120
        assert 40 <= len(theme.description) <= 400, theme.slug


def test_migration_installed_every_default_theme():
    installed = dict(Theme.objects.values_list("slug", "name"))
    for theme in DEFAULT_THEMES:
        assert installed.get(theme.slug) == theme.name
    # The themes the brief names are all there.
    for slug in ("energie", "mobilite", "biodiversite", "eau", "sobriete-fonciere", "financement"):
        assert Theme.objects.get(slug=slug).is_active
    positions = list(Theme.objects.filter(slug__in=installed).values_list("slug", flat=True))
    assert positions[0] == DEFAULT_THEMES[0].slug  # ordering follows the taxonomy


def test_rerunning_keeps_edits_and_only_creates_missing_themes():
    energie = Theme.objects.get(slug="energie")
    energie.name = "Énergie et climat"
    energie.description = "Notre propre définition."
    energie.is_active = False
    energie.save()
    Theme.objects.filter(slug="eau").delete()
    count = Theme.objects.count()

    run_migration()

    energie.refresh_from_db()
    assert (energie.name, energie.description, energie.is_active) == (
        "Énergie et climat",
        "Notre propre définition.",
        False,
    )
    assert Theme.objects.filter(slug="eau").exists()
    assert Theme.objects.count() == count + 1

    run_migration()
    assert Theme.objects.count() == count + 1


def test_a_network_theme_already_using_a_default_name_is_not_duplicated():
    Theme.objects.filter(slug="mobilite").delete()
    Theme.objects.create(name="Mobilité", slug="deplacements")
    created = install_default_themes(Theme)
    assert created == []
    assert Theme.objects.filter(name="Mobilité").count() == 1
