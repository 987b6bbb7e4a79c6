"""Catalog checks (syntax, header, duplicates, staleness, shares) and where findings point."""

from __future__ import annotations

from pathlib import Path

from passerelle.config import Config, Thresholds
from passerelle.steps.checks import Finding, check_catalog_file

HEADER = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: {lang}\\n"
"Plural-Forms: {plural}\\n"

"""
EN_PLURAL = "nplurals=2; plural=(n != 1);"


def write_po(path: Path, body: str, lang: str = "en", plural: str = EN_PLURAL) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(lang=lang, plural=plural) + body, encoding="utf-8")
    return path


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


GOOD = """\
#. paragraph
#: source/a.txt:3
msgid "Le 11 octobre, 35 chefs."
msgstr "On 11 October, 35 leaders."

msgid "Bonjour le monde"
msgstr ""
"""


def test_clean_catalog_has_no_findings(tmp_path: Path) -> None:
    assert check_catalog_file(write_po(tmp_path / "en" / "a.po", GOOD)) == []


def test_syntax_error_is_a_finding_with_its_line(tmp_path: Path) -> None:
    path = write_po(tmp_path / "en" / "a.po", 'msgid "a"\nmsgstr "b"\nmsgstr_bogus "c"\n')
    [finding] = check_catalog_file(path)
    assert (finding.code, finding.severity, finding.line) == (
        "po-syntax",
        "error",
        9,
    )  # the bogus keyword


def test_language_header_missing_or_wrong(tmp_path: Path) -> None:
    path = write_po(tmp_path / "de" / "a.po", GOOD, lang="en")
    [finding] = check_catalog_file(path, lang="de")
    assert finding.code == "header-language"
    assert "'en'" in finding.message and "'de'" in finding.message
    assert check_catalog_file(path, lang="en") == []
    bare = tmp_path / "b.po"
    bare.write_text('msgid ""\nmsgstr ""\n"Plural-Forms: x\\n"\n\n' + GOOD, encoding="utf-8")
    assert "header-language" in codes(check_catalog_file(bare, lang="ja"))


def test_plural_forms_compared_by_meaning(tmp_path: Path) -> None:
    spelt_differently = write_po(tmp_path / "1.po", GOOD, plural="nplurals=2; plural=n!=1;")
    assert check_catalog_file(spelt_differently, lang="en") == []
    wrong = write_po(tmp_path / "2.po", GOOD, plural="nplurals=2; plural=(n > 1);")
    assert codes(check_catalog_file(wrong, lang="en")) == ["header-plural-forms"]
    arabic = write_po(tmp_path / "3.po", GOOD, lang="ar", plural=EN_PLURAL)
    assert codes(check_catalog_file(arabic, lang="ar")) == ["header-plural-forms"]
    japanese = write_po(tmp_path / "4.po", GOOD, lang="ja", plural="nplurals=1; plural=0;")
    assert check_catalog_file(japanese, lang="ja") == []


def test_duplicate_entries(tmp_path: Path) -> None:
    """GNU refuses a catalog defining a msgid twice: it cannot be checked, as msgfmt says."""
    body = GOOD + '\nmsgid "Bonjour le monde"\nmsgstr "Hello world"\n'
    findings = check_catalog_file(write_po(tmp_path / "a.po", body))
    assert codes(findings) == ["po-syntax"]
    assert findings[0].line == 15  # the second entry's msgid
    assert findings[0].message.startswith("duplicate message definition; ")


def test_stale_catalog(tmp_path: Path) -> None:
    template = tmp_path / "a.pot"
    template.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Le 11 octobre, 35 chefs."\nmsgstr ""\n\nmsgid "Un nouveau paragraphe"\nmsgstr ""\n',
        encoding="utf-8",
    )
    po = write_po(tmp_path / "en" / "a.po", GOOD)
    [finding] = check_catalog_file(po, template=template)
    assert finding.code == "catalog-stale"
    assert "run passerelle update" in finding.message
    assert "1 template entry missing, 1 entry no longer in the template" in finding.message
    updated = write_po(
        tmp_path / "en" / "b.po",
        GOOD.replace("Bonjour le monde", "Un nouveau paragraphe"),
    )
    assert check_catalog_file(updated, template=template) == []


def test_fuzzy_and_untranslated_shares(tmp_path: Path) -> None:
    body = GOOD + '\n#, fuzzy\nmsgid "Au revoir"\nmsgstr "Goodbye"\n'
    path = write_po(tmp_path / "en" / "a.po", body)
    strict = Config(root=tmp_path, thresholds={"en": Thresholds(max_fuzzy=20, max_untranslated=30)})
    found = {f.code: f for f in check_catalog_file(path, lang="en", config=strict)}
    assert set(found) == {"fuzzy-threshold", "untranslated-threshold"}
    assert "33.3% fuzzy (1/3), above 20%" in found["fuzzy-threshold"].message
    lenient = Config(root=tmp_path, thresholds={"*": Thresholds(max_fuzzy=50, max_untranslated=50)})
    assert check_catalog_file(path, lang="en", config=lenient) == []


def test_entry_findings_point_at_the_msgstr_line(tmp_path: Path) -> None:
    body = (
        "#. paragraph\n#: source/a.txt:3\n"
        'msgid ""\n"Le 11 octobre, "\n"35 chefs."\n'
        'msgstr ""\n"On 11 October, "\n"leaders."\n'
    )
    [finding] = check_catalog_file(write_po(tmp_path / "en" / "a.po", body))
    assert (finding.code, finding.line, finding.lang) == ("number-missing", 12, "en")
    assert finding.path == str(tmp_path / "en" / "a.po")


def test_problems_in_fuzzy_entries_are_warnings(tmp_path: Path) -> None:
    body = '#, fuzzy\nmsgid "Lisez <a1>ceci</a1>"\nmsgstr "Read this"\n'
    [finding] = check_catalog_file(write_po(tmp_path / "en" / "a.po", body))
    assert (finding.code, finding.severity) == ("placeholder-missing", "warning")
    assert finding.message.endswith("(fuzzy entry)")
    translated = write_po(tmp_path / "en" / "b.po", body.replace("#, fuzzy\n", ""))
    assert [(f.code, f.severity) for f in check_catalog_file(translated)] == [
        ("placeholder-missing", "error")
    ]


def test_plural_forms_of_an_entry_are_all_checked(tmp_path: Path) -> None:
    body = (
        'msgid "%d chef sur 3"\nmsgid_plural "%d chefs sur 3"\n'
        'msgstr[0] "%d leader of 3"\nmsgstr[1] "%d leaders"\n'
    )
    findings = check_catalog_file(write_po(tmp_path / "en" / "a.po", body))
    assert codes(findings) == ["number-missing"]


def test_language_from_the_folder_when_the_header_has_none(tmp_path: Path) -> None:
    path = tmp_path / "zh_CN" / "a.po"
    path.parent.mkdir()
    path.write_text('msgid "Il pleut."\nmsgstr "下雨了."\n', encoding="utf-8")
    assert "punctuation-target" in codes(check_catalog_file(path))


def test_pseudo_and_unknown_languages_are_checked_without_babel_data(tmp_path: Path) -> None:
    body = 'msgid "Le 11 octobre, 35 chefs."\nmsgstr "[Ĺéé 11 ööçţööƀŕéé, 35 çĥééƒš.·]"\n'
    pseudo = write_po(tmp_path / "qps" / "a.po", body, lang="qps")
    assert check_catalog_file(pseudo) == []
    dropped = write_po(tmp_path / "xx" / "a.po", body.replace(", 35 çĥ", ", çĥ"), lang="xx")
    assert codes(check_catalog_file(dropped)) == ["number-missing"]
