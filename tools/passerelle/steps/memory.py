"""Translation memory: people's translations, indexed for exact and fuzzy lookup.

One memory serves the catalog update (fuzzy suggestions, like msgmerge's) and the ``tm`` draft
engine. Both keep translated, non-fuzzy entries, first one per (msgctxt, msgid) (msgmerge also
offers a fuzzy entry's text, still marked fuzzy: ``fuzzy=True``); an exact match
is the same context first, then the same text; a fuzzy match is the best ``rapidfuzz`` ratio at
or above the cutoff, the earliest entry winning a tie (so a project's catalogs beat compendia
on fuzzy matches as on exact ones). Two things are each caller's policy: which entries count
(``keep``: a draft needs a singular text) and whether a large memory may be searched through
an index that can miss a match (``exhaustive``: the update runs on every document and needs
it; drafting is asked for and searches everything).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rapidfuzz import fuzz, process

from passerelle.po.catalog import Catalog, Entry, has_translation, new_entry, read_catalog

Key = tuple[str | None, str]
# What a memory keeps of an entry: (msgctxt, msgid, msgid_plural, msgstr, msgstr_plural).
Row = tuple[str | None, str, str, str, dict[int, str]]
_WORD = re.compile(r"\w{3,}")


class Memory:
    """Translated, non-fuzzy entries indexed for exact and fuzzy lookup.

    A fuzzy lookup compares the query with every text whose length the cutoff allows (texts
    sorted by length, so the window is two bisections). Above :attr:`BRUTE_FORCE` entries,
    unless ``exhaustive``, candidates must also share a rare word with the query (an inverted
    index), and only the best few are scored: bounded work per lookup, at the price of a
    match now and then that shares no rare word.
    """

    BRUTE_FORCE = 400  # below this many entries, score them all
    SHORTLIST = 40
    # Candidates come through the query's rarest words, rarest first, until this many postings
    # were read: bounded work per lookup, and rare words are what similar sentences share.
    POSTING_BUDGET = 400

    def __init__(
        self,
        entries: Iterable[Entry] | Callable[[], Iterable[Entry]],
        *,
        keep: Callable[[Entry], bool] = has_translation,
        exhaustive: bool = False,
        fuzzy: bool = False,
    ) -> None:
        self._source = entries
        self._keep = keep
        self.exhaustive = exhaustive
        self.fuzzy = fuzzy
        self._loaded = False
        self.index: dict[str, list[int]] | None = None

    def _load(self) -> None:
        """Read the entries on first use: a no-op update never pays for the memory."""
        if self._loaded:
            return
        self._loaded = True
        entries = self._source() if callable(self._source) else self._source
        self.entries: list[Entry] = []
        self.by_key: dict[Key, Entry] = {}
        self.by_msgid: dict[str, Entry] = {}
        for entry in entries:
            key = (entry.msgctxt, entry.msgid)
            if not entry.msgid or key in self.by_key or not self._keep(entry):
                continue
            if entry.fuzzy and not self.fuzzy:
                continue
            self.entries.append(entry)
            self.by_key[key] = entry
            self.by_msgid.setdefault(entry.msgid, entry)
        self.texts = [e.msgid for e in self.entries]
        self.lengths = [len(t) for t in self.texts]
        # each distinct text once (its first entry), shortest first, ties in entry order
        first = {text: i for i, text in reversed(list(enumerate(self.texts)))}
        self._by_length = sorted(first.values(), key=lambda i: self.lengths[i])
        self._sorted_lengths = [self.lengths[i] for i in self._by_length]
        self._sorted_texts = [self.texts[i] for i in self._by_length]

    @classmethod
    def restore(cls, rows: list[Row], index: dict[str, list[int]] | None = None) -> Memory:
        """A memory from :func:`export_rows`'s rows (already unique, in order) and index."""
        memory = cls(entries_from_rows(rows))
        memory._load()
        memory.index = index
        return memory

    def __len__(self) -> int:
        self._load()
        return len(self.entries)

    def exact(self, key: Key) -> Entry | None:
        """A translated entry with this (msgctxt, msgid), or with this msgid in another context."""
        self._load()
        return self.by_key.get(key) or self.by_msgid.get(key[1])

    def best(self, query: str, cutoff: float) -> tuple[float, Entry] | None:
        """The most similar entry at or above ``cutoff`` (ties: the earliest)."""
        self._load()
        if not self.entries:
            return None
        if self.exhaustive or len(self.entries) <= self.BRUTE_FORCE:
            low, high = self._length_window(len(query), cutoff)
            candidates, texts = self._by_length[low:high], self._sorted_texts[low:high]
        else:
            if self.index is None:
                self.index = build_index(self.texts)
            candidates = self._shortlist(query, cutoff)
            texts = [self.texts[i] for i in candidates]
        if not candidates:
            return None
        found = process.extract(query, texts, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        if not found:
            return None
        top = max(score for _, score, _ in found)
        earliest = min(candidates[at] for _, score, at in found if score == top)
        return top, self.entries[earliest]

    def ranked(self, query: str, cutoff: float, limit: int) -> list[tuple[float, Entry]]:
        """The ``limit`` most similar texts at or above ``cutoff``, best first (ties: the
        earliest), each with its first entry: what a reviewer is offered beside a unit."""
        self._load()
        low, high = self._length_window(len(query), cutoff)
        candidates, texts = self._by_length[low:high], self._sorted_texts[low:high]
        found = process.extract(query, texts, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        order = sorted((-score, candidates[at]) for _, score, at in found)
        return [(-score, self.entries[index]) for score, index in order[:limit]]

    def _length_window(self, size: int, cutoff: float) -> tuple[int, int]:
        """Where, in the texts sorted by length, are those long enough and short enough for the
        ratio to reach ``cutoff`` (it is at most ``2 * shorter / (both lengths)``)."""
        share = cutoff / 100.0
        lengths = self._sorted_lengths
        if share <= 0:
            return 0, len(lengths)
        low = math.ceil(size * share / (2 - share) - 1e-9)
        high = math.floor(size * (2 - share) / share + 1e-9)
        return bisect.bisect_left(lengths, low), bisect.bisect_right(lengths, high)

    def _shortlist(self, query: str, cutoff: float) -> list[int]:
        """Entries sharing the query's rarest words, most shared first, within the length bound."""
        assert self.index is not None
        size = len(query)
        share = cutoff / 100.0
        low, high = size * share / (2 - share), size * (2 - share) / share
        words = set(_WORD.findall(query.lower()))
        postings = sorted(filter(None, map(self.index.get, words)), key=len)
        votes: Counter[int] = Counter()
        budget = self.POSTING_BUDGET
        for posting in postings:
            if len(posting) > budget:
                break
            votes.update(posting)
            budget -= len(posting)
        lengths = self.lengths
        ranked = (i for i, _ in sorted(votes.items(), key=operator.itemgetter(1), reverse=True))
        return sorted(
            itertools.islice((i for i in ranked if low <= lengths[i] <= high), self.SHORTLIST)
        )


def build_index(texts: list[str]) -> dict[str, list[int]]:
    """Word (3+ letters, lower case) -> indices of the texts holding it."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        for word in set(_WORD.findall(text.lower())):
            index[word].append(i)
    return dict(index)


def export_rows(rows: Iterable[Row]) -> tuple[list[Row], dict[str, list[int]]]:
    """What :meth:`Memory.restore` needs, straight from rows (one per key, first wins): a
    process can index a memory once and ship it to others."""
    unique: dict[Key, Row] = {}
    for row in rows:
        unique.setdefault((row[0], row[1]), row)
    kept = list(unique.values())
    return kept, build_index([row[1] for row in kept])


def entries_from_rows(rows: Iterable[Row]) -> list[Entry]:
    """Translated entries from ``(msgctxt, msgid, msgid_plural, msgstr, msgstr_plural)`` rows."""
    return [
        new_entry(msgctxt=c, msgid=i, msgid_plural=ip, msgstr=s, msgstr_plural=sp)
        for c, i, ip, s, sp in rows
    ]


def compendium_catalog(path: Path, lang: str = "", source_lang: str = "fr") -> Catalog:
    """A compendium: a PO catalog, or a TMX memory's units that hold both the source language
    and ``lang`` (a TMX file holds many languages; without ``lang``, none) as a catalog."""
    if path.suffix.lower() != ".tmx":
        return read_catalog(path)
    if not lang:
        return Catalog(path=path)
    from passerelle.exchange.tmx import read_tmx  # lxml, only for a memory that needs it

    units = read_tmx(path, source_lang, lang)
    return Catalog((new_entry(msgctxt=c, msgid=i, msgstr=s) for c, i, s in units), path=path)


def compendium_entries(path: Path, lang: str, source_lang: str = "fr") -> Iterator[Entry]:
    """A compendium's entries (see :func:`compendium_catalog`)."""
    yield from compendium_catalog(path, lang, source_lang)


def memory_from_files(paths: Iterable[Path], lang: str = "") -> Memory:
    """A compendium over catalogs (and TMX memories, for ``lang``) on disk, read only if a
    lookup needs it."""
    files = sorted(paths)
    return compendium_memory(lambda: (compendium_catalog(path, lang) for path in files))


def compendium_memory(catalogs: Callable[[], Iterable[Catalog]]) -> Memory:
    """A compendium over catalogs, asked for only if a lookup needs them, in path order.

    As msgmerge's ``-C``: fuzzy entries count (a suggestion from one stays fuzzy), and every
    entry is searched, so no suggestion msgmerge would give is missed.
    """

    def entries() -> Iterator[Entry]:
        for catalog in sorted(catalogs(), key=lambda book: book.path or Path()):
            yield from catalog

    return Memory(entries, fuzzy=True, exhaustive=True)


_LANGUAGE_MEMORIES: dict[tuple[tuple[Path, ...], str], Memory] = {}


def shared_memory(*paths: Path, lang: str = "", source_lang: str = "fr") -> Memory:
    """One lazily-read memory per set of folders/files for the life of the process.

    A project update calls the merge once per document; reading every catalog of the language
    for each of 10,000 documents would be quadratic. Catalogs rewritten later in the same run
    change nothing a lookup can see (their human translations stay, active or obsolete).
    """
    places = _resolved(tuple(str(p) for p in paths))
    key = (places, lang)
    if key not in _LANGUAGE_MEMORIES:

        def entries() -> Iterator[Entry]:
            for place in places:
                files = [place]
                if place.is_dir():
                    files = sorted([*place.rglob("*.po"), *place.rglob("*.tmx")])
                for path in files:
                    if path.is_file():
                        yield from compendium_entries(path, lang, source_lang)

        _LANGUAGE_MEMORIES[key] = Memory(entries)
    return _LANGUAGE_MEMORIES[key]


@functools.lru_cache(maxsize=64)
def _resolved(paths: tuple[str, ...]) -> tuple[Path, ...]:
    """The memory's identity: its places resolved once per process (a resolve is a few
    system calls, and an update asks for the language's memory once per document)."""
    return tuple(sorted(Path(p).resolve() for p in paths))
