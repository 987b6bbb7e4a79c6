"""Localised documents from a source document and a catalog lookup.

A build looks every segment up; a missing, fuzzy or unsafe translation (placeholders that do not
fit the source) falls back to the source text, which the format marks with the source language.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

from passerelle.extract import Segmentation, block_segments, translatable
from passerelle.units import Block, Piece, Translate, placeholder_problem

Lookup = Mapping[tuple[str | None, str], str]


class UnsafeTranslation(UserWarning):
    """A translation whose placeholders do not fit its source was not used."""


def make_translate(lookup: Lookup, segmentation: Segmentation) -> Translate:
    """A ``translate`` callback for a format's writer, backed by ``lookup``."""

    def translate(block: Block) -> list[Piece]:
        pieces: list[Piece] = []
        for segment in block_segments(block, segmentation):
            if segment.lead:
                pieces.append(Piece(segment.lead))
            if segment.core:
                found = lookup.get((block.context, segment.core))
                if found is not None:
                    problem = placeholder_problem(segment.core, found)
                    if problem is not None:
                        warnings.warn(
                            f"translation of {segment.core[:50]!r} not used: {problem}",
                            UnsafeTranslation,
                            stacklevel=2,
                        )
                        found = None
                if found is not None:
                    pieces.append(Piece(found))
                else:
                    pieces.append(Piece(segment.core, fallback=translatable(segment.core)))
            if segment.trail:
                pieces.append(Piece(segment.trail))
        return merge_pieces(pieces)

    return translate


def merge_pieces(pieces: list[Piece]) -> list[Piece]:
    """Join neighbours of the same kind; whitespace joins whatever precedes it."""
    merged: list[Piece] = []
    for piece in pieces:
        if merged and (merged[-1].fallback == piece.fallback or not piece.text.strip()):
            merged[-1] = Piece(merged[-1].text + piece.text, merged[-1].fallback)
        else:
            merged.append(piece)
    return merged
