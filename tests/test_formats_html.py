"""The html format: blocks, placeholders, attributes, fallback marks, reassembly."""

from __future__ import annotations

from collections.abc import Mapping

from passerelle.formats.article import to_html
from passerelle.formats.base import FormatOptions
from passerelle.formats.html import FORMAT
from passerelle.formats.text import FORMAT as TEXT
from passerelle.steps.build import make_translate
from passerelle.steps.extract import Segmentation, document_units
from passerelle.units import Block, Piece

OPTIONS = FormatOptions(source_lang="fr")
PARAGRAPHS = Segmentation(mode="paragraph")

PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Mon &eacute;t&eacute;</title>
<meta name="description" content="Une page d&#x27;essai">
<meta property="og:title" content="Titre social">
<meta property="og:url" content="https://example.org/">
<style>p { color: red; }</style>
</head>
<body>
<!-- un commentaire -->
<h1>Titre <em>important</em></h1>
<p>Voir <a href="x.html" title="Lien vers x">la page</a> et <code>foo()</code><br>ceci.</p>
<p>L&#x27;IA&nbsp;: <img src=a.png alt=Image></p>
<p class="origin" translate="no">example.org</p>
<pre>  ligne un
    ligne deux</pre>
<script>var s = "<p>pas du texte</p>";</script>
<input type="submit" value="Envoyer" placeholder="Votre nom">
</body>
</html>
"""


def blocks(page: str = PAGE) -> list[Block]:
    return FORMAT.read_blocks(page, "page.html", OPTIONS)


def build(page: str, table: Mapping[tuple[str | None, str], str], lang: str) -> str:
    return FORMAT.write(page, "page.html", make_translate(table, PARAGRAPHS), lang, OPTIONS)


def test_blocks_carry_placeholders_and_decoded_text() -> None:
    texts = [b.text for b in blocks()]
    assert "Titre <em1>important</em1>" in texts
    assert "Voir <a1>la page</a1> et <code2/><br3/>ceci." in texts
    assert "L'IA\xa0: <img1/>" in texts  # references decoded, no-break space kept
    assert "Mon été" in texts


def test_attributes_are_blocks_with_comments() -> None:
    found = {b.text: b for b in blocks()}
    assert found["Lien vers x"].comment == "a@title"
    assert found["Image"].comment == "img@alt"
    assert found["Une page d'essai"].comment == "meta[description]@content"
    assert found["Titre social"].comment == "meta[og:title]@content"
    assert found["Envoyer"].comment == "input@value"
    assert found["Votre nom"].comment == "input@placeholder"
    assert not found["Image"].segment
    assert "https://example.org/" not in found


def test_untranslated_parts_stay_out() -> None:
    texts = " ".join(b.text for b in blocks())
    for absent in ("example.org", "pas du texte", "color", "commentaire", "foo()"):
        assert absent not in texts


def test_pre_is_one_block_keeping_whitespace() -> None:
    pre = next(b for b in blocks() if b.comment == "pre")
    assert pre.text == "ligne un\n    ligne deux"
    assert not pre.segment


def test_lines_point_at_the_block() -> None:
    found = {b.text: b.line for b in blocks()}
    assert found["Titre <em1>important</em1>"] == 13
    assert found["Image"] == 15


def test_translation_reorders_placeholders_and_keeps_tags_byte_for_byte() -> None:
    source = "Voir <a1>la page</a1> et <code2/><br3/>ceci."
    out = build(PAGE, {(None, source): "<code2/> and <a1>the page</a1><br3/>this."}, "en")
    assert '<p><code>foo()</code> and <a href="x.html" title="Lien vers x">the page</a>' in out
    assert "<br>this.</p>" in out


def test_translated_attribute_keeps_quoting() -> None:
    out = build(PAGE, {(None, "Image"): 'A "picture"', (None, "Lien vers x"): "Link"}, "en")
    assert '<img src=a.png alt="A &quot;picture&quot;">' in out
    assert 'title="Link"' in out


def test_root_gets_target_language_and_direction() -> None:
    assert '<html lang="en">' in build(PAGE, {}, "en")
    arabic = build(PAGE, {}, "ar")
    assert '<html lang="ar" dir="rtl">' in arabic
    assert '<h1 lang="fr" dir="ltr">' in arabic
    assert '<html lang="zh-CN">' in build(PAGE, {}, "zh_CN")


def test_fallback_marks_the_element_or_a_span() -> None:
    page = "<html lang=fr><body><p>Un. Deux.</p><div>Libre<p>x y</p></div></body></html>"
    table = {(None, "Un."): "One."}
    sentences = FORMAT.write(page, "p.html", make_translate(table, Segmentation()), "en", OPTIONS)
    if "<span" in sentences:  # the segmenter split the paragraph into sentences
        assert '<p>One. <span lang="fr">Deux.</span></p>' in sentences
    out = build(page, {}, "en")
    assert '<p lang="fr">Un. Deux.</p>' in out
    assert '<div><span lang="fr">Libre</span><p lang="fr">x y</p></div>' in out


def test_partial_translation_wraps_only_the_fallback_piece() -> None:
    page = "<html lang=fr><body><p>Un. Deux.</p></body></html>"

    def translate(block: Block) -> list[Piece]:
        return [Piece("One. "), Piece("Deux.", fallback=True)]

    out = FORMAT.write(page, "p.html", translate, "en", OPTIONS)
    assert '<p>One. <span lang="fr">Deux.</span></p>' in out


def test_same_language_build_changes_nothing() -> None:
    assert build(PAGE, {}, "fr") == PAGE


def test_identity_keeps_entities_byte_for_byte() -> None:
    identity = {(None, b.text): b.text for b in blocks()}
    assert build(PAGE, identity, "en").replace('lang="en"', 'lang="fr"') == PAGE


def test_implied_end_tags_split_blocks_like_browsers() -> None:
    page = "<ul><li>un<li>deux <b>gras</ul><p>a<p>b<table><tr><td>c<td>d</table>"
    assert [b.text for b in blocks(page)] == ["un", "deux <b1>gras</b1>", "a", "b", "c", "d"]


def test_malformed_html_never_fails() -> None:
    for page in ("<p>a</b></i>b", "<p><a href='x>y", "<div><</div>", "</p>a<!--", "<b><p>x</b>y"):
        found = blocks(page)
        assert build(page, {(None, b.text): b.text for b in found}, "fr") == page


def test_options_take_the_select_name_as_context() -> None:
    page = (
        '<select name="mois"><option>Mars</option></select>'
        '<select name="planete"><option>Mars</option></select>'
    )
    assert [(b.text, b.context) for b in blocks(page)] == [
        ("Mars", "select mois"),
        ("Mars", "select planete"),
    ]


def test_literal_placeholder_text_is_not_markup() -> None:
    page = "<p>Tapez &lt;b1&gt; puis <b>ceci</b></p>"
    (block,) = blocks(page)
    assert block.text == "Tapez <b1> puis <b2>ceci</b2>"
    out = FORMAT.write(
        page, "p.html", lambda b: [Piece("Type <b1> then <b2>this</b2>")], "en", OPTIONS
    )
    assert "<p>Type &lt;b1&gt; then <b>this</b></p>" in out


def test_article_page_has_the_text_formats_units(article_text: str) -> None:
    page = to_html(article_text)
    html_units = document_units(FORMAT, page, "a.html", OPTIONS, Segmentation())
    text_units = document_units(TEXT, article_text, "a.txt", OPTIONS, Segmentation())
    assert {u.msgid for u in html_units} == {u.msgid for u in text_units}
    assert "french.shanghai.gov.cn" not in {u.msgid for u in html_units}


def test_titles_and_headings_stay_whole() -> None:
    page = "<title>Un. Deux.</title><h2>Pourquoi ? Parce que.</h2><p>Un. Deux.</p>"
    assert [b.segment for b in blocks(page)] == [False, False, True]


def test_deep_nesting_is_capped_not_fatal() -> None:
    for page in ("<div>" * 3000 + "x", "<b>" * 3000 + "texte", "<span>mot " * 2000):
        found = blocks(page)
        assert found and build(page, {(None, b.text): b.text for b in found}, "fr") == page


def test_fallback_piece_is_marked_even_when_the_rest_reads_the_same() -> None:
    page = "<html lang=fr><body><p>Paris. Une ville.</p></body></html>"

    def translate(block: Block) -> list[Piece]:
        return [Piece("Paris. "), Piece("Une ville.", fallback=True)]

    out = FORMAT.write(page, "p.html", translate, "en", OPTIONS)
    assert '<p>Paris. <span lang="fr">Une ville.</span></p>' in out
    assert FORMAT.write(page, "p.html", translate, "fr", OPTIONS) == page


def test_deep_nesting_is_read_as_browsers_read_it() -> None:
    # browsers cap nesting too: no parser limit to report, the deep text is found and translated
    page = "<div>" * 20_000 + "Texte profond" + "</div>" * 20_000
    assert [b.text for b in blocks(page)] == ["Texte profond"]
    out = build(page, {(None, "Texte profond"): "Deep text"}, "en")
    assert out == page.replace("Texte profond", "Deep text")
