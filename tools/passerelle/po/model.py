"""The PO catalog model: what an entry and a catalog hold, typed, with no I/O.

Reading (``poparse``), writing (``poformat``) and the project's rules for headers (``catalog``)
all work on these classes. Field names are polib's, so code written against polib reads the same,
and polib's meanings are kept where the code relies on them: an entry is ``fuzzy`` when it has
the flag, ``translated()`` excludes fuzzy and obsolete entries, and a catalog is a list of its
entries, active and obsolete, in file order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal


@dataclass(slots=True, kw_only=True)
class Entry:
    """One message; equal entries are written as the same lines (the line number aside).

    Catalogs of 10,000 documents hold millions of entries: the class stays a plain slotted
    record, built by its generated ``__init__`` alone, so a read pays nothing for the model.
    """

    msgid: str = ""
    msgstr: str = ""
    msgid_plural: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    msgctxt: str | None = None
    obsolete: bool = False
    comment: str = ""  # extracted comments (``#.``), one per line
    tcomment: str = ""  # translator comments (``#``), one per line
    occurrences: list[tuple[str, str]] = field(default_factory=list)  # (path, line) references
    flags: list[str] = field(default_factory=list)  # in file order: the writer keeps extras
    previous_msgctxt: str | None = None  # ``#|`` strings: what a fuzzy entry was matched from
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    linenum: int | None = field(default=None, compare=False)  # of the first keyword, when known

    @property
    def fuzzy(self) -> bool:
        """A fuzzy entry's text is a suggestion: builds and statistics do not count it."""
        return "fuzzy" in self.flags

    def translated(self) -> bool:
        """polib's rule: active, not fuzzy, and a msgstr (or every plural form) filled."""
        if self.obsolete or "fuzzy" in self.flags:
            return False
        if self.msgstr != "":
            return True
        if self.msgstr_plural:
            return all(text != "" for text in self.msgstr_plural.values())
        return False


class Catalog(list[Entry]):
    """A PO or POT file: its entries (a list, so the hot loops iterate a plain list) and header.

    ``metadata`` holds the header's ``Key: value`` fields in order, ``header`` its translator
    comment. ``original_header`` is the header entry exactly as the file held it: a writer puts
    it back byte for byte while the fields, comment and fuzziness still match it, so rewriting a
    catalog another tool saved shows no diff. ``path`` is the file it was read from, if any;
    ``domain`` the name a ``domain "..."`` line gave its entries (None: the default domain).
    """

    __slots__ = ("metadata", "header", "metadata_is_fuzzy", "original_header", "path", "domain")

    def __init__(
        self,
        entries: Iterable[Entry] = (),
        *,
        metadata: dict[str, str] | None = None,
        header: str = "",
        metadata_is_fuzzy: bool = False,
        original_header: Entry | None = None,
        path: Path | None = None,
        domain: str | None = None,
    ) -> None:
        super().__init__(entries)
        self.metadata: dict[str, str] = {} if metadata is None else metadata
        self.header = header
        self.metadata_is_fuzzy = metadata_is_fuzzy
        self.original_header = original_header
        self.path = path
        self.domain = domain

    def obsolete_entries(self) -> list[Entry]:
        """The ``#~`` entries, in file order."""
        return [entry for entry in self if entry.obsolete]

    def find(
        self,
        msgid: str,
        *,
        msgctxt: str | None | Literal[False] = False,
        include_obsolete_entries: bool = False,
    ) -> Entry | None:
        """The entry with ``msgid`` (and ``msgctxt``, unless False: any context), as polib's.

        Among several matches in any context, the last one without a context wins, else the
        first one.
        """
        matches = [
            entry
            for entry in self
            if entry.msgid == msgid
            and (include_obsolete_entries or not entry.obsolete)
            and (msgctxt is False or entry.msgctxt == msgctxt)
        ]
        if len(matches) == 1:
            return matches[0]
        if matches and not msgctxt:
            plain = [entry for entry in matches if not entry.msgctxt]
            return plain[-1] if plain else matches[0]
        return None
