"""Checks over a whole project: the CLI's exit codes, file mode, and the step ``run`` calls."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from helpers import plant_source_typo, run_steps_inline
from passerelle.cli import Context, main
from passerelle.config import load_config
from passerelle.po.catalog import read_catalog, write_catalog
from passerelle.project.checking import check_project
from passerelle.project.console import Lines
from passerelle.project.pipeline import Renderers, check_step
from passerelle.reports.findings import findings_text


@pytest.fixture
def project(project: Path) -> Path:
    """The shared article project, segmented by paragraph so these tests need no segmenter."""
    toml = project / "passerelle.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('"sentence"', '"paragraph"'), encoding="utf-8"
    )
    return project


def prepare(project: Path) -> None:
    config = load_config(project)
    run_steps_inline(config, "extract", "update")


def translate(project: Path, lang: str, start: str, text: str, *, fuzzy: bool = False) -> int:
    """Set the translation of the entry whose msgid starts with ``start``; return its line."""
    path = project / "locales" / lang / "article.po"
    catalog = read_catalog(path)
    [entry] = [e for e in catalog if e.msgid.startswith(start)]
    entry.msgstr = text
    if fuzzy:
        entry.flags.append("fuzzy")
    write_catalog(path, catalog)
    [entry] = [e for e in read_catalog(path) if e.msgid.startswith(start)]
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(
        n for n in range(entry.linenum, len(lines) + 1) if lines[n - 1].startswith("msgstr")
    )


def run_cli(monkeypatch: pytest.MonkeyPatch, cwd: Path, *args: str) -> int:
    monkeypatch.chdir(cwd)
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    return int(exit_info.value.code or 0)


def test_fresh_project_reports_only_the_sources_own_typo(project: Path) -> None:
    plant_source_typo(project)
    prepare(project)
    findings = check_project(load_config(project))
    assert [(f.path, f.line, f.severity, f.code) for f in findings] == [
        ("source/article.txt", 15, "warning", "source-doubled-word")
    ]
    assert "l'l'" in findings[0].message
    assert "l'l'intelligence" in (project / "source" / "article.txt").read_text(encoding="utf-8")


def test_check_exit_codes(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plant_source_typo(project)
    prepare(project)
    assert run_cli(monkeypatch, project, "check") == 0
    assert run_cli(monkeypatch, project, "check", "--fail-on", "warning") == 1
    line = translate(
        project,
        "en",
        "Le 11 octobre 2025, une",
        "On 11 October, a delegation met.<script>x()</script>",
    )
    capsys.readouterr()
    assert run_cli(monkeypatch, project, "check", "--lang", "en", "--format", "github") == 1
    out = capsys.readouterr().out
    for code in ("number-missing", "markup-injection"):
        assert f"::error file=locales/en/article.po,line={line},title={code}::" in out
    assert "locales/de/" not in out


def test_check_refuses_an_unknown_language(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prepare(project)
    assert run_cli(monkeypatch, project, "check", "--lang", "klingon") == 2
    assert "--lang: 'klingon' is not a known locale code" in capsys.readouterr().err


def test_check_without_settings_cannot_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(monkeypatch, tmp_path, "check") == 2
    assert "no project configuration found" in capsys.readouterr().err


def test_file_mode_finds_the_template(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prepare(project)
    translate(project, "de", "Les membres de l'IBLAC", "IBLAC-Mitglieder erkunden die KI")
    assert run_cli(monkeypatch, project, "check", "locales/de/article.po") == 0
    source = project / "source" / "article.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nUn paragraphe ajouté.\n", "utf-8")
    run_steps_inline(load_config(project), "extract")
    capsys.readouterr()
    assert run_cli(monkeypatch, project, "check", "locales/de/article.po") == 1
    assert "locales/de/article.po: error catalog-stale:" in capsys.readouterr().out


def step(project: Path) -> tuple[int, str]:
    """Run's check step; its exit status and what it says."""
    console = Lines()
    render = Renderers(findings=findings_text, status=lambda status, _: "")
    code = check_step(load_config(project), None, console, render)
    return code, "".join(line + "\n" for line in console.said)


def test_run_step_passes_untranslated_languages_and_warnings(project: Path) -> None:
    plant_source_typo(project)
    prepare(project)
    translate(project, "de", "Les membres de l'IBLAC", "Die die IBLAC-Mitglieder")  # a warning
    translate(project, "ar", "Le 11 octobre 2025, une", "<script>", fuzzy=True)  # a draft: warnings
    code, out = step(project)
    assert code == 0
    assert "source/article.txt:15: warning source-doubled-word" in out
    assert "doubled-word" in out and "(fuzzy entry)" in out


def test_run_step_fails_on_errors_in_translated_content(project: Path) -> None:
    prepare(project)
    translate(project, "en", "Le 11 octobre 2025, une", "On 11 October, a delegation met.")
    code, out = step(project)
    assert code == 1
    assert "; 1 error in translated content" in out


def test_status_runs_with_its_defaults_as_run_invokes_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from passerelle.cli.checking import status

    prepare(project)
    with click.Context(status, obj=Context(project / "passerelle.toml")) as ctx:
        ctx.invoke(status)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["lang", "document"]
    assert [line.split()[0] for line in lines[1:4]] == ["en", "de", "ar"]
