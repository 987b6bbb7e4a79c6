"""Real clients read what we write: translate-toolkit (xliff2po, its TMX reader) and OmegaT
(Debian's, in console mode), whose translated XLIFF our import reads back, placeholders intact."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from lxml import etree

from exchange_project import ENGLISH, make_project
from helpers import run_main
from passerelle.po.catalog import read_catalog, write_catalog

TOOLKIT = pytest.importorskip("translate.convert.xliff2po")
OMEGAT = shutil.which("omegat")


@pytest.fixture
def en_po(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "project").mkdir()
    return make_project(tmp_path / "project", monkeypatch)


def _xliff2po(source: Path, target: Path) -> polib.POFile:
    from translate.convert import xliff2po

    xliff2po.main(["--progress=none", str(source), str(target)])
    return polib.pofile(str(target))


def test_translate_toolkit_reads_our_xliff12_with_the_same_translations(en_po: Path) -> None:
    assert run_main("export", "--xliff", "1.2", "-o", "out") == 0
    converted = _xliff2po(Path("out/en/page.xlf"), Path("toolkit.po"))
    theirs = {e.msgid: (e.msgstr, "fuzzy" in e.flags) for e in converted if e.msgid}
    ours = {e.msgid: (e.msgstr, e.fuzzy) for e in read_catalog(en_po)}
    assert theirs == ours
    assert {msgid: value for msgid, value in theirs.items() if value[0]} == ENGLISH


def test_translate_toolkit_reads_our_tmx_with_the_same_translations(en_po: Path) -> None:
    assert run_main("tm", "export", "--lang", "en", "-o", "memory.tmx") == 0
    from translate.storage import tmx

    with open("memory.tmx", "rb") as handle:
        memory = tmx.tmxfile(handle, sourcelanguage="fr", targetlanguage="en")
    theirs = {unit.source: unit.target for unit in memory.units}
    approved = {msgid: text for msgid, (text, fuzzy) in ENGLISH.items() if not fuzzy}
    assert theirs == approved


def test_tmx_validates_against_the_tmx14_dtd(en_po: Path) -> None:
    assert run_main("tm", "export", "-o", "memory.tmx") == 0
    dtd = etree.DTD(
        str(Path(__file__).resolve().parents[1] / "tools/passerelle/exchange/schemas/tmx14.dtd")
    )
    document = etree.parse("memory.tmx", etree.XMLParser(load_dtd=False, no_network=True))
    assert dtd.validate(document), dtd.error_log


OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0">
<source_dir>__DEFAULT__</source_dir><target_dir>__DEFAULT__</target_dir>
<tm_dir>__DEFAULT__</tm_dir><glossary_dir>__DEFAULT__</glossary_dir>
<glossary_file>__DEFAULT__</glossary_file><dictionary_dir>__DEFAULT__</dictionary_dir>
<source_lang>fr</source_lang><target_lang>en</target_lang>
<source_tok>org.omegat.tokenizer.DefaultTokenizer</source_tok>
<target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
<sentence_seg>false</sentence_seg><support_default_translations>true</support_default_translations>
<remove_tags>false</remove_tags>
</project></omegat>
"""

#: OmegaT reads the codes of a memory it did not write only when asked to (Options > TMX).
OMEGAT_PREFS = """<?xml version="1.0" encoding="UTF-8" ?>
<omegat><preference version="1.0">
<ext_tmx_show_level2>true</ext_tmx_show_level2><ext_tmx_use_slash>true</ext_tmx_use_slash>
</preference></omegat>
"""


@pytest.mark.skipif(OMEGAT is None, reason="omegat is not installed (apt-get install omegat)")
def test_omegat_translates_our_xliff_from_our_tmx_and_we_read_it_back(
    en_po: Path, tmp_path: Path
) -> None:
    assert run_main("tm", "export", "--lang", "en", "-o", "memory.tmx") == 0
    catalog = read_catalog(en_po)
    for entry in catalog:  # the translations now live in the memory only
        entry.msgstr, entry.flags, entry.previous_msgid = "", [], None
    write_catalog(en_po, catalog)
    assert run_main("export", "--xliff", "1.2", "--copy-source", "-o", "out") == 0
    omegat = tmp_path / "omegat"
    for folder in ("source", "target", "tm/auto", "omegat", "glossary", "config"):
        (omegat / folder).mkdir(parents=True)
    (omegat / "omegat.project").write_text(OMEGAT_PROJECT, encoding="utf-8")
    (omegat / "config" / "omegat.prefs").write_text(OMEGAT_PREFS, encoding="utf-8")
    shutil.copy("out/en/page.xlf", omegat / "source" / "page.xlf")
    shutil.copy("memory.tmx", omegat / "tm" / "auto" / "memory.tmx")
    assert OMEGAT is not None
    done = subprocess.run(
        [
            OMEGAT,
            "--mode=console-translate",
            f"--config-dir={omegat / 'config'}",
            "--disable-project-locking",
            "--no-team",
            "--quiet",
            str(omegat),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    translated = omegat / "target" / "page.xlf"
    assert run_main("import", str(translated)) == 0
    back = {e.msgid: e for e in read_catalog(en_po)}
    for msgid, (text, fuzzy) in ENGLISH.items():
        if fuzzy:
            continue  # not in the memory: OmegaT leaves it, import leaves the entry empty
        # OmegaT marks no state: what it translated comes back for review, codes intact
        assert (back[msgid].msgstr, back[msgid].fuzzy) == (text, True)
    assert all(not e.msgstr for k, e in back.items() if k not in ENGLISH or ENGLISH[k][1])
