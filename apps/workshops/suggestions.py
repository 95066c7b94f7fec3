"""Suggested strong ideas and keywords of each atelier, recomputed at every render.

Honest by construction:

- **Each cell is analysed on its own** (the action and the objectives of each proposal; never the
  three cells joined): an expression never spans two cells. Within a cell, it never spans a
  punctuation mark or a line either.
- **Pistes d'orientation are labels**, repeated on every row of their group: they are counted as
  labels (how many proposals each piste gathers), never mined for words.
- **Elisions** (d', l', qu', j', n', s'…, straight or curly apostrophe) are split by
  apps.core.french; an elided article may link two words of an expression: « retours
  d'expériences », « économies d'énergie ». So may de, du, des, la, le, les, à, au, aux, en (two
  at most in a row: « transport à la demande »).
- **Expressions of 2 or 3 meaningful words** (not stop words); plural « s »/« x » is folded
  (« économie » = « économies ») but no stemming: « communes » (the noun) and « commun » stay apart.
- **Ranked by TF-IDF across the ateliers of the day**: tf = number of cells of the atelier that
  contain the expression (a cell repeating it counts once), idf = ln((1 + N) / (1 + df)) + 1 with N
  ateliers and df the ateliers where it appears (the smoothed idf of scikit-learn). An expression
  must occur in at least two cells of the atelier. What every atelier says is pushed down; what
  is distinctive of one atelier comes up. A 2-word expression contained in a 3-word one found in
  as many cells is dropped for the longer one.
- Counts are shown beside the suggestions, never copied: a suggestion becomes one of the
  coordinator's strong ideas only when they click « Ajouter » (services.atelier_strong_idea_add),
  without its count.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from apps.core import french

# Folded words that are noise in proposals, on top of French function words.
NOISE = french.COMMON_WORDS | {
    french.fold(w)
    for w in [
        "ex", "exemple", "etc", "proposer", "proposition", "propositions", "permettre", "permet", "mettre",
        "mise", "place", "cadre", "niveau", "sujet", "sujets", "besoin", "besoins", "faire", "afin", "chaque",
        "oui", "non", "ok", "via", "lors", "notamment", "ainsi", "tous", "toutes", "tout", "toute",
    ]
}  # fmt: skip
# Words allowed *between* two meaningful words of an expression (two at most in a row).
LINKS = frozenset(["de", "d", "du", "des", "la", "le", "l", "les", "a", "au", "aux", "en"])
MIN_LENGTH = 3
MIN_CELLS = 2
# Expressions never cross these: sentence and list punctuation, brackets, quotes, spaced dashes.
BOUNDARY = re.compile(r"[.,;:!?()\[\]{}\n\r•«»\"“”/|+=…]|\s[-–—]\s|^[-–—]\s|\s[-–—]$")
URL = re.compile(r"(https?://\S+|www\.\S+)", re.IGNORECASE)


# Folding (accents, case) is the hot path over thousands of cells: cached per distinct word.
_fold = functools.lru_cache(maxsize=100_000)(french.fold)


@functools.lru_cache(maxsize=100_000)
def _key(word: str) -> str:
    folded = _fold(word)
    if len(folded) > 4 and folded[-1] in "sx" and not folded.endswith(("ss", "ux")):
        folded = folded[:-1]
    return folded


@functools.lru_cache(maxsize=100_000)
def _is_meaningful(word: str) -> bool:
    folded = _fold(word)
    return len(folded) >= MIN_LENGTH and folded not in NOISE and not folded.isdigit()


def _join(tokens: list[str]) -> str:
    out = ""
    for token in tokens:
        if out.endswith("’"):
            out += token
        elif token in french.ELISIONS:
            out += (" " if out else "") + token + "’"
        else:
            out += (" " if out else "") + token
    return out


def cell_expressions(text: str) -> dict[str, str]:
    """{key: surface} of every 2–3-word expression of one cell."""
    found: dict[str, str] = {}
    for segment in BOUNDARY.split(URL.sub(" . ", text or "")):
        tokens = french.surface_words(segment)
        for start, first in enumerate(tokens):
            if not _is_meaningful(first):
                continue
            words = [first]
            surface = [first]
            index = start + 1
            while len(words) < 3 and index < len(tokens):
                token = tokens[index]
                link = []
                # « à la demande », « de l'énergie »: up to two linking words in a row.
                while _fold(token) in LINKS and len(link) < 2 and index + 1 < len(tokens):
                    link.append(token)
                    index += 1
                    token = tokens[index]
                if not _is_meaningful(token):
                    break
                words.append(token)
                surface.extend([*link, token])
                index += 1
                key = " ".join(_key(w) for w in words)
                found.setdefault(key, _join(surface))
    return found


def cell_keywords(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for word in french.surface_words(URL.sub(" ", text or "")):
        if _is_meaningful(word) and word not in french.ELISIONS:
            out.setdefault(_key(word), word)
    return out


@dataclass
class Suggestion:
    label: str
    cells: int  # cells of the atelier containing it
    score: float  # TF-IDF across the day's ateliers
    ateliers: int  # ateliers of the day where it appears


@dataclass
class AtelierSuggestions:
    expressions: list[Suggestion] = field(default_factory=list)
    keywords: list[Suggestion] = field(default_factory=list)
    pistes: list[tuple[str, int]] = field(default_factory=list)  # (label, proposals)
    cells: int = 0


def _rank(
    per_atelier: dict[int, Counter], surfaces: dict[str, Counter], limit: int, *, prefer_long: bool
) -> dict[int, list[Suggestion]]:
    n = len(per_atelier)
    df = Counter(key for counts in per_atelier.values() for key in counts)
    out: dict[int, list[Suggestion]] = {}
    for atelier_id, counts in per_atelier.items():
        rows = []
        for key, tf in counts.items():
            if tf < MIN_CELLS:
                continue
            idf = math.log((1 + n) / (1 + df[key])) + 1
            rows.append((key, tf, tf * idf))
        if prefer_long:
            long_keys = {(key, tf) for key, tf, _ in rows if key.count(" ") == 2}
            rows = [
                r
                for r in rows
                if r[0].count(" ") == 2 or not any(r[0] in lk and r[1] == ltf for lk, ltf in long_keys)
            ]
        rows.sort(key=lambda r: (-r[2], -r[1], -r[0].count(" "), r[0]))
        out[atelier_id] = [
            Suggestion(surfaces[key].most_common(1)[0][0], tf, round(score, 2), df[key])
            for key, tf, score in rows[:limit]
        ]
    return out


def day_suggestions(
    cells_by_atelier: dict[int, list[str]], pistes_by_atelier: dict[int, list[str]], *, limit: int = 8
) -> dict[int, AtelierSuggestions]:
    """`cells_by_atelier`: every non-empty action and objectives cell of each atelier (one string
    per cell); `pistes_by_atelier`: the piste of each proposal."""
    expr_counts: dict[int, Counter] = {}
    word_counts: dict[int, Counter] = {}
    expr_surfaces: dict[str, Counter] = defaultdict(Counter)
    word_surfaces: dict[str, Counter] = defaultdict(Counter)
    for atelier_id, cells in cells_by_atelier.items():
        expr_counts[atelier_id] = Counter()
        word_counts[atelier_id] = Counter()
        for cell in cells:
            for key, surface in cell_expressions(cell).items():
                expr_counts[atelier_id][key] += 1
                expr_surfaces[key][surface] += 1
            for key, surface in cell_keywords(cell).items():
                word_counts[atelier_id][key] += 1
                word_surfaces[key][surface] += 1
    expressions = _rank(expr_counts, expr_surfaces, limit, prefer_long=True)
    keywords = _rank(word_counts, word_surfaces, limit + 4, prefer_long=False)
    out = {}
    for atelier_id, cells in cells_by_atelier.items():
        labels: dict[str, Counter] = defaultdict(Counter)
        for piste in pistes_by_atelier.get(atelier_id, []):
            clean = " ".join(piste.split())
            if clean:
                labels[french.normalize(clean)][clean] += 1
        pistes = sorted(
            ((forms.most_common(1)[0][0], sum(forms.values())) for forms in labels.values()),
            key=lambda r: (-r[1], r[0]),
        )
        out[atelier_id] = AtelierSuggestions(
            expressions[atelier_id], keywords[atelier_id], pistes, len(cells)
        )
    return out
