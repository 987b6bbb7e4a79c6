"""Format strings read and compared as GNU ``msgfmt --check-format`` (gettext 0.21) reads them.

Two steps ask the same question, is this translation the same format string as its source: the
merge, which must mark a kept translation fuzzy exactly where msgmerge does, and the checks,
which must refuse what ``msgfmt -c`` refuses. One reading serves both, so they cannot drift
apart. A string becomes its :class:`Arguments` (a position or name -> the kind of value its
directive wants, and the directive's text); :func:`compare` says what a translation does to
them. Every pattern gives nothing back once matched and every scan moves forward, so any text
is read in one pass.

``lenient`` reads ``python-brace`` as Python itself does where msgfmt 0.21 is stricter, for the
checks only: ``{n!r}`` and ``{n:s}`` are valid, and ``{n.x}`` or ``{n:>5}`` use argument ``n``
(msgfmt takes the whole field, ``n.x``, for the argument's name).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

Key = int | str

#: The languages whose directives are read here (``objc`` formats as C does).
LANGUAGES = ("c", "objc", "python", "python-brace", "sh", "perl-brace", "qt", "kde")


class FormatError(ValueError):
    """Not a valid format string of its language (the message says why)."""


@dataclass
class Arguments:
    """What a format string takes: ``key -> (kind, directive)``.

    ``mapping``: a Python string whose arguments are named (a dict, not a tuple). ``simple``: a
    Qt string with neither an ``L`` flag nor a two-digit number (such a source wants the same).
    """

    args: dict[Key, tuple[str, str]] = field(default_factory=dict)
    mapping: bool = False
    simple: bool = True

    def add(self, key: Key, kind: str, directive: str) -> None:
        """Record one use of an argument; two uses that disagree on its kind make no string."""
        known = self.args.setdefault(key, (kind, directive))
        if known[0] != kind:
            raise FormatError(f"{known[1]} and {directive} use one argument as two types")


@dataclass(frozen=True)
class Comparison:
    """What a translation does to its source's arguments, as msgfmt would object to it."""

    missing: tuple[Key, ...] = ()  # the source's, left out where they may not be
    added: tuple[Key, ...] = ()  # the translation's, that the source does not take
    retyped: tuple[Key, ...] = ()  # used as another kind of value
    mapping: bool = False  # named arguments on one side, positional on the other
    simple: bool = False  # a simple Qt source, a translation that is not

    def __bool__(self) -> bool:
        return bool(self.missing or self.added or self.retyped or self.mapping or self.simple)


def parse(text: str, lang: str, *, translated: bool = False, lenient: bool = False) -> Arguments:
    """``text``'s arguments as a ``lang`` format string; FormatError if it is none.

    ``translated``: ``text`` is a translation (C's ``I`` flag is allowed there only).
    """
    if lang in ("c", "objc"):
        return _parse_c(text, translated)
    if lang == "python-brace":
        return _parse_brace(text, lenient)
    return _PARSERS[lang](text)


def compare(lang: str, source: Arguments, translation: Arguments, strict: bool) -> Comparison:
    """How ``translation`` differs from ``source`` where msgfmt objects to it.

    ``strict`` is msgfmt's equality: every argument must be used. It is false for a plural form
    that few numbers select (``one file`` for ``%d files``), which may leave arguments out as
    each language allows.
    """
    wanted, given = source.args, translation.args
    if lang == "python" and wanted and given and source.mapping != translation.mapping:
        return Comparison(mapping=True)
    if lang == "qt" and source.simple and not translation.simple:
        return Comparison(simple=True)
    added = tuple(key for key in given if key not in wanted)
    missing = tuple(key for key in wanted if key not in given)
    if lang == "perl-brace" or (lang == "python-brace" and not strict):
        added = ()  # msgfmt lets these translations name more arguments
    keep_missing = (
        strict
        or lang == "qt"  # Qt's forms use every argument
        or (lang == "python" and not source.mapping)  # a tuple of arguments is used up
        or (lang == "kde" and len(missing) > 1)  # a KDE form may leave out one argument
    )
    retyped = tuple(key for key in given if key in wanted and wanted[key][0] != given[key][0])
    return Comparison(missing if keep_missing else (), added, retyped)


# printf: %[n$][flags][width][.precision][size]conversion, or %<PRIdN> for <inttypes.h>
_C_RE = re.compile(
    r"%(?:(\d++)\$)?([-+ #0'I]*+)(\*(?:\d++\$)?|\d++)?(?:\.(\*(?:\d++\$)?|\d*+))?"
    r"([hlLqjzZt]*+)(?:<(PRI([diouxX])(?:(?:LEAST|FAST)?+(?:8|16|32|64)|MAX|PTR))>|(.?))",
    re.DOTALL,
)
_C_SIZES = {"L": "ll", "q": "ll", "Z": "z"}
_C_INTEGERS = dict.fromkeys("di", "int") | dict.fromkeys("ouxX", "unsigned")


def _c_size(letters: str) -> str:
    """The size letters fold as msgfmt folds them: the last wins, ``hh`` and ``ll`` pair up."""
    size = ""
    for letter in letters:
        if letter in "hl" and size in (letter, letter * 2):
            size = letter * 2
        else:
            size = _C_SIZES.get(letter, letter)
    return size


def _c_kind(conversion: str, size: str) -> str | None:
    """What a conversion takes (``none``: no argument), None for no conversion msgfmt knows."""
    if not conversion:
        return None
    if conversion in _C_INTEGERS or conversion == "n":
        return size + _C_INTEGERS.get(conversion, "count")
    if conversion in "eEfFgGaA":
        return "long double" if size == "ll" else "double"
    wide = size in ("l", "ll") or conversion in "CS"
    kinds = {"c": "char", "s": "string", "C": "char", "S": "string", "p": "pointer"}
    kinds |= {"m": "none", "%": "none"}
    kind = kinds.get(conversion)
    return "wide " + kind if wide and kind in ("char", "string") else kind


def _parse_c(text: str, translated: bool) -> Arguments:
    """printf directives, numbered (``%1$s``) or not, never both, numbered without a gap."""
    found = Arguments()
    numbered: set[bool] = set()
    position = 0
    for match in _C_RE.finditer(text):
        number, flags, width, precision, size, macro, signed, conversion = match.groups()
        directive = match.group(0)
        if "I" in flags and not translated:
            raise FormatError(f"{directive!r}: the I flag is for translations only")
        if macro:
            kind: str | None = ("j" if macro.endswith("MAX") else macro) + _C_INTEGERS[signed]
        else:
            kind = _c_kind(conversion, _c_size(size))
        if kind is None:
            raise FormatError(f"{directive!r} is not a complete directive")
        for star in (width, precision):
            if star and star[0] == "*":
                numbered.add(len(star) > 1)
                position += len(star) == 1
                key = _number(star[1:-1], directive) if len(star) > 1 else position
                _add_c(found, key, "int", directive)
        if kind != "none":
            numbered.add(number is not None)
            position += number is None
            _add_c(found, _number(number, directive) if number else position, kind, directive)
    if len(numbered) > 1:
        raise FormatError("numbered (%1$s) and unnumbered (%s) directives are mixed")
    gaps = sorted(set(range(1, len(found.args) + 1)) - set(found.args))
    if gaps:
        raise FormatError(f"argument {gaps[0]} is skipped")
    return found


def _number(digits: str, directive: str) -> int:
    """An argument's number; one past a billion leaves a gap no string fills."""
    if len(digits.lstrip("0")) > 9:
        raise FormatError(f"{directive[:20]!r}: no argument has so large a number")
    return int(digits)


def _add_c(found: Arguments, key: int, kind: str, directive: str) -> None:
    if key == 0:
        raise FormatError(f"{directive!r}: arguments are numbered from 1")
    found.add(key, kind, directive)


_PY_RE = re.compile(r"([-+ #0]*+)(\*|\d++)?(?:\.(\*|\d*+))?[hlL]?+(.?)", re.DOTALL)
_PY_KINDS = dict.fromkeys("diouxX", "integer") | dict.fromkeys("eEfgG", "float")
_PY_KINDS |= {"c": "character", "s": "any", "r": "any", "%": "none"}


def _parse_python(text: str) -> Arguments:
    """``%(name)s`` or ``%s`` directives, never both (``%%`` is a percent sign)."""
    found = Arguments()
    named: set[bool] = set()
    at = text.find("%")
    while at >= 0:
        name, end = _python_name(text, at + 1)
        match = _PY_RE.match(text, end)
        assert match is not None  # every part is optional
        _, width, precision, conversion = match.groups()
        directive = text[at : match.end()]
        kind = _PY_KINDS.get(conversion) if conversion else None
        if kind is None:
            raise FormatError(
                f"{directive[: len(directive) - len(conversion)]!r} is not a complete directive"
            )
        for star in (width, precision):
            if star == "*":
                named.add(False)
                found.args[len(found.args)] = ("integer", directive)
        if name is not None:
            named.add(True)
            found.add(name, kind, directive)
        elif kind != "none":
            named.add(False)
            found.args[len(found.args)] = (kind, directive)
        at = text.find("%", match.end())
    if len(named) > 1:
        raise FormatError("named (%(x)s) and unnamed (%s) directives are mixed")
    found.mapping = named == {True}
    return found


def _python_name(text: str, at: int) -> tuple[str | None, int]:
    """The ``(name)`` at ``at`` (parentheses nest in it), and where the directive goes on."""
    if not text.startswith("(", at):
        return None, at
    depth = 0
    for end in range(at, len(text)):
        depth += {"(": 1, ")": -1}.get(text[end], 0)
        if depth == 0:
            return text[at + 1 : end], end + 1
    raise FormatError("'%' is not a complete directive")


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_ASCII_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*+|[0-9]++")
_ALIGN = "<>=^"
_BRACE_RE = re.compile(r"\{\{|\}\}|[{}]")
_SPEC_RE = re.compile(r"[-+ ]?+#?+0?+[0-9]*+(?:\.[0-9]*+)?+")


def _parse_brace(text: str, lenient: bool) -> Arguments:
    """``str.format`` fields: ``{name}``, ``{0}``, ``{n.attr[0]:>{width}}``; ``{{`` and ``}}``
    are braces, and a lone ``}`` is text to msgfmt."""
    found = Arguments()
    brace = _BRACE_RE.search(text)
    while brace is not None:
        at = brace.end()
        if brace.group(0) == "{":
            name, at = _brace_field(text, brace.start(), True, lenient)
            key: Key = name
            if lenient:
                word = _ASCII_WORD.match(name).group(0)  # type: ignore[union-attr]
                key = int(word) if word.isdigit() and len(word) < 10 else word
            found.args.setdefault(key, ("any", text[brace.start() : at]))
        brace = _BRACE_RE.search(text, at)
    return found


def _brace_field(text: str, at: int, top: bool, lenient: bool) -> tuple[str, int]:
    """The argument a field opened at ``at`` names as msgfmt spells it (all but the closing
    brace), and where the text goes on. A format spec may hold one field, not deeper."""
    word = _ASCII_WORD.match(text, at + 1)
    if word is None:
        raise FormatError(f"{text[at : at + 2]!r} starts no field name")
    end = word.end()
    while text.startswith((".", "["), end):
        opener = text[end]
        word = _ASCII_WORD.match(text, end + 1)
        if word is None or (opener == "." and word.group(0)[0] not in _ASCII_LETTERS):
            raise FormatError(f"{text[at : end + 2]!r}: a name must follow {opener!r}")
        end = word.end()
        if opener == "[":
            if not text.startswith("]", end):
                raise FormatError(f"{text[at:end]!r}: the index is not closed")
            end += 1
    if lenient and text.startswith("!", end) and text[end + 1 : end + 2] in ("r", "s", "a"):
        end += 2
    if text.startswith(":", end):
        if not top:
            raise FormatError(f"{text[at:end]!r}: a nested field has no format spec")
        end += 1
        if text.startswith("{{", end):
            end += 2
        elif text.startswith("{", end):
            end = _brace_field(text, end, False, lenient)[1]
        else:
            end = _format_spec(text, end, lenient)
    if not text.startswith("}", end):
        raise FormatError(f"{text[at : end + 1]!r} is not a complete field")
    return text[at + 1 : end], end + 1


def _format_spec(text: str, at: int, lenient: bool) -> int:
    """Where ``[[fill]align][sign][#][0][width][.precision][type]`` starting at ``at`` ends."""
    if at >= len(text):
        raise FormatError("the string ends inside a field")
    if text[at + 1 : at + 2] and text[at + 1] in _ALIGN:
        at += 2
    elif text[at] in _ALIGN:
        at += 1
    at = _SPEC_RE.match(text, at).end()  # type: ignore[union-attr]
    types = "bcdoxXneEfFgG%" + ("s" if lenient else "")
    return at + 1 if text[at : at + 1] and text[at] in types else at


def _parse_sh(text: str) -> Arguments:
    """``$name`` and ``${name}``; any other ``$`` is not a shell format string msgfmt takes."""
    found = Arguments()
    for match in re.finditer(r"\$(?:\{([A-Za-z_]\w*+)\}|([A-Za-z_]\w*+)|)", text, re.ASCII):
        name = match.group(1) or match.group(2)
        if name is None:
            raise FormatError(f"{text[match.start() : match.start() + 2]!r} names no variable")
        found.args.setdefault(name, ("any", match.group(0)))
    return found


_KDE_RE = re.compile(r"%([1-9][0-9]*+)")
_PERL_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*+)\}")
_QT_RE = re.compile(r"%(L?+)([0-9])([0-9]?+)")


def _parse_qt(text: str) -> Arguments:
    """``%1`` to ``%99``, ``%L1``: an ``L`` or a second digit makes the string not simple."""
    found = Arguments()
    for match in _QT_RE.finditer(text):
        flag, tens, units = match.groups()
        found.simple = found.simple and not (flag or units)
        found.args.setdefault(int(tens + units), ("any", match.group(0)))
    return found


def _parse_kde(text: str) -> Arguments:
    """``%1``, ``%2``...: numbered from 1, with at most one number skipped."""
    found = Arguments()
    for match in _KDE_RE.finditer(text):
        found.args.setdefault(_number(match.group(1), match.group(0)), ("any", match.group(0)))
    top = max((key for key in found.args if isinstance(key, int)), default=0)
    if top - len(found.args) > 1:
        raise FormatError(f"%{top} skips more than one argument below it")
    return found


def _parse_perl_brace(text: str) -> Arguments:
    """``{name}``; any other brace is text."""
    found = Arguments()
    for match in _PERL_RE.finditer(text):
        found.args.setdefault(match.group(1), ("any", match.group(0)))
    return found


_PARSERS: dict[str, Callable[[str], Arguments]] = {
    "python": _parse_python,
    "sh": _parse_sh,
    "perl-brace": _parse_perl_brace,
    "qt": _parse_qt,
    "kde": _parse_kde,
}
