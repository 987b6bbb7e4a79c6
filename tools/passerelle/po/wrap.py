"""One PO string on the page, as gettext's ``write-po.c`` ``wrap()`` lays it out: escapes, the
page width, breaks by libunistring's UAX #14 rules, never inside an escape or a format directive.

GNU's output styles change only this step and the spacing around it: ``-E`` writes whatever is
not printable ASCII as octal escapes of its bytes in the catalog's charset, ``-i`` (indented
style) pads keywords and continued lines to the next tab stop with spaces and never starts with
an empty first line. Both are off by default, and the default path stays the fast one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from passerelle.po.layout import PAGE_WIDTH
from passerelle.po.linebreak import breaks_for, would_break

_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}
_ESCAPE_TABLE = str.maketrans(
    {"\\": "\\\\", '"': '\\"', **{k: "\\" + v for k, v in _ESCAPES.items()}}
)
_NEEDS_ESCAPE = re.compile(r'[\\"\a\b\f\n\r\t\v]')
_DIRECTIVES = {
    "c": re.compile(
        r"%(\d+\$)?[-+ #0'I]*(\*(\d+\$)?|\d+)?(\.(\*(\d+\$)?|\d*))?"
        r"(hh|h|ll|l|L|q|j|z|Z|t)?[diouxXeEfFgGaAcspnm%]"
    ),
    "python": re.compile(r"%(\([^)]*\))?[-+ #0]*(\*|\d+)?(\.(\*|\d*))?[hlL]?[diouxXeEfFgGcrsa%]"),
}


@dataclass(frozen=True)
class Style:
    """GNU's string styles: ``escape`` the codec whose bytes ``-E`` writes in octal ("": no
    such escapes), ``indent`` the extra columns of ``-i``'s indented style (None: not
    indented; 3 before an entry with ``#|`` lines, 1 for an obsolete one, as GNU counts)."""

    escape: str = ""
    indent: int | None = None


PLAIN = Style()


def _directive_insides(value: str, lang: str) -> list[int]:
    """Positions of ``value`` inside a format directive, after its first character.

    Like gettext's format parsers, reading stops at the first invalid directive (or, for Python,
    at the first mix of named and unnamed ones): what follows is not protected.
    """
    pattern = _DIRECTIVES.get(lang)
    inside: list[int] = []
    if pattern is None or "%" not in value:
        return inside
    kinds: set[bool] = set()
    at = value.find("%")
    while at >= 0:
        match = pattern.match(value, at)
        if match is None:
            break
        if lang == "python" and not match.group(0).endswith("%"):
            kinds.add(match.group(1) is not None)
            if len(kinds) > 1:
                break
        inside.extend(range(at + 1, match.end()))
        at = value.find("%", match.end())
    return inside


def _escaped(char: str, codec: str) -> str:
    """One character as GNU writes it in a string; with ``codec`` (``-E``), what is not
    printable ASCII is its bytes in that charset, each as ``\\ooo``."""
    if char in _ESCAPES:
        return "\\" + _ESCAPES[char]
    if char in '\\"':
        return "\\" + char
    if not codec or " " <= char <= "~":
        return char
    return "".join(f"\\{byte:03o}" for byte in char.encode(codec))


def _escape_portion(portion: str, codec: str) -> tuple[str, list[int], set[int]]:
    """``portion`` escaped, where each of its characters starts in that text, and the positions
    never broken before (inside an escape)."""
    pieces: list[str] = []
    offsets: list[int] = []
    glued: set[int] = set()
    offset = 0
    for char in portion:
        piece = _escaped(char, codec)
        pieces.append(piece)
        offsets.append(offset)
        glued.update(range(offset + 1, offset + len(piece)) if piece[0] == "\\" else ())
        offset += len(piece)
    return "".join(pieces), offsets, glued


def _glued(escaped: str) -> set[int]:
    """Positions never broken before: inside an escape."""
    glued: set[int] = set()
    i = escaped.find("\\")
    while i >= 0:
        glued.add(i + 1)
        i = escaped.find("\\", i + 2)
    return glued


def _columns(prefix: str, name: str, width: int, style: Style) -> tuple[int, int, int]:
    """GNU's line width and the start columns of a first and of a later line, counted from the
    column where broken lines start."""
    if style.indent is None:
        return width - 1 - (len(prefix) + 1), len(name) + 1, 0
    after = ((len(prefix) + style.indent + 8) & ~7) + 1
    first = ((len(prefix) + len(name) + style.indent + 8) & ~7) + 1 - after
    return width - 1 - after, first, ((len(prefix) + style.indent + 8) & ~7) + 1 - after


def _heads(prefix: str, name: str, style: Style) -> tuple[str, str, str]:
    """What starts the first line, a line after a ``\\n``, and a line broken inside a part."""
    if style.indent is None:
        return f"{prefix}{name} ", prefix, prefix
    extra = style.indent
    first = " " * (extra + 8 - ((len(prefix) + len(name) + extra) & 7))
    later = " " * (extra + 8 - ((len(prefix) + extra) & 7))
    return f"{prefix}{name}{first}", prefix + later, prefix + " " * (8 - (len(prefix) & 7))


def _as_is(name: str, value: str, prefix: str, room: int, style: Style) -> str | None:
    """``name "value"`` on one line when the value needs no escape and takes at most ``room``
    columns (a non-ASCII character may take two)."""
    if style.indent is not None or (len(value) if value.isascii() else 2 * len(value)) > room:
        return None
    if (
        _NEEDS_ESCAPE.search(value)
        or style.escape
        and not (value.isascii() and value.isprintable())
    ):
        return None
    return f'{prefix}{name} "{value}"'


def wrap_string(
    name: str,
    value: str,
    prefix: str = "",
    *,
    wrap: bool = True,
    formats: tuple[str, ...] = (),
    width: int = PAGE_WIDTH,
    style: Style = PLAIN,
) -> list[str]:
    """``name "value"`` as msgcat lays it out: split after each ``\\n``, wrapped at ``width``
    columns (79 unless ``-w`` says otherwise)."""
    # the common case first, a short string that fits as it is: no columns to work out
    if wrap and (line := _as_is(name, value, prefix, width - len(prefix) - len(name) - 3, style)):
        return [line]
    lines: list[str] = []
    width, start_first, start_later = _columns(prefix, name, width if wrap else 1 << 30, style)
    first = True
    pos, size = 0, len(value)
    if line := _as_is(name, value, prefix, width - start_first, style):
        return [line]
    head_first, head_later, head_broken = _heads(prefix, name, style)
    inside = _directive_insides(value, formats[0]) if formats else []
    while True:
        end = value.find("\n", pos)
        end = size if end < 0 else end + 1
        portion = value[pos:end]
        if style.escape:
            escaped, offsets, glued = _escape_portion(portion, style.escape)
        else:
            needs = _NEEDS_ESCAPE.search(portion)
            escaped = portion.translate(_ESCAPE_TABLE) if needs else portion
            glued = _glued(escaped) if needs else set()
            offsets = _escape_portion(portion, "")[1] if inside else []
        if escaped.endswith("\\n"):
            glued.add(len(escaped) - 2)  # never before a final \n
        if inside:
            glued |= {offsets[i - pos] for i in inside if pos <= i < end}
        frozen = frozenset(glued)
        start = start_first if first else start_later
        if (
            first
            and escaped
            and style.indent is None
            and (end < size or start > width or would_break(escaped, width, start, frozen))
        ):
            lines.append(f'{prefix}{name} ""')
            first, start = False, start_later
        breaks = breaks_for(escaped, width, start, frozen)
        head = head_first if first else head_later
        first = False
        cut = 0
        for at in breaks:
            lines.append(f'{head}"{escaped[cut:at]}"')
            head, cut = head_broken, at
        lines.append(f'{head}"{escaped[cut:]}"')
        pos = end
        if pos >= size:
            return lines
