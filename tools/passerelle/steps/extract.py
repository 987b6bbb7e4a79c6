"""Source document -> units: blocks from a format, split into sentences, deduplicated.

The same :func:`block_segments` serves extraction and reassembly, so the sentences a catalog holds
are exactly the ones a build looks up.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from passerelle.errors import SourceError
from passerelle.formats import Format, FormatOptions
from passerelle.frozen import quick_init
from passerelle.segment.sentences import split_sentences
from passerelle.units import Block, Unit, translatable


@dataclass(frozen=True)
class Segmentation:
    """How blocks become units: whole paragraphs, or sentences by SRX rules."""

    mode: str = "sentence"
    lang: str = "fr"
    srx: Path | None = None


@quick_init
@dataclass(frozen=True)
class Segment:
    """One segment of a block: the text to translate and the whitespace around it."""

    lead: str
    core: str
    trail: str


def check_reference(name: str) -> str:
    """``name`` if a ``#:`` reference can hold it, else an error naming the file.

    A reference is one line of the catalog: a control character in it (a newline, a tab, an
    escape) or a line separator would leave a template that msgfmt and msgcat cannot read back.
    """
    for char in name:
        if unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            raise SourceError(
                f"the file name {name!r} holds a control character ({char!r}),"
                " which a catalog reference cannot hold",
                hint="rename the file",
            )
    return name


def block_segments(block: Block, segmentation: Segmentation) -> list[Segment]:
    """The block's segments; their lead+core+trail concatenate back to ``block.text``."""
    if segmentation.mode == "sentence" and block.segment:
        return list(_sentence_segments(block.text, segmentation))
    return list(_segments([block.text]))


@functools.lru_cache(maxsize=8192)
def _sentence_segments(text: str, segmentation: Segmentation) -> tuple[Segment, ...]:
    """Cached: a build meets the same blocks once per language, after extraction met them."""
    return _segments(split_sentences(text, segmentation.lang, segmentation.srx))


def _segments(pieces: list[str]) -> tuple[Segment, ...]:
    result: list[Segment] = []
    for piece in pieces:
        core = piece.strip()
        if not core:
            if result:
                last = result[-1]
                result[-1] = Segment(last.lead, last.core, last.trail + piece)
            else:
                result.append(Segment(piece, "", ""))
            continue
        start = piece.index(core)
        result.append(Segment(piece[:start], core, piece[start + len(core) :]))
    return tuple(result)


def units_from_blocks(blocks: list[Block], path: str, segmentation: Segmentation) -> list[Unit]:
    """Units in document order; a repeated text is one unit with every reference."""
    order: dict[tuple[str | None, str], int] = {}
    comments: list[list[str]] = []
    refs: list[list[tuple[str, int]]] = []
    keys: list[tuple[str | None, str]] = []
    for block in blocks:
        for segment in block_segments(block, segmentation):
            if not translatable(segment.core):
                continue
            key = (block.context, segment.core)
            if key not in order:
                order[key] = len(keys)
                keys.append(key)
                comments.append([])
                refs.append([])
            index = order[key]
            codes = [note for token, note in block.codes if token in segment.core]
            for note in (block.comment, *block.notes, *codes):
                if note and note not in comments[index]:
                    comments[index].append(note)
            ref = (path, block.line)
            if ref not in refs[index]:
                refs[index].append(ref)
    return [
        Unit(msgid=key[1], msgctxt=key[0], comments=tuple(c), references=tuple(r))
        for key, c, r in zip(keys, comments, refs, strict=True)
    ]


def document_units(
    fmt: Format,
    text: str,
    path: str,
    options: FormatOptions,
    segmentation: Segmentation,
) -> list[Unit]:
    """Units of one document (``path`` is how references name it)."""
    return units_from_blocks(fmt.read_blocks(text, path, options), path, segmentation)
