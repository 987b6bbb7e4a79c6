"""ITS 2.0 global rules (inline and from files) and local markup, in XML and HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from passerelle.errors import SourceError
from passerelle.formats.base import FormatOptions
from passerelle.formats.html import FORMAT as HTML
from passerelle.formats.xml import FORMAT as XML
from passerelle.units import Block, Piece

ITS = 'xmlns:its="http://www.w3.org/2005/11/its"'


def xml_blocks(doc: str, *rules: Path) -> list[Block]:
    return XML.read_blocks(doc, "doc.xml", FormatOptions(its_rules=rules))


def texts(found: list[Block]) -> list[str]:
    return [b.text for b in found]


def test_translate_rule_and_local_override() -> None:
    doc = f"""<doc {ITS}>
<its:rules version="2.0"><its:translateRule selector="//sku" translate="no"/></its:rules>
<p>Article</p><sku>AB-12 rouge</sku><sku its:translate="yes">Bleu</sku>
<p its:translate="no">Interne</p>
</doc>"""
    assert texts(xml_blocks(doc)) == ["Article", "Bleu"]


def test_translate_rule_selects_attributes() -> None:
    doc = f"""<doc {ITS}>
<its:rules version="2.0">
  <its:translateRule selector="//img/@label" translate="yes"/>
</its:rules>
<img label="Une image" src="a.png"/><p>Texte</p></doc>"""
    found = xml_blocks(doc)
    assert [(b.text, b.comment) for b in found] == [("Une image", "img@label"), ("Texte", "p")]
    out = XML.write(doc, "d.xml", lambda b: [Piece(b.text.upper())], "en", FormatOptions())
    assert '<img label="UNE IMAGE" src="a.png"/>' in out


def test_within_text_rule_makes_elements_inline_or_nested() -> None:
    doc = f"""<doc {ITS}>
<its:rules version="2.0">
  <its:withinTextRule selector="//term" withinText="yes"/>
  <its:withinTextRule selector="//fn" withinText="nested"/>
</its:rules>
<p><term>Passerelle</term></p>
<p>Voir <term>ceci</term><fn>Une note.</fn> ici.</p>
</doc>"""
    assert texts(xml_blocks(doc)) == [
        "Passerelle",
        "Voir <term1>ceci</term1><fn2/> ici.",
        "Une note.",
    ]
    out = XML.write(
        doc, "d.xml", lambda b: [Piece(b.text.replace("ici", "here"))], "fr", FormatOptions()
    )
    assert "<p>Voir <term>ceci</term><fn>Une note.</fn> here.</p>" in out


def test_loc_note_rule_and_local_note_become_comments() -> None:
    doc = f"""<doc {ITS}>
<its:rules version="2.0">
  <its:locNoteRule selector="//title" locNoteType="description">
    <its:locNote>Short: at most 30 characters</its:locNote>
  </its:locNoteRule>
  <its:locNoteRule selector="//label" locNotePointer="../@hint"/>
</its:rules>
<title>Bienvenue</title>
<field hint="Un bouton"><label>Envoyer</label></field>
<p its:locNote="Ton familier">Salut</p>
</doc>"""
    notes = {b.text: b.notes for b in xml_blocks(doc)}
    assert notes == {
        "Bienvenue": ("Short: at most 30 characters",),
        "Envoyer": ("Un bouton",),
        "Salut": ("Ton familier",),
    }


def test_preserve_space_rule() -> None:
    doc = f"""<doc {ITS}><its:rules version="2.0">
<its:preserveSpaceRule selector="//verbatim" space="preserve"/></its:rules>
<verbatim>a   b
  c</verbatim><p>a   b</p></doc>"""
    found = xml_blocks(doc)
    assert texts(found) == ["a   b\n  c", "a b"]


def test_lang_rule_names_the_language_attribute() -> None:
    doc = f"""<doc {ITS} lang="fr"><its:rules version="2.0">
<its:langRule selector="//*" langPointer="@lang"/></its:rules>
<p>Bonjour</p><p lang="fr">Salut</p></doc>"""
    out = XML.write(doc, "d.xml", lambda b: [Piece(b.text, fallback=True)], "en", FormatOptions())
    assert f'<doc {ITS} lang="en">' in out
    assert '<p lang="fr">Bonjour</p><p lang="fr">Salut</p>' in out


def test_rules_file_and_params(tmp_path: Path) -> None:
    rules = tmp_path / "rules.its"
    rules.write_text(
        f"""<its:rules {ITS} version="2.0">
  <its:param name="kind">internal</its:param>
  <its:translateRule selector="//p[@class=$kind]" translate="no"/>
</its:rules>""",
        encoding="utf-8",
    )
    doc = '<doc><p class="internal">Secret</p><p class="public">Public</p></doc>'
    assert texts(xml_blocks(doc, rules)) == ["Public"]
    assert texts(xml_blocks(doc)) == ["Secret", "Public"]


def test_rules_apply_to_html_too(tmp_path: Path) -> None:
    page = """<html lang="fr"><head>
<script type="application/its+xml"><its:rules xmlns:its="http://www.w3.org/2005/11/its"
  xmlns:h="http://www.w3.org/1999/xhtml" version="2.0">
  <its:translateRule selector="//h:span[@class='brand']" translate="no"/>
  <its:locNoteRule selector="//h:h1"><its:locNote>Page title</its:locNote></its:locNoteRule>
</its:rules></script></head>
<body><h1>Accueil</h1><p>Bienvenue chez <span class="brand">Acme</span>.</p>
<p its-loc-note="Slogan">Toujours plus</p></body></html>"""
    found = HTML.read_blocks(page, "p.html", FormatOptions())
    assert [(b.text, b.notes) for b in found] == [
        ("Accueil", ("Page title",)),
        ("Bienvenue chez <span1/>.", ()),
        ("Toujours plus", ("Slogan",)),
    ]


def test_bad_selector_is_a_source_error(tmp_path: Path) -> None:
    rules = tmp_path / "bad.its"
    rules.write_text(
        f'<its:rules {ITS} version="2.0">\n<its:translateRule selector="//[" translate="no"/>'
        "</its:rules>",
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as caught:
        xml_blocks("<doc><p>x</p></doc>", rules)
    assert caught.value.path == str(rules) and caught.value.line == 2


def test_malformed_rules_file(tmp_path: Path) -> None:
    rules = tmp_path / "broken.its"
    rules.write_text("<its:rules", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        xml_blocks("<doc><p>x</p></doc>", rules)
    assert caught.value.path == str(rules)
