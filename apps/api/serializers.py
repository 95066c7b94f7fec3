"""Plain dict serialisers: the JSON shapes are documented in docs/aids.md."""


def aid_to_dict(aid, *, request=None) -> dict:
    url = aid.get_absolute_url()
    perimeter = aid.perimeter
    return {
        "id": aid.pk,
        "slug": aid.slug,
        "intitule": aid.title,
        "url": request.build_absolute_uri(url) if request else url,
        "nature": aid.kind,
        "nature_libelle": aid.get_kind_display(),
        "description": aid.description,
        "beneficiaires": aid.beneficiary_list,
        "perimetre": {"code": perimeter.code, "nom": perimeter.name, "niveau": perimeter.kind}
        if perimeter
        else {"code": "FR", "nom": "France entière", "niveau": "national"},
        "thematiques": [theme.slug for theme in aid.themes.all()],
        "financeurs": aid.funder_names,
        "taux_min": aid.rate_min,
        "taux_max": aid.rate_max,
        "montant_max": aid.amount_max,
        "enveloppe": aid.budget,
        "ouverture": aid.open_date.isoformat() if aid.open_date else None,
        "cloture": aid.close_date.isoformat() if aid.close_date else None,
        "recurrence": aid.recurrence,
        "lien": aid.url,
        "statut": aid.status,
    }
