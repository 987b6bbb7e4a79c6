"""The quick test of a ``beforebreak``'s last characters: it rejects only what the rules reject."""

from __future__ import annotations

import re

import pytest

from passerelle.segment.java_regex import translate_regex
from passerelle.segment.sentences import _Befores, _width, segmenter_for
from passerelle.segment.tails import tail_filter

#: Shapes the analysis models (optional parts, repeats, branches, lookarounds, classes) and
#: shapes it must give up on without narrowing anything (case changes, negations, references).
PATTERNS = [
    r"\b\d{1,4}(?:\.\d{1,4}){1,6}\.",
    r"(?:[!?…]|\.\.|\.(?:[\s\u00A0]\.){2})[.!?…]{0,8}(?:[»\"\)\]]|[\s\u00A0]{1,3}»){0,4}",
    r"(?:(?<!\w)(?!(?i:etc|vol)\.)\w{0,30}[a-zé]{2}[.…]|[!?;])[»\)]?\s{1,3}(?:\d{1,3}|[IVX]{1,6})\.",
    r"\b(?:M|MM|Mme|Dr)\.",
    r"(?<![\w.])[A-Z]{1,2}\.",
    r"x?y?",
    r"(?:ab)*c{0,2}",
    r"(?i:mme)\.",
    r"[^a]b",
    r"(?>a|bc)d",
    r"a++b",
    r"^\s{0,8}(?:\d{1,3}|[a-z])\.",
    r".\.",
]

TEXTS = [
    "Il attendit. 2. Nul ne peut, p. 12. La suite, art. L. 121. Il vint !",
    "M. et Mme Dupont, Dr. No. 1.8.2. de l'Module. Vol. IV. etc. 3. Fin",
    "«\u00a0Quoi\u00a0?\u00a0» dit-il... bonnement. . . Puis\u00a0» 12. Mme. MME. ab abc cc xy",
    "bb ab a b\n1. d bcd ad aab ab. AB. Z. é. 15. x",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_tail_test_never_rejects_a_match(pattern: str) -> None:
    """At every position of every text, alone and grouped with another rule: the quick test
    then the search answer exactly what the search alone answers."""
    for members in ([pattern], [pattern, r"\b[Ss]ept\."]):
        regex = re.compile("(?:" + "|".join(f"(?:{m})" for m in members) + ")\\Z")
        width = max(_width(m) for m in members)
        befores = _Befores(regex, width, tail_filter(members))
        for text in TEXTS:
            for position in range(len(text) + 1):
                alone = regex.search(text, max(0, position - width), position) is not None
                assert befores.end_at(text, position) == alone, (pattern, text[:position])


def test_tails_pin_what_the_rules_end_with() -> None:
    tail = tail_filter([r"\b\d{1,4}(?:\.\d{1,4}){1,6}\.", r"[IVX]{1,6}\."])
    assert tail is not None
    assert [bool(tail.search(t, max(0, len(t) - 2))) for t in ("1.2.", "IV.", "mot.", ".")] == [
        True,
        True,
        False,
        False,
    ]


@pytest.mark.parametrize("pattern", [r"x*", r"(?:a|b?)", r"(?i:a)", r"[^a]", r"(a)\1"])
def test_no_tail_test_where_nothing_is_pinned(pattern: str) -> None:
    assert tail_filter([pattern]) is None


def test_every_shipped_french_rule_checked_backwards_has_a_tail_test() -> None:
    """Each no-break rule of the shipped French rules pins its last character, so none is
    searched over its whole window at a proposed break before a two-character test."""
    befores = [
        before
        for run in segmenter_for("fr").runs
        if run.anchored
        for _, group in run.anchored.groups
        for before in group
    ]
    assert len(befores) > 10
    assert all(before.tail is not None for before in befores)


def test_translated_property_classes_are_tested_too() -> None:
    pattern = translate_regex(r"(?<![\p{L}\p{N}])\p{Lu}{1,2}\.")
    tail = tail_filter([pattern])
    assert tail is not None
    assert tail.search("Art. É.", 5) and not tail.search("Art. 1.", 5)
