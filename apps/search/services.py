"""Writes to the search index. Call these from the services that write the content (no signals):

from apps.search.services import search_index_object, search_remove_object

experience = ...; experience.save()
search_index_object(experience)   # (re)computes its document; removes it if no longer indexable
search_remove_object(experience)  # before or after deleting the object
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, TextIO

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Model

from apps.core.french import words
from apps.search import registry
from apps.search.backends import Fields, get_backend
from apps.search.models import SearchDocument, SearchDocumentTheme, SearchVocabulary, population_band
from apps.search.selectors import search_index_changed

logger = logging.getLogger("maillage")


def search_index_object(obj: Model) -> SearchDocument | None:
    """Create or refresh the search document of `obj`. Returns None when it is not indexable."""
    provider = registry.provider_for_model(type(obj))
    if provider is None:
        raise LookupError(f"Aucun fournisseur de recherche pour {type(obj).__name__}.")
    data = provider.document(obj)
    if data is None:
        search_remove_object(obj)
        return None
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    with transaction.atomic():
        doc, _ = SearchDocument.objects.update_or_create(
            content_type=content_type,
            object_id=obj.pk,
            defaults=_document_fields(provider.kind, data),
        )
        SearchDocumentTheme.objects.filter(document=doc).delete()
        SearchDocumentTheme.objects.bulk_create(
            [SearchDocumentTheme(document=doc, theme=theme) for theme in data.themes]
        )
        with connection.cursor() as cursor:
            get_backend().index(cursor, doc.pk, Fields.from_document(doc))
        _vocabulary_add(doc)
    search_index_changed()
    return doc


def search_remove_object(obj: Model) -> None:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    search_remove(content_type=content_type, object_id=obj.pk)


def search_remove(*, content_type: ContentType, object_id: int) -> None:
    ids = list(
        SearchDocument.objects.filter(content_type=content_type, object_id=object_id).values_list(
            "pk", flat=True
        )
    )
    if not ids:
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            for doc_id in ids:
                get_backend().remove(cursor, doc_id)
        SearchDocument.objects.filter(pk__in=ids).delete()
    search_index_changed()


REINDEX_BATCH = 500


def search_reindex(
    *, kinds: list[str] | None = None, stdout: TextIO | None = None, batch_size: int = REINDEX_BATCH
) -> int:
    """Rebuild the documents of every provider (or of `kinds`): removes stale ones too. In batches
    of `batch_size` objects, one transaction each: documents upserted in one statement, their
    theme links, full-text rows and vocabulary written in bulk (the same rows as
    `search_index_object`, one object at a time, writes). Idempotent; an interrupted run leaves
    whole batches and can simply be run again."""
    total = 0
    for provider in registry.providers():
        if kinds and provider.kind not in kinds:
            continue
        content_type = ContentType.objects.get_for_model(provider.model, for_concrete_model=True)
        seen: set[int] = set()
        batch: list[tuple[int, registry.DocumentData]] = []
        for obj in provider.queryset().iterator(chunk_size=batch_size):
            data = provider.document(obj)
            if data is not None:
                batch.append((obj.pk, data))
            if len(batch) >= batch_size:
                _index_batch(provider.kind, content_type, batch)
                seen.update(object_id for object_id, _ in batch)
                batch = []
        if batch:
            _index_batch(provider.kind, content_type, batch)
            seen.update(object_id for object_id, _ in batch)
        stale = [
            pk
            for pk, object_id in SearchDocument.objects.filter(content_type=content_type).values_list(
                "pk", "object_id"
            )
            if object_id not in seen
        ]
        for start in range(0, len(stale), batch_size):
            _remove_batch(stale[start : start + batch_size])
        total += len(seen)
        if stdout is not None:
            stdout.write(f"  {provider.label_plural} : {len(seen)} document(s) indexé(s)")
    return total


_UPDATED_FIELDS = [
    "kind", "title", "summary", "body", "extra", "themes_text", "theme_keys", "region", "departement",
    "population_band", "status", "date", "visibility", "audience", "url", "latitude", "longitude", "indexed_at",
]  # fmt: skip


def _index_batch(
    kind: str, content_type: ContentType, batch: list[tuple[int, registry.DocumentData]]
) -> None:
    """One transaction: upsert the documents of `batch` ((object id, data)), then their theme links,
    full-text rows and vocabulary, each in bulk."""
    docs = [
        SearchDocument(content_type=content_type, object_id=object_id, **_document_fields(kind, data))
        for object_id, data in batch
    ]
    with transaction.atomic():
        SearchDocument.objects.bulk_create(
            docs,
            update_conflicts=True,
            unique_fields=["content_type", "object_id"],
            update_fields=_UPDATED_FIELDS,
        )
        pks = dict(
            SearchDocument.objects.filter(
                content_type=content_type, object_id__in=[object_id for object_id, _ in batch]
            ).values_list("object_id", "pk")
        )
        for doc in docs:
            doc.pk = pks[doc.object_id]
        SearchDocumentTheme.objects.filter(document_id__in=[doc.pk for doc in docs]).delete()
        SearchDocumentTheme.objects.bulk_create(
            [
                SearchDocumentTheme(document_id=doc.pk, theme_id=theme.pk)
                for doc, (_, data) in zip(docs, batch, strict=True)
                for theme in data.themes
            ]
        )
        backend = get_backend()
        with connection.cursor() as cursor:
            for doc in docs:
                backend.remove(cursor, doc.pk)
            backend.index_many(cursor, [(doc.pk, Fields.from_document(doc)) for doc in docs])
        found = {
            (word, doc.visibility, doc.audience)
            for doc in docs
            for word in words(f"{doc.title} {doc.summary} {doc.themes_text}")
            if 4 <= len(word) <= 60
        }
        SearchVocabulary.objects.bulk_create(
            [SearchVocabulary(word=w, visibility=v, audience=a) for w, v, a in sorted(found)],
            ignore_conflicts=True,
            batch_size=1000,
        )
    search_index_changed()


def _remove_batch(ids: list[int]) -> None:
    with transaction.atomic():
        backend = get_backend()
        with connection.cursor() as cursor:
            for doc_id in ids:
                backend.remove(cursor, doc_id)
        SearchDocument.objects.filter(pk__in=ids).delete()
    search_index_changed()


def _document_fields(kind: str, data: registry.DocumentData) -> dict[str, Any]:
    return {
        "kind": kind,
        "title": data.title[:300],
        "summary": data.summary,
        "body": data.body,
        "extra": data.extra,
        "themes_text": ", ".join(theme.name for theme in data.themes),
        "theme_keys": theme_keys([theme.pk for theme in data.themes]),
        "region_id": data.region_id,
        "departement_id": data.departement_id,
        "population_band": population_band(data.population),
        "status": data.status,
        "date": data.date,
        "visibility": data.visibility,
        "audience": data.audience,
        "url": data.url,
        "latitude": data.latitude,
        "longitude": data.longitude,
    }


def theme_keys(ids: Iterable[int]) -> str:
    return f" {' '.join(str(pk) for pk in sorted(ids))} " if ids else ""


def _vocabulary_add(doc: SearchDocument) -> None:
    """Spelling suggestions come from the words of titles, summaries and themes, kept with the
    document's visibility and audience. Words are never removed (a stale suggestion is only offered
    if the corrected query finds something the asker may see)."""
    found = {w for w in words(f"{doc.title} {doc.summary} {doc.themes_text}") if 4 <= len(w) <= 60}
    if found:
        SearchVocabulary.objects.bulk_create(
            [
                SearchVocabulary(word=w, visibility=doc.visibility, audience=doc.audience)
                for w in sorted(found)
            ],
            ignore_conflicts=True,
        )
