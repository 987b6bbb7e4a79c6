"""Spacing and punctuation: what a translator's keyboard or the French source leaks in.

French puts a (narrow) space before ``; : ! ?`` and uses « guillemets »; carried into English or
German that reads as a typo. Chinese and Japanese expect full-width punctuation (``。，！？``),
Arabic its own comma and question mark. Leading and trailing whitespace often carries meaning in
a rebuilt document (a space before inline markup), so a translation keeps the source's.
"""

from __future__ import annotations

import re

from passerelle.locale import base_language
from passerelle.steps.checks.base import ERROR, WARNING, EntryCheck, Pair
from passerelle.units import strip_placeholders

_FRENCH_SPACE_RE = re.compile(r"(?<=\w)[ \u00a0\u202f]+([;:!?])(?=\s|$)")
_GUILLEMETS_RE = re.compile(r"[«»]")
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
    """Guillemets or a space before ``; : ! ?`` in a language that does not use them."""
    if base_language(pair.lang) in ("fr", "qps"):
        return []
    text = strip_placeholders(pair.translation)
    problems = []
    if _GUILLEMETS_RE.search(text):
        problems.append("French guillemets « » in the translation; use this language's quotes")
    spaced = sorted({m.group(1) for m in _FRENCH_SPACE_RE.finditer(text)})
    if spaced:
        problems.append("space before " + " ".join(spaced) + " (French typography)")
    return problems


def check_target_punctuation(pair: Pair) -> list[str]:
    """ASCII punctuation where the target language writes its own (zh, ja: full width; ar)."""
    base = base_language(pair.lang)
    text = strip_placeholders(pair.translation).rstrip()
    if base in ("zh", "ja"):
        marks = [m.group(1) for m in _CJK_END_RE.finditer(text)]
        marks += [m.group(1) for m in _CJK_INSIDE_RE.finditer(text)]
        if marks:
            wanted = " ".join(f"{m} -> {_FULL_WIDTH[m]}" for m in dict.fromkeys(marks))
            return [f"ASCII punctuation in a {base} translation: {wanted}"]
    if base in ("ar", "fa", "ur"):
        marks = [m.group(1) for m in _ARABIC_RE.finditer(text)]
        if marks:
            wanted = " ".join(f"{m} -> {_ARABIC_MARKS[m]}" for m in dict.fromkeys(marks))
            return [f"Latin punctuation in an Arabic-script translation: {wanted}"]
    return []


CHECKS = [
    EntryCheck("newline-mismatch", ERROR, check_newlines, "leading/trailing newline differs"),
    EntryCheck("whitespace-mismatch", WARNING, check_whitespace, "edge whitespace differs"),
    EntryCheck("french-typography", WARNING, check_french_typography, "« » or a space before ;:!?"),
    EntryCheck(
        "punctuation-target",
        WARNING,
        check_target_punctuation,
        "ASCII punctuation where zh/ja/ar write their own",
    ),
]
