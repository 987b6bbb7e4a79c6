"""The catalog model: typed entries and catalogs, checked against polib as an independent reader."""

from __future__ import annotations

import pickle
from pathlib import Path

import polib
import pytest

from passerelle.po.catalog import format_catalog, parse_catalog, read_catalog, write_catalog
from passerelle.po.model import Catalog, Entry

GUIDE = Path(__file__).parent / "fixtures" / "catalogs" / "guide.po"

CASES = """\
msgid ""
msgstr ""
"Language: de\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "done"
msgstr "fertig"

msgid "empty"
msgstr ""

#, fuzzy
msgid "guessed"
msgstr "geraten"

msgid "one file"
msgid_plural "%d files"
msgstr[0] "eine Datei"
msgstr[1] "%d Dateien"

msgid "one half"
msgid_plural "%d halves"
msgstr[0] "eine Hälfte"
msgstr[1] ""

#, fuzzy
msgid "one guess"
msgid_plural "%d guesses"
msgstr[0] "eine Vermutung"
msgstr[1] "%d Vermutungen"

#~ msgid "gone"
#~ msgstr "weg"
"""


def _view(entry: Entry | polib.POEntry) -> tuple[object, ...]:
    return (
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        entry.msgstr,
        dict(entry.msgstr_plural),
        entry.obsolete,
        entry.fuzzy,
        entry.translated(),
    )


def _details(entry: Entry | polib.POEntry) -> tuple[object, ...]:
    """What polib also reads of active entries (it drops these from obsolete ones)."""
    return (
        entry.comment,
        entry.tcomment,
        list(entry.occurrences),
        sorted(entry.flags),
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.previous_msgid_plural,
    )


@pytest.mark.parametrize("source", ["guide", "cases"])
def test_polib_reads_what_we_write_as_we_do(source: str, tmp_path: Path) -> None:
    """Written in msgcat's layout (untranslated entries lose ``fuzzy``, untranslated obsolete
    ones go), a catalog reads the same through polib as through our model."""
    path = tmp_path / "out.po"
    text = GUIDE.read_text("utf-8") if source == "guide" else CASES
    write_catalog(path, parse_catalog(text))
    ours = read_catalog(path)
    theirs = polib.pofile(str(path), wrapwidth=79)
    assert [_view(e) for e in ours] == [_view(e) for e in theirs]
    active = [e for e in ours if not e.obsolete]
    assert [_details(e) for e in active] == [_details(e) for e in theirs if not e.obsolete]
    assert ours.metadata == theirs.metadata and ours.header == theirs.header
    assert ours.metadata_is_fuzzy == bool(theirs.metadata_is_fuzzy)
    assert [_view(e) for e in ours.obsolete_entries()] == [
        _view(e) for e in theirs.obsolete_entries()
    ]
    for msgid, msgctxt in [("Open", False), ("Open", "menu"), ("done", False), ("gone", False)]:
        found, expected = ours.find(msgid, msgctxt=msgctxt), theirs.find(msgid, msgctxt=msgctxt)
        assert (None if found is None else _view(found)) == (
            None if expected is None else _view(expected)
        )


def test_translated_follows_polib_rules() -> None:
    translated = {e.msgid for e in parse_catalog(CASES) if e.translated()}
    assert translated == {"done", "one file"}  # not empty, fuzzy, half-plural or obsolete


def test_catalog_holds_its_path_and_the_header_as_read() -> None:
    catalog = read_catalog(GUIDE)
    assert isinstance(catalog, Catalog) and all(isinstance(e, Entry) for e in catalog)
    assert catalog.path == GUIDE
    header = catalog.original_header
    assert header is not None and header.msgid == "" and header.fuzzy
    assert header.msgstr.endswith("X-Generator: Poedit 3.4\n")
    assert parse_catalog(GUIDE.read_text("utf-8")).path is None


def test_entries_compare_by_what_is_written_not_by_line() -> None:
    catalog = parse_catalog(format_catalog(read_catalog(GUIDE)))  # in msgcat's layout
    again = parse_catalog("\n\n\n" + format_catalog(catalog))
    assert list(again) == list(catalog)
    assert [e.linenum for e in again] != [e.linenum for e in catalog]
    again[0].msgstr += "!"
    assert again[0] != catalog[0]


def test_catalog_survives_pickling() -> None:
    """Catalogs cross process boundaries (worker pools) with header and path."""
    catalog = read_catalog(GUIDE)
    copy = pickle.loads(pickle.dumps(catalog))
    assert format_catalog(copy) == format_catalog(catalog)
    assert copy.path == catalog.path and copy.original_header == catalog.original_header
