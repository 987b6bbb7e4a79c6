"""``#, ignore-CODE`` flags that name no entry check are reported, at their ``#,`` line, with
the nearest check's flag, in every format ``check`` writes; gettext's own flags never are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from helpers import msgfmt_check, run_main

SETTINGS = '[tool.passerelle]\nsource-lang = "fr"\nlanguages = ["en"]\n'

CATALOG = """\
msgid ""
msgstr ""
"Language: en\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#. a paragraph
#: article.txt:3
#, {flags}
msgid "Les 3 mousquetaires"
msgstr "The musketeers"
"""
FLAG_LINE = 8
SHOWN = "locales/en/article.po"  # under the locales folder: the project's settings apply
TYPO = "flag 'ignore-number-mising' silences nothing: no entry check is named 'number-mising'; "
HINT = "did you mean 'ignore-number-missing'?"


def write_project(root: Path, flags: str, checks: str = "") -> Path:
    """A project's settings and a catalog whose only entry drops the number 3 (an error)."""
    (root / "pyproject.toml").write_text(SETTINGS + checks, encoding="utf-8")
    path = root / SHOWN
    path.parent.mkdir(parents=True)
    path.write_text(CATALOG.format(flags=flags), encoding="utf-8")
    assert msgfmt_check(path).returncode == 0  # gettext accepts every flag used here
    return path


def check(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    monkeypatch.chdir(root)
    capsys.readouterr()
    status = run_main("check", SHOWN, *args)
    return status, capsys.readouterr().out


def test_a_misspelt_flag_is_reported_at_its_line_and_silences_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(tmp_path, "fuzzy, ignore-number-mising")
    status, out = check(tmp_path, monkeypatch, capsys)
    assert f"{SHOWN}:{FLAG_LINE}: warning unknown-ignore-flag: {TYPO}{HINT}\n" in out
    assert "warning number-missing" in out  # fuzzy: a warning, but not exempted
    assert status == 0


@pytest.mark.parametrize("fmt", ["json", "github", "junit"])
def test_every_format_carries_the_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    write_project(tmp_path, "ignore-number-mising")
    status, out = check(tmp_path, monkeypatch, capsys, "--format", fmt)
    assert status == 1  # number-missing is not exempted
    if fmt == "json":
        found = [f for f in json.loads(out)["findings"] if f["code"] == "unknown-ignore-flag"]
        assert [(f["path"], f["line"], f["severity"]) for f in found] == [
            (SHOWN, FLAG_LINE, "warning")
        ]
        assert found[0]["message"] == TYPO + HINT
    elif fmt == "github":
        assert f"::warning file={SHOWN},line={FLAG_LINE},title=unknown-ignore-flag::" in out
        assert HINT in out
    else:
        [case] = etree.fromstring(out.encode()).iter("testcase")  # warnings: its system-out
        text = "".join(case.itertext())
        assert case.get("name") == SHOWN
        assert f"{SHOWN}:{FLAG_LINE}: warning unknown-ignore-flag: {TYPO}{HINT}" in text


def test_a_valid_flag_silences_its_check_and_is_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(tmp_path, "ignore-number-missing")
    status, out = check(tmp_path, monkeypatch, capsys)
    assert (status, out) == (0, "")


def test_gettext_flags_are_never_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = "fuzzy, no-c-format, no-wrap, range: 0..5, ignored, ignore, ignore-number-missing"
    write_project(tmp_path, flags)
    status, out = check(tmp_path, monkeypatch, capsys)
    assert (status, out) == (0, "")


def test_a_flag_naming_a_whole_catalog_check_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(tmp_path, "ignore-number-missing, ignore-catalog-stale")
    _, out = check(tmp_path, monkeypatch, capsys)
    assert f"{SHOWN}:{FLAG_LINE}: warning unknown-ignore-flag: flag 'ignore-catalog-stale'" in out
    assert "catalog-stale is not an entry check" in out


def test_each_unknown_flag_is_reported_at_its_own_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(tmp_path, "ignore-url-mising\n#, c-format, ignore-zzz")
    _, out = check(tmp_path, monkeypatch, capsys)
    found = [line for line in out.splitlines() if "unknown-ignore-flag" in line]
    assert [line.split(": warning")[0] for line in found] == [
        f"{SHOWN}:{FLAG_LINE}",
        f"{SHOWN}:{FLAG_LINE + 1}",
    ]
    assert "did you mean 'ignore-url-missing'?" in found[0]
    assert found[1].endswith("passerelle check --help lists the checks")


@pytest.mark.parametrize(
    ("checks", "status", "shown"),
    [
        ('\n[tool.passerelle.checks]\ndisable = ["unknown-ignore-flag"]\n', 0, None),
        ('\n[tool.passerelle.checks.severity]\nunknown-ignore-flag = "error"\n', 1, "error"),
    ],
)
def test_the_settings_turn_the_check_off_or_raise_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    checks: str,
    status: int,
    shown: str | None,
) -> None:
    write_project(tmp_path, "fuzzy, ignore-number-mising", checks)
    done, out = check(tmp_path, monkeypatch, capsys)
    assert done == status
    reported = [line for line in out.splitlines() if "unknown-ignore-flag" in line]
    assert [line.split()[1] for line in reported] == ([shown] if shown else [])
