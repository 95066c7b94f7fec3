"""Frequent terms and expressions of a set of French texts, for the booklet's "idées fortes".

Words are lower-cased, stripped of stop words and stemmed with the Snowball French stemmer, so
that "mobiliser", "mobilisation" and "mobilisés" count as one term. Counts are *document*
frequencies (in how many contributions a term appears), which resists one long contribution
repeating a word. Each stem is shown with its most frequent surface form.
"""

import re
from collections import Counter, defaultdict

from apps.core import french

# Words that are noise in a consultation ("proposer", "faire"…) and the network's own name, on
# top of French function words (apps.core.french.COMMON_WORDS). Folded, like the words compared.
STOP_WORDS = french.COMMON_WORDS | {
    french.fold(word)
    for word in [
        "ex",
        "exemple",
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
        "ntmt",
        "p",
        "ê",
        "oui",
        "non",
        "ok",
        "comète",
        "communauté",
    ]
}

MIN_LENGTH = 3
# Addresses are not ideas: "https://odd17.org/…" would otherwise count as "https www", "odd org".
URL_RE = re.compile(
    r"(https?://\S+|www\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:org|fr|com|net|eu|gouv|io)\b\S*)", re.IGNORECASE
)


def tokens(text: str) -> list[tuple[str, str]]:
    """(stem, surface word) for every meaningful word, in order; stop words give ("", word)."""
    out = []
    for word in french.surface_words(URL_RE.sub(" ", text or "")):
        folded = french.fold(word)
        if len(word) < MIN_LENGTH or folded in STOP_WORDS:
            out.append(("", word))
            continue
        out.append((french.stem(folded), word))
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
