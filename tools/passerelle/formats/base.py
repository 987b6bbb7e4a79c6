"""The one protocol every document format implements.

A format walks a document twice with the same walker: once to list its blocks (extraction), once
to rebuild it with a ``translate`` callback (reassembly). Block identity therefore matches by
construction, and everything outside translated runs is copied from the source as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from passerelle.units import Block, Translate


@dataclass(frozen=True)
class FormatOptions:
    """What a walker needs besides the document: languages, extra rules, and where the document
    lies (``document``) in which tree (``source_root``), so rules it links can be found there and
    nowhere else."""

    source_lang: str = "fr"
    its_rules: tuple[Path, ...] = field(default_factory=tuple)
    document: Path | None = None
    source_root: Path | None = None


class Format(Protocol):
    """A document format: HTML, XML, plain text..."""

    name: str
    extensions: tuple[str, ...]

    def read_blocks(self, text: str, path: str, options: FormatOptions) -> list[Block]:
        """The document's translatable blocks, in document order.

        Raises :class:`passerelle.errors.SourceError` (with line and column) for input the
        format cannot read.
        """
        ...

    def write(
        self,
        text: str,
        path: str,
        translate: Translate,
        lang: str,
        options: FormatOptions,
    ) -> str:
        """The document rebuilt in ``lang``: every block replaced by what ``translate`` returns.

        Fallback pieces (source text kept) are marked with the source language where the format
        can say so (``lang="fr"`` in HTML).
        """
        ...

    def write_all(
        self,
        text: str,
        path: str,
        targets: Sequence[tuple[Translate, str]],
        options: FormatOptions,
    ) -> list[str]:
        """The document rebuilt once per ``(translate, lang)`` target, read and walked once.

        A project builds every language of a document in one go; walking the source once
        instead of once per language is most of a build's saving.
        """
        ...


class WritesAll:
    """A format's ``write``: its ``write_all`` with a single target."""

    def write(
        self: Format,
        text: str,
        path: str,
        translate: Translate,
        lang: str,
        options: FormatOptions,
    ) -> str:
        return self.write_all(text, path, [(translate, lang)], options)[0]
