"""Tree building: markup source into a :class:`~passerelle.formats.markup.MarkupTree`.

The HTML reader follows the HTML5 tokenizer (tags, attributes, comments, raw text elements) and
the most common tree-building repairs browsers make (implied ends of ``p``, ``li``, table cells,
stray end tags ignored); it never fails. The XML reader assumes input that an XML parser has
already accepted (see :mod:`passerelle.formats.xml`) and records nesting errors. It is its own
module so the repair rules sit next to the one loop that applies them.
"""

from __future__ import annotations

import re

from passerelle.formats.markup import Element, MarkupTree, Node
from passerelle.formats.markup_lexer import (
    TAG_RE,
    XML_TAG_RE,
    ends_in_unquoted_value,
    markup_decl,
)

VOID = frozenset(
    "area base basefont bgsound br col embed frame hr img input keygen link meta param source "
    "track wbr".split()
)
RAW_TEXT = frozenset("script style xmp iframe noembed noframes".split())
RCDATA = frozenset(("title", "textarea"))
#: Start tags that close an open ``p`` (HTML5 "close a p element" list).
CLOSES_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section "
    "summary table ul listing xmp plaintext li dd dt".split()
)
#: Deepest HTML nesting kept (libxml2 refuses XML deeper than 256); deeper tags do not nest.
MAX_DEPTH = 200
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
#: Elements an implied-end search does not cross (a rough HTML5 "special" category).
SCOPE = frozenset("html body table td th caption template ul ol dl div section article".split())
_IMPLIED: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # new start tag: (open elements it closes, elements that stop the search)
    "li": (frozenset(("li",)), frozenset(("ul", "ol", "menu", "table", "body", "html"))),
    "dt": (frozenset(("dt", "dd")), frozenset(("dl", "table", "body", "html"))),
    "dd": (frozenset(("dt", "dd")), frozenset(("dl", "table", "body", "html"))),
    "tr": (frozenset(("tr", "td", "th")), frozenset(("table", "thead", "tbody", "tfoot"))),
    "td": (frozenset(("td", "th")), frozenset(("tr", "table"))),
    "th": (frozenset(("td", "th")), frozenset(("tr", "table"))),
    "thead": (frozenset(("thead", "tbody", "tfoot", "tr", "td", "th")), frozenset(("table",))),
    "tbody": (frozenset(("thead", "tbody", "tfoot", "tr", "td", "th")), frozenset(("table",))),
    "tfoot": (frozenset(("thead", "tbody", "tfoot", "tr", "td", "th")), frozenset(("table",))),
    "option": (frozenset(("option",)), frozenset(("select", "datalist", "optgroup"))),
    "optgroup": (frozenset(("option", "optgroup")), frozenset(("select",))),
    "a": (frozenset(("a",)), SCOPE),
    "button": (frozenset(("button",)), SCOPE),
}


_CHECK = CLOSES_P | frozenset(_IMPLIED)
#: An open ``p`` that a new start tag closes, and what stops the search for it.
_P = frozenset(("p",))
_P_STOPS = SCOPE | frozenset(("button",))
_SWALLOW = RAW_TEXT | RCDATA | frozenset(("plaintext",))


class _TreeBuilder:
    """Tree construction from the token stream (HTML repairs or strict XML nesting)."""

    def __init__(self, doc: MarkupTree, xhtml: bool) -> None:
        self.doc = doc
        self.stack: list[Element] = []
        self.xhtml = xhtml
        self.foreign = 0

    def add(self, node: Node) -> None:
        parent = self.stack[-1] if self.stack else None
        node.parent = parent
        (parent.children if parent else self.doc.children).append(node)

    def close_to(self, depth: int, at: int, end: int | None = None) -> None:
        """Pop the stack down to ``depth`` elements; implied ends sit at ``at``."""
        while len(self.stack) > depth:
            element = self.stack.pop()
            element.close_start = at
            element.end = at if len(self.stack) > depth else (end if end is not None else at)
            if element.key in ("svg", "math"):
                self.foreign = max(0, self.foreign - 1)

    def find(self, names: frozenset[str], stops: frozenset[str]) -> int:
        for depth in range(len(self.stack) - 1, -1, -1):
            key = self.stack[depth].key
            if key in names:
                return depth
            if key in stops:
                return -1
        return -1

    def start_html(self, element: Element, self_closing: bool) -> bool:
        """Apply implied ends for a new HTML start tag; True when it stays open."""
        key = element.key
        at = element.start
        if key in CLOSES_P and not self.foreign:
            depth = self.find(_P, _P_STOPS)
            if depth >= 0:
                self.close_to(depth, at)
            if key in HEADINGS and self.stack and self.stack[-1].key in HEADINGS:
                self.close_to(len(self.stack) - 1, at)
        rule = _IMPLIED.get(key)
        if rule is not None and not self.foreign:
            depth = self.find(*rule)
            if depth >= 0:
                self.close_to(depth, at)
        if self_closing and (self.xhtml or self.foreign):
            return False
        return key not in VOID

    def end_tag(self, key: str, start: int, end: int) -> bool:
        stack = self.stack
        guarded = self.doc.html and key not in SCOPE
        for depth in range(len(stack) - 1, -1, -1):
            open_key = stack[depth].key
            if open_key == key:
                self.close_to(depth, start, end)
                return True
            if guarded and open_key in SCOPE:
                return False
        return False


def parse(source: str, *, html: bool) -> MarkupTree:
    """Read ``source`` into a :class:`MarkupTree`; HTML never fails, XML records nesting errors."""
    doc = MarkupTree(source, html)
    head = source[:2000].lower()
    xhtml = html and (head.lstrip().startswith("<?xml") or "http://www.w3.org/1999/xhtml" in head)
    builder = _TreeBuilder(doc, xhtml)
    stack = builder.stack
    elements = doc.elements
    tag_match = (TAG_RE if html else XML_TAG_RE).match
    n = len(source)
    pos = 0
    find = source.find
    parent: Element | None = None
    children = doc.children
    while pos < n:
        lt = find("<", pos)
        if lt < 0:
            lt = n
        if lt > pos:
            node = Node(pos, lt, "text")
            node.parent = parent
            children.append(node)
        if lt >= n:
            break
        match = tag_match(source, lt)
        if match is None:
            pos = _not_a_tag(builder, source, lt)
        else:
            pos = match.end()
            closing, name, body = match.group(1, 2, 3)
            if closing:
                key = name.lower() if html else name
                if not builder.end_tag(key, lt, pos):
                    if not html:
                        doc.errors.append((lt, f"unexpected end tag </{name}>"))
                    builder.add(Node(lt, pos, "other"))
            else:
                element = _start_tag(builder, match, name, body, lt, pos, html)
                elements.append(element)
                if html and element.key in _SWALLOW and not element.empty:
                    pos = _raw_content(builder, source, element, pos)
        parent = stack[-1] if stack else None
        children = parent.children if parent is not None else doc.children
    builder.close_to(0, n)
    for index, element in enumerate(elements):
        element.index = index
    return doc


def _not_a_tag(builder: _TreeBuilder, source: str, lt: int) -> int:
    """Comments, doctypes, PIs, bogus markup and stray ``<``: the end of what starts at ``lt``."""
    html = builder.doc.html
    nxt = source[lt + 1 : lt + 2]
    if nxt in ("!", "?") or (html and nxt == "/"):
        end, kind = markup_decl(source, lt, html)
        if html and nxt == "/" and source.startswith("</>", lt):
            end, kind = lt + 3, "other"
        builder.add(Node(lt, end, kind))
        return end
    if html and nxt.isascii() and nxt.isalpha():
        builder.add(Node(lt, len(source), "other"))  # a tag cut off by the end of the file
        return len(source)
    return _text_run(builder, source, lt, html)


def _text_run(builder: _TreeBuilder, source: str, lt: int, html: bool) -> int:
    """A ``<`` that starts nothing is text (HTML); in XML it is recorded as an error."""
    if not html:
        builder.doc.errors.append((lt, "unexpected '<'"))
    end = source.find("<", lt + 1)
    end = len(source) if end < 0 else end
    builder.add(Node(lt, end, "text"))
    return end


def _start_tag(
    builder: _TreeBuilder,
    match: re.Match[str],
    name: str,
    body: str,
    start: int,
    end: int,
    html: bool,
) -> Element:
    element = Element(name, start, end, match.span(3))
    key = element.key = name.lower() if html else name
    self_closing = body[-1:] == "/" and not ends_in_unquoted_value(body)
    if html:
        opened = (
            builder.start_html(element, self_closing)
            if key in _CHECK or self_closing or key in VOID
            else True
        )
        if len(builder.stack) >= MAX_DEPTH:
            opened = False  # browsers cap nesting too; deeper content becomes siblings
    else:
        opened = not self_closing
    stack = builder.stack
    parent = element.parent = stack[-1] if stack else None
    (parent.children if parent is not None else builder.doc.children).append(element)
    if opened:
        stack.append(element)
        if key in ("svg", "math"):
            builder.foreign += 1
    else:
        element.empty = True
    return element


def _raw_content(builder: _TreeBuilder, source: str, element: Element, pos: int) -> int:
    """Swallow the content of script/style/title/... up to its end tag (HTML)."""
    key = element.key
    if key not in RAW_TEXT and key not in RCDATA and key != "plaintext" or builder.foreign:
        return pos
    if key == "plaintext":
        end = len(source)
    else:
        found = re.compile(rf"</{key}[\t\n\f\r />]", re.IGNORECASE).search(source, pos)
        end = found.start() if found else len(source)
    if end > pos:
        node = Node(pos, end, "text" if key in RCDATA else "raw")
        node.parent = element
        element.children.append(node)
    return end
