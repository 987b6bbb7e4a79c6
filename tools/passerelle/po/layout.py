"""How a catalog is laid out on the page: GNU's output options (width, wrapping, locations, order).

msgcat, msgmerge and the other GNU tools share these options (``-w``, ``--no-wrap``,
``--add-location``, ``--no-location``, ``-s``, ``-F``); the writer reads a :class:`PageLayout`, the
sorts here order entries as ``msgdomain_list_sort_by_msgid`` and ``..._by_filepos`` do, so a
Makefile that asks msgmerge for a layout gets the same bytes from us.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from passerelle.po.model import Entry

PAGE_WIDTH = 79
LOCATIONS = ("full", "file", "never")


@dataclass(frozen=True)
class PageLayout:
    """Page width (strings and ``#:`` lines), whether strings wrap at all, and which part of
    each ``#:`` reference is written: ``full`` (file:line), ``file`` (each file once) or
    ``never``. The styles GNU offers besides its default: ``escape`` (``-E``: what is not
    printable ASCII written as octal escapes of its bytes in ``charset``, the codec the
    catalog is written in), ``indent`` (``-i``) and ``uniforum`` (``--strict``: ``#`` lines
    instead of blank ones, Solaris ``# File:`` references)."""

    width: int = PAGE_WIDTH
    wrap: bool = True
    locations: str = "full"
    escape: bool = False
    indent: bool = False
    uniforum: bool = False
    charset: str = "utf-8"


DEFAULT = PageLayout()


def shown_references(
    occurrences: Iterable[tuple[str, str]], locations: str
) -> list[tuple[str, str]]:
    """The references a ``#:`` line shows: with ``file``, each file once and no line numbers
    (GNU's ``filepos_comment_file``); with ``never``, none."""
    if locations == "never":
        return []
    if locations == "full":
        return list(occurrences)
    files = dict.fromkeys(path for path, _ in occurrences)
    return [(path, "") for path in files]


def _line_number(line: str) -> int:
    return int(line) if line.isdigit() else 1 << 62  # GNU's (size_t) -1 for "no line"


def sort_by_msgid(entries: Iterable[Entry]) -> list[Entry]:
    """``--sort-output``: by msgid, then context (none first); Python compares strings by code
    point, which is the byte order of ``strcmp`` on UTF-8."""
    return sorted(entries, key=lambda e: (e.msgid, e.msgctxt is not None, e.msgctxt or ""))


def sort_by_file(entries: Iterable[Entry]) -> list[Entry]:
    """``--sort-by-file``: each entry's references sorted first, then entries by their first
    reference (entries without one come first), then by msgid and context."""
    items = list(entries)
    for entry in items:
        entry.occurrences = sorted(entry.occurrences, key=lambda o: (o[0], _line_number(o[1])))

    def key(entry: Entry) -> tuple[bool, str, int, str, bool, str]:
        first = entry.occurrences[0] if entry.occurrences else ("", "")
        return (
            bool(entry.occurrences),
            first[0],
            _line_number(first[1]) if entry.occurrences else 0,
            entry.msgid,
            entry.msgctxt is not None,
            entry.msgctxt or "",
        )

    return sorted(items, key=key)
