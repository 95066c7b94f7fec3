"""Frequent terms and expressions of a set of French texts, for the booklet's "idées fortes".

Words are lower-cased, stripped of stop words and stemmed with the Snowball French stemmer, so
that "mobiliser", "mobilisation" and "mobilisés" count as one term. Counts are *document*
frequencies (in how many contributions a term appears), which resists one long contribution
repeating a word. Each stem is shown with its most frequent surface form.
"""

import re
import threading
from collections import Counter, defaultdict
from functools import lru_cache

import snowballstemmer

from apps.core.text import strip_accents

# A French stop-word list (articles, pronouns, auxiliaries, frequent adverbs) plus words that
# are noise in a consultation ("proposer", "faire"…) and the network's own name.
STOP_WORDS = {
    "a",
    "à",
    "afin",
    "ai",
    "aie",
    "aient",
    "aies",
    "ait",
    "alors",
    "as",
    "au",
    "aucun",
    "aucune",
    "aupres",
    "auquel",
    "aura",
    "aurai",
    "auraient",
    "aurais",
    "aurait",
    "auras",
    "aurez",
    "auriez",
    "aurions",
    "aurons",
    "auront",
    "aussi",
    "autre",
    "autres",
    "aux",
    "auxquels",
    "avaient",
    "avais",
    "avait",
    "avant",
    "avec",
    "avez",
    "aviez",
    "avions",
    "avoir",
    "avons",
    "ayant",
    "ayez",
    "ayons",
    "bcp",
    "bien",
    "c",
    "ça",
    "car",
    "ce",
    "ceci",
    "cela",
    "celle",
    "celles",
    "celui",
    "cependant",
    "certain",
    "certaines",
    "certains",
    "ces",
    "cet",
    "cette",
    "ceux",
    "chacun",
    "chaque",
    "chez",
    "ci",
    "comme",
    "comment",
    "d",
    "dans",
    "de",
    "des",
    "deja",
    "déjà",
    "depuis",
    "dont",
    "du",
    "donc",
    "elle",
    "elles",
    "en",
    "encore",
    "entre",
    "es",
    "est",
    "et",
    "etaient",
    "étaient",
    "etais",
    "étais",
    "etait",
    "était",
    "etant",
    "étant",
    "etc",
    "ete",
    "été",
    "etes",
    "êtes",
    "etre",
    "être",
    "eu",
    "eue",
    "eues",
    "eurent",
    "eus",
    "eut",
    "eux",
    "fait",
    "faire",
    "fais",
    "faut",
    "furent",
    "fus",
    "fut",
    "ici",
    "il",
    "ils",
    "j",
    "je",
    "jusqu",
    "l",
    "la",
    "là",
    "laquelle",
    "le",
    "lequel",
    "les",
    "lesquels",
    "leur",
    "leurs",
    "lors",
    "lui",
    "m",
    "ma",
    "mais",
    "me",
    "meme",
    "même",
    "mêmes",
    "mes",
    "moi",
    "moins",
    "mon",
    "n",
    "ne",
    "ni",
    "nos",
    "notre",
    "nous",
    "on",
    "ont",
    "ou",
    "où",
    "par",
    "parce",
    "pas",
    "peu",
    "peut",
    "peuvent",
    "plus",
    "plutot",
    "plutôt",
    "pour",
    "pourrait",
    "pourraient",
    "pouvoir",
    "qu",
    "quand",
    "que",
    "quel",
    "quelle",
    "quelles",
    "quels",
    "qui",
    "quoi",
    "s",
    "sa",
    "sans",
    "se",
    "sera",
    "serait",
    "seront",
    "ses",
    "si",
    "sien",
    "soi",
    "soit",
    "sommes",
    "son",
    "sont",
    "sous",
    "suis",
    "sur",
    "t",
    "ta",
    "te",
    "tel",
    "telle",
    "tels",
    "tes",
    "toi",
    "ton",
    "tous",
    "tout",
    "toute",
    "toutes",
    "tres",
    "très",
    "trop",
    "tu",
    "un",
    "une",
    "vers",
    "via",
    "voir",
    "vos",
    "votre",
    "vous",
    "y",
    "ex",
    "exemple",
    "notamment",
    "ainsi",
    "etc.",
    "autour",
    "egalement",
    "également",
    "proposer",
    "proposition",
    "propositions",
    "permettre",
    "permet",
    "mettre",
    "mise",
    "place",
    "cadre",
    "niveau",
    "sujet",
    "sujets",
    "besoin",
    "voire",
    "ntmt",
    "p",
    "ê",
    "oui",
    "non",
    "ok",
    "comete",
    "comète",
    "communauté",
}

WORD_RE = re.compile(r"[a-zàâäçéèêëîïôöùûüÿœæ]+(?:-[a-zàâäçéèêëîïôöùûüÿœæ]+)*", re.IGNORECASE)
MIN_LENGTH = 3
# Addresses are not ideas: "https://odd17.org/…" would otherwise count as "https www", "odd org".
URL_RE = re.compile(
    r"(https?://\S+|www\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:org|fr|com|net|eu|gouv|io)\b\S*)", re.IGNORECASE
)


_local = threading.local()


def _stemmer():
    # One Snowball stemmer per thread: an instance keeps its working state between calls, so
    # sharing one across threads (threaded app server) would corrupt stems, then cache them.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("french")
    return stemmer


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    # The pure-Python Snowball stemmer is the slow part: a booklet stems the same words many times.
    return strip_accents(_stemmer().stemWord(word))


def tokens(text: str) -> list[tuple[str, str]]:
    """(stem, surface word) for every meaningful word, in order; stop words give ("", word)."""
    out = []
    for match in WORD_RE.finditer(URL_RE.sub(" ", (text or "").replace("’", "'")).lower()):
        word = match.group(0)
        if word in STOP_WORDS or len(word) < MIN_LENGTH or strip_accents(word) in STOP_WORDS:
            out.append(("", word))
            continue
        out.append((_stem(word), word))
    return out


def frequent_terms(texts: list[str], *, limit: int = 12, min_documents: int = 2) -> dict:
    """Most frequent terms (single stems) and expressions (two consecutive meaningful words)."""
    term_docs: Counter = Counter()
    expr_docs: Counter = Counter()
    surfaces: dict[str, Counter] = defaultdict(Counter)
    expr_surfaces: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        seq = tokens(text)
        seen_terms, seen_exprs = set(), set()
        for index, (stem, word) in enumerate(seq):
            if not stem:
                continue
            surfaces[stem][word] += 1
            seen_terms.add(stem)
            if index + 1 < len(seq) and seq[index + 1][0]:
                next_stem, next_word = seq[index + 1]
                key = f"{stem} {next_stem}"
                expr_surfaces[key][f"{word} {next_word}"] += 1
                seen_exprs.add(key)
        term_docs.update(seen_terms)
        expr_docs.update(seen_exprs)

    def pick(counter, forms):
        rows = []
        for key, count in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            if count < min_documents or len(rows) >= limit:
                break
            rows.append({"stem": key, "label": forms[key].most_common(1)[0][0], "count": count})
        return rows

    return {
        "terms": pick(term_docs, surfaces),
        "expressions": pick(expr_docs, expr_surfaces),
        "documents": len(texts),
    }


def text_score(text: str, weights: dict[str, int]) -> int:
    """How representative a text is: the sum of the document frequencies of its distinct stems."""
    return sum(weights.get(stem, 0) for stem in {s for s, _ in tokens(text) if s})


def theme_counts(texts: list[str], themes) -> list[dict]:
    """How many texts mention each theme. A text mentions "Participation citoyenne" when it holds
    the stems of two of its words (or of its only word): one shared word like "locale" is not enough."""
    stemmed = [{s for s, _ in tokens(t) if s} for t in texts]
    rows = []
    for theme in themes:
        keys = {s for s, _ in tokens(theme.name) if s}
        if not keys:
            continue
        need = min(2, len(keys))
        count = sum(1 for doc in stemmed if len(keys & doc) >= need)
        if count:
            rows.append({"label": theme.name, "count": count})
    rows.sort(key=lambda r: (-r["count"], r["label"]))
    return rows
