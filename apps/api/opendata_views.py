"""/donnees/: the open-data page and its files (apps.api.opendata)."""

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from apps.api import opendata
from apps.core.tabular import csv_response


@require_GET
def index(request):
    return render(
        request,
        "api/opendata.html",
        {
            "title": "Données ouvertes",
            "breadcrumb": [("Données ouvertes", None)],
            "datasets": opendata.DATASETS,
            "licence": opendata.LICENCE,
            "licence_url": opendata.LICENCE_URL,
            "api_docs_url": reverse("api-v1:openapi-view"),
        },
    )


def _public(response, filename: str):
    # Public data, the same for everyone: harvesters and caches may keep it an hour.
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _dataset(slug: str) -> opendata.Dataset:
    dataset = opendata.BY_SLUG.get(slug)
    if dataset is None:
        raise Http404
    return dataset


@require_GET
def dataset_csv(request, slug):
    dataset = _dataset(slug)
    rows = (row for part in ([dataset.header()], dataset.rows()) for row in part)
    return _public(csv_response(rows, filename=f"{slug}.csv", streaming=True), f"{slug}.csv")


@require_GET
def dataset_json(request, slug):
    dataset = _dataset(slug)
    response = StreamingHttpResponse(
        opendata.json_chunks(dataset), content_type="application/json; charset=utf-8"
    )
    return _public(response, f"{slug}.json")
