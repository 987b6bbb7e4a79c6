"""Localised documents from a source document and a catalog lookup.

A build looks every segment up; a missing, fuzzy or unsafe translation (placeholders that do not
fit the source, a link that leaves the source's site) falls back to the source text, which the
format marks with the source language.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Mapping

from passerelle.po.translations import Translations
from passerelle.steps.extract import Segmentation, block_segments
from passerelle.steps.joiner import sentence_gap
from passerelle.units import Block, Piece, Translate, placeholder_problem, translatable
from passerelle.urls import is_url_unit, url_problem

Lookup = Mapping[tuple[str | None, str], str]
#: What a preview does to each unit's text on its way into the page: ``(key, text) -> text``.
Mark = Callable[[tuple[str | None, str], str], str]


class UnsafeTranslation(UserWarning):
    """A translation whose placeholders do not fit its source, or whose link leads elsewhere,
    was not used."""


def make_translate(
    lookup: Lookup,
    segmentation: Segmentation,
    lang: str = "",
    allowed_hosts: tuple[str, ...] = (),
) -> Translate:
    """A ``translate`` callback for a format's writer, backed by ``lookup``.

    The whitespace between two translated sentences is the source's, except where the target
    language runs sentences together (:func:`passerelle.steps.joiner.sentence_gap`): "。 与"
    would read as a stray gap. A translated link must keep a safe scheme and the source's host
    (or one of ``allowed_hosts``).
    """
    if not lookup:
        return functools.partial(_untranslated, segmentation=segmentation)
    return functools.partial(_translate, lookup, segmentation, (lang, allowed_hosts))


def preview_translate(
    lookup: Lookup,
    segmentation: Segmentation,
    mark: Mark,
    lang: str = "",
    allowed_hosts: tuple[str, ...] = (),
) -> Translate:
    """:func:`make_translate` for a review preview: the same lookups, fallbacks and safety,
    and each unit's text (translated or fallen back) passed through ``mark`` so the preview can
    tell which unit each stretch of the page came from. Builds never mark: only the local
    review app calls this.
    """
    return functools.partial(_translate, lookup, segmentation, (lang, allowed_hosts), mark=mark)


def _untranslated(block: Block, segmentation: Segmentation) -> list[Piece]:
    """What an empty catalog gives: the same in every language, so worked out once per block
    for all the languages a document is built in."""
    return list(_untranslated_pieces(block, segmentation))


@functools.lru_cache(maxsize=4096)
def _untranslated_pieces(block: Block, segmentation: Segmentation) -> tuple[Piece, ...]:
    return tuple(_translate({}, segmentation, ("", ()), block))


def _unsafe(block: Block, source: str, found: str, allowed_hosts: tuple[str, ...]) -> str | None:
    """Why ``found`` cannot replace ``source`` in ``block`` (None when it can)."""
    problem = placeholder_problem(source, found)
    if problem is not None:
        return str(problem)
    if is_url_unit(source, (block.comment,)):
        return url_problem(source, found, allowed_hosts)
    return None


def _translate(
    lookup: Lookup,
    segmentation: Segmentation,
    options: tuple[str, tuple[str, ...]],
    block: Block,
    mark: Mark | None = None,
) -> list[Piece]:
    lang, allowed_hosts = options
    pieces: list[Piece] = []
    for segment in block_segments(block, segmentation):
        if segment.lead:
            pieces.append(Piece(segment.lead))
        if segment.core:
            key = (block.context, segment.core)
            found = lookup.get(key)
            if found is not None and found != segment.core:
                problem = _unsafe(block, segment.core, found, allowed_hosts)
                if problem is not None:
                    _refused(lookup, key, problem)
                    found = None
            key = (block.context, segment.core)
            if found is not None:
                _join(pieces, lang)
                pieces.append(Piece(mark(key, found) if mark else found))
            else:
                text = mark(key, segment.core) if mark else segment.core
                pieces.append(Piece(text, fallback=translatable(segment.core)))
        if segment.trail:
            pieces.append(Piece(segment.trail))
    return merge_pieces(pieces)


def _refused(lookup: Lookup, key: tuple[str | None, str], problem: str) -> None:
    """Warn that a translation was not used, at its catalog's file and line, quoting the whole
    msgid: a cut one may match several entries, and the translator must find this one."""
    where = lookup.where(key) if isinstance(lookup, Translations) else None
    lead = f"{where}: " if where else ""
    warnings.warn(f"{lead}translation of {key[1]!r} not used: {problem}", UnsafeTranslation, 3)


def _join(pieces: list[Piece], lang: str) -> None:
    """Give the space between a translated sentence and the next translated one the target
    language's form; a space next to fallback text stays, as it separates two languages."""
    if len(pieces) < 2 or pieces[-2].fallback or pieces[-1].fallback:
        return
    space = pieces[-1].text
    if space and not space.strip():
        gap = sentence_gap(lang, pieces[-2].text, space)
        if gap != space:
            pieces[-1] = Piece(gap)


def merge_pieces(pieces: list[Piece]) -> list[Piece]:
    """Join neighbours of the same kind; whitespace joins whatever precedes it."""
    merged: list[Piece] = []
    for piece in pieces:
        if merged and (merged[-1].fallback == piece.fallback or not piece.text.strip()):
            merged[-1] = Piece(merged[-1].text + piece.text, merged[-1].fallback)
        else:
            merged.append(piece)
    return merged
