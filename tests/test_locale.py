"""Language codes: every spelling of a code gives the same base language, tag and direction."""

from __future__ import annotations

import pytest

from passerelle.locale import base_language, bcp47, same_language, text_direction
from passerelle.steps.checks.base import Pair
from passerelle.steps.checks.numbers import check_numbers


@pytest.mark.parametrize(
    ("code", "base"),
    [("zh_CN", "zh"), ("zh-CN", "zh"), ("ZH_cn", "zh"), ("zh-Hant-TW", "zh"), ("sr@latin", "sr")],
)
def test_base_language_of_every_spelling(code: str, base: str) -> None:
    assert base_language(code) == base


def test_same_language_reads_both_spellings_on_both_sides() -> None:
    assert same_language("fr-CA", "fr_FR") and same_language("fr_FR", "fr-CA")
    assert not same_language("fr", "en-GB") and not same_language(None, "fr")


def test_tag_and_direction() -> None:
    assert bcp47("zh_CN") == "zh-CN"
    assert (text_direction("ar"), text_direction("he_IL"), text_direction("qps")) == (
        "rtl",
        "rtl",
        "ltr",
    )


def test_a_modifier_does_not_hide_the_language_from_checks_and_engines() -> None:
    """``en@quot`` is English: "billion" is 10^9 there, as in ``en``."""
    pair = Pair(source="14 milliards", translation="14 billion", lang="en@quot")
    assert check_numbers(pair) == []
