"""What a long command shows while it works, and how it stops on Ctrl-C.

On a terminal (a real pseudo-terminal here), ``run`` draws progress as it goes; in a log it
stays short; ``-q`` silences it; the global options are taken after the command name too. Ctrl-C
(SIGINT to the whole process group, as a terminal sends it) ends a run with workers within a
second and leaves the project as consistent as before the interrupted write.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib

from helpers import msgfmt_check
from passerelle.cli.progress import LOG_INTERVAL, LogLines

TOML = 'source-lang = "fr"\nlanguages = ["en", "de"]\nsegment = "sentence"\n'


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "passerelle", *args]


def write_project(root: Path, count: int) -> Path:
    (root / "source").mkdir()
    (root / "passerelle.toml").write_text(TOML, encoding="utf-8")
    for n in range(count):
        paras = "".join(
            f"<p>Le document {n} traite du thème {k}. La phrase {n}-{k} suit ici.</p>\n"
            for k in range(4)
        )
        page = (
            f'<!DOCTYPE html>\n<html lang="fr"><body>\n<h1>Titre {n}</h1>\n{paras}</body></html>\n'
        )
        (root / "source" / f"doc{n:03d}.html").write_text(page, encoding="utf-8")
    return root


class Terminal:
    """A command whose standard output and error are a pseudo-terminal, read as it writes."""

    def __init__(self, cmd: list[str], cwd: Path) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            cmd, cwd=cwd, stdout=slave, stderr=slave, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.seen = b""

    def read_until(self, wanted: bytes, timeout: float = 20.0) -> bool:
        """Read until ``wanted`` shows (True) or the command's terminal closes (False)."""
        deadline = time.monotonic() + timeout
        while wanted not in self.seen and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the command ended and closed its side
                    return wanted in self.seen
                if not chunk:
                    return wanted in self.seen
                self.seen += chunk
        return wanted in self.seen

    def finish(self) -> int:
        self.read_until(b"\0never\0", timeout=10.0)
        os.close(self.master)
        return self.process.wait(timeout=10)


def test_run_on_a_terminal_shows_progress_as_it_goes(tmp_path: Path) -> None:
    root = write_project(tmp_path, 6)
    term = Terminal(command("run", "-j", "1"), root)
    assert term.read_until(b"extract/update/check/build")
    assert term.finish() == 0
    text = term.seen.decode("utf-8", "replace")
    assert "6/6" in text or "/6" in text  # the count of documents done, of all
    assert "check: 0 errors" in text  # the report follows the bar


def test_without_a_terminal_output_stays_short(tmp_path: Path) -> None:
    root = write_project(tmp_path, 2)
    done = subprocess.run(command("run"), cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "\r" not in done.stderr + done.stdout and "\x1b" not in done.stderr + done.stdout
    assert "extract/update" not in done.stderr  # a run this short prints no progress line
    quiet = subprocess.run(command("check", "-q", "-j", "2"), cwd=root, capture_output=True)
    assert quiet.returncode == 0 and quiet.stderr == b""  # options after the command name
    loud = subprocess.run(command("status", "-v"), cwd=root, capture_output=True, text=True)
    assert "answered from the project state" in loud.stderr


def test_log_lines_come_every_few_seconds_at_most(capsys: object) -> None:
    now = [0.0]
    lines = LogLines(clock=lambda: now[0])
    for done in range(1, 601):  # ten minutes of a step, a document every second
        now[0] = float(done)
        lines.update("build", done, 1000)
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    shown = err.splitlines()
    assert len(shown) == int(600 // LOG_INTERVAL)
    assert shown[-1] == "build: 600/1000 (60%), about 6 min 40 s left"


def test_ctrl_c_stops_a_run_within_a_second_and_leaves_it_consistent(tmp_path: Path) -> None:
    root = write_project(tmp_path, 40)
    term = Terminal(command("run", "-j", "2"), root)
    assert term.read_until(b"extract/update/check/build")  # workers are at it
    interrupted = time.monotonic()
    os.killpg(term.process.pid, signal.SIGINT)
    code = term.process.wait(timeout=10)
    took = time.monotonic() - interrupted
    term.finish()
    assert code == 130, term.seen[-500:]
    assert took < 1.0, f"Ctrl-C took {took:.2f} s"
    assert [p for p in root.rglob("*") if p.name.endswith(".tmp")] == []
    lock = root / "locales" / ".passerelle.lock"
    assert lock.read_text() == ""  # released: no holder named
    catalogs = sorted((root / "locales").rglob("*.po")) + sorted((root / "locales").rglob("*.pot"))
    assert catalogs, "the run was interrupted before writing anything"
    for path in catalogs:
        polib.pofile(str(path))  # parses
    assert [p for p in catalogs[:10] if msgfmt_check(p).returncode != 0] == []  # .po first
    again = subprocess.run(command("run", "-j", "2"), cwd=root, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert len(list((root / "locales" / "de").glob("*.po"))) == 40
