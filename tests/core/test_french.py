"""The one French text analysis (apps.core.french), used by search and by every text analysis."""

import sys
import threading

import pytest

from apps.core import french


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Œuvre Énergie", "oeuvre energie"),
        ("cœur Æther", "coeur aether"),
        ("ÇA GÈRE À L'ÎLE", "ca gere a l'ile"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_removes_case_accents_and_ligatures(value, expected):
    assert french.fold(value) == expected


def test_normalize_is_a_lookup_key():
    assert french.normalize("  Saint-Étienne (Loire) ") == "saint etienne loire"
    assert french.normalize("L’Haÿ-les-Roses") == "l hay les roses"
    assert french.strip_accents("Écully") == "Ecully"


@pytest.mark.parametrize("apostrophe", ["'", "’", "ʼ"])
@pytest.mark.parametrize("elided", ["d", "l", "qu", "j", "n", "s", "c", "m", "t"])
def test_every_elision_with_every_apostrophe_is_a_stop_word_of_its_own(elided, apostrophe):
    text = f"{elided.upper()}{apostrophe}énergie"
    assert french.split_elision(text) == (elided, "énergie")
    assert french.surface_words(text) == [elided, "énergie"]
    assert french.words(text) == [elided, "energie"]
    assert elided in french.STOP_WORDS
    assert french.stems(text) == [french.stem("energie")]


def test_apostrophes_that_are_not_elisions_stay_in_the_word():
    assert french.split_elision("aujourd'hui") == ("", "aujourd'hui")
    assert french.surface_words("Aujourd’hui, jusqu’à la presqu'île d’Éco-quartiers") == [
        "aujourd'hui",
        "jusqu",
        "à",
        "la",
        "presqu'île",
        "d",
        "éco-quartiers",
    ]
    # An apostrophe before a digit or at the end elides nothing.
    assert french.split_elision("l'2") == ("", "l'2")
    assert french.surface_words("l' école") == ["l", "école"]


def test_search_words_split_on_every_non_alphanumeric_character_like_both_engines():
    assert french.words("Rénovation d’écoles n°5 à Saint-Étienne") == [
        "renovation",
        "d",
        "ecoles",
        "n",
        "5",
        "a",
        "saint",
        "etienne",
    ]


def test_stop_words_are_postgresql_french_list_and_common_words_extend_it():
    assert {"le", "les", "de", "qu", "etre"} - {"etre"} <= french.STOP_WORDS
    # Search depends on this exact list (both engines drop the same words): a word outside
    # PostgreSQL's french.stop must stay searchable.
    assert "etre" not in french.STOP_WORDS and "comment" not in french.STOP_WORDS
    assert french.STOP_WORDS < french.COMMON_WORDS
    assert {"comment", "quelle", "aujourd'hui", "quelqu'un", "lorsqu"} <= french.COMMON_WORDS
    assert all(word == french.fold(word) for word in french.COMMON_WORDS)


@pytest.mark.parametrize(
    "forms",
    [
        ["mobiliser", "mobilisation", "mobilisés", "Mobilisations"],
        ["rénovées", "renovees", "rénovée", "RENOVEE"],
        ["publique", "public", "publiques"],
        ["bâtiments", "batiment", "Bâtiment"],
    ],
)
def test_inflections_typed_with_or_without_accents_meet_on_one_stem(forms):
    assert len({french.stemmed_text(form) for form in forms}) == 1


def test_stems_drop_stop_words_and_keep_order():
    assert french.stems("La rénovation énergétique des écoles") == ["renov", "energet", "ecol"]
    assert french.stemmed_text("le la les") == ""


def _hammer(function, words, expected, errors):
    for _ in range(20):
        for word in words:
            if function(word) != expected[word]:
                errors.append(word)


def _run_threads(target, count, *, switch_often=False):
    """Start `count` threads on `target` and wait for them; with `switch_often`, the interpreter
    switches threads very often, so that an object shared by threads is caught mid-word."""
    interval = sys.getswitchinterval()
    if switch_often:
        sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=target) for _ in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)


def test_stemming_is_thread_safe():
    """Threaded app servers stem concurrently. One Snowball instance shared by threads returned
    wrong stems (and IndexError) — and the cache kept them. With one instance per thread, every
    thread gets the stems a single thread gets."""
    words = ["renovees", "renovation", "batiments", "mobilites", "financer", "photovoltaique"] * 50
    expected = {w: french._stemmer().stemWord(w) for w in set(words)}
    errors: list[str] = []

    # The raw stemmer (not the cached wrapper), so that every call exercises it.
    def work():
        _hammer(lambda w: french._stemmer().stemWord(w), words, expected, errors)

    _run_threads(work, 4, switch_often=True)
    assert errors == []


def test_each_thread_has_its_own_stemmer():
    stemmers = []

    def work():
        stemmers.append(french._stemmer())
        stemmers.append(french._stemmer())

    _run_threads(work, 2)
    assert stemmers[0] is stemmers[1] and stemmers[2] is stemmers[3]
    assert stemmers[0] is not stemmers[2]


def test_cached_stems_are_right_under_concurrency():
    words = [
        f"{base}{suffix}" for base in ("renov", "mobilis", "financ") for suffix in ("ation", "ees", "er")
    ]
    expected = {w: french.stem(w) for w in words}
    french.stem.cache_clear()
    errors: list[str] = []
    _run_threads(lambda: _hammer(french.stem, words, expected, errors), 4, switch_often=True)
    assert errors == []
