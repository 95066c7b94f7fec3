import html
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse

from apps.core.french import stems
from apps.search.models import SearchDocument
from apps.search.selectors import SearchFilters, search_documents
from apps.search.services import search_index_object, search_reindex, search_remove_object
from apps.search.text import parse_query
from tests.experiences.factories import ExperienceFactory
from tests.factories import CommuneFactory, OrganisationFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

BAD_INPUTS = {
    "empty": "",
    "spaces": "   ",
    "very-long": "rénovation " * 1000,
    "sql": "'; DROP TABLE search_searchdocument; --",
    "fts-operators": 'NEAR(a b) AND OR NOT * ^title: "x" + -',
    "websearch-operators": "!& | <-> :* ()",
    "unbalanced-quotes": '"boucle locale',
    "lone-quote": '"',
    "emoji": "🚲🌱 vélo ♻️",
    "html": "<script>alert('x')</script><b>école</b>",
    "only-stop-words": "les de la et",
    "only-exclusions": "-vélo -bois",
    "null-byte": "vélo\x00bois",
    "percent": "100% énergie_%",
    "unicode-ligature": "Œuvre cœur",
}


@pytest.mark.parametrize("text", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_never_fails(client, text):
    OrganisationFactory(name="Organisation de l'école")
    search_index_object(ExperienceFactory(title="Boucle locale à vélo"))
    response = client.get(reverse("search:search"), {"q": text})
    if "\x00" in text:
        # Every URL refuses NUL bytes at the door with a French 400 page (apps.core.middleware).
        assert response.status_code == 400
        assert "Requête incorrecte" in response.content.decode()
        return
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert('x')</script>" not in body
    assert "résultat" in body


def test_long_query_is_truncated_with_a_message(client):
    response = client.get(reverse("search:search"), {"q": "rénovation " * 1000})
    assert "seuls les 200 premiers caractères" in response.content.decode()


def test_stop_words_only_gives_a_message(client):
    response = client.get(reverse("search:search"), {"q": "les de la"})
    assert "aucun mot exploitable" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"type": "nimportequoi"}, "type de contenu"),
        ({"theme": "inconnue"}, "thématique"),
        ({"region": "abc"}, "région"),
        ({"departement": "9" * 40}, "département"),
        ({"population": "immense"}, "taille de territoire"),
        ({"status": "<b>"}, "statut"),
        # A page number out of range is read as the first page, without a message.
        ({"page": "-3"}, None),
        ({"page": "99999999999"}, None),
    ],
)
def test_bad_filters_are_ignored_with_french_message(client, params, named):
    org = OrganisationFactory(name="Atelier vélo solidaire")
    search_index_object(org)
    response = client.get(reverse("search:search"), {"q": "vélo", **params})
    assert response.status_code == 200
    results = response.context["results"]
    # The search still runs on the query, without the ignored filter.
    assert [hit.document.object_id for hit in results.hits] == [org.pk]
    ignored = [m for m in results.messages if m.endswith("ce filtre a été ignoré.")]
    if named is None:
        assert ignored == []
    else:
        assert len(ignored) == 1 and named in ignored[0]
        assert html.escape(ignored[0]) in response.content.decode()


def test_filter_messages_agree_in_gender(client):
    body = client.get(reverse("search:search"), {"q": "vélo", "departement": "x", "region": "y"}).content
    text = html.unescape(body.decode())
    assert "Le département demandé n'est pas valide" in text
    assert "La région demandée n'est pas valide" in text
    assert "La département" not in text


@pytest.mark.parametrize("sort", ["nimportequoi", "<b>", "date' OR 1=1"])
def test_invalid_sort_falls_back_to_relevance_and_keeps_query_and_filters(client, sort):
    org = OrganisationFactory(name="Atelier vélo solidaire")
    search_index_object(org)
    search_index_object(OrganisationFactory(name="Chaufferie bois"))
    response = client.get(reverse("search:search"), {"q": "vélo", "sort": sort, "type": "organisation"})
    assert response.status_code == 200
    results = response.context["results"]
    # The words and the filter stay; the order is the default one, said in French.
    assert results.text == "vélo" and results.sort == "relevance"
    assert [hit.document.object_id for hit in results.hits] == [org.pk]
    assert response.context["facets"] and "type=organisation" in response.context["sorts"][0][2]
    assert any("tri demandé" in m for m in results.messages)
    body = html.unescape(response.content.decode())
    assert 'value="vélo"' in body and "Le tri demandé n'existe pas" in body
    # The links of the page no longer carry the invalid sort.
    assert all(sort not in url for _, _, url, _ in response.context["sorts"])


def test_html_in_fields_is_escaped_in_results(client):
    org = OrganisationFactory(
        name="<img src=x onerror=alert(1)> Énergie", description="<script>alert(2)</script> énergie"
    )
    search_index_object(org)
    body = client.get(reverse("search:search"), {"q": "énergie"}).content.decode()
    assert "<img src=x" not in body
    assert "<script>alert(2)" not in body
    assert "&lt;img src=x" in body


def test_facets_filters_and_sort(client):
    energy = ThemeFactory(name="Énergie facette")
    water = ThemeFactory(name="Eau facette")
    small = CommuneFactory(population=800)
    big = CommuneFactory(population=120_000)
    old = ExperienceFactory(
        title="Chaufferie bois ancienne", themes=[energy], territory=small, project_status="completed"
    )
    new = ExperienceFactory(title="Chaufferie bois récente", themes=[water], territory=big)
    old.published_at = old.published_at.replace(year=2020)
    old.save()
    search_index_object(old)
    search_index_object(new)
    results = search_documents(text="chaufferie", user=AnonymousUser())
    assert results.total == 2
    themes = {v.label: v.count for v in results.facets["theme"]}
    assert themes == {"Énergie facette": 1, "Eau facette": 1}
    assert {v.value for v in results.facets["population_band"]} == {"lt2k", "50k-200k"}
    assert {v.label for v in results.facets["status"]} == {"Terminé", "En cours"}
    filtered = search_documents(
        text="chaufferie", user=AnonymousUser(), filters=SearchFilters(theme=energy.pk)
    )
    assert [h.document.object_id for h in filtered.hits] == [old.pk]
    filtered = search_documents(
        text="chaufferie",
        user=AnonymousUser(),
        filters=SearchFilters(population_band="50k-200k", status="in_progress"),
    )
    assert [h.document.object_id for h in filtered.hits] == [new.pk]
    by_date = search_documents(text="chaufferie", user=AnonymousUser(), sort="date")
    assert [h.document.object_id for h in by_date.hits] == [new.pk, old.pk]
    region = search_documents(
        text="", user=AnonymousUser(), filters=SearchFilters(region=small.region_id, kind="experience")
    )
    assert [h.document.object_id for h in region.hits] == [old.pk]
    # Through the page: theme facet links carry the slug, and the page shows the count.
    body = client.get(reverse("search:search"), {"q": "chaufferie", "theme": energy.slug}).content.decode()
    assert "Chaufferie bois ancienne" in body
    assert "Chaufferie bois récente" not in body


def test_pagination(client, django_assert_max_num_queries):
    for n in range(45):
        OrganisationFactory(name=f"Association vélo {n}")
    search_reindex(kinds=["organisation"])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("search:search"), {"q": "velo", "page": "3"})
    body = response.content.decode()
    assert "<strong>45</strong> résultats" in body
    assert 'aria-current="page" title="Page 3"' in body
    results = search_documents(text="velo", user=AnonymousUser(), page=3)
    assert len(results.hits) == 5
    assert search_documents(text="velo", user=AnonymousUser(), page=99).page == 3


def test_visibility_by_user():
    pending = OrganisationFactory(name="Collectif vélo en attente", pending=True)
    search_index_object(pending)
    assert search_documents(text="collectif velo", user=AnonymousUser()).total == 0
    assert search_documents(text="collectif velo", user=UserFactory()).total == 0
    assert search_documents(text="collectif velo", user=UserFactory(animator=True)).total == 1


def test_members_only_experiences():
    search_index_object(ExperienceFactory(title="Réservé aux membres", audience="members"))
    assert search_documents(text="reserve membres", user=AnonymousUser()).total == 0
    assert search_documents(text="reserve membres", user=UserFactory()).total == 1


def test_refused_organisation_leaves_the_index():
    org = OrganisationFactory(name="Coopérative refusée")
    search_index_object(org)
    org.status = "refused"
    org.save()
    assert search_index_object(org) is None
    assert not SearchDocument.objects.filter(object_id=org.pk, kind="organisation").exists()


def test_update_and_remove_keep_the_index_in_step():
    org = OrganisationFactory(name="Ancien nom")
    search_index_object(org)
    org.name = "Nouveau nom"
    org.save()
    search_index_object(org)
    assert search_documents(text="ancien", user=AnonymousUser()).total == 0
    assert search_documents(text="nouveau", user=AnonymousUser()).total == 1
    search_remove_object(org)
    assert search_documents(text="nouveau", user=AnonymousUser()).total == 0


def test_reindex_command_rebuilds_and_drops_stale():
    org = OrganisationFactory(name="Réseau des communes")
    ExperienceFactory(title="Tiers-lieu rural")
    SearchDocument.objects.all().delete()
    out = io.StringIO()
    call_command("search_reindex", stdout=out)
    assert "Index de recherche reconstruit" in out.getvalue()
    assert search_documents(text="tiers lieu", user=AnonymousUser()).total == 1
    org.delete()
    call_command("search_reindex", "organisation", stdout=out)
    assert not SearchDocument.objects.filter(kind="organisation").exists()
    err = io.StringIO()
    call_command("search_reindex", "inconnu", stdout=out, stderr=err)
    assert "Types inconnus" in err.getvalue()


def test_zero_results_page_offers_suggestions(client):
    search_index_object(OrganisationFactory(name="Compostage collectif"))
    body = client.get(reverse("search:search"), {"q": "compostage zygomatique"}).content.decode()
    assert "0 résultat" in body
    assert "« compostage »" in body
    body = client.get(reverse("search:search"), {"q": "compostagge"}).content.decode()
    assert "Résultats affichés pour" in body


def test_snippet_highlights_terms():
    search_index_object(
        OrganisationFactory(
            name="Commune test", description="Nous avons rénové trois écoles et une salle des fêtes."
        )
    )
    hit = search_documents(text="renovation ecoles", user=AnonymousUser()).hits[0]
    assert "<mark>" in hit.snippet


# --- text analysis ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "group",
    [
        ["rénovation", "rénovées", "renovees", "rénover", "rénové"],
        ["vélo", "vélos", "velo"],
        ["mobilité", "mobilites"],
        ["publique", "public", "publics"],
        ["école", "écoles", "ecole"],
        ["forêt", "forets"],
    ],
)
def test_stemming_groups_inflections(group):
    assert len({stems(word)[0] for word in group}) == 1


def test_query_parsing_syntax():
    query = parse_query('"boucle locale" vélo OR mobilité -bois')
    assert query.to_fts5() == '"boucl local" AND ("velo" OR "mobilit") NOT "bois"'
    assert query.to_websearch() == '"boucl local" "velo" or "mobilit" -"bois"'


def test_search_page_query_count(client, django_assert_num_queries):
    """Issue 16, item 5: one statement (hits with their documents, total, facets); the labels of
    the région, département and theme facets come from the per-process copy. The same search again
    (until the index changes) reads only the documents of the page; another page of it runs the
    ranked page alone (no count, no facets), its documents with it."""
    region = CommuneFactory().region
    theme = ThemeFactory(name="Mobilité douce")
    for n in range(25):
        organisation = OrganisationFactory(name=f"Association vélo {n}", territory__region=region)
        organisation.themes.add(theme)
    search_reindex(kinds=["organisation"])
    client.get(reverse("search:search"), {"q": "association"})  # labels computed once
    with django_assert_num_queries(1):
        response = client.get(reverse("search:search"), {"q": "velo"})
    body = response.content.decode()
    assert "<strong>25</strong> résultats" in body
    assert "Mobilité douce" in body and "(25)" in body and region.name in body
    with django_assert_num_queries(1):
        again = client.get(reverse("search:search"), {"q": "velo"})
    kept = again.content.decode()
    assert kept.count("Association vélo") == body.count("Association vélo")
    assert "<strong>25</strong> résultats" in kept and "Mobilité douce" in kept
    with django_assert_num_queries(1):
        second = client.get(reverse("search:search"), {"q": "velo", "page": "2"})
    assert 'aria-current="page" title="Page 2"' in second.content.decode()
    assert second.content.decode().count("Association vélo") >= 5


def test_kept_searches_follow_the_index():
    """A kept search is forgotten as soon as the index changes (search_index_changed())."""
    organisation = OrganisationFactory(name="Ressourcerie solidaire")
    search_index_object(organisation)
    assert search_documents(text="ressourcerie", user=AnonymousUser()).total == 1
    search_index_object(OrganisationFactory(name="Ressourcerie du canton"))
    assert search_documents(text="ressourcerie", user=AnonymousUser()).total == 2
    search_remove_object(organisation)
    assert search_documents(text="ressourcerie", user=AnonymousUser()).total == 1
    # Another reader's visibility is another search.
    pending = OrganisationFactory(name="Ressourcerie en attente", pending=True)
    search_index_object(pending)
    assert search_documents(text="ressourcerie", user=AnonymousUser()).total == 1
    assert search_documents(text="ressourcerie", user=UserFactory(animator=True)).total == 2


def test_bulk_reindex_writes_what_one_at_a_time_writes():
    """search_reindex writes in batches (bulk upsert, links, full-text rows, vocabulary): the same
    index as search_index_object object by object, and running it again changes nothing."""
    theme = ThemeFactory(name="Économie circulaire")
    organisations = [OrganisationFactory(name=f"Ressourcerie numéro {n}") for n in range(7)]
    for organisation in organisations[::2]:
        organisation.themes.add(theme)
    for organisation in organisations:
        search_index_object(organisation)

    def snapshot():
        docs = sorted(
            SearchDocument.objects.filter(kind="organisation").values_list(
                "pk", "object_id", "title", "summary", "body", "extra", "themes_text", "theme_keys",
                "region_id", "departement_id", "visibility", "audience", "url",
            )
        )  # fmt: skip
        links = sorted(SearchDocument.themes.through.objects.values_list("document_id", "theme_id"))
        found = [
            (hit.document.object_id, round(hit.rank, 6))
            for text in ("ressourcerie", "economie circulaire", "numero")
            for hit in search_documents(text=text, user=AnonymousUser(), per_page=50).hits
        ]
        return docs, links, found

    one_at_a_time = snapshot()
    assert search_reindex(kinds=["organisation"], batch_size=3) == 7
    assert snapshot() == one_at_a_time
    assert search_reindex(kinds=["organisation"], batch_size=3) == 7
    assert snapshot() == one_at_a_time
    organisations[0].delete()
    search_reindex(kinds=["organisation"], batch_size=3)
    assert search_documents(text="ressourcerie", user=AnonymousUser()).total == 6


def test_postgresql_keeps_vectors_in_their_rows():
    """Ranking reads the vector of every document found: it must not be moved to the TOAST table
    (migration 0004), the long texts go there instead."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's storage of the tsvector column")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = 'search_searchdocument'::regclass"
            " AND attname IN ('vector', 'body')"
        )
        assert dict(cursor.fetchall()) == {"vector": "m", "body": "x"}
