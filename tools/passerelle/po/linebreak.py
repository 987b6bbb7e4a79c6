"""Line breaking as GNU msgcat does it: libunistring's UAX #14 rules and column widths.

msgcat wraps strings with ``ulc_width_linebreaks``: break opportunities are not only spaces but
also after hyphens and slashes, before opening brackets, between CJK ideographs, and East-Asian
wide characters count two columns. Classes, widths and the pair table are measured from the
library itself (``_lbdata``, see scripts/gen_linebreak_table.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from passerelle.po import _lbdata

_NAMES = _lbdata.CLASS_NAMES
_SP, _ZW, _CM, _BK = (_NAMES.index(n) for n in ("SP", "ZW", "CM", "BK"))
_AL = _NAMES.index("AL")

# The pair table of libunistring (UAX #14 table 7.3 with its own deviations), measured from the
# library by scripts/gen_linebreak_table.py. Rows: class before, columns: class after;
# D = direct break, I = break only across spaces, P = prohibited.
_DIRECT, _INDIRECT = 1, 2
_TABLE: list[list[int]] = [
    [{"D": _DIRECT, "I": _INDIRECT, "P": 0}[cell] for cell in row] for row in _lbdata.PAIRS
]


def _load_runs() -> tuple[bytearray, bytearray, str, list[int], list[tuple[int, int]]]:
    """The BMP's classes and widths as flat tables, the runs themselves for the rest.

    Also the fast path's table (see :func:`_classes`): each BMP character's class as one
    character, ``\x7f`` for those needing the exact path (combining marks, mandatory breaks,
    zero-width spaces, characters not one column wide). Every table is filled a run at a time:
    this module is imported by every command that writes a catalog.
    """
    starts: list[int] = []
    values: list[tuple[int, int]] = []
    for token in _lbdata.RUNS.split():
        start, kind, columns = token.split(":")
        starts.append(int(start, 16))
        values.append((int(kind), int(columns)))
    bmp_class, bmp_width = bytearray(0x10000), bytearray(0x10000)
    fast = bytearray(b"\x7f" * 0x10000)
    odd = (_ZW, _CM, _BK)
    bounds = [*starts, 0x110000]
    for i, (cls, width) in enumerate(values):
        lo, hi = bounds[i], min(bounds[i + 1], 0x10000)
        if lo < hi:
            bmp_class[lo:hi] = bytes([cls]) * (hi - lo)
            bmp_width[lo:hi] = bytes([width + 1]) * (hi - lo)
            if cls not in odd and width == 1:
                fast[lo:hi] = bytes([cls]) * (hi - lo)
    return bmp_class, bmp_width, fast.decode("latin-1"), starts, values


_BMP_CLASS, _BMP_WIDTH, _CLASS_TABLE, _RUN_STARTS, _RUN_VALUES = _load_runs()


def _props(code: int) -> tuple[int, int]:
    """(line-break class, column width) of one code point; width 0 for controls."""
    if code < 0x10000:
        return _BMP_CLASS[code], max(_BMP_WIDTH[code] - 1, 0)
    cls, width = _RUN_VALUES[bisect_right(_RUN_STARTS, code) - 1]
    return cls, max(width, 0)


_LATIN_CLASSES = _CLASS_TABLE[:256].encode("latin-1")
#: Past the table's classes: ``\x7f`` and beyond (written so: a class reaching U+10FFFF takes
#: ``re`` a walk over every code point to compile).
_ODD = re.compile("[^\x00-\x7e]")


def _classes(text: str) -> bytes | None:
    """One byte per character: its class, or None when the exact path is needed."""
    try:
        cls = text.encode("latin-1").translate(_LATIN_CLASSES)  # bytes.translate: fast
    except UnicodeEncodeError:
        classes = text.translate(_CLASS_TABLE)
        if _ODD.search(classes):
            return None
        return classes.encode("latin-1")
    return None if b"\x7f" in cls else cls


def line_breaks(text: str, width: int, start: int, glued: frozenset[int]) -> list[int]:
    """Indices before which msgcat breaks ``text`` (u8_width_linebreaks), ``glued`` never.

    Text of one-column characters (nearly all of it) takes a shortcut with the same result: the
    greedy fit only needs the last break opportunity before each line's limit, found by scanning
    back from it.
    """
    cls = _classes(text)
    if cls is None:
        return _line_breaks_exact(text, width, start, glued)
    n = len(cls)
    breaks: list[int] = []
    line_start, column = 0, start
    while n - line_start + column > width:
        limit = min(line_start + width - column, n - 1)
        at = _last_opportunity(cls, line_start + 1, limit, glued)
        if at < 0:
            at = _first_opportunity(cls, max(limit, line_start) + 1, n - 1, glued)
            if at < 0:
                break
        breaks.append(at)
        line_start, column = at, 0
    return breaks


def _opportunity(cls: bytes, j: int, glued: frozenset[int]) -> bool:
    """Whether a break may come before ``cls[j]`` (the pair rule across any spaces)."""
    right = cls[j]
    if right == _SP or j in glued:
        return False
    k = j - 1
    while k >= 0 and cls[k] == _SP:
        k -= 1
    if k < 0:
        return False
    rule = _TABLE[cls[k]][right]
    return rule == _DIRECT or (rule == _INDIRECT and k < j - 1)


def _last_opportunity(cls: bytes, low: int, high: int, glued: frozenset[int]) -> int:
    """The last break opportunity in ``[low, high]``, or -1: inside a word only direct pairs
    count, so each position costs one table lookup until the word's start."""
    table, space = _TABLE, _SP
    j = high
    while j >= low:
        right, left = cls[j], cls[j - 1]
        if right != space:
            if left != space:
                if table[left][right] == _DIRECT and j not in glued:
                    return j
            elif _opportunity(cls, j, glued):
                return j
        j -= 1
    return -1


def _first_opportunity(cls: bytes, low: int, high: int, glued: frozenset[int]) -> int:
    for j in range(low, high + 1):
        if _opportunity(cls, j, glued):
            return j
    return -1


def _line_breaks_exact(text: str, width: int, start: int, glued: frozenset[int]) -> list[int]:
    """The character-by-character algorithm, for text beyond Latin-1 (CJK, marks, emoji)."""
    n = len(text)
    props = [_props(ord(char)) for char in text]
    possible = _opportunities([prop[0] for prop in props])
    breaks: list[int] = []
    last_at, column, piece = -1, start, 0
    for i in range(n):
        kind = 0 if i in glued else possible[i]
        if kind and last_at >= 0 and column + piece > width:
            breaks.append(last_at)
            column = 0
        if kind == 2:
            last_at, column, piece = -1, 0, 0
            continue
        if kind == 1:
            last_at, column, piece = i, column + piece, 0
        piece += props[i][1]
    if last_at >= 0 and column + piece > width:
        breaks.append(last_at)
    return breaks


def _opportunities(classes: list[int]) -> bytearray:
    """Per character, what libunistring's ``u8_possible_linebreaks`` says of a break before it:
    1 possible, 2 mandatory (a line end character), 0 none."""
    n = len(classes)
    possible = bytearray(n)
    last, space = _BK, -1
    table = _TABLE
    for i in range(n):
        prop = classes[i]
        if prop == _BK:
            possible[i], last, space = 2, _BK, -1
            continue
        if prop == _SP:
            space = i
            continue
        if prop == _ZW:
            last, space = _ZW, -1
            continue
        if prop == _CM:
            # (LB9) a mark belongs to the character it follows, except at a line start or after
            # a space or zero width space: there (LB10) it is a letter, and may start a line
            # after a space or zero width space (LB18, LB8)
            if last == _BK or last == _ZW or space >= 0:
                possible[i] = last != _BK
                last, space = _AL, -1
            continue
        if last == _ZW:
            possible[i] = 1
        elif last != _BK:
            rule = table[last][prop]
            if rule == _DIRECT or (rule == _INDIRECT and space >= 0):
                possible[i] = 1
        last, space = prop, -1
    return possible


def would_break(escaped: str, width: int, start: int, glued: frozenset[int]) -> bool:
    """Whether msgcat breaks this string at all (it then starts with an empty first line)."""
    if start + 2 * len(escaped) <= width or (escaped.isascii() and start + len(escaped) <= width):
        return False
    cls = _classes(escaped)
    if cls is None:
        return bool(_line_breaks_exact(escaped, width, start, glued))
    if start + len(escaped) <= width:
        return False
    return _last_opportunity(cls, 1, len(cls) - 1, glued) >= 0


def breaks_for(escaped: str, width: int, start: int, glued: frozenset[int]) -> list[int]:
    if start + 2 * len(escaped) <= width or (escaped.isascii() and start + len(escaped) <= width):
        return []
    return line_breaks(escaped, width, start, glued)
