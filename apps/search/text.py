"""What a visitor types in a search box, parsed into terms of stems (the stems come from
apps.core.french, the one French text analysis, which also produces the indexed text)."""

import re
from dataclasses import dataclass, field

from apps.core.french import stems

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12


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
