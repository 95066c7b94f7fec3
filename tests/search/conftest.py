import io

import pytest

from tests.factories import OrganisationFactory

# The demo organisations the demo experiences link to (slug, name, description).
DEMO_ORGANISATIONS = [
    ("arc-compiegne", "ARC – Agglomération de la Région de Compiègne", "Agglomération de l'Oise."),
    (
        "tco-la-reunion",
        "TCO – Territoire de la Côte Ouest (La Réunion)",
        "Intercommunalité de l'ouest de La Réunion.",
    ),
    ("terres-de-lorraine", "PETR du Pays Terres de Lorraine", "Territoire de projet en Meurthe-et-Moselle."),
    ("ville-de-faverges-seythenex", "Ville de Faverges-Seythenex", "Commune de Haute-Savoie."),
    ("commune-de-reugny", "Commune de Reugny", "Commune d'Indre-et-Loire."),
    ("ville-de-saint-jean-de-braye", "Ville de Saint-Jean-de-Braye", "Commune du Loiret."),
    ("commune-de-vimy", "Commune de Vimy", "Commune du Pas-de-Calais."),
    ("lomme", "Lomme, commune associée de Lille", "Commune associée."),
    ("petr-albigeois-bastides", "PETR du Pays de l'Albigeois et des Bastides", "Pôle territorial du Tarn."),
    ("ademe", "ADEME – Agence de la transition écologique", "Opérateur de l'État."),
    ("missions-publiques", "Missions Publiques", "Bureau d'études en participation."),
    ("cc-coeur-haute-lande", "Communauté de communes Cœur Haute Lande", "Intercommunalité des Landes."),
    ("ville-de-cergy", "Ville de Cergy", "Commune du Val-d'Oise."),
]


@pytest.fixture
def demo_corpus(db):
    """The demo experiences and their organisations, indexed — the corpus of the relevance set."""
    from apps.themes.models import Theme
    from apps.themes.taxonomy import install_default_themes
    from demo import loader

    # The default themes come from a data migration; a transactional test that ran earlier on this
    # worker flushed them. Their names carry words the relevance set relies on ("rénovation").
    if not Theme.objects.exists():
        install_default_themes(Theme)
    for slug, name, description in DEMO_ORGANISATIONS:
        OrganisationFactory(slug=slug, name=name, description=description)
    loader.load_experiences(stdout=io.StringIO())
