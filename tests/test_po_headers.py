"""The header fields a project owns: its name and version, its teams, the generator; and a
translator's own Last-Translator line left as they wrote it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import ARTICLE, gettext_tool, run_steps_inline
from passerelle.config import load_config
from passerelle.errors import ConfigError
from passerelle.po.catalog import read_catalog

PYPROJECT = """\
[project]
name = "gazette"
version = "2.3"

[tool.passerelle]
source-lang = "fr"
languages = ["en", "es", "ar"]
draft-languages = ["qps"]

[tool.passerelle.language-teams]
es = "Equipo de traducción <es@gazette.example>"
"*" = "Gazette {language} team"
"""


@pytest.fixture
def gazette(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "source").mkdir()
    text = ARTICLE.read_text(encoding="utf-8")
    (tmp_path / "source" / "article.txt").write_text(text, encoding="utf-8")
    return tmp_path


def msgfmt_warnings(path: Path) -> str:
    done = subprocess.run(
        [gettext_tool("msgfmt"), "-c", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_catalogs_name_project_team_and_generator_and_msgfmt_is_silent(gazette: Path) -> None:
    config = load_config(gazette)
    run_steps_inline(config, "extract", "update")
    run_steps_inline(config, "update", languages=("qps",))  # as draft prepares it
    pot = read_catalog(gazette / "locales" / "article.pot")
    assert pot.metadata["Project-Id-Version"] == "gazette 2.3"
    assert pot.metadata["X-Generator"] == "Passerelle 0.1.0"
    teams = {}
    for lang in ("en", "es", "ar", "qps"):
        path = gazette / "locales" / lang / "article.po"
        assert msgfmt_warnings(path) == ""
        header = read_catalog(path).metadata
        assert header["Project-Id-Version"] == "gazette 2.3"
        assert header["X-Generator"] == "Passerelle 0.1.0"
        teams[lang] = header["Language-Team"]
    assert teams == {
        "en": "Gazette English team",
        "es": "Equipo de traducción <es@gazette.example>",
        "ar": "Gazette Arabic team",
        "qps": "Gazette Pseudo-locale team",
    }


def test_without_settings_no_team_is_a_placeholder(project: Path) -> None:
    config = load_config(project)
    run_steps_inline(config, "extract", "update")
    for lang in config.languages:
        path = project / "locales" / lang / "article.po"
        assert msgfmt_warnings(path) == ""
        header = read_catalog(path).metadata
        assert "LL@li.org" not in header["Language-Team"]
        assert header["Project-Id-Version"] == project.name  # no [project]: the folder's name


def test_last_translator_and_own_team_stay_as_written(gazette: Path) -> None:
    (gazette / "pyproject.toml").write_text(
        PYPROJECT.split("[tool.passerelle.language-teams]")[0], encoding="utf-8"
    )
    config = load_config(gazette)
    run_steps_inline(config, "extract", "update")
    path = gazette / "locales" / "en" / "article.po"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Last-Translator: Automatically generated", "Last-Translator: Zoë Ébert")
    text = text.replace("Language-Team: English", "Language-Team: Team EN <en@gazette.example>")
    path.write_text(text, encoding="utf-8")
    source = gazette / "source" / "article.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nUne phrase ajoutée.\n", "utf-8")
    run_steps_inline(config, "extract", "update")
    header = read_catalog(path).metadata
    assert any(e.msgid == "Une phrase ajoutée." for e in read_catalog(path))
    assert header["Last-Translator"] == "Zoë Ébert"
    assert header["Language-Team"] == "Team EN <en@gazette.example>"


def test_an_old_placeholder_header_is_brought_up_to_date(project: Path) -> None:
    config = load_config(project)
    run_steps_inline(config, "extract", "update")
    path = project / "locales" / "de" / "article.po"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        f"Project-Id-Version: {project.name}", "Project-Id-Version: PACKAGE VERSION"
    )
    path.write_text(text.replace("Language-Team: German", "Language-Team: German <LL@li.org>"))
    run_steps_inline(config, "extract", "update")
    header = read_catalog(path).metadata
    assert (header["Project-Id-Version"], header["Language-Team"]) == (project.name, "German")


def test_a_placeholder_team_setting_is_refused(gazette: Path) -> None:
    (gazette / "pyproject.toml").write_text(
        PYPROJECT.replace("Gazette {language} team", "LANGUAGE <LL@li.org>"), encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="language-teams"):
        load_config(gazette)
