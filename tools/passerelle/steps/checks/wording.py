"""Words: repeated ones, untranslated ones, and translations far too long or too short.

These are warnings: each has honest exceptions (a name stays a name, "nous nous" is French), so
they point a reviewer at an entry rather than block a release.
"""

from __future__ import annotations

import re

from passerelle.locale import base_language, same_language
from passerelle.steps.checks.base import WARNING, EntryCheck, Pair
from passerelle.units import strip_placeholders

_WORD = r"[^\W\d_]+"
_DOUBLED_RE = re.compile(rf"(?<![\w'’])({_WORD})\s+(\1)(?![\w'’])", re.IGNORECASE)
#: Two elided articles or pronouns in a row ("l'l'intelligence", "d'l'"): never right.
_ELISIONS_RE = re.compile(r"(?<![\w'’])([^\W\d_]{1,3}['’])([^\W\d_]{1,3}['’])+(?=\w)")
#: Repetitions a language's grammar allows.
_ALLOWED = {
    "fr": {"nous", "vous"},
    "en": {"had", "that"},
    "de": {"die", "der", "das", "sie"},
}
#: One run of non-spaces holding a digit or a code mark; the look-ahead finds the mark, the
#: possessive run checks the end, so a long run is scanned twice rather than once per mark.
_CODE_RE = re.compile(r"^(?=\S*[\d._/@:\\-])\S*+$")
_ACRONYM_RE = re.compile(r"^[A-Z0-9&.\-]{2,8}$")
#: Characters per source character: what a translation from French usually takes.
_EXPECTED_RATIO = {"zh": 0.33, "ja": 0.45, "ko": 0.45}
_MIN_SOURCE = 20


def doubled_words(text: str, lang: str) -> list[str]:
    """Words repeated back to back, and stacked elisions, as written in ``text``."""
    plain = strip_placeholders(text)
    allowed = _ALLOWED.get(base_language(lang), set())
    found = [
        f"{m.group(1)} {m.group(2)}"
        for m in _DOUBLED_RE.finditer(plain)
        if m.group(1).lower() not in allowed
    ]
    found += [m.group(0) for m in _ELISIONS_RE.finditer(plain)]
    return found


def check_doubled_words(pair: Pair) -> list[str]:
    """A word (or an elision) typed twice in the translation."""
    found = doubled_words(pair.translation, pair.lang)
    if found:
        return ["doubled word: " + ", ".join(repr(f) for f in dict.fromkeys(found))]
    return []


def _exempt_from_same(text: str) -> bool:
    """Names, codes, acronyms and numbers-only texts may rightly stay as they are."""
    plain = strip_placeholders(text).strip()
    words = re.findall(_WORD, plain)
    if not words or _CODE_RE.match(plain) or _ACRONYM_RE.match(plain):
        return True
    return all(w[0].isupper() for w in words if len(w) > 3)


def check_same_as_source(pair: Pair) -> list[str]:
    """The translation repeats the source: probably copied, not translated."""
    if same_language(pair.lang, pair.source_lang) or base_language(pair.lang) == "qps":
        return []
    if pair.translation.strip() != pair.source.strip() or _exempt_from_same(pair.source):
        return []
    return ["translation is identical to the source"]


def check_length_ratio(pair: Pair) -> list[str]:
    """A translation far shorter or longer than the language usually makes it."""
    source = strip_placeholders(pair.source).strip()
    target = strip_placeholders(pair.translation).strip()
    if len(source) < _MIN_SOURCE or not target:
        return []
    expected = _EXPECTED_RATIO.get(base_language(pair.lang), 1.0)
    ratio = len(target) / len(source) / expected
    if ratio < 0.4 or ratio > 2.5:
        return [
            f"translation is {len(target)} characters for a source of {len(source)};"
            " check that nothing is missing or added"
        ]
    return []


CHECKS = [
    EntryCheck("doubled-word", WARNING, check_doubled_words, "a word typed twice"),
    EntryCheck("same-as-source", WARNING, check_same_as_source, "the source copied unchanged"),
    EntryCheck("length-ratio", WARNING, check_length_ratio, "translation length is an outlier"),
]
