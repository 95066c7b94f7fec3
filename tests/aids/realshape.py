"""Aides-territoires API pages in the exact shapes the real `/api/aids/` returns (see issue 16):
perimeters "Hérault (Département)", "Occitanie (Région)", "Montpellier (Commune – 34000, 34070, …)"
with NO-BREAK SPACES (U+00A0) around an EN DASH (U+2013), "France", "Europe", EPCI and ad-hoc
names; plural audience labels; categories "Thème|Sous-thème"; empty `aid_types`.

The pages are written to tests/aids/data/aides_territoires_api_page{1,2}.json by `python -m
tests.aids.realshape` and read as files by the tests (the fixture is data, not code)."""

import json
from pathlib import Path

NBSP = "\u00a0"
EN_DASH = "\u2013"
DATA = Path(__file__).parent / "data"

AUDIENCES = [
    "Communes",
    "Intercommunalités / Pays",
    "Départements",
    "Régions",
    "Associations",
    "Entreprises privées",
    "Entreprises publiques locales (Sem, Spl, SemOp)",
    "Établissements publics (écoles, bibliothèques…) / Services de l'État",
    "Agriculteurs",
    "Particuliers",
    "Recherche",
    "Collectivités d'outre-mer à statuts particuliers",
]


def _aid(
    pk,
    name,
    perimeter,
    audiences,
    *,
    categories=(),
    aid_types=(),
    updated="2026-10-01T09:30:00+02:00",
    **extra,
):
    return {
        "id": pk,
        "slug": f"aide-{pk}",
        "url": f"/aides/aide-{pk}/",
        "name": name,
        "name_initial": name,
        "short_title": "",
        "financers": extra.pop("financers", ["ADEME"]),
        "financers_full": [],
        "instructors": [],
        "programs": [],
        "description": extra.pop("description", f"<p>{name}.</p>"),
        "eligibility": extra.pop("eligibility", ""),
        "perimeter": perimeter,
        "perimeter_scale": "",
        "mobilization_steps": ["Réflexion / conception"],
        "origin_url": "",
        "categories": list(categories),
        "is_call_for_project": extra.pop("is_call_for_project", False),
        "application_url": "",
        "targeted_audiences": list(audiences),
        "aid_types": list(aid_types),
        "aid_types_full": [],
        "is_charged": False,
        "destinations": [],
        "start_date": extra.pop("start_date", None),
        "predeposit_date": None,
        "submission_deadline": extra.pop("submission_deadline", None),
        "subvention_rate_lower_bound": None,
        "subvention_rate_upper_bound": extra.pop("rate_max", None),
        "loan_amount": None,
        "recoverable_advance_amount": None,
        "contact": "",
        "recurrence": extra.pop("recurrence", "Permanente"),
        "project_examples": "",
        "import_data_url": None,
        "import_data_mention": None,
        "import_share_licence": None,
        "date_created": "2025-06-01T10:00:00+02:00",
        "date_updated": updated,
        "project_references": [],
        **extra,
    }


def montpellier() -> str:
    return f"Montpellier{NBSP}(Commune{NBSP}{EN_DASH}{NBSP}34000, 34070, 34080, 34090, …)"


def page1(base_url: str) -> dict:
    results = [
        _aid(
            1001,
            "Rénovation énergétique des bâtiments publics",
            f"Hérault{NBSP}(Département)",
            ["Communes", "Intercommunalités / Pays"],
            categories=[
                "Énergies / Déchets|Rénovation énergétique",
                "Urbanisme / Logement / Aménagement|Bâtiments et construction",
            ],
            aid_types=["Subvention"],
            description="<p>Travaux d'isolation thermique des écoles et des mairies.</p>",
            eligibility="<p>Communes de moins de 20 000 habitants.</p>",
            submission_deadline="2027-12-31",
            rate_max=60,
            recurrence="Ponctuelle",
        ),
        _aid(
            1002,
            "Fonds régional pour la biodiversité",
            f"Occitanie{NBSP}(Région)",
            ["Associations", "Entreprises publiques locales (Sem, Spl, SemOp)"],
            categories=["Nature / Environnement|Biodiversité"],
            aid_types=[],  # the real API sends empty lists
        ),
        _aid(
            1003,
            "Végétaliser les cours d'école",
            montpellier(),
            ["Établissements publics (écoles, bibliothèques…) / Services de l'État"],
            categories=["Nature / Environnement|Espaces verts"],
        ),
        _aid(
            1004,
            "Fonds vert",
            "France",
            ["Communes", "Départements", "Régions"],
            categories=["Énergies / Déchets|Transition énergétique"],
            aid_types=["Subvention", "Ingénierie technique"],
        ),
        _aid(
            1005,
            "LIFE — programme européen",
            "Europe",
            ["Recherche", "Entreprises privées"],
            categories=["Nature / Environnement|Biodiversité"],
            is_call_for_project=True,
        ),
        _aid(
            1006,
            "Aide aux circuits courts",
            "Montpellier Méditerranée Métropole",
            ["Agriculteurs", "Particuliers"],
            categories=["Agriculture / Agroalimentaire / Alimentation|Circuits courts"],
        ),
    ]
    return {"count": 9, "next": f"{base_url}?page=2", "previous": None, "results": results}


def page2(base_url: str) -> dict:
    results = [
        _aid(
            1007,
            "Préserver le bassin",
            "Bassin Rhône-Méditerranée",
            ["Communes"],
            categories=["Eau et milieux aquatiques|Eau potable"],
        ),
        _aid(
            1008,
            "Saint-Martin : énergies",
            f"Saint-Martin{NBSP}(Commune{NBSP}{EN_DASH}{NBSP}97150)",
            ["Collectivités d'outre-mer à statuts particuliers"],
            categories=["Énergies / Déchets"],
        ),
        _aid(1009, "Toutes les cibles", "France", AUDIENCES, categories=[]),
    ]
    return {"count": 9, "next": None, "previous": f"{base_url}?page=1", "results": results}


if __name__ == "__main__":
    base = "https://aides-territoires.beta.gouv.fr/api/aids/"
    for number, builder in ((1, page1), (2, page2)):
        path = DATA / f"aides_territoires_api_page{number}.json"
        path.write_text(json.dumps(builder(base), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
