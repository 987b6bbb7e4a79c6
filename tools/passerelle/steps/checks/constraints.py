"""ITS constraints a document puts on a translation: its storage size and allowed characters.

Extraction writes them into the unit's extracted comments (:mod:`passerelle.annotations`); these
checks read them back from the catalog, so ``passerelle check`` catches a translation that would
overflow a database column or a firmware string table, or use a character the target cannot show,
before a build ships it. Placeholders are markup, not text, and do not count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from passerelle.annotations import allowed_characters, storage_size
from passerelle.steps.checks.base import ERROR, EntryCheck, Pair
from passerelle.units import strip_placeholders


def check_storage_size(pair: Pair) -> list[str]:
    """The translation, stored as the document says, fits the size the document allows."""
    limit = storage_size(pair.comments)
    if limit is None or not pair.translation:
        return []
    try:
        stored = limit.stored(strip_placeholders(pair.translation))
    except LookupError:
        return [f"unknown storage encoding {limit.encoding!r}: the size cannot be checked"]
    except UnicodeEncodeError as exc:
        return [f"{exc.object[exc.start]!r} cannot be stored in {limit.encoding}"]
    if len(stored) > limit.size:
        return [
            f"the translation takes {len(stored)} bytes in {limit.encoding}, "
            f"at most {limit.size} allowed"
        ]
    return []


@lru_cache(maxsize=64)
def _allowed(expression: str) -> re.Pattern[str] | None:
    try:
        return re.compile(expression)
    except re.error:
        return None


def check_allowed_characters(pair: Pair) -> list[str]:
    """Every character of the translation matches the document's allowed-characters class."""
    expression = allowed_characters(pair.comments)
    if expression is None or not pair.translation:
        return []
    pattern = _allowed(expression)
    if pattern is None:
        return [f"the allowed-characters expression {expression!r} cannot be read"]
    text = strip_placeholders(pair.translation)
    bad = sorted({ch for ch in set(text) if pattern.fullmatch(ch) is None})
    if bad:
        return ["characters not allowed here: " + " ".join(repr(ch) for ch in bad[:10])]
    return []


CHECKS = [
    EntryCheck(
        "storage-size",
        ERROR,
        check_storage_size,
        "the translation is longer than the document's storage size",
    ),
    EntryCheck(
        "allowed-characters",
        ERROR,
        check_allowed_characters,
        "the translation uses characters the document does not allow",
    ),
]
