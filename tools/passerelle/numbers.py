"""Numbers in the source must survive translation, whatever the locale's way of writing them.

A number is compared by value, not by spelling: ``1 000``, ``1,000`` and ``1.000`` are all a
thousand; ``3,5`` and ``3.5`` are the same; full-width and Arabic-Indic digits count as digits. A
scale word multiplies: ``14 milliards`` (fr), ``14 billion`` (en), ``140亿`` (zh) and ``1400億``
(ja) are one quantity, so each is matched by its scaled value. Small numbers written as words
(``2`` -> ``two``) are accepted. Numbers inside URLs and placeholders are left to their own checks.

The ``number-missing`` check and the note a machine draft gets both ask :func:`missing_numbers`,
so a draft is noted exactly when accepting it as it is would fail the check.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from passerelle.locale import base_language
from passerelle.matching import unmatched
from passerelle.units import strip_placeholders
from passerelle.urls import strip_links

_SPACES = " \u00a0\u202f\u2009"
NUMBER_RE = re.compile(
    rf"(?<![A-Za-z0-9_])(?<![A-Za-z0-9][.,])(?!0[xXbBoO][0-9A-Fa-f])"  # 0x10FFFF is a code
    rf"(?:\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)*"
    rf"|(?<![^\s(\[])\.\d+)"
)
_SPACE_RE = re.compile(f"[{_SPACES}]")
_SEP_RE = re.compile("[.,]")
_NON_DIGIT_RE = re.compile(r"\D")
_OTHER_DIGIT_RE = re.compile(r"(?![0-9])\d")

#: Scale words that mean the same in every language that uses them.
_SCALES = {
    "thousand": 3,
    "thousands": 3,
    "mille": 3,
    "tausend": 3,
    "mil": 3,
    "ألف": 3,
    "آلاف": 3,
    "million": 6,
    "millions": 6,
    "millionen": 6,
    "mio": 6,
    "mio.": 6,
    "millón": 6,
    "millones": 6,
    "مليون": 6,
    "ملايين": 6,
    "milliard": 9,
    "milliards": 9,
    "milliarde": 9,
    "milliarden": 9,
    "mrd": 9,
    "mrd.": 9,
    "mil millones": 9,
    "مليار": 9,
    "مليارات": 9,
}
#: Scale words written without a space in Chinese and Japanese.
_CJK_SCALES = {"千": 3, "万": 4, "萬": 4, "亿": 8, "億": 8, "万亿": 12, "兆": 12}
#: "billion" is 10^9 in English but 10^12 in French, German, Spanish (long scale).
_SHORT_SCALE = {"billion": 9, "billions": 9, "bn": 9, "trillion": 12, "trillions": 12}
_LONG_SCALE = {"billion": 12, "billions": 12, "billón": 12, "billones": 12}

#: Small numbers as words; "-" where the word is mostly an article (French "un": "a").
_SMALL_WORDS = {
    "en": "zero one two three four five six seven eight nine ten eleven twelve",
    "fr": "zéro - deux trois quatre cinq six sept huit neuf dix onze douze",
    "de": "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce",
    "zh": "零 一 二 三 四 五 六 七 八 九 十",
    "ja": "零 一 二 三 四 五 六 七 八 九 十",
}


@lru_cache(maxsize=64)
def _number_pattern(lang: str) -> tuple[re.Pattern[str], dict[str, int]]:
    """Numbers with what follows them: a scale word (group 2) or a compound's hyphen (group 5).

    One pattern, so that ``findall`` does the scanning and a text of many numbers costs one
    tuple per number, not several matches made from Python.
    """
    words = dict(_SCALES)
    words.update(_SHORT_SCALE if base_language(lang) == "en" else _LONG_SCALE)
    latin = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    cjk = "|".join(re.escape(w) for w in sorted(_CJK_SCALES, key=len, reverse=True))
    words.update(_CJK_SCALES)
    # the look-ahead spares trying every scale word after a number followed by no word at all
    scale = rf"(?=[{_SPACES}]*[^\W\d_])[{_SPACES}]*(?i:({latin})(?!\w)|({cjk}))"
    pattern = re.compile(rf"({NUMBER_RE.pattern})(?:({scale})|(?=(-)[^\W\d_])|)")
    return pattern, words


def normalise_digits(text: str) -> str:
    """Full-width and other decimal digits as ASCII; Arabic separators as ``.`` and ``,``."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text).replace("\u066b", ".").replace("\u066c", ",")
    return _OTHER_DIGIT_RE.sub(lambda m: str(unicodedata.decimal(m.group(0))), text)


@lru_cache(maxsize=4096)
def readings(token: str) -> frozenset[Decimal]:
    """Every value a written number may mean: grouping and decimal separators are ambiguous."""
    if token.isdigit():  # most numbers: no separator, one value
        return frozenset((Decimal(token).normalize(),))
    flat = _SPACE_RE.sub("", token)
    spaced = flat != token
    groups = _SEP_RE.split(flat)
    seps = _SEP_RE.findall(flat)
    values: set[Decimal] = set()
    grouped = all(len(g) == 3 for g in groups[1:]) and 0 < len(groups[0]) <= 3
    if not seps or (grouped and len(set(seps)) == 1 and not spaced):
        values.add(Decimal("".join(groups)))
    if seps and (len(seps) == 1 or (len(set(seps[:-1])) == 1 and seps[-1] != seps[0])):
        head = groups[:-1]
        if len(head) == 1 or all(len(g) == 3 for g in head[1:]):
            values.add(Decimal("".join(head) + "." + groups[-1]))
    if not values:  # a version or a code: each part stands for itself
        values.update(Decimal(g) for g in set(groups))
    return frozenset(v.normalize() for v in values)


@dataclass(frozen=True)
class Quantity:
    """A number as written, its possible values, and its values once a scale word applies."""

    written: str
    values: frozenset[Decimal]
    scaled: frozenset[Decimal] | None = None
    compound: bool = False  # "2-tuple": may rightly become a word ("couple")

    @property
    def required(self) -> frozenset[Decimal]:
        """What a translation must offer: the scaled value when there is a scale word."""
        return self.scaled if self.scaled is not None else self.values


@lru_cache(maxsize=64)
def _decimal_mark(lang: str) -> str:
    # babel is imported where it is used: a text without a comma never asks
    from babel import UnknownLocaleError
    from babel.numbers import get_decimal_symbol

    try:
        return str(get_decimal_symbol(lang.replace("-", "_")))
    except (UnknownLocaleError, ValueError, LookupError, TypeError):  # qps, a typo
        return "."


def _split_list(token: str, lang: str) -> list[str]:
    """``0,4294967295`` in English is two numbers: a comma not grouping thousands is a list."""
    if _decimal_mark(lang) != "." or "," not in token:
        return [token]
    parts = token.split(",")
    if all(len(p) == 3 for p in parts[1:]):
        return [token]
    return [p for p in parts if p]


def quantities(text: str, lang: str) -> list[Quantity]:
    """Each number in ``text`` with what it may mean.

    A number met again with the same word after it (a text of a thousand "1") reuses its
    quantities: the work per number is then one dictionary lookup.
    """
    text = normalise_digits(strip_links(strip_placeholders(text)))
    pattern, words = _number_pattern(lang)
    found: list[Quantity] = []
    made: dict[tuple[str, ...], list[Quantity]] = {}
    for item in pattern.findall(text):
        known = made.get(item)
        if known is None:
            known = made[item] = _quantities_of(item, lang, words)
        found.extend(known)
    return found


def _quantities_of(item: tuple[str, ...], lang: str, words: dict[str, int]) -> list[Quantity]:
    """The quantities of one number found by :func:`_number_pattern` (its groups)."""
    token, scale, latin, cjk, hyphen = item
    values = readings(token)
    if not scale:
        compound = bool(hyphen) and max(values) <= 12
        parts = _split_list(token, lang)
        made = {part: Quantity(part, readings(part), compound=compound) for part in set(parts)}
        return [made[part] for part in parts]
    factor = Decimal(10) ** words[(latin or cjk).lower()]
    scaled = frozenset((v * factor).normalize() for v in values)
    return [Quantity((token + scale).strip(), values, scaled)]


def _plain(part: str) -> set[Decimal]:
    digits = _NON_DIGIT_RE.sub("", part)
    return {Decimal(digits)} if digits and digits == part.strip() else set()


@lru_cache(maxsize=64)
def _small_words_pattern(lang: str) -> re.Pattern[str]:
    """The language's small numbers written as words, all found in one pass."""
    words = [w for w in _SMALL_WORDS.get(base_language(lang), "").split() if len(w) > 1]
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words)) or '(?!)'})(?!\w)")


def _supply(text: str, lang: str) -> list[tuple[str, frozenset[Decimal]]]:
    """Each number the translation writes (in digits or a small word) and what it may mean."""
    supply = []
    offered: dict[tuple[str, frozenset[Decimal] | None], tuple[str, frozenset[Decimal]]] = {}
    for quantity in quantities(text, lang):
        key = (quantity.written, quantity.scaled)
        slot = offered.get(key)
        if slot is None:
            parts = {v for part in set(_SEP_RE.split(quantity.written)) for v in _plain(part)}
            values = quantity.values | (quantity.scaled or frozenset()) | parts
            slot = offered[key] = (quantity.written, values)
        supply.append(slot)
    lowered = text.lower()
    words = _SMALL_WORDS.get(base_language(lang), "").split()
    spelt = Counter(_small_words_pattern(lang).findall(lowered)) if words else Counter[str]()
    for value, word in enumerate(words):
        if word == "-":
            continue
        count = lowered.count(word) if len(word) == 1 else spelt[word]
        supply.extend([(word, frozenset({Decimal(value)}))] * count)
    return supply


def missing_numbers(source: str, source_lang: str, translation: str, lang: str) -> list[str]:
    """The numbers of ``source`` (as written, once each) that no number of ``translation`` can
    stand for.

    A value the source repeats needs stating only once; distinct numbers each need their own.
    """
    if not any(map(str.isdigit, source)):
        return []
    wanted: dict[frozenset[Decimal], str] = {}
    for quantity in quantities(source, source_lang):
        if not quantity.compound:
            wanted.setdefault(quantity.required, quantity.written)
    if not wanted:
        return []
    supply = _supply(translation, lang)
    spelt: dict[str, list[int]] = {}
    for slot, (there, _) in enumerate(supply):
        spelt.setdefault(there, []).append(slot)
    used: set[int] = set()
    for values, written in list(wanted.items()):  # the same spelling pairs up first
        same = spelt.get(written)
        if same:
            used.add(same.pop())
            del wanted[values]
    required = list(wanted)
    rest = [values for slot, (_, values) in enumerate(supply) if slot not in used]
    return list(dict.fromkeys(wanted[required[i]] for i in unmatched(required, rest)))
