"""Plain text, and the news-article layout: title, origin, figures with captions, paragraphs.

The article layout is plain text with conventions: the first line is the title when a blank line
follows it; a bare host name or URL right after it is the origin (not translated); a line that is
an image file name (``fig1.jpg``, or ``fig1.jpg | alternative text`` to describe it for readers
who cannot see it) is a figure, and the line after it is its caption. Everything else is
paragraphs separated by blank lines. Generic plain text is the same minus the conventions.

The walker splits the document into *parts*: verbatim text copied as it is, and blocks. Writing
walks the same parts, so reassembly reproduces every byte outside the translated runs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from passerelle.formats.base import FormatOptions, WritesAll
from passerelle.locale import text_direction
from passerelle.units import Block, Piece, Translate

IMAGE_RE = re.compile(
    r"^(?P<src>\S+\.(?:jpe?g|png|gif|webp|svg|avif|tiff?))(?:(?P<sep>\s+\|\s+)(?P<alt>\S.*))?$",
    re.IGNORECASE,
)
ORIGIN_RE = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.ASCII)


@dataclass(frozen=True)
class Part:
    """Verbatim text (``block`` None) or a block and the raw text it came from."""

    raw: str
    block: Block | None = None
    role: str = ""  # title, origin, image, alt, caption, paragraph


def walk(text: str) -> list[Part]:
    """The document as parts, in order; ``"".join(p.raw for p in parts) == text``."""
    parts: list[Part] = []
    lines = list(enumerate(text.splitlines(keepends=True), start=1))
    index = 0
    has_title = len(lines) >= 2 and lines[0][1].strip() and not lines[1][1].strip()
    header_zone = bool(has_title)
    expect_caption = False
    image = ""
    paragraph: list[tuple[int, str]] = []

    def flush() -> None:
        if not paragraph:
            return
        raw = "".join(line for _, line in paragraph)
        body = raw.rstrip("\r\n")
        block_text = " ".join(line.strip() for line in body.splitlines())
        parts.append(Part(body, Block(block_text, paragraph[0][0], "paragraph"), "paragraph"))
        parts.append(Part(raw[len(body) :]))
        paragraph.clear()

    while index < len(lines):
        number, line = lines[index]
        content = line.rstrip("\r\n")
        ending = line[len(content) :]
        stripped = content.strip()
        index += 1
        if not stripped:
            flush()
            parts.append(Part(line))
            expect_caption = False
            continue
        if number == 1 and has_title:
            parts.append(Part(content, Block(stripped, number, "title", segment=False), "title"))
            parts.append(Part(ending))
            continue
        if header_zone and not paragraph and ORIGIN_RE.match(stripped):
            parts.append(Part(line, None, "origin"))
            header_zone = False
            continue
        header_zone = False
        found = IMAGE_RE.match(stripped) if not paragraph else None
        if found:
            image = found["src"]
            parts.extend(_image_parts(content, ending, found, number))
            expect_caption = True
            continue
        if expect_caption:
            parts.append(Part(content, Block(stripped, number, f"caption of {image}"), "caption"))
            parts.append(Part(ending))
            expect_caption = False
            continue
        paragraph.append((number, line))
    flush()
    return parts


def _image_parts(content: str, ending: str, found: re.Match[str], number: int) -> list[Part]:
    """An image line: its name verbatim, and its alternative text as a block when it has one."""
    if found["alt"] is None:
        return [Part(content + ending, None, "image")]
    alt = found["alt"].rstrip()
    start = content.index(found["src"]) + len(found["src"]) + len(found["sep"])
    block = Block(alt, number, f"alternative text of {found['src']}", segment=False)
    return [
        Part(content[:start], None, "image"),
        Part(alt, block, "alt"),
        Part(content[start + len(alt) :] + ending),
    ]


class TextFormat(WritesAll):
    """Plain text and the article layout."""

    name = "text"
    extensions: tuple[str, ...] = ("txt", "text")

    def read_blocks(self, text: str, path: str, options: FormatOptions) -> list[Block]:
        return [part.block for part in walk(text) if part.block is not None]

    def write_all(
        self,
        text: str,
        path: str,
        targets: Sequence[tuple[Translate, str]],
        options: FormatOptions,
    ) -> list[str]:
        parts = walk(text)
        return [
            _write(parts, translate, _isolates(lang, options.source_lang))
            for translate, lang in targets
        ]


#: Unicode's directional isolates (LRI or RLI ... PDI), plain text's ``<bdi dir>``.
_ISOLATES = {"ltr": ("\u2066", "\u2069"), "rtl": ("\u2067", "\u2069")}


def _isolates(lang: str, source_lang: str) -> tuple[str, str] | None:
    """The marks around source text kept in a ``lang`` document, when it needs any."""
    source = text_direction(source_lang)
    return None if text_direction(lang) == source else _ISOLATES[source]


def _write(parts: list[Part], translate: Translate, isolate: tuple[str, str] | None) -> str:
    """The document with every block translated; ``isolate`` wraps source text kept inside a
    translated block when the two languages run in opposite directions (French in Arabic), so
    its full stop and numbers stay with it instead of jumping to the other end of the line."""
    out = []
    for part in parts:
        if part.block is None:
            out.append(part.raw)
            continue
        pieces = translate(part.block)
        rendered = "".join(piece.text for piece in pieces)
        if rendered == part.block.text:
            out.append(part.raw)
        elif isolate is not None and any(piece.fallback for piece in pieces):
            out.append("".join(_isolated(piece, isolate) for piece in pieces))
        else:
            out.append(rendered)
    return "".join(out)


def _isolated(piece: Piece, isolate: tuple[str, str]) -> str:
    core = piece.text.strip()
    if not piece.fallback or not core:
        return piece.text
    start = piece.text.index(core)
    end = start + len(core)
    return piece.text[:start] + isolate[0] + core + isolate[1] + piece.text[end:]


FORMAT = TextFormat()
