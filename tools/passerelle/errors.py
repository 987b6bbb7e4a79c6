"""Errors a user can act on.

Every error raised for bad input carries the file, the line when known, and what to do; the CLI
prints it on one line and exits with status 2. Nothing else should reach the user as a traceback.
"""

from __future__ import annotations

from pathlib import Path


class PasserelleError(Exception):
    """An error caused by input or configuration, reported as ``file:line: message (hint)``."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line:
                where += f":{self.line}"
                if self.column:
                    where += f":{self.column}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return " ".join(text.split("\n"))


class ConfigError(PasserelleError):
    """The project configuration is invalid."""


class SourceError(PasserelleError):
    """A source document cannot be read or parsed."""


class CatalogError(PasserelleError):
    """A PO/POT catalog cannot be read."""


class DuplicateEntryError(CatalogError):
    """Two entries of one catalog share msgctxt and msgid; GNU gettext refuses the file, and
    keeping either one would drop the other's translation silently."""

    first_line: int | None = None  # where the first definition is, for GNU's second line


class SegmentationRulesError(PasserelleError):
    """An SRX rules file is malformed."""


class LockError(PasserelleError):
    """Another Passerelle process holds the lock on this tree."""


class EngineError(PasserelleError):
    """A machine-translation engine failed in a way the user must act on."""


class ExchangeError(PasserelleError):
    """An XLIFF, TMX or glossary file that cannot be used as it is."""


class PathError(PasserelleError):
    """A path a project run would take leaves the project (through a link) or cannot be used."""
