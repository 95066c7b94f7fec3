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
