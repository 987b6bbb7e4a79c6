"""Where a project command's lines go: the report on standard output, notes beside it, progress.

The project layer says what happened; the command line decides how it looks (a progress bar
on a terminal, nothing per batch in a CI log), so the steps take a :class:`Console`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

#: How a long piece of work says how far it has come: ``(label, done, total)``.
Progress = Callable[[str, int, int], None]


def no_progress(label: str, done: int, total: int) -> None:
    """For callers that show no progress."""


class Console(Protocol):
    def say(self, line: str) -> None:
        """One line of the report (standard output)."""

    def note(self, line: str) -> None:
        """One line beside the report: a retry, a failure (standard error)."""

    def remark(self, line: str) -> None:
        """One line beside the report that only informs (left out with --quiet)."""

    def detail(self, line: str) -> None:
        """One line for --verbose only."""

    def progress(self, label: str, done: int, total: int) -> None:
        """How far a long step has come."""


class Lines:
    """A console that keeps what is said: for callers that want the lines, not a terminal."""

    def __init__(self) -> None:
        self.said: list[str] = []
        self.noted: list[str] = []

    def say(self, line: str) -> None:
        self.said.append(line)

    def note(self, line: str) -> None:
        self.noted.append(line)

    def remark(self, line: str) -> None:
        self.noted.append(line)

    def detail(self, line: str) -> None:
        """Kept lines leave details out."""

    def progress(self, label: str, done: int, total: int) -> None:
        """Kept lines need no progress."""
