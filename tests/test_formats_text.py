"""The article layout: title, origin, figures with captions, paragraphs."""

from __future__ import annotations

from passerelle.formats import FormatOptions, format_for_path
from passerelle.formats.article import to_html
from passerelle.formats.text import FORMAT, walk
from passerelle.steps.build import make_translate
from passerelle.steps.extract import Segmentation
from passerelle.units import Block, Piece

OPTIONS = FormatOptions()
SMALL = """Un titre

exemple.org
photo.jpg
Une légende. [Photo/X]

Premier paragraphe.
Suite du même paragraphe.

fig+图.png
Deuxième légende.

Dernier paragraphe."""


def test_walk_is_lossless(article_text: str) -> None:
    assert "".join(part.raw for part in walk(article_text)) == article_text
    assert "".join(part.raw for part in walk(SMALL)) == SMALL


def test_article_roles(article_text: str) -> None:
    roles = [part.role for part in walk(article_text) if part.role]
    assert roles[:4] == ["title", "origin", "image", "caption"]
    assert roles.count("image") == 3
    assert roles.count("caption") == 3
    assert roles.count("paragraph") == 18


def test_blocks_skip_origin_and_image_names() -> None:
    blocks = FORMAT.read_blocks(SMALL, "small.txt", OPTIONS)
    texts = [b.text for b in blocks]
    assert texts == [
        "Un titre",
        "Une légende. [Photo/X]",
        "Premier paragraphe. Suite du même paragraphe.",
        "Deuxième légende.",
        "Dernier paragraphe.",
    ]
    assert [b.comment for b in blocks] == [
        "title",
        "caption of photo.jpg",
        "paragraph",
        "caption of fig+图.png",
        "paragraph",
    ]
    assert [b.line for b in blocks] == [1, 5, 7, 11, 13]


def test_generic_plain_text_without_title() -> None:
    text = "Une ligne\nqui continue.\n\nEt une autre.\n"
    blocks = FORMAT.read_blocks(text, "plain.txt", OPTIONS)
    assert [b.text for b in blocks] == ["Une ligne qui continue.", "Et une autre."]
    assert all(b.comment == "paragraph" for b in blocks)


def test_identity_write_reproduces_source(article_text: str) -> None:
    def identity(block: Block) -> list[Piece]:
        return [Piece(block.text)]

    assert FORMAT.write(article_text, "a.txt", identity, "fr", OPTIONS) == article_text
    assert FORMAT.write(SMALL, "a.txt", identity, "fr", OPTIONS) == SMALL


def test_translated_write_replaces_blocks_only() -> None:
    lookup = {(None, "Un titre"): "A title", (None, "Dernier paragraphe."): "Last paragraph."}
    translate = make_translate(lookup, Segmentation("paragraph"))
    out = FORMAT.write(SMALL, "a.txt", translate, "en", OPTIONS)
    assert out.startswith("A title\n\nexemple.org\nphoto.jpg\n")
    assert out.endswith("\n\nLast paragraph.")
    assert "Premier paragraphe.\nSuite du même paragraphe." in out


def test_format_is_chosen_by_extension() -> None:
    assert format_for_path("news/article.txt").name == "text"


def test_article_page_is_french_html(article_text: str) -> None:
    page = to_html(article_text)
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert page.count("<figure>") == 3
    assert '<img src="fig2+题图.jpg" alt="Le 11 octobre 2025, les chefs' in page
    assert '<p class="origin" translate="no"><a href="https://french.shanghai.gov.cn">' in page
    assert "<figcaption>\n<p>Le 11 octobre 2025, une délégation" in page
