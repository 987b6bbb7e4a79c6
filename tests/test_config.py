"""Settings: what is accepted, and the errors a typo gets."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from passerelle.config import Config, Thresholds, load_config, parse_config
from passerelle.errors import ConfigError


def test_repository_config_reads_the_six_languages() -> None:
    repo = Path(__file__).resolve().parents[1]
    config = load_config(path=repo / "pyproject.toml")
    assert config.source_lang == "fr"
    assert config.languages == ("en", "zh_CN", "ja", "de", "es", "ar")
    assert config.source_dir == repo / "source"
    assert config.segment == "sentence"


def test_standalone_file_is_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "passerelle.toml").write_text('languages = ["pt_BR"]\n', encoding="utf-8")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    config = load_config(tmp_path / "deep" / "er")
    assert config.languages == ("pt_BR",)
    assert config.root == tmp_path.resolve()


def test_unknown_key_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown setting 'langauges'"):
        parse_config({"langauges": ["en"]}, root=tmp_path)


@pytest.mark.parametrize("code", ["xx_YY", "english", "zh-Hant-XX-bogus"])
def test_invalid_locale_is_an_error(tmp_path: Path, code: str) -> None:
    with pytest.raises(ConfigError, match="not a known locale"):
        parse_config({"languages": [code]}, root=tmp_path)


def test_segment_mode_and_threshold_are_validated(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="segment"):
        parse_config({"segment": "word"}, root=tmp_path)
    with pytest.raises(ConfigError, match="release-threshold"):
        parse_config({"release-threshold": 120}, root=tmp_path)


def test_thresholds_per_language(tmp_path: Path) -> None:
    config = parse_config(
        {"thresholds": {"de": {"max-fuzzy": 10}, "*": {"max-untranslated": 50}}}, root=tmp_path
    )
    assert config.thresholds_for("de").max_fuzzy == 10
    assert config.thresholds_for("ja").max_untranslated == 50


def test_broken_toml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "passerelle.toml"
    path.write_text('languages = ["en"\nsegment = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path=path)
    assert str(path) in str(info.value)
    assert "invalid TOML" in str(info.value)


def test_an_empty_table_gives_the_dataclass_defaults(tmp_path: Path) -> None:
    """One source of defaults: the parser says what ``Config`` says (paths under the root)."""
    parsed = parse_config({}, root=tmp_path)
    plain = Config(root=tmp_path)
    for item in dataclasses.fields(Config):
        value, default = getattr(parsed, item.name), getattr(plain, item.name)
        if isinstance(default, Path) and item.name != "root":
            assert value == tmp_path / default, item.name
        else:
            assert value == default, item.name
    assert parse_config({"thresholds": {"de": {}}}, root=tmp_path).thresholds_for("de") == (
        Thresholds()
    )


def test_a_threshold_that_is_no_number_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="thresholds.de"):
        parse_config({"thresholds": {"de": {"max-fuzzy": "ten"}}}, root=tmp_path)
