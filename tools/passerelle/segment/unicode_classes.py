"""Java's Unicode property classes (``\\p{Lu}``, ``\\p{IsAlphabetic}``, ``\\h``) for Python.

Python's ``re`` has no ``\\p{...}``, so SRX rules written for Java need each property spelled
out as code point ranges, taken from this Python's :mod:`unicodedata` (through a table shipped
beside the rules when it matches this Python's Unicode version, for speed). Kept apart from the
regex translator because it is a data problem (which code points), not a syntax one (how Java
writes a pattern).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from importlib import resources

_POSIX = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": "\\x00-\\x7f",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": "!-/:-@\\[-`{-~",
    "Graph": "!-~",
    "Print": " -~",
    "Blank": " \\t",
    "Cntrl": "\\x00-\\x1f\\x7f",
    "XDigit": "0-9a-fA-F",
    "Space": " \\t\\n\\x0b\\f\\r",
}
_ALIASES = {
    "javaLowerCase": "Ll",
    "javaUpperCase": "Lu",
    "javaLetter": "L",
    "javaDigit": "Nd",
    "Letter": "L",
    "Alphabetic": "L",
    "Uppercase": "Lu",
    "Lowercase": "Ll",
    "Punctuation": "P",
    "L&": "LC",
}
HSPACE = " \\t\\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000"
VSPACE = "\\n\\x0b\\f\\r\\x85\\u2028\\u2029"


@functools.cache
def category_ranges() -> dict[str, list[tuple[int, int]]]:
    """Code point ranges of every general category (computed once, on first use).

    The table shipped beside the rules is used when it was made from this Python's Unicode
    version: walking 1.1 million code points costs more than the rest of loading the rules.
    """
    shipped = (
        resources.files("passerelle.segment").joinpath("rules").joinpath("unicode-categories.json")
    )
    try:
        data = json.loads(shipped.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if data.get("unidata_version") == unicodedata.unidata_version:
        return {cat: [(lo, hi) for lo, hi in spans] for cat, spans in data["ranges"].items()}
    return walk_categories()


def walk_categories() -> dict[str, list[tuple[int, int]]]:
    """Code point ranges of every general category, from this Python's own Unicode data."""
    ranges: dict[str, list[tuple[int, int]]] = {}
    category = unicodedata.category
    start, current = 0, category("\x00")
    for code in range(1, 0x110000):
        cat = category(chr(code))
        if cat != current:
            ranges.setdefault(current, []).append((start, code - 1))
            start, current = code, cat
    ranges.setdefault(current, []).append((start, 0x10FFFF))
    return ranges


def escape_code(code: int) -> str:
    return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"


@functools.cache
def property_set(name: str, negated: bool) -> tuple[str, str]:
    """Class items (no brackets) for a Java property such as ``Lu``: (BMP part, astral part)."""
    for prefix in ("Is", "gc=", "general_category=", "Category="):
        if name.startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix) :]
            break
    name = _ALIASES.get(name, name)
    table = category_ranges()
    if name in _POSIX:
        wanted = {c for c in range(0x80) if re.match(f"[{_POSIX[name]}]", chr(c))}
        spans = [(c, c) for c in sorted(wanted)]
    elif name == "LC":
        spans = sorted(span for cat in ("Lu", "Ll", "Lt") for span in table.get(cat, []))
    elif len(name) == 1 and name in "LMNPSZC":
        spans = sorted(span for cat in table if cat[0] == name for span in table[cat])
    elif len(name) == 2 and name[0] in "LMNPSZC" and name[1].islower():
        spans = list(table.get(name, []))
    else:
        raise ValueError(f"unsupported Unicode property \\p{{{name}}}")
    spans = _merged(spans)
    if negated:
        spans = _complement(spans)
    bmp, astral = [], []
    for lo, hi in spans:
        if lo <= 0xFFFF < hi:
            bmp.append((lo, 0xFFFF))
            astral.append((0x10000, hi))
        else:
            (bmp if hi <= 0xFFFF else astral).append((lo, hi))
    return _class_items(bmp), _class_items(astral)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with touching ones joined: ``\\p{L}`` is Lu, Ll, Lt, Lm and Lo side by
    side (``Ā`` Lu, ``ā`` Ll...), which as one range each would be thousands of class items
    to parse and compile in every command; joined they are a few hundred, the same set."""
    result: list[tuple[int, int]] = []
    for lo, hi in spans:
        if result and lo <= result[-1][1] + 1:
            result[-1] = (result[-1][0], max(result[-1][1], hi))
        else:
            result.append((lo, hi))
    return result


def _complement(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result, previous = [], -1
    for lo, hi in spans:
        if lo > previous + 1:
            result.append((previous + 1, lo - 1))
        previous = max(previous, hi)
    if previous < 0x10FFFF:
        result.append((previous + 1, 0x10FFFF))
    return result


#: Characters that mean something inside a class, or that Python warns may one day (``&&``,
#: ``~~``, ``||`` set operations): written as escapes.
_CLASS_SYNTAX = frozenset("\\]-[^&~|")


def _class_char(code: int) -> str:
    """One class member as Python reads it fastest: the character itself.

    A property class lists thousands of members; ``re`` parses a literal character several
    times faster than a ``\\uXXXX`` escape, which halves the time to compile the shipped rules.
    Syntax characters are escaped, and so are invisible ones (controls, format characters,
    surrogates, private use, unassigned, separators) so that a pattern stays printable.
    """
    char = chr(code)
    if char in _CLASS_SYNTAX or unicodedata.category(char)[0] in "CZ":
        return escape_code(code)
    return char


def _class_items(spans: list[tuple[int, int]]) -> str:
    return "".join(
        _class_char(lo) if lo == hi else f"{_class_char(lo)}-{_class_char(hi)}" for lo, hi in spans
    )


_ASTRAL_GUARD = "(?=[\\U00010000-\\U0010ffff])"


def char_class(bmp: str, astral: str, negated: bool) -> str:
    """A character class, its astral part apart: ``re`` tests astral ranges one by one (slow),
    so they are only looked at for an astral character."""
    if not astral:
        return f"[^{bmp}]" if negated else f"[{bmp}]"
    either = f"{_ASTRAL_GUARD}[{astral}]"
    if bmp:
        either = f"[{bmp}]|{either}"
    return f"(?:(?!{either})[\\s\\S])" if negated else f"(?:{either})"
