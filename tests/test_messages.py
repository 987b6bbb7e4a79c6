"""What commands say: a refused translation at its catalog's line with its whole msgid, the
right advice for templates given as catalogs, counts in the right number and in agreement,
and catalogs that spell their language the BCP 47 way."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers import plant_source_typo, run_cli, run_main, run_steps_inline
from passerelle.config import load_config
from passerelle.po.catalog import read_catalog, write_catalog

LONG = (
    "Cette directive permet de définir le domaine auquel appartient la page, "
    'voir <a href="/guide">le guide</a> pour les détails.'
)


def _page_and_catalog(folder: Path, language: str = "en") -> tuple[Path, Path]:
    """A page with one long paragraph, and a catalog whose translation loses its link."""
    page = folder / "page.html"
    page.write_text(f"<html><body><p>{LONG}</p></body></html>\n", encoding="utf-8")
    assert run_cli(folder, "extract", "page.html", "-o", "page.pot").returncode == 0
    catalog = read_catalog(folder / "page.pot")
    catalog.metadata["Language"] = language
    for entry in catalog:
        entry.msgstr = "This directive sets the page's domain, see the guide."
    write_catalog(folder / "page.po", catalog)
    return page, folder / "page.po"


def test_a_refused_translation_names_its_catalog_line_and_whole_msgid(tmp_path: Path) -> None:
    _, po = _page_and_catalog(tmp_path)
    done = run_cli(tmp_path, "build", "page.html", "--po", "page.po", "-o", "out.html")
    assert done.returncode == 0, done.stderr
    entry = next(e for e in read_catalog(po) if e.msgid)
    lines = po.read_text(encoding="utf-8").splitlines()
    msgstr_line = next(n for n, line in enumerate(lines, 1) if line.startswith("msgstr") and n > 3)
    assert entry.msgid.startswith("Cette directive") and len(entry.msgid) > 60
    said = f"passerelle: warning: page.po:{msgstr_line}: translation of {entry.msgid!r} not used: "
    assert done.stderr.startswith(said), done.stderr


def test_a_catalog_in_bcp47_builds_in_that_language(tmp_path: Path) -> None:
    _page_and_catalog(tmp_path, language="en-CA")
    done = run_cli(tmp_path, "build", "page.html", "--po", "page.po", "-o", "out.html")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert '<html lang="en-CA"' in (tmp_path / "out.html").read_text(encoding="utf-8")


def test_a_catalog_language_babel_does_not_know_is_an_error_at_its_line(tmp_path: Path) -> None:
    _page_and_catalog(tmp_path, language="xx")
    done = run_cli(tmp_path, "build", "page.html", "--po", "page.po", "-o", "out.html")
    lines = (tmp_path / "page.po").read_text(encoding="utf-8").splitlines()
    line = lines.index('"Language: xx\\n"') + 1
    assert done.returncode == 2
    assert done.stderr == (
        f"passerelle: error: page.po:{line}: Language: 'xx' is not a known locale code"
        " (fix it or pass --lang)\n"
    )
    assert not (tmp_path / "out.html").exists()


def test_templates_given_as_catalogs_get_the_right_advice(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("Bonjour.\n", encoding="utf-8")
    assert run_cli(tmp_path, "extract", "src", "-o", "pots").returncode == 0
    done = run_cli(tmp_path, "build", "src", "--po", "pots", "-o", "out", "--lang", "de")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "extract" not in done.stderr
    assert "pots/a.po: catalog not found, only its template a.pot" in done.stderr
    assert "--po takes translated catalogs (.po)" in done.stderr
    assert not (tmp_path / "out").exists()


def test_folder_merge_counts_in_the_right_number(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("Bonjour.\n", encoding="utf-8")
    assert run_cli(tmp_path, "extract", "src", "-o", "pot").returncode == 0
    (tmp_path / "po").mkdir()
    done = run_cli(tmp_path, "merge", "po", "pot", "-o", "out", "--lang", "de")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "1 catalog written, 0 unchanged\n"


def _said(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, str]:
    """A command run in this process: what it wrote on stdout and stderr."""
    run_main(*args)
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_project_commands_count_in_the_right_number(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plant_source_typo(project)
    monkeypatch.chdir(project)
    said = [_said(capsys, command) for command in ("extract", "update", "build", "check")]
    assert said[0][0] == "extract: 1 template written\n"
    assert said[1][0] == "update: 3 catalogs written\n"
    assert re.fullmatch(r"build: \d+ files written\n", said[2][0])
    assert said[3][1].endswith("check: 0 errors, 1 warning in 5 files checked\n")
    assert not any("(s)" in out + err for out, err in said)


def test_junit_json_and_the_summary_count_the_same_files(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plant_source_typo(project)
    run_steps_inline(load_config(project), "extract", "update")
    monkeypatch.chdir(project)
    junit = _said(capsys, "check", "--format", "junit")
    js = _said(capsys, "check", "--format", "json")
    suite = ET.fromstring(junit[0])
    files = json.loads(js[0])["files"]
    assert "source/article.txt" in files  # a source document's finding is a file checked too
    cases = [case.get("name") for case in suite.iter("testcase")]
    assert cases == files and suite.get("tests") == str(len(files))
    for _, err in (junit, js):
        assert err.endswith(f" in {len(files)} files checked\n"), err
