"""A bad setting is one line naming the file, the line that writes it, and the nearest right
word; engine names and check names alike; nothing runs, nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_cli
from passerelle.config import load_config
from passerelle.errors import ConfigError
from passerelle.hints import did_you_mean, locate

PYPROJECT = """\
[project]
name = "site"

[tool.ruff]
segment = "sentence"

[tool.passerelle]
source-lang = "fr"
languages = [
    "en",
    "de",
]
{extra}

[tool.passerelle.thresholds.de]
max-fuzzy = 10
{threshold}
"""


def settings_error(tmp_path: Path, extra: str = "", threshold: str = "") -> ConfigError:
    path = tmp_path / "pyproject.toml"
    path.write_text(PYPROJECT.format(extra=extra, threshold=threshold), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path=path)
    return info.value


def line_of(tmp_path: Path, text: str) -> int:
    lines = (tmp_path / "pyproject.toml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("extra", "written", "said", "hint"),
    [
        ('langauges = ["ja"]', "langauges", "unknown setting 'langauges'", "'languages'"),
        ('segment = "sentance"', "sentance", "segment: 'sentance'", "'sentence'"),
        ('obsolete = "dorp"', "dorp", "obsolete: 'dorp'", "'drop'"),
        ('draft-languages = ["de", "jp"]', '"jp"', "'jp' is not a known locale", None),
        ("follow-links = 1", "follow-links", "follow-links must be true or false", None),
        ('base-url = "example.org"', "base-url", "not an absolute http(s) URL", None),
        ('allowed-hosts = ["https://x.org/"]', "allowed-hosts", "not a host name", None),
        ("release-threshold = 200", "release-threshold", "from 0 to 100", None),
    ],
)
def test_a_bad_setting_names_its_line_and_the_right_word(
    tmp_path: Path, extra: str, written: str, said: str, hint: str | None
) -> None:
    error = settings_error(tmp_path, extra=extra)
    assert error.path == str(tmp_path / "pyproject.toml")
    assert error.line == line_of(tmp_path, written)
    assert said in error.message
    if hint is not None:
        assert error.hint == f"did you mean {hint}?"


def test_a_bad_language_in_a_list_names_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(PYPROJECT.format(extra="", threshold="").replace('"de",', '"dee",'), "utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path=path)
    assert info.value.line == line_of(tmp_path, '"dee"')
    assert "languages: 'dee' is not a known locale code" in info.value.message


def test_a_bad_threshold_key_is_found_in_its_table(tmp_path: Path) -> None:
    error = settings_error(tmp_path, threshold="max-fuzy = 3")
    assert error.line == line_of(tmp_path, "max-fuzy")
    assert error.hint == "did you mean 'max-fuzzy'?"


def test_a_key_is_looked_for_in_its_own_table_first() -> None:
    lines = ["segment = 1", "[tool.passerelle]", "segment = 2", "[tool.passerelle.checks]", "x"]
    assert locate(lines, "segment") == 3
    assert locate(lines, "x", "checks") == 5
    assert locate(lines, "absent") is None
    assert did_you_mean("Languages", ["languages", "segment"]) == "languages"
    assert did_you_mean("zzz", ["languages"]) is None


@pytest.mark.parametrize("command", ["run", "draft"])
def test_an_unknown_draft_engine_stops_before_anything_runs(project: Path, command: str) -> None:
    toml = project / "passerelle.toml"
    toml.write_text(toml.read_text("utf-8") + 'draft-engine = "gogle"\n', encoding="utf-8")
    before = sorted(project.rglob("*"))
    done = run_cli(project, command, *(["--lang", "de"] if command == "draft" else []))
    assert done.returncode == 2, done.stdout + done.stderr
    line = toml.read_text("utf-8").splitlines().index('draft-engine = "gogle"') + 1
    assert done.stderr == (
        f"passerelle: error: {toml.resolve()}:{line}: draft-engine: unknown engine 'gogle'"
        " (did you mean 'google'?)\n"
    )
    assert sorted(project.rglob("*")) == before


def test_an_unknown_engine_option_is_one_line(project: Path) -> None:
    done = run_cli(project, "draft", "--engine", "deepll", "--lang", "de")
    assert done.returncode == 2
    assert done.stderr == (
        "passerelle: error: --engine: unknown engine 'deepll' (did you mean 'deepl'?)\n"
    )
    assert not (project / "locales").exists() and not (project / ".cache").exists()
