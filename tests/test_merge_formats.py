"""The format check a merge makes before keeping a translation, against GNU msgfmt's verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import msgfmt_check
from passerelle.po.catalog import new_entry
from passerelle.po.write import format_entries
from passerelle.steps.update.formats import breaks_format

PLURALS = "nplurals=2; plural=(n != 1);"
# A header msgfmt --check-header accepts: only then does it know which plural form is singular.
HEADER = "".join(
    f'"{field}\\n"\n'
    for field in (
        "Project-Id-Version: demo 1.0",
        "PO-Revision-Date: 2024-01-02 10:00+0100",
        "Last-Translator: Marie <marie@example.org>",
        "Language-Team: French <fr@li.org>",
        "Language: fr",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        f"Plural-Forms: {PLURALS}",
    )
)
HEADER = 'msgid ""\nmsgstr ""\n' + HEADER + "\n"
PAIRS = [
    ("c", "%s files", "%s Dateien"),
    ("c", "%s files", "%d Dateien"),
    ("c", "%1$s of %2$d", "%2$d von %1$s"),
    ("c", "%s of %d", "%2$d von %1$s"),
    ("c", "%*d left", "%d übrig"),
    ("c", "100%% done", "100 % fertig"),
    ("c", "%lu bytes", "%lu Bytes"),
    ("python", "%(n)d of %(total)d", "%(total)d: %(n)d"),
    ("python", "%(n)d of %(total)d", "%(n)s von %(total)d"),
    ("python", "%s and %s", "%s"),
    ("python-brace", "{name} has {0} items", "{0} Elemente für {name}"),
    ("python-brace", "{name} has items", "{nom} a des éléments"),
    ("sh", "process $pid of ${user}", "Prozess ${pid} von $user"),
    ("sh", "process $pid", "Prozess $id"),
    ("perl-brace", "{count} apples", "{count} Äpfel"),
    ("perl-brace", "{count} apples", "viele Äpfel"),
    ("qt", "%1 of %2", "%2 von %1"),
    ("qt", "%1 of %2", "%1 von %3"),
    ("kde", "%1 of %2", "%2 de %1"),
    # where msgfmt 0.21 reads directives otherwise than a first guess would
    ("c", "%ls of %d", "%S von %d"),  # one wide string, spelled two ways
    ("c", "%lf", "%f"),  # l means nothing to a double
    ("c", "%hd left", "%lhd übrig"),  # the last size letter wins
    ("c", "%m: %s", "%s: %m"),  # %m takes no argument
    ("c", "%<PRId64> files", "%<PRId64> Dateien"),
    ("c", "%<PRId64> files", "%lld Dateien"),
    ("python", "%s files", "%a Dateien"),  # no %a in msgfmt 0.21
    ("python", "%(a(b)c)s files", "%(a(b)c)s Dateien"),  # parentheses nest in a name
    ("python-brace", "{n:d} items", "{n} Elemente"),  # the format spec is part of the name
    ("python-brace", "{n} items", "{n!r} Elemente"),
    ("python-brace", "{n.x} items", "{n} Elemente"),
    ("python-brace", "{n} items", "{n} Elemente }"),  # a lone closing brace is text
    ("perl-brace", "{count} apples", "{count} {colour} Äpfel"),
    ("qt", "%1 of %2", "%L1 von %2"),  # a simple source wants a simple translation
    ("qt", "%0 of %1", "von %1"),
]


def _msgfmt_rejects(tmp_path: Path, lang: str, msgid: str, forms: list[str], plural: str) -> bool:
    entry = new_entry(msgid=msgid, flags=[f"{lang}-format"])
    if plural:
        entry.msgid_plural = plural
        entry.msgstr_plural = dict(enumerate(forms))
    else:
        entry.msgstr = forms[0]
    path = tmp_path / "one.po"
    path.write_text(HEADER + format_entries([entry]), encoding="utf-8")
    return msgfmt_check(path).returncode != 0


@pytest.mark.parametrize(("lang", "msgid", "msgstr"), PAIRS)
def test_same_verdict_as_msgfmt(tmp_path: Path, lang: str, msgid: str, msgstr: str) -> None:
    expected = _msgfmt_rejects(tmp_path, lang, msgid, [msgstr], "")
    assert breaks_format(lang, msgid, "", [msgstr], PLURALS, None) == expected


@pytest.mark.parametrize(
    "forms", [["un fichier", "%d fichiers"], ["%d fichier", "fichiers"], ["un", "deux"]]
)
def test_a_singular_form_may_leave_the_number_out(tmp_path: Path, forms: list[str]) -> None:
    expected = _msgfmt_rejects(tmp_path, "c", "one file", forms, "%d files")
    assert breaks_format("c", "one file", "%d files", forms, PLURALS, None) == expected


@pytest.mark.parametrize(
    ("lang", "plural", "forms"),
    [
        ("python", "%d files", ["one file", "%d files"]),  # a tuple is used up
        ("qt", "%1 files", ["one file", "%1 files"]),
        ("kde", "%1 of %2 files", ["one file", "%1 of %2 files"]),
        ("kde", "%1 of %2 files", ["%1 file", "%1 of %2 files"]),
        ("python-brace", "{n} files", ["{n} file of {m}", "{n} files"]),
        ("perl-brace", "{n} files", ["one file", "{n} files"]),
        ("sh", "$n files", ["one file", "$n files"]),
    ],
)
def test_what_each_language_lets_a_singular_form_leave_out(
    tmp_path: Path, lang: str, plural: str, forms: list[str]
) -> None:
    expected = _msgfmt_rejects(tmp_path, lang, "one file", forms, plural)
    assert breaks_format(lang, "one file", plural, forms, PLURALS, None) == expected


def test_a_language_we_cannot_read_is_left_to_a_translator() -> None:
    assert breaks_format("lisp", "~A files", "", ["~A Dateien"], PLURALS, None)
