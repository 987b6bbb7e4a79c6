"""One walker for HTML and XML: runs of inline content become blocks with placeholders.

A container element's children split into *runs* at block-level children. In a run, inline
elements become paired placeholders (``<a1>..</a1>``), opaque ones (``<code>``, untranslatable
spans, comments, unknown entities) empty placeholders (``<code2/>``), and text is decoded and its
whitespace collapsed. Extraction keeps the blocks; reassembly walks the same runs and replaces a
run's source span only when its translation differs from its text, rebuilding placeholders from
the run's own tags (see :mod:`passerelle.formats.writer`). A vocabulary (:class:`Vocabulary`)
decides what is inline, translatable, whitespace-preserving, and how languages are marked.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from passerelle.formats.base import FormatOptions, WritesAll
from passerelle.formats.code_notes import code_notes
from passerelle.formats.markup import WS_RE, Attr, Element, MarkupTree, Node, collapse, quiet_gc
from passerelle.formats.runtext import RunTextBuilder, blank_lead_end, blank_trail_start
from passerelle.units import Block, Translate, translatable

_WS = "\t\n\f\r "
Part = str | tuple[str, int, int]  # decoded text, or (placeholder name, start, end) of an entity


class Vocabulary:
    """What a vocabulary decides; the defaults are plain XML (everything translatable)."""

    lang_attr = "xml:lang"
    span: str | None = None  # element that can carry a language in the middle of text

    def __init__(self, doc: MarkupTree, source_lang: str) -> None:
        self.doc = doc
        self.source = doc.source
        self.source_lang = source_lang

    def kind(self, element: Element) -> str:
        """``inline``, ``opaque`` (empty placeholder), ``nested`` or ``block``."""
        return "block"

    def skipped(self, element: Element) -> bool:
        """Content never looked at (scripts, styles, rules)."""
        return False

    def translate(self, element: Element, inherited: bool) -> bool:
        return inherited

    def preserve(self, element: Element, inherited: bool) -> bool:
        return inherited

    def notes(self, element: Element) -> tuple[str, ...]:
        """The element's own localisation notes (its content inherits them)."""
        return ()

    @property
    def has_notes(self) -> bool:
        """Whether any element may have notes of its own (spares looking at each one)."""
        return False

    def extras_wanted(self) -> bool:
        """Whether :meth:`block_notes` or :meth:`locales` may give anything in this document:
        when not, a walk asks neither for each block."""
        return False

    def block_notes(
        self, container: Element | None, items: Sequence[Node], text: str
    ) -> tuple[str, ...]:
        """Further comments a run's unit carries (constraints, terms, locales)."""
        return ()

    def attribute_notes(self, element: Element, attr: Attr) -> tuple[str, ...]:
        return ()

    def locales(self, element: Element | None) -> str:
        """The locales an element's content is for (an ITS locale filter), "" for all."""
        return ""

    def attributes(self, element: Element, translate: bool) -> list[tuple[Attr, str]]:
        return []

    def context(self, element: Element | None) -> str | None:
        return None

    def segmented(self, element: Element | None) -> bool:
        """Whether the container's text may be split into sentences (not titles)."""
        return True

    def text_parts(self, node: Node) -> list[Part]:
        raw = self.source[node.start : node.end]
        return [html.unescape(raw) if "&" in raw else raw]

    def language(self, element: Element) -> str | None:
        """The language an element declares itself, if any."""
        attr = element.get(self.source, self.lang_attr)
        return html.unescape(attr.raw) if attr is not None and attr.start >= 0 else None


@dataclass
class InlineRun:
    """A block and everything needed to put its translation back."""

    block: Block
    start: int
    end: int
    tags: dict[str, tuple[int, int]] = field(default_factory=dict)
    mark: Element | None = None
    attr: Attr | None = None
    container: Element | None = None


class Walker:
    """Finds the runs of a parsed document under a vocabulary.

    Without ``comments`` (a walk to write the document back) a block leaves out what only its
    catalog entry shows: the notes and codes its extracted comments are made of, and the line
    its reference names (0).
    """

    def __init__(self, doc: MarkupTree, vocabulary: Vocabulary, *, comments: bool = True) -> None:
        self.doc = doc
        self.comments = comments
        self.source = doc.source
        self.vocabulary = vocabulary
        self.runs: list[InlineRun] = []
        self.names: dict[str, str] = {}  # element name -> placeholder name
        self.extras = vocabulary.extras_wanted()
        self.kinds = [""] * len(doc.elements)
        for element in reversed(doc.elements):  # children before parents
            self.kinds[element.index] = self._kind(element)
        if vocabulary.has_notes:
            self._nest_noted()

    def _nest_noted(self) -> None:
        """An inline element with a note of its own becomes a unit of its own (nested).

        A note speaks of the element's words alone; on the sentence around them it would
        mislead the translator of the rest of the sentence.
        """
        effective: list[tuple[str, ...]] = [()] * len(self.kinds)
        for element in self.doc.elements:  # parents before children
            own = self.vocabulary.notes(element)
            above = effective[element.parent.index] if element.parent is not None else ()
            effective[element.index] = own or above
            if own and own != above and self.kinds[element.index] == "inline":
                self.kinds[element.index] = "nested"

    def _kind(self, element: Element) -> str:
        kind = self.vocabulary.kind(element)
        if kind == "inline":
            for child in element.children:
                if isinstance(child, Element) and self.kinds[child.index] == "block":
                    return "block"
        return kind

    def walk(self) -> list[InlineRun]:
        self.container(None, self.doc.children, True, False, ())
        return self.runs

    def element(
        self, element: Element, translate: bool, preserve: bool, notes: tuple[str, ...]
    ) -> None:
        if self.vocabulary.skipped(element):
            return
        translate = self.vocabulary.translate(element, translate)
        preserve = self.vocabulary.preserve(element, preserve)
        notes = self.vocabulary.notes(element) or notes
        self.attribute_runs(element, translate)
        self.container(element, element.children, translate, preserve, notes)

    def container(
        self,
        element: Element | None,
        children: list[Node],
        translate: bool,
        preserve: bool,
        notes: tuple[str, ...],
    ) -> None:
        pending: list[Node] = []
        whole = True
        kinds = self.kinds
        for child in children:
            if child.kind == "element" and (
                not translate or kinds[child.index] == "block"  # type: ignore[attr-defined]
            ):
                if translate:
                    self.flush(element, pending, False, preserve, notes)
                pending = []
                whole = False
                self.element(child, translate, preserve, notes)  # type: ignore[arg-type]
                continue
            pending.append(child)
        if translate:
            self.flush(element, pending, whole, preserve, notes)

    def flush(
        self,
        container: Element | None,
        items: list[Node],
        whole: bool,
        preserve: bool,
        notes: tuple[str, ...],
    ) -> None:
        if not items or (len(items) == 1 and self.blank(items[0])):
            return
        mark = container if whole else None
        trimmed = self.trim(items)
        while len(trimmed) == 1 and isinstance(trimmed[0], Element):
            wrapper = trimmed[0]
            if self.kinds[wrapper.index] != "inline" or wrapper.empty:
                break
            inner = self.trim(wrapper.children)
            if not inner:
                break
            trimmed, mark = inner, wrapper
        if trimmed:
            self.text_run(container, trimmed, mark, preserve, notes)
        for node in items:
            if node.kind == "element":
                self.inline_extras(node, preserve, notes)  # type: ignore[arg-type]

    def trim(self, items: list[Node]) -> list[Node]:
        start, end = 0, len(items)
        while start < end and self.blank(items[start]):
            start += 1
        while end > start and self.blank(items[end - 1]):
            end -= 1
        return items[start:end]

    def blank(self, node: Node) -> bool:
        kind = node.kind
        if kind == "text":
            return not self.source[node.start : node.end].strip(_WS)
        return kind != "element" and kind != "cdata"

    def text_run(
        self,
        container: Element | None,
        items: list[Node],
        mark: Element | None,
        preserve: bool,
        notes: tuple[str, ...],
    ) -> None:
        tags: dict[str, tuple[int, int]]
        single = items[0] if len(items) == 1 and items[0].kind == "text" else None
        parts = self.vocabulary.text_parts(single) if single is not None else None
        if parts is not None and len(parts) == 1 and isinstance(parts[0], str):
            # the common case, a plain run of text: no placeholders to number
            text = parts[0] if preserve else WS_RE.sub(" ", parts[0])
            text, tags = text.strip(_WS), {}
            if "<" in text:  # literal placeholder look-alikes need the full treatment
                builder = RunTextBuilder(self, preserve)
                builder.add_nodes(items)
                text, tags = builder.finish()
        else:
            builder = RunTextBuilder(self, preserve)
            builder.add_nodes(items)
            text, tags = builder.finish()
        if not translatable(text):
            return
        start, end = items[0].start, items[-1].end
        if items[0].kind == "text":
            start = blank_lead_end(self.source, start, items[0].end)
        if items[-1].kind == "text":
            end = blank_trail_start(self.source, items[-1].start, end)
        name = container.name.rpartition(":")[2] if container is not None else "text"
        vocabulary = self.vocabulary
        comments = self.comments
        extras = self.extras
        block = Block(
            text,
            self.doc.line(start) if comments else 0,
            name,
            vocabulary.context(container),
            not preserve and vocabulary.segmented(container),
            notes + vocabulary.block_notes(container, items, text)
            if comments and extras
            else notes,
            code_notes(self.source, tags) if tags and comments else (),
            vocabulary.locales(container) if extras else "",
        )
        self.runs.append(InlineRun(block, start, end, tags, mark, container=container))

    def inline_extras(self, element: Element, preserve: bool, notes: tuple[str, ...]) -> None:
        """Attributes of inline elements, and the content of nested ones, after their run."""
        kind = self.kinds[element.index]
        if kind == "nested":
            self.element(element, True, preserve, notes)
        elif kind == "inline":
            translate = self.vocabulary.translate(element, True)
            self.attribute_runs(element, translate)
            for child in element.children:
                if isinstance(child, Element):
                    self.inline_extras(child, preserve, notes)

    def attribute_runs(self, element: Element, translate: bool) -> None:
        for attr, comment in self.vocabulary.attributes(element, translate):
            text = collapse(html.unescape(attr.raw)).strip(_WS)
            if not translatable(text):
                continue
            block = Block(
                text,
                self.doc.line(attr.start) if self.comments else 0,
                comment,
                segment=False,
                notes=self.vocabulary.attribute_notes(element, attr) if self.comments else (),
                locales=self.vocabulary.locales(element) if self.extras else "",
            )
            mark = element if element.empty else None
            self.runs.append(InlineRun(block, attr.start, attr.end, mark=mark, attr=attr))


def walked(doc: MarkupTree, vocabulary: Vocabulary, *, comments: bool = True) -> Walker:
    """A walker that has already found ``doc``'s runs under ``vocabulary``."""
    walker = Walker(doc, vocabulary, comments=comments)
    walker.walk()
    return walker


def extracted_blocks(walk: Callable[[], Walker]) -> list[Block]:
    """The blocks ``walk`` finds, the tree freed at once: extraction keeps no document."""
    with quiet_gc():
        walker = walk()
        walker.doc.dispose()
    return [run.block for run in walker.runs]


def written(
    walk: Callable[[], Walker],
    targets: Sequence[tuple[Translate, str]],
    write: Callable[[Walker, Translate, str], str],
) -> list[str]:
    """The document rebuilt by ``write`` once per ``(translate, lang)`` target, from one walk;
    the tree is freed after the last one."""
    with quiet_gc():
        walker = walk()
    try:
        return [write(walker, translate, lang) for translate, lang in targets]
    finally:
        walker.doc.dispose()


class WalkedFormat(WritesAll):
    """A format whose documents the :class:`Walker` reads: HTML and XML differ only in how a
    document is walked and how one language's copy is rebuilt from the walk."""

    def walk(
        self, text: str, path: str, options: FormatOptions, *, comments: bool = True
    ) -> Walker:
        """The document's runs; ``comments=False`` when only writing it back (see Walker)."""
        raise NotImplementedError

    def rebuild(
        self, walker: Walker, translate: Translate, lang: str, options: FormatOptions
    ) -> str:
        raise NotImplementedError

    def read_blocks(self, text: str, path: str, options: FormatOptions) -> list[Block]:
        return extracted_blocks(lambda: self.walk(text, path, options))

    def write_all(
        self,
        text: str,
        path: str,
        targets: Sequence[tuple[Translate, str]],
        options: FormatOptions,
    ) -> list[str]:
        return written(
            lambda: self.walk(text, path, options, comments=False),
            targets,
            lambda walker, translate, lang: self.rebuild(walker, translate, lang, options),
        )
