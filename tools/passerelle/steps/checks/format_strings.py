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

from passerelle.steps.checks.base import ERROR, EntryCheck, Pair
from passerelle.steps.checks.format_specs import (
    PRINTF,
    Arguments,
    FormatError,
    arguments,
    kinds_of,
)

_NAMES = {PRINTF: "C", "python": "Python", "python-brace": "Python brace"}


@functools.lru_cache(maxsize=256)  # four checks ask about the same pair
def _compared(pair: Pair) -> list[tuple[str, Arguments, Arguments | str]]:
    """``(kind, source arguments, translation arguments or why it is invalid)`` per kind.

    A source that is not a valid string of a kind is not held against the translation: the
    guess was wrong, or the fault is the source's.
    """
    result: list[tuple[str, Arguments, Arguments | str]] = []
    for kind in kinds_of(pair.source, pair.flags):
        try:
            source = arguments(pair.source, kind)
        except FormatError:
            continue
        try:
            result.append((kind, source, arguments(pair.translation, kind)))
        except FormatError as exc:
            result.append((kind, source, str(exc)))
    return result


def _each(pair: Pair, compare: Callable[[str, Arguments, Arguments], str | None]) -> list[str]:
    found = []
    for kind, source, translation in _compared(pair):
        if isinstance(translation, Arguments):
            message = compare(kind, source, translation)
            if message:
                found.append(message)
    return found


def _shown(args: Arguments, keys: list[int | str]) -> str:
    return ", ".join(args.args[key][1] for key in sorted(keys, key=str))


def _missing(kind: str, source: Arguments, translation: Arguments) -> str | None:
    if source.mapping != translation.mapping:
        return None  # said by format-type
    gone = [key for key in source.args if key not in translation.args]
    if gone:
        return f"{_NAMES[kind]} format argument missing from the translation: " + _shown(
            source, gone
        )
    return None


def _added(kind: str, source: Arguments, translation: Arguments) -> str | None:
    if source.mapping != translation.mapping:
        return None
    new = [key for key in translation.args if key not in source.args]
    if new:
        return f"{_NAMES[kind]} format argument not in the source: " + _shown(translation, new)
    return None


def _retyped(kind: str, source: Arguments, translation: Arguments) -> str | None:
    if source.mapping != translation.mapping:
        wanted = "named" if source.mapping else "positional"
        return f"the source's {_NAMES[kind]} format takes {wanted} arguments, the translation not"
    changed = [
        f"{source.args[key][1]} -> {translation.args[key][1]}"
        for key in source.args
        if key in translation.args and source.args[key][0] != translation.args[key][0]
    ]
    if changed:
        return f"{_NAMES[kind]} format argument of another type: " + ", ".join(changed)
    return None


def check_format_missing(pair: Pair) -> list[str]:
    """An argument of the source the translation never uses (a plural form may)."""
    return [] if pair.plural else _each(pair, _missing)


def check_format_unknown(pair: Pair) -> list[str]:
    """An argument the source does not pass: Python raises, C reads past its arguments."""
    return _each(pair, _added)


def check_format_type(pair: Pair) -> list[str]:
    """An argument formatted as another type (``%d`` -> ``%s``; named -> positional)."""
    return _each(pair, _retyped)


def check_format_invalid(pair: Pair) -> list[str]:
    """A translation that is no valid format string where its source is one."""
    return [
        f"not a valid {_NAMES[kind]} format string: {translation}"
        for kind, _, translation in _compared(pair)
        if isinstance(translation, str)
    ]


CHECKS = [
    EntryCheck("format-missing", ERROR, check_format_missing, "a format argument is lost"),
    EntryCheck("format-unknown", ERROR, check_format_unknown, "a format argument was invented"),
    EntryCheck("format-type", ERROR, check_format_type, "a format argument changed type"),
    EntryCheck("format-invalid", ERROR, check_format_invalid, "not a valid format string"),
]
