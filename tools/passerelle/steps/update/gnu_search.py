"""msgmerge 0.21's own fuzzy search, for the drop-in ``merge DEF REF``.

A Makefile that swaps msgmerge for ``passerelle merge`` must see a suggestion exactly where
msgmerge gives one, and none where it gives none. So the drop-in finds suggestions as
msgmerge's ``message_fuzzy_index_search`` does, not as the project's memory does:

- candidates are DEF's messages whose (first) translation is not empty, fuzzy and obsolete ones
  and the header among them, in file order (the header first);
- a query of four characters or more only meets candidates sharing a 4-gram of characters with
  it, most shared first; a shorter one only candidates whose msgid is short enough in bytes;
- the score is gnulib's ``fstrcmp`` on the UTF-8 bytes (twice the longest common subsequence
  over both lengths), plus 0.00001 for a candidate without a context or with the query's own;
- a candidate must score strictly above 0.6 and strictly above every earlier one.

Compendia are searched the same way after DEF, only their best-sharing few (msgmerge's
heuristic), and must beat DEF's best.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz.distance import Indel

from passerelle.po.catalog import Catalog, Entry, header_entry

THRESHOLD = 0.6  # msgmerge's FUZZY_THRESHOLD
BONUS = 0.00001  # fuzzy_search_goal_function's advantage for a context that fits
GRAM = 4
SHORT_MAX_BYTES = (GRAM - 1) * 4  # a string of fewer than four characters, in bytes
_RATIO = 2 / THRESHOLD - 1  # how much longer (or shorter) a candidate may be and still pass


def first_text(entry: Entry) -> str:
    """What msgmerge tests for emptiness: msgstr, or a plural entry's first form."""
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


def similarity(a: bytes, b: bytes) -> float:
    """gnulib's fstrcmp: the same double msgmerge compares."""
    total = len(a) + len(b)
    if not a or not b:
        return 1.0 if total == 0 else 0.0
    return (total - Indel.distance(a, b)) / total


def _grams(text: str) -> list[str]:
    return [text[i : i + GRAM] for i in range(len(text) - GRAM + 1)]


class FuzzyIndex:
    """msgmerge's ``message_fuzzy_index``: 4-gram postings and lists of short messages."""

    def __init__(self, entries: Iterable[Entry], *, heuristic: bool = False) -> None:
        self.entries = [e for e in entries if first_text(e)]
        self.keys = [e.msgid.encode("utf-8") for e in self.entries]
        self.heuristic = heuristic
        self.postings: dict[str, list[int]] = {}
        self.short: dict[int, list[int]] = {}
        for at, entry in enumerate(self.entries):
            for gram in dict.fromkeys(_grams(entry.msgid)):
                self.postings.setdefault(gram, []).append(at)
            size = len(self.keys[at])
            if size <= int(SHORT_MAX_BYTES * _RATIO):
                self.short.setdefault(size, []).append(at)
        self.firstfew = max(10, int(math.sqrt(len(self.entries))))

    def weight(self, at: int, msgctxt: str | None, query: bytes) -> float:
        """fuzzy_search_goal_function: the similarity, and the bonus for a fitting context."""
        context = self.entries[at].msgctxt
        bonus = BONUS if context is None or (msgctxt is not None and context == msgctxt) else 0
        return similarity(query, self.keys[at]) + bonus

    def search(
        self, msgctxt: str | None, msgid: str, floor: float = THRESHOLD
    ) -> tuple[float, Entry] | None:
        """The first candidate, in msgmerge's order, scoring best and strictly above ``floor``."""
        query = msgid.encode("utf-8")
        best: tuple[float, Entry] | None = None
        limit = floor
        for at in self._candidates(msgid, query):
            weight = self.weight(at, msgctxt, query)
            if weight > limit:
                best, limit = (weight, self.entries[at]), weight
        return best

    def _candidates(self, msgid: str, query: bytes) -> Sequence[int]:
        if len(msgid) >= GRAM:
            shared: Counter[int] = Counter()
            for gram in _grams(msgid):
                shared.update(self.postings.get(gram, ()))
            ranked = sorted(shared, key=lambda at: (-shared[at], at))
            return ranked[: self.firstfew] if self.heuristic else ranked
        low, high = math.ceil(len(query) / _RATIO), int(len(query) * _RATIO)
        return [at for size in range(low, high + 1) for at in self.short.get(size, ())]


def definitions(catalog: Catalog) -> list[Entry]:
    """A catalog's messages as msgmerge lists them: the header entry first, then file order."""
    header = catalog.original_header
    if header is None:
        header = header_entry(catalog)
    return [*([header] if header is not None else []), *catalog]


class Definitions:
    """msgmerge's ``definitions_search_fuzzy`` over DEF and the compendia, indexed on first use
    (a merge that finds every message exactly never pays for an index)."""

    def __init__(self, old: Catalog | None, compendia: Callable[[], Sequence[Catalog]]) -> None:
        self._old = old
        self._compendia = compendia
        self._indexes: tuple[FuzzyIndex, FuzzyIndex | None] | None = None

    def best(self, msgctxt: str | None, msgid: str) -> Entry | None:
        """DEF's best candidate, unless a compendium's scores better still."""
        if self._indexes is None:
            books = self._compendia()
            own = FuzzyIndex(definitions(self._old) if self._old is not None else ())
            shared = [e for book in books for e in definitions(book)]
            self._indexes = own, FuzzyIndex(shared, heuristic=True) if books else None
        own, compendia = self._indexes
        found = own.search(msgctxt, msgid)
        other = None
        if compendia is not None:
            other = compendia.search(msgctxt, msgid, THRESHOLD if found is None else found[0])
        best = other or found
        return None if best is None else best[1]
