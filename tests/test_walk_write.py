"""A walk that only writes a document back works out nothing its catalog alone shows."""

from __future__ import annotations

from passerelle.formats import FormatOptions, get_format
from passerelle.formats.inline import WalkedFormat

PAGE = (
    "<!DOCTYPE html>\n<html lang='fr'>\n<head><title>Titre</title></head>\n<body>\n"
    "<p>Une <code>ligne</code>.</p>\n<p title='Bulle'>Deux.</p>\n</body>\n</html>\n"
)


def test_a_write_walk_leaves_lines_and_codes_out() -> None:
    fmt = get_format("html")
    assert isinstance(fmt, WalkedFormat)
    read = fmt.walk(PAGE, "page.html", FormatOptions())
    assert [(r.block.text, r.block.line) for r in read.runs] == [
        ("Titre", 3),
        ("Une <code1/>.", 5),
        ("Bulle", 6),
        ("Deux.", 6),
    ]
    assert read.runs[1].block.codes
    written = fmt.walk(PAGE, "page.html", FormatOptions(), comments=False)
    assert [r.block.text for r in written.runs] == [r.block.text for r in read.runs]
    assert {r.block.line for r in written.runs} == {0}
    assert not written.runs[1].block.codes
    assert written.doc._lines is None  # the page's line table is never built
