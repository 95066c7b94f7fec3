"""Demo aids, from the network's source documents (/work/shared/seeds). Idempotent: keyed by
(source="demo", external_id), a second run updates the same rows. Organisations, themes and
territories are looked up by name or code and skipped when the other demos did not create them."""

import datetime

from apps.aids.models import Aid, AidKind, AidStatus, Beneficiary, Recurrence, encode_beneficiaries
from apps.core.text import normalize

B = Beneficiary
COLLECTIVITES = [B.COMMUNE, B.EPCI, B.DEPARTEMENT, B.REGION]

DEMO_AIDS = [
    {
        "key": "fonds-vert",
        "title": "Fonds vert : accélérer la transition écologique dans les territoires",
        "kind": AidKind.SUBVENTION,
        "beneficiaries": [*COLLECTIVITES, B.ETABLISSEMENT_PUBLIC],
        "description": (
            "Le **Fonds d'accélération de la transition écologique dans les territoires** (Fonds vert) "
            "soutient les projets des collectivités : rénovation énergétique des bâtiments publics, "
            "renaturation des villes, recyclage des friches, adaptation au changement climatique, "
            "prévention des risques naturels.\n\n"
            "Les dossiers sont déposés sur la plateforme Démarches simplifiées et instruits par les "
            "préfectures, selon les priorités fixées localement."
        ),
        "funders": ["Ministère de la Transition écologique"],
        "funders_text": "État — ministère de la Transition écologique",
        "instructors": ["Préfecture"],
        "themes": ["energie", "renovation", "biodiversite", "nature", "adaptation", "climat"],
        "rate_max": 80,
        "recurrence": Recurrence.RECURRENTE,
        "url": "https://www.ecologie.gouv.fr/fonds-vert",
        "contact": "Le service « transition écologique » de votre préfecture de département.",
    },
    {
        "key": "crte",
        "title": "Contrat pour la réussite de la transition écologique (CRTE)",
        "kind": AidKind.INGENIERIE,
        "beneficiaries": [B.COMMUNE, B.EPCI],
        "description": (
            "Le **CRTE** est le contrat qui réunit l'État et les intercommunalités (avec leurs communes) "
            "autour d'un projet de territoire tourné vers la transition écologique. Il rassemble les "
            "financements de l'État et de ses opérateurs et donne accès à un appui en ingénierie.\n\n"
            "Le réseau anime un groupe des CRTE territoriaux pour partager méthodes et fiches-actions."
        ),
        "funders": ["ANCT", "Agence nationale de la cohésion des territoires"],
        "funders_text": "État, ANCT",
        "themes": ["gouvernance", "financement"],
        "recurrence": Recurrence.PERMANENTE,
        "url": "https://agence-cohesion-territoires.gouv.fr/crte",
    },
    {
        "key": "fonds-participation-compiegne",
        "title": "Fonds de participation à la transition écologique de l'Agglomération de la Région de Compiègne",
        "kind": AidKind.APPEL,
        "beneficiaries": [B.ASSOCIATION, B.ETABLISSEMENT_PUBLIC],
        "perimeter": ("epci", "200067965"),
        "description": (
            "Pour aider les associations et le monde scolaire à contribuer à la transition écologique, "
            "l'Agglomération de la Région de Compiègne a mis en place un fonds de participation de "
            "50 000 € répartis sur 3 ans (2021 à 2023). Chaque projet lauréat reçoit au plus 1 500 €, "
            "dans la limite de 50 % de son plan de financement.\n\n"
            "Exemples : jardins partagés en permaculture, sensibilisation à la biodiversité, observatoire "
            "de la biodiversité, cuisine zéro déchet et locale, valorisation d'invendus en circuits courts, "
            "usage du vélo…"
        ),
        "funders": ["Compiègne"],
        "funders_text": "Agglomération de la Région de Compiègne",
        "themes": ["biodiversite", "nature", "dechets", "alimentation", "mobilite", "sensibilisation"],
        "rate_max": 50,
        "amount_max": 1500,
        "budget": 50000,
        "funding_comment": "50 000 € sur 3 ans, 1 500 € au plus par projet, 50 % maximum du plan de financement.",
        "open_date": datetime.date(2021, 1, 1),
        "close_date": datetime.date(2023, 12, 31),
        "recurrence": Recurrence.RECURRENTE,
    },
    {
        "key": "intracting",
        "title": "Intracting : avance remboursable pour les économies d'énergie des bâtiments publics",
        "kind": AidKind.PRET,
        "beneficiaries": COLLECTIVITES,
        "description": (
            "La **Caisse des Dépôts** (Banque des Territoires) propose l'*intracting* : une avance "
            "remboursable à taux proche de zéro qui finance les travaux d'économies d'énergie (bâtiments, "
            "éclairage public) et se rembourse grâce aux économies réalisées.\n\n"
            "Adapté aux petites et moyennes collectivités pour massifier les petits travaux à temps de "
            "retour court (moins de 10 à 13 ans), en complément des subventions."
        ),
        "funders": ["Caisse des Dépôts", "Banque des Territoires"],
        "funders_text": "Caisse des Dépôts — Banque des Territoires",
        "themes": ["energie", "renovation", "batiment"],
        "recurrence": Recurrence.PERMANENTE,
        "url": "https://www.banquedesterritoires.fr/intracting",
    },
    {
        "key": "actee",
        "title": "Programme ACTEE+ : efficacité énergétique des bâtiments publics",
        "kind": AidKind.APPEL,
        "beneficiaries": [*COLLECTIVITES, B.ETABLISSEMENT_PUBLIC],
        "description": (
            "**ACTEE+** (Action des collectivités territoriales pour l'efficacité énergétique), porté par la "
            "FNCCR et financé par les certificats d'économies d'énergie, cofinance par appels à projets les "
            "économes de flux, les audits énergétiques et la maîtrise d'œuvre des projets de rénovation "
            "des bâtiments publics. Un webinaire avec l'AMF est envisagé pour le présenter au réseau."
        ),
        "funders": ["FNCCR"],
        "funders_text": "FNCCR (programme CEE)",
        "themes": ["energie", "renovation", "batiment"],
        "rate_max": 50,
        "open_date": datetime.date(2026, 3, 1),
        "close_date": datetime.date(2026, 12, 15),
        "recurrence": Recurrence.RECURRENTE,
        "url": "https://www.programme-cee-actee.fr/",
    },
    {
        "key": "ademe-formations",
        "title": "Catalogue de formations de l'ADEME pour les collectivités",
        "kind": AidKind.FORMATION,
        "beneficiaries": [*COLLECTIVITES, B.ASSOCIATION, B.ENTREPRISE, B.ETABLISSEMENT_PUBLIC],
        "description": (
            "Le catalogue de formation de l'ADEME est ouvert à toutes les collectivités : climat-air-énergie, "
            "économie circulaire, concertation dans les plans climat… Le réseau transmet au service formation "
            "de l'ADEME les besoins identifiés pour l'année suivante afin de mutualiser la conception."
        ),
        "funders": ["ADEME"],
        "funders_text": "ADEME",
        "themes": ["energie", "climat", "formation"],
        "recurrence": Recurrence.PERMANENTE,
        "url": "https://formations.ademe.fr/",
    },
    {
        "key": "aides-territoires",
        "title": "Aides-territoires : trouver les aides financières et d'ingénierie de son territoire",
        "kind": AidKind.AUTRE,
        "beneficiaries": [*COLLECTIVITES, B.ASSOCIATION, B.ETABLISSEMENT_PUBLIC, B.ENTREPRISE, B.AGRICULTEUR],
        "description": (
            "**Aides-territoires** facilite la recherche d'aides des collectivités territoriales et de leurs "
            "partenaires locaux (associations, établissements publics, entreprises, agriculteurs) en rendant "
            "visibles tous les dispositifs financiers et d'ingénierie auxquels ils peuvent prétendre. "
            "Les aides de ce répertoire peuvent en être importées."
        ),
        "funders": ["Aides-territoires", "ANCT"],
        "funders_text": "ANCT — Aides-territoires",
        "themes": ["financement"],
        "recurrence": Recurrence.PERMANENTE,
        "url": "https://aides-territoires.beta.gouv.fr/",
    },
]


def _organisations(names):
    from apps.directory.models import Organisation

    found = []
    for name in names:
        org = Organisation.objects.filter(search_name__contains=normalize(name)).order_by("pk").first()
        if org is not None and org not in found:
            found.append(org)
    return found


def _themes(keywords):
    from apps.themes.models import Theme

    themes = list(Theme.objects.all())
    found = []
    for keyword in keywords:
        for theme in themes:
            if normalize(keyword) in normalize(theme.name) and theme not in found:
                found.append(theme)
    return found


def load(*, stdout):
    from apps.territories.models import Territory

    created = updated = skipped = 0
    for spec in DEMO_AIDS:
        perimeter = None
        if spec.get("perimeter"):
            kind, code = spec["perimeter"]
            perimeter = Territory.objects.filter(kind=kind, code=code).first()
            if perimeter is None:
                stdout.write(f"  aides : « {spec['title']} » ignorée (territoire {kind} {code} absent).")
                skipped += 1
                continue
        funders = _organisations(spec.get("funders", []))
        fields = {
            "title": spec["title"],
            "kind": spec["kind"],
            "status": AidStatus.PUBLISHED,
            "description": spec["description"],
            "beneficiaries": encode_beneficiaries(spec["beneficiaries"]),
            "perimeter": perimeter,
            # Free-text funders only when the directory has none of them.
            "funders_text": "" if funders else spec.get("funders_text", ""),
            "rate_max": spec.get("rate_max"),
            "amount_max": spec.get("amount_max"),
            "budget": spec.get("budget"),
            "funding_comment": spec.get("funding_comment", ""),
            "open_date": spec.get("open_date"),
            "close_date": spec.get("close_date"),
            "recurrence": spec["recurrence"],
            "url": spec.get("url", ""),
            "contact": spec.get("contact", ""),
        }
        aid, was_created = Aid.objects.update_or_create(
            source="demo", external_id=spec["key"], defaults=fields
        )
        aid.funders.set(funders)
        aid.instructors.set(_organisations(spec.get("instructors", [])))
        aid.themes.set(_themes(spec.get("themes", [])))
        from apps.aids.services import _search_index

        _search_index(aid)
        created += was_created
        updated += not was_created
    stdout.write(f"Aides : {created} créée(s), {updated} mise(s) à jour, {skipped} ignorée(s).")
