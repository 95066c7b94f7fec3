"""Filters of « Qui me ressemble » (GET): never block the page, report and ignore bad values."""

from django import forms
from dsfr.forms import DsfrBaseForm

from apps.directory.models import OrganisationType
from apps.directory.selectors_similar import SimilarFilters


class SimilarFilterForm(DsfrBaseForm):
    type = forms.ChoiceField(
        label="Type d'organisation",
        required=False,
        choices=[("", "Types comparables (recommandé)"), *OrganisationType.choices],
        help_text="Par défaut : le même type ou un type voisin (une commune est comparée aux communes et aux intercommunalités).",
        error_messages={"invalid_choice": "Ce type d'organisation n'existe pas."},
    )
    meme_region = forms.BooleanField(label="Dans la même région", required=False)
    meme_taille = forms.BooleanField(
        label="De la même taille",
        required=False,
        help_text="Même tranche de population.",
    )
    avec_experience = forms.BooleanField(
        label="Ayant fait ce que vous envisagez",
        required=False,
        help_text="Un retour d'expérience publié sur vos besoins (ou, sans besoin renseigné, sur n'importe quel sujet).",
    )

    def __init__(self, *args, sized: bool = True, has_region: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not sized:
            self.fields["meme_taille"].disabled = True
            self.fields[
                "meme_taille"
            ].help_text = "Sans objet : la population de cette organisation n'est pas connue."
        if not has_region:
            self.fields["meme_region"].disabled = True
            self.fields[
                "meme_region"
            ].help_text = "Sans objet : la région de cette organisation n'est pas connue."

    def filters(self) -> SimilarFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return SimilarFilters(
            kind=data.get("type") or "",
            same_region=bool(data.get("meme_region")),
            same_size=bool(data.get("meme_taille")),
            with_experience=bool(data.get("avec_experience")),
        )

    @property
    def active_count(self) -> int:
        f = self.filters()
        return sum([bool(f.kind), f.same_region, f.same_size, f.with_experience])
