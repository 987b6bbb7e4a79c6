"""The public Python API, ``passerelle.catalog``: what it reads and writes is what GNU msgcat
writes for the same file, in the file's own charset."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import gettext_tool
from passerelle.catalog import catalog_bytes, format_catalog, read_catalog

UNUSUAL = """\
# A translator's comment
msgid "" msgstr "Project-Id-Version: demo\\nContent-Type: text/plain; charset=UTF-8\\n"
#. an extracted comment
#: src/a.c:1 src/b.c:2
#, c-format, fuzzy
#| msgid "Old %s"
msgid "A rather long message that msgcat has to wrap because it runs past the page width %s"
msgstr "Ein recht langer Satz, den msgcat umbrechen muss, weil er über die Seitenbreite %s geht"
msgctxt "menu" msgid "File" msgstr "Datei"
#~ msgid "gone"
#~ msgstr "weg"
"""


def msgcat(path: Path) -> bytes:
    done = subprocess.run([gettext_tool("msgcat"), str(path)], check=True, capture_output=True)
    return done.stdout


def test_format_catalog_is_msgcats_output(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    path.write_text(UNUSUAL, encoding="utf-8")
    assert format_catalog(read_catalog(path)).encode("utf-8") == msgcat(path)


def test_a_header_after_a_domain_line_names_the_charset(tmp_path: Path) -> None:
    """The header need not come first, nor be followed by a blank line, to set the charset."""
    path = tmp_path / "de.po"
    text = (
        'domain "app"\nmsgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n'
        '# comment\nmsgid "bye"\nmsgstr "Tschüß"\n'
    )
    path.write_bytes(text.encode("latin-1"))
    catalog = read_catalog(path)
    assert catalog[0].msgstr == "Tschüß"
    assert catalog_bytes(catalog) == msgcat(path)


def test_a_header_alone_writes_nothing_as_msgcat_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.po"
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n')
    assert msgcat(path) == b""
    catalog = read_catalog(path)
    assert format_catalog(catalog) == "" and catalog_bytes(catalog) == b""
