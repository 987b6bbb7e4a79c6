"""``--lang`` and language settings: one spelling per language, and a one-line error with the
nearest right code for a code that is none, before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_main, run_steps_inline
from passerelle.config import load_config, parse_config, project_languages, validate_locale
from passerelle.errors import ConfigError
from passerelle.locale import gettext_code, same_locale, text_direction


def tree(folder: Path) -> set[str]:
    """Every file and folder below ``folder``."""
    return {str(path.relative_to(folder)) for path in folder.rglob("*")}


def refused(capsys: pytest.CaptureFixture[str], project: Path, *args: str) -> tuple[str, set[str]]:
    """Run the command line in ``project``; assert exit 2 and one line on stderr, no
    traceback; return that line and the paths the run created."""
    before = tree(project)
    code = run_main(*args)
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert code == 2, captured.out + captured.err
    assert len(lines) == 1 and lines[0].startswith("passerelle: error: "), captured.err
    return lines[0], tree(project) - before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("build", "--lang", "xx"), ["'xx' is not a known locale code", "en, de, ar"]),
        (("update", "--lang", "fr_XX"), ["'fr_XX' is not a known locale code"]),
        (("build", "--lang", "pt_BR"), ["'pt_BR' is not a language of this project"]),
        (("update", "--lang", "dr"), ["did you mean 'de'?"]),
        (("build", "--lang", "en-CA"), ["did you mean 'en'?", "languages in passerelle.toml"]),
        (("status", "--lang", "ar_XX"), ["'ar_XX'"]),
        (("draft", "--lang", "xx"), ["'xx'"]),
        (("check", "--lang", "ja"), ["'ja' is not a language of this project"]),
    ],
)
def test_a_wrong_lang_is_one_line_and_creates_nothing(
    capsys: pytest.CaptureFixture[str],
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    words: list[str],
) -> None:
    monkeypatch.chdir(project)
    line, created = refused(capsys, project, *args)
    assert created == set()
    for word in words:
        assert word in line


@pytest.mark.parametrize("given", ["DE", "de-DE", "de_de", "De"])
def test_any_spelling_of_a_project_language_is_the_projects(
    capsys: pytest.CaptureFixture[str],
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    given: str,
) -> None:
    config = load_config(project)
    run_steps_inline(config, "extract")
    monkeypatch.chdir(project)
    assert run_main("update", "--lang", given) == 0
    capsys.readouterr()
    assert sorted(p.name for p in (project / "locales").iterdir() if p.is_dir()) == ["de"]


def test_spellings_are_matched_by_likely_subtags_not_by_guessing(tmp_path: Path) -> None:
    config = parse_config({"languages": ["de", "zh_CN", "en_CA"]}, root=tmp_path)
    assert project_languages(config, ("de-DE", "ZH-hans", "en-ca")) == ("de", "zh_CN", "en_CA")
    for other in ("de-AT", "en", "en-US", "zh-TW"):
        with pytest.raises(ConfigError, match="not a language of this project"):
            project_languages(config, (other,))


def test_bcp47_and_gettext_spellings_are_one_locale() -> None:
    assert gettext_code("en-CA") == gettext_code("en_CA") == gettext_code("EN-ca") == "en_CA"
    assert gettext_code("zh-hant-tw") == "zh_Hant_TW" and gettext_code("sr@latin") == "sr@latin"
    assert same_locale("de", "de-DE") and not same_locale("en", "en-CA")
    assert text_direction("ar-EG") == "rtl" and text_direction("en-CA") == "ltr"
    assert validate_locale("pt-BR") == "pt_BR"


def test_a_settings_language_in_bcp47_names_the_gettext_folder(tmp_path: Path) -> None:
    config = parse_config(
        {"languages": ["en-GB"], "thresholds": {"EN-gb": {"max-fuzzy": 5}}}, root=tmp_path
    )
    assert config.languages == ("en_GB",)
    assert config.thresholds_for("en_GB").max_fuzzy == 5


def test_file_mode_lang_is_checked_against_babel_with_a_hint(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "page.txt").write_text("Bonjour.\n", encoding="utf-8")
    (tmp_path / "page.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    args = ("build", "page.txt", "--po", "page.po", "-o", "out.txt")
    line, created = refused(capsys, tmp_path, *args, "--lang", "fr_XX")
    assert "'fr_XX' is not a known locale code (did you mean 'fr'?)" in line
    assert created == set()
    assert run_main(*args, "--lang", "EN-ca") == 0
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "Bonjour.\n"
