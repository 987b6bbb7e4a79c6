"""The text of one run: decoded text, whitespace collapsed (or kept), inline markup as numbered
placeholders, where each placeholder's tag sits in the source so a writer can put it back, and
where the run's span begins and ends once the whitespace at its edges is left out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from passerelle.formats.markup import WS_RE, Element, Node
from passerelle.units import PLACEHOLDER_RE

if TYPE_CHECKING:
    from passerelle.formats.inline import Walker

_WS = "\t\n\f\r "


class RunTextBuilder:
    """Text and placeholder table of one run."""

    def __init__(self, walker: Walker, preserve: bool) -> None:
        self.walker = walker
        self.preserve = preserve
        self.parts: list[tuple[str, str, int, int] | str] = []
        self.has_lt = False

    def add_nodes(self, nodes: Sequence[Node]) -> None:
        parts = self.parts
        text_parts = self.walker.vocabulary.text_parts
        ws_sub = WS_RE.sub
        for node in nodes:
            kind = node.kind
            if kind == "text":
                for part in text_parts(node):
                    if isinstance(part, str):
                        if "<" in part:
                            self.has_lt = True
                        parts.append(part if self.preserve else ws_sub(" ", part))
                    else:
                        parts.append(("empty", part[0], part[1], part[2]))
            elif kind == "element":
                self.add_element(node)  # type: ignore[arg-type]
            elif kind == "cdata":
                text = self.walker.source[node.start + 9 : node.end - 3]
                self.has_lt = self.has_lt or "<" in text
                parts.append(text if self.preserve else ws_sub(" ", text))
            else:
                parts.append(
                    ("empty", "comment" if kind == "comment" else kind, node.start, node.end)
                )

    def add_element(self, element: Element) -> None:
        kind = self.walker.kinds[element.index]
        name = element.name
        if kind != "inline" or element.empty:
            self.parts.append(("empty", name, element.start, element.end))
            return
        self.parts.append(("open", name, element.start, element.tag_end))
        self.add_nodes(element.children)
        self.parts.append(("close", name, element.close_start, element.end))

    def finish(self) -> tuple[str, dict[str, tuple[int, int]]]:
        number = 0
        if self.has_lt:
            texts = [p for p in self.parts if isinstance(p, str)]
            literal = [int(m.group(3)) for t in texts for m in PLACEHOLDER_RE.finditer(t)]
            number = max(literal, default=0)
        out: list[str] = []
        tags: dict[str, tuple[int, int]] = {}
        stack: list[str] = []
        names = self.walker.names
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            kind, name, start, end = part
            short = names.get(name)
            if short is None:
                local = name.rpartition(":")[2]
                short = names[name] = (
                    "".join(ch for ch in local if ch.isascii() and ch.isalpha()) or "x"
                )
            if kind == "close":
                token = "</" + stack.pop()[1:]
            else:
                number += 1
                token = f"<{short}{number}/>" if kind == "empty" else f"<{short}{number}>"
                if kind == "open":
                    stack.append(token)
            tags[token] = (start, end)
            out.append(token)
        return "".join(out).strip(_WS), tags


#: A character reference to whitespace, as the source may write it.
_BLANK_REF = re.compile(r"&#(?:0*(?:9|10|12|13|32)|[xX]0*(?:9|[aAcCdD]|20));")
_BLANK_LEAD = re.compile(r"(?:[\t\n\f\r ]+|&#(?:0*(?:9|10|12|13|32)|[xX]0*(?:9|[aAcCdD]|20));)+")


def blank_lead_end(source: str, start: int, end: int) -> int:
    """Where the text of ``source[start:end]`` begins after its leading whitespace, character
    references included; found in place, so a long text is not copied for its first characters.

    The run's text leaves that whitespace out, so its span must too: a translation put back
    would otherwise drop ``&#x0a;`` written before the text of a ``<pre>``.
    """
    match = _BLANK_LEAD.match(source, start, end)
    return match.end() if match else start


def blank_trail_start(source: str, start: int, end: int) -> int:
    """Where the whitespace ``source[start:end]`` ends with begins, character references
    included (see :func:`blank_lead_end`)."""
    while end > start and source[end - 1] in _WS:
        end -= 1
    while end > start and source[end - 1] == ";":
        ref = source.rfind("&#", max(start, end - 12), end)
        if ref < 0 or _BLANK_REF.fullmatch(source, ref, end) is None:
            break
        end = ref
        while end > start and source[end - 1] in _WS:
            end -= 1
    return end
