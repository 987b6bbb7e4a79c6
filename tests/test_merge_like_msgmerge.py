"""``passerelle merge`` decides as GNU msgmerge does: each case runs both on the same small
files and compares every entry after the header, byte for byte (headers are compared
elsewhere). Project mode keeps its own, more careful rules: checked at the end."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from helpers import gettext_tool, run_main
from passerelle.po.catalog import parse_catalog
from passerelle.steps.update.merge import update_catalog

HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
GERMAN = HEAD.replace('\\n"\n\n', '\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')

CASES = {
    "format-now-checked": (  # c-format new in the template: %d cannot stand for %s
        """\
        msgid "result %s"
        msgstr "Ergebnis %s"

        msgid "intermediate result %s"
        msgstr "Zwischenergebnis %d"

        msgid "two %s and %s"
        msgstr "zwei %s"
        """,
        """\
        #, c-format
        msgid "result %s"
        msgstr ""

        #, c-format
        msgid "intermediate result %s"
        msgstr ""

        #, c-format
        msgid "two %s and %s"
        msgstr ""
        """,
    ),
    "kde-plural": (  # the plural form used for many numbers must keep %1
        """\
        #, c-format
        msgid "Add resource"
        msgid_plural "Add %1 resources"
        msgstr[0] "Un recurso"
        msgstr[1] "%n recursos"

        msgid "Add item"
        msgid_plural "Add %1 items"
        msgstr[0] "Un item"
        msgstr[1] "%1 items"
        """,
        """\
        #, kde-format
        msgid "Add resource"
        msgid_plural "Add %1 resources"
        msgstr[0] ""
        msgstr[1] ""

        #, kde-format
        msgid "Add item"
        msgid_plural "Add %1 items"
        msgstr[0] ""
        msgstr[1] ""
        """,
    ),
    "plural-changed": (
        """\
        msgid "One volume"
        msgid_plural "%n volumes"
        msgstr[0] "Ein Band"
        msgstr[1] "%n Bände"
        """,
        """\
        msgid "One volume"
        msgid_plural "%1 volumes"
        msgstr[0] ""
        msgstr[1] ""
        """,
    ),
    "range-grew": (  # the range comes from the template; a wider one needs review
        """\
        #, c-format, range: 1..6
        msgid "one week and one day"
        msgid_plural "one week and %d days"
        msgstr[0] "une semaine et un jour"
        msgstr[1] "une semaine et %d jours"

        #, c-format, range: 0..7
        msgid "four weeks and one day"
        msgid_plural "four weeks and %d days"
        msgstr[0] "quatre semaines et un jour"
        msgstr[1] "quatre semaines et %d jours"
        """,
        """\
        #, c-format
        msgid "one week and one day"
        msgid_plural "one week and %d days"
        msgstr[0] ""
        msgstr[1] ""

        #, c-format, range: 1..6
        msgid "four weeks and one day"
        msgid_plural "four weeks and %d days"
        msgstr[0] ""
        msgstr[1] ""
        """,
    ),
    "sources-used-once": (  # a fuzzy entry is a source too; a used source is not kept #~
        """\
        # Oder besser "fehlende Argumente"?
        #, c-format
        msgid "missing arguments"
        msgstr "Argumente fehlen"

        #, c-format
        msgid "too many arguments"
        msgstr "zu viele Argumente"

        #, fuzzy, c-format
        #| msgid "too many arguments"
        msgid "too few arguments"
        msgstr "zu viele Argumente"

        #, c-format
        msgid "%s: invalid option -- %c\\n"
        msgstr "%s: ungültige Option -- %c\\n"
        """,
        """\
        #, c-format
        msgid "Missing arguments."
        msgstr ""

        #, c-format
        msgid "Too few arguments."
        msgstr ""

        # a note in the template
        msgid "New message"
        msgstr ""
        """,
    ),
    "flags-follow-the-template": (  # no-wrap from the template; obsolete entries keep theirs
        """\
        #, no-wrap
        msgid "This is a long paragraph that gets wrapped into several lines because it is long."
        msgstr "Dies ist ein langer Abschnitt, der in mehrere Zeilen umgebrochen wird, da lang."

        #, c-format
        msgid "warning: missing context for plural argument of keyword '%.*s'"
        msgstr "Warnung: fehlender Kontext für das Plural-Argument des Schlüsselwortes »%.*s«"
        """,
        """\
        msgid "This is a long paragraph that gets wrapped into several lines because it is long."
        msgstr ""
        """,
    ),
    "suggestion-in-bytes": (  # 0.6 in characters, below it in UTF-8 bytes: no suggestion
        """\
        msgid "Le chatLe chat汉字"
        msgstr "Le chat"
        """,
        """\
        msgid "Le chat"
        msgstr ""
        """,
    ),
    "suggestion-shares-a-4-gram": (  # similar enough, but no 4-gram in common: no suggestion
        """\
        msgid "close"
        msgstr "fermer"
        """,
        """\
        msgid "c l o s e"
        msgstr ""
        """,
    ),
    "suggestion-from-the-header": (  # an empty msgid in a context: the header is the nearest
        "",
        """\
        msgctxt ""
        msgid ""
        msgstr ""
        """,
    ),
    "plural-first-form-empty": (  # singular now: the first form, empty; obsolete: not written
        """\
        msgid "One file"
        msgid_plural "%d files"
        msgstr[0] ""
        msgstr[1] "%d Dateien"

        msgid "One folder"
        msgid_plural "%d folders"
        msgstr[0] ""
        msgstr[1] "%d Ordner"
        """,
        """\
        msgid "One file"
        msgstr ""
        """,
    ),
    "template-obsolete": (  # an obsolete template entry retires the old one with its flags
        """\
        #, perl-brace-format
        msgid "Running as process number {pid}."
        msgstr "Läuft mit der Prozeß-Nummer {pid}."

        #~ msgid "Running as process number $pid."
        #~ msgstr "Läuft mit der Prozess-Nummer $pid."
        """,
        """\
        #, sh-format
        msgid "Running as process number $pid."
        msgstr ""

        #~ msgid "Running as process number {pid}."
        #~ msgstr "Läuft mit der Prozeß-Nummer {pid}."
        """,
    ),
}


def _body(text: str) -> str:
    return text.split("\n\n", 1)[1] if "\n\n" in text else ""


def _write(path: Path, head: str, body: str) -> Path:
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.mark.parametrize("previous", [False, True], ids=["plain", "previous"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_same_entries_as_msgmerge(tmp_path: Path, name: str, previous: bool) -> None:
    old, template = CASES[name]
    head = GERMAN if "plural" in name or "kde" in name else HEAD
    definitions = _write(tmp_path / "old.po", head, old)
    reference = _write(tmp_path / "new.pot", HEAD, template)
    flags = ["--previous"] if previous else []
    gnu = subprocess.run(
        [gettext_tool("msgmerge"), "-q", *flags, str(definitions), str(reference)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ours = tmp_path / "ours.po"
    args = [*flags, str(definitions), str(reference), "-o", str(ours)]
    assert run_main("merge", "-j", "1", *args) == 0
    assert _body(ours.read_text(encoding="utf-8")) == _body(gnu)
    check = [gettext_tool("msgfmt"), "--check-format", "-o", "/dev/null", str(ours)]
    assert subprocess.run(check, capture_output=True, check=False).returncode == 0


def test_a_compendium_fuzzy_entry_is_offered_still_fuzzy(tmp_path: Path) -> None:
    compendium = _write(
        tmp_path / "comp.po",
        HEAD,
        """\
        #, fuzzy
        msgid "Always"
        msgstr "Luôn luôn"

        msgid "Time format:"
        msgstr "Dạng thức giờ :"
        """,
    )
    reference = _write(
        tmp_path / "new.pot",
        HEAD,
        'msgid "Always"\nmsgstr ""\n\nmsgid "Time Format:"\nmsgstr ""\n',
    )
    definitions = _write(tmp_path / "old.po", HEAD, "")
    gnu = subprocess.run(
        [gettext_tool("msgmerge"), "-q", "-C", str(compendium), str(definitions), str(reference)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ours = tmp_path / "ours.po"
    args = ["-C", str(compendium), str(definitions), str(reference), "-o", str(ours)]
    assert run_main("merge", "-j", "1", *args) == 0
    assert _body(ours.read_text(encoding="utf-8")) == _body(gnu)


def test_merging_in_place_with_nothing_new_leaves_the_file_alone(tmp_path: Path) -> None:
    """msgmerge -U does not rewrite a catalog the template brings nothing to (not even to
    rewrap its strings)."""
    text = HEAD + 'msgid "black"\nmsgstr ""\n"schwarz"\n'
    catalog = _write(tmp_path / "de.po", "", text)
    reference = _write(tmp_path / "new.pot", HEAD, 'msgid "black"\nmsgstr ""\n')
    assert run_main("merge", "-j", "1", "-q", "-U", str(catalog), str(reference)) == 0
    assert catalog.read_text(encoding="utf-8") == text


def test_project_mode_still_keeps_every_source_as_obsolete() -> None:
    """Project mode keeps a suggestion's source as ``#~`` too: a draft may later replace the
    suggestion, the translator's text stays in the file."""
    old = parse_catalog(HEAD + textwrap.dedent(CASES["sources-used-once"][0]))
    template = parse_catalog(HEAD + textwrap.dedent(CASES["sources-used-once"][1]))
    new = update_catalog(old, template, "de")
    kept = {e.msgid for e in new if e.obsolete}
    assert {"missing arguments", "too many arguments"} <= kept
    assert next(e for e in new if e.msgid == "Missing arguments.").fuzzy
