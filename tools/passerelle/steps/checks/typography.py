"""Spacing and punctuation: what a translator's keyboard or the French source leaks in.

Which quotation marks and punctuation a language writes comes from CLDR
(:mod:`passerelle.steps.checks.punctuation`): « » are Spanish and Arabic as much as French, so
only a mark the target language does not use is reported, and „ “ in English or ” in German
are caught the same way. French alone puts a (narrow) space before ``; : ! ?`` and inside « »;
carried into English, German or Spanish that reads as a typo. Chinese and Japanese write
full-width punctuation (``。，！？``), Arabic its own comma and question mark. Leading and
trailing whitespace often carries meaning in a rebuilt document (a space before inline markup),
so a translation keeps the source's.
"""

from __future__ import annotations

import re

from passerelle.locale import base_language
from passerelle.steps.checks.base import ERROR, WARNING, EntryCheck, Pair
from passerelle.steps.checks.punctuation import (
    QUOTATION_MARKS,
    delimiters,
    punctuation,
    quotation_marks,
)
from passerelle.units import strip_placeholders

#: Languages that space high punctuation and guillemets (CLDR records no spacing rules; qps is
#: pseudo-French).
_SPACED_PUNCTUATION = ("fr", "qps")
_FRENCH_SPACE_RE = re.compile(r"(?<=\w)[ \u00a0\u202f]+([;:!?])(?=\s|$)")
_SPACED_GUILLEMETS_RE = re.compile(r"«[ \u00a0\u202f]|[ \u00a0\u202f]»")
#: Typewriter marks belong to no language, and ’ between letters is an apostrophe (geht’s).
_TYPEWRITER = frozenset("\"'")
_APOSTROPHES = frozenset("’‘")
_APOSTROPHE_RE = re.compile(r"(?<=[^\W\d_])[’‘](?=[^\W\d_])")
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_END_RE = re.compile(rf"[{_CJK}]([.,;:!?])[\"'’”)\]]*$")
_CJK_INSIDE_RE = re.compile(rf"[{_CJK}]([,;:!?])(?=[{_CJK}])")
_ARABIC = r"\u0600-\u06ff"
_ARABIC_RE = re.compile(rf"[{_ARABIC}]\s*([,;?])")
_FULL_WIDTH = {".": "。", ",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_ARABIC_MARKS = {",": "،", ";": "؛", "?": "؟"}


def _edge(text: str) -> tuple[str, str]:
    stripped = text.strip()
    if not stripped:
        return text, ""
    start = text.index(stripped[0])
    return text[:start], text[start + len(stripped) :]


def check_newlines(pair: Pair) -> list[str]:
    """A newline at the start or end of one side only (``msgfmt -c`` rejects it too)."""
    problems = []
    if pair.source.startswith("\n") != pair.translation.startswith("\n"):
        problems.append("the source and the translation differ in a leading newline")
    if pair.source.endswith("\n") != pair.translation.endswith("\n"):
        problems.append("the source and the translation differ in a trailing newline")
    return problems


def check_whitespace(pair: Pair) -> list[str]:
    """Leading or trailing spaces that differ from the source's."""
    src_lead, src_trail = _edge(pair.source.strip("\n"))
    dst_lead, dst_trail = _edge(pair.translation.strip("\n"))
    problems = []
    if src_lead != dst_lead:
        problems.append(f"leading whitespace {dst_lead!r} differs from the source's {src_lead!r}")
    if src_trail != dst_trail:
        problems.append(
            f"trailing whitespace {dst_trail!r} differs from the source's {src_trail!r}"
        )
    return problems


def check_french_typography(pair: Pair) -> list[str]:
    """A space before ``; : ! ?`` or inside « » in a language that does not space them."""
    if base_language(pair.lang) in _SPACED_PUNCTUATION:
        return []
    text = strip_placeholders(pair.translation)
    problems = []
    if _SPACED_GUILLEMETS_RE.search(text):
        problems.append("space inside « » (French typography)")
    spaced = sorted({m.group(1) for m in _FRENCH_SPACE_RE.finditer(text)})
    if spaced:
        problems.append("space before " + " ".join(spaced) + " (French typography)")
    return problems


def check_quotes(pair: Pair) -> list[str]:
    """Quotation marks the target language does not write, by CLDR's account of it."""
    if base_language(pair.lang) == base_language(pair.source_lang):
        return []
    known = quotation_marks(pair.lang)
    if known is None:
        return []
    text = strip_placeholders(pair.translation)
    candidates = QUOTATION_MARKS - known - _TYPEWRITER
    foreign = {mark for mark in candidates if mark in text}  # a substring search per mark
    if foreign & _APOSTROPHES:  # rare: only then is the text searched for apostrophes
        text = _APOSTROPHE_RE.sub("", text)
        foreign = {mark for mark in candidates if mark in text}
    if not foreign:
        return []
    quotes = delimiters(pair.lang)
    usual = f"; it writes {quotes[0]}…{quotes[1]} and {quotes[2]}…{quotes[3]}" if quotes else ""
    marks = " ".join(sorted(foreign, key=text.index))
    return [f"quotation marks {marks} are not {pair.lang}'s{usual}"]


def check_target_punctuation(pair: Pair) -> list[str]:
    """ASCII punctuation where the target language writes its own (zh, ja: full width; ar)."""
    exemplars = punctuation(pair.lang)
    text = strip_placeholders(pair.translation).rstrip()
    base = base_language(pair.lang)
    if "。" in exemplars:
        marks = [m.group(1) for m in _CJK_END_RE.finditer(text)]
        marks += [m.group(1) for m in _CJK_INSIDE_RE.finditer(text)]
        wide = [m for m in dict.fromkeys(marks) if _FULL_WIDTH[m] in exemplars]
        if wide:
            wanted = " ".join(f"{m} -> {_FULL_WIDTH[m]}" for m in wide)
            return [f"ASCII punctuation in a {base} translation: {wanted}"]
    if "،" in exemplars:
        marks = [m.group(1) for m in _ARABIC_RE.finditer(text)]
        own = [m for m in dict.fromkeys(marks) if m not in exemplars]
        if own:
            wanted = " ".join(f"{m} -> {_ARABIC_MARKS[m]}" for m in own)
            return [f"Latin punctuation in an Arabic-script translation: {wanted}"]
    return []


CHECKS = [
    EntryCheck("newline-mismatch", ERROR, check_newlines, "leading/trailing newline differs"),
    EntryCheck("whitespace-mismatch", WARNING, check_whitespace, "edge whitespace differs"),
    EntryCheck(
        "french-typography", WARNING, check_french_typography, "a space before ;:!? or inside « »"
    ),
    EntryCheck(
        "quotes-foreign", WARNING, check_quotes, "quotation marks the target language does not use"
    ),
    EntryCheck(
        "punctuation-target",
        WARNING,
        check_target_punctuation,
        "ASCII punctuation where the language writes its own (zh, ja, ar...)",
    ),
]
