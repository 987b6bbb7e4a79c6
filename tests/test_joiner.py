"""Sentences joined as each target language writes them, in text and HTML builds."""

from __future__ import annotations

import pytest

from passerelle.formats import FormatOptions
from passerelle.formats.html import FORMAT as HTML
from passerelle.formats.text import FORMAT as TEXT
from passerelle.steps.build import make_translate
from passerelle.steps.extract import Segmentation
from passerelle.steps.joiner import ends_wide, sentence_gap

OPTIONS = FormatOptions()
SENTENCES = Segmentation()
ARTICLE = "Titre\n\n« Un. » « Deux. »\n"
FIRST, SECOND = "« Un. »", "« Deux. »"

#: lang: (first sentence, second sentence, the paragraph as the build must join them)
JOINED = {
    "en": ("“One.”", "“Two.”", "“One.” “Two.”"),
    "zh_CN": ("“一。”", "“二。”", "“一。”“二。”"),
    "ja": ("「一。」", "「二。」", "「一。」「二。」"),
    "de": ("„Eins.“", "„Zwei.“", "„Eins.“ „Zwei.“"),
    "es": ("«Uno».", "«Dos».", "«Uno». «Dos»."),
    "ar": ("«واحد».", "«اثنان».", "«واحد». «اثنان»."),
    "qps": ("[« Ûñ. »]", "[« Đéûx. »]", "[« Ûñ. »] [« Đéûx. »]"),
}


@pytest.mark.parametrize("lang", sorted(JOINED))
def test_text_build_joins_sentences_as_the_language_writes(lang: str) -> None:
    first, second, joined = JOINED[lang]
    table = {(None, FIRST): first, (None, SECOND): second}
    out = TEXT.write(ARTICLE, "a.txt", make_translate(table, SENTENCES, lang), lang, OPTIONS)
    assert out == f"Titre\n\n{joined}\n"


@pytest.mark.parametrize("lang", sorted(JOINED))
def test_html_build_joins_sentences_around_placeholders(lang: str) -> None:
    first, second, joined = JOINED[lang]
    page = "<p><b>« Un. »</b> <i>« Deux. »</i></p>"
    table = {(None, f"<b1>{FIRST}</b1>"): f"<b1>{first}</b1>"}
    table[(None, f"<i2>{SECOND}</i2>")] = f"<i2>{second}</i2>"
    out = HTML.write(page, "p.html", make_translate(table, SENTENCES, lang), lang, OPTIONS)
    gap = joined[len(first) : len(joined) - len(second)]
    assert f"<p><b>{first}</b>{gap}<i>{second}</i></p>" in out


def test_space_next_to_source_text_stays_in_chinese() -> None:
    table = {(None, FIRST): "“一。”"}
    out = TEXT.write(ARTICLE, "a.txt", make_translate(table, SENTENCES, "zh_CN"), "zh_CN", OPTIONS)
    assert out == "Titre\n\n“一。” « Deux. »\n"


def test_sentence_gap_keeps_the_source_space_unless_the_language_runs_together() -> None:
    assert sentence_gap("ja", "「一。」", " ") == ""
    assert sentence_gap("zh_CN", "他说：OK.", " ") == " "  # a Latin full stop keeps its space
    assert sentence_gap("zh_CN", "一。", "\n") == ""
    for lang in ("en", "de", "es", "ar", "qps"):
        assert sentence_gap(lang, "«Uno».", " ") == " "
        assert sentence_gap(lang, "一。", " ") == " "


def test_ends_wide_looks_past_closing_quotes_and_placeholders() -> None:
    assert ends_wide("“一。”")
    assert ends_wide("<b1>一。</b1> ")
    assert ends_wide("这是「一」")
    assert not ends_wide("“OK.”")
    assert not ends_wide("<br1/>")
    assert not ends_wide("")


def test_arabic_page_isolates_french_fallback() -> None:
    table = {(None, FIRST): "«واحد».", (None, "« Trois. »"): "«ثلاثة»."}
    translate = make_translate(table, SENTENCES, "ar")
    source = "<html lang=fr><p>« Un. » « Deux. » « Trois. »</p></html>"
    page = HTML.write(source, "p.html", translate, "ar", OPTIONS)
    assert '<html lang="ar" dir="rtl">' in page
    # the spaces between sentences stay outside the isolated French
    assert '<p>«واحد». <span lang="fr" dir="ltr">« Deux. »</span> «ثلاثة».</p>' in page
    text = TEXT.write(ARTICLE, "a.txt", translate, "ar", OPTIONS)
    assert text == "Titre\n\n«واحد». \u2066« Deux. »\u2069\n"


def test_left_to_right_targets_get_no_isolates() -> None:
    table = {(None, FIRST): "“One.”"}
    text = TEXT.write(ARTICLE, "a.txt", make_translate(table, SENTENCES, "en"), "en", OPTIONS)
    assert text == "Titre\n\n“One.” « Deux. »\n"
