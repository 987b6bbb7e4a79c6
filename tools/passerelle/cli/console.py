"""The terminal side of a project command: its report on stdout, notes on stderr, a progress bar."""

from __future__ import annotations

import sys

import click


class Terminal:
    """A one-line progress bar on a terminal; nothing per batch elsewhere (CI logs stay readable).

    It is the :class:`~passerelle.project.console.Console` of every project command.
    """

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.shown = False

    def __call__(self, label: str, done: int, total: int) -> None:
        if not self.tty or not total:
            return
        width = 30
        filled = width * done // total
        bar = "#" * filled + "." * (width - filled)
        click.echo(f"\r{label:32.32} [{bar}] {done}/{total}", err=True, nl=False)
        self.shown = True

    def progress(self, label: str, done: int, total: int) -> None:
        self(label, done, total)

    def say(self, line: str) -> None:
        self.clear()
        click.echo(line)

    def note(self, line: str) -> None:
        self.clear()
        click.echo(line, err=True)

    def report(self, line: str) -> None:
        """A draft run's note: a retry, a request that failed."""
        self.note(f"draft: {line}")

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\033[K", err=True, nl=False)
            self.shown = False
