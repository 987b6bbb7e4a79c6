"""Reassembly: a run's translation put back into the source, everything else copied as is.

A run whose translation reads exactly like its text keeps its source bytes (entities and line
breaks included). Otherwise its span is replaced: text escaped, and only the run's own
placeholders turned back into the original tags, byte for byte, with any translated attributes
inside them. Untranslated pieces carry the source language: on the block's element when the
whole block fell back, in a ``<span>`` when only part of it did.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from passerelle.annotations import locale_allows
from passerelle.formats.inline import InlineRun, Walker
from passerelle.formats.markup import Element
from passerelle.locale import bcp47, same_language
from passerelle.units import PLACEHOLDER_RE, Piece, Translate, placeholder_problem


def escape(text: str, quote: str = "") -> str:
    """Text as markup: ``&``, ``<``, ``>`` and the attribute's quote character escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote == '"':
        text = text.replace('"', "&quot;")
    elif quote == "'":
        text = text.replace("'", "&#39;")
    return text


class Writer:
    """Applies translations to the source as a list of span edits.

    The edits are kept sorted (:meth:`add`), so the edits inside one span are found by
    bisection: a page of thousands of runs would otherwise rescan every edit for each
    placeholder it puts back.
    """

    def __init__(self, walker: Walker, lang: str, root_lang: str | None) -> None:
        self.walker = walker
        self.vocabulary = walker.vocabulary
        self.source = walker.source
        self.lang = lang
        self.root_lang = root_lang
        self.edits: list[tuple[int, int, str]] = []

    def run(self, run: InlineRun, pieces: Sequence[Piece]) -> None:
        rendered = "".join(piece.text for piece in pieces)
        solid = [piece for piece in pieces if piece.text.strip()]
        all_fallback = bool(solid) and all(piece.fallback for piece in solid)
        if run.attr is not None:
            if rendered != run.block.text:
                attr = run.attr
                value = escape(rendered, attr.quote or '"')
                self.add((attr.start, attr.end, value if attr.quote else f'"{value}"'))
            if all_fallback and run.mark is not None:
                self.mark(run.mark)
            return
        some_fallback = any(piece.fallback for piece in solid)
        marked = (
            some_fallback and self.vocabulary.span is not None and not self.inherits_source(run)
        )
        if rendered == run.block.text and (all_fallback or not marked):
            if all_fallback:
                if run.mark is not None:
                    self.mark(run.mark)
                elif self.vocabulary.span and not self.inherits_source(run):
                    open_, close = self.span_tags()
                    self.add((run.start, run.start, open_))
                    self.add((run.end, run.end, close))
            return
        partial = not all_fallback and marked
        out = [self.render(piece, run, wrap=partial and piece.fallback) for piece in pieces]
        self.replace(run.start, run.end, "".join(out))
        if all_fallback and run.mark is not None:
            self.mark(run.mark)

    def inherits_source(self, run: InlineRun) -> bool:
        if same_language(self.lang, self.vocabulary.source_lang):
            return True
        element = run.container
        if element is None:
            return same_language(self.root_lang, self.vocabulary.source_lang)
        own = self.vocabulary.language(element)
        return same_language(
            own if own is not None else self.inherited(element), self.vocabulary.source_lang
        )

    def span_tags(self) -> tuple[str, str]:
        attrs = self.mark_attrs()
        return f"<{self.vocabulary.span}{attrs}>", f"</{self.vocabulary.span}>"

    def mark_attrs(self, element: Element | None = None) -> str:
        """The attributes marking ``element`` (or a new span) as in the source language."""
        tag = escape(bcp47(self.vocabulary.source_lang), chr(34))
        return f' {self.vocabulary.lang_attr}="{tag}"'

    def render(self, piece: Piece, run: InlineRun, wrap: bool) -> str:
        out: list[str] = []
        pos = 0
        text = piece.text
        for match in PLACEHOLDER_RE.finditer(text):
            span = run.tags.get(match.group(0))
            if span is None:
                continue
            out.append(escape(text[pos : match.start()]))
            out.append(self.render_span(*span))
            pos = match.end()
        out.append(escape(text[pos:]))
        joined = "".join(out)
        if wrap and text.strip() and placeholder_problem(text, text) is None:
            # the space between two sentences stays outside: it belongs to the page's language
            core = joined.strip()
            start = joined.index(core)
            open_, close = self.span_tags()
            return joined[:start] + open_ + core + close + joined[start + len(core) :]
        return joined

    def render_span(self, start: int, end: int) -> str:
        inner = [e for e in self.within(start, end) if e[1] <= end]
        if not inner:
            return self.source[start:end]
        return _apply(self.source, inner, start, end)

    def add(self, edit: tuple[int, int, str]) -> None:
        bisect.insort(self.edits, edit)

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The edits starting in ``[start, end]``, in order."""
        low = bisect.bisect_left(self.edits, (start,))
        high = bisect.bisect_left(self.edits, (end + 1,))
        return self.edits[low:high]

    def replace(self, start: int, end: int, text: str) -> None:
        low = bisect.bisect_left(self.edits, (start,))
        high = bisect.bisect_left(self.edits, (end + 1,))
        self.edits[low:high] = [e for e in self.edits[low:high] if e[1] > end]
        self.add((start, end, text))

    def mark(self, element: Element) -> None:
        if same_language(self.lang, self.vocabulary.source_lang):
            return
        if self.vocabulary.language(element) is not None:
            return
        if same_language(self.inherited(element), self.vocabulary.source_lang):
            return
        point = element.insert_point(self.source)
        self.add((point, point, self.mark_attrs(element)))

    def inherited(self, element: Element) -> str | None:
        node = element.parent
        while node is not None:
            if node is self.walker.doc.root and self.root_lang is not None:
                return self.root_lang
            found = self.vocabulary.language(node)
            if found is not None:
                return found
            node = node.parent
        return self.root_lang

    def result(self) -> str:
        return _apply(self.source, self.edits, 0, len(self.source))


def _apply(source: str, edits: list[tuple[int, int, str]], start: int, end: int) -> str:
    out: list[str] = []
    pos = start
    for e_start, e_end, text in edits:
        if e_start < pos:
            continue  # overlapping edits cannot happen; keep the first one
        out.append(source[pos:e_start])
        out.append(text)
        pos = e_end
    out.append(source[pos:end])
    return "".join(out)


def write_runs(runs: list[InlineRun], writer: Writer, translate: Translate) -> str:
    """Translate every run (innermost first, so placeholders carry translated attributes).

    A run an ITS locale filter keeps from this language stays in the source language.
    """
    writer.edits.sort()  # a format may have given it edits of its own (the root's lang)
    for run in sorted(runs, key=lambda r: r.start, reverse=True):
        block = run.block
        if block.locales and not locale_allows(block.locales, writer.lang):
            writer.run(run, [Piece(block.text, fallback=True)])
        else:
            writer.run(run, translate(block))
    return writer.result()


def set_attribute(element: Element, source: str, name: str, value: str) -> tuple[int, int, str]:
    """An edit giving ``element`` attribute ``name`` = ``value`` (quoting kept when present)."""
    attr = element.get(source, name)
    if attr is not None and attr.start >= 0:
        text = escape(value, attr.quote or '"')
        return (attr.start, attr.end, text if attr.quote else f'"{text}"')
    point = element.insert_point(source)
    return (point, point, f' {name}="{escape(value, chr(34))}"')
