"""PO syntax in: a lossless reader that keeps what polib drops (``#~|`` lines, comments of
obsolete entries, the order of flags), with errors naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from passerelle.errors import CatalogError


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


def decode_catalog(data: bytes, path: Path) -> str:
    """A catalog's bytes as text; bad UTF-8 is a CatalogError naming the file and line."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError(
            "catalog is not valid UTF-8", path=path, line=line, hint="save it as UTF-8"
        ) from None
