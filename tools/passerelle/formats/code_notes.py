"""What a ``<codeN/>`` placeholder stands for, told to the translator in an extracted comment.

An opaque element (``<code>``, an untranslatable span) reaches the catalog as an empty
placeholder, so the translator sees ``Set <code1/> to true`` without knowing what ``<code1/>``
is, and cannot tell whether it is a noun, a value or a command. Extraction therefore writes one
``#.`` line per such placeholder: ``<code1/> = "cookie_name"``, the element's text with its
whitespace collapsed, quoted as in the source language's own strings, cut short when long.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping

#: Past this many characters a code is cut, and ends with an ellipsis: a comment is one line.
LONGEST = 60

_TAG_RE = re.compile(r"<[^<>]*+>")


def code_text(source: str, start: int, end: int) -> str:
    """The text of the element at ``source[start:end]``: tags dropped, entities decoded,
    whitespace and control characters collapsed to single spaces."""
    inner = _TAG_RE.sub("", source[start:end])
    if "&" in inner:
        inner = html.unescape(inner)
    if not inner.isprintable():
        inner = "".join(c if unicodedata.category(c) != "Cc" else " " for c in inner)
    return " ".join(inner.split())


def shown_code(text: str) -> str:
    """``text`` quoted for a comment line, cut after :data:`LONGEST` characters."""
    if len(text) > LONGEST:
        text = text[: LONGEST - 1].rstrip() + "…"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def code_notes(source: str, tags: Mapping[str, tuple[int, int]]) -> tuple[tuple[str, str], ...]:
    """``(placeholder, note)`` for each empty placeholder of an element that holds text.

    Comments, processing instructions and entities (spans not opening with ``<`` and a
    letter) and empty elements (``<br/>``, ``<img/>``) stand for nothing a translator reads.
    """
    notes = []
    for token, (start, end) in tags.items():
        opener = source[start : start + 2]
        if not token.endswith("/>") or len(opener) < 2 or opener[0] != "<":
            continue
        if not opener[1].isalpha():
            continue
        text = code_text(source, start, end)
        if text:
            notes.append((token, f"{token} = {shown_code(text)}"))
    return tuple(notes)
