"""Placeholder protection, restoration and verification; whitespace and numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from passerelle.steps.checks.base import Pair
from passerelle.steps.checks.numbers import check_numbers
from passerelle.steps.drafts.protect import (
    BrokenDraft,
    draft_problem,
    number_problem,
    protect,
    protected_spans,
    restore,
    restore_whitespace,
    split_whitespace,
)
from passerelle.urls import links

SOURCE = "Voir <a1>le site</a1> de %(name)s et {count} pages : https://example.org/x.<br2/> [X1X]"


def test_token_wire_hides_every_protected_span() -> None:
    sent = protect(SOURCE, "token")
    assert sent.text == "Voir [X1X]le site[X2X] de [X3X] et [X4X] pages : [X5X].[X6X] [X7X]"
    assert restore(sent, sent.text) == SOURCE


def test_xml_wire_keeps_markup_elements_and_escapes_text() -> None:
    sent = protect("A & B <a1>C</a1> %s", "xml")
    assert sent.text == 'A &amp; B <a1>C</a1> <x i="1"/>'
    assert restore(sent, '[de] A &amp; B <a1>C</a1> <x i="1" />') == "[de] A & B <a1>C</a1> %s"


def test_reordered_tokens_are_fine_lost_or_invented_ones_are_not() -> None:
    sent = protect("Voir <a1>le site</a1>, %s.", "token")
    assert restore(sent, "[X3X] : [X1X]site[X2X]") == "%s : <a1>site</a1>"
    with pytest.raises(BrokenDraft, match="lost %s"):
        restore(sent, "Voir [X1X]le site[X2X].")
    with pytest.raises(BrokenDraft, match="invented"):
        restore(sent, "[X1X][X1X]x[X2X] [X3X] [X9X]")


def test_draft_problem_checks_markup_formats_and_urls() -> None:
    assert draft_problem(SOURCE, SOURCE.upper().replace("<A1>", "<a1>")) is not None
    assert draft_problem("<a1>x</a1>", "</a1>x<a1>") is not None
    assert draft_problem("%s de %d", "%d of %s") is None
    assert "lost https://a.org/b" in str(draft_problem("voir https://a.org/b", "see https://a.org"))


def test_whitespace_is_restored_from_the_source() -> None:
    assert split_whitespace("  \n texte \n") == ("  \n ", "texte", " \n")
    assert restore_whitespace("\n  Bonjour  ", "Hello") == "\n  Hello  "
    assert restore_whitespace("Bonjour", "  Hello\n") == "Hello"


def test_numbers_are_compared_across_scripts_and_separators() -> None:
    source = "Le 11 octobre 2025, 1 000 euros"
    assert number_problem(source, "October 11, 2025: 1,000 euros", "fr", "en") is None
    assert number_problem("35 chefs", "٣٥ رئيسا", "fr", "ar") is None
    assert number_problem("35 chefs", "53 heads", "fr", "en") == (
        "numbers differ: missing 35; added 53"
    )
    assert number_problem("<a1>x</a1> 12", "<a1>x</a1>", "fr", "en") == (
        "numbers differ: missing 12"
    )


#: (source, translation, target language, whether the numbers agree); the draft's note used to
#: read digit runs alone, and gave the other verdict on each of these.
DISAGREED = [
    ("14 milliards d'euros", "14 million euros", "en", False),
    ("1 000 000 d'habitants", "1 million inhabitants", "en", True),
    ("14 milliards d'euros", "140亿欧元", "zh_CN", True),
    ("0,5 % des voix", ".5% of the votes", "en", True),
    ("2 ans", "two years", "en", True),
    ("XIIe siècle", "12th century", "en", True),
    ("deux ans", "2 years", "en", True),
]


@pytest.mark.parametrize(("source", "translation", "lang", "agree"), DISAGREED)
def test_a_draft_is_noted_exactly_when_the_number_check_would_fail(
    source: str, translation: str, lang: str, agree: bool
) -> None:
    note = number_problem(source, translation, "fr", lang)
    findings = check_numbers(Pair(source=source, translation=translation, lang=lang))
    assert (note is None, findings == []) == (agree, agree)


TEXT = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8),
        st.sampled_from(["<a1>", "</a1>", "<br2/>", "%s", "{n}", "[X1X]", "\n", "&", "<"]),
    ),
    max_size=12,
).map("".join)


@given(TEXT)
def test_protect_then_restore_is_identity(text: str) -> None:
    for wire in ("token", "xml", "raw"):
        sent = protect(text, wire)
        assert restore(sent, sent.text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Voir https://a.org/b.",
        "参见https://a.org/b。详情",
        "Écrivez à contact@example.org ou visitez www.example.org, merci.",
        "Le site french.shanghai.gov.cn (officiel) et <a1>http://x.fr/a?b=1</a1>.",
    ],
)
def test_the_links_a_draft_keeps_are_the_links_the_checks_see(text: str) -> None:
    """One notion of a link: what protection hides from an engine is what the checks require."""
    kept = [run for run, keep in protected_spans(text) if keep and not run.startswith("<")]
    assert sorted(kept) == sorted(links(text))


def test_a_draft_that_changes_an_e_mail_address_is_refused() -> None:
    source = "Écrivez à contact@example.org."
    assert "lost contact@example.org" in str(draft_problem(source, "Write to info@example.org."))
