"""Search parameters from the query string. Lenient by design: an unknown filter value is dropped
with a French message, never an error page."""

from django import forms
from dsfr.forms import DsfrBaseForm

from apps.search import registry
from apps.search.models import PopulationBand
from apps.search.selectors import SORTS, SearchFilters


class SearchForm(DsfrBaseForm):
    q = forms.CharField(label="Rechercher", required=False, strip=True)
    # Not a ChoiceField: an unknown sort must not make the form invalid (and drop the words).
    sort = forms.CharField(
        label="Trier par", required=False, widget=forms.Select(choices=list(SORTS.items()))
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": "Par exemple : rénovation école"}
        )
        self.warnings: list[str] = []

    def clean_sort(self):
        sort = self.cleaned_data.get("sort") or "relevance"
        if sort not in SORTS:
            self.warnings.append("Le tri demandé n'existe pas : les résultats sont triés par pertinence.")
            return "relevance"
        return sort


def filters_from_request(params, *, fixed_kind: str = "") -> tuple[SearchFilters, list[str], int]:
    """(filters, French warnings, page) from a QueryDict."""
    from apps.themes.models import Theme

    warnings: list[str] = []
    filters = SearchFilters(kind=fixed_kind)
    kind = params.get("type", "")
    if not fixed_kind and kind:
        if registry.provider_for_kind(kind):
            filters.kind = kind
        else:
            warnings.append("Le type de contenu demandé n'existe pas : ce filtre a été ignoré.")
    theme = params.get("theme", "")
    if theme:
        theme_id = Theme.objects.filter(slug=theme).values_list("pk", flat=True).first()
        if theme_id:
            filters.theme = theme_id
        else:
            warnings.append("La thématique demandée n'existe pas : ce filtre a été ignoré.")
    for name, label in (("region", "La région demandée"), ("departement", "Le département demandé")):
        value = params.get(name, "")
        if value:
            if value.isdigit() and len(value) < 12:
                setattr(filters, name, int(value))
            else:
                warnings.append(f"{label} n'est pas valide : ce filtre a été ignoré.")
    band = params.get("population", "")
    if band:
        if band in PopulationBand.values:
            filters.population_band = band
        else:
            warnings.append("La taille de territoire demandée n'est pas valide : ce filtre a été ignoré.")
    status = params.get("status", "")
    if status:
        if status in registry.status_labels():
            filters.status = status
        else:
            warnings.append("Le statut demandé n'est pas valide : ce filtre a été ignoré.")
    page_raw = params.get("page", "1")
    page = int(page_raw) if page_raw.isdigit() and len(page_raw) < 6 else 1
    return filters, warnings, page


# Query-string name of each facet (the selectors use the model's names).
FACET_PARAMS = {
    "kind": "type",
    "theme": "theme",
    "region": "region",
    "departement": "departement",
    "population_band": "population",
    "status": "status",
}
