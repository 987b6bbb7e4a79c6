"""Tuning the checks: ``[tool.passerelle.checks]`` settings and ``#, ignore-CODE`` flags, honoured
alike by ``check``, ``run``, ``release`` and ``status``."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from helpers import gettext_tool, run_cli, run_main, run_steps_inline
from passerelle.config import load_config
from passerelle.po.catalog import read_catalog, write_catalog

SETTINGS = """\
[project]
name = "site"

[tool.passerelle]
source-lang = "fr"
languages = ["en"]
segment = "paragraph"
release-threshold = 80
"""

ARTICLE = """\
Une délégation visite le quartier du Bund Ouest.

Le 11 octobre 2025, une délégation de 35 chefs d'entreprise s'est réunie à Shanghai.

Les participants ont discuté de l'avenir de la technologie.
"""

DROPPED = "On 11 October, a delegation of 35 business leaders met in Shanghai."


def make_project(root: Path, checks: str = "", *, flag: str | None = None) -> Path:
    """A project whose English catalog is complete but drops the year ``2025`` (an error);
    ``flag`` is added to that entry's flags, ``checks`` to the settings."""
    root.mkdir(exist_ok=True)
    (root / "pyproject.toml").write_text(SETTINGS + checks, encoding="utf-8")
    (root / "source").mkdir()
    (root / "source" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    run_steps_inline(load_config(root), "extract", "update")
    path = root / "locales" / "en" / "article.po"
    po = read_catalog(path)
    for entry in po:
        if "2025" in entry.msgid:
            entry.msgstr = DROPPED
            entry.flags += [flag] if flag else []
        elif entry.msgid:
            entry.msgstr = "EN " + entry.msgid
    write_catalog(path, po)
    return path


def check(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.chdir(root)
    return run_main("check", *args)


def test_a_disabled_check_reports_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_project(tmp_path / "on")
    assert check(tmp_path / "on", monkeypatch) == 1
    assert "error number-missing" in capsys.readouterr().out
    make_project(tmp_path / "off", '\n[tool.passerelle.checks]\ndisable = ["number-missing"]\n')
    assert check(tmp_path / "off", monkeypatch) == 0
    assert "number-missing" not in capsys.readouterr().out


def test_a_severity_setting_lowers_or_raises_a_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lowered = '\n[tool.passerelle.checks.severity]\nnumber-missing = "warning"\n'
    make_project(tmp_path / "low", lowered)
    assert check(tmp_path / "low", monkeypatch) == 0
    assert "warning number-missing" in capsys.readouterr().out
    raised = '\n[tool.passerelle.checks]\nseverity = { source-doubled-word = "error" }\n'
    root = make_project(tmp_path / "high", raised).parents[2]
    article = root / "source" / "article.txt"
    article.write_text(ARTICLE.replace("le quartier", "le le quartier"), encoding="utf-8")
    run_steps_inline(load_config(root), "extract")
    capsys.readouterr()
    assert check(root, monkeypatch, "--lang", "en") == 1
    assert "error source-doubled-word" in capsys.readouterr().out


def test_a_fuzzy_entry_stays_a_warning_whatever_the_severity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_project(
        tmp_path, '\n[tool.passerelle.checks]\nseverity = {number-missing = "error"}\n'
    )
    po = read_catalog(path)
    for entry in po:
        if entry.msgstr == DROPPED:
            entry.flags.append("fuzzy")
    write_catalog(path, po)
    assert check(tmp_path, monkeypatch) == 0
    assert "warning number-missing" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("table", "line", "wanted", "command"),
    [
        ('disable = [\n  "url-missing",\n  "number-mising",\n]\n', 13, "number-missing", "check"),
        ('[tool.passerelle.checks.severity]\nurl-chnged = "error"\n', 12, "url-changed", "status"),
        ('disabel = ["url-missing"]\n', 11, "disable", "run"),
    ],
)
def test_an_unknown_name_is_one_line_naming_pyproject_and_its_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    table: str,
    line: int,
    wanted: str,
    command: str,
) -> None:
    make_project(tmp_path)
    settings = tmp_path / "pyproject.toml"
    settings.write_text(SETTINGS + "\n[tool.passerelle.checks]\n" + table, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    for name in dict.fromkeys(("check", command)):
        assert run_main(name) == 2
        [message] = capsys.readouterr().err.splitlines()
        assert message.startswith(f"passerelle: error: {settings}:{line}: ")
        assert message.endswith(f"(did you mean {wanted!r}?)")


def test_po_syntax_cannot_be_turned_off(tmp_path: Path) -> None:
    make_project(tmp_path, '\n[tool.passerelle.checks]\ndisable = ["po-syntax"]\n')
    done = run_cli(tmp_path, "check")
    assert done.returncode == 2
    assert "pyproject.toml:11: checks: po-syntax cannot be turned off" in done.stderr


def test_a_flag_exempts_the_entry_in_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_project(tmp_path, flag="ignore-number-missing")
    assert check(tmp_path, monkeypatch) == 0
    captured = capsys.readouterr()
    assert "number-missing" not in captured.out
    assert "; 1 exempted by ignore- flags" in captured.err
    assert check(tmp_path, monkeypatch, str(path)) == 0  # file mode, as pre-commit runs it
    assert "number-missing" not in capsys.readouterr().out


def test_a_misspelt_flag_is_reported_in_the_project_and_exempts_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_project(tmp_path, flag="ignore-number-mising")
    line = path.read_text(encoding="utf-8").splitlines().index("#, ignore-number-mising") + 1
    assert check(tmp_path, monkeypatch) == 1
    out = capsys.readouterr().out
    assert "error number-missing" in out
    assert (
        f"locales/en/article.po:{line}: warning unknown-ignore-flag: flag 'ignore-number-mising'"
        " silences nothing: no entry check is named 'number-mising'; did you mean"
        " 'ignore-number-missing'?\n"
    ) in out


def test_a_flag_exempts_only_its_own_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_project(tmp_path, flag="ignore-url-missing")
    assert check(tmp_path, monkeypatch) == 1
    assert "error number-missing" in capsys.readouterr().out


def test_status_counts_exempted_findings_per_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_project(tmp_path, flag="ignore-number-missing")
    monkeypatch.chdir(tmp_path)
    assert run_main("status", "--format", "json") == 0
    [en] = json.loads(capsys.readouterr().out)["languages"]
    assert (en["errors"], en["exempted"]) == (0, 1)
    assert en["documents"][0]["exempted"] == 1
    assert run_main("status") == 0
    assert "exempted findings (#, ignore-CODE flags): en 1" in capsys.readouterr().out


def test_run_passes_when_the_only_error_is_exempted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_project(tmp_path / "plain")
    monkeypatch.chdir(tmp_path / "plain")
    assert run_main("run") == 1
    assert "error number-missing" in capsys.readouterr().out
    make_project(tmp_path / "flagged", flag="ignore-number-missing")
    monkeypatch.chdir(tmp_path / "flagged")
    assert run_main("run") == 0
    captured = capsys.readouterr()
    assert "number-missing" not in captured.out + captured.err
    assert "exempted findings (#, ignore-CODE flags): en 1" in captured.out + captured.err


def test_release_ships_a_language_whose_only_error_is_exempted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_project(tmp_path / "plain")
    monkeypatch.chdir(tmp_path / "plain")
    run_main("release")
    assert not (tmp_path / "plain" / "dist" / "en").exists()
    make_project(tmp_path / "flagged", flag="ignore-number-missing")
    monkeypatch.chdir(tmp_path / "flagged")
    assert run_main("release") == 0
    assert (tmp_path / "flagged" / "dist" / "en" / "article.txt").exists()


def test_the_flag_survives_update_merge_and_msgfmt(tmp_path: Path) -> None:
    path = make_project(tmp_path, flag="ignore-number-missing")
    done = subprocess.run(
        [gettext_tool("msgfmt"), "-c", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    source = tmp_path / "source" / "article.txt"
    source.write_text(ARTICLE + "\nUn paragraphe ajouté.\n", encoding="utf-8")
    run_steps_inline(load_config(tmp_path), "extract", "update")
    [kept] = [e for e in read_catalog(path) if "2025" in e.msgid]
    assert "ignore-number-missing" in kept.flags and kept.msgstr == DROPPED
    merged = tmp_path / "merged.po"
    done = run_cli(tmp_path, "merge", str(path), "locales/article.pot", "-o", str(merged))
    assert done.returncode == 0, done.stderr
    [kept] = [e for e in read_catalog(merged) if "2025" in e.msgid]
    assert "ignore-number-missing" in kept.flags
