"""The article's web page reads as a published news page: styled for its script, figures with
captions and credits, the origin line, a language switcher from the page's own alternates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from article_site import LANGUAGES, build_site
from passerelle.formats.article import caption_parts, to_html
from passerelle.formats.base import FormatOptions
from passerelle.formats.html import FORMAT as HTML
from passerelle.formats.text import FORMAT as TEXT
from passerelle.formats.text import walk
from passerelle.units import Block, Piece


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("site"))


def page(site: Path, lang: str) -> str:
    return (site / lang / "iblac-west-bund.html").read_text(encoding="utf-8")


def test_the_page_carries_a_stylesheet_for_every_script(article_text: str) -> None:
    html = to_html(article_text)
    style = html.split("<style>")[1].split("</style>")[0]
    assert "max-width:40rem" in style  # a readable measure
    for selector in (":lang(zh)", ":lang(ja)", ":lang(ar)", "p:lang(zh),p:lang(ja)"):
        assert selector in style
    assert "Noto Naskh Arabic" in style and "Noto Serif CJK SC" in style


def test_figures_captions_credits_and_origin(site: Path) -> None:
    zh = page(site, "zh_CN")
    figures = re.findall(r"<figure>.*?</figure>", zh, re.DOTALL)
    assert [re.search(r'src="([^"]+)"', f)[1] for f in figures] == [  # type: ignore[index]
        "fig1.jpg",
        "fig2+题图.jpg",
        "fig3.png",
    ]
    for figure in figures:
        caption = figure.split("<figcaption>")[1]
        assert '<p class="credit">[图片/上海国际服务]</p>' in caption
        alt = re.search(r'alt="([^"]*)"', figure)[1]  # type: ignore[index]
        assert alt and alt in caption  # described by its caption, translated with it
    assert '<p class="origin" translate="no"><a href="https://french.shanghai.gov.cn">' in zh


def test_arabic_page_is_right_to_left_and_every_page_has_the_switcher(site: Path) -> None:
    assert re.search(r'<html lang="ar" dir="rtl">', page(site, "ar"))
    for lang in LANGUAGES:
        text = page(site, lang)
        nav = text.split('data-passerelle="languages"')[1].split("</nav>")[0]
        head = text.split("</head>")[0]
        hreflangs = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', head)
        assert re.findall(r'hreflang="([^"]+)"', nav) == hreflangs  # the same alternates
        assert len(hreflangs) == len(LANGUAGES)
        current = re.findall(r'<a href="([^"]+)"[^>]*aria-current="page"', nav)
        assert current == [f"../{lang}/iblac-west-bund.html"]
    assert '<a href="../ar/iblac-west-bund.html" hreflang="ar" lang="ar" dir="rtl"' in nav


def test_a_caption_credit_is_split_off() -> None:
    assert caption_parts("Une légende. [Photo/X Y]") == ("Une légende.", "[Photo/X Y]")
    assert caption_parts("Sans crédit.") == ("Sans crédit.", "")


def test_alternative_text_is_a_translatable_unit_of_both_outputs() -> None:
    text = "Un titre\n\nfig1.jpg | Un dessin du quai\nUne légende.\n\nTexte.\n"
    options = FormatOptions()
    blocks = TEXT.read_blocks(text, "a.txt", options)
    assert [(b.text, b.comment) for b in blocks][1] == (
        "Un dessin du quai",
        "alternative text of fig1.jpg",
    )
    assert "".join(part.raw for part in walk(text)) == text

    def english(block: Block) -> list[Piece]:
        return [Piece({"Un dessin du quai": "A drawing of the quay"}.get(block.text, block.text))]

    assert "fig1.jpg | A drawing of the quay\n" in TEXT.write(text, "a.txt", english, "en", options)
    built = HTML.write(to_html(text), "a.html", english, "en", options)
    assert '<img src="fig1.jpg" alt="A drawing of the quay">' in built
