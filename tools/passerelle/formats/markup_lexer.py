"""Where each markup token ends: tags, comments, declarations, CDATA, processing instructions.

Tokenizing is split from tree building so each reads on its own: this module knows spans of
source text, never nodes. The tag expressions follow the HTML5 tokenizer (HTML) and XML's name
rules (XML); their possessive quantifiers keep a long malformed tag from making them backtrack.
"""

from __future__ import annotations

import re

TAG_RE = re.compile(
    r"<(/?)([A-Za-z][^\t\n\f\r />]*+)"
    r"((?:[\t\n\f\r /]++|[^\t\n\f\r />][^\t\n\f\r /=>]*+"
    r"(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:\"[^\"]*+\"|'[^']*+'|[^\t\n\f\r >]*+))?+)*+)>"
)
XML_TAG_RE = re.compile(
    r"<(/?)([^\t\n\r /<>=!?][^\t\n\r /<>=]*+)"
    r"((?:[\t\n\r /]++|[^\t\n\r />=][^\t\n\r /=>]*+"
    r"(?:[\t\n\r ]*+=[\t\n\r ]*+(?:\"[^\"]*+\"|'[^']*+'))?+)*+)>"
)
ATTR_RE = re.compile(
    r"([^\t\n\f\r />][^\t\n\f\r /=>]*)"
    r"(?:[\t\n\f\r ]*=[\t\n\f\r ]*(\"[^\"]*\"|'[^']*'|[^\t\n\f\r >]*))?"
)


def _end_of(source: str, marker: str, start: int) -> int:
    found = source.find(marker, start)
    return len(source) if found < 0 else found + len(marker)


def doctype_end(source: str, pos: int) -> int:
    """End of an XML doctype, internal subset and quoted strings included."""
    i = pos + 9
    n = len(source)
    depth = 0
    while i < n:
        ch = source[i]
        if ch in "\"'":
            i = _end_of(source, ch, i + 1)
            continue
        if source.startswith("<!--", i):
            i = _end_of(source, "-->", i + 4)
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif ch == ">" and depth <= 0:
            return i + 1
        i += 1
    return n


def markup_decl(source: str, pos: int, html: bool) -> tuple[int, str]:
    """Span end and kind of the ``<!``/``<?`` construct at ``pos``."""
    if source.startswith("<!--", pos):
        if html:
            if source.startswith("<!-->", pos):
                return pos + 5, "comment"
            if source.startswith("<!--->", pos):
                return pos + 6, "comment"
            end = source.find("--", pos + 4)
            while end >= 0:
                if source.startswith("-->", end):
                    return end + 3, "comment"
                if source.startswith("--!>", end):
                    return end + 4, "comment"
                end = source.find("--", end + 1)
            return len(source), "comment"
        return _end_of(source, "-->", pos + 4), "comment"
    if source.startswith("<?", pos):
        return (_end_of(source, ">", pos) if html else _end_of(source, "?>", pos + 2)), "pi"
    if not html and source.startswith("<![CDATA[", pos):
        return _end_of(source, "]]>", pos + 9), "cdata"
    if source[pos + 2 : pos + 9].upper() == "DOCTYPE":
        return (_end_of(source, ">", pos) if html else doctype_end(source, pos)), "doctype"
    return _end_of(source, ">", pos), "other"


def ends_in_unquoted_value(body: str) -> bool:
    """``<a href=x/>``: the slash belongs to the value, so the tag is not self-closing."""
    matches = list(ATTR_RE.finditer(body))
    if not matches or matches[-1].group(2) is None:
        return False
    last = matches[-1]
    value = last.group(2)
    return value[:1] not in ('"', "'") and last.end() == len(body) and value.endswith("/")
