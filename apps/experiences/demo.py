"""Demo experience reports (see demo_data.py). Idempotent: keyed on the slug, a second run updates.
Organisations are looked up by slug and skipped when absent (the directory demo may be partial)."""

from datetime import date

from django.utils import timezone

from apps.accounts.models import User
from apps.directory.models import Organisation
from apps.experiences.demo_data import EXPERIENCES
from apps.experiences.models import Experience, ExperienceVersion, State
from apps.experiences.services import VERSIONED_FIELDS
from apps.search.services import search_index_object, search_reindex
from apps.themes.models import Theme

DEMO_DOMAIN = "demo.maillage.test"
TEXT_FIELDS = [
    "title", "format", "summary", "context", "objectives", "steps", "actors", "budget", "budget_amount",
    "funders", "results", "difficulties", "lessons", "transposability", "contacts", "project_status",
]  # fmt: skip


def load(*, stdout) -> None:
    themes = {t.slug: t for t in Theme.objects.all()}
    count = 0
    for spec in EXPERIENCES:
        organisations = list(Organisation.objects.filter(slug__in=spec.organisations))
        author = User.objects.filter(email=f"{spec.author}@{DEMO_DOMAIN}").first()
        experience = Experience.objects.filter(slug=spec.slug).first() or Experience(slug=spec.slug)
        for name in TEXT_FIELDS:
            setattr(experience, name, getattr(spec, name))
        experience.territory_character = spec.character
        experience.started_on = date.fromisoformat(spec.started) if spec.started else None
        experience.ended_on = date.fromisoformat(spec.ended) if spec.ended else None
        experience.territory = next((o.territory for o in organisations if o.territory_id), None)
        experience.state = spec.state
        experience.author = author
        if spec.state == State.PUBLISHED and not experience.published_at:
            experience.published_at = timezone.now()
        experience.save()
        experience.themes.set([themes[s] for s in spec.themes if s in themes])
        experience.organisations.set(organisations)
        if not experience.versions.exists():
            data = {name: getattr(experience, name) for name in VERSIONED_FIELDS}
            data["themes"] = [t.name for t in experience.themes.all()]
            ExperienceVersion.objects.create(
                experience=experience, number=1, data=data, author=author, note="Import de démonstration"
            )
        search_index_object(experience)
        count += 1
    stdout.write(f"  Retours d'expérience : {count}")
    # The directory demo ran just before: make its organisations findable too.
    search_reindex(kinds=["organisation"], stdout=stdout)
