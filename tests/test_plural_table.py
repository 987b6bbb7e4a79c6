"""Plural-Forms agrees with CLDR or with GNU gettext's table: either passes the check, and a
real mismatch names both rules and the header to write."""

from __future__ import annotations

from pathlib import Path

from passerelle.steps.checks import check_catalog_file
from passerelle.steps.checks.plural_table import gnu_plural_forms

BODY = 'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Plural-Forms: {plural}\\n"\n\n'
BODY += 'msgid "Bonjour"\nmsgstr "Hola"\n'
MSGINIT_SPANISH = "nplurals=2; plural=(n != 1);"
CLDR_SPANISH = "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"


def check(tmp_path: Path, lang: str, plural: str) -> list[str]:
    path = tmp_path / lang / "a.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(BODY.format(lang=lang, plural=plural), encoding="utf-8")
    return [f.message for f in check_catalog_file(path, lang=lang)]


def test_msginit_spanish_header_passes(tmp_path: Path) -> None:
    assert check(tmp_path, "es", MSGINIT_SPANISH) == []
    assert check(tmp_path, "es", CLDR_SPANISH) == []
    assert check(tmp_path, "es", "nplurals=2; plural=n!=1;") == []  # spelt differently


def test_gnu_rules_pass_for_their_languages(tmp_path: Path) -> None:
    for lang in ("pt_BR", "fr", "ru", "pl", "cs", "lt", "ro", "ga", "sl", "ja", "de"):
        rule = gnu_plural_forms(lang)
        assert rule is not None
        assert check(tmp_path, lang, rule) == [], lang


def test_a_real_mismatch_names_both_rules_and_the_fix(tmp_path: Path) -> None:
    [message] = check(tmp_path, "es", "nplurals=2; plural=(n > 1);")
    assert "CLDR has " + repr(CLDR_SPANISH) in message
    assert "GNU gettext has " + repr(MSGINIT_SPANISH) in message
    assert "n=0 takes form 1, not 0" in message  # where GNU's rule and the header part
    assert message.endswith(f"set the header to {CLDR_SPANISH!r}")


def test_a_language_gnu_does_not_list_is_held_to_cldr(tmp_path: Path) -> None:
    assert gnu_plural_forms("ar") is None
    [message] = check(tmp_path, "ar", MSGINIT_SPANISH)
    assert "nplurals=6, not 2" in message and "GNU" not in message
