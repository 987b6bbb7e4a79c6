"""Rules a document links: read from local files inside the source tree only, never fetched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import run_cli
from passerelle.errors import SourceError
from passerelle.formats.base import FormatOptions
from passerelle.formats.html import FORMAT as HTML
from passerelle.formats.xml import FORMAT as XML

ITS = 'xmlns:its="http://www.w3.org/2005/11/its"'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
RULES = f"""<its:rules {ITS} xmlns:h="http://www.w3.org/1999/xhtml" version="2.0">
  <its:translateRule selector="//code|//h:code" translate="no"/>
  <its:withinTextRule selector="//fn" withinText="nested"/>
</its:rules>"""


def page(href: str) -> str:
    return f"""<!DOCTYPE html><html><head><title>Titre</title>
<link href="{href}" rel="its-rules"/></head>
<body><p>Lancez <code>make</code> ici.</p></body></html>"""


def xml_doc(href: str, own: str = "") -> str:
    return f"""<doc>
<its:rules {ITS} {XLINK} version="2.0" xlink:href="{href}">{own}</its:rules>
<p>Voir<fn>Une note.</fn> ici.</p><code>ls -l</code></doc>"""


def located(tree: Path, name: str) -> FormatOptions:
    return FormatOptions(document=tree / name, source_root=tree)


def test_html_link_rel_its_rules_is_read(tmp_path: Path) -> None:
    (tmp_path / "rules.xml").write_text(RULES, encoding="utf-8")
    text = page("rules.xml")
    found = HTML.read_blocks(text, "p.html", located(tmp_path, "p.html"))
    assert [b.text for b in found] == ["Titre", "Lancez <code1/> ici."]


def test_xml_xlink_href_is_read_and_loses_to_the_linking_rules(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "rules.xml").write_text(RULES, encoding="utf-8")
    found = XML.read_blocks(xml_doc("sub/rules.xml"), "d.xml", located(tmp_path, "d.xml"))
    assert [b.text for b in found] == ["Voir<fn1/> ici.", "Une note."]
    own = '<its:translateRule selector="//code" translate="yes"/>'
    text = xml_doc("sub/rules.xml", own)
    found = XML.read_blocks(text, "d.xml", located(tmp_path, "d.xml"))
    assert [b.text for b in found] == ["Voir<fn1/> ici.", "Une note.", "ls -l"]


@pytest.mark.parametrize(
    ("href", "words"),
    [
        ("http://example.org/rules.xml", "local files only"),
        ("file:///etc/passwd", "local files only"),
        ("//example.org/rules.xml", "local files only"),
        ("/etc/passwd", "relative path"),
        ("../outside.xml", "outside the source tree"),
    ],
)
def test_links_leaving_the_tree_are_refused_with_file_and_line(
    tmp_path: Path, href: str, words: str
) -> None:
    tree = tmp_path / "src"
    tree.mkdir()
    (tmp_path / "outside.xml").write_text(RULES, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        HTML.read_blocks(page(href), "p.html", located(tree, "p.html"))
    assert caught.value.path == "p.html" and caught.value.line == 2
    assert words in caught.value.message
    with pytest.raises(SourceError) as caught:
        XML.read_blocks(xml_doc(href), "d.xml", located(tree, "d.xml"))
    assert caught.value.path == "d.xml" and caught.value.line == 2


def test_a_symbolic_link_out_of_the_tree_is_refused(tmp_path: Path) -> None:
    tree = tmp_path / "src"
    tree.mkdir()
    (tmp_path / "secret.xml").write_text(RULES, encoding="utf-8")
    os.symlink(tmp_path / "secret.xml", tree / "rules.xml")
    with pytest.raises(SourceError, match="outside the source tree"):
        HTML.read_blocks(page("rules.xml"), "p.html", located(tree, "p.html"))


def test_a_missing_linked_file_is_a_warning_and_the_page_is_read(tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match=r"p\.html:2: linked ITS rules 'gone\.xml' not found"):
        found = HTML.read_blocks(page("gone.xml"), "p.html", located(tmp_path, "p.html"))
    assert [b.text for b in found] == ["Titre", "Lancez <code1/> ici."]


def test_linked_rules_that_link_themselves_are_a_loop(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_text(
        f'<its:rules {ITS} {XLINK} version="2.0" xlink:href="a.xml"/>', encoding="utf-8"
    )
    with pytest.raises(SourceError, match="link to themselves"):
        XML.read_blocks(xml_doc("a.xml"), "d.xml", located(tmp_path, "d.xml"))


def test_command_line_follows_links_and_refuses_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "rules.xml").write_text(RULES, encoding="utf-8")
    (tmp_path / "p.html").write_text(page("rules.xml"), encoding="utf-8")
    (tmp_path / "bad.html").write_text(page("https://example.org/r.xml"), encoding="utf-8")
    done = run_cli(tmp_path, "extract", "p.html")
    assert done.returncode == 0 and 'msgid "Lancez <code1/> ici."' in done.stdout
    refused = run_cli(tmp_path, "extract", "bad.html")
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "bad.html:2: ITS rules are read" in refused.stderr
