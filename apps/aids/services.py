"""Every write of the aid directory. Keyword-only, typed, named <entity>_<action>."""

import logging

from django.db import transaction

from apps.aids.models import Aid, SavedSearch

logger = logging.getLogger("maillage")


def _search_index(obj) -> None:
    """Keep the site-wide search engine in step. The engine is another app: until it ships, skip."""
    try:
        from apps.search.services import search_index_object
    except ImportError:  # pragma: no cover - depends on the search app's progress
        return
    search_index_object(obj)


def _search_remove(obj) -> None:
    try:
        from apps.search.services import search_remove_object
    except ImportError:  # pragma: no cover - depends on the search app's progress
        return
    search_remove_object(obj)


@transaction.atomic
def aid_save(*, form, user) -> Aid:
    """Create or update an aid from a valid `AidForm`."""
    aid = form.save(commit=False)
    if aid.pk is None:
        aid.created_by = user if user.is_authenticated else None
    aid.save()
    form.save_m2m()
    _search_index(aid)
    return aid


@transaction.atomic
def aid_delete(*, aid: Aid) -> None:
    _search_remove(aid)
    aid.delete()


def saved_search_create(*, user, name: str, search: dict) -> SavedSearch:
    """`search` holds the cleaned eligibility criteria (see forms.saved_search_from_form)."""
    from django.utils import timezone

    # Start the alert now: the first digest reports aids added from today on, not the whole backlog.
    return SavedSearch.objects.create(user=user, name=name, last_sent_at=timezone.now(), **search)


def saved_search_delete(*, saved_search: SavedSearch) -> None:
    saved_search.delete()
