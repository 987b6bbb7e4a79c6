"""LF, CRLF and CR-only catalogs are read as GNU gettext reads the same bytes, or refused."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import gettext_tool, run_cli, run_steps_inline
from passerelle.config import load_config
from passerelle.errors import CatalogError
from passerelle.po.catalog import format_catalog, parse_catalog, read_catalog

# No comment and no #| line: GNU reads every entry of it whatever the line ends.
WITHOUT_COMMENTS = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: de\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Bonjour"
msgstr "Hallo"

msgctxt "menu"
msgid "Fichier"
msgstr ""
"Da"
"tei"

msgid "un chat"
msgid_plural "des chats"
msgstr[0] "eine Katze"
msgstr[1] "Katzen"

msgid "retour chariot"
msgstr "Wagen\rrücklauf"

#~ msgid "Vieux"
#~ msgstr "Alt"
"""

WITH_COMMENTS = """\
# German translation of the article.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: de\\n"

#. paragraph
#: source/article.txt:1
msgid "Bonjour"
msgstr "Hallo"

#, fuzzy
#| msgid "Le chien"
msgid "Le chat"
msgstr "Die Katze"
"""


def gnu(tool: str, *args: str, data: bytes) -> subprocess.CompletedProcess[bytes]:
    """Run a real GNU gettext tool on ``data`` given as standard input."""
    return subprocess.run(
        [gettext_tool(tool), *args, "-"], input=data, capture_output=True, check=False
    )


def line_ends(text: str, end: str) -> bytes:
    """``text`` with its line ends (not the CR inside a string) written as ``end``."""
    return text.replace("\n", end).encode("utf-8")


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_a_catalog_reads_as_msgcat_reads_the_same_bytes(end: str) -> None:
    data = line_ends(WITHOUT_COMMENTS, end)
    done = gnu("msgcat", data=data)
    assert done.returncode == 0, done.stderr
    ours = format_catalog(parse_catalog(data.decode("utf-8"), "de.po"))
    assert ours == done.stdout.decode("utf-8")
    assert ours == format_catalog(parse_catalog(WITHOUT_COMMENTS))


def test_a_cr_only_catalog_with_comments_is_refused_as_gnu_would_lose_it() -> None:
    data = line_ends(WITH_COMMENTS, "\r")
    # The reference: GNU takes a lone CR for a space, so the first comment runs to the end of
    # the file, and msgfmt succeeds with nothing translated.
    stats = gnu("msgfmt", "--statistics", "-o", "/dev/null", data=data)
    assert stats.returncode == 0 and b"0 translated messages" in stats.stderr
    with pytest.raises(CatalogError) as caught:
        parse_catalog(data.decode("utf-8"), "de.po")
    assert str(caught.value).startswith("de.po:1: a lone carriage return ends a comment")
    assert "save the file with LF (or CRLF) line ends" in str(caught.value)
    lf = gnu("msgfmt", "--statistics", "-o", "/dev/null", data=line_ends(WITH_COMMENTS, "\n"))
    assert b"1 translated message, 1 fuzzy translation" in lf.stderr
    assert len(parse_catalog(line_ends(WITH_COMMENTS, "\r\n").decode("utf-8"))) == 2


def test_marks_continued_after_a_lone_cr_are_read_or_refused_as_gnu_reads_them() -> None:
    obsolete = b'msgid "a"\rmsgstr "b"\r#~ msgid "c"\r#~ msgstr "d"\r'
    assert gnu("msgcat", data=obsolete).returncode == 0
    [active, old] = parse_catalog(obsolete.decode())
    assert (active.msgstr, old.obsolete, old.msgstr) == ("b", True, "d")
    for data in (b'#~ msgid "c"\rmsgstr "d"\r', b'#| msgid "a"\rmsgid "b"\rmsgstr "c"\r'):
        with pytest.raises(CatalogError, match="a lone carriage return ends a #"):
            parse_catalog(data.decode())


def test_update_refuses_a_cr_only_catalog_and_keeps_it(tmp_path: Path) -> None:
    (tmp_path / "passerelle.toml").write_text(
        'source-lang = "fr"\nlanguages = ["de"]\nsegment = "sentence"\n', encoding="utf-8"
    )
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "article.txt").write_text("Bonjour\n\nLe chat\n", encoding="utf-8")
    config = load_config(tmp_path)
    run_steps_inline(config, "extract", "update")
    path = tmp_path / "locales" / "de" / "article.po"
    text = path.read_text(encoding="utf-8")
    text = text.replace('msgid "Bonjour"\nmsgstr ""', 'msgid "Bonjour"\nmsgstr "Hallo"')
    text = text.replace('msgid "Le chat"\nmsgstr ""', 'msgid "Le chat"\nmsgstr "Die Katze"')
    path.write_bytes(line_ends("# German translation.\n" + text, "\r"))
    before = path.read_bytes()
    done = run_cli(tmp_path, "update")
    assert done.returncode == 2, done.stdout + done.stderr
    [line] = done.stderr.splitlines()
    assert f"{path}:1: a lone carriage return ends a comment" in line
    assert path.read_bytes() == before
    path.write_bytes(before.replace(b"\r", b"\r\n"))
    assert run_cli(tmp_path, "update").returncode == 0
    assert [e.msgstr for e in read_catalog(path)] == ["Hallo", "Die Katze"]
