"""The terminal side of a project command: its report on stdout, remarks on stderr, progress.

On a terminal, progress is a bar per step (counts, share, time left) drawn by ``rich``; in a log
(CI), a line every few seconds at most, so a long step shows it is alive without flooding the
log; with ``--quiet``, nothing.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from passerelle.cli.progress import Bars, LogLines


class Terminal:
    """The :class:`~passerelle.project.console.Console` of every project command."""

    def __init__(self, *, quiet: bool = False, verbose: int = 0, tty: bool | None = None) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.tty = sys.stderr.isatty() if tty is None else tty
        self._bars: Bars | None = None
        self._lines: LogLines | None = None

    def __call__(self, label: str, done: int, total: int) -> None:
        self.progress(label, done, total)

    def progress(self, label: str, done: int, total: int) -> None:
        """How far ``label`` has come: ``done`` of ``total`` (a step, or a file's entries)."""
        if self.quiet or total <= 0:
            return
        if self.tty:
            if self._bars is None:
                from passerelle.cli.progress import Bars  # only a terminal pays for rich

                self._bars = Bars()
            self._bars.update(label, done, total)
        else:
            if self._lines is None:
                from passerelle.cli.progress import LogLines

                self._lines = LogLines()
            self._lines.update(label, done, total)

    def say(self, line: str) -> None:
        """A line of the report (standard output)."""
        self.clear()
        click.echo(line)

    def note(self, line: str) -> None:
        """A line that matters beside the report (a failure): shown even with --quiet."""
        self.clear()
        click.echo(line, err=True)

    def remark(self, line: str) -> None:
        """A line beside the report that only informs (a summary, where a file went)."""
        if not self.quiet:
            self.note(line)

    def detail(self, line: str) -> None:
        """A line for --verbose only."""
        if self.verbose and not self.quiet:
            self.note(line)

    def report(self, line: str) -> None:
        """A draft run's note: a retry, a request that failed."""
        self.note(f"draft: {line}")

    def clear(self) -> None:
        """Take the bars off the screen, so that a line printed next stands alone."""
        if self._bars is not None:
            self._bars.stop()
            self._bars = None
