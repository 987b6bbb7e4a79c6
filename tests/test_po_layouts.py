"""Layouts GNU gettext reads and the reader once refused: several keywords on a line, a keyword
with its string on the next line, ``domain`` lines. Each reads and writes back as msgcat does."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import gettext_tool
from passerelle.errors import CatalogError
from passerelle.po.catalog import format_catalog, read_catalog

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

LAYOUTS = {
    "one-line entry": HEADER + 'msgid "a" msgstr "A"\n',
    "no space after keywords": HEADER + 'msgid"q"msgstr"Q"\n',
    "one-line plural with context": (
        HEADER + 'msgctxt "c" msgid "d" msgid_plural "ds" msgstr[0] "D" msgstr[1] "Ds"\n'
    ),
    "strings joined on one line": HEADER + 'msgid "a" "b" msgstr "A" "B"\n',
    "keyword then its string": HEADER + 'msgid\n"b"\nmsgstr\n"B"\n"B2"\n',
    "string then the next keyword": HEADER + 'msgid\n"b" msgstr "B"\n',
    "plural keywords alone": (
        HEADER + 'msgid "b" msgid_plural\n"bs" msgstr[0]\n"x"\nmsgstr[1] "y"\n'
    ),
    "obsolete one-line and split": (
        HEADER + 'msgid "k"\nmsgstr "K"\n\n#~ msgid "o" msgstr "O"\n\n'
        '#~ msgid\n#~ "p"\n#~ msgstr\n#~ "P"\n'
    ),
    "domain first": 'domain "foo"\n' + HEADER + 'msgid "a"\nmsgstr "A"\n',
    "domain on two lines, comment dropped": '# c\ndomain\n"foo"\nmsgid "a"\nmsgstr "A"\n',
    "default domain named": 'domain "messages"\n' + HEADER + 'msgid "a"\nmsgstr "A"\n',
    "domain renamed before entries": 'domain "bar"\ndomain "foo"\nmsgid "a" msgstr "A"\n',
    "domain after the last entry": HEADER + 'msgid "a"\nmsgstr "A"\n\ndomain "foo"\n',
}


def msgcat(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [gettext_tool("msgcat"), str(path)], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_layout_gnu_reads_is_read_and_written_as_msgcat_writes_it(
    layout: str, tmp_path: Path
) -> None:
    path = tmp_path / "in.po"
    path.write_text(LAYOUTS[layout], encoding="utf-8")
    done = msgcat(path)
    assert done.returncode == 0, done.stderr
    written = format_catalog(read_catalog(path))
    assert written == done.stdout
    again = tmp_path / "again.po"
    again.write_text(written, encoding="utf-8")
    assert format_catalog(read_catalog(again)) == written


REFUSED = {
    "keyword without string": ('msgid\nmsgstr "A"\n', 1),
    "msgstr without string": ('msgid "a"\nmsgstr\n\nmsgid "b"\nmsgstr "B"\n', 2),
    "text after a string": ('msgid "b"msgstr "B"x\n', 1),
    "second #| msgid on one line": ('#| msgid "x" msgid "a"\nmsgstr "A"\n', 1),
}


@pytest.mark.parametrize("shape", sorted(REFUSED))
def test_what_gnu_refuses_stays_refused(shape: str, tmp_path: Path) -> None:
    text, line = REFUSED[shape]
    path = tmp_path / "bad.po"
    path.write_text(text, encoding="utf-8")
    assert msgcat(path).returncode == 1
    with pytest.raises(CatalogError) as caught:
        read_catalog(path)
    assert caught.value.line == line


def test_a_second_domain_with_entries_is_refused_naming_its_line(tmp_path: Path) -> None:
    """msgcat keeps several domains in one file; a catalog here is one domain, so such a file
    is refused rather than read as one domain's entries."""
    path = tmp_path / "two.po"
    path.write_text('msgid "a"\nmsgstr "A"\n\ndomain "foo"\n\nmsgid "b"\nmsgstr "B"\n', "utf-8")
    assert msgcat(path).returncode == 0
    with pytest.raises(CatalogError, match="a second domain in one catalog") as caught:
        read_catalog(path)
    assert caught.value.line == 6
