"""Format strings must take the same arguments in every language, as ``msgfmt -c`` requires.

A catalog that also serves a program (a template string, a message with ``%s`` or
``{name}``) breaks at run time when a translation drops, adds or retypes an argument: Python
raises, C reads the wrong memory. The checks look at entries flagged ``c-format``,
``python-format`` or ``python-brace-format`` and, as xgettext and Babel do, at entries whose
msgid obviously holds directives (``no-c-format`` and its kin turn that guess off). Reordering is
allowed where the format allows it: numbered (``%1$s``) and named (``%(n)d``, ``{name}``)
arguments may move, unnumbered ones may not change type at a position. A plural form may leave
out an argument (``one file`` for ``%d files``), as msgfmt lets it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from passerelle.formatstrings import Arguments, Comparison, FormatError, Key, compare, parse
from passerelle.steps.checks.base import ERROR, EntryCheck, Pair
from passerelle.steps.checks.format_specs import PRINTF, kinds_of

_NAMES = {PRINTF: "C", "python": "Python", "python-brace": "Python brace"}
#: One source and translation, compared as one kind of format string.
Compared = tuple[str, Arguments, Arguments, Comparison]


@functools.lru_cache(maxsize=256)  # four checks ask about the same pair
def _compared(pair: Pair) -> list[Compared | tuple[str, str]]:
    """Per kind, the comparison, or ``(kind, why the translation is invalid)``.

    A source that is not a valid string of a kind is not held against the translation: the
    guess was wrong, or the fault is the source's. Brace fields are read as Python reads them
    (``{n!r}``, ``{n:s}``; ``{n.x}`` uses argument ``n``), where msgfmt 0.21 is stricter.
    """
    result: list[Compared | tuple[str, str]] = []
    for kind in kinds_of(pair.source, pair.flags):
        try:
            source = parse(pair.source, kind, lenient=True)
        except FormatError:
            continue
        try:
            translation = parse(pair.translation, kind, translated=True, lenient=True)
        except FormatError as exc:
            result.append((kind, str(exc)))
            continue
        result.append(
            (kind, source, translation, compare(kind, source, translation, not pair.plural))
        )
    return result


def _each(
    pair: Pair, say: Callable[[str, Arguments, Arguments, Comparison], str | None]
) -> list[str]:
    found = []
    for compared in _compared(pair):
        if len(compared) == 4:
            message = say(*compared)
            if message:
                found.append(message)
    return found


def _shown(args: Arguments, keys: tuple[Key, ...]) -> str:
    return ", ".join(args.args[key][1] for key in sorted(keys, key=str))


def _missing(kind: str, source: Arguments, _: Arguments, found: Comparison) -> str | None:
    if found.missing:
        gone = _shown(source, found.missing)
        return f"{_NAMES[kind]} format argument missing from the translation: {gone}"
    return None


def _added(kind: str, _: Arguments, translation: Arguments, found: Comparison) -> str | None:
    if found.added:
        new = _shown(translation, found.added)
        return f"{_NAMES[kind]} format argument not in the source: {new}"
    return None


def _retyped(kind: str, source: Arguments, translation: Arguments, found: Comparison) -> str | None:
    if found.mapping:
        wanted = "named" if source.mapping else "positional"
        return f"the source's {_NAMES[kind]} format takes {wanted} arguments, the translation not"
    changed = [f"{source.args[key][1]} -> {translation.args[key][1]}" for key in found.retyped]
    if changed:
        return f"{_NAMES[kind]} format argument of another type: " + ", ".join(changed)
    return None


def check_format_missing(pair: Pair) -> list[str]:
    """An argument of the source the translation never uses (a plural form may, where msgfmt
    lets it: not from a Python tuple)."""
    return _each(pair, _missing)


def check_format_unknown(pair: Pair) -> list[str]:
    """An argument the source does not pass: Python raises, C reads past its arguments."""
    return _each(pair, _added)


def check_format_type(pair: Pair) -> list[str]:
    """An argument formatted as another type (``%d`` -> ``%s``; named -> positional)."""
    return _each(pair, _retyped)


def check_format_invalid(pair: Pair) -> list[str]:
    """A translation that is no valid format string where its source is one."""
    return [
        f"not a valid {_NAMES[compared[0]]} format string: {compared[1]}"
        for compared in _compared(pair)
        if len(compared) == 2
    ]


CHECKS = [
    EntryCheck("format-missing", ERROR, check_format_missing, "a format argument is lost"),
    EntryCheck("format-unknown", ERROR, check_format_unknown, "a format argument was invented"),
    EntryCheck("format-type", ERROR, check_format_type, "a format argument changed type"),
    EntryCheck("format-invalid", ERROR, check_format_invalid, "not a valid format string"),
]
