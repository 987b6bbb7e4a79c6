"""PO syntax: a lossless reader and a writer byte-identical to GNU ``msgcat`` (gettext 0.21).

Why our own code rather than polib's: polib drops comments and ``#~|`` lines of obsolete entries
and wraps at its own width; translators' tools (Poedit, Weblate) write msgcat's layout, so anything
else shows up as diff noise. The writer mirrors gettext's ``write-po.c``: comment order, flag
normalisation, references wrapped at 79 columns, and strings wrapped with libunistring's UAX #14
line breaking (``ulc_width_linebreaks``): breaks after spaces but also after ``-``, ``/``, ``.``
before letters, between CJK ideographs, East-Asian wide characters counting two columns.

This module knows nothing of polib: it reads into :class:`RawEntry` and writes any object with
polib's attribute names (``msgid``, ``tcomment``, ``occurrences``...).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from passerelle import _lbdata
from passerelle.errors import CatalogError

PAGE_WIDTH = 79

# Format languages in gettext 0.21's order; msgcat writes their flags in this order.
FORMAT_LANGUAGES = (
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp librep ruby "
    "sh awk lua object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl perl perl-brace php "
    "gcc-internal gfc-internal ycp"
).split()
_FORMAT_INDEX = {name: i for i, name in enumerate(FORMAT_LANGUAGES)}


# ----------------------------------------------------------------------------- line breaking

_NAMES = _lbdata.CLASS_NAMES
_SP, _ZW, _CM, _BK = (_NAMES.index(n) for n in ("SP", "ZW", "CM", "BK"))
_ID = _NAMES.index("ID")

# The pair table of libunistring (UAX #14 table 7.3 with its own deviations), measured from the
# library by tests/fixtures/catalogs/gen_linebreak_table.py. Rows: class before, columns: class
# after; D = direct break, I = break only across spaces, P = prohibited.
_DIRECT, _INDIRECT = 1, 2
_TABLE: list[list[int]] = [
    [{"D": _DIRECT, "I": _INDIRECT, "P": 0}[cell] for cell in row] for row in _lbdata.PAIRS
]


def _load_runs() -> tuple[bytearray, bytearray, list[int], list[tuple[int, int]]]:
    starts: list[int] = []
    values: list[tuple[int, int]] = []
    for token in "".join(_lbdata.RUNS).split():
        start, kind, columns = token.split(":")
        starts.append(int(start, 16))
        values.append((int(kind), int(columns)))
    bmp_class, bmp_width = bytearray(0x10000), bytearray(0x10000)
    bounds = [*starts, 0x110000]
    for i, (cls, width) in enumerate(values):
        lo, hi = bounds[i], min(bounds[i + 1], 0x10000)
        if lo < hi:
            bmp_class[lo:hi] = bytes([cls]) * (hi - lo)
            bmp_width[lo:hi] = bytes([width + 1]) * (hi - lo)
    return bmp_class, bmp_width, starts, values


_BMP_CLASS, _BMP_WIDTH, _RUN_STARTS, _RUN_VALUES = _load_runs()


def _props(code: int) -> tuple[int, int]:
    """(line-break class, column width) of one code point; width 0 for controls."""
    if code < 0x10000:
        return _BMP_CLASS[code], max(_BMP_WIDTH[code] - 1, 0)
    cls, width = _RUN_VALUES[bisect_right(_RUN_STARTS, code) - 1]
    return cls, max(width, 0)


def _fast_table() -> str:
    """Each BMP character's class as one character, ``\x7f`` for those needing the exact path
    (combining marks, mandatory breaks, zero-width spaces, characters not one column wide)."""
    odd = (_ZW, _CM, _BK)
    return "".join(
        "\x7f" if _BMP_CLASS[c] in odd or _BMP_WIDTH[c] != 2 else chr(_BMP_CLASS[c])
        for c in range(0x10000)
    )


_CLASS_TABLE = _fast_table()
_LATIN_CLASSES = _CLASS_TABLE[:256].encode("latin-1")
_ODD = re.compile("[\x7f-\U0010ffff]")


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
    possible = bytearray(n)  # 1 possible, 2 mandatory
    last, space, space2 = _BK, -1, -1
    table = _TABLE
    props = [_props(ord(char)) for char in text]
    for i in range(n):
        prop = props[i][0]
        if prop == _BK:
            possible[i], last, space, space2 = 2, _BK, -1, -1
            continue
        if prop == _SP:
            space2, space = space, i
            continue
        if prop == _ZW:
            last, space, space2 = _ZW, -1, -1
            continue
        at = i
        if prop == _CM:
            if last == _ZW:
                possible[i], last = 1, _ID
                continue
            if space < 0:
                continue
            at, space, prop = space, space2, _ID
        if last == _ZW:
            possible[at] = 1
        elif last != _BK:
            rule = table[last][prop]
            if rule == _DIRECT or (rule == _INDIRECT and space >= 0):
                possible[at] = 1
        last, space, space2 = prop, -1, -1
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


# ----------------------------------------------------------------------------- writing

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


def _escaped_offsets(portion: str) -> list[int]:
    offsets, offset = [], 0
    for char in portion:
        offsets.append(offset)
        offset += 2 if (char in _ESCAPES or char in '\\"') else 1
    return offsets


def wrap_string(
    name: str, value: str, prefix: str = "", *, wrap: bool = True, formats: tuple[str, ...] = ()
) -> list[str]:
    """``name "value"`` as msgcat lays it out: split after each ``\\n``, wrapped at 79 columns."""
    lines: list[str] = []
    width = (PAGE_WIDTH if wrap else 1 << 30) - 1 - (len(prefix) + 1)
    first = True
    pos, size = 0, len(value)
    if size * (1 if value.isascii() else 2) + len(name) + 1 <= width:
        if not _NEEDS_ESCAPE.search(value):  # the common case: fits as it is
            return [f'{prefix}{name} "{value}"']
    inside = _directive_insides(value, formats[0]) if formats else []
    while True:
        end = value.find("\n", pos)
        end = size if end < 0 else end + 1
        portion = value[pos:end]
        escaped = portion.translate(_ESCAPE_TABLE) if _NEEDS_ESCAPE.search(portion) else portion
        glued = _glued(escaped)
        if inside:
            offsets = _escaped_offsets(portion)
            glued |= {offsets[i - pos] for i in inside if pos <= i < end}
        frozen = frozenset(glued)
        start = len(name) + 1 if first else 0
        if (
            first
            and escaped
            and (end < size or start > width or _would_break(escaped, width, start, frozen))
        ):
            lines.append(f'{prefix}{name} ""')
            first, start = False, 0
        breaks = _breaks_for(escaped, width, start, frozen)
        head = f"{prefix}{name} " if first else prefix
        first = False
        cut = 0
        for at in breaks:
            lines.append(f'{head}"{escaped[cut:at]}"')
            head, cut = prefix, at
        lines.append(f'{head}"{escaped[cut:]}"')
        pos = end
        if pos >= size:
            return lines


def _glued(escaped: str) -> set[int]:
    """Positions never broken before: inside an escape, and before a final ``\\n``."""
    glued: set[int] = set()
    i = escaped.find("\\")
    while i >= 0:
        glued.add(i + 1)
        i = escaped.find("\\", i + 2)
    if escaped.endswith("\\n"):
        glued.add(len(escaped) - 2)
    return glued


def _would_break(escaped: str, width: int, start: int, glued: frozenset[int]) -> bool:
    """Whether msgcat breaks this string at all (it then starts with an empty first line)."""
    if start + 2 * len(escaped) <= width or (escaped.isascii() and start + len(escaped) <= width):
        return False
    cls = _classes(escaped)
    if cls is None:
        return bool(_line_breaks_exact(escaped, width, start, glued))
    if start + len(escaped) <= width:
        return False
    return _last_opportunity(cls, 1, len(cls) - 1, glued) >= 0


def _breaks_for(escaped: str, width: int, start: int, glued: frozenset[int]) -> list[int]:
    if start + 2 * len(escaped) <= width or (escaped.isascii() and start + len(escaped) <= width):
        return []
    return line_breaks(escaped, width, start, glued)


def _flag_line(entry: Any, obsolete: bool) -> str | None:
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


def _first_msgstr(entry: Any) -> str:
    if entry.msgid_plural:
        return str(entry.msgstr_plural.get(0, "")) if entry.msgstr_plural else ""
    return str(entry.msgstr)


def _reference_lines(occurrences: Iterable[tuple[str, str]]) -> list[str]:
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
        if column > 2 and column + len(text) + 1 > PAGE_WIDTH:
            lines.append(current)
            current, column = "#:", 2
        current += " " + text
        column += len(text) + 1
    lines.append(current)
    return lines


def format_entry(entry: Any) -> list[str]:
    """One entry's lines (no blank separator); obsolete entries without translation give none."""
    obsolete = bool(entry.obsolete)
    if obsolete and not _first_msgstr(entry):
        return []
    lines: list[str] = []
    if entry.tcomment:
        lines += [f"# {c}" if c else "#" for c in entry.tcomment.split("\n")]
    if entry.comment:
        lines += [f"#. {c}" if c else "#." for c in entry.comment.split("\n")]
    if entry.occurrences:
        lines += _reference_lines(entry.occurrences)
    flag_line = _flag_line(entry, obsolete) if entry.flags else None
    if flag_line:
        lines.append(flag_line)
    wrap, formats = _string_options(entry.flags) if entry.flags else (True, ())
    previous = "#~| " if obsolete else "#| "
    for name, value in (
        ("msgctxt", entry.previous_msgctxt),
        ("msgid", entry.previous_msgid),
        ("msgid_plural", entry.previous_msgid_plural),
    ):
        if value is not None:
            lines += wrap_string(name, value, previous, wrap=wrap, formats=formats)
    prefix = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        lines += wrap_string("msgctxt", entry.msgctxt, prefix, wrap=wrap, formats=formats)
    lines += wrap_string("msgid", entry.msgid, prefix, wrap=wrap, formats=formats)
    if entry.msgid_plural:
        lines += wrap_string("msgid_plural", entry.msgid_plural, prefix, wrap=wrap, formats=formats)
        forms = entry.msgstr_plural or {0: ""}
        for index in sorted(forms):
            lines += wrap_string(
                f"msgstr[{index}]", forms[index], prefix, wrap=wrap, formats=formats
            )
    else:
        lines += wrap_string("msgstr", entry.msgstr, prefix, wrap=wrap, formats=formats)
    return lines


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


def format_entries(entries: Iterable[Any]) -> str:
    """Entries in the order given (active ones first, as msgcat sorts obsolete ones last)."""
    items = list(entries)
    ordered = [e for e in items if not e.obsolete] + [e for e in items if e.obsolete]
    blocks = [lines for e in ordered if (lines := format_entry(e))]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n" if blocks else ""


# ----------------------------------------------------------------------------- reading


@dataclass(slots=True)
class RawEntry:
    """One entry exactly as the file holds it (comments, previous strings, obsolete state)."""

    line: int
    tcomments: list[str] = field(default_factory=list)
    ecomments: list[str] = field(default_factory=list)
    references: list[tuple[str, str]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)
    msgctxt: str | None = None
    msgid: str | None = None
    msgid_plural: str | None = None
    msgstr: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    obsolete: bool = False


_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?[ \t]*(\".*)")
_UNESCAPE = re.compile(r"\\(?:([ntrabfv\\\"'?])|([0-7]{1,3})|x([0-9a-fA-F]+))")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unescape(match: re.Match[str]) -> str:
    simple, octal, hexa = match.groups()
    if simple:
        return _SIMPLE.get(simple, simple)
    return chr(int(octal, 8)) if octal else chr(int(hexa, 16))


def _literal(text: str, path: str | Path, lineno: int) -> str:
    text = text.rstrip()
    if (
        len(text) < 2
        or text[0] != '"'
        or text[-1] != '"'
        or text[-2:] == '\\"'
        and (len(text) - len(text[:-1].rstrip("\\")) - 1) % 2
    ):
        raise CatalogError("unterminated string", path=path, line=lineno, hint="close the quote")
    body = text[1:-1]
    return _UNESCAPE.sub(_unescape, body) if "\\" in body else body


class _Reader:
    """A line-by-line state machine following gettext's PO grammar.

    The string being read (``target``) collects its quoted pieces in ``parts``, joined once when
    the next keyword, comment or entry starts.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self.entries: list[RawEntry] = []
        self.cur = RawEntry(line=1)
        self.in_msgstr = False
        self.target: tuple[str, int] | None = None
        self.parts: list[str] = []

    def fail(self, message: str, lineno: int) -> CatalogError:
        return CatalogError(message, path=self.path, line=lineno, hint="fix the entry, then rerun")

    def flush(self) -> None:
        """Store the string read so far in its field."""
        if self.target is None:
            return
        word, index = self.target
        value = "".join(self.parts) if len(self.parts) != 1 else self.parts[0]
        cur = self.cur
        if word[0] == "#":
            cur.previous[word[1:]] = value
        elif word == "msgstr":
            if index >= 0:
                cur.msgstr_plural[index] = value
            else:
                cur.msgstr = value
        else:
            setattr(cur, word, value)
        self.target = None

    def finish(self, lineno: int) -> None:
        self.flush()
        cur = self.cur
        if cur.msgid is not None:
            if cur.msgstr is None and not cur.msgstr_plural:
                raise self.fail("missing msgstr", cur.line)
            self.entries.append(cur)
        self.cur = RawEntry(line=lineno)
        self.in_msgstr = False

    def comment(self, line: str, lineno: int) -> None:
        if self.in_msgstr:
            self.finish(lineno)
        self.flush()
        cur, mark = self.cur, line[1:2]
        if cur.msgid is not None:
            raise self.fail("comment inside an entry", lineno)
        if mark == ".":
            body = line[2:]
            cur.ecomments.append(body[1:] if body.startswith(" ") else body)
        elif mark == ":":
            for token in line[2:].split():
                path, sep, num = token.rpartition(":")
                cur.references.append((path, num) if sep and num.isdigit() else (token, ""))
        elif mark in (",", "!"):
            cur.flags += [f.strip() for f in line[2:].split(",") if f.strip()]
        else:
            body = line[1:]
            cur.tcomments.append(body[1:] if body.startswith(" ") else body)

    def keyword(self, body: str, lineno: int, obsolete: bool, previous: bool) -> None:
        if body.startswith('"'):
            if self.target is None:
                raise self.fail("string without a keyword", lineno)
            self.parts.append(_literal(body, self.path, lineno))
            return
        index: str | None = None
        if body.startswith('msgid "'):
            word, literal = "msgid", body[6:]
        elif body.startswith('msgstr "'):
            word, literal = "msgstr", body[7:]
        else:
            match = _KEYWORD.fullmatch(body)
            if match is None:
                raise self.fail(f"unexpected text {body[:30]!r}", lineno)
            word, index, literal = match.groups()
        if literal[-1] == '"' and "\\" not in literal and literal.count('"') == 2:
            value = literal[1:-1]
        else:
            value = _literal(literal, self.path, lineno)
        if self.in_msgstr and (previous or word in ("msgctxt", "msgid")):
            self.finish(lineno)
        self.flush()
        cur = self.cur
        self.parts = [value]
        if previous:
            self.target = ("#" + word, 0)
            return
        if cur.msgid is None and word not in ("msgctxt", "msgid"):
            raise self.fail(f"{word} before msgid", lineno)
        if (
            word == "msgid"
            and cur.msgid is not None
            or word == "msgctxt"
            and cur.msgctxt is not None
        ):
            raise self.fail(f"duplicate {word}", lineno)
        if word in ("msgctxt", "msgid") and cur.msgid is None and cur.msgctxt is None:
            cur.line = lineno
        cur.obsolete = obsolete
        if word == "msgstr":
            self.in_msgstr = True
            self.target = ("msgstr", -1 if index is None else int(index))
        else:
            setattr(cur, word, "")  # marks the keyword as seen; the value comes with flush()
            self.target = (word, 0)


def parse_po(text: str, path: str | Path = "<string>") -> list[RawEntry]:
    """Every entry of a PO/POT text, in file order; syntax errors name the file and line."""
    reader = _Reader(path)
    lineno = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line:
            continue
        first = line[0]
        if first == '"':  # the most common line: a string continued
            if reader.target is None:
                raise reader.fail("string without a keyword", lineno)
            if line[-1] == '"' and "\\" not in line and line.count('"') == 2:
                reader.parts.append(line[1:-1])
            else:
                reader.parts.append(_literal(line, path, lineno))
        elif first == "#":
            second = line[1:2]
            if second == "~":
                body = line[2:]
                if body.startswith("|"):
                    reader.keyword(body[1:].lstrip(), lineno, True, True)
                elif body.strip():
                    reader.keyword(body.lstrip(), lineno, True, False)
            elif second == "|":
                reader.keyword(line[2:].lstrip(), lineno, False, True)
            else:
                reader.comment(line.rstrip("\r"), lineno)
        elif not line.isspace():
            reader.keyword(line.strip(), lineno, False, False)
    reader.finish(lineno + 1)
    return reader.entries
