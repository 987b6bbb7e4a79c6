"""Extraction tells the translator what each ``<codeN/>`` stands for, in a ``#.`` comment."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import gettext_tool, run_cli
from passerelle.formats.base import FormatOptions
from passerelle.formats.code_notes import LONGEST, shown_code
from passerelle.formats.html import FORMAT as HTML
from passerelle.formats.xml import FORMAT as XML
from passerelle.po.catalog import read_catalog
from passerelle.steps.extract import Segmentation, document_units
from passerelle.units import Block, Piece

OPTIONS = FormatOptions(source_lang="fr")

PAGE = """<!DOCTYPE html><html lang="fr"><body>
<p>Le cookie <code>cookie_name</code> expire. Mettez <code class="x">max_age
  = 3600</code> puis relancez <span translate="no">Passerelle</span>.<br>Fin.</p>
<p>Tapez <kbd>Ctrl</kbd>+<kbd>C</kbd> pour copier, et <code>a &lt; b &amp;&amp; "c"</code>.</p>
</body></html>
"""


def comments(units: list, start: str) -> tuple[str, ...]:  # type: ignore[type-arg]
    [unit] = [u for u in units if u.msgid.startswith(start)]
    return tuple(unit.comments)


def test_each_sentence_tells_its_own_codes_in_html() -> None:
    units = document_units(HTML, PAGE, "p.html", OPTIONS, Segmentation())
    assert comments(units, "Le cookie") == ("p", '<code1/> = "cookie_name"')
    assert comments(units, "Mettez") == (
        "p",
        '<code2/> = "max_age = 3600"',  # whitespace collapsed
        '<span3/> = "Passerelle"',  # an untranslatable span is code too
    )  # no note for <br4/>: it stands for no text
    assert comments(units, "Tapez")[1:] == (
        '<code3/> = "a < b && \\"c\\""',  # entities decoded, quotes escaped
    )


def test_xml_codes_are_told_too() -> None:
    doc = (
        "<doc><para>Appelez <code>init()</code> avant <code>run(<arg>x</arg>)</code>.</para></doc>"
    )
    units = document_units(XML, doc, "d.xml", OPTIONS, Segmentation())
    assert comments(units, "Appelez") == (
        "para",
        '<code1/> = "init()"',
        '<code2/> = "run(x)"',  # the text of the code, its inner tags left out
    )


def test_a_long_code_is_cut_with_an_ellipsis() -> None:
    long = "x" * 200
    shown = shown_code(long)
    assert shown == '"' + "x" * (LONGEST - 1) + '…"'
    assert shown_code("court") == '"court"'


def test_extracted_template_is_one_comment_line_per_code_and_gettext_reads_it(
    tmp_path: Path,
) -> None:
    page = tmp_path / "page.html"
    code = "SELECT *\n  FROM\tusers WHERE name = 'a' AND " + "x" * 100
    page.write_text(f"<p>Lancez <code>{code}</code> maintenant.</p>", encoding="utf-8")
    pot = tmp_path / "page.pot"
    done = run_cli(tmp_path, "extract", str(page), "-o", str(pot))
    assert done.returncode == 0, done.stderr
    text = pot.read_text(encoding="utf-8")
    assert "#. <code1/> = \"SELECT * FROM users WHERE name = 'a' AND xxxx" in text
    [entry] = [e for e in read_catalog(pot) if e.msgid]
    assert entry.comment.splitlines()[1].endswith('…"')
    for tool in (["msgcat"], ["msgfmt", "-c", "-o", "/dev/null"]):
        checked = subprocess.run(
            [gettext_tool(tool[0]), *tool[1:], str(pot)], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stderr
    catted = subprocess.run(
        [gettext_tool("msgcat"), str(pot)], capture_output=True, text=True, check=True
    )
    assert catted.stdout == text  # the writer's output is msgcat's, comment lines included


def test_a_build_walks_without_the_comments_only_a_catalog_shows() -> None:
    """Writing a document back asks each block for its text, not for what its entry's comments
    would say: the blocks a build translates carry no codes or ITS notes, the output is the
    same, and the extracted blocks still carry them."""
    page = PAGE.replace("<body>", '<body its-loc-note="Une note">')
    page = page.replace("<p>", '<p its-storage-size="80">')
    seen: list[Block] = []

    def translate(block: Block) -> list[Piece]:
        seen.append(block)
        return [Piece(block.text)]

    written = HTML.write(page, "p.html", translate, "fr", OPTIONS)
    extracted = HTML.read_blocks(page, "p.html", OPTIONS)
    assert any(block.codes for block in extracted)
    assert any(len(block.notes) > 1 for block in extracted)
    assert sorted(block.text for block in seen) == sorted(block.text for block in extracted)
    assert not any(block.codes for block in seen)
    assert all(block.notes == ("Une note",) for block in seen)
    assert written == HTML.write(page, "p.html", lambda b: [Piece(b.text)], "fr", OPTIONS)
