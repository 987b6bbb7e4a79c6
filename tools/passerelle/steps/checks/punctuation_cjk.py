"""ASCII punctuation in a Chinese or Japanese sentence, where the language writes full width.

Chinese and Japanese set ``，：；？！`` and parentheses ``（）`` full width (W3C's *Requirements for
Chinese Text Layout* and *Japanese Text Layout*; CLDR's zh and ja data hold the full-width forms
among their punctuation). A half-width mark against Han or kana text is a keyboard or machine
draft slip. ``punctuation-target`` already reports a mark set tight between two CJK characters
and one that ends the text; this check reports the rest of a sentence: a mark followed by a
space (``中文, 英文``), one between CJK and Latin text (``中文,English``), and parentheses touching
CJK text (``中文(说明)``). Numbers (``3:30``, ``1,000``), links and placeholders are left alone.
"""

from __future__ import annotations

import re

from passerelle.locale import base_language
from passerelle.steps.checks.base import WARNING, EntryCheck, Pair
from passerelle.units import PLACEHOLDER_RE
from passerelle.urls import URL_RE

#: Languages that write these marks full width, and their full-width forms.
FULL_WIDTH_LANGUAGES = ("zh", "ja")
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}

_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Each branch starts with the mark itself, so the engine skips to marks and only looks around
#: them: a text without one is read at the speed of a plain search.
_MARK_RE = re.compile(
    # after CJK, then blanks and more text, or Latin text
    rf"[,:;?!](?:(?<=[{_CJK}].)(?=[ \t]++[^\s]|[A-Za-z])"
    # after Latin text or a blank, then CJK
    rf"|(?<=[A-Za-z \t].)(?=[ \t]*+[{_CJK}]))"
    # a parenthesis touching CJK text on either side
    rf"|[()](?:(?<=[{_CJK}].)|(?=[{_CJK}]))"
)


def _plain(text: str) -> str:
    """The text with placeholders and links blanked out (their punctuation is not prose)."""
    if "<" in text:
        text = PLACEHOLDER_RE.sub(" ", text)
    return URL_RE.sub(" ", text) if "." in text else text


def check_cjk_ascii_punctuation(pair: Pair) -> list[str]:
    """Half-width ``, : ; ? ! ( )`` touching Chinese or Japanese text."""
    if base_language(pair.lang) not in FULL_WIDTH_LANGUAGES:
        return []
    text = _plain(pair.translation)
    marks = _MARK_RE.findall(text)
    if not marks:
        return []
    wanted = " ".join(f"{m} -> {FULL_WIDTH[m]}" for m in dict.fromkeys(marks))
    return [f"half-width punctuation in a {base_language(pair.lang)} sentence: {wanted}"]


CHECKS = [
    EntryCheck(
        "punctuation-cjk",
        WARNING,
        check_cjk_ascii_punctuation,
        "half-width , : ; ? ! ( ) in a zh/ja sentence",
    ),
]
