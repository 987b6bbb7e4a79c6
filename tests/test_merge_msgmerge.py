"""``merge DEF REF`` on files is GNU msgmerge 0.21: each option, output, message and status
compared with the real msgmerge run on the same small inputs in a twin folder."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import gettext_tool, run_main

HEADER = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"""
DEF = (
    HEADER
    + """
# Mots du jardin
#: src/b.c:10 src/a.c:5 src/b.c:2
#, c-format
msgid "zebra %s is here and it is a long long long message that should wrap at some point"
msgstr "le zèbre %s est là et c'est un long long long message qui devra passer à la ligne"

#: src/a.c:3
msgid "apple"
msgstr "pomme"

msgid "the garden gate"
msgstr "la porte du jardin"

msgid "gone away"
msgstr "parti"
"""
)
REF = (
    HEADER
    + """
#: src/b.c:10 src/a.c:5 src/b.c:2
#, c-format
msgid "zebra %s is here and it is a long long long message that should wrap at some point"
msgstr ""

#: src/a.c:3
msgid "apple"
msgstr ""

#: src/c.c:1 src/a.c:1
msgid "the garden gates"
msgstr ""

#: src/c.c:1
msgid "the garden gate"
msgstr ""

#: src/c.c:7
msgctxt "menu"
msgid "Apple"
msgstr ""

#: src/a.c:3
msgid "Zulu"
msgstr ""
"""
)
COMPENDIUM = HEADER + '\nmsgid "Zulu"\nmsgstr "Zoulou"\n'
UP_TO_DATE = ["--no-fuzzy-matching"]  # DEF merged with this holds nothing to change


@dataclass
class Run:
    status: int
    out: str
    err: str
    files: dict[str, bytes]

    def __post_init__(self) -> None:
        # GNU's progress dots come from its threads: their number varies run to run.
        self.err = re.sub(r"^\.+", ".", self.err, flags=re.M)


def lay_out(folder: Path) -> None:
    folder.mkdir()
    (folder / "de.po").write_text(DEF, encoding="utf-8")
    (folder / "ref.pot").write_text(REF, encoding="utf-8")
    (folder / "more").mkdir()
    (folder / "more" / "comp.po").write_text(COMPENDIUM, encoding="utf-8")


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.*")}


def both(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[Run, Run]:
    """GNU msgmerge and ``passerelle merge`` on the same arguments, each in its own copy."""
    gnu_dir, ours_dir = tmp_path / "gnu", tmp_path / "ours"
    lay_out(gnu_dir)
    lay_out(ours_dir)
    done = subprocess.run(  # named msgmerge, as it names itself in its messages
        ["msgmerge", *args],
        executable=gettext_tool("msgmerge"),
        cwd=gnu_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    gnu = Run(done.returncode, done.stdout, done.stderr, files_in(gnu_dir))
    monkeypatch.chdir(ours_dir)
    capfd.readouterr()
    status = run_main("merge", *args)
    captured = capfd.readouterr()
    return gnu, Run(status, captured.out, captured.err, files_in(ours_dir))


OUTPUTS = {
    "stdout": [],
    "dash": ["-o", "-"],
    "file": ["-o", "out.po"],
}
OPTIONS = {
    "sort-output": ["-s"],
    "sort-by-file": ["--sort-by-file"],
    "no-location": ["--no-location"],
    "add-location": ["--add-location"],
    "add-location-file": ["--add-location=file"],
    "add-location-never": ["--add-location=never"],
    "width": ["-w", "30"],
    "width-joined": ["--width=24"],
    "width-not-a-number": ["-w", "abc"],
    "no-wrap": ["--no-wrap"],
    "for-msgfmt": ["--for-msgfmt"],
    "no-fuzzy": ["-N"],
    "previous": ["--previous"],
    "compendium": ["-C", "more/comp.po"],
    "compendium-no-fuzzy": ["-N", "-C", "more/comp.po"],  # exact matches still count
    "multi-domain": ["-m"],
    "no-escape": ["-e"],
    "escape": ["-E"],
    "escape-then-no-escape": ["-E", "-e"],
    "escape-narrow": ["-E", "-w", "20"],
    "indent": ["-i"],
    "indent-previous-narrow": ["-i", "--previous", "-w", "30"],
    "strict": ["--strict"],
    "strict-previous-files": ["--strict", "--previous", "--add-location=file"],
    "color": ["--color"],
    "color-auto": ["--color=auto"],
    "color-never": ["--color=never"],
    "style": ["--style=more/comp.po"],
    "abbreviated": ["--no-loc", "--sort-o"],
    "verbose": ["-v"],
    "quiet-verbose": ["-q", "-v"],
}


@pytest.mark.parametrize("output", sorted(OUTPUTS))
def test_output_goes_where_msgmerge_puts_it(
    output: str, tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    gnu, ours = both(tmp_path, capfd, monkeypatch, "-q", *OUTPUTS[output], "de.po", "ref.pot")
    assert ours == gnu


@pytest.mark.parametrize("option", sorted(OPTIONS))
def test_each_option_gives_msgmerge_bytes(
    option: str, tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = [*OPTIONS[option], "-o", "out.po", "de.po", "ref.pot"]
    gnu, ours = both(tmp_path, capfd, monkeypatch, *args)
    assert ours == gnu


def test_inputs_are_looked_for_in_directories_and_with_po_added(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["-q", "-D", ".", "-D", "more", "-C", "comp", "-o", "out.po", "de", "ref.pot"]
    gnu, ours = both(tmp_path, capfd, monkeypatch, *args)
    assert ours == gnu and gnu.status == 0


def test_progress_line_without_quiet(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    gnu, ours = both(tmp_path, capfd, monkeypatch, "-o", "out.po", "de.po", "ref.pot")
    assert ours == gnu and gnu.err == ". done.\n"


def test_force_po_writes_a_catalog_without_messages(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty.pot").write_text(HEADER, encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.DEF", HEADER)
    for extra in ([], ["--force-po"]):
        shutil.rmtree(tmp_path / "gnu", ignore_errors=True)
        shutil.rmtree(tmp_path / "ours", ignore_errors=True)
        args = ["-q", *extra, "-o", "out.po", "de.po", "../empty.pot"]
        gnu, ours = both(tmp_path, capfd, monkeypatch, *args)
        assert ("out.po" in gnu.files) == bool(extra)
        assert ours == gnu


@pytest.mark.parametrize("leaving", ["gone", "empty-context"])
def test_a_message_leaving_untranslated_still_writes_the_catalog(
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    leaving: str,
) -> None:
    """msgmerge writes its result when it lists a message besides the header, even one it then
    leaves out: an untranslated message the template no longer has (-v counts it obsolete)."""
    entry = {"gone": 'msgid "gone"', "empty-context": 'msgctxt ""\nmsgid ""'}[leaving]
    (tmp_path / "empty.pot").write_text(HEADER, encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.DEF", f'{HEADER}\n{entry}\nmsgstr ""\n')
    args = ["-q", "-v", "-o", "out.po", "de.po", "../empty.pot"]
    gnu, ours = both(tmp_path, capfd, monkeypatch, *args)
    assert "out.po" in gnu.files
    assert ours == gnu


UPDATES = {
    "default-simple": ([], {}),
    "numbered": (["--backup=numbered"], {}),
    "t-abbreviated": (["--backup=nu"], {}),
    "none": (["--backup=off"], {}),
    "suffix": (["--backup=simple", "--suffix=.bak"], {}),
    "env-suffix": ([], {"SIMPLE_BACKUP_SUFFIX": ".old"}),
    "env-control": ([], {"VERSION_CONTROL": "numbered"}),
    "invalid": (["--backup=xyz"], {}),
    "ambiguous": (["--backup=n"], {}),
    "invalid-env": ([], {"VERSION_CONTROL": "zz"}),
    "up-to-date": (UP_TO_DATE, {}),
}


@pytest.mark.parametrize("case", sorted(UPDATES))
def test_update_and_its_backups_as_msgmerge_makes_them(
    case: str,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    extra, env = UPDATES[case]
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if case == "up-to-date":  # a DEF already merged: nothing rewritten, no backup
        lay_out(tmp_path / "first")
        subprocess.run(["msgmerge", "-q", "-N", "-U", "de.po", "ref.pot"], cwd=tmp_path / "first")
        merged = (tmp_path / "first" / "de.po").read_text(encoding="utf-8")
        monkeypatch.setattr(f"{__name__}.DEF", merged)
    gnu, ours = both(tmp_path, capfd, monkeypatch, "-q", "-U", *extra, "de.po", "ref.pot")
    assert ours == gnu
    if case == "default-simple":
        assert "de.po~" in gnu.files
    if case == "up-to-date":
        assert gnu.files["de.po"].decode() == DEF and "de.po~" not in gnu.files


def test_existing_numbered_backups_make_the_next_one_numbered(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = lay_out

    def with_numbered(folder: Path) -> None:
        original(folder)
        (folder / "de.po.~3~").write_text("old\n", encoding="utf-8")

    monkeypatch.setattr(f"{__name__}.lay_out", with_numbered)
    gnu, ours = both(tmp_path, capfd, monkeypatch, "-q", "-U", "de.po", "ref.pot")
    assert ours == gnu and "de.po.~4~" in gnu.files


ERRORS = {
    "no-operand": ["-q"],
    "one-operand": ["de.po"],
    "three-operands": ["de.po", "ref.pot", "x.po"],
    "missing-def": ["nope.po", "ref.pot"],
    "missing-ref": ["de.po", "nope.pot"],
    "missing-compendium": ["-C", "nope.po", "de.po", "ref.pot"],
    "only-in-directories": ["-D", "more", "de.po", "ref.pot"],
    "unknown-option": ["--bogus", "de.po", "ref.pot"],
    "update-and-output": ["-U", "-o", "x.po", "de.po", "ref.pot"],
    "update-for-msgfmt": ["-U", "--for-msgfmt", "de.po", "ref.pot"],
    "two-sorts": ["-s", "-F", "de.po", "ref.pot"],
    "bad-location": ["--add-location=bad", "de.po", "ref.pot"],
}


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_errors_are_msgmerge_lines_and_status(
    case: str, tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    gnu, ours = both(tmp_path, capfd, monkeypatch, *ERRORS[case])
    assert gnu.status == 1
    assert ours == gnu


def test_a_duplicate_fails_as_msgmerge_2_expects(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    duplicated = 'msgid "2" msgstr "2"\nmsgid "3" msgstr "3"\nmsgid "2" msgstr "ha ha"\n'
    monkeypatch.setattr(f"{__name__}.DEF", duplicated)
    gnu, ours = both(tmp_path, capfd, monkeypatch, "-q", "-o", "/dev/stdout", "de.po", "ref.pot")
    assert ours == gnu
    assert gnu.err.splitlines() == [
        "de.po:3: duplicate message definition...",
        "de.po:1: ...this is the location of the first definition",
        "msgmerge: found 1 fatal error",
    ]


def test_a_linked_output_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    """``-o /dev/stdout`` is a link to the process's output: replacing the link by a file (an
    atomic rename) would send nothing to the pipe and break /dev/stdout for every program."""
    lay_out(tmp_path / "w")
    target, link = tmp_path / "w" / "target.po", tmp_path / "w" / "link.po"
    target.write_text("", encoding="utf-8")
    link.symlink_to(target)
    done = subprocess.run(
        [sys.executable, "-m", "passerelle", "merge", "-q", "-o", "link.po", "de.po", "ref.pot"],
        cwd=tmp_path / "w",
        capture_output=True,
        check=False,
    )
    gnu = subprocess.run(
        [gettext_tool("msgmerge"), "-q", "de.po", "ref.pot"],
        cwd=tmp_path / "w",
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0 and link.is_symlink()
    assert target.read_bytes() == gnu.stdout


def test_dev_null_as_the_old_catalog_starts_from_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Makefiles start a catalog with ``msgmerge /dev/null REF`` (msgmerge opens any file that is
    not a folder: a device, a pipe)."""
    args = ["-q", "-C", "more/comp.po", "-o", "out.po", "/dev/null", "ref.pot"]
    gnu, ours = both(tmp_path, capfd, monkeypatch, *args)
    assert ours == gnu and gnu.status == 0 and "out.po" in gnu.files


def test_output_naming_the_old_catalog_leaves_an_up_to_date_one_alone(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``-o DEF`` is ``-U`` without a backup: GNU's ``-o`` would rewrap the strings of a catalog
    the template brings nothing to; the file, its line breaks and its date stay as they are."""
    folder = tmp_path / "ours"
    lay_out(folder)
    catalog = folder / "de.po"
    monkeypatch.chdir(folder)
    args = ["-q", *UP_TO_DATE, "de.po", "ref.pot", "-o", "de.po"]
    assert run_main("merge", *args) == 0  # now up to date
    unwrapped = catalog.read_text(encoding="utf-8").replace('msgstr "pomme"', 'msgstr ""\n"pomme"')
    catalog.write_text(unwrapped, encoding="utf-8")
    assert run_main("merge", *args) == 0
    assert catalog.read_text(encoding="utf-8") == unwrapped
    assert not list(folder.glob("de.po~*"))  # and no backup: only -U makes one
