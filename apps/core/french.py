"""French text analysis: the one place that says what a French word is.

Search (both engines index the text stemmed here), the consultation synthesis ("idées fortes"),
similar-content suggestions and every normalised lookup key (territory names, import headers)
use these functions, so that they agree on what counts as the same word:

- `fold`: lower case, accents and ligatures removed ("Œuvre Énergie" -> "oeuvre energie");
- `normalize`: `fold`, then anything but letters and digits becomes one space (lookup keys);
- elisions: "l'", "d'", "qu'", "j'", "n'", "s'", "c'", "m'", "t'" (and "jusqu'", "lorsqu'"…),
  with a straight or a curly apostrophe, are words of their own ("l’énergie" -> "l", "énergie")
  and stop words;
- `STOP_WORDS`: PostgreSQL's French Snowball stop list, folded (what search ignores);
  `COMMON_WORDS` adds frequent function words and adverbs, for analyses that look for ideas;
- `stem`: the Snowball French stemmer on a folded word, then lightly normalised, because Snowball
  on accent-free words does not always reach the same stem ("rénovées" -> "renove" but
  "rénovation" -> "renov"; "publique" -> "publiqu" but "public" -> "public").

Snowball stemmers keep their working state on the instance: one instance shared by two threads
(threaded app servers, the live server of the browser tests) returns wrong stems — and the cache
of `stem` would keep them for good. So there is one stemmer per thread (a bug fixed twice,
in two copies, before this module existed: see `git log -S _local`).
"""

import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any

import snowballstemmer

# --- Folding --------------------------------------------------------------------------------

# NFKD decomposes accents but leaves these ligatures alone.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def strip_accents(value: str) -> str:
    """Remove combining accents, keep case: 'Écully' -> 'Ecully'."""
    return "".join(c for c in unicodedata.normalize("NFKD", value or "") if not unicodedata.combining(c))


def fold(value: str) -> str:
    """Lower-case and accent-free, ligatures folded: 'Œuvre Énergie' -> 'oeuvre energie'."""
    return strip_accents((value or "").lower().translate(_LIGATURES))


def normalize(value: str) -> str:
    """A lookup key: folded, punctuation reduced to single spaces: 'Saint-Étienne' -> 'saint etienne'."""
    return _NON_ALNUM.sub(" ", fold(value)).strip()


# --- Elisions -------------------------------------------------------------------------------

APOSTROPHES = "'’ʼ"  # straight, curly (what word processors type), modifier letter
# Elided words: "l'énergie", "qu’il", "jusqu'à". Other apostrophes belong to the word:
# "aujourd'hui", "presqu'île", "quelqu'un".
ELISIONS = frozenset(["c", "d", "j", "l", "m", "n", "qu", "s", "t", "jusqu", "lorsqu", "puisqu", "quoiqu"])
_ELISION = re.compile(
    r"^(" + "|".join(sorted(ELISIONS, key=len, reverse=True)) + r")[" + APOSTROPHES + r"](?=[^\W\d_])",
    re.IGNORECASE,
)


def split_elision(word: str) -> tuple[str, str]:
    """('l', 'énergie') for "l'énergie" or "L’énergie"; ('', word) when nothing is elided."""
    match = _ELISION.match(word)
    if match is None:
        return "", word
    return match.group(1).lower(), word[match.end() :]


# --- Stop words -----------------------------------------------------------------------------


def _word_list(text: str) -> frozenset[str]:
    return frozenset(text.split())


# PostgreSQL's french.stop (tsearch_data/french.stop, the Snowball list), folded, plus the
# elided forms and "les". Search depends on this exact list: both engines must drop the same words.
STOP_WORDS = _word_list(
    """
    au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me meme mes moi
    mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une
    vos votre vous c d j l a m n s t y ete etee etees etes etant etante etants etantes suis es est
    sommes sont serai seras sera serons serez seront serais serait serions seriez seraient etais
    etait etions etiez etaient fus fut fumes futes furent sois soit soyons soyez soient fusse fusses
    fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai as avons avez ont aurai
    auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez
    avaient eut eumes eutes eurent aie aies ait ayons ayez aient eusse eusses eussions eussiez
    eussent les
    """
)

# Other words that carry no idea of their own (pronouns, determiners, conjunctions, frequent
# adverbs and verbs), for analyses that look for what texts talk about. Folded.
COMMON_WORDS = (
    STOP_WORDS
    | _word_list(
        """
    afin ainsi alors aucun aucune aupres auquel aussi autour autre autres auxquels avant avoir bcp
    bien ca car ceci cela celle celles celui cependant certain certaines certains cet cette ceux
    chacun chaque chez ci comme comment deja depuis dont donc egalement elles encore entre etc etre
    faire fais fait faut ici ils jusqu laquelle lequel lesquels leurs lors meme memes moins ni
    notamment ou parce peu peut peuvent plus plutot pourrait pourraient pouvoir quand quel quelle
    quelles quels quoi sans si sien soi sous tel telle tels tous tout toute toutes tres trop vers
    via voir voire quelqu'un aujourd'hui
    """
    )
    | ELISIONS
)


# --- Words ----------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")
# A word as written: letters, with inner hyphens or apostrophes ("éco-quartier", "aujourd'hui").
_SURFACE_WORD = re.compile(r"[^\W\d_]+(?:[-" + APOSTROPHES + r"][^\W\d_]+)*")


def words(value: str) -> list[str]:
    """Folded words of a text, in order, stop words kept: what the search engines index (they
    split on every non-alphanumeric character, so do these: "l'energie" -> "l", "energie")."""
    return _WORD.findall(fold(value))


def surface_words(value: str) -> list[str]:
    """Words as written (lower case, accents kept), in order, for analyses that show words back:
    hyphenated compounds stay whole, an elided word is a word of its own ("l’éco-quartier" ->
    "l", "éco-quartier"; "aujourd’hui" stays one word), apostrophes are straightened. Digits
    are not words here."""
    out = []
    for match in _SURFACE_WORD.finditer((value or "").lower()):
        elided, word = split_elision(match.group(0))
        if elided:
            out.append(elided)
        out.append(word.replace("’", "'").replace("ʼ", "'"))
    return out


# --- Stemming -------------------------------------------------------------------------------

_local = threading.local()


def _stemmer() -> Any:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("french")
    return stemmer


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Stem one folded word (the pure-Python Snowball stemmer is the slow part: cached). A plural
    's' and a final 'e' are folded around Snowball so that inflections typed with or without
    accents meet on the same stem."""
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    result: str = _stemmer().stemWord(word)
    if len(result) > 4 and result.endswith("e"):
        result = result[:-1]
    if result.endswith("iqu"):
        result = result[:-2] + "c"
    return result


def stems(value: str) -> list[str]:
    """The stems of a text, stop words removed, in order (positions matter for phrases)."""
    return [stem(w) for w in words(value) if w not in STOP_WORDS]


def stemmed_text(value: str) -> str:
    return " ".join(stems(value))


# --- Plurals ---------------------------------------------------------------------------------


def plural(count: int | float, singular: str, plural: str = "") -> str:
    """The French form of a noun for `count`: singular for 0 and 1 (« 0 proposition »,
    « 1 proposition »), plural from 2. Without an explicit plural, a single word takes an « s »
    (« x » after « au »/« eau », nothing after s/x/z); « participant·e » gives « participant·es ».
    Give the plural of anything longer: « initiative présentée » / « initiatives présentées »."""
    if abs(count) < 2:
        return singular
    if plural:
        return plural
    if " " in singular.strip():
        raise ValueError(f"Give the plural of « {singular} » explicitly.")
    if singular.endswith(("s", "x", "z")):
        return singular
    if singular.endswith("au"):
        return singular + "x"
    return singular + "s"


def format_number(value: int | float) -> str:
    """French number formatting: thin no-break space between thousands, decimal comma."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")
    return f"{int(value):,}".replace(",", "\u202f")


def count_label(count: int | float, singular: str, plural_form: str = "") -> str:
    """« 1 proposition », « 0 proposition », « 12 propositions », « 1 000 propositions »."""
    return f"{format_number(count)} {plural(count, singular, plural_form)}"
