"""Plural entries drafted by the offline engines: every form, each checked."""

from __future__ import annotations

from pathlib import Path

from passerelle.po.catalog import read_catalog
from passerelle.steps.drafts.driver import DraftRun, draft_catalog
from passerelle.steps.drafts.pseudo import PseudoEngine
from passerelle.steps.drafts.tm import TranslationMemory

HEADER = r"""msgid ""
msgstr ""
"Language: {lang}\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: {forms}\n"
"""

PLURAL = r"""
#, python-format
msgid "%(n)d délégué"
msgid_plural "%(n)d délégués"
msgstr[0] "{one}"
msgstr[1] "{other}"
"""


def catalog(path: Path, lang: str, forms: str, one: str = "", other: str = "") -> Path:
    text = HEADER.format(lang=lang, forms=forms) + PLURAL.format(one=one, other=other)
    path.write_text(text, encoding="utf-8")
    return path


def quiet() -> DraftRun:
    return DraftRun(source_lang="fr", report=lambda line: None)


def test_pseudo_drafts_every_plural_form(tmp_path: Path) -> None:
    path = catalog(tmp_path / "qps.po", "qps", "nplurals=2; plural=(n > 1);")
    summary = draft_catalog(path, "qps", PseudoEngine(), quiet())
    assert summary.drafted == 1 and summary.plural_skipped == 0
    [entry] = [e for e in read_catalog(path) if e.msgid]
    assert entry.fuzzy
    assert entry.msgstr_plural[0].startswith("[%(n)d ") and "délégué" not in entry.msgstr_plural[0]
    assert entry.msgstr_plural[1].startswith("[%(n)d ")
    assert entry.msgstr_plural[0] != entry.msgstr_plural[1]


def test_tm_lends_the_forms_of_the_same_plural_entry(tmp_path: Path) -> None:
    done = catalog(
        tmp_path / "done.po",
        "de",
        "nplurals=2; plural=(n != 1);",
        "%(n)d Delegierter",
        "%(n)d Delegierte",
    )
    path = catalog(tmp_path / "de.po", "de", "nplurals=2; plural=(n != 1);")
    memory = TranslationMemory.from_files([done], [], "de", threshold=75)
    summary = draft_catalog(path, "de", memory, quiet())
    assert summary.drafted == 1
    [entry] = [e for e in read_catalog(path) if e.msgid]
    assert entry.fuzzy and entry.msgstr_plural == {0: "%(n)d Delegierter", 1: "%(n)d Delegierte"}
    assert entry.tcomment.startswith("machine draft: tm, ")


def test_a_plural_draft_with_a_broken_form_is_rejected(tmp_path: Path) -> None:
    done = catalog(
        tmp_path / "done.po",
        "de",
        "nplurals=2; plural=(n != 1);",
        "%(n)d Delegierter",
        "Delegierte",
    )
    path = catalog(tmp_path / "de.po", "de", "nplurals=2; plural=(n != 1);")
    lines: list[str] = []
    run = DraftRun(source_lang="fr", report=lines.append)
    summary = draft_catalog(
        path, "de", TranslationMemory.from_files([done], [], "de", threshold=75), run
    )
    assert summary.drafted == 0 and summary.rejected == 1
    assert any("plural form 1" in line and "%(n)d" in line for line in lines)
    [entry] = [e for e in read_catalog(path) if e.msgid]
    assert not entry.fuzzy and not any(entry.msgstr_plural.values())


def test_tm_does_not_lend_forms_of_another_count(tmp_path: Path) -> None:
    done = catalog(tmp_path / "done.po", "de", "nplurals=2; plural=(n != 1);", "%(n)d A", "%(n)d B")
    path = catalog(tmp_path / "ar.po", "ar", "nplurals=3; plural=(n==0 ? 0 : n==1 ? 1 : 2);")
    summary = draft_catalog(
        path, "ar", TranslationMemory.from_files([done], [], "ar", threshold=75), quiet()
    )
    assert summary.drafted == 0 and summary.no_draft == 1
