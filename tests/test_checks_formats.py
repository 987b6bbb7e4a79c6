"""Format strings (printf, Python ``%``, Python brace): the checks agree with GNU ``msgfmt -c``
on flagged entries, and guess unflagged ones as xgettext and Babel do."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers import gettext_tool
from passerelle.steps.checks import check_catalog_file
from passerelle.steps.checks.base import Pair
from passerelle.steps.checks.format_strings import (
    check_format_invalid,
    check_format_missing,
    check_format_type,
    check_format_unknown,
)

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Language: en\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
)

#: (flag, msgid, msgstr): reorderings, drops, additions and retypings msgfmt judges.
CASES = [
    ("c-format", "a %s b %d", "b %d a %s"),
    ("c-format", "a %1$s b %2$d", "b %2$d a %1$s"),
    ("c-format", "a %s b %s", "a %2$s b %1$s"),
    ("c-format", "a %s b %d", "a %s"),
    ("c-format", "a %s", "a %s %d"),
    ("c-format", "a %d", "a %ld"),
    ("c-format", "a %d", "a %i"),
    ("c-format", "a %d", "a %u"),
    ("c-format", "a %5.2f", "a %f"),
    ("c-format", "a %s", "a 50 % de"),
    ("c-format", "100%% %d", "%d"),
    ("c-format", "%*d items", "%*d articles"),
    ("c-format", "%*d items", "%d articles"),
    ("c-format", "a %s", "a %"),
    ("python-format", "%(n)d files", "%(n)s files"),
    ("python-format", "%(n)d files", "%(n)i files"),
    ("python-format", "%(n)d files %(m)s", "%(m)s files"),
    ("python-format", "%(n)d files", "%(n)d files %(x)s"),
    ("python-format", "%(n)d et %(m)s", "%(m)s and %(n)d"),
    ("python-format", "%s et %d", "%d and %s"),
    ("python-format", "%s et %r", "%r and %s"),
    ("python-format", "%(a)s", "%s"),
    ("python-format", "%(n)d", "%(n)d %%"),
    ("python-brace-format", "{name} a", "a"),
    ("python-brace-format", "{name} a", "{name} {x} a"),
    ("python-brace-format", "{0} a {1}", "{1} a {0}"),
    ("python-brace-format", "{} a {}", "{} b {}"),
    ("python-brace-format", "{name} a", "{name} a {"),
    # where msgfmt 0.21 reads directives otherwise than a first guess would
    ("c-format", "a %ls", "a %S"),  # one wide string, spelled two ways
    ("c-format", "a %lf", "a %f"),  # l means nothing to a double
    ("c-format", "a %hd", "a %lhd"),  # the last size letter wins
    ("c-format", "%m: %s", "%s: %m"),  # %m takes no argument
    ("c-format", "%<PRId64> files", "%lld fichiers"),
    ("python-format", "a %s", "a %a"),  # no %a in msgfmt 0.21
    ("python-format", "%(a(b)c)s", "x"),  # parentheses nest in a name
    ("python-brace-format", "{name} a", "{name} }"),  # a lone closing brace is text
    ("python-brace-format", "{0:{w}} a", "b"),  # a format spec may hold a field
]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _catalog(tmp_path: Path) -> tuple[Path, dict[int, tuple[str, str, str]]]:
    """One catalog of every case; the msgstr line of each case."""
    lines = HEADER.splitlines()
    at: dict[int, tuple[str, str, str]] = {}
    for number, (flag, msgid, msgstr) in enumerate(CASES):
        lines += ["", f"#, {flag}", f'msgctxt "case {number}"', f"msgid {_quote(msgid)}"]
        lines.append(f"msgstr {_quote(msgstr)}")
        at[len(lines)] = (flag, msgid, msgstr)
    path = tmp_path / "formats.po"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, at


def test_the_checks_refuse_exactly_what_msgfmt_c_refuses(tmp_path: Path) -> None:
    path, at = _catalog(tmp_path)
    done = subprocess.run(
        [gettext_tool("msgfmt"), "-c", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    errors = re.findall(rf"^{re.escape(str(path))}:(\d+): (?!warning)", done.stderr, re.M)
    refused = {int(n) for n in errors}
    assert refused and refused <= set(at), done.stderr
    ours = {f.line for f in check_catalog_file(path) if f.code.startswith("format-")}
    disagree = {line: at[line] for line in refused ^ ours}
    assert not disagree, (disagree, done.stderr)
    assert len(refused) < len(at)  # some reorderings are accepted, by both


def pair(source: str, translation: str, *flags: str, plural: bool = False) -> Pair:
    return Pair(source, translation, "en", "fr", flags=flags, plural=plural)


def test_an_unflagged_msgid_that_obviously_holds_directives_is_checked() -> None:
    assert check_format_missing(pair("Bonjour %(name)s", "Hello %(nom)s")) == [
        "Python format argument missing from the translation: %(name)s"
    ]
    assert check_format_unknown(pair("Bonjour {name}", "Hello {nom}")) == [
        "Python brace format argument not in the source: {nom}"
    ]
    assert check_format_type(pair("%d fichiers", "%s files")) == [
        "C format argument of another type: %d -> %s"
    ]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("50 % des fichiers", "50% of the files"),  # French puts a space before %
        ("Un {texte} entre accolades", "Some text in braces"),
        ("100%de réussite", "a full success"),  # no space, but a letter after: no directive
    ],
)
def test_prose_is_not_taken_for_a_format_string(source: str, translation: str) -> None:
    found = pair(source, translation)
    checks = (check_format_missing, check_format_unknown, check_format_type, check_format_invalid)
    if source.startswith("Un {"):  # a lone word in braces is a field: only the flag says no
        found = pair(source, translation, "no-python-brace-format")
    assert [check(found) for check in checks] == [[], [], [], []]


def test_a_plural_form_may_leave_out_the_count() -> None:
    assert check_format_missing(pair("%d fichiers", "one file", "c-format", plural=True)) == []
    assert check_format_missing(pair("%d fichiers", "files", "c-format")) != []


@pytest.mark.parametrize("flag", ["c-format", "python-format"])
def test_a_plural_form_leaves_out_what_msgfmt_lets_it(tmp_path: Path, flag: str) -> None:
    """A C form may drop the count, a Python form may not: its tuple of arguments is used up."""
    path = tmp_path / "plural.po"
    path.write_text(
        HEADER + f'\n#, {flag}\nmsgid "%d fichier"\nmsgid_plural "%d fichiers"\n'
        'msgstr[0] "one file"\nmsgstr[1] "%d files"\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [gettext_tool("msgfmt"), "-c", "-o", "/dev/null", str(path)], capture_output=True
    )
    ours = [f.code for f in check_catalog_file(path) if f.code.startswith("format-")]
    assert ours == ([] if done.returncode == 0 else ["format-missing"]), done.stderr


def test_brace_fields_are_read_as_python_reads_them() -> None:
    """Where msgfmt 0.21 is stricter than Python (it refuses ``{n!r}`` and ``{n:s}`` and names
    ``{n.x}`` after the whole field), the checks keep Python's reading."""
    checks = (check_format_missing, check_format_unknown, check_format_type, check_format_invalid)
    for source, translation in [("{n} a", "{n!r} b"), ("{n} a", "{n:s} b"), ("{n.x} a", "{n} b")]:
        found = pair(source, translation, "python-brace-format")
        assert [check(found) for check in checks] == [[], [], [], []], (source, translation)


def test_an_invalid_translation_is_said_once() -> None:
    broken = pair("%(n)d fichiers", "%(n files", "python-format")
    assert check_format_invalid(broken) == [
        "not a valid Python format string: '%' is not a complete directive"
    ]
    assert check_format_missing(broken) == check_format_unknown(broken) == []
