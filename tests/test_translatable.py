"""Which texts make a unit: the same answer for formats (blocks) and extraction (units)."""

from __future__ import annotations

import pytest

from passerelle.formats import Format
from passerelle.formats.base import FormatOptions
from passerelle.formats.html import FORMAT as HTML
from passerelle.formats.xml import FORMAT as XML
from passerelle.steps.extract import Segmentation, document_units
from passerelle.units import translatable

NUMBERS_ONLY = ["½", "²", "Ⅻ", "½ ²", "Ⅻ.", "<b1>Ⅻ</b1>", "12 %", "<br1/>"]
WORDS = ["x²", "½ tasse", "Ⅻe siècle", "<b1>Un</b1>", "l'IA"]


@pytest.mark.parametrize("text", NUMBERS_ONLY)
def test_numbers_and_marks_alone_are_not_translatable(text: str) -> None:
    assert not translatable(text)


@pytest.mark.parametrize("text", WORDS)
def test_a_letter_makes_a_text_translatable(text: str) -> None:
    assert translatable(text)


@pytest.mark.parametrize(
    ("fmt", "page", "name"),
    [
        (
            HTML,
            '<html lang="fr"><body><p>Un.</p><p>{}</p><p title="{}">x</p></body></html>',
            "a.html",
        ),
        (XML, "<doc><p>Un.</p><p>{}</p><p>x<i>{}</i></p></doc>", "d.xml"),
    ],
)
def test_formats_find_a_block_exactly_where_extraction_keeps_a_unit(
    fmt: Format, page: str, name: str
) -> None:
    options = FormatOptions(source_lang="fr")
    for text in ["½", "²", "Ⅻ", "½ tasse"]:
        source = page.format(text, text)
        blocks = {b.text for b in fmt.read_blocks(source, name, options)}
        units = document_units(fmt, source, name, options, Segmentation(mode="paragraph"))
        assert blocks == {u.msgid for u in units}, text
