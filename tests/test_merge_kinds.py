"""``merge DEF REF -o OUT`` takes three files or three folders; any other mix is refused whole."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import gettext_tool
from passerelle.cli import main

TEMPLATE = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Bonjour"
msgstr ""
"""
CATALOG = TEMPLATE.replace('msgstr ""\n', 'msgstr "Hello"\n').replace(
    '"Content-Type', '"Language: en\\n"\n"Content-Type'
)


def lay_out(root: Path) -> dict[str, Path]:
    """A file and a folder for each of DEF, REF and OUT; the OUT ones already hold a catalog."""
    paths = {
        "def-file": root / "a.po",
        "ref-file": root / "a.pot",
        "out-file": root / "out.po",
        "def-dir": root / "old",
        "ref-dir": root / "templates",
        "out-dir": root / "new",
    }
    for kind in ("def", "out"):
        paths[f"{kind}-file"].write_text(CATALOG, encoding="utf-8")
        paths[f"{kind}-dir"].mkdir()
        (paths[f"{kind}-dir"] / "a.po").write_text(CATALOG, encoding="utf-8")
    paths["ref-file"].write_text(TEMPLATE, encoding="utf-8")
    paths["ref-dir"].mkdir()
    (paths["ref-dir"] / "a.pot").write_text(TEMPLATE, encoding="utf-8")
    return paths


def snapshot(root: Path) -> dict[str, bytes | None]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(root.rglob("*"))
    }


MIXES = [
    (d, r, o)
    for d in ("file", "dir")
    for r in ("file", "dir")
    for o in ("file", "dir")
    if not d == r == o
]


@pytest.mark.parametrize(("d", "r", "o"), MIXES)
def test_a_mix_of_files_and_folders_is_refused_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], d: str, r: str, o: str
) -> None:
    paths = lay_out(tmp_path)
    before = snapshot(tmp_path)
    args = [str(paths[f"def-{d}"]), str(paths[f"ref-{r}"]), "-o", str(paths[f"out-{o}"])]
    with pytest.raises(SystemExit) as exit_info:
        main(["merge", *args])
    assert exit_info.value.code == 2
    [line] = capsys.readouterr().err.splitlines()
    culprit = paths[f"def-{d}"] if d != r else paths[f"out-{o}"]
    assert line.startswith(f"passerelle: error: {culprit}: ")
    assert "give files for DEF, REF and -o, or folders for all three" in line
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(("d", "r"), [("dir", "file"), ("file", "dir"), ("file", "file")])
def test_msgmerge_refuses_the_same_mixes(tmp_path: Path, d: str, r: str) -> None:
    """The reference: GNU msgmerge reads no folder as a catalog and writes no file as one."""
    msgmerge = gettext_tool("msgmerge")
    paths = lay_out(tmp_path)
    out = paths["out-dir"] if d == r else paths["out-file"]
    before = snapshot(tmp_path)
    done = subprocess.run(
        [msgmerge, "-q", str(paths[f"def-{d}"]), str(paths[f"ref-{r}"]), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "Is a directory" in done.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("kind", ["file", "dir"])
def test_three_files_or_three_folders_still_merge(tmp_path: Path, kind: str) -> None:
    paths = lay_out(tmp_path)
    out = tmp_path / f"fresh-{kind}"
    if kind == "dir":
        out.mkdir()
    else:
        out = out.with_suffix(".po")
    with pytest.raises(SystemExit) as exit_info:
        main(["merge", str(paths[f"def-{kind}"]), str(paths[f"ref-{kind}"]), "-o", str(out)])
    assert exit_info.value.code in (0, None)
    written = out / "a.po" if kind == "dir" else out
    assert 'msgstr "Hello"' in written.read_text(encoding="utf-8")
