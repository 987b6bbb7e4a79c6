"""Where a project command's lines go: the report on standard output, notes beside it, progress.

The project layer says what happened; the command line decides how it looks (a progress bar
on a terminal, nothing per batch in a CI log), so the steps take a :class:`Console`.
"""

from __future__ import annotations

from typing import Protocol


class Console(Protocol):
    def say(self, line: str) -> None:
        """One line of the report (standard output)."""

    def note(self, line: str) -> None:
        """One line beside the report: a retry, a failure (standard error)."""

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

    def progress(self, label: str, done: int, total: int) -> None:
        """Kept lines need no progress."""
