import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def strip_accents(value: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))


def normalize(value: str) -> str:
    """Lower-case, accent-free, punctuation folded to single spaces: 'Saint-Étienne' -> 'saint etienne'.
    Also folds the œ/æ ligatures that NFKD leaves alone."""
    value = (value or "").lower().replace("œ", "oe").replace("æ", "ae")
    return _NON_ALNUM.sub(" ", strip_accents(value)).strip()
