"""A relevance corpus owned by the tests: graded judgements, competing documents for each query,
nDCG@5 and recall@10 reported per backend (SQLite FTS5, PostgreSQL full text).

Each topic has one document that answers the query (grade 2), one that partly does (grade 1) and
competitors that share a word of the query but not its meaning (grade 0). The corpus does not come
from the demo data, so a query word does not occur in one document only.

    make relevance     # prints the figures for both backends
"""

import math
import os
import sys

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from apps.search.selectors import search_documents
from tests.experiences.factories import ExperienceFactory

# key: (title, summary)
DOCUMENTS = {
    "ecoles": (
        "Rénovation énergétique des écoles primaires",
        "Isolation thermique des groupes scolaires, menuiseries et ventilation : la facture des écoles baisse de 40 %.",
    ),
    "mairie": (
        "Isoler les bâtiments communaux",
        "Rénovation énergétique de la mairie et de la salle des fêtes, puis de l'école maternelle.",
    ),
    "velo-ecole": (
        "Une école du vélo pour les écoliers",
        "Apprendre à circuler à vélo dès l'école primaire, avec les parents bénévoles.",
    ),
    "covoiturage": (
        "Des lignes de covoiturage en zone rurale",
        "Arrêts matérialisés et application : le covoiturage du quotidien entre villages ruraux.",
    ),
    "autopartage": (
        "Autopartage de véhicules électriques communaux",
        "Les véhicules de la commune sont partagés le soir : une alternative au covoiturage en milieu rural.",
    ),
    "france-services": (
        "Une maison France services en zone rurale",
        "Un guichet unique pour les démarches administratives des habitants ruraux.",
    ),
    "cantine": (
        "Une cantine scolaire bio et locale",
        "Les repas de la cantine sont bio à 60 % et viennent de producteurs locaux.",
    ),
    "restauration": (
        "Approvisionnement local de la restauration collective",
        "Un groupement de commandes pour la cantine des collèges et des produits bio de saison.",
    ),
    "marche-bio": (
        "Un marché bio chaque semaine",
        "Les producteurs bio du canton vendent sur la place du village le samedi.",
    ),
    "compost": (
        "Compostage collectif en pied d'immeuble",
        "Des composteurs partagés gérés par des habitants référents, avec un guide composteur.",
    ),
    "biodechets": (
        "Collecte des biodéchets des restaurants",
        "Les biodéchets sont collectés puis compostés sur une plateforme collective.",
    ),
    "jardins": (
        "Des jardins collectifs familiaux",
        "Parcelles cultivées par les familles, eau de pluie et outils mis en commun.",
    ),
    "eclairage": (
        "Extinction de l'éclairage public la nuit",
        "L'éclairage public est coupé de 23 h à 5 h : moins de consommation, retour de la nuit noire.",
    ),
    "led": (
        "Remplacer les lampadaires par des LED",
        "Rénovation de l'éclairage public avec des luminaires LED et une baisse de puissance la nuit.",
    ),
    "thermographie": (
        "Une nuit de la thermographie",
        "Balade nocturne avec une caméra thermique pour repérer les déperditions des maisons.",
    ),
    "pluie": (
        "Récupération des eaux de pluie dans les bâtiments publics",
        "Des cuves récupèrent l'eau de pluie des toitures pour les sanitaires et l'arrosage.",
    ),
    "cours": (
        "Désimperméabilisation des cours d'école",
        "La pluie s'infiltre dans les cours végétalisées au lieu de ruisseler : récupération et infiltration.",
    ),
    "riviere": (
        "La fête de l'eau et de la rivière",
        "Une journée festive au bord de la rivière pour les familles.",
    ),
    "budget-participatif": (
        "Un budget participatif pour le climat",
        "Les habitants proposent et votent des projets climat financés par la commune.",
    ),
    "assemblee": (
        "Une assemblée citoyenne pour le climat",
        "Des habitants tirés au sort ont proposé des mesures, dont un budget participatif.",
    ),
    "budget-vert": (
        "Le budget vert de la collectivité",
        "Chaque dépense du budget est cotée selon son effet sur le climat.",
    ),
    "photovoltaique": (
        "Une centrale photovoltaïque citoyenne sur les toitures",
        "Les habitants financent les panneaux photovoltaïques des écoles par une société citoyenne.",
    ),
    "cooperative": (
        "Une coopérative citoyenne d'énergie renouvelable",
        "Éolien et photovoltaïque financés par les citoyens du territoire.",
    ),
    "toitures": (
        "Des toitures végétalisées",
        "Les toitures des équipements publics sont végétalisées pour rafraîchir la ville.",
    ),
}

# (query, {document key: grade}); documents not listed have grade 0.
JUDGEMENTS = [
    ("rénovation énergétique école", {"ecoles": 2, "mairie": 1}),
    ("renovation energetique des ecoles", {"ecoles": 2, "mairie": 1}),
    ("isolation thermique", {"ecoles": 2}),
    ("covoiturage rural", {"covoiturage": 2, "autopartage": 1}),
    ("covoiturage zone rurale", {"covoiturage": 2, "autopartage": 1}),
    ("cantine bio", {"cantine": 2, "restauration": 1}),
    ("cantines scolaires bio locales", {"cantine": 2}),
    ("restauration collective", {"restauration": 2}),
    ("compostage collectif", {"compost": 2, "biodechets": 1}),
    ("composteurs", {"compost": 2, "biodechets": 1}),
    ("biodéchets", {"biodechets": 2}),
    ("éclairage public nuit", {"eclairage": 2, "led": 1}),
    ("eclairage public", {"eclairage": 2, "led": 1}),
    ("lampadaires LED", {"led": 2}),
    ("récupération eau de pluie", {"pluie": 2, "cours": 1}),
    ("eaux pluviales récupérées", {"pluie": 2}),
    ("budget participatif", {"budget-participatif": 2, "assemblee": 1}),
    ("assemblée citoyenne climat", {"assemblee": 2}),
    ("photovoltaïque citoyen", {"photovoltaique": 2, "cooperative": 1}),
    ("panneaux photovoltaiques", {"photovoltaique": 2}),
    ("énergie renouvelable coopérative", {"cooperative": 2}),
    ("toitures végétalisées", {"toitures": 2}),
    ("thermographie", {"thermographie": 2}),
    ("vélo école", {"velo-ecole": 2}),
]

THRESHOLDS = {"ndcg@5": 0.85, "recall@10": 0.85}


def ndcg_at(grades_in_order: list[int], ideal: list[int], k: int) -> float:
    def dcg(grades):
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))

    best = dcg(sorted(ideal, reverse=True))
    return dcg(grades_in_order) / best if best else 0.0


@pytest.fixture
def corpus(db):
    return {
        key: ExperienceFactory(title=title, summary=summary, context="", difficulties="", transposability="")
        for key, (title, summary) in DOCUMENTS.items()
    }


def measure(corpus) -> tuple[dict[str, float], list[str]]:
    key_of = {experience.pk: key for key, experience in corpus.items()}
    ndcgs, recalls, details = [], [], []
    for query, judged in JUDGEMENTS:
        results = search_documents(text=query, user=AnonymousUser(), per_page=10, with_facets=False)
        ranked = [key_of.get(hit.document.object_id) for hit in results.hits[:10]]
        grades = [judged.get(key, 0) for key in ranked]
        ndcg = ndcg_at(grades, list(judged.values()), 5)
        relevant = [key for key, grade in judged.items() if grade > 0]
        recall = sum(1 for key in relevant if key in ranked) / len(relevant)
        ndcgs.append(ndcg)
        recalls.append(recall)
        if ndcg < 1 or recall < 1:
            details.append(f"  {query!r}: nDCG@5 {ndcg:.2f}, rappel@10 {recall:.2f}, obtenu {ranked[:5]}")
    figures = {"ndcg@5": sum(ndcgs) / len(ndcgs), "recall@10": sum(recalls) / len(recalls)}
    return figures, details


def test_corpus_has_competitors_for_every_query():
    # A query whose words occur in one document only measures nothing: each judged query shares a
    # word (after folding) with at least one document graded 0 or with another judged document.
    assert len(JUDGEMENTS) >= 20 and len(DOCUMENTS) >= 20
    assert all(set(judged) <= set(DOCUMENTS) for _, judged in JUDGEMENTS)
    assert sum(1 for _, judged in JUDGEMENTS if len(judged) > 1) >= 10


def test_ndcg_is_one_for_the_ideal_order_and_lower_otherwise():
    assert ndcg_at([2, 1, 0], [2, 1], 5) == pytest.approx(1.0)
    assert ndcg_at([1, 2, 0], [2, 1], 5) < 1.0
    assert ndcg_at([0, 0, 0], [2], 5) == 0.0


def test_relevance_figures(corpus):
    figures, details = measure(corpus)
    line = (
        f"Pertinence ({connection.vendor}) : nDCG@5 = {figures['ndcg@5']:.3f}, "
        f"rappel@10 = {figures['recall@10']:.3f} sur {len(JUDGEMENTS)} requêtes"
    )
    if os.environ.get("RELEVANCE_REPORT"):
        sys.__stdout__.write(line + "\n" + "\n".join(details) + "\n")
    failing = {name: value for name, value in figures.items() if value < THRESHOLDS[name]}
    assert not failing, line + "\n" + "\n".join(details)
