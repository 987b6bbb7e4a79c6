"""What a build takes from a catalog: ``(msgctxt, msgid) -> msgstr``, and where each entry is.

A build refuses a translation whose placeholders or link do not fit its source. Its warning
names the catalog's file and the entry's line, as ``check`` does, so that the translator goes
straight to the entry; the lines are looked up only then, from the file's text.
"""

from __future__ import annotations

from pathlib import Path

from passerelle.errors import CatalogError
from passerelle.po.charset import decode_catalog

Key = tuple[str | None, str]


class Translations(dict[Key, str]):
    """The translations a build may use, with the catalog file and each entry's first line."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.path = path
        self.starts: dict[Key, int] = {}
        self.header_start: int | None = None

    def add(self, key: Key, msgstr: str, line: int | None) -> None:
        self[key] = msgstr
        if line:
            self.starts[key] = line

    def where(self, key: Key) -> str | None:
        """``file:line`` of the msgstr of ``key``'s entry (the file alone when the line is not
        known; None without a file)."""
        if self.path is None:
            return None
        line = self._line_after(self.starts.get(key), "msgstr")
        return f"{shown_path(self.path)}:{line}" if line else shown_path(self.path)

    def language_line(self) -> int | None:
        """The line of the header's ``Language`` field, for an error about its value."""
        return self._line_after(self.header_start, '"Language:')

    def _line_after(self, start: int | None, prefix: str) -> int | None:
        if self.path is None or start is None:
            return None
        try:
            text = decode_catalog(self.path.read_bytes(), self.path)
        except (OSError, CatalogError):
            return start
        for number, line in enumerate(text.splitlines()[start - 1 :], start):
            if line.startswith(prefix):
                return number
        return start


def shown_path(path: Path) -> str:
    """``path`` as a message shows it: relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)
