"""Java regexes (as SRX files hold them) rewritten as equivalent Python regexes.

SRX comes from the Java world (OmegaT, Okapi, LanguageTool), so its patterns use Java syntax:
``\\p{...}`` properties, ``\\Q...\\E`` quoting, nested class unions, ``(?i)`` flags anywhere.
:func:`translate_regex` rewrites each construct; what has no faithful Python form
(backreferences, class intersection) raises ``ValueError``, which the SRX loader reports with the
rule's line.
"""

from __future__ import annotations

import re

from passerelle.segment.unicode_classes import (
    HSPACE,
    VSPACE,
    char_class,
    escape_code,
    property_set,
)


def _read_braced(pattern: str, i: int) -> tuple[str, int]:
    """The name in ``{...}`` at ``pattern[i]`` (or the one character there) and the next index."""
    if i < len(pattern) and pattern[i] == "{":
        end = pattern.find("}", i)
        if end < 0:
            raise ValueError("unclosed '{' in escape")
        return pattern[i + 1 : end], end + 1
    if i >= len(pattern):
        raise ValueError("incomplete escape at end of pattern")
    return pattern[i], i + 1


def _escape(pattern: str, i: int) -> tuple[str, int]:
    """Translate the escape at ``pattern[i] == '\\'`` outside a class: (text, next index)."""
    if i + 1 >= len(pattern):
        raise ValueError("pattern ends with a lone backslash")
    c, j = pattern[i + 1], i + 2
    if c in "pP":
        name, j = _read_braced(pattern, j)
        return char_class(*property_set(name, False), negated=c == "P"), j
    if c in "hHvV":
        return char_class(HSPACE if c in "hH" else VSPACE, "", negated=c.isupper()), j
    if c == "R":
        return f"(?:\\r\\n|[{VSPACE}])", j
    if c == "z":
        return "\\Z", j
    if c == "Z":
        return "(?=\\n?\\Z)", j
    if c == "Q":
        end = pattern.find("\\E", j)
        literal = pattern[j:] if end < 0 else pattern[j:end]
        return re.escape(literal), len(pattern) if end < 0 else end + 2
    if c.isdigit() and c != "0" or c == "k":
        raise ValueError("backreferences are not supported in segmentation rules")
    if c in "GX":
        raise ValueError(f"\\{c} is not supported in segmentation rules")
    return _code_escape(pattern, i)


def _code_escape(pattern: str, i: int) -> tuple[str, int]:
    """Escapes naming one character (``\\x{1F600}``, ``\\cM``, ``\\0101``) or kept as is."""
    c, j = pattern[i + 1], i + 2
    if c == "x" and j < len(pattern) and pattern[j] == "{":
        digits, j = _read_braced(pattern, j)
        return escape_code(int(digits, 16)), j
    if c == "e":
        return "\\x1b", j
    if c == "c" and j < len(pattern):
        return escape_code(ord(pattern[j]) ^ 64), j + 1
    if c == "0":
        k = j
        while k < len(pattern) and k < j + 3 and pattern[k] in "01234567":
            k += 1
        return escape_code(int(pattern[j:k] or "0", 8)), k
    return pattern[i : i + 2], j


def _translate_class(pattern: str, i: int) -> tuple[str, int]:
    """Translate the class opening at ``pattern[i] == '['``: (text, next index).

    Java unions (``[a-z[0-9]]``) flatten; properties splice in, their astral ranges kept apart.
    """
    negated = pattern.startswith("[^", i)
    i += 2 if negated else 1
    bmp: list[str] = []
    astral: list[str] = []
    target = bmp  # where a range's second half goes: with its first half
    depth = 1
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern) and pattern[i + 1] in "pPhvQ":
            kind = pattern[i + 1]
            if kind == "Q":
                end = pattern.find("\\E", i)
                literal = pattern[i + 2 :] if end < 0 else pattern[i + 2 : end]
                bmp.append(re.escape(literal))
                i = len(pattern) if end < 0 else end + 2
                continue
            if kind in "hv":
                bmp.append(HSPACE if kind == "h" else VSPACE)
                i += 2
                continue
            name, i = _read_braced(pattern, i + 2)
            low, high = property_set(name, kind == "P")
            bmp.append(low)
            astral.append(high)
            continue
        if c == "\\":
            text, i = _code_escape(pattern, i)
            chosen = astral if text.startswith("\\U") else target
            chosen.append(text)
            target = chosen if i < len(pattern) and pattern[i] == "-" else bmp
            continue
        i += 1
        if c == "[":
            if pattern.startswith("^", i):
                raise ValueError("negated nested character classes are not supported")
            depth += 1
        elif c == "]":
            depth -= 1
            if not depth:
                return char_class("".join(bmp), "".join(astral), negated), i
        elif c == "&" and pattern.startswith("&", i):
            raise ValueError("character class intersection (&&) is not supported")
        else:
            chosen = astral if ord(c) > 0xFFFF else target
            chosen.append("\\" + c if c in "&~|[" else c)
            target = chosen if c == "-" or (i < len(pattern) and pattern[i] == "-") else bmp
    raise ValueError("unclosed character class")


_FLAGS_RE = re.compile(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])")


def _python_flags(on: str, off: str) -> str:
    on = "".join(f for f in on if f in "imsx")
    off = "".join(f for f in off if f in "imsx")
    return on + ("-" + off if off else "")


def translate_regex(pattern: str) -> str:
    """A Python regex equivalent to the Java ``pattern`` (raises ValueError when unsupported).

    Groups become non-capturing: rules are combined into larger regexes, where group numbers
    would collide. Inline flags ``(?i)`` become scoped groups, which Python accepts anywhere.
    """
    out: list[str] = []
    extra_closes = [0]  # per open group: scoped-flag groups to close with it
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            text, i = _escape(pattern, i)
        elif c == "[":
            text, i = _translate_class(pattern, i)
        elif c == "(":
            i = _open_group(pattern, i, out, extra_closes)
            continue
        elif c == ")":
            if len(extra_closes) == 1:
                raise ValueError("unbalanced ')'")
            text, i = ")" * extra_closes.pop() + ")", i + 1
        else:
            text, i = c, i + 1
        out.append(text)
    if len(extra_closes) > 1:
        raise ValueError("missing ')'")
    out.append(")" * extra_closes[0])
    return "".join(out)


def _open_group(pattern: str, i: int, out: list[str], extra_closes: list[int]) -> int:
    """Translate the group opening at ``pattern[i] == '('``; returns the next index."""
    if not pattern.startswith("(?", i):
        out.append("(?:")
        extra_closes.append(0)
        return i + 1
    for keep in ("(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>"):
        if pattern.startswith(keep, i):
            out.append(keep)
            extra_closes.append(0)
            return i + len(keep)
    named = re.match(r"\(\?P?<([A-Za-z][A-Za-z0-9_]*)>", pattern[i:])
    if named:
        out.append("(?:")
        extra_closes.append(0)
        return i + named.end()
    flags = _FLAGS_RE.match(pattern, i)
    if not flags:
        raise ValueError(f"unsupported group syntax at offset {i}")
    scoped = _python_flags(flags.group(1), flags.group(2) or "")
    out.append(f"(?{scoped}:" if scoped else "(?:")
    if flags.group(3) == ")":
        extra_closes[-1] += 1  # applies to the rest of the enclosing group
    else:
        extra_closes.append(0)
    return flags.end()
