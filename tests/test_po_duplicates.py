"""A msgid defined twice (same msgctxt) is a syntax error naming both places, as in GNU gettext:
keeping either definition would drop the other's translation without a word."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers import gettext_tool, run_main, run_steps_inline
from passerelle.config import load_config
from passerelle.errors import DuplicateEntryError
from passerelle.po.catalog import format_catalog, parse_catalog

HEADER = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

"""

DUPLICATES = {
    "two active": 'msgid "a"\nmsgstr "A"\n\nmsgid "a"\nmsgstr "A2"\n',
    "obsolete after active": 'msgid "a"\nmsgstr "A"\n\n#~ msgid "a"\n#~ msgstr "A2"\n',
    "active after obsolete": '#~ msgid "a"\n#~ msgstr "A"\n\nmsgid "a"\nmsgstr "A2"\n',
    "two obsolete": '#~ msgid "a"\n#~ msgstr "A"\n\n#~ msgid "a"\n#~ msgstr "A2"\n',
    "same context, comments": (
        '# c\n#, fuzzy\nmsgctxt "x"\nmsgid "a"\nmsgstr "A"\n\n# d\nmsgctxt "x"\nmsgid "a"\n'
        'msgstr "A2"\n'
    ),
    "plural then singular": (
        'msgid "b"\nmsgid_plural "bs"\nmsgstr[0] "B"\nmsgstr[1] "Bs"\n\nmsgid "b"\nmsgstr "y"\n'
    ),
    "a second header": 'msgid ""\nmsgstr "X"\n',
}


def gnu_locations(tool: str, path: Path, *more: Path) -> tuple[int, int, int]:
    """Real GNU ``tool`` on ``path`` (and ``more``): its exit status, the duplicate's line, the
    first definition's line."""
    done = subprocess.run(
        [gettext_tool(tool), "-o", "/dev/null", str(path), *map(str, more)],
        capture_output=True,
        text=True,
        check=False,
    )
    name = re.escape(str(path))
    second = re.search(rf"^{name}:(\d+): duplicate message definition", done.stderr, re.M)
    first = re.search(rf"^{name}:(\d+): \.\.\.this is the location of the first", done.stderr, re.M)
    assert second and first, done.stderr
    return done.returncode, int(second.group(1)), int(first.group(1))


@pytest.mark.parametrize("shape", sorted(DUPLICATES))
@pytest.mark.parametrize("tool", ["msgcat", "msgfmt"])
def test_a_duplicate_is_an_error_at_both_places_gnu_names(
    shape: str, tool: str, tmp_path: Path
) -> None:
    path = tmp_path / "def.po"
    path.write_text(HEADER + DUPLICATES[shape], encoding="utf-8")
    status, second, first = gnu_locations(tool, path)
    assert status == 1
    with pytest.raises(DuplicateEntryError) as caught:
        parse_catalog(path.read_text(encoding="utf-8"), path)
    assert caught.value.line == second
    assert str(caught.value).startswith(
        f"{path}:{second}: duplicate message definition; "
        f"{path}:{first} is the location of the first definition"
    )


def test_the_same_msgid_in_other_contexts_is_no_duplicate(tmp_path: Path) -> None:
    text = HEADER + 'msgctxt "x"\nmsgid "a"\nmsgstr "A"\n\nmsgid "a"\nmsgstr "A2"\n'
    path = tmp_path / "ctx.po"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [gettext_tool("msgcat"), str(path)], capture_output=True, text=True, check=True
    )
    assert format_catalog(parse_catalog(text, path)) == done.stdout


@pytest.fixture
def duplicated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose en catalog defines "Le chat" twice; returns that catalog."""
    (tmp_path / "passerelle.toml").write_text(
        'source-lang = "fr"\nlanguages = ["en"]\nsegment = "sentence"\n', encoding="utf-8"
    )
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "article.txt").write_text("Bonjour\n\nLe chat\n", encoding="utf-8")
    run_steps_inline(load_config(tmp_path), "extract", "update")
    path = tmp_path / "locales" / "en" / "article.po"
    text = path.read_text(encoding="utf-8")
    text += '\nmsgid "Le chat"\nmsgstr "Cat"\n'
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return path


MERGE = ("merge", "locales/en/article.po", "locales/article.pot", "-o", "out.po")
COMMANDS = [("update",), ("build",), ("status",), ("draft", "--engine", "tm", "--lang", "en")]


@pytest.mark.parametrize("command", [*COMMANDS, MERGE], ids=[c[0] for c in [*COMMANDS, MERGE]])
def test_every_command_refuses_a_duplicate_and_writes_nothing(
    duplicated: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    before = duplicated.read_bytes()
    status, second, first = gnu_locations("msgmerge", duplicated, Path("locales/article.pot"))
    expected = status if command[0] == "merge" else 2  # merge stands in for msgmerge
    assert run_main(*command) == expected
    errors = capsys.readouterr().err.splitlines()
    if command[0] == "merge":  # msgmerge's own lines, word for word
        gnu = subprocess.run(  # named msgmerge, as it names itself in its messages
            ["msgmerge", *command[1:]],
            executable=gettext_tool("msgmerge"),
            capture_output=True,
            text=True,
        )
        assert errors == gnu.stderr.splitlines()
        assert errors[0] == f"locales/en/article.po:{second}: duplicate message definition..."
    else:
        assert errors and all(f"article.po:{second}: " in error for error in errors)
        assert f"article.po:{first} is the location of the first definition" in errors[0]
    assert duplicated.read_bytes() == before
    assert not Path("out.po").exists()
