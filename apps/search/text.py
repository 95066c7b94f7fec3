"""French text analysis shared by both search backends.

Both PostgreSQL and SQLite index *the same* pre-stemmed text, produced here, so that the two
engines agree on what matches: words are lower-cased, accents and ligatures folded, French stop
words dropped and each word stemmed with Snowball — then lightly normalised, because Snowball
on accent-free words does not always reach the same stem ("rénovées" -> "renove" but
"rénovation" -> "renov"; "publique" -> "publiqu" but "public" -> "public").
"""

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

# PostgreSQL's french.stop list (tsearch_data/french.stop), accent-folded, plus elisions.
STOP_WORDS = frozenset(
    [
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "et",
        "eux",
        "il",
        "je",
        "la",
        "le",
        "leur",
        "lui",
        "ma",
        "mais",
        "me",
        "meme",
        "mes",
        "moi",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "c",
        "d",
        "j",
        "l",
        "a",
        "m",
        "n",
        "s",
        "t",
        "y",
        "ete",
        "etee",
        "etees",
        "etes",
        "etant",
        "etante",
        "etants",
        "etantes",
        "suis",
        "es",
        "est",
        "sommes",
        "etes",
        "sont",
        "serai",
        "seras",
        "sera",
        "serons",
        "serez",
        "seront",
        "serais",
        "serait",
        "serions",
        "seriez",
        "seraient",
        "etais",
        "etait",
        "etions",
        "etiez",
        "etaient",
        "fus",
        "fut",
        "fumes",
        "futes",
        "furent",
        "sois",
        "soit",
        "soyons",
        "soyez",
        "soient",
        "fusse",
        "fusses",
        "fut",
        "fussions",
        "fussiez",
        "fussent",
        "ayant",
        "ayante",
        "ayantes",
        "ayants",
        "eu",
        "eue",
        "eues",
        "eus",
        "ai",
        "as",
        "avons",
        "avez",
        "ont",
        "aurai",
        "auras",
        "aura",
        "aurons",
        "aurez",
        "auront",
        "aurais",
        "aurait",
        "aurions",
        "auriez",
        "auraient",
        "avais",
        "avait",
        "avions",
        "aviez",
        "avaient",
        "eut",
        "eumes",
        "eutes",
        "eurent",
        "aie",
        "aies",
        "ait",
        "ayons",
        "ayez",
        "aient",
        "eusse",
        "eusses",
        "eut",
        "eussions",
        "eussiez",
        "eussent",
        "les",
    ]
)

_WORD = re.compile(r"[a-z0-9]+")
# Snowball stemmers keep their working state on the instance: one shared instance used by two
# threads at once (threaded app servers, the live server of the browser tests) returns wrong
# stems — which `lru_cache` below would then keep for good. One stemmer per thread.
_local = threading.local()


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("french")
    return stemmer


MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12


def fold(value: str) -> str:
    """Lower-case and accent-free, ligatures folded: 'Œuvre Énergie' -> 'oeuvre energie'."""
    value = (value or "").lower().replace("œ", "oe").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))


def words(value: str) -> list[str]:
    """Accent-free words of a text, in order (stop words kept)."""
    return _WORD.findall(fold(value))


@lru_cache(maxsize=50_000)
def stem_word(word: str) -> str:
    """Stem one accent-free word. Plural 's' and a final 'e' are folded around Snowball so that
    inflections typed with or without accents meet on the same stem."""
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    stem = _stemmer().stemWord(word)
    if len(stem) > 4 and stem.endswith("e"):
        stem = stem[:-1]
    if stem.endswith("iqu"):
        stem = stem[:-2] + "c"
    return stem


def stems(value: str) -> list[str]:
    """The stems of a text, stop words removed, in order (positions matter for phrases)."""
    return [stem_word(w) for w in words(value) if w not in STOP_WORDS]


def stemmed_text(value: str) -> str:
    return " ".join(stems(value))


# --- Query parsing --------------------------------------------------------------------------


@dataclass
class Term:
    """One query term: a word or a "quoted phrase", possibly negated or OR-ed with the previous one."""

    stems: list[str]
    raw: str
    negated: bool = False
    or_previous: bool = False


@dataclass
class ParsedQuery:
    raw: str
    terms: list[Term] = field(default_factory=list)
    truncated: bool = False

    @property
    def positive(self) -> list[Term]:
        return [t for t in self.terms if not t.negated]

    @property
    def is_empty(self) -> bool:
        return not self.positive

    @property
    def all_stems(self) -> set[str]:
        return {s for t in self.positive for s in t.stems}

    def groups(self) -> list[list[Term]]:
        """Positive terms grouped by OR: [[a], [b, c]] means a AND (b OR c)."""
        groups: list[list[Term]] = []
        for term in self.positive:
            if term.or_previous and groups:
                groups[-1].append(term)
            else:
                groups.append([term])
        return groups

    def to_websearch(self) -> str:
        """PostgreSQL `websearch_to_tsquery` syntax, built only from [a-z0-9] stems (never raises)."""
        parts = []
        for group in self.groups():
            parts.append(" or ".join(_quote(t.stems) for t in group))
        parts.extend("-" + _quote(t.stems) for t in self.terms if t.negated)
        return " ".join(parts)

    def to_fts5(self) -> str:
        """SQLite FTS5 MATCH syntax; every stem is double-quoted so no operator can leak in."""
        parts = []
        for group in self.groups():
            alternatives = [_quote(t.stems) for t in group]
            parts.append(alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")")
        expression = " AND ".join(parts)
        for term in self.terms:
            if term.negated:
                expression += " NOT " + _quote(term.stems)
        return expression


def _quote(stem_list: list[str]) -> str:
    return '"' + " ".join(stem_list) + '"'


_TAG = re.compile(r"<[^>]{0,200}>")
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_query(raw: str) -> ParsedQuery:
    """Parse what a visitor typed: words, "phrases", -exclusions and OR (or "ou" in upper case).
    Anything else (SQL, FTS operators, HTML, emoji) is reduced to plain words, so no input can
    produce a syntax error in either engine."""
    raw = (raw or "").strip()
    text = _TAG.sub(" ", raw)
    truncated = len(raw) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    query = ParsedQuery(raw=raw, truncated=truncated)
    pending_or = False
    for match in _TOKEN.finditer(text):
        negated = bool(match.group(1))
        chunk = match.group(2) if match.group(2) is not None else match.group(3)
        if match.group(3) is not None:
            if chunk in ("OR", "OU", "|"):
                pending_or = bool(query.terms)
                continue
            if chunk.startswith("-") and len(chunk) > 1:
                negated, chunk = True, chunk[1:]
        term_stems = stems(chunk)
        if not term_stems:
            continue
        if len(query.terms) >= MAX_QUERY_TERMS:
            query.truncated = True
            break
        query.terms.append(Term(stems=term_stems, raw=chunk, negated=negated, or_previous=pending_or))
        pending_or = False
    return query
