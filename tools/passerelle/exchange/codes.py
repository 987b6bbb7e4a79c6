"""Placeholders as inline codes: the shape every exchange format writes them in.

A msgid carries inline markup as placeholders (``<b1>..</b1>``, ``<code2/>``; see
:mod:`passerelle.units`). XLIFF and TMX have native inline codes for them, which CAT tools
protect: a translator can move a code but not type, delete or duplicate one. This module turns a
text into a small tree of text and codes, gives each code an id, and says how a translation's
codes differ from its source's.

A paired placeholder whose close follows it, properly nested, is a *span* (XLIFF 2.1 ``<pc>``,
1.2 ``<g>``, TMX ``<bpt>``/``<ept>``); an empty one a *point* (``<ph>``, ``<x>``); an open or
close without its partner in the same text (a sentence cut inside a bold run) is *isolated*.
Ids come from the placeholder's name (``b1``); a second occurrence of the same placeholder gets
``b1-2``, and a lone close ``b1e``, so ids are unique within a unit and the same in source and
target.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from passerelle.units import Token, placeholder_tokens


@dataclass(frozen=True)
class Point:
    """An empty placeholder, or one half of a pair whose other half is not in the text."""

    id: str
    token: str
    kind: str  # "empty", "open" (isolated) or "close" (isolated)


@dataclass(frozen=True)
class Span:
    """A paired placeholder and what it encloses."""

    id: str
    start: str
    end: str
    children: list[Node] = field(default_factory=list)


Node = str | Point | Span


def _pairs(tokens: list[Token]) -> dict[int, int]:
    """Index of each open token -> index of its close, for properly nested pairs."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for index, token in enumerate(tokens):
        if token.kind == "open":
            stack.append(index)
        elif token.kind == "close" and stack and tokens[stack[-1]].ident == token.ident:
            pairs[stack.pop()] = index
    return pairs


class _Ids:
    """Ids in order of appearance, unique within a text."""

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()

    def __call__(self, base: str) -> str:
        self.seen[base] += 1
        count = self.seen[base]
        return base if count == 1 else f"{base}-{count}"


def code_tree(text: str) -> list[Node]:
    """``text`` as text runs and codes (see the module's docstring)."""
    tokens = placeholder_tokens(text)
    if not tokens:
        return [text] if text else []
    pairs = _pairs(tokens)
    closes = set(pairs.values())
    ids = _Ids()
    root: list[Node] = []
    stack: list[tuple[list[Node], Span | None]] = [(root, None)]
    at = 0
    for index, token in enumerate(tokens):
        children = stack[-1][0]
        if token.start > at:
            children.append(text[at : token.start])
        at = token.end
        raw = text[token.start : token.end]
        name = f"{token.name}{token.number}"
        if index in pairs:
            span = Span(ids(name), raw, text[tokens[pairs[index]].start : tokens[pairs[index]].end])
            children.append(span)
            stack.append((span.children, span))
        elif index in closes:
            stack.pop()
        else:
            base = name + ("e" if token.kind == "close" else "")
            children.append(Point(ids(base), raw, token.kind))
    if at < len(text):
        root.append(text[at:])
    return root


def walk_codes(nodes: Iterable[Node]) -> Iterator[Point | Span]:
    """Every code of a tree, in document order."""
    for node in nodes:
        if isinstance(node, Span):
            yield node
            yield from walk_codes(node.children)
        elif isinstance(node, Point):
            yield node


def code_tokens(nodes: Iterable[Node]) -> dict[str, tuple[str, str]]:
    """id -> (opening token, closing token) of a tree's codes ("" for a point's close)."""
    found: dict[str, tuple[str, str]] = {}
    for code in walk_codes(nodes):
        if isinstance(code, Span):
            found[code.id] = (code.start, code.end)
        else:
            found[code.id] = (code.token, "")
    return found


def flatten(nodes: Iterable[Node]) -> str:
    """The text a tree stands for (the inverse of :func:`code_tree`)."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(node)
        elif isinstance(node, Point):
            parts.append(node.token)
        else:
            parts.extend((node.start, flatten(node.children), node.end))
    return "".join(parts)


def target_tree(source: list[Node], target: str) -> list[Node] | None:
    """``target``'s tree with the ids of the source's codes, or None when its placeholders do
    not fit the source's (a code the source lacks, or a pair the target splits): such a
    target is written as plain text, placeholders and all, for the translator to fix."""
    tree = code_tree(target)
    wanted = Counter(_key(code) for code in walk_codes(source))
    have = Counter(_key(code) for code in walk_codes(tree))
    if have - wanted:
        return None
    return _renamed(tree, _id_queue(source))


def _key(code: Point | Span) -> tuple[str, str]:
    """What a code is, whatever its id: its placeholder(s)."""
    return (code.token, "") if isinstance(code, Point) else (code.start, code.end)


def _id_queue(source: list[Node]) -> dict[tuple[str, str], list[str]]:
    queue: dict[tuple[str, str], list[str]] = {}
    for code in walk_codes(source):
        queue.setdefault(_key(code), []).append(code.id)
    return queue


def _renamed(nodes: list[Node], queue: dict[tuple[str, str], list[str]]) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, Point):
            out.append(Point(queue[(node.token, "")].pop(0), node.token, node.kind))
        else:
            ident = queue[(node.start, node.end)].pop(0)
            out.append(Span(ident, node.start, node.end, _renamed(node.children, queue)))
    return out
