"""PO syntax out: a writer byte-identical to GNU ``msgcat`` (gettext 0.21).

Why our own code rather than polib's: polib drops comments and ``#~|`` lines of obsolete entries
and wraps at its own width; translators' tools (Poedit, Weblate) write msgcat's layout, so anything
else shows up as diff noise. The writer mirrors gettext's ``write-po.c``: comment order, flag
normalisation, references wrapped at 79 columns, and strings wrapped with libunistring's UAX #14
line breaking (``ulc_width_linebreaks``): breaks after spaces but also after ``-``, ``/``, ``.``
before letters, between CJK ideographs, East-Asian wide characters counting two columns.

It writes the model's :class:`~passerelle.po.model.Entry`; the reader, which keeps what polib
drops, is :mod:`passerelle.po.parse`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TypeAlias

from passerelle.po.layout import DEFAULT, PAGE_WIDTH, PageLayout, shown_references
from passerelle.po.model import Entry
from passerelle.po.wrap import Style, wrap_string

__all__ = ["format_entries", "format_entry", "wrap_string"]

# Format languages in gettext 0.21's order; msgcat writes their flags in this order.
FORMAT_LANGUAGES = (
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp librep ruby "
    "sh awk lua object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl perl perl-brace php "
    "gcc-internal gfc-internal ycp"
).split()
_FORMAT_INDEX = {name: i for i, name in enumerate(FORMAT_LANGUAGES)}


def _flag_line(entry: Entry, obsolete: bool) -> str | None:
    """The ``#,`` line msgcat writes: fuzzy (only with a translation), formats, range, no-wrap.

    Flags gettext does not know are kept after those (msgcat would drop them; we never lose data).
    """
    fuzzy = False
    formats: dict[int, str] = {}
    wrap_flag: str | None = None
    extra: list[str] = []
    for flag in entry.flags:
        flag = flag.strip()
        if flag == "fuzzy":
            fuzzy = True
        elif flag in ("wrap", "no-wrap"):
            wrap_flag = flag
        elif flag.endswith("-format") and _format_name(flag) is not None:
            lang, state = _format_name(flag)  # type: ignore[misc]
            formats[_FORMAT_INDEX[lang]] = state
        elif flag and flag not in extra:
            extra.append(flag)
    parts = ["fuzzy"] if fuzzy and _first_msgstr(entry) else []
    parts += [
        f"{'no-' if formats[i] == 'no' else ''}{FORMAT_LANGUAGES[i]}-format"
        for i in sorted(formats)
        if formats[i] != "impossible"
    ]
    parts += [f for f in extra if f.startswith("range:")]
    if wrap_flag == "no-wrap":
        parts.append("no-wrap")
    parts += [f for f in extra if not f.startswith("range:")]
    return "#, " + ", ".join(parts) if parts else None


def _format_name(flag: str) -> tuple[str, str] | None:
    body = flag[: -len("-format")]
    for lead, state in (("no-", "no"), ("possible-", "possible"), ("impossible-", "impossible")):
        if body.startswith(lead) and body[len(lead) :] in _FORMAT_INDEX:
            return body[len(lead) :], state
    return (body, "yes") if body in _FORMAT_INDEX else None


def _first_msgstr(entry: Entry) -> str:
    if entry.msgid_plural:
        return entry.msgstr_plural.get(0, "") if entry.msgstr_plural else ""
    return entry.msgstr


def _reference_lines(occurrences: Iterable[tuple[str, str]], width: int = PAGE_WIDTH) -> list[str]:
    lines: list[str] = []
    current, column = "#:", 2
    seen: set[tuple[str, str]] = set()
    for path, line in occurrences:
        if (path, line) in seen:
            continue
        seen.add((path, line))
        while path.startswith("./"):
            path = path[2:]
        text = f"{path}:{line}" if line else path
        if column > 2 and column + len(text) + 1 > width:
            lines.append(current)
            current, column = "#:", 2
        current += " " + text
        column += len(text) + 1
    lines.append(current)
    return lines


def _file_lines(occurrences: Iterable[tuple[str, str]], width: int = PAGE_WIDTH) -> list[str]:
    """References in the Uniforum style of ``--strict``: one Solaris ``# File:`` line each,
    line -1 where none is known (GNU prints its ``(size_t) -1`` so)."""
    lines = []
    for path, line in dict.fromkeys(occurrences):
        while path.startswith("./"):
            path = path[2:]
        lines.append(f"# File: {path}, line: {line or -1}")
    return lines


# What format_entry writes: obsolete, msgctxt, msgid, msgid_plural, msgstr, msgstr_plural,
# tcomment, comment, occurrences, flags, previous msgctxt, msgid and msgid_plural.
EntryKey: TypeAlias = tuple[
    bool,
    str | None,
    str,
    str,
    str,
    tuple[tuple[int, str], ...],
    str,
    str,
    tuple[tuple[str, str], ...],
    tuple[str, ...],
    str | None,
    str | None,
    str | None,
]


def entry_key(entry: Entry) -> EntryKey:
    """Everything :func:`format_entry` writes of an entry: equal keys, equal lines."""
    return (
        entry.obsolete,
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        entry.msgstr,
        tuple(sorted(entry.msgstr_plural.items())) if entry.msgstr_plural else (),
        entry.tcomment,
        entry.comment,
        tuple(entry.occurrences),
        tuple(entry.flags),
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.previous_msgid_plural,
    )


_FORMATTED: dict[EntryKey, list[str]] = {}
_FORMATTED_MAX = 4096


def formatted_entry(entry: Entry, layout: PageLayout = DEFAULT) -> list[str]:
    """:func:`format_entry`, remembered for a while: a template's entries come back unchanged,
    msgstr empty, in each of its languages' catalogs, so most of a project update formats
    entries it has just formatted. The result is shared: read it, never change it."""
    if (
        layout is not DEFAULT and layout != DEFAULT
    ):  # a one-off layout from the command line: nothing to share
        return format_entry(entry, layout)
    key = entry_key(entry)
    lines = _FORMATTED.get(key)
    if lines is None:
        if len(_FORMATTED) >= _FORMATTED_MAX:
            _FORMATTED.clear()
        lines = _FORMATTED[key] = format_entry(entry)
    return lines


def format_entry(entry: Entry, layout: PageLayout = DEFAULT) -> list[str]:
    """One entry's lines (no blank separator); obsolete entries without translation give none."""
    obsolete = bool(entry.obsolete)
    if obsolete and not _first_msgstr(entry):
        return []
    lines: list[str] = []
    if entry.tcomment:
        lines += _comment_lines("#", entry.tcomment)
    if entry.comment:
        lines += _comment_lines("#.", entry.comment)
    if entry.occurrences and (shown := shown_references(entry.occurrences, layout.locations)):
        lines += (_file_lines if layout.uniforum else _reference_lines)(shown, layout.width)
    flag_line = _flag_line(entry, obsolete) if entry.flags else None
    if flag_line:
        lines.append(flag_line)
    wrap, formats = _string_options(entry.flags) if entry.flags else (True, ())
    put = functools.partial(
        wrap_string, wrap=wrap and layout.wrap, formats=formats, width=layout.width
    )
    if layout.escape or layout.indent:
        put = functools.partial(put, style=_style(layout, 0))
    previous = "#~| " if obsolete else "#| "
    was = False
    for name, value in (
        ("msgctxt", entry.previous_msgctxt),
        ("msgid", entry.previous_msgid),
        ("msgid_plural", entry.previous_msgid_plural),
    ):
        if value is not None:
            lines += put(name, value, previous)
            was = True
    if was and layout.indent:  # GNU indents the strings after #| lines a little more
        put = functools.partial(put, style=_style(layout, 1 if obsolete else 3))
    prefix = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        lines += put("msgctxt", entry.msgctxt, prefix)
    lines += put("msgid", entry.msgid, prefix)
    if entry.msgid_plural:
        lines += put("msgid_plural", entry.msgid_plural, prefix)
        forms = entry.msgstr_plural or {0: ""}
        for index in sorted(forms):
            lines += put(f"msgstr[{index}]", forms[index], prefix)
    else:
        lines += put("msgstr", entry.msgstr, prefix)
    return lines


def _style(layout: PageLayout, extra: int) -> Style:
    return Style(layout.charset if layout.escape else "", extra if layout.indent else None)


def _comment_lines(mark: str, text: str) -> list[str]:
    """``#`` or ``#.`` lines; one ending in a backslash gets a space after it, because GNU reads
    backslash-newline as a line continued, even in a comment, and would swallow the next line."""
    return [
        f"{mark} {c} " if c.endswith("\\") else f"{mark} {c}" if c else mark
        for c in text.split("\n")
    ]


def _string_options(raw_flags: Iterable[str]) -> tuple[bool, tuple[str, ...]]:
    """Whether strings wrap (last of wrap/no-wrap wins) and the format language whose
    directives msgcat keeps unbroken (the first possible one in gettext's order)."""
    wrap = True
    states: dict[str, str] = {}
    for flag in raw_flags:
        flag = flag.strip()
        if flag in ("wrap", "no-wrap"):
            wrap = flag == "wrap"
        elif flag.endswith("-format") and (found := _format_name(flag)) is not None:
            states[found[0]] = found[1]
    langs = [lang for lang in FORMAT_LANGUAGES if states.get(lang) in ("yes", "possible")]
    return wrap, tuple(langs[:1])


_KEYWORDS = ("msgctxt ", "msgid ", "#~ msgctxt ", "#~ msgid ")


def format_entries(
    entries: Iterable[Entry],
    *,
    number: bool = False,
    domain: str | None = None,
    layout: PageLayout = DEFAULT,
) -> str:
    """Entries in the order given (active ones first, as msgcat sorts obsolete ones last).

    With ``number``, each entry's ``linenum`` becomes the line of its first keyword in the text,
    as reading the text back would set it: checks on a catalog just written can then point at
    its lines without reading the file again. A ``domain`` line comes first, as msgcat writes it
    (the name unescaped), when there are entries to put in it.
    """
    items = list(entries)
    ordered = [e for e in items if not e.obsolete] + [e for e in items if e.obsolete]
    pieces = [] if domain is None else [f'domain "{domain}"\n']
    line, gap, written = (1, False, False) if domain is None else (2, True, False)
    uniforum = layout.uniforum
    for entry in ordered:
        lines = formatted_entry(entry, layout)
        if not lines:
            continue
        if gap:
            separator = separator_before(entry, layout) if uniforum else "\n"
            pieces.append(separator)
            line += bool(separator)
        if number:
            offset = next(i for i, text in enumerate(lines) if text.startswith(_KEYWORDS))
            entry.linenum = line + offset
        pieces.append("\n".join(lines) + "\n")
        line += len(lines)
        gap = written = True
    return "".join(pieces) if written else ""


def separator_before(entry: Entry, layout: PageLayout = DEFAULT) -> str:
    """What parts an entry from what comes before it: a blank line; ``--strict`` (Uniforum
    style, which dislikes blank lines) writes ``#`` instead, or nothing when the entry's own
    comment starts with an empty line."""
    if not layout.uniforum:
        return "\n"
    return "" if entry.tcomment.startswith("\n") and not entry.obsolete else "#\n"
