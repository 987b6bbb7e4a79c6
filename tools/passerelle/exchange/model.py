"""What an exchange file holds of a catalog entry, and what comes back from one.

A catalog entry becomes one :class:`ExchangeUnit` (a plural entry one per form). Its id is a
digest of its context and French text, so an export of the same catalog always gives the same
ids, and an id says which French text its translation was made for: a unit whose entry is gone
(its French changed since the export) is recognised as such instead of landing on another one.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from passerelle.exchange.codes import Point, Span, code_tree, walk_codes
from passerelle.po.model import Catalog, Entry

UNTRANSLATED = "untranslated"
FUZZY = "fuzzy"
TRANSLATED = "translated"


def unit_id(msgctxt: str | None, msgid: str, form: int | None = None) -> str:
    """A stable id: ``u`` and 16 hex digits of the entry's key (``.pN``: plural form N)."""
    key = ("\x04" if msgctxt is None else msgctxt + "\x04") + msgid
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"u{digest}" + (f".p{form}" if form is not None else "")


@dataclass(frozen=True)
class ExchangeUnit:
    """One translatable text as CAT tools see it."""

    id: str
    msgctxt: str | None
    source: str
    target: str
    state: str  # UNTRANSLATED, FUZZY or TRANSLATED
    comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    previous: str | None = None  # the French a fuzzy entry's translation was made for


def entry_state(entry: Entry) -> str:
    """The entry's state as an exchange file says it."""
    has_text = bool(entry.msgstr) or any(entry.msgstr_plural.values())
    if not has_text:
        return UNTRANSLATED
    return FUZZY if entry.fuzzy else TRANSLATED


def exchange_units(catalog: Catalog) -> Iterator[ExchangeUnit]:
    """The catalog's active entries as units, in file order."""
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        state = entry_state(entry)
        comments = tuple(entry.comment.splitlines())
        refs = tuple(f"{path}:{line}" if line else path for path, line in entry.occurrences)
        previous = entry.previous_msgid if entry.fuzzy else None
        if not entry.msgid_plural:
            yield ExchangeUnit(
                unit_id(entry.msgctxt, entry.msgid),
                entry.msgctxt,
                entry.msgid,
                entry.msgstr,
                state if entry.msgstr else UNTRANSLATED,
                comments,
                refs,
                previous,
            )
            continue
        for form, text in sorted(entry.msgstr_plural.items()):
            yield ExchangeUnit(
                unit_id(entry.msgctxt, entry.msgid, form),
                entry.msgctxt,
                entry.msgid if form == 0 else entry.msgid_plural,
                text,
                state if text else UNTRANSLATED,
                comments,
                refs,
                previous,
            )


@dataclass(frozen=True)
class CodeRef:
    """An inline code of an imported target, by the id it carries and the part it stands for
    (``open``, ``close`` or ``whole``)."""

    id: str
    part: str


Piece = str | CodeRef


@dataclass(frozen=True)
class ImportedUnit:
    """A unit as read back from a file: its target still as text and code references, made
    into a translation only against the entry's own French (never the file's word for it)."""

    id: str
    context: str | None  # the msgctxt the file says the unit has
    target: tuple[Piece, ...] | None  # None: no target element
    state: str
    line: int
    source_text: str  # the file's source, codes as the placeholders they stand for


def rebuild(source: str, pieces: Iterable[Piece]) -> tuple[str, str]:
    """The translation ``pieces`` spell against ``source``'s codes, and "" or what is wrong
    with its codes (lost, duplicated or invented)."""
    codes: dict[str, Point | Span] = {code.id: code for code in walk_codes(code_tree(source))}
    wanted: Counter[tuple[str, str]] = Counter()
    for code in codes.values():
        if isinstance(code, Span):
            wanted.update([(code.id, "open"), (code.id, "close")])
        else:
            wanted[(code.id, "whole")] += 1
    have: Counter[tuple[str, str]] = Counter()
    text: list[str] = []
    invented: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            text.append(piece)
            continue
        found = codes.get(piece.id)
        if isinstance(found, Point):
            have[(found.id, "whole")] += 1
            text.append(found.token)
        elif isinstance(found, Span) and piece.part in ("open", "close"):
            have[(found.id, piece.part)] += 1
            text.append(found.start if piece.part == "open" else found.end)
        else:
            invented.append(piece.id)
    return "".join(text), _problem(codes, wanted, have, invented)


def _problem(
    codes: dict[str, Point | Span],
    wanted: Counter[tuple[str, str]],
    have: Counter[tuple[str, str]],
    invented: list[str],
) -> str:
    def shown(key: tuple[str, str]) -> str:
        code = codes[key[0]]
        if isinstance(code, Point):
            return code.token
        return code.start if key[1] == "open" else code.end

    lost = [shown(k) for k in wanted if have[k] < wanted[k]]
    doubled = [shown(k) for k in have if have[k] > wanted[k]]
    parts = [
        f"{what} {', '.join(items)}"
        for what, items in (("lost", lost), ("duplicated", doubled), ("invented", invented))
        if items
    ]
    return "inline codes " + "; ".join(parts) if parts else ""
