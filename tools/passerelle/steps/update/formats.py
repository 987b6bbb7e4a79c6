"""Format strings across a merge: would a kept translation still pass ``msgfmt --check-format``?

When the template now marks a message as a format string (``#, c-format``) and the old entry
did not, its translation was never checked as one. msgmerge keeps it as it is only if the
check passes, and marks it fuzzy otherwise: a catalog that passed ``msgfmt -c`` must not stop
passing it through a merge. The same check, here, for the format languages whose directives we
read (C, Python, Python braces, shell, Perl braces, Qt, KDE); for any other language the entry
is marked fuzzy, which ``msgfmt -c`` never rejects. Plural forms are checked as msgfmt checks
them: a form used for a single number (the singular of most languages) may leave an argument
out.
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable, Sequence

#: A format string's arguments: position or name -> the kind of value each directive wants.
Arguments = dict[int | str, str]
_MANY = 5  # a form chosen for at least this many numbers in 0..1000 is "used often"
_RANGE_RE = re.compile(r"range:\s*(\d+)\s*\.\.\s*(\d+)")


class _Invalid(Exception):
    """Not a valid format string of its language."""


def format_state(flags: Sequence[str], lang: str) -> str:
    """``yes``, ``possible``, ``no``, ``impossible`` or ``undecided`` for ``lang``'s flag."""
    for flag in flags:
        flag = flag.strip()
        for lead in ("", "possible-", "no-", "impossible-"):
            if flag == f"{lead}{lang}-format":
                return lead.rstrip("-") or "yes"
    return "undecided"


def format_languages(flags: Sequence[str]) -> list[str]:
    """The languages a message is (possibly) a format string of, in flag order."""
    found = []
    for flag in flags:
        flag = flag.strip()
        if flag.endswith("-format") and not flag.startswith(("no-", "impossible-")):
            found.append(flag.removeprefix("possible-")[: -len("-format")])
    return found


def arg_range(flags: Sequence[str]) -> tuple[int, int] | None:
    """The ``range: MIN..MAX`` a plural message's number stays in, if it has one."""
    for flag in flags:
        match = _RANGE_RE.fullmatch(flag.strip())
        if match:
            return int(match.group(1)), int(match.group(2))
    return None


def breaks_format(
    lang: str,
    msgid: str,
    msgid_plural: str,
    forms: Sequence[str],
    plural_forms: str,
    span: tuple[int, int] | None,
) -> bool:
    """Whether ``forms`` (msgstr, or msgstr[0..]) fail ``lang``'s format check against msgid."""
    parse = _PARSERS.get(lang)
    if parse is None:
        return True  # a language we cannot read: let a translator look
    try:
        wanted = parse(msgid_plural or msgid)
    except _Invalid:
        return False  # msgfmt does not check a msgid that is no valid format string
    distribution = _distribution(plural_forms) if msgid_plural and len(forms) > 1 else None
    for index, text in enumerate(forms):
        try:
            given = parse(text)
        except _Invalid:
            return True
        strict = distribution is None or _used_often(distribution, index, span)
        if not _compatible(lang, wanted, given, strict):
            return True
    return False


def _used_often(distribution: tuple[int, ...], index: int, span: tuple[int, int] | None) -> bool:
    """msgfmt's rule: a form must use every argument if many numbers select it, unless the
    message's range lets at most one of those numbers through."""
    if distribution.count(index) < _MANY:
        return False
    if span is None:
        return True
    low, high = span
    return sum(1 for n in range(low, min(high, 1000) + 1) if distribution[n] == index) > 1


@functools.lru_cache(maxsize=64)
def _distribution(plural_forms: str) -> tuple[int, ...]:
    """The form chosen for each n in 0..1000 (``n != 1`` when the header has no rule)."""
    match = re.search(r"plural\s*=\s*([^;]+)", plural_forms)
    rule: Callable[[int], int]
    try:
        rule = gettext.c2py(match.group(1).strip()) if match else (lambda n: int(n != 1))
    except (ValueError, SyntaxError, RecursionError):
        rule = lambda n: int(n != 1)  # noqa: E731 - msgfmt's default too
    return tuple(rule(n) for n in range(1001))


def _compatible(lang: str, wanted: Arguments, given: Arguments, strict: bool) -> bool:
    if lang == "python" and any(isinstance(key, int) for key in [*wanted, *given]):
        strict = True  # a tuple of arguments must be used up
    if lang == "kde" and not strict:
        return set(given) <= set(wanted) and len(set(wanted) - set(given)) <= 1
    if not set(given) <= set(wanted) or (strict and set(given) != set(wanted)):
        return False
    return all(wanted[key] == kind for key, kind in given.items())


_C_DIRECTIVE = re.compile(
    r"%(?:(?P<pos>[1-9]\d*)\$)?[-+ #0'I]*(?P<width>\*(?:[1-9]\d*\$)?|\d+)?"
    r"(?:\.(?P<prec>\*(?:[1-9]\d*\$)?|\d*))?(?P<size>hh|h|ll|l|L|q|j|z|Z|t)?(?P<conv>.?)",
    re.DOTALL,
)
_C_KINDS = {**dict.fromkeys("di", "int"), **dict.fromkeys("ouxX", "unsigned")}
_C_KINDS |= {**dict.fromkeys("eEfFgGaA", "double"), "c": "char", "C": "wchar", "s": "string"}
_C_KINDS |= {"S": "wstring", "p": "pointer", "n": "count", "m": "none"}


def _parse_c(text: str) -> Arguments:
    """printf directives, numbered (``%1$s``) or not, never both; ``*`` widths are ints."""
    args: Arguments = {}
    numbered: set[bool] = set()
    following = [1]

    def take(explicit: str, kind: str) -> None:
        numbered.add(bool(explicit))
        key = int(explicit) if explicit else following[0]
        following[0] += 0 if explicit else 1
        if args.setdefault(key, kind) != kind:
            raise _Invalid

    at = text.find("%")
    while at >= 0:
        if text.startswith("%%", at):
            at = text.find("%", at + 2)
            continue
        match = _C_DIRECTIVE.match(text, at)
        kind = _C_KINDS.get(match.group("conv")) if match else None
        if match is None or kind is None:
            raise _Invalid
        for part in ("width", "prec"):
            value = match.group(part) or ""
            if value.startswith("*"):
                take(value[1:].rstrip("$"), "int")
        if kind != "none":
            take(match.group("pos") or "", (match.group("size") or "") + kind)
        at = text.find("%", match.end())
    if len(numbered) > 1 or (numbered == {True} and sorted(args) != list(range(1, len(args) + 1))):
        raise _Invalid
    return args


_PY_DIRECTIVE = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-+ #0]*(?P<width>\*|\d+)?(?:\.(?P<prec>\*|\d+))?[hlL]?(?P<conv>.?)",
    re.DOTALL,
)
_PY_KINDS = {**dict.fromkeys("diouxXc", "integer"), **dict.fromkeys("eEfFgG", "number")}
_PY_KINDS |= {"s": "string", "r": "string", "a": "string", "%": "none"}


def _parse_python(text: str) -> Arguments:
    """``%(name)s`` or ``%s`` directives, never both (``%%`` is a percent sign)."""
    args: Arguments = {}
    named: set[bool] = set()
    for match in _PY_DIRECTIVE.finditer(text):
        kind = _PY_KINDS.get(match.group("conv"))
        if kind is None:
            raise _Invalid
        if kind == "none" and match.group(0) == "%%":
            continue
        name = match.group("name")
        stars = [p for p in ("width", "prec") if match.group(p) == "*"]
        named.add(name is not None)
        if name is not None:
            if stars or args.setdefault(name, kind) != kind:
                raise _Invalid
            continue
        for _ in stars:
            args[len(args)] = "integer"
        args[len(args)] = kind
    if len(named) > 1:
        raise _Invalid
    return args


def _parse_brace(text: str) -> Arguments:
    """``{name}``, ``{0}``, ``{name.attr}``, ``{0[1]:>10}``; ``{{`` and ``}}`` are braces."""
    args: Arguments = {}
    at = 0
    while at < len(text):
        char = text[at]
        if text.startswith(("{{", "}}"), at):
            at += 2
            continue
        if char == "}":
            raise _Invalid
        if char != "{":
            at += 1
            continue
        end = _closing(text, at)
        field = re.match(r"[^.\[:!}]*", text[at + 1 : end])
        name = field.group(0) if field else ""
        if not name or not (name.isdigit() or name.isidentifier()):
            raise _Invalid
        args[int(name) if name.isdigit() else name] = "any"
        at = end + 1
    return args


def _closing(text: str, start: int) -> int:
    """Where the field opened at ``start`` closes (a format spec may nest one field)."""
    depth = 0
    for at in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[at], 0)
        if depth == 0:
            return at
    raise _Invalid


def _parse_sh(text: str) -> Arguments:
    """``$name`` and ``${name}``; any other ``$`` is not a shell format string msgfmt takes."""
    args: Arguments = {}
    for match in re.finditer(r"\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*)|)", text, re.ASCII):
        name = match.group(1) or match.group(2)
        if name is None:
            raise _Invalid
        args[name] = "any"
    return args


def _parse_numbered(text: str, pattern: str) -> Arguments:
    return {int(number): "any" for number in re.findall(pattern, text)}


_PARSERS: dict[str, Callable[[str], Arguments]] = {
    "c": _parse_c,
    "objc": _parse_c,
    "python": _parse_python,
    "python-brace": _parse_brace,
    "sh": _parse_sh,
    "perl-brace": lambda text: {name: "any" for name in re.findall(r"\{([A-Za-z_]\w*)\}", text)},
    "qt": lambda text: _parse_numbered(text, r"%L?([1-9]\d?)"),
    "kde": lambda text: _parse_numbered(text, r"%([1-9]\d*)"),
}
