"""Counts in messages, in the noun's right number: "1 catalog written", "2 catalogs written".

A "catalog(s)" makes every reader work out which it is; the number decides, here, once.
"""

from __future__ import annotations

#: Nouns whose plural is not the singular plus "s".
_IRREGULAR = {"entry": "entries"}


def plural(number: int, noun: str) -> str:
    """``noun`` as ``number`` wants it (English: the singular for one only)."""
    if number == 1:
        return noun
    return _IRREGULAR.get(noun, noun + "s")


def counted(number: int, noun: str) -> str:
    """``number`` and its noun: ``1 file``, ``0 files``, ``3 entries``."""
    return f"{number} {plural(number, noun)}"
