"""The relevance set: French queries and the result that must come first, identical expectations on
SQLite (FTS5) and PostgreSQL (tsvector). Run the file on both databases (see docs/search.md)."""

from django.contrib.auth.models import AnonymousUser

from apps.search.selectors import search_documents

EXP = "experience"
ORG = "organisation"

# (query, kind, slug of the expected first result)
RELEVANCE = [
    # exact words, accents, plurals
    ("fonds de participation", EXP, "fonds-participation-transition-compiegne"),
    ("fond participation", EXP, "fonds-participation-transition-compiegne"),
    ("jardins partagés permaculture", EXP, "fonds-participation-transition-compiegne"),
    ("permaculture", EXP, "fonds-participation-transition-compiegne"),
    ("vélo", EXP, "fonds-participation-transition-compiegne"),
    ("velos", EXP, "fonds-participation-transition-compiegne"),
    ("Compiègne fonds", EXP, "fonds-participation-transition-compiegne"),
    ("compiegne", ORG, "arc-compiegne"),
    ("small business act", EXP, "small-business-act-tco-reunion"),
    ("commande publique entreprises locales", EXP, "small-business-act-tco-reunion"),
    ("dumping social", EXP, "small-business-act-tco-reunion"),
    ("stratégie du bon achat", EXP, "small-business-act-tco-reunion"),
    ("intracting", EXP, "intracting-terres-de-lorraine"),
    ("avance remboursable", EXP, "intracting-terres-de-lorraine"),
    ("économies d'énergie", EXP, "intracting-terres-de-lorraine"),
    ("economie energie batiments", EXP, "intracting-terres-de-lorraine"),
    ("temps de retour", EXP, "intracting-terres-de-lorraine"),
    # "rénovées" must meet "rénovation" (the Snowball gotcha)
    ("renovees", EXP, "intracting-terres-de-lorraine"),
    ("bâtiments rénovés", EXP, "intracting-terres-de-lorraine"),
    ("Terres de Lorraine", ORG, "terres-de-lorraine"),
    ("photovoltaïque", EXP, "ferme-photovoltaique-faverges"),
    ("photovoltaique", EXP, "ferme-photovoltaique-faverges"),
    ("ferme photovoltaique", EXP, "ferme-photovoltaique-faverges"),
    ("boucle locale", EXP, "boucle-locale-volte-face-faverges"),
    ('"boucle locale"', EXP, "boucle-locale-volte-face-faverges"),
    ("autoconsommation collective", EXP, "boucle-locale-volte-face-faverges"),
    ("Volte Face", EXP, "boucle-locale-volte-face-faverges"),
    ("chaufferie bois", EXP, "chaufferie-bois-reseau-chaleur-faverges"),
    ("réseau de chaleur", EXP, "chaufferie-bois-reseau-chaleur-faverges"),
    ("reseaux chaleur", EXP, "chaufferie-bois-reseau-chaleur-faverges"),
    ("Environne'mois", EXP, "environnemois-faverges"),
    ("mobilisation des bénévoles", EXP, "environnemois-faverges"),
    ("déchets organiques", EXP, "valorisation-dechets-organiques-reugny"),
    ("compostage", EXP, "valorisation-dechets-organiques-reugny"),
    ("valoriser dechet", EXP, "valorisation-dechets-organiques-reugny"),
    ("foire courts circuits", EXP, "foire-courts-circuits-saint-jean-de-braye"),
    ("économie sociale et solidaire", EXP, "foire-courts-circuits-saint-jean-de-braye"),
    ("cantine", EXP, "cantine-durable-vimy"),
    ("cantines scolaires", EXP, "cantine-durable-vimy"),
    ("économie de la fonctionnalité", EXP, "cantine-durable-vimy"),
    ("maison de l'alimentation", EXP, "maison-alimentation-durable-lomme"),
    ("épicerie solidaire", EXP, "maison-alimentation-durable-lomme"),
    ("relations urbain rural", EXP, "pat-relations-urbain-rural-albigeois"),
    ("projet alimentaire territorial", EXP, "pat-relations-urbain-rural-albigeois"),
    ("concertation plans climat", EXP, "reseau-regional-climat-concertation"),
    ("speed dating", EXP, "reseau-regional-climat-concertation"),
    ("Missions Publiques", ORG, "missions-publiques"),
    # verb forms
    ("financer travaux", EXP, "intracting-terres-de-lorraine"),
    ("mobiliser les élus", EXP, "pat-relations-urbain-rural-albigeois"),
    # OR and exclusion
    ("intracting OR zygomatique", EXP, "intracting-terres-de-lorraine"),
    ("faverges -photovoltaïque", ORG, "ville-de-faverges-seythenex"),
    # misspelt names (corrected through the vocabulary: trigram / difflib)
    ("compiegnne", ORG, "arc-compiegne"),
    ("Faverge", ORG, "ville-de-faverges-seythenex"),
    ("intractin", EXP, "intracting-terres-de-lorraine"),
]


def first_slug(hit):
    from apps.directory.models import Organisation
    from apps.experiences.models import Experience

    model = Experience if hit.document.kind == EXP else Organisation
    return hit.document.kind, model.objects.get(pk=hit.document.object_id).slug


def test_relevance(demo_corpus):
    # One test for the whole set (the corpus is loaded once) that reports every miss at once.
    misses = []
    for query, kind, slug in RELEVANCE:
        results = search_documents(text=query, user=AnonymousUser())
        got = [first_slug(h) for h in results.hits[:3]]
        if not got or got[0] != (kind, slug):
            misses.append(f"{query!r}: attendu {(kind, slug)}, obtenu {got}")
    assert not misses, "\n".join(misses)


def test_every_expected_result_is_a_public_document_of_the_corpus(demo_corpus):
    # An expectation on a document that is missing, or hidden from visitors, could only ever miss:
    # the set would silently test less than it lists.
    from apps.directory.models import Organisation
    from apps.experiences.models import Experience
    from apps.search.models import SearchDocument

    public = SearchDocument.objects.visible_to(AnonymousUser())
    models = {EXP: Experience, ORG: Organisation}
    for kind in (EXP, ORG):
        slugs = {slug for _query, k, slug in RELEVANCE if k == kind}
        ids = public.filter(kind=kind).values_list("object_id", flat=True)
        found = set(models[kind].objects.filter(pk__in=ids, slug__in=slugs).values_list("slug", flat=True))
        assert found == slugs


def test_exclusion_removes_documents(demo_corpus):
    with_word = search_documents(text="faverges", user=AnonymousUser())
    without = search_documents(text="faverges -photovoltaïque", user=AnonymousUser())
    assert without.total < with_word.total
    assert all("photovolta" not in h.document.title.lower() for h in without.hits)


def test_drafts_are_not_found_by_visitors(demo_corpus, django_user_model):
    from tests.factories import UserFactory

    assert search_documents(text="piloter energie batiments municipaux", user=AnonymousUser()).total == 0
    animator = UserFactory(animator=True)
    assert search_documents(text="piloter energie batiments municipaux", user=animator).total == 1
    member = UserFactory()
    assert search_documents(text="marchés groupés", user=member).total == 0
