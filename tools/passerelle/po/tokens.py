"""A PO line's strings unescaped, and a line cut into its keywords when it has an unusual layout.

GNU's lexer reads tokens, not lines: ``msgid "a" msgstr "A"`` on one line is an entry, and a
keyword may stand alone with its string on the next line (``msgid`` then ``"a"``). The reader
takes the common layout (one keyword and its strings per line) on its fast path and asks this
module only when a line does not fit it.
"""

from __future__ import annotations

import re
from pathlib import Path

from passerelle.errors import CatalogError

KEYWORDS = ("msgctxt", "msgid_plural", "msgid", "msgstr", "domain")

_TOKEN = re.compile(
    r'[ \t]*(?:"(?:[^"\\]|\\.)*"|(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?|domain))'
)


def split_keywords(body: str) -> list[str] | None:
    """``body`` as pieces that each start with one keyword (the first may be strings alone),
    or None when something else than keywords and strings is on the line."""
    pieces: list[str] = []
    start = position = 0
    body = body.rstrip()
    while position < len(body):
        match = _TOKEN.match(body, position)
        if match is None:
            return None
        if match.group(1) is not None:
            if position and body[position - 1] not in ' \t"':
                return None  # glued to the word before it: not a keyword
            if start != match.start(1):
                pieces.append(body[start : match.start(1)].strip())
            start = match.start(1)
        position = match.end()
    pieces.append(body[start:].strip())
    return [piece for piece in pieces if piece]


def is_bare(piece: str) -> bool:
    """True for a keyword whose strings are on the lines that follow."""
    return piece.rstrip() in KEYWORDS or re.fullmatch(r"msgstr\[\d+\]", piece.rstrip()) is not None


_UNESCAPE = re.compile(r"\\(?:([ntrabfv\\\"'?])|([0-7]{1,3})|x([0-9a-fA-F]+))")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"', re.DOTALL)
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"(?:[ \t]*"(?:[^"\\]|\\.)*")*', re.DOTALL)
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unescape(match: re.Match[str]) -> str:
    simple, octal, hexa = match.groups()
    if simple:
        return _SIMPLE.get(simple, simple)
    return chr(int(octal, 8)) if octal else chr(int(hexa, 16))


def read_strings(text: str, path: str | Path, lineno: int) -> str:
    """A line's quoted strings, joined and unescaped; a bad string is an error at its line."""
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
    if '"' in body:  # an escaped quote, several strings on one line, or a quote left bare
        if _STRINGS.fullmatch(text) is None:
            raise CatalogError(
                "unescaped quote inside a string",
                path=path,
                line=lineno,
                hint='write \\" for a quote in the text',
            )
        body = "".join(_STRING.findall(text))  # GNU joins "a" "b" into "ab"
    return _UNESCAPE.sub(_unescape, body) if "\\" in body else body
