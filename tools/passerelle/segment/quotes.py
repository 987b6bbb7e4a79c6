"""Straight double quotes spaced on both sides: which sentence they belong to.

A ``"`` looks the same whether it opens or closes, and text that spaces its quotes (``" Je pars.
" Puis...``) gives no glyph or spacing clue either: a rule sees ``fin. " Début`` both ways. Only
the quotes before it tell: after an odd number of them a quote closes, so it stays with the
sentence before, and after an even number it opens the next. No regex of bounded width can
count, so this runs after the rules, on their cuts. Quotes right after a digit are inch or second
marks (``un écran de 15"``) and are not counted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

_QUOTE = '"'
_COUNTED = re.compile(r'(?<!\d)"')


def quote_cuts(text: str, cuts: Sequence[int]) -> list[int]:
    """``cuts`` with each one that falls before a closing, spaced ``"`` moved past it.

    A cut that would then reach the end of the text is dropped. Linear in the text.
    """
    if _QUOTE not in text:
        return list(cuts)
    quotes = [m.start() for m in _COUNTED.finditer(text)]
    result: list[int] = []
    for cut in cuts:
        if _spaced_quote_at(text, cut) and bisect.bisect_left(quotes, cut) % 2 == 1:
            cut += 1
            while cut < len(text) and text[cut].isspace():
                cut += 1
        if 0 < cut < len(text) and (not result or cut > result[-1]):
            result.append(cut)
    return result


def _spaced_quote_at(text: str, cut: int) -> bool:
    """A straight quote at ``cut`` with whitespace on both sides, so either role is possible."""
    return (
        text.startswith(_QUOTE, cut)
        and cut > 0
        and text[cut - 1].isspace()
        and (cut + 1 == len(text) or text[cut + 1].isspace())
    )
