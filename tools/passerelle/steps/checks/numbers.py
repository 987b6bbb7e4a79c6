"""Numbers in the source must survive translation, whatever the locale's way of writing them.

How a number is read (separators, scale words, digits of other scripts) is
:mod:`passerelle.numbers`, which the drafts' note shares.
"""

from __future__ import annotations

from passerelle.numbers import missing_numbers
from passerelle.steps.checks.base import ERROR, EntryCheck, Pair


def check_numbers(pair: Pair) -> list[str]:
    """A number of the source that no number of the translation can stand for."""
    missing = missing_numbers(pair.source, pair.source_lang, pair.translation, pair.lang)
    return ["number missing from the translation: " + ", ".join(missing)] if missing else []


CHECKS = [
    EntryCheck("number-missing", ERROR, check_numbers, "a number of the source is not kept"),
]
