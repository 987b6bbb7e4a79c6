"""Writing code trees into XML elements and reading inline codes back, for every format.

Each format names its elements differently (XLIFF 2.1 ``pc``/``ph``/``sc``/``ec``, XLIFF 1.2 and
TMX ``bpt``/``ept``/``ph``/``it``); the walk is the same, so it lives here once. Characters XML
cannot hold (most C0 controls) are written as XLIFF 2.1 ``<cp hex=".."/>``; XLIFF 1.2 and TMX
have no such element, so a text holding one cannot be written in them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lxml import etree

from passerelle.exchange.codes import Node, Point, Span
from passerelle.exchange.model import CodeRef, Piece

#: Characters XML 1.0 forbids in a document.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

#: Writes one code into ``parent``; returns the element its children go into.
CodeWriter = Callable[[etree._Element, Point | Span], etree._Element]


def append_text(parent: etree._Element, text: str, cp: str | None) -> None:
    """Append ``text`` after ``parent``'s last child (or into it), forbidden characters as
    ``cp`` elements when the format has them."""
    at = 0
    for match in FORBIDDEN.finditer(text):
        _add(parent, text[at : match.start()])
        if cp is None:
            raise ValueError(f"character U+{ord(match.group()):04X} cannot be written")
        etree.SubElement(parent, cp, hex=f"{ord(match.group()):04X}")
        at = match.end()
    _add(parent, text[at:])


def _add(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def write_nodes(
    parent: etree._Element, nodes: list[Node], write_code: CodeWriter, cp: str | None
) -> None:
    """A code tree into ``parent``: text, and each code as ``write_code`` makes it."""
    for node in nodes:
        if isinstance(node, str):
            append_text(parent, node, cp)
            continue
        inner = write_code(parent, node)
        if isinstance(node, Span) and inner is not parent:
            write_nodes(inner, node.children, write_code, cp)


def write_flat(
    parent: etree._Element,
    nodes: list[Node],
    names: tuple[str, str, str, str],
    attrs: Callable[[str, str], dict[str, str]],
    pos: tuple[str, str] = ("open", "close"),
) -> None:
    """A code tree as flat codes, ``names`` being those of bpt, ept, ph and it: a span's
    ``bpt``, its children, its ``ept``; each code holding its placeholder as native code.
    ``attrs(name, id)`` gives a code's attributes (XLIFF 1.2 and TMX name codes differently)."""
    bpt, ept, ph, it = names
    for node in nodes:
        if isinstance(node, str):
            append_text(parent, node, None)
        elif isinstance(node, Span):
            etree.SubElement(parent, bpt, attrs("bpt", node.id)).text = node.start
            write_flat(parent, node.children, names, attrs, pos)
            etree.SubElement(parent, ept, attrs("ept", node.id)).text = node.end
        elif node.kind == "empty":
            etree.SubElement(parent, ph, attrs("ph", node.id)).text = node.token
        else:
            where = pos[0] if node.kind == "open" else pos[1]
            etree.SubElement(parent, it, {**attrs("it", node.id), "pos": where}).text = node.token


#: Reads one inline element: the pieces it stands for, or None to read its children as text.
CodeReader = Callable[[etree._Element], list[Piece] | None]


def read_pieces(element: etree._Element, read_code: CodeReader) -> Iterator[Piece]:
    """An element's content as text and code references, in order."""
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str):
            pieces = read_code(child)
            if pieces is None:
                yield from read_pieces(child, read_code)
            else:
                yield from pieces
        if child.tail:
            yield child.tail


def ref(ident: str | None, part: str) -> list[Piece]:
    """A code reference (an element without its id refers to nothing: ``?``)."""
    return [CodeRef(ident or "?", part)]
