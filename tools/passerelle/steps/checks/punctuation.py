"""The quotation marks and punctuation a language writes, as CLDR records them.

Babel carries no delimiters and no punctuation exemplars, so they come from a table generated
from CLDR (:mod:`passerelle.steps.checks._cldr_punctuation`). Asking the data instead of listing
"French" characters is what lets « » pass in Spanish and Arabic, whose press writes them, while
they stay foreign to English.
"""

from __future__ import annotations

import functools

from passerelle.steps.checks._cldr_punctuation import PUNCTUATION, QUOTES

#: Unicode's Quotation_Mark property (PropList.txt): every character that opens or closes a quote.
QUOTATION_MARKS = frozenset(
    "\"'\u00ab\u00bb\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2039\u203a\u2e42"
    "\u300c\u300d\u300e\u300f\u301d\u301e\u301f\ufe41\ufe42\ufe43\ufe44\uff02\uff07\uff62\uff63"
)


def _candidates(lang: str) -> list[str]:
    """``zh_Hant_TW`` -> ``zh_Hant_TW``, ``zh_Hant``, ``zh``: CLDR's own fallback, by truncation."""
    parts = lang.replace("-", "_").split("@")[0].split("_")
    parts = [parts[0].lower(), *parts[1:]]
    return ["_".join(parts[:end]) for end in range(len(parts), 0, -1)]


def _lookup(table: dict[str, str], lang: str) -> str | None:
    for code in _candidates(lang):
        if code in table:
            return table[code]
    return None


@functools.lru_cache(maxsize=64)
def delimiters(lang: str) -> str | None:
    """Quotation start, end, alternate start, alternate end (``„“‚‘`` for German)."""
    return _lookup(QUOTES, lang)


@functools.lru_cache(maxsize=64)
def punctuation(lang: str) -> frozenset[str]:
    """The language's punctuation exemplars: what its texts commonly use (empty if unknown)."""
    return frozenset(_lookup(PUNCTUATION, lang) or "")


@functools.lru_cache(maxsize=64)
def quotation_marks(lang: str) -> frozenset[str] | None:
    """The quotation marks ``lang`` writes (its delimiters and exemplars); None when CLDR does
    not know the language (a pseudo-locale), so nothing can be said about its quotes."""
    quotes = delimiters(lang)
    exemplars = punctuation(lang)
    if quotes is None and not exemplars:
        return None
    return frozenset(quotes or "") | (exemplars & QUOTATION_MARKS)
