"""Demo consultation and workshops, from the network's documents (see demo_data.py).

Idempotent: objects are found by natural keys (slug, positions, author + text) and updated.
"""

import datetime

from apps.consultations.demo_data import CONSULTATION, WORKSHOPS
from apps.consultations.models import (
    STEERING_LABEL,
    Action,
    Booklet,
    Consultation,
    Contribution,
    Initiative,
    Objective,
    Proposal,
    Question,
    Workshop,
    WorkshopGroup,
)
from apps.core.text import normalize
from apps.directory.models import Organisation

# The document spells some partners in two ways; the booklet should count each once.
AUTHOR_ALIASES = {
    "FVD": "France Ville Durable",
    "France Ville Durable (FVD)": "France Ville Durable",
    "FDT": "La Fabrique des transitions",
    "27ème région": "La 27e Région",
    "CC Sauer Pechelbronn": "CC Sauer-Pechelbronn",
    "CC Pays d’Évian": "CC Pays d'Evian Vallée d'Abondance",
    "CC Haute Lande": "CC Coeur Haute Lande",
    # Keep the organisation, not the consultant's personal name.
    "Deep In Work (conseil) – Mathilde Dehame": "Deep In Work (conseil)",
}

# The three steps of the workshop method described in the document, asked as questions.
METHOD_QUESTIONS = [
    "Quelles réalisations inspirantes partager, et lesquelles retenir pour aller plus loin ?",
    "Comment fonctionne l'initiative retenue : contexte, ressources mobilisées ?",
    "Que pourrait-on reproduire et améliorer dans d'autres contextes territoriaux, et à quelles conditions ?",
]


MINOR_WORDS = {"de", "du", "des", "d", "la", "le", "l", "les", "et"}


class OrganisationMatcher:
    """Finds the directory organisation a document's author label names, or None.

    "COMITE 21" = "Comité 21" (normalised names); "ADEME" = "ADEME – Agence de la transition
    écologique" (the acronym before the dash); "CC Coeur Haute Lande" = "Communauté de communes
    Cœur Haute Lande" and "Pays de Grasse" = "Communauté d'agglomération du Pays de Grasse" (all
    the label's words in the name, when exactly one organisation qualifies)."""

    def __init__(self):
        self.orgs = list(Organisation.objects.all())
        self.exact = {}
        for org in self.orgs:
            self.exact.setdefault(org.search_name, org)
            short = normalize(org.name.split(" – ")[0])
            self.exact.setdefault(short, org)
        self.words = [(org, set(org.search_name.split()) - MINOR_WORDS) for org in self.orgs]

    def match(self, label: str):
        key = normalize(label)
        if key.startswith("cc "):
            key = "communaute de communes " + key[3:]
        if key in self.exact:
            return self.exact[key]
        wanted = set(key.split()) - MINOR_WORDS
        if len(wanted) < 2:
            return None
        found = [org for org, words in self.words if wanted <= words]
        return found[0] if len(found) == 1 else None


def load_consultation(*, stdout=None) -> Consultation:
    consultation, _ = Consultation.objects.update_or_create(
        slug="feuille-de-route-2023",
        defaults={
            "title": CONSULTATION["title"],
            "introduction": CONSULTATION["introduction"],
            "opens_on": datetime.date.fromisoformat(CONSULTATION["opens_on"]),
            "closes_on": datetime.date.fromisoformat(CONSULTATION["closes_on"]),
            "is_published": True,
        },
    )
    matcher = OrganisationMatcher()
    linked, total = 0, 0
    for obj in CONSULTATION["objectives"]:
        objective, _ = Objective.objects.update_or_create(
            consultation=consultation, position=obj["position"], defaults={"title": obj["title"]}
        )
        for act in obj["actions"]:
            action, _ = Action.objects.update_or_create(
                objective__consultation=consultation,
                position=act["position"],
                defaults={
                    "objective": objective,
                    "title": act["title"],
                    "description": act["description"],
                    "sub_actions": "\n".join(act["sub_actions"]),
                },
            )
            for author, body in act["contributions"]:
                if not body:
                    continue
                author = AUTHOR_ALIASES.get(author, author)
                total += 1
                steering = author == STEERING_LABEL
                org = None if steering else matcher.match(author)
                linked += bool(org)
                Contribution.objects.update_or_create(
                    action=action,
                    body=body,
                    defaults={
                        "is_steering": steering,
                        "organisation": org,
                        "author_label": author,
                    },
                )
    Booklet.objects.get_or_create(
        consultation=consultation,
        defaults={
            "title": "Synthèse de la consultation sur la feuille de route 2023",
        },
    )
    if stdout:
        stdout.write(
            f"  consultation « {consultation} » : {total} contributions, dont {linked} liées à l'annuaire"
        )
    return consultation


def load_workshops(*, stdout=None) -> list[Workshop]:
    workshops = []
    matcher = OrganisationMatcher()
    for data in WORKSHOPS:
        workshop, _ = Workshop.objects.update_or_create(
            title=data["title"],
            defaults={
                "held_on": datetime.date.fromisoformat(data["held_on"]),
                "introduction": data["introduction"],
                "registered_count": data["registered_count"],
                "is_published": True,
                "voting_open": False,
            },
        )
        for position, text in enumerate(METHOD_QUESTIONS, start=1):
            Question.objects.update_or_create(workshop=workshop, position=position, defaults={"text": text})
        for position, ini in enumerate(data["initiatives"], start=1):
            Initiative.objects.update_or_create(
                workshop=workshop,
                title=ini["title"],
                defaults={
                    "territory_label": ini["territory_label"],
                    "description": ini["description"],
                    "position": position,
                    # The document lists the initiatives the participants retained.
                    "is_selected": True,
                    "how_it_works": ini["description"],
                },
            )
            org = matcher.match(ini["territory_label"]) if ini["territory_label"] else None
            if org:
                workshop.participants.get_or_create(
                    organisation=org,
                    defaults={
                        "category": "autre",
                        "organisation_type": org.type,
                        "organisation_name": org.name,
                    },
                )
        for row in data["proposals"]:
            group, _ = WorkshopGroup.objects.get_or_create(workshop=workshop, name=row["group"])
            Proposal.objects.update_or_create(
                workshop=workshop,
                orientation=row["orientation"],
                defaults={
                    "group": group,
                    "action": row["action"],
                    "objectives": row["objectives"],
                    "question": workshop.questions.get(position=3),
                },
            )
        # Curated blocks belong to the animator once created: never overwritten by a reload.
        Booklet.objects.get_or_create(
            workshop=workshop,
            defaults={"title": f"Livret de l'atelier « {workshop.title} »", "next_steps": data["next_steps"]},
        )
        workshops.append(workshop)
    if stdout:
        stdout.write(f"  {len(workshops)} ateliers et leurs initiatives retenues")
    return workshops


def load(*, stdout):
    load_consultation(stdout=stdout)
    load_workshops(stdout=stdout)
