"""Catalogs in the charset their header declares: read in it and written back in it, byte for
byte as msgcat writes them; bytes the charset cannot hold are an error at their line."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import gettext_tool, run_cli
from passerelle.errors import CatalogError
from passerelle.po.catalog import read_catalog, read_translations, write_catalog

BODY = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset={charset}\\n"
"Content-Transfer-Encoding: 8bit\\n"

# {note}
msgid "Bonjour"
msgstr "{hello}"

#~ msgid "Vieux"
#~ msgstr "{hello}!"
"""

CASES = {
    "ISO-8859-1": ("café crème", "Grüße"),
    "ISO-8859-15": ("œuvre à 5 €", "naïve"),
    "EUC-KR": ("번역 메모", "안녕하세요"),
    "KOI8-R": ("заметка", "Привет"),
}


def msgcat(path: Path) -> bytes:
    done = subprocess.run([gettext_tool("msgcat"), str(path)], capture_output=True, check=True)
    return done.stdout


@pytest.mark.parametrize("charset", sorted(CASES))
def test_a_catalog_is_read_in_its_charset_and_written_back_in_it(
    charset: str, tmp_path: Path
) -> None:
    note, hello = CASES[charset]
    path = tmp_path / "in.po"
    path.write_bytes(BODY.format(charset=charset, note=note, hello=hello).encode(charset))
    catalog = read_catalog(path)
    [entry, old] = catalog
    assert (entry.msgstr, entry.tcomment, old.msgstr) == (hello, note, hello + "!")
    assert read_translations(path)[0] == {(None, "Bonjour"): hello}
    out = tmp_path / "out.po"
    write_catalog(out, catalog)
    assert out.read_bytes() == msgcat(path)


def test_bytes_the_declared_charset_cannot_hold_are_an_error_at_their_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bad.po"
    text = BODY.format(charset="EUC-KR", note="note", hello="x").encode("ascii")
    path.write_bytes(text.replace(b'msgstr "x"', b'msgstr "\xff\x81"'))
    done = subprocess.run([gettext_tool("msgcat"), str(path)], capture_output=True, check=False)
    assert done.returncode == 1 and b"bad.po:8:" in done.stderr
    with pytest.raises(CatalogError) as caught:
        read_catalog(path)
    assert caught.value.line == 8
    assert str(caught.value).startswith(f"{path}:8: catalog is not valid EUC-KR")


def test_the_command_line_names_the_undecodable_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    text = BODY.format(charset="EUC-KR", note="note", hello="x").encode("ascii")
    path.write_bytes(text.replace(b'msgstr "x"', b'msgstr "\xff\x81"'))
    pot = tmp_path / "t.pot"
    pot.write_bytes(b'msgid "Bonjour"\nmsgstr ""\n')
    done = run_cli(tmp_path, "merge", "bad.po", "t.pot", "-o", "out.po")
    gnu = subprocess.run(
        [gettext_tool("msgmerge"), "bad.po", "t.pot", "-o", "out.po"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert done.returncode == gnu.returncode == 1  # msgmerge's status for an unreadable file
    assert "bad.po:8: catalog is not valid EUC-KR" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out.po").exists()


def test_text_the_charset_cannot_hold_is_refused_on_writing(tmp_path: Path) -> None:
    path = tmp_path / "in.po"
    path.write_bytes(BODY.format(charset="ISO-8859-1", note="n", hello="café").encode("latin-1"))
    catalog = read_catalog(path)
    catalog[0].msgstr = "日本"
    out = tmp_path / "out.po"
    with pytest.raises(CatalogError, match="cannot be written in ISO-8859-1"):
        write_catalog(out, catalog)
    assert not out.exists()
