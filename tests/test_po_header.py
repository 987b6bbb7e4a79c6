"""The merged header and the output charset, byte for byte as GNU msgmerge writes them.

Each case merges a small catalog with real GNU msgmerge and with ``passerelle merge``'s own
code (in process, one worker) and compares the files.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import gettext_tool
from passerelle.po.header import language_from_team, merge_header_text
from passerelle.steps.update.tree import plan_merge, run_merge

TEMPLATE = """\
# SOME DESCRIPTIVE TITLE.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: PACKAGE VERSION\\n"
"Report-Msgid-Bugs-To: bugs@example.org\\n"
"POT-Creation-Date: 2024-05-01 12:00+0200\\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"
"Language-Team: LANGUAGE <LL@li.org>\\n"
"Language: \\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset={charset}\\n"
"Content-Transfer-Encoding: 8bit\\n"

msgid "one"
msgstr ""

msgid "two"
msgstr ""
"""

SCRAMBLED = """\
# German translation.
# Someone <someone@example.org>, 2019.
#
#, fuzzy
msgid ""
msgstr ""
"X-Generator: Poedit 3.0\\n"
"content-type: text/plain; charset={charset}\\n"
"Project-Id-Version: demo 1.0\\n"
"Language-Team: {team}\\n"
"a line that is no field\\n"
"POT-Creation-Date: 2019-01-01 00:00+0000\\n"
"PO-Revision-Date: 2019-02-02 10:00+0100\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"Last-Translator: Someone <someone@example.org>"

msgid "one"
msgstr "{one}"
"""


def gnu_and_ours(tmp_path: Path, old: bytes, pot: bytes, *compendia: Path) -> tuple[bytes, bytes]:
    """The file GNU msgmerge writes for DEF ``old`` (None: /dev/null) and REF ``pot``, and ours."""
    definitions, reference = tmp_path / "def.po", tmp_path / "ref.pot"
    definitions.write_bytes(old)
    reference.write_bytes(pot)
    gnu, ours = tmp_path / "gnu.po", tmp_path / "ours.po"
    flags = [f"--compendium={path}" for path in compendia]
    command = [gettext_tool("msgmerge"), "-q", *flags, str(definitions), str(reference)]
    subprocess.run([*command, "-o", str(gnu)], check=True, capture_output=True)
    report = run_merge(plan_merge(definitions, reference, ours), compendia=compendia, workers=1)
    assert not report.errors
    return gnu.read_bytes(), ours.read_bytes()


@pytest.mark.parametrize(
    "team",
    [
        "German <de@li.org>",  # Language filled from the team's name
        "Chinese (simplified) <i18n-zh@example.org>",  # a country variant
        "German",  # no address: msgmerge reads the line end as part of the name, knows none
        "de@li.org German",  # an @ anywhere: the last word goes
    ],
)
def test_header_fields_come_out_in_msgmerges_order_with_the_templates_two(
    tmp_path: Path, team: str
) -> None:
    old = SCRAMBLED.format(charset="UTF-8", team=team, one="eins")
    gnu, ours = gnu_and_ours(
        tmp_path, old.encode(), TEMPLATE.format(charset="UTF-8").encode("utf-8")
    )
    assert ours == gnu


def test_a_utf8_template_makes_a_koi8_catalog_utf8(tmp_path: Path) -> None:
    old = SCRAMBLED.format(charset="KOI8-R", team="Russian <ru@li.org>", one="один")
    gnu, ours = gnu_and_ours(
        tmp_path, old.encode("koi8-r"), TEMPLATE.format(charset="UTF-8").encode("utf-8")
    )
    assert b"charset=UTF-8" in gnu and "один".encode() in gnu
    assert ours == gnu


def test_an_ascii_template_leaves_a_latin1_catalog_in_latin1(tmp_path: Path) -> None:
    old = SCRAMBLED.format(charset="ISO-8859-1", team="French <fr@li.org>", one="première")
    gnu, ours = gnu_and_ours(
        tmp_path, old.encode("latin-1"), TEMPLATE.format(charset="ASCII").encode("ascii")
    )
    assert "première".encode("latin-1") in gnu
    assert ours == gnu


def test_an_empty_catalog_takes_the_header_and_charset_of_its_compendium(tmp_path: Path) -> None:
    compendium = tmp_path / "compendium.po"
    text = SCRAMBLED.format(charset="ISO-8859-1", team="French <fr@li.org>", one="première")
    compendium.write_bytes(text.encode("latin-1"))
    gnu, ours = gnu_and_ours(
        tmp_path, b"", TEMPLATE.format(charset="ASCII").encode("ascii"), compendium
    )
    assert gnu.startswith(b"# German translation.")
    assert ours == gnu


def test_without_an_old_header_msgmerge_writes_none(tmp_path: Path) -> None:
    gnu, ours = gnu_and_ours(
        tmp_path, b'msgid "one"\nmsgstr "eins"\n', TEMPLATE.format(charset="UTF-8").encode()
    )
    assert not gnu.startswith(b'msgid ""')
    assert ours == gnu


def test_lang_sets_language_and_a_field_without_newline_gets_one() -> None:
    merged = merge_header_text("Language: fr\nLast-Translator: x", "", "de_AT")
    assert merged == "Last-Translator: x\nLanguage: de_AT\n"


def test_the_template_date_can_be_left_alone() -> None:
    """Project mode moves POT-Creation-Date only with the entries."""
    old = "POT-Creation-Date: 2019\nReport-Msgid-Bugs-To: old\n"
    new = "Report-Msgid-Bugs-To: new\nPOT-Creation-Date: 2024\n"
    assert merge_header_text(old, new) == "Report-Msgid-Bugs-To: new\nPOT-Creation-Date: 2024\n"
    kept = merge_header_text(old, new, date=False)
    assert kept == "Report-Msgid-Bugs-To: new\nPOT-Creation-Date: 2019\n"


@pytest.mark.parametrize(
    ("team", "code"),
    [
        (" Polish  <pl@li.org>\n", "pl"),
        ("Norwegian Bokmal <nb@li.org>\n", "nb"),
        ("Brazilian Portuguese http://example.org/pt_BR/\n", "pt_BR"),
        ("Klingon <tlh@li.org>\n", ""),
    ],
)
def test_language_from_team(team: str, code: str) -> None:
    assert language_from_team(team) == code
