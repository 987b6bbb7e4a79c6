"""ITS local markup and the rules the W3C test suite exercises: within text, its:span, notes
on inline elements and attributes, note references and types, language pointers, whitespace."""

from __future__ import annotations

import pytest

from passerelle.errors import SourceError
from passerelle.formats.base import FormatOptions
from passerelle.formats.html import FORMAT as HTML
from passerelle.formats.xml import FORMAT as XML
from passerelle.units import Block, Piece

ITS = 'xmlns:its="http://www.w3.org/2005/11/its"'
H = 'xmlns:h="http://www.w3.org/1999/xhtml"'


def xml(doc: str) -> list[Block]:
    return XML.read_blocks(doc, "d.xml", FormatOptions())


def page(body: str, rules: str = "") -> list[Block]:
    script = (
        f'<script type="application/its+xml"><its:rules {ITS} {H} version="2.0">{rules}'
        "</its:rules></script>"
        if rules
        else ""
    )
    text = f"<!DOCTYPE html><html><head>{script}</head><body>{body}</body></html>"
    return HTML.read_blocks(text, "p.html", FormatOptions())


def test_translate_no_wins_on_an_element_within_text() -> None:
    doc = f"""<doc {ITS}><its:rules version="2.0">
<its:translateRule selector="//v" translate="no"/>
<its:withinTextRule selector="//v" withinText="yes"/></its:rules>
<p>Tapez <v>rm -rf</v> pour effacer.</p></doc>"""
    assert [b.text for b in xml(doc)] == ["Tapez <v1/> pour effacer."]


def test_attributes_of_its_span_are_read_unprefixed() -> None:
    doc = f"""<doc {ITS}><p>Un <its:span translate="no">doppelgänger</its:span> et un
<its:span withinText="yes">aficionado</its:span> célèbre.</p>
<its:span withinText="no">Titre seul</its:span></doc>"""
    assert [b.text for b in xml(doc)] == [
        "Un <span1/> et un <span2>aficionado</span2> célèbre.",
        "Titre seul",
    ]


def test_html_its_attributes_compare_values_without_case() -> None:
    found = page('<p>Du texte <span its-within-text="YES">gras</span>.</p>')
    assert [b.text for b in found] == ["Du texte <span1>gras</span1>."]
    found = page('<p>Un <span its-within-text="No">mot</span> seul.</p>')
    assert [b.text for b in found] == ["Un", "mot", "seul."]


def test_a_note_on_an_inline_element_is_its_own_unit() -> None:
    found = page(
        '<p>Une <span its-loc-note="Vérifier le terme" its-loc-note-type="ALERT">carte mère'
        "</span> neuve.</p>"
    )
    assert [(b.text, b.notes) for b in found] == [
        ("Une <span1/> neuve.", ()),
        ("carte mère", ("Alert: Vérifier le terme",)),
    ]


def test_notes_on_attributes_and_note_references() -> None:
    rules = """
<its:locNoteRule selector="//h:img/@alt"><its:locNote>Sur l'image</its:locNote></its:locNoteRule>
<its:locNoteRule selector="//h:p[@id='a']" locNoteRef="notes.html#a" locNoteType="alert"/>
<its:locNoteRule selector="//h:p[@id='b']/h:span" locNoteRefPointer="../@title"/>"""
    body = (
        '<p><img src="x.png" alt="Un hippopotame"></p><p id="a">Fichier introuvable.</p>'
        '<p id="b" title="notes.html#b"><span>Paramètre invalide.</span></p>'
    )
    assert [(b.text, b.notes) for b in page(body, rules)] == [
        ("Un hippopotame", ("Sur l'image",)),
        ("Fichier introuvable.", ("Alert: see notes.html#a",)),
        ("notes.html#b", ()),  # the title attribute people read
        ("Paramètre invalide.", ("See notes.html#b",)),
    ]


def test_xml_local_note_reference_and_type() -> None:
    doc = f"""<doc {ITS}><p its:locNoteRef="n.htm#log" its:locNoteType="alert">Connexion
impossible.</p><p><its:span locNote="Garder le mot">Zut</its:span></p></doc>"""
    assert [(b.text, b.notes) for b in xml(doc)] == [
        ("Connexion impossible.", ("Alert: see n.htm#log",)),
        ("Zut", ("Garder le mot",)),
    ]


def test_lang_pointer_is_an_xpath_from_the_element() -> None:
    doc = f"""<doc {ITS}><its:rules version="2.0">
<its:langRule selector="//item/text" langPointer="../lang"/></its:rules>
<item><lang>fr-CA</lang><text>La devise.</text></item>
<item><lang>fr</lang><text>Le texte.</text></item></doc>"""
    out = XML.write(doc, "d.xml", lambda b: [Piece(b.text, fallback=True)], "de", FormatOptions())
    # the Canadian text keeps the language its rule gives; the rest is marked as source
    assert '<item><lang xml:lang="fr">fr-CA</lang><text>La devise.</text></item>' in out
    assert '<item><lang xml:lang="fr">fr</lang><text>Le texte.</text></item>' in out


@pytest.mark.parametrize("fmt", ["html", "xml"])
def test_whitespace_written_as_references_stays_around_a_translation(fmt: str) -> None:
    if fmt == "html":
        doc, form = "<html><body><pre>&#x0a;&#x0a;A  b&#10;</pre></body></html>", HTML
    else:
        doc, form = '<d><p xml:space="preserve">&#x0a;&#x0a;A  b&#10;</p></d>', XML
    assert [b.text for b in form.read_blocks(doc, "d", FormatOptions())] == ["A  b"]
    out = form.write(doc, "d", lambda b: [Piece(b.text.upper())], "fr", FormatOptions())
    assert "&#x0a;&#x0a;A  B&#10;</" in out


def test_an_unknown_rule_names_file_and_line() -> None:
    doc = f"""<doc {ITS}><its:rules version="2.0">
<its:translatRule selector="//p" translate="no"/></its:rules><p>x</p></doc>"""
    with pytest.raises(SourceError) as caught:
        xml(doc)
    assert (caught.value.path, caught.value.line) == ("d.xml", 2)
    assert "unknown ITS data category rule its:translatRule" in caught.value.message


def test_a_bad_selector_in_a_page_names_the_page_line() -> None:
    with pytest.raises(SourceError) as caught:
        page("<p>x</p>", '\n\n<its:translateRule selector="//[" translate="no"/>')
    assert (caught.value.path, caught.value.line) == ("p.html", 3)
