"""Malformed entries that used to lose a translation silently are syntax errors, as in msgfmt."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers import gettext_tool, run_main, run_steps_inline
from passerelle.config import load_config
from passerelle.errors import CatalogError
from passerelle.po.catalog import format_catalog, parse_catalog

HEADER = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""

# The three shapes that merges and hand edits leave: msgfmt names the line of each.
NAMED = {
    "two msgstr (a union merge)": 'msgid "Chat"\nmsgstr "Cat"\nmsgstr "Kitty"\n',
    "msgid_plural after msgstr": 'msgid "Chat"\nmsgstr "Cat"\nmsgid_plural "Chats"\n',
    "orphan msgstr at the end": 'msgid "Chat"\nmsgstr "Cat"\n\nmsgstr "orphan"\n',
}

# Other shapes the reader accepted while msgfmt refuses them.
OTHERS = {
    "msgstr after the plural forms": (
        'msgid "Chat"\nmsgid_plural "Chats"\nmsgstr[0] "Cat"\nmsgstr[1] "Cats"\nmsgstr "x"\n'
    ),
    "msgstr[0] after msgstr": 'msgid "Chat"\nmsgstr "Cat"\nmsgstr[0] "Cats"\n',
    "plural form repeated": 'msgid "Chat"\nmsgid_plural "Chats"\nmsgstr[0] "a"\nmsgstr[0] "b"\n',
    "plural form skipped": 'msgid "Chat"\nmsgid_plural "Chats"\nmsgstr[0] "a"\nmsgstr[2] "b"\n',
    "first plural form not 0": 'msgid "Chat"\nmsgid_plural "Chats"\nmsgstr[1] "a"\n',
    "msgstr without index after msgid_plural": 'msgid "Chat"\nmsgid_plural "Cs"\nmsgstr "a"\n',
    "msgstr[0] without msgid_plural": 'msgid "Chat"\nmsgstr[0] "Cat"\n',
    "msgid_plural twice": 'msgid "C"\nmsgid_plural "Cs"\nmsgid_plural "Cz"\nmsgstr[0] "a"\n',
    "msgctxt after msgid": 'msgid "Chat"\nmsgctxt "a"\nmsgstr "Cat"\n',
    "msgctxt at the end": 'msgid "Chat"\nmsgstr "Cat"\n\nmsgctxt "b"\n',
    "half obsolete": 'msgid "Chat"\n#~ msgstr "Cat"\n',
    "obsolete string continued plain": '#~ msgid "Chat"\n#~ msgstr "Cat"\n"s"\n',
    "#| inside an entry": 'msgid "Chat"\n#| msgid "Chien"\nmsgstr "Cat"\n',
    "#| msgctxt after #| msgid": '#| msgid "x"\n#| msgctxt "a"\nmsgid "Chat"\nmsgstr "Cat"\n',
    "#| msgid twice": '#| msgid "x"\n#| msgid "y"\nmsgid "Chat"\nmsgstr "Cat"\n',
    "#| with no entry": 'msgid "Chat"\nmsgstr "Cat"\n\n#| msgid "x"\n',
    "comment after #|": '#| msgid "x"\n#, fuzzy\nmsgid "Chat"\nmsgstr "Cat"\n',
    "comment between msgctxt and msgid": 'msgctxt "a"\n# note\nmsgid "Chat"\nmsgstr "Cat"\n',
    "unescaped quote": 'msgid "Chat"\nmsgstr "a"b"\n',
}


def msgfmt(text: str, tmp_path: Path) -> tuple[int, int | None]:
    """Real GNU msgfmt on ``text``: its exit status and the line of its first error."""
    found = gettext_tool("msgfmt")
    path = tmp_path / "msgfmt.po"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [found, "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False
    )
    where = re.search(rf"^{re.escape(str(path))}:(\d+):", done.stderr, re.MULTILINE)
    return done.returncode, int(where.group(1)) if where else None


def syntax_error(text: str) -> CatalogError:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text, "de.po")
    return caught.value


@pytest.mark.parametrize("shape", sorted(NAMED))
def test_each_named_shape_is_an_error_at_the_line_msgfmt_names(shape: str, tmp_path: Path) -> None:
    text = HEADER + NAMED[shape]
    status, line = msgfmt(text, tmp_path)
    assert status == 1 and line is not None
    error = syntax_error(text)
    assert error.line == line
    assert str(error).startswith(f"de.po:{line}: ")


@pytest.mark.parametrize("shape", sorted(OTHERS))
def test_other_shapes_msgfmt_refuses_are_refused(shape: str, tmp_path: Path) -> None:
    text = HEADER + OTHERS[shape]
    assert msgfmt(text, tmp_path)[0] == 1
    assert syntax_error(text).line is not None


VALID = """\
# Traduction de la documentation Python.
#. extracted
#: library/os.rst:12 library/os.rst:40
#, python-format
msgid "%(name)s est un \\"module\\""
msgstr "%(name)s is a \\"module\\""

#, fuzzy
#| msgctxt "ancien"
#| msgid "Un fichier"
#| msgid_plural "Des fichiers"
msgctxt "menu"
msgid "Un fichier"
msgid_plural "%d fichiers"
msgstr[0] "One file"
msgstr[1] "%d files"

msgid ""
"Une longue ligne "
"sur deux lignes"
msgstr "A long line " "on two lines"

#~ msgid "Vieux"
#~ msgstr ""
#~ "Old "
#~ "text"

#~| msgid "Ancien"
#~ msgid "Plus ancien"
#~ msgstr "Older"
"""


def test_valid_catalogs_still_read_as_msgcat_reads_them(tmp_path: Path) -> None:
    text = HEADER + VALID
    found = gettext_tool("msgcat")
    path = tmp_path / "valid.po"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run([found, str(path)], capture_output=True, text=True, check=True)
    assert format_catalog(parse_catalog(text)) == done.stdout


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose en catalog holds two msgstr for one msgid; returns that catalog."""
    (tmp_path / "passerelle.toml").write_text(
        'source-lang = "fr"\nlanguages = ["en"]\nsegment = "sentence"\n', encoding="utf-8"
    )
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "article.txt").write_text("Bonjour\n\nLe chat\n", encoding="utf-8")
    config = load_config(tmp_path)
    run_steps_inline(config, "extract", "update")
    path = tmp_path / "locales" / "en" / "article.po"
    text = path.read_text(encoding="utf-8")
    text = text.replace('"Le chat"\nmsgstr ""\n', '"Le chat"\nmsgstr "The cat"\nmsgstr "Cat"\n')
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return path


COMMANDS = [
    ("update",),
    ("build",),
    ("status",),
    ("draft", "--engine", "tm", "--lang", "en"),
    ("merge", "locales/en/article.po", "locales/article.pot", "-o", "out.po"),
]


def gnu_status(command: tuple[str, ...]) -> int:
    """The exit status of GNU msgmerge given the arguments of ``passerelle merge``."""
    return subprocess.run(
        [gettext_tool("msgmerge"), *command[1:]], capture_output=True, check=False
    ).returncode


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_refuses_the_catalog_naming_file_and_line(
    broken: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    before = broken.read_bytes()
    line = before.decode().splitlines().index('msgstr "Cat"') + 1
    merging = command[0] == "merge"  # msgmerge's status, and its closing line
    assert run_main(*command) == (gnu_status(command) if merging else 2)
    errors = capsys.readouterr().err.splitlines()
    if merging:
        assert errors[1:] == ["msgmerge: found 1 fatal error"]
        errors = errors[:1]
    assert errors and all(f"article.po:{line}: " in error for error in errors)
    assert "a second msgstr for the msgid of line" in errors[0]
    assert len(errors) == 1
    assert broken.read_bytes() == before
    assert not Path("out.po").exists()


def test_check_reports_the_syntax_error_at_its_line(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = broken.read_text(encoding="utf-8").splitlines().index('msgstr "Cat"') + 1
    assert run_main("check") == 2  # the catalog could not be checked
    out = capsys.readouterr().out
    assert f"locales/en/article.po:{line}: error po-syntax: a second msgstr" in out
