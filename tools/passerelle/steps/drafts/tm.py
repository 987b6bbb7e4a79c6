"""The ``tm`` engine: drafts from translations people already made (offline, the default).

The memory is every translated, non-fuzzy entry of the target language's catalogs in the project
(obsolete ones too: they are people's translations of earlier versions of the text, the best
source of near matches after an edit), plus any compendia. An exact match (same context first,
then same text) is drafted as is; else the closest source text above the similarity threshold
lends its translation (the earliest on a tie: project catalogs before compendia), and the
draft's note gives the score so the reviewer knows how much to change. The memory is the
update's (:mod:`passerelle.steps.memory`), searched in full rather than through its
index. Drafts are fuzzy, so nothing here is ever published without a person looking at it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from passerelle.po.catalog import Catalog, Entry, read_catalog
from passerelle.steps.drafts.base import Draft
from passerelle.steps.memory import Memory, Row, compendium_entries, entries_from_rows


def lends_a_draft(entry: Entry) -> bool:
    """A translation a singular draft can take as it is: one string (a plural's forms draft no
    single text; they lend plural drafts, exact matches only)."""
    return not entry.msgid_plural and bool(entry.msgstr)


def memory_entries(catalog: Catalog) -> Iterator[Entry]:
    """The entries of ``catalog`` a draft can take (fuzzy ones are left out by the memory)."""
    return (
        entry
        for entry in catalog
        if lends_a_draft(entry) or (entry.msgid_plural and all(entry.msgstr_plural.values()))
    )


def memory_rows(catalog: Catalog) -> list[Row]:
    """What a draft memory keeps of ``catalog``: its translated, non-fuzzy singular entries
    (obsolete ones too), as rows that travel between processes."""
    return [
        (e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, dict(e.msgstr_plural))
        for e in memory_entries(catalog)
        if e.msgid and not e.fuzzy
    ]


def compendium_files(compendia: Iterable[Path], lang: str) -> list[Path]:
    """The compendia that hold ``lang``: ``{lang}`` in a path is replaced; a folder gives
    ``<lang>.po`` and ``<lang>/**/*.po``; a file is used when its Language header is ``lang``,
    and a TMX memory (``.tmx``, many languages in one file) always.
    """
    files: list[Path] = []
    for item in compendia:
        path = Path(str(item).replace("{lang}", lang))
        if path.is_dir():
            files.extend(p for p in [path / f"{lang}.po"] if p.is_file())
            files.extend(sorted((path / lang).rglob("*.po")) if (path / lang).is_dir() else [])
        elif path.is_file() and path.suffix.lower() == ".tmx":
            files.append(path)
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

    def __init__(self, entries: Iterable[Entry], threshold: float) -> None:
        self.threshold = threshold
        kept = list(entries)
        self.memory = Memory(kept, keep=lends_a_draft, exhaustive=True)
        self.plurals: dict[tuple[str, str], list[str]] = {}
        for entry in kept:
            forms = [entry.msgstr_plural.get(k, "") for k in range(len(entry.msgstr_plural))]
            if entry.msgid_plural and not entry.fuzzy and forms and all(forms):
                self.plurals.setdefault((entry.msgid, entry.msgid_plural), forms)

    @classmethod
    def from_files(
        cls, catalogs: Iterable[Path], compendia: Iterable[Path], lang: str, *, threshold: float
    ) -> TranslationMemory:
        """Read the project's catalogs first (they win over compendia on identical texts)."""
        entries: list[Entry] = []
        for path in catalogs:
            entries.extend(memory_entries(read_catalog(path)))
        for path in compendium_files(compendia, lang):
            entries.extend(e for e in compendium_entries(path, lang) if lends_a_draft(e))
        return cls(entries, threshold)

    @classmethod
    def from_rows(cls, rows: Iterable[Row], threshold: float) -> TranslationMemory:
        """A memory from rows another process read (:func:`memory_rows`)."""
        return cls(entries_from_rows(rows), threshold)

    def options_key(self) -> str:
        return f"threshold={self.threshold}"

    def lookup(self, msgid: str, msgctxt: str | None = None) -> Draft | None:
        """The best translation for ``msgid``, or None below the threshold."""
        found = self.memory.exact((msgctxt, msgid))
        if found is not None:
            return Draft(found.msgstr)
        best = self.memory.best(msgid, self.threshold)
        if best is None:
            return None
        score, entry = best
        return Draft(entry.msgstr, note=f"{score:.0f}% match")

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Draft | None]:
        return [self.lookup(text) for text in texts]

    def plural_forms(self, entry: Entry, count: int) -> list[Draft] | None:
        """The forms of a translated plural entry with the same texts (exact matches only: a
        near match's forms would each need their own edit)."""
        forms = self.plurals.get((entry.msgid, entry.msgid_plural))
        return [Draft(text) for text in forms] if forms and len(forms) == count else None

    def close(self) -> None:
        return None
