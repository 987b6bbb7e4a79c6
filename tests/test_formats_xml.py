"""The xml format: any vocabulary, undefined entities kept, malformed input reported."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from helpers import run_cli
from passerelle.errors import SourceError
from passerelle.formats.base import FormatOptions
from passerelle.formats.xml import FORMAT
from passerelle.steps.build import make_translate
from passerelle.steps.extract import Segmentation
from passerelle.units import Block

OPTIONS = FormatOptions(source_lang="fr")
PARAGRAPHS = Segmentation(mode="paragraph")

MANUAL = """<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE manual SYSTEM "../style/manual.dtd">
<?xml-stylesheet type="text/xsl" href="style.xsl"?>
<!-- Traduction : quelqu'un -->
<manual>
<name>mod_exemple</name>
<summary>
    <p>Ce module fournit la directive <directive module="core">Alias</directive> et
    quelques <em>autres</em> choses pour les caf&eacute;s.</p>
    <p>Voir <code>/foo</code> et <var>chemin</var>.</p>
    <example><![CDATA[if (a < b) return;]]></example>
</summary>
<seealso><module>mod_rewrite</module></seealso>
</manual>
"""


def blocks(doc: str = MANUAL) -> list[Block]:
    return FORMAT.read_blocks(doc, "manual.xml", OPTIONS)


def build(doc: str, table: Mapping[tuple[str | None, str], str], lang: str) -> str:
    return FORMAT.write(doc, "manual.xml", make_translate(table, PARAGRAPHS), lang, OPTIONS)


def test_mixed_content_elements_are_inline() -> None:
    texts = [b.text for b in blocks()]
    assert (
        "Ce module fournit la directive <directive1>Alias</directive1> et quelques "
        "<em2>autres</em2> choses pour les cafés." in texts
    )
    assert "Voir <code1/> et <var2>chemin</var2>." in texts
    assert "mod_rewrite" in texts  # a lone inline element is its own block
    assert "mod_exemple" in texts


def test_cdata_is_text() -> None:
    assert "if (a < b) return;" in [b.text for b in blocks()]


def test_undefined_entities_survive_an_identity_build() -> None:
    identity = {(None, b.text): b.text for b in blocks()}
    assert build(MANUAL, identity, "fr") == MANUAL
    assert build(MANUAL, identity, "en").replace('<manual xml:lang="en">', "<manual>") == MANUAL


def test_translation_rebuilds_tags_and_escapes_text() -> None:
    source = "Voir <code1/> et <var2>chemin</var2>."
    out = build(MANUAL, {(None, source): "See <var2>path</var2> & <code1/>."}, "en")
    assert "<p>See <var>path</var> &amp; <code>/foo</code>.</p>" in out
    assert '<manual xml:lang="en">' in out


def test_fallback_marks_xml_lang() -> None:
    out = build(MANUAL, {}, "de")
    assert '<name xml:lang="fr">mod_exemple</name>' in out
    assert "caf&eacute;s" in out


def test_document_without_doctype_keeps_html_entities() -> None:
    doc = "<doc><p>&Eacute;t&eacute; &amp; hiver&#160;!</p></doc>"
    (block,) = blocks(doc)
    assert block.text == "Été & hiver\xa0!"
    assert build(doc, {(None, block.text): block.text}, "fr") == doc


def test_internal_entities_become_text_or_placeholders() -> None:
    doc = (
        '<!DOCTYPE d [<!ENTITY nom "Passerelle"> <!ENTITY bloc "<b>x</b>">]>'
        "<d><p>Bienvenue dans &nom; avec &bloc; et &inconnu;.</p></d>"
    )
    (block,) = blocks(doc)
    assert block.text == "Bienvenue dans Passerelle avec <bloc1/> et <inconnu2/>."
    out = build(
        doc, {(None, block.text): "Welcome to Passerelle with <bloc1/> and <inconnu2/>."}, "en"
    )
    assert "<p>Welcome to Passerelle with &bloc; and &inconnu;.</p>" in out


def test_xml_space_preserve_keeps_whitespace() -> None:
    doc = '<d><p xml:space="preserve">a  b\n  c</p><p>a  b\n  c</p></d>'
    found = blocks(doc)
    assert [b.text for b in found] == ["a  b\n  c", "a b c"]
    assert not found[0].segment


def test_xhtml_follows_html_vocabulary() -> None:
    doc = (
        '<html xmlns="http://www.w3.org/1999/xhtml" lang="fr" xml:lang="fr"><body>'
        '<p>Un <a href="x">lien</a> <img src="i" alt="Image"/></p>'
        '<p translate="no">Non</p><p>Deux. Trois.</p></body></html>'
    )
    texts = [b.text for b in blocks(doc)]
    assert texts == ["Un <a1>lien</a1> <img2/>", "Image", "Deux. Trois."]
    out = FORMAT.write(doc, "x.xhtml", lambda b: [], "ar", OPTIONS)
    assert '<html xmlns="http://www.w3.org/1999/xhtml" lang="ar" xml:lang="ar" dir="rtl">' in out


@pytest.mark.parametrize(
    ("doc", "line", "column"),
    [
        ("<a>\n  <b></a>", 2, 9),
        ("<a>\n<b x='1' x='2'/></a>", 2, 13),
        ("<a>text", 1, 8),
        ("<a>&bad</a>", 1, 8),
    ],
)
def test_malformed_xml_names_line_and_column(doc: str, line: int, column: int) -> None:
    with pytest.raises(SourceError) as caught:
        blocks(doc)
    error = caught.value
    assert (error.path, error.line) == ("manual.xml", line)
    assert error.column is not None and abs(error.column - column) <= 2
    assert "\n" not in str(error) and "malformed XML" in str(error)


def test_deep_nesting_is_reported_as_such_with_its_line() -> None:
    doc = "<doc>\n" + "<a>\n" * 300 + "Texte" + "</a>" * 300 + "</doc>\n"
    with pytest.raises(SourceError) as caught:
        blocks(doc)
    error = caught.value
    assert error.line == 257 and error.message == "elements nested too deep: more than 256 levels"
    assert error.hint is not None and "at most 256 levels" in error.hint
    assert "XML_PARSE_HUGE" not in str(error)


@pytest.mark.parametrize("mode", ["file", "project"])
def test_deep_file_stops_extract_with_one_line(tmp_path: Path, mode: str) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "deep.xml").write_text(
        "<a>" * 100_000 + "</a>" * 100_000, encoding="utf-8"
    )
    (tmp_path / "passerelle.toml").write_text('languages = ["en"]\n', encoding="utf-8")
    args = ("extract", "source/deep.xml") if mode == "file" else ("extract",)
    result = run_cli(tmp_path, *args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "passerelle: error: source/deep.xml:1:771: elements nested too deep: more than 256"
        " levels (flatten the document to at most 256 levels of nested elements)\n"
    )
