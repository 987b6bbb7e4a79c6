"""``kill -9`` of a run or a merge at a random moment loses nothing and leaves nothing behind.

The killed command starts in a session of its own, so every process it started shares its
process group; after the kill that group must empty by itself (workers end with their parent).
The next command then takes the lock at once, every catalog still passes GNU msgfmt, every
translation is still there, and no temporary file of a killed write is left. The moment of the
kill is random; its seed is printed, and ``PASSERELLE_KILL_SEED`` replays it.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from helpers import gettext_tool
from passerelle.po.catalog import read_catalog, write_catalog

HEADER = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
TOML = 'source-lang = "fr"\nlanguages = ["en", "de"]\nsegment = "sentence"\n'


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "passerelle", *args]


def kill_at_random(cmd: list[str], cwd: Path, duration: float) -> None:
    """Start ``cmd`` in its own session, SIGKILL it somewhere within ``duration``, and wait
    (boundedly) until no process of its group is left."""
    seed = int(os.environ.get("PASSERELLE_KILL_SEED") or random.SystemRandom().randrange(10**6))
    delay = random.Random(seed).uniform(0.1, 1.0) * duration
    print(f"kill seed {seed}: SIGKILL after {delay:.3f} s of {duration:.3f} s")
    process = subprocess.Popen(
        cmd, cwd=cwd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(delay)  # the random moment itself; nothing waits on this to be "long enough"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    print(f"exit status {process.returncode}")
    deadline = time.monotonic() + 5
    while (left := group_members(process.pid)) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert left == [], f"processes of the killed command still running: {left}"


def group_members(group: int) -> list[str]:
    """Live (not zombie) processes of process group ``group``, with their command lines."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[2]) == group:
            found.append(f"{entry.name} {cmdline}")
    return found


def translations(folder: Path) -> set[tuple[str, str]]:
    """(catalog, msgstr) for every translated entry, active or obsolete, fuzzy or not."""
    return {
        (str(path.relative_to(folder)), entry.msgstr)
        for path in folder.rglob("*.po")
        for entry in read_catalog(path)
        if entry.msgid and entry.msgstr
    }


def translate_all(folder: Path) -> None:
    for path in folder.rglob("*.po"):
        catalog = read_catalog(path)
        for entry in catalog:
            if entry.msgid and not entry.msgid_plural:
                entry.msgstr = f"{path.parent.name.upper()} {entry.msgid}"
        write_catalog(path, catalog)


def assert_intact(root: Path, catalogs: Path, before: set[tuple[str, str]]) -> None:
    files = sorted(catalogs.rglob("*.po")) + sorted(catalogs.rglob("*.pot"))
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(msgfmt, files))
    assert [r for r in results if r] == []
    missing = before - translations(catalogs)
    assert not missing, f"{len(missing)} translations lost, e.g. {sorted(missing)[:3]}"
    assert [p for p in root.rglob("*") if p.name.endswith(".tmp")] == []


def msgfmt(path: Path) -> str:
    done = subprocess.run(
        [gettext_tool("msgfmt"), "--check-format", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
    )
    return "" if done.returncode == 0 else f"{path}: {done.stderr}"


def timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.monotonic()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    return time.monotonic() - start, done


def write_documents(root: Path, count: int, variant: str, paragraphs: int = 6) -> None:
    for n in range(count):
        blocks = [
            f"Le document {n} traite du thème {k}. La phrase {n}-{k} {variant} suit ici. "
            f"Une dernière remarque {n}-{k} termine le paragraphe."
            for k in range(paragraphs)
        ]
        text = "\n\n".join(blocks) + "\n"
        (root / "source" / f"doc{n:03d}.txt").write_text(text, encoding="utf-8")


def test_a_run_killed_anywhere_loses_nothing(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "passerelle.toml").write_text(TOML, encoding="utf-8")
    write_documents(tmp_path, 40, "première")
    duration, first = timed(command("run"), tmp_path)
    assert first.returncode == 0, first.stderr
    translate_all(tmp_path / "locales")
    before = translations(tmp_path / "locales")
    write_documents(tmp_path, 40, "seconde")  # every catalog and output is redone
    kill_at_random(command("run"), tmp_path, duration)
    _, again = timed(command("run"), tmp_path)
    assert again.returncode == 0, again.stderr
    assert "waiting for" not in again.stderr
    assert_intact(tmp_path, tmp_path / "locales", before)


def write_tree(po: Path, pot: Path, count: int) -> None:
    """Translated catalogs, and templates where a third of the sentences changed."""
    for n in range(count):
        ids = [
            f"Phrase {n}-{k} du document, assez longue pour un rapprochement." for k in range(60)
        ]
        new = [i.replace("assez", "bien assez") if k % 3 == 0 else i for k, i in enumerate(ids)]
        rel = Path(f"d{n // 40}") / f"f{n:03d}.po"
        for top, body in (
            (po, "".join(f'\nmsgid "{i}"\nmsgstr "EN {i}"\n' for i in ids)),
            (pot, "".join(f'\nmsgid "{i}"\nmsgstr ""\n' for i in new)),
        ):
            path = top / (rel if top is po else rel.with_suffix(".pot"))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(HEADER + body, encoding="utf-8")


def test_a_tree_merge_killed_anywhere_loses_nothing(tmp_path: Path) -> None:
    po, pot = tmp_path / "po", tmp_path / "pot"
    write_tree(po, pot, 80)
    before = translations(po)
    shutil.copytree(po, tmp_path / "rehearsal")  # the same merge, to know how long it takes
    rehearsal = command("merge", "rehearsal", "pot", "-o", "rehearsal", "-j", "2")
    duration, done = timed(rehearsal, tmp_path)
    assert done.returncode == 0, done.stderr
    merge = command("merge", "po", "pot", "-o", "po", "-j", "2")
    kill_at_random(merge, tmp_path, duration)
    _, again = timed([*merge, "--wait", "0"], tmp_path)
    assert again.returncode == 0, again.stderr
    assert "waiting for" not in again.stderr
    assert_intact(tmp_path, po, before)


def test_a_folder_extraction_killed_anywhere_leaves_no_process_or_temporary(
    tmp_path: Path,
) -> None:
    (tmp_path / "source").mkdir()
    write_documents(tmp_path, 40, "première", paragraphs=60)
    duration, done = timed(command("extract", "source", "-o", "rehearsal"), tmp_path)
    assert done.returncode == 0, done.stderr
    kill_at_random(command("extract", "source", "-o", "pot"), tmp_path, duration)
    _, again = timed(command("extract", "source", "-o", "pot"), tmp_path)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in (tmp_path / "pot").iterdir()) == sorted(
        p.name for p in (tmp_path / "rehearsal").iterdir()
    )
    assert [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")] == []
