"""The ``tm`` engine: drafts from translations people already made (offline, the default).

The memory is every translated, non-fuzzy entry of the target language's catalogs in the project
(obsolete ones too: they are people's translations of earlier versions of the text, the best
source of near matches after an edit), plus any compendia. An exact match (same context first,
then same text) is drafted as is; else the closest source text above the similarity threshold
lends its translation, and the draft's note gives the score so the reviewer knows how much to
change. Drafts are fuzzy, so nothing here is ever published without a person looking at it.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from passerelle.po.catalog import Catalog, read_catalog
from passerelle.steps.drafts.base import Draft


def memory_entries(catalog: Catalog) -> Iterable[tuple[str | None, str, str]]:
    for entry in catalog:
        if entry.fuzzy or not entry.msgid or entry.msgid_plural:
            continue
        if entry.msgstr:
            yield entry.msgctxt, entry.msgid, entry.msgstr


def compendium_files(compendia: Iterable[Path], lang: str) -> list[Path]:
    """The compendia that hold ``lang``: ``{lang}`` in a path is replaced; a folder gives
    ``<lang>.po`` and ``<lang>/**/*.po``; a file is used when its Language header is ``lang``.
    """
    files: list[Path] = []
    for item in compendia:
        path = Path(str(item).replace("{lang}", lang))
        if path.is_dir():
            files.extend(p for p in [path / f"{lang}.po"] if p.is_file())
            files.extend(sorted((path / lang).rglob("*.po")) if (path / lang).is_dir() else [])
        elif path.is_file():
            compendium: Any = read_catalog(path)
            header = str(compendium.metadata.get("Language", ""))
            if "{lang}" in str(item) or header.replace("-", "_") == lang:
                files.append(path)
    return files


class TranslationMemory:
    """Exact and fuzzy lookups over a language's existing translations."""

    name = "tm"
    wire = "raw"
    online = False
    secrets: tuple[str, ...] = ()
    batch_size = 500
    batch_chars = 10_000_000
    max_chars = 10_000_000

    def __init__(self, entries: Iterable[tuple[str | None, str, str]], threshold: float) -> None:
        self.threshold = threshold
        self.by_key: dict[tuple[str | None, str], str] = {}
        self.by_text: dict[str, str] = {}
        for msgctxt, msgid, msgstr in entries:
            self.by_key.setdefault((msgctxt, msgid), msgstr)
            self.by_text.setdefault(msgid, msgstr)
        # sorted by length: a match above the threshold can only be so much shorter or longer
        self.sources = sorted(self.by_text, key=len)
        self.lengths = [len(text) for text in self.sources]

    @classmethod
    def from_files(
        cls, catalogs: Iterable[Path], compendia: Iterable[Path], lang: str, *, threshold: float
    ) -> TranslationMemory:
        """Read the project's catalogs first (they win over compendia on identical texts)."""
        entries: list[tuple[str | None, str, str]] = []
        for path in [*catalogs, *compendium_files(compendia, lang)]:
            entries.extend(memory_entries(read_catalog(path)))
        return cls(entries, threshold)

    def options_key(self) -> str:
        return f"threshold={self.threshold}"

    def lookup(self, msgid: str, msgctxt: str | None = None) -> Draft | None:
        """The best translation for ``msgid``, or None below the threshold."""
        found = self.by_key.get((msgctxt, msgid)) or self.by_text.get(msgid)
        if found is not None:
            return Draft(found)
        share = self.threshold / 100
        if not self.sources or share <= 0:
            candidates = self.sources
        else:
            size = len(msgid)
            low = bisect.bisect_left(self.lengths, math.ceil(size * share / (2 - share) - 1e-9))
            high = bisect.bisect_right(self.lengths, math.floor(size * (2 - share) / share + 1e-9))
            candidates = self.sources[low:high]
        if not candidates:
            return None
        best = process.extractOne(msgid, candidates, scorer=fuzz.ratio, score_cutoff=self.threshold)
        if best is None:
            return None
        match, score, _ = best
        return Draft(self.by_text[match], note=f"{score:.0f}% match")

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Draft | None]:
        return [self.lookup(text) for text in texts]

    def close(self) -> None:
        return None
