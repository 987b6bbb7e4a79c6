"""The segmenter reads a text without its placeholders, found without building tokens."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from passerelle.segment.sentences import split_sentences
from passerelle.units import placeholder_tokens, without_tokens

PIECES = [
    "<a1>",
    "</a1>",
    "<b2/>",
    "</c3/>",
    "<",
    ">",
    "/",
    "a",
    "1",
    " ",
    "<a",
    "1>",
    "</",
    ". ",
    "A",
]


def _between_tokens(text: str) -> str:
    """The text placeholder_tokens leaves between its tokens."""
    parts, previous = [], 0
    for token in placeholder_tokens(text):
        parts.append(text[previous : token.start])
        previous = token.end
    return "".join(parts) + text[previous:]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_token_pattern_removes_exactly_the_placeholder_tokens(text: str) -> None:
    assert without_tokens(text) == _between_tokens(text)


def test_a_malformed_closing_empty_placeholder_stays_text() -> None:
    assert without_tokens("a </x1/> b <x2/>") == "a </x1/> b "


def test_texts_with_placeholders_split_as_before() -> None:
    assert split_sentences("Voir <a1>la page</a1>.") == ["Voir <a1>la page</a1>."]
    assert split_sentences("Fin.</a1> Début <b2/>. Suite.") == [
        "Fin.</a1> ",
        "Début <b2/>. ",
        "Suite.",
    ]
    assert split_sentences("fin. <a1>Début</a1> ici.") == ["fin. ", "<a1>Début</a1> ici."]
