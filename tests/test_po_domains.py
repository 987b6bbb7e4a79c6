"""PO files of several domains read and written back as GNU msgcat writes them, through the
public API (``read_domains``, ``format_domains``, ``domains_bytes``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import gettext_tool
from passerelle.catalog import domains_bytes, format_domains, read_catalog, read_domains
from passerelle.errors import CatalogError, DuplicateEntryError
from passerelle.po.domains import format_domains as format_with_layout
from passerelle.po.layout import PageLayout

HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset={}\\n"\n'
UTF8 = HEADER.format("UTF-8")

FILES = {
    "two domains, each its header": (
        f'domain "foo-de"\n{UTF8}\n# Kommentar\nmsgid "hello"\nmsgstr "Hallo"\n\n'
        f'domain "foo-fr"\n{UTF8}\n#, fuzzy\nmsgid "hello"\nmsgstr "Salut"\n'
    ),
    "default entries, then a domain": (
        f'{UTF8}\nmsgid "a"\nmsgstr "A"\n\ndomain "extra"\n{UTF8}msgid "a"\nmsgstr "Ä"\n'
        '#~ msgid "old"\n#~ msgstr "alt"\n'
    ),
    "a domain resumed later": (
        'domain "a"\nmsgid "x"\nmsgstr "X"\ndomain "b"\nmsgid "x"\nmsgstr "Y"\n'
        'domain "a"\nmsgid "y"\nmsgstr "Z"\n'
    ),
    "the default domain named after another": (
        'domain "a"\nmsgid "x"\nmsgstr "X"\ndomain "messages"\nmsgid "y"\nmsgstr "Y"\n'
    ),
    "only untranslated obsolete entries in a domain": (
        'msgid "x"\nmsgstr "X"\ndomain "a"\n#~ msgid "gone"\n#~ msgstr ""\n'
        'domain "b"\nmsgid "y"\nmsgstr "Y"\n'
    ),
}


def msgcat(path: Path, *options: str) -> bytes:
    done = subprocess.run(
        [gettext_tool("msgcat"), *options, str(path)], capture_output=True, check=True
    )
    return done.stdout


@pytest.mark.parametrize("name", sorted(FILES))
def test_domains_are_read_and_written_as_msgcat_writes_them(name: str, tmp_path: Path) -> None:
    path = tmp_path / "in.po"
    path.write_text(FILES[name], encoding="utf-8")
    domains = read_domains(path)
    assert domains[0].domain is None  # the default domain first, as GNU keeps it
    assert domains_bytes(domains) == msgcat(path)
    assert format_domains(domains).encode("utf-8") == msgcat(path)


def test_strict_style_parts_domains_with_comment_lines(tmp_path: Path) -> None:
    """``--strict`` (Uniforum) writes ``#`` where a blank line would part two entries or come
    before a domain line."""
    path = tmp_path / "in.po"
    path.write_text(FILES["a domain resumed later"], encoding="utf-8")
    strict = format_with_layout(read_domains(path), PageLayout(uniforum=True))
    assert strict.encode("utf-8") == msgcat(path, "--strict")


def test_a_latin1_file_of_two_domains_is_written_back_in_latin1(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    latin1 = HEADER.format("ISO-8859-1")
    text = f'domain "a"\n{latin1}\nmsgid "bye"\nmsgstr "Tschüß"\ndomain "b"\n{latin1}\n'
    path.write_bytes((text + 'msgid "bye"\nmsgstr "À bientôt"\n').encode("latin-1"))
    domains = read_domains(path)
    assert [d.domain for d in domains] == [None, "a", "b"]
    assert domains[1][0].msgstr == "Tschüß"
    assert domains_bytes(domains) == msgcat(path)


def test_a_msgid_is_a_duplicate_only_within_its_domain(tmp_path: Path) -> None:
    path = tmp_path / "dup.po"
    resumed = FILES["a domain resumed later"].replace('msgid "y"', 'msgid "x"')
    path.write_text(resumed, encoding="utf-8")
    done = subprocess.run([gettext_tool("msgcat"), str(path)], capture_output=True, text=True)
    assert f"{path}:8: duplicate message definition" in done.stderr
    with pytest.raises(DuplicateEntryError) as caught:
        read_domains(path)
    assert (caught.value.line, caught.value.first_line) == (8, 3)


def test_one_catalog_still_refuses_a_second_domain(tmp_path: Path) -> None:
    """A project catalog is one document: reading one file as one catalog keeps refusing a
    second domain rather than mixing two domains' entries."""
    path = tmp_path / "two.po"
    path.write_text(FILES["a domain resumed later"], encoding="utf-8")
    with pytest.raises(CatalogError, match="a second domain in one catalog"):
        read_catalog(path)
