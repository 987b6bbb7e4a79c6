"""PO round-trip properties: read and write lose nothing, and the writer is GNU msgcat's layout."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given

from helpers import gettext_tool
from passerelle.po.catalog import Catalog, Entry, format_catalog, parse_catalog
from po_strategies import catalogs, reproducible


def same_catalog(a: Catalog, b: Catalog) -> bool:
    """Equal entries (line numbers aside), header fields, header comment and fuzziness."""
    return (
        list(a) == list(b)
        and a.metadata == b.metadata
        and a.header == b.header
        and a.metadata_is_fuzzy == b.metadata_is_fuzzy
    )


@reproducible(100)
@given(catalogs())
def test_reading_what_we_wrote_gives_the_catalog_back(catalog: Catalog) -> None:
    text = format_catalog(catalog)
    again = parse_catalog(text)
    assert same_catalog(again, catalog)
    assert format_catalog(again) == text


@reproducible(25)
@given(catalogs())
def test_gnu_msgcat_rewrites_our_output_byte_for_byte(catalog: Catalog) -> None:
    """``--force-po``: a catalog with no message keeps its header (msgcat would write nothing),
    so an empty document still has its catalog; every other byte is msgcat's."""
    ours = format_catalog(catalog).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drawn.po"
        path.write_bytes(ours)
        done = subprocess.run(
            [gettext_tool("msgcat"), "--force-po", str(path)], capture_output=True
        )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == ours


def msgcat(text: str, folder: Path) -> str:
    """What GNU msgcat writes back for ``text`` (header kept even with no message)."""
    path = folder / "given.po"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [gettext_tool("msgcat"), "--force-po", str(path)], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def test_a_comment_ending_in_a_backslash_does_not_swallow_the_next_line(tmp_path: Path) -> None:
    """GNU reads backslash-newline as one line continued, even in a comment: written bare, a
    note ending in ``\\`` took the next line with it (a flag, or the header's msgid)."""
    catalog = Catalog(
        [
            Entry(
                msgid="Dossier",
                msgstr="Folder",
                tcomment="C:\\Users\\",
                comment="see \\",
                flags=["fuzzy"],
            )
        ],
        metadata={"Content-Type": "text/plain; charset=UTF-8"},
        header="\\",
    )
    text = format_catalog(catalog)
    assert msgcat(text, tmp_path) == text
    again = parse_catalog(text)
    assert again.header == "\\ " and again[0].fuzzy
    assert (again[0].tcomment, again[0].comment) == ("C:\\Users\\ ", "see \\ ")


@pytest.mark.parametrize(
    "msgid",
    [
        "a" * 60 + " \u200f" + "x" * 30,  # a right-to-left mark after a space
        "a" * 60 + " \u0301" + "x" * 30,  # a combining accent after a space
        "\u200f「" + "x" * 80,  # a right-to-left mark opening the string
        "\u200b\u0301(" + "x" * 80,  # a mark after a zero width space
    ],
)
def test_a_mark_after_a_space_or_at_a_line_start_wraps_as_msgcat(
    msgid: str, tmp_path: Path
) -> None:
    """A combining mark (U+200F, U+0301...) belongs to the character before it, except after a
    space, a zero width space or at the start: there it is a letter, and a line may start with
    it. The writer broke after it instead, or not at all."""
    catalog = Catalog([Entry(msgid=msgid)], metadata={"Content-Type": "text/plain; charset=UTF-8"})
    text = format_catalog(catalog)
    assert msgcat(text, tmp_path) == text
