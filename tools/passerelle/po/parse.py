"""PO syntax in: a lossless reader that keeps what polib drops (``#~|`` lines, comments of
obsolete entries, the order of flags), with errors naming the file and line.

It accepts what GNU msgfmt accepts and refuses what msgfmt refuses in the shapes that lose a
translation silently: a second ``msgstr`` for one msgid (a union merge leaves them), a
``msgid_plural`` after the ``msgstr``, a ``msgstr`` with no msgid of its own, plural forms out of
order, an entry half obsolete, a msgctxt and msgid defined twice (active or obsolete). Each is
an error at the line msgfmt names. Line ends are LF or
CRLF; a carriage return alone is read as GNU reads it (see :mod:`passerelle.po.lines`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from passerelle.errors import CatalogError, DuplicateEntryError
from passerelle.po.lines import gettext_lines
from passerelle.po.tokens import is_bare, read_strings, split_keywords


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
    domain: str | None = None  # a ``domain "..."`` line's name; None: the default domain


_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr|domain)(?:\[(\d+)\])?[ \t]*(\".*)")
# Where the entry being read stands in gettext's grammar, which decides what may come next:
# nothing yet, ``#|`` strings, msgctxt, msgid, msgid_plural, msgstr, msgstr[n].
_START, _PREVIOUS, _CONTEXT, _MSGID, _PLURAL, _MSGSTR, _FORMS = range(7)
_ONE_MSGSTR = "an entry has one msgstr: keep the right translation and delete the other"


class _Reader:
    """A line-by-line state machine following gettext's PO grammar.

    The string being read (``target``) collects its quoted pieces in ``parts``, joined once when
    the next keyword, comment or entry starts. ``plain`` says a string of an active entry is
    open, the only thing a bare ``"..."`` line may continue.
    """

    def __init__(self, path: str | Path, domains: bool = False) -> None:
        self.path = path
        self.domains = domains  # several domains allowed, each with its own msgids
        self.entries: list[RawEntry] = []
        self.cur = RawEntry(line=1)
        self.stage = _START
        self.target: tuple[str, int] | None = None
        self.parts: list[str] = []
        self.plain = False
        # GNU's positions: a duplicate is named at its msgid line, the first definition at its
        # msgstr (or msgstr[0]) line, which is where msgfmt records a message.
        self.msgid_line = 0
        self.msgstr_line = 0
        # msgid -> msgstr line, and msgctxt -> the same: plain strings as keys, which the
        # garbage collector does not track (a tuple per entry made reading a quarter slower)
        self.defined: dict[str | None, int] = {}
        self.defined_in: dict[str, dict[str | None, int]] = {}
        self.domain: str | None = None
        # each domain's (defined, defined_in), when several are allowed
        self.tables: dict[
            str | None, tuple[dict[str | None, int], dict[str, dict[str | None, int]]]
        ] = {}
        self.domain_changed = False  # a domain line came: entries must then share theirs
        self.bare_line = 0  # of a keyword whose string is still to come

    def fail(
        self, message: str, lineno: int, hint: str = "fix the entry, then rerun"
    ) -> CatalogError:
        return CatalogError(message, path=self.path, line=lineno, hint=hint)

    def stray(self, lineno: int, previous: bool = False) -> CatalogError:
        """The error for a ``"..."`` line that continues no string of its own kind."""
        if self.target is None:
            return self.fail("string without a keyword", lineno)
        if previous != (self.target[0][0] == "#"):
            return self.fail("a string continued across #| and plain lines", lineno)
        return self.fail("inconsistent use of #~", lineno, "mark every line of the entry alike")

    def flush(self) -> None:
        """Store the string read so far in its field."""
        if self.target is None:
            return
        word, index = self.target
        if not self.parts:
            raise self.fail(f"{word.lstrip('#')} without its string", self.bare_line)
        value = "".join(self.parts) if len(self.parts) != 1 else self.parts[0]
        cur = self.cur
        if word == "domain":
            self.switch_domain(None if value == "messages" else value)
        elif word[0] == "#":
            cur.previous[word[1:]] = value
        elif word == "msgstr":
            if index >= 0:
                cur.msgstr_plural[index] = value
            else:
                cur.msgstr = value
        else:
            setattr(cur, word, value)
        self.target = None
        self.plain = False

    def finish(self, lineno: int) -> None:
        """Close the entry being read; one that stops short of its msgstr is an error."""
        self.flush()
        cur, stage = self.cur, self.stage
        if stage >= _MSGSTR:
            cur.domain = domain = self.domain
            if domain is not None or self.domain_changed:
                self.same_domain(cur)
            defined = self.defined if cur.msgctxt is None else self.contexts(cur.msgctxt)
            if cur.msgid in defined:
                raise self.duplicate(defined[cur.msgid])
            defined[cur.msgid] = self.msgstr_line
            self.entries.append(cur)
        elif stage == _PREVIOUS:
            raise self.fail("#| lines without the entry they belong to", cur.line)
        elif stage == _CONTEXT:
            raise self.fail("msgctxt without msgid", cur.line)
        elif stage == _PLURAL:
            raise self.fail("missing msgstr[0]", cur.line)
        elif stage == _MSGID:
            raise self.fail("missing msgstr", cur.line)
        self.cur = RawEntry(line=lineno)
        self.stage = _START

    def switch_domain(self, domain: str | None) -> None:
        """Entries from here on belong to ``domain``; with several domains allowed, a msgid is
        a duplicate only within its own domain, as GNU keeps one message list per domain."""
        if self.domains:
            self.tables[self.domain] = (self.defined, self.defined_in)
            self.defined, self.defined_in = self.tables.get(domain, ({}, {}))
        self.domain = domain
        self.domain_changed = True

    def same_domain(self, cur: RawEntry) -> None:
        """A catalog is one domain: entries under a second one are an error at the first."""
        if self.domains:
            return
        if self.entries and self.entries[0].domain != cur.domain:
            raise self.fail(
                "a second domain in one catalog", self.msgid_line, "keep one domain per file"
            )

    def contexts(self, msgctxt: str) -> dict[str | None, int]:
        """The msgids defined so far in context ``msgctxt``."""
        return self.defined_in.setdefault(msgctxt, {})

    def duplicate(self, first: int) -> DuplicateEntryError:
        """A second definition, active or obsolete, is an error naming both places, as msgfmt,
        msgcat and msgmerge name them."""
        error = DuplicateEntryError(
            f"duplicate message definition; {self.path}:{first} is the location of the "
            "first definition",
            path=self.path,
            line=self.msgid_line,
            hint="keep one of the two entries",
        )
        error.first_line = first
        return error

    def comment(self, line: str, lineno: int) -> None:
        if self.stage >= _MSGSTR:
            self.finish(lineno)
        elif self.stage == _PREVIOUS:
            raise self.fail("comment after a #| line", lineno, "put #| lines just before msgid")
        elif self.stage != _START:
            raise self.fail("comment inside an entry", lineno)
        cur, mark = self.cur, line[1:2]
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
        """One line's keyword and strings. Several keywords on a line, or a keyword whose string
        is on the next line, take the slower way through :meth:`split`."""
        try:
            if body.startswith('"'):
                target = self.target
                if (
                    target is None
                    or obsolete != self.cur.obsolete
                    or previous != (target[0][0] == "#")
                ):
                    raise self.stray(lineno, previous)
                self.parts.append(read_strings(body, self.path, lineno))
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
                if index is not None and word != "msgstr":
                    raise self.fail(f"{word}[{index}]: only msgstr has plural forms", lineno)
            if literal[-1] == '"' and "\\" not in literal and literal.count('"') == 2:
                value = literal[1:-1]
            else:
                value = read_strings(literal, self.path, lineno)
        except CatalogError:
            pieces = split_keywords(body)
            if pieces is None or pieces == [body.strip()] and not is_bare(body):
                raise
            self.split(pieces, lineno, obsolete, previous)
            return
        if word == "domain" and not obsolete and not previous:
            self.start_domain(value, lineno)
            return
        if self.stage >= _MSGSTR and (previous or word in ("msgctxt", "msgid")):
            self.finish(lineno)
        self.flush()
        cur = self.cur
        if self.stage == _START:
            cur.obsolete = obsolete
        elif obsolete != cur.obsolete:
            raise self.fail("inconsistent use of #~", lineno, "mark every line of the entry alike")
        self.parts = [value]
        if previous:
            self.previous(word, index, lineno)
        else:
            self.advance(word, -1 if index is None else int(index), lineno)
            self.plain = not obsolete

    def split(self, pieces: list[str], lineno: int, obsolete: bool, previous: bool) -> None:
        """A line's keywords, each read in turn; a keyword alone opens its string empty, for
        the next lines to fill (none is an error)."""
        for piece in pieces:
            if is_bare(piece):
                self.keyword(piece + ' ""', lineno, obsolete, previous)
                self.parts = []
                self.bare_line = lineno
            else:
                self.keyword(piece, lineno, obsolete, previous)

    def start_domain(self, value: str | None, lineno: int) -> None:
        """A ``domain`` line ends the entry before it; GNU drops the comments above it."""
        if self.stage >= _MSGSTR:
            self.finish(lineno)
        self.flush()
        if self.stage != _START:
            raise self.fail("domain inside an entry", lineno, "put domain lines between entries")
        self.cur = RawEntry(line=lineno)
        self.parts = [value] if value is not None else []
        self.bare_line = lineno
        self.target, self.plain = ("domain", 0), True

    def previous(self, word: str, index: str | None, lineno: int) -> None:
        """A ``#|`` string: msgctxt, then msgid, then msgid_plural, before the entry itself."""
        seen = self.cur.previous
        if self.stage == _START:
            allowed = word in ("msgctxt", "msgid")
        elif self.stage == _PREVIOUS:
            allowed = (
                word == "msgid"
                and "msgid" not in seen
                or word == "msgid_plural"
                and "msgid" in seen
                and "msgid_plural" not in seen
            )
        else:
            raise self.fail(f"#| {word} inside an entry", lineno, "put #| lines just before msgid")
        if not allowed or index is not None:
            raise self.fail(f"unexpected #| {word}", lineno)
        self.stage = _PREVIOUS
        self.target = ("#" + word, 0)

    def advance(self, word: str, index: int, lineno: int) -> None:
        """A keyword of the entry itself, where the grammar allows it, else an error saying why."""
        stage, cur = self.stage, self.cur
        if stage == _PREVIOUS and word in ("msgctxt", "msgid") and "msgid" not in cur.previous:
            raise self.fail("#| lines without #| msgid", lineno)
        if word == "msgctxt" and stage <= _PREVIOUS or word == "msgid" and stage <= _CONTEXT:
            if stage != _CONTEXT:
                cur.line = lineno
            self.msgid_line = lineno
            setattr(cur, word, "")  # marks the keyword as seen; the value comes with flush()
            self.stage = _CONTEXT if word == "msgctxt" else _MSGID
            self.target = (word, 0)
        elif word == "msgid_plural" and stage == _MSGID:
            cur.msgid_plural = ""
            self.stage = _PLURAL
            self.target = (word, 0)
        elif word == "msgstr" and (
            stage == _MSGID
            and index < 0
            or stage == _PLURAL
            and index == 0
            or stage == _FORMS
            and index == len(cur.msgstr_plural)
        ):
            if index <= 0:
                self.msgstr_line = lineno
            self.stage = _MSGSTR if index < 0 else _FORMS
            self.target = ("msgstr", index)
        else:
            message, hint = _misplaced(stage, word, index, cur.line)
            raise self.fail(message, lineno, hint)


def _misplaced(stage: int, word: str, index: int, entry_line: int) -> tuple[str, str]:
    """Why ``word`` (``msgstr[index]`` when index >= 0) cannot come here, and what to do."""
    name = word if index < 0 else f"msgstr[{index}]"
    where = f"the msgid of line {entry_line}"
    if stage <= _PREVIOUS:
        return f"{name} without a msgid", "start the entry with msgid"
    if stage == _CONTEXT:
        return f"{name} after msgctxt, before any msgid", "msgid follows msgctxt"
    if word == "msgctxt":
        return f"msgctxt after {where}", "put msgctxt before msgid"
    if word == "msgid":
        return f"msgid, but {where} has no msgstr", "give each msgid its msgstr"
    if word == "msgid_plural":
        return f"msgid_plural after the msgstr of {where}", "put msgid_plural right after msgid"
    if stage == _MSGID:
        return f"{name} without msgid_plural", "write msgstr, or add msgid_plural"
    if stage == _PLURAL and index < 0:
        return "msgstr without an index after msgid_plural", "write msgstr[0], msgstr[1], ..."
    if stage == _PLURAL:
        return f"first plural form is {name}", "number the forms msgstr[0], msgstr[1], ..."
    if stage == _MSGSTR and index < 0:
        return f"a second msgstr for {where}", _ONE_MSGSTR
    if stage == _MSGSTR:
        return f"{name} after the msgstr of {where}", _ONE_MSGSTR
    if index < 0:
        return f"msgstr after the plural forms of {where}", _ONE_MSGSTR
    return f"{name} out of order for {where}", "number the forms msgstr[0], msgstr[1], ..."


def parse_po(text: str, path: str | Path = "<string>", *, domains: bool = False) -> list[RawEntry]:
    """Every entry of a PO/POT text, in file order; syntax errors name the file and line.

    A second domain is an error unless ``domains`` allows several (each entry then names its
    own in ``domain``), as the msgmerge and msgcat stand-ins read them.
    """
    reader = _Reader(path, domains)
    lines = text.split("\n")
    lineno = 0
    for lineno, line in gettext_lines(lines, path) if "\r" in text else enumerate(lines, 1):
        if not line:
            continue
        first = line[0]
        if first == '"':  # the most common line: a string continued
            if not reader.plain:
                raise reader.stray(lineno)
            if line[-1] == '"' and "\\" not in line and line.count('"') == 2:
                reader.parts.append(line[1:-1])
            else:
                reader.keyword(line.rstrip(), lineno, False, False)
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
