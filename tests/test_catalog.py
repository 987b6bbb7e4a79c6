"""The catalog module: lossless reading, msgcat-identical writing, atomic writes, clear errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from passerelle.errors import CatalogError
from passerelle.po.catalog import (
    catalog_stats,
    format_catalog,
    new_catalog,
    parse_catalog,
    read_catalog,
    same_entries,
    template_from_units,
    translations,
    write_catalog,
)

FIXTURES = Path(__file__).parent / "fixtures" / "catalogs"
GUIDE = FIXTURES / "guide.po"


def test_read_write_is_byte_identical_to_msgcat(tmp_path: Path) -> None:
    expected = subprocess.run(["msgcat", str(GUIDE)], capture_output=True, check=True).stdout
    assert format_catalog(read_catalog(GUIDE)).encode("utf-8") == expected
    path = tmp_path / "guide.po"
    path.write_bytes(expected)
    assert write_catalog(path, read_catalog(path)) is False  # already in msgcat's layout


def test_written_catalog_passes_msgfmt_check(tmp_path: Path) -> None:
    path = tmp_path / "guide.po"
    write_catalog(path, read_catalog(GUIDE))
    done = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_reading_keeps_every_detail() -> None:
    catalog = read_catalog(GUIDE)
    assert catalog.metadata_is_fuzzy and catalog.metadata["X-Generator"] == "Poedit 3.4"
    assert catalog.header.startswith("French translation of the Passerelle guide.")
    first = catalog[0]
    assert first.comment == "Title of the first chapter" and len(first.occurrences) == 4
    obsolete = catalog.obsolete_entries()
    assert obsolete[0].tcomment == "Removed in 1.2, kept for the next release."
    assert obsolete[1].previous_msgid == "An older sentence" and obsolete[1].fuzzy
    changed = next(e for e in catalog if e.previous_msgid)
    assert changed.fuzzy and changed.msgid.endswith("every translator comment.")
    assert {e.msgctxt for e in catalog if e.msgid == "Open"} == {"menu", "state"}


def test_header_kept_byte_for_byte_until_a_field_changes() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    catalog = parse_catalog(text)
    assert '"X-Generator: Poedit 3.4\\n"' in format_catalog(catalog)
    catalog.metadata["Last-Translator"] = "Jean <jean@example.org>"
    assert "Last-Translator: Jean <jean@example.org>" in format_catalog(catalog)
    assert format_catalog(catalog).startswith("# French translation")


def test_parse_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.po"
    path.write_text('msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d\n', encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_catalog(path)
    assert str(caught.value).startswith(f"{path}:5: unterminated string")
    path.write_bytes(b'msgid "a"\nmsgstr "\xff"\n')
    with pytest.raises(CatalogError, match=":2: catalog is not valid UTF-8"):
        read_catalog(path)


def test_write_interrupted_by_a_failing_rename_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "fr.po"
    write_catalog(path, read_catalog(GUIDE))
    before = path.read_bytes()
    catalog = read_catalog(GUIDE)
    catalog[0].msgstr = "Changed"

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_catalog(path, catalog)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["fr.po"]


KILLED_WRITER = """
import sys
sys.path.insert(0, {tools!r})
from passerelle.po.catalog import new_entry, parse_catalog, write_catalog
catalog = parse_catalog(open({guide!r}, encoding="utf-8").read())
for i in range(300000):
    catalog.append(new_entry(msgid=f"entry {{i}} " * 8, msgstr=f"entrée {{i}} " * 8))
print("ready", flush=True)
write_catalog({target!r}, catalog)
"""


def test_write_killed_midway_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "fr.po"
    write_catalog(path, read_catalog(GUIDE))
    before = path.read_bytes()
    tools = str(Path(__file__).resolve().parents[1] / "tools")
    script = KILLED_WRITER.format(tools=tools, guide=str(GUIDE), target=str(path))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
    time.sleep(0.3)  # formatting 300,000 entries takes seconds: kill it in the middle
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert path.read_bytes() == before


def test_template_new_catalog_translations_and_stats() -> None:
    catalog = read_catalog(GUIDE)
    assert translations(catalog)[(None, "Getting started")] == "Premiers pas"
    assert (None, "The merge step keeps every translation and every translator comment.") not in (
        translations(catalog)
    )
    stats = catalog_stats(catalog)
    assert stats.fuzzy == 1 and stats.units == len([e for e in catalog if not e.obsolete])
    fresh = new_catalog(catalog, "de")
    assert fresh.metadata["Language"] == "de" and "nplurals=2" in fresh.metadata["Plural-Forms"]
    written = parse_catalog(format_catalog(catalog))  # msgcat-normalised once, then stable
    assert format_catalog(written) == format_catalog(catalog)
    assert same_entries(written, parse_catalog(format_catalog(written)))
    assert len(template_from_units([])) == 0


def test_unknown_flags_are_kept() -> None:
    text = textwrap.dedent(
        """\
        #, fuzzy, passerelle-reviewed
        msgid "a"
        msgstr "b"
        """
    )
    assert "#, fuzzy, passerelle-reviewed" in format_catalog(parse_catalog(text))


MIXED_CATALOG = """\
# A translator's note
msgid ""
msgstr ""
"Language: fr_CA \\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Bonjour"
msgstr "Hello"

#, fuzzy
msgid "Au revoir"
msgstr "Goodbye"

msgctxt "menu"
msgid "Fichier"
msgstr "File"

msgid "Vide"
msgstr ""

msgid "Un chat"
msgid_plural "Des chats"
msgstr[0] "A cat"
msgstr[1] "Cats"

msgctxt "vide"
msgid ""
msgstr "an empty msgid with a context is an entry"

#~ msgid "Ancien"
#~ msgstr "Old"
"""


@pytest.mark.parametrize("include_fuzzy", [False, True])
def test_read_translations_answers_as_reading_the_catalog(
    tmp_path: Path, include_fuzzy: bool
) -> None:
    from passerelle.po.catalog import read_translations, translations

    path = tmp_path / "mixed.po"
    path.write_text(MIXED_CATALOG, encoding="utf-8")
    lookup, language = read_translations(path, include_fuzzy=include_fuzzy)
    catalog = read_catalog(path)
    assert lookup == translations(catalog, include_fuzzy=include_fuzzy)
    assert language == catalog.metadata["Language"] == "fr_CA"
    assert ((None, "Au revoir") in lookup) == include_fuzzy
    assert lookup[("menu", "Fichier")] == "File" and (None, "Ancien") not in lookup
    assert lookup[("vide", "")] == "an empty msgid with a context is an entry"


def test_read_translations_reports_a_missing_catalog(tmp_path: Path) -> None:
    from passerelle.po.catalog import read_translations

    with pytest.raises(CatalogError, match="catalog not found"):
        read_translations(tmp_path / "absent.po")
