"""ITS annotations a unit carries to its translator, as extracted comments (``#.``) of its entry.

A catalog entry has no field for "at most 40 bytes" or "a term": its extracted comments are what
every PO tool keeps from template to catalog, and what a translator's editor shows. Each kind of
annotation is one line with a fixed prefix, written here and read back here, so the checks of
``passerelle check`` (storage size, allowed characters) read exactly what extraction wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ALERT = "Alert: "
STORAGE = "Storage size: at most "
ALLOWED = "Allowed characters: "
TERM = "Term: "
LOCALES = "Only for locales: "
NOT_LOCALES = "Not for locales: "
_STORAGE_RE = re.compile(r"at most (\d+) bytes in (\S+), line breaks as (LF|CRLF|NEL)$")


def loc_note(text: str, kind: str = "description", ref: bool = False) -> str:
    """An ITS localisation note (or a reference to one) as the translator reads it."""
    body = f"see {text}" if ref else text
    if kind.strip().lower() == "alert":
        return ALERT + body
    return body[:1].upper() + body[1:] if ref else body


def storage_note(size: int, encoding: str = "UTF-8", line_break: str = "lf") -> str:
    return f"{STORAGE}{size} bytes in {encoding}, line breaks as {line_break.upper()}"


def allowed_note(pattern: str) -> str:
    return ALLOWED + pattern


def term_note(term: str, info: str = "") -> str:
    return TERM + term + (f" ({info})" if info else "")


def locale_note(ranges: tuple[str, ...], include: bool) -> str:
    return (LOCALES if include else NOT_LOCALES) + ", ".join(ranges)


@dataclass(frozen=True)
class StorageSize:
    """How many bytes a translation may take once encoded, line breaks counted as stored."""

    size: int
    encoding: str
    line_break: str

    def stored(self, text: str) -> bytes:
        """``text`` as it would be stored (raises LookupError for an unknown encoding)."""
        breaks = {"LF": "\n", "CRLF": "\r\n", "NEL": "\x85"}[self.line_break]
        return text.replace("\n", breaks).encode(self.encoding)


def storage_size(comments: tuple[str, ...] | list[str]) -> StorageSize | None:
    """The storage size a unit's comments state, if any."""
    for comment in comments:
        for line in comment.splitlines():
            if line.startswith(STORAGE):
                match = _STORAGE_RE.search(line)
                if match:
                    return StorageSize(int(match.group(1)), match.group(2), match.group(3))
    return None


def allowed_characters(comments: tuple[str, ...] | list[str]) -> str | None:
    """The allowed-characters expression a unit's comments state, if any."""
    for comment in comments:
        for line in comment.splitlines():
            if line.startswith(ALLOWED):
                return line[len(ALLOWED) :]
    return None


def locale_ranges(value: str) -> tuple[str, ...]:
    """An ITS ``localeFilterList``: comma-separated extended language ranges."""
    return tuple(r.strip() for r in value.split(",") if r.strip())


def locale_matches(ranges: tuple[str, ...], lang: str) -> bool:
    """RFC 4647 extended filtering: whether ``lang`` (``de-CH``, ``pt_BR``) is in ``ranges``."""
    tag = [s.lower() for s in lang.replace("_", "-").split("-") if s]
    for range_ in ranges:
        subtags = [s.lower() for s in range_.split("-") if s]
        if not subtags or not tag:
            continue
        if subtags[0] != "*" and subtags[0] != tag[0]:
            continue
        i, j = 1, 1
        while i < len(subtags):
            if subtags[i] == "*":
                i += 1
            elif j >= len(tag):
                break
            elif subtags[i] == tag[j]:
                i, j = i + 1, j + 1
            elif len(tag[j]) == 1:
                break
            else:
                j += 1
        else:
            return True
    return False


def locale_allows(locales: str, lang: str) -> bool:
    """Whether a block under the filter ``include|de, fr`` (or ``exclude|...``) is for ``lang``."""
    kind, _, ranges = locales.partition("|")
    return locale_matches(locale_ranges(ranges), lang) != (kind == "exclude")
