from apps.consultations.analysis import frequent_terms, tokens


def test_stemming_groups_word_forms():
    texts = ["Mobiliser les élus", "La mobilisation des habitants", "Des acteurs mobilisés", "Autre chose"]
    result = frequent_terms(texts)
    top = result["terms"][0]
    assert top["count"] == 3
    assert top["stem"].startswith("mobilis")


def test_stop_words_are_ignored():
    assert [stem for stem, _ in tokens("Le réseau et les territoires") if stem] == ["reseau", "territoir"]


def test_expressions_are_document_frequencies():
    texts = ["Les réseaux régionaux, les réseaux régionaux !", "Avec les réseaux régionaux", "Rien"]
    expressions = frequent_terms(texts)["expressions"]
    assert expressions[0]["label"] == "réseaux régionaux" and expressions[0]["count"] == 2


def test_addresses_are_not_terms():
    texts = ["Voir https://odd17.org/actualite et odd17.org", "Le site www.exemple.fr odd17.org/fonds"]
    result = frequent_terms(texts, min_documents=1)
    labels = {row["label"] for row in result["terms"]}
    assert not labels & {"https", "www", "odd", "org", "exemple"}


def test_theme_needs_two_words_of_its_name():
    class Theme:
        def __init__(self, name):
            self.name = name

    from apps.consultations.analysis import theme_counts

    texts = [
        "Une économie locale et solidaire",
        "Des produits locaux",
        "La participation des habitants citoyens",
    ]
    rows = {
        r["label"]: r["count"]
        for r in theme_counts(texts, [Theme("Économie locale"), Theme("Participation citoyenne")])
    }
    assert rows == {"Économie locale": 1, "Participation citoyenne": 1}
