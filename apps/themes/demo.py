"""Demo content of the themes app: the default taxonomy (called by `manage.py load_demo`).

The data migration already installs it on a fresh database; this restores any default theme a
demo user deleted, without touching the ones they edited.
"""

from apps.themes.models import Theme
from apps.themes.taxonomy import install_default_themes


def load(*, stdout) -> None:
    created = install_default_themes(Theme)
    stdout.write(f"Thématiques : {Theme.objects.count()} ({len(created)} créée(s)).")
