"""Format strings read as the programs that format them read them: printf, Python ``%`` and
Python ``str.format``.

A string becomes its *arguments*: a key (a position from 1, or a name) mapped to the type the
directive expects and the directive's text. Comparing a translation's arguments with its
source's is then what ``msgfmt -c`` does: a position or name gone or added, or expecting another
type. Every pattern here gives nothing back once matched (possessive), and a run that cannot
end a directive stops at the next ``%`` or brace, so any text is read in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PRINTF = "c"
PYTHON = "python"
BRACE = "python-brace"
KINDS = (PRINTF, PYTHON, BRACE)

#: A C directive: argument number, flags, width, precision, size, conversion (absent: invalid).
_C_RE = re.compile(
    r"%(?:(\d{1,9}+)\$)?([-+ #0']*+)(\*(?:\d{1,9}+\$)?|\d++)?(?:\.(\*(?:\d{1,9}+\$)?|\d*+))?"
    r"(hh|h|ll|l|L|q|j|z|Z|t)?([diouxXeEfFgGaAcspn%])?"
)
_C_TYPES = dict.fromkeys("di", "int") | dict.fromkeys("ouxX", "unsigned int")
_C_TYPES |= dict.fromkeys("eEfFgGaA", "double") | {"c": "char", "s": "string"}
_C_TYPES |= {"p": "pointer", "n": "count pointer"}

#: A Python ``%`` directive: an optional ``(name)``, flags, width, precision, conversion.
_PY_RE = re.compile(
    r"%(?:\(([^()%]*+)\))?([-+ #0]*+)(\*|\d++)?(?:\.(\*|\d*+))?[hlL]?([diouxXeEfFgGcrsa%])?"
)
_PY_TYPES = dict.fromkeys("diouxX", "integer") | dict.fromkeys("eEfFgG", "float")
_PY_TYPES |= {"c": "character"} | dict.fromkeys("rsa", "any")

#: A ``str.format`` field, an escaped brace, or a lone brace (an invalid string).
_BRACE_RE = re.compile(r"\{\{|\}\}|\{([^{}]*+)\}|[{}]")
_FIELD_NAME_RE = re.compile(r"[^.\[!:]*+")

#: What makes a msgid *obviously* a format string when no flag says so, as xgettext and Babel
#: guess: stricter than the grammars above, so that French prose (``50 % des``, with the space
#: that French puts before ``%``) is never taken for a directive.
DETECT = {
    PRINTF: re.compile(
        r"%(?:\d++\$)?[-+#0']*+\d*+(?:\.\d++)?(?:hh|h|ll|l|L|q|j|z|t)?[sdiufFeEgGxXoc](?!\w)"
    ),
    PYTHON: re.compile(r"%\([A-Za-z_]\w*+\)[-+#0]*+\d*+(?:\.\d++)?[diouxXeEfFgGcrsa]"),
    BRACE: re.compile(r"\{(?:[A-Za-z_]\w*+|\d++)(?:![rsa])?(?::[^{}]*+)?\}"),
}


@dataclass
class Arguments:
    """What a format string takes: ``key -> (type, directive)``; ``mapping`` for names."""

    args: dict[int | str, tuple[str, str]] = field(default_factory=dict)
    mapping: bool = False


class FormatError(ValueError):
    """The string is not a valid format string of its kind (the message says why)."""


def arguments(text: str, kind: str) -> Arguments:
    """The arguments ``text`` takes as a ``kind`` format string; FormatError if it is none."""
    if kind == PRINTF:
        return _c_arguments(text)
    if kind == PYTHON:
        return _python_arguments(text)
    return _brace_arguments(text)


def _c_arguments(text: str) -> Arguments:
    found = Arguments()
    numbered: bool | None = None
    position = 0
    for match in _C_RE.finditer(text):
        number, _, width, precision, size, conversion = match.groups()
        if conversion is None:
            raise FormatError(f"{match.group(0)!r} is not a complete directive")
        if conversion == "%":
            continue
        if numbered is None:
            numbered = number is not None
        elif numbered != (number is not None):
            raise FormatError("numbered (%1$s) and unnumbered (%s) directives are mixed")
        for star in (width, precision):
            if star and star[0] == "*":
                position += 1
                _add(found, int(star[1:-1]) if len(star) > 1 else position, "int", match)
        position += 1
        kind = _C_TYPES[conversion] if size is None else size + _C_TYPES[conversion]
        _add(found, int(number) if number else position, kind, match)
    return found


def _python_arguments(text: str) -> Arguments:
    found = Arguments()
    named: bool | None = None
    position = 0
    for match in _PY_RE.finditer(text):
        name, _, width, precision, conversion = match.groups()
        if conversion is None:
            raise FormatError(f"{match.group(0)!r} is not a complete directive")
        if conversion == "%":
            continue
        if named is None:
            named = found.mapping = name is not None
        elif named != (name is not None):
            raise FormatError("named (%(x)s) and unnamed (%s) directives are mixed")
        if name is not None:
            _add(found, name, _PY_TYPES[conversion], match)
            continue
        for star in (width, precision):
            if star == "*":
                position += 1
                _add(found, position, "integer", match)
        position += 1
        _add(found, position, _PY_TYPES[conversion], match)
    return found


def _brace_arguments(text: str) -> Arguments:
    found = Arguments()
    automatic: bool | None = None
    position = -1
    for match in _BRACE_RE.finditer(text):
        inner = match.group(1)
        if match.group(0) in ("{{", "}}"):
            continue
        if inner is None:
            raise FormatError(f"a lone {match.group(0)!r} (write it doubled)")
        name = _FIELD_NAME_RE.match(inner).group(0)  # type: ignore[union-attr]
        if automatic is None:
            automatic = name == ""
        elif automatic != (name == ""):
            raise FormatError("automatic ({}) and numbered ({0}) fields are mixed")
        if name == "":
            position += 1
        number = name.isdigit() and len(name) < 10  # a longer one indexes no argument list
        key: int | str = position if name == "" else int(name) if number else name
        found.args.setdefault(key, ("any", match.group(0)))
    return found


def _add(found: Arguments, key: int | str, kind: str, match: re.Match[str]) -> None:
    """Record one use of an argument; two uses that disagree on its type make no string."""
    known = found.args.get(key)
    if known is None:
        found.args[key] = (kind, match.group(0))
    elif known[0] != kind:
        raise FormatError(f"{known[1]} and {match.group(0)} use one argument as two types")


def kinds_of(source: str, flags: tuple[str, ...]) -> list[str]:
    """The kinds of format string an entry is: those its ``*-format`` flags name, else those
    its msgid obviously holds (unless a ``no-*-format`` flag says otherwise)."""
    flagged = [kind for kind in KINDS if f"{kind}-format" in flags]
    if flagged:
        return flagged
    if "%" not in source and "{" not in source:
        return []
    return [
        kind
        for kind, pattern in DETECT.items()
        if f"no-{kind}-format" not in flags and pattern.search(source)
    ]
