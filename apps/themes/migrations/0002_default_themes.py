"""Install the default taxonomy of transition themes (apps/themes/taxonomy.py).

Only missing themes are created (keyed on the slug): re-running never overwrites a theme the
network has edited. Reversing leaves the themes in place, since content may already point to them.
"""

from django.db import migrations

from apps.themes.taxonomy import install_default_themes


def install(apps, schema_editor):
    install_default_themes(apps.get_model("themes", "Theme"))


class Migration(migrations.Migration):
    dependencies = [
        ("themes", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
