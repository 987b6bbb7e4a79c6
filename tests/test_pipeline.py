"""The project pipeline end to end on the real article, in a temporary project."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from helpers import msgfmt_check, run_cli, run_steps_inline
from passerelle.config import load_config
from passerelle.po.catalog import read_catalog, write_catalog


def passerelle(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(cwd, *args)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def test_extract_and_update_write_valid_gettext(project: Path) -> None:
    config = load_config(project)
    (extracted,) = run_steps_inline(config, "extract")
    assert extracted.written == [str(project / "locales" / "article.pot")]
    (updated,) = run_steps_inline(config, "update")
    written = [project / "locales" / "article.pot"] + [
        project / "locales" / lang / "article.po" for lang in config.languages
    ]
    assert sorted(updated.written) == sorted(str(path) for path in written[1:])
    for path in written:
        result = msgfmt_check(path)
        assert result.returncode == 0, result.stderr
    ar = read_catalog(project / "locales" / "ar" / "article.po")
    assert ar.metadata["Language"] == "ar"
    assert ar.metadata["Plural-Forms"].startswith("nplurals=6;")
    pot = read_catalog(project / "locales" / "article.pot")
    assert pot[0].comment == "title"
    assert pot[0].occurrences == [("source/article.txt", "1")]
    assert not any(e.msgid == "french.shanghai.gov.cn" for e in pot)
    assert not any(e.msgid.endswith(".jpg") for e in pot)


def test_second_run_rewrites_nothing(project: Path) -> None:
    config = load_config(project)
    run_steps_inline(config, "extract", "update")
    run_steps_inline(config, "build")
    before = snapshot(project)
    assert run_steps_inline(config, "extract", "update", "build") == []  # nothing is stale
    shutil.rmtree(project / ".cache")  # without the state, every step runs and finds no change
    redone = run_steps_inline(config, "extract", "update", "build")
    assert [result.doc for result in redone] == ["article"]
    assert [result.written for result in redone] == [[]]
    assert snapshot(project) == before


def test_update_keeps_translations_when_the_source_changes(project: Path) -> None:
    config = load_config(project)
    run_steps_inline(config, "extract", "update")
    po_path = project / "locales" / "en" / "article.po"
    po = read_catalog(po_path)
    title = po[0]
    title.msgstr = "IBLAC members explore AI's potential on Shanghai's West Bund"
    title.tcomment = "checked by the desk"
    last = po[len(po) - 1]
    last.msgstr = "A translated closing sentence."
    write_catalog(po_path, po)

    source = project / "source" / "article.txt"
    text = source.read_text(encoding="utf-8")
    old_last = last.msgid
    source.write_text(text.replace(old_last, old_last.replace("Tokyo", "Osaka")), "utf-8")
    run_steps_inline(config, "extract", "update")
    po = read_catalog(po_path)
    kept = po.find(title.msgid)
    assert kept is not None and kept.msgstr == title.msgstr and not kept.fuzzy
    assert kept.tcomment == "checked by the desk"
    moved = po.find(old_last.replace("Tokyo", "Osaka"))
    assert moved is not None and moved.fuzzy and moved.msgstr == "A translated closing sentence."
    every = [e.msgstr for e in po] + [e.msgstr for e in po.obsolete_entries()]
    assert "A translated closing sentence." in every
    assert msgfmt_check(po_path).returncode == 0


def test_build_falls_back_to_french(project: Path) -> None:
    config = load_config(project)
    run_steps_inline(config, "extract", "update")
    po_path = project / "locales" / "en" / "article.po"
    po = read_catalog(po_path)
    po[0].msgstr = "IBLAC members explore AI's potential on Shanghai's West Bund"
    write_catalog(po_path, po)
    run_steps_inline(config, "build")
    english = (project / "build" / "en" / "article.txt").read_text(encoding="utf-8")
    assert english.startswith("IBLAC members explore AI's potential on Shanghai's West Bund\n\n")
    assert "french.shanghai.gov.cn\nfig1.jpg\n" in english
    page = (project / "build" / "en" / "article.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert "<h1>IBLAC members explore" in page
    assert 'lang="fr"' in page  # untranslated paragraphs stay French, marked as such
    arabic = (project / "build" / "ar" / "article.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in arabic
    german = (project / "build" / "de" / "article.html").read_text(encoding="utf-8")
    assert '<p lang="fr">Le 11 octobre, une délégation' in german


def test_cli_missing_source_folder(project: Path) -> None:
    shutil.rmtree(project / "source")
    result = passerelle(project, "extract")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert "source" in result.stderr and "not found" in result.stderr


def test_cli_undecodable_source_names_file_and_line(project: Path) -> None:
    (project / "source" / "bad.txt").write_bytes(b"Titre\n\nune ligne\n" + b"caf\xe9\n")
    result = passerelle(project, "extract")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "source/bad.txt:4" in result.stderr
    assert "UTF-8" in result.stderr


def test_cli_po_syntax_error_names_file_and_line(project: Path) -> None:
    assert passerelle(project, "extract").returncode == 0
    assert passerelle(project, "update").returncode == 0
    po_path = project / "locales" / "de" / "article.po"
    lines = po_path.read_text(encoding="utf-8").splitlines(keepends=True)
    broken_at = next(i for i, line in enumerate(lines) if line.startswith("msgstr ") and i > 20)
    lines[broken_at] = 'msgstr "unterminated\n'
    po_path.write_text("".join(lines), encoding="utf-8")
    before = po_path.read_bytes()
    result = passerelle(project, "update")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert "locales/de/article.po:" in result.stderr
    assert po_path.read_bytes() == before


def test_cli_unknown_setting(project: Path) -> None:
    (project / "passerelle.toml").write_text('languages = ["en"]\ncolour = "red"\n', "utf-8")
    result = passerelle(project, "status")
    assert result.returncode == 2
    assert "unknown setting 'colour'" in result.stderr
    assert "passerelle.toml" in result.stderr


def test_cli_update_before_extract_says_what_to_run(project: Path) -> None:
    result = passerelle(project, "update")
    assert result.returncode == 2
    assert result.stderr.startswith("passerelle: error: ")
    assert "locales/article.pot" in result.stderr and "no template yet" in result.stderr
    assert "run passerelle extract first" in result.stderr
    assert not (project / "locales" / "en").exists()
