"""A byte-faithful markup tree for HTML and XML: the nodes every markup format walks.

Every node remembers where it sits in the source (character offsets), so a writer can copy every
byte it does not translate exactly as it was: doctype, comments, attribute order and quoting,
whitespace, entities. :mod:`passerelle.formats.markup_parser` builds the tree (the HTML reader
follows browsers and never fails; the XML reader assumes input an XML parser has accepted, see
:mod:`passerelle.formats.xml`); the walker and writers only read it.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import re
from collections.abc import Iterator

from passerelle.formats.markup_lexer import ATTR_RE

#: The whitespace runs that collapsing changes: a lone space, the usual run between two words,
#: is no match, so a text spaced that way comes back as it is, without being rebuilt.
WS_RE = re.compile(r"(?:[\t\n\f\r]| (?=[\t\n\f\r ]))[\t\n\f\r ]*")


class Attr:
    """One attribute: its name and where its value sits (without quotes)."""

    __slots__ = ("name", "start", "end", "quote", "raw")

    def __init__(self, name: str, start: int, end: int, quote: str, raw: str) -> None:
        self.name = name
        self.start = start  # value start (-1 when the attribute has no value)
        self.end = end
        self.quote = quote  # '"', "'" or "" (unquoted or no value)
        self.raw = raw  # the value as written


class Node:
    """Text, comment, processing instruction, doctype or stray token: a source span."""

    __slots__ = ("start", "end", "kind", "parent")

    def __init__(self, start: int, end: int, kind: str) -> None:
        self.start = start
        self.end = end
        self.kind = kind  # text, cdata, comment, pi, doctype, other
        self.parent: Element | None = None


class Element(Node):
    """An element: start tag span, content, end tag span (empty when implied)."""

    __slots__ = (
        "name",
        "key",
        "tag_end",
        "close_start",
        "children",
        "empty",
        "index",
        "_attrs",
        "_body",
    )

    def __init__(self, name: str, start: int, tag_end: int, body: tuple[int, int]) -> None:
        self.start = start  # Node's fields, set here: one call less per element
        self.end = tag_end
        self.kind = "element"
        self.parent: Element | None = None
        self.name = name
        self.key = name
        self.tag_end = tag_end
        self.close_start = tag_end
        self.children: list[Node] = []
        self.empty = False
        self.index = 0
        self._attrs: list[Attr] | None = None
        self._body = body

    def attrs(self, source: str) -> list[Attr]:
        """The start tag's attributes in source order (parsed on first use)."""
        if self._attrs is None:
            start, end = self._body
            found: list[Attr] = []
            for match in ATTR_RE.finditer(source, start, end):
                value = match.group(2)
                if value is None:
                    found.append(Attr(match.group(1), -1, -1, "", ""))
                    continue
                vstart = match.start(2)
                quote = value[0] if value[:1] in ('"', "'") else ""
                if quote:
                    found.append(
                        Attr(match.group(1), vstart + 1, match.end(2) - 1, quote, value[1:-1])
                    )
                else:
                    found.append(Attr(match.group(1), vstart, match.end(2), "", value))
            self._attrs = found
        return self._attrs

    def get(self, source: str, name: str) -> Attr | None:
        """The first attribute called ``name`` (ASCII case-insensitive in HTML)."""
        if self._attrs is None:
            raw = source[self.start : self.tag_end]
            if name not in raw and name not in raw.lower():
                return None
        for attr in self.attrs(source):
            if attr.name == name or attr.name.lower() == name:
                return attr
        return None

    def insert_point(self, source: str) -> int:
        """Where a new attribute goes: before ``>`` (or the ``/`` of ``/>``)."""
        end = self.tag_end - 1
        if self.empty and source[end - 1] == "/":
            last = self.attrs(source)[-1:] if self._body[1] > self._body[0] else []
            if not last or last[0].quote or last[0].end < end - 1 or last[0].start < 0:
                return end - 1
        return end

    def iter(self) -> Iterator[Element]:
        """This element and its descendants in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()


class MarkupTree:
    """A parsed document: source text, top-level nodes and every element in order."""

    def __init__(self, source: str, html: bool) -> None:
        self.source = source
        self.html = html
        self.children: list[Node] = []
        self.elements: list[Element] = []
        self.errors: list[tuple[int, str]] = []
        self._lines: list[int] | None = None

    @property
    def root(self) -> Element | None:
        for node in self.children:
            if isinstance(node, Element):
                return node
        return None

    def dispose(self) -> None:
        """Break the parent/child cycles so the tree is freed at once, without the cyclic GC."""
        # every cycle runs through a children list (a child points back to its parent); the
        # parent links left behind point upwards only, so counting references frees the rest
        for element in self.elements:
            element.children = []
        self.children = []
        self.elements = []

    def line(self, offset: int) -> int:
        """1-based line of ``offset``."""
        if self._lines is None:
            self._lines = [m.start() for m in re.finditer("\n", self.source)]
        return bisect.bisect_left(self._lines, offset) + 1


@contextlib.contextmanager
def quiet_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large tree is built and walked.

    A tree is hundreds of thousands of small objects that all live until the document is done;
    collecting during that time only rescans them. :meth:`MarkupTree.dispose` frees them after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def collapse(text: str) -> str:
    """ASCII whitespace runs as one space (no-break spaces are content and stay)."""
    return WS_RE.sub(" ", text)
