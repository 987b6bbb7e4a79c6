"""The whitespace a localised block puts between two translated sentences.

A build keeps the source's whitespace between sentences, which is right wherever sentences are
separated by a space: English, German, Spanish, Arabic, the pseudo-locale. Chinese and Japanese
run sentences together, so after a sentence whose last visible character is full width (``。``,
``！``, ``」``) or a closing quote that ends such a sentence (``。”``), the source's space would
read as a stray gap. Placeholders for inline markup are not visible on the page, so the last
character a reader sees is found by looking past them.
"""

from __future__ import annotations

import unicodedata

from passerelle.locale import base_language
from passerelle.units import strip_placeholders

#: Languages written without spaces between sentences.
UNSPACED_LANGUAGES = frozenset({"zh", "ja", "yue", "lzh"})

_WIDE = ("W", "F")
#: Closing punctuation: look before it to see what the sentence ends with.
_CLOSING = ("Pe", "Pf")


def runs_together(lang: str) -> bool:
    """Whether ``lang`` writes sentences one after the other without a space."""
    return base_language(lang) in UNSPACED_LANGUAGES


def ends_wide(text: str) -> bool:
    """Whether the last character a reader sees of ``text`` ends a full-width sentence.

    Closing quotes and brackets are looked past: ``”`` is ambiguous in width (narrow in Latin
    text, wide in Chinese), so ``。”`` ends wide because of its ``。`` and ``OK.”`` does not.
    """
    visible = strip_placeholders(text) if "<" in text else text
    for char in reversed(visible.rstrip()):
        if unicodedata.east_asian_width(char) in _WIDE:
            return True
        if unicodedata.category(char) not in _CLOSING and char not in "\"'":
            return False
    return False


def sentence_gap(lang: str, before: str, space: str) -> str:
    """The whitespace to write between translated sentence ``before`` and the next one.

    ``space`` is the source's whitespace between the two; it is kept, except in a language that
    runs sentences together where ``before`` ends wide.
    """
    if space.strip() or not space:
        return space
    if runs_together(lang) and ends_wide(before):
        return ""
    return space
