"""Catalog update: a template and an old catalog in, a catalog that lost nothing out.

The rules, in the order a template entry meets them:

1. exact match (msgctxt, msgid) in the old catalog, active or obsolete (revived): translation,
   translator comments and flags kept; extracted comments, references and format flags come
   from the template;
2. otherwise a fuzzy suggestion, best ``rapidfuzz`` ratio at or above the cutoff, looked for in
   the same document first (the entries its template dropped: a changed source's old version),
   then the language's translation memory (every catalog of that language, or the whole old
   document when none is given), then compendia; another source must beat the document by a
   margin. It carries the ``fuzzy`` flag and ``#|`` previous strings; a source left unchanged
   but untranslated only takes exact matches from elsewhere;
3. otherwise untranslated.

Old entries no template entry claims become obsolete ``#~`` entries, so a suggestion's source is
never lost either. Policy ``drop`` only removes obsolete entries with no translated text, or whose
text survives verbatim in an active entry: human work is never silently dropped.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from passerelle.po.catalog import (
    Catalog,
    Entry,
    add_entry,
    empty_catalog_like,
    has_translation,
    lend_first_form,
    new_catalog,
    new_entry,
    plural_count,
    read_catalog,
    same_entries,
)

Key = tuple[str | None, str]
# What a memory keeps of an entry: (msgctxt, msgid, msgid_plural, msgstr, msgstr_plural).
Row = tuple[str | None, str, str, str, dict[int, str]]
CUTOFF = 60.0  # like msgmerge's FUZZY_THRESHOLD (0.6), on rapidfuzz's 0-100 scale
SAME_DOCUMENT_MARGIN = 5.0  # another source must beat the document itself by this much
_WORD = re.compile(r"\w{3,}")


@dataclass(frozen=True)
class MergeOptions:
    """How an update behaves; the defaults are Passerelle's project mode."""

    fuzzy: bool = True
    previous: bool = True
    obsolete: str = "keep"  # keep | drop
    cutoff: float = CUTOFF


class Memory:
    """Translated, non-fuzzy entries indexed for exact and fuzzy lookup.

    Fuzzy lookup would cost a comparison with every entry; instead candidates share a rare word
    with the query (an inverted index), pass a length bound implied by the cutoff, and only the
    best few are scored with ``fuzz.ratio``. Small memories are scored in full.
    """

    BRUTE_FORCE = 400  # below this many entries, score them all
    SHORTLIST = 40
    # Candidates come through the query's rarest words, rarest first, until this many postings
    # were read: bounded work per lookup, and rare words are what similar sentences share.
    POSTING_BUDGET = 400

    def __init__(self, entries: Iterable[Entry] | Callable[[], Iterable[Entry]]) -> None:
        self._source = entries
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
        seen: set[Key] = set()
        for entry in entries:
            key = (entry.msgctxt, entry.msgid)
            if not entry.msgid or entry.fuzzy or key in seen or not has_translation(entry):
                continue
            seen.add(key)
            self.entries.append(entry)
            self.by_key[key] = entry
            self.by_msgid.setdefault(entry.msgid, entry)
        self.texts = [e.msgid for e in self.entries]
        self.lengths = [len(t) for t in self.texts]

    @classmethod
    def restore(cls, rows: list[Row], index: dict[str, list[int]] | None = None) -> Memory:
        """A memory from :meth:`export`'s rows (already unique, in order) and index."""
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

    def _build_index(self) -> dict[str, list[int]]:
        return build_index(self.texts)

    def best(self, query: str, cutoff: float) -> tuple[float, Entry] | None:
        """The most similar entry at or above ``cutoff`` (ties: the earliest)."""
        self._load()
        if not self.entries:
            return None
        if len(self.entries) <= self.BRUTE_FORCE:
            found = process.extractOne(query, self.texts, scorer=fuzz.ratio, score_cutoff=cutoff)
            return (found[1], self.entries[found[2]]) if found else None
        if self.index is None:
            self.index = self._build_index()
        shortlist = self._shortlist(query, cutoff)
        if not shortlist:
            return None
        found = process.extractOne(
            query, [self.texts[i] for i in shortlist], scorer=fuzz.ratio, score_cutoff=cutoff
        )
        return (found[1], self.entries[shortlist[found[2]]]) if found else None

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


def memory_from_files(paths: Iterable[Path]) -> Memory:
    """A translation memory over catalogs on disk, read only if a lookup needs it."""
    files = sorted(paths)

    def entries() -> Iterator[Entry]:
        for path in files:
            yield from read_catalog(path)

    return Memory(entries)


def update_catalog(
    old: Catalog | None,
    template: Catalog,
    lang: str,
    *,
    options: MergeOptions | None = None,
    memory: Memory | Iterable[Entry] | None = None,
    compendia: Memory | Iterable[Entry] | None = None,
) -> Catalog:
    """Return ``old`` brought up to ``template`` (``old`` itself is not modified)."""
    options = options or MergeOptions()
    if old is None:
        po = new_catalog(template, lang)
        old_entries: list[Entry] = []
    else:
        po = empty_catalog_like(old)
        old_entries = list(old)
    # Without a language memory, the whole old document stands in for it (msgmerge's scope).
    memory = _as_memory(memory) if memory is not None else Memory(old_entries)
    compendium = _as_memory(compendia)
    active = {(e.msgctxt, e.msgid): e for e in reversed(old_entries) if not e.obsolete}
    retired = {(e.msgctxt, e.msgid): e for e in reversed(old_entries) if e.obsolete}
    # The document's own candidates are the entries the template no longer has: a changed
    # source's old version is among them. (Entries still in use are in the memory anyway.)
    wanted = {(e.msgctxt, e.msgid) for e in template}
    document = Memory(e for e in old_entries if (e.msgctxt, e.msgid) not in wanted)
    nplurals = plural_count(old if old is not None else po, lang)
    # A new language has nothing to suggest from: skip the lookups, entry by entry.
    suggest = options.fuzzy and bool(len(document) or len(memory) or len(compendium))
    claimed: set[Key] = set()
    for tentry in template:
        if tentry.obsolete or (tentry.msgid == "" and tentry.msgctxt is None):
            continue
        key = (tentry.msgctxt, tentry.msgid)
        entry = _from_template(tentry, nplurals)
        found = active.get(key) or retired.get(key)
        if found is not None and has_translation(found):
            _keep(entry, found, nplurals)
            claimed.add(key)
            add_entry(po, entry)
            continue
        if found is not None:  # unchanged but untranslated: the translator's comments stay
            entry.tcomment = found.tcomment
            claimed.add(key)
        if suggest:
            # An unchanged source left untranslated only takes exact matches from elsewhere:
            # the fuzzy search across the whole language is for sources that changed.
            wide = found is None
            _suggest(entry, tentry, (document, memory, compendium), options, nplurals, wide)
        add_entry(po, entry)
    for gone in _obsolete(old_entries, claimed, po, options.obsolete):
        add_entry(po, gone)
    if old is not None and not same_entries(old, po):
        stamp = template.metadata.get("POT-Creation-Date")
        if stamp:
            po.metadata["POT-Creation-Date"] = stamp
    return po


def _as_memory(source: Memory | Iterable[Entry] | None) -> Memory:
    if isinstance(source, Memory):
        return source
    return Memory(source or ())


def _from_template(tentry: Entry, nplurals: int) -> Entry:
    return new_entry(
        msgid=tentry.msgid,
        msgctxt=tentry.msgctxt,
        msgid_plural=tentry.msgid_plural,
        msgstr="",
        msgstr_plural={i: "" for i in range(nplurals)} if tentry.msgid_plural else {},
        comment=tentry.comment,
        occurrences=list(tentry.occurrences),
        flags=[f for f in tentry.flags if f != "fuzzy"],
    )


def _copy_text(entry: Entry, source: Entry, nplurals: int) -> bool:
    """Copy the translation across; False when singular/plural shapes differ (needs review)."""
    if entry.msgid_plural:
        if source.msgid_plural:
            entry.msgstr_plural = dict(source.msgstr_plural)
            return True
        entry.msgstr_plural = {i: source.msgstr for i in range(nplurals)}
        return False
    if source.msgid_plural:  # the first form translated (forms are read in order)
        entry.msgstr = next(filter(None, source.msgstr_plural.values()), "")
        return False
    entry.msgstr = source.msgstr
    return True


def _keep(entry: Entry, found: Entry, nplurals: int) -> None:
    """Exact match: the translator's text, comments and flags stay."""
    same_shape = _copy_text(entry, found, nplurals)
    entry.tcomment = found.tcomment
    extra = [f for f in found.flags if f not in entry.flags and not f.endswith("-format")]
    entry.flags = [*(["fuzzy"] if "fuzzy" in extra else []), *entry.flags]
    entry.flags += [f for f in extra if f != "fuzzy"]
    if not same_shape and "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    if entry.fuzzy:
        entry.previous_msgctxt = found.previous_msgctxt
        entry.previous_msgid = found.previous_msgid
        entry.previous_msgid_plural = found.previous_msgid_plural


def _suggest(
    entry: Entry,
    tentry: Entry,
    sources: tuple[Memory, Memory, Memory],
    options: MergeOptions,
    nplurals: int,
    wide: bool = True,
) -> None:
    """Fill ``entry`` with the best fuzzy suggestion, if any source has one."""
    document, memory, compendium = sources
    key = (tentry.msgctxt, tentry.msgid)
    exact = compendium.exact(key)
    if (
        exact is not None and exact.msgctxt == key[0]
    ):  # msgmerge -C: an exact compendium match counts as translated
        _copy_text(entry, exact, nplurals)
        return
    best = document.best(tentry.msgid, options.cutoff) if wide else None
    margin = 0.0 if best is None else SAME_DOCUMENT_MARGIN
    for other in (memory, compendium):
        if best is not None and best[0] + margin >= 100.0:
            break
        floor = options.cutoff if best is None else max(options.cutoff, best[0] + margin + 1e-9)
        candidate = _exact_or_best(other, tentry, floor, wide)
        if candidate is not None:
            best, margin = candidate, 0.0
    if best is None:
        return
    source = best[1]
    _copy_text(entry, source, nplurals)
    if entry.msgid_plural:
        lend_first_form(entry.msgstr_plural)
    entry.flags.insert(0, "fuzzy")
    if options.previous:
        entry.previous_msgctxt = source.msgctxt
        entry.previous_msgid = source.msgid
        entry.previous_msgid_plural = source.msgid_plural or None


def _exact_or_best(
    memory: Memory, tentry: Entry, floor: float, wide: bool
) -> tuple[float, Entry] | None:
    exact = memory.exact((tentry.msgctxt, tentry.msgid))
    if exact is not None:
        return 100.0, exact
    return memory.best(tentry.msgid, floor) if wide and len(memory) else None


def _obsolete(
    old_entries: list[Entry], claimed: set[Key], po: Catalog, policy: str
) -> Iterator[Entry]:
    """Old entries nobody claimed, as obsolete entries, in old file order, one per key."""
    active_keys = {(e.msgctxt, e.msgid) for e in po}
    kept_texts = {e.msgstr for e in po if e.msgstr} if policy == "drop" else set()
    seen: set[Key] = set()
    for old in [e for e in old_entries if not e.obsolete] + [e for e in old_entries if e.obsolete]:
        key = (old.msgctxt, old.msgid)
        if key in claimed or key in active_keys or key in seen or key == (None, ""):
            continue
        seen.add(key)
        if not has_translation(old) or policy == "drop" and old.msgstr in kept_texts:
            continue  # nothing to keep (msgcat would not even write it), or kept word for word
        forms, flags = dict(old.msgstr_plural), [f for f in old.flags if not f.endswith("-format")]
        if old.msgid_plural and lend_first_form(forms):  # to be reviewed if it comes back
            flags = [*dict.fromkeys(["fuzzy", *flags])]
        yield new_entry(
            msgid=old.msgid,
            msgctxt=old.msgctxt,
            msgid_plural=old.msgid_plural,
            msgstr=old.msgstr,
            msgstr_plural=forms,
            tcomment=old.tcomment,
            flags=flags,
            previous_msgctxt=old.previous_msgctxt,
            previous_msgid=old.previous_msgid,
            previous_msgid_plural=old.previous_msgid_plural,
            comment=old.comment if old.obsolete else "",
            occurrences=list(old.occurrences) if old.obsolete else [],
            obsolete=True,
        )


_LANGUAGE_MEMORIES: dict[tuple[Path, ...], Memory] = {}


def shared_memory(*paths: Path) -> Memory:
    """One lazily-read memory per set of folders/files for the life of the process.

    A project update calls the merge once per document; reading every catalog of the language
    for each of 10,000 documents would be quadratic. Catalogs rewritten later in the same run
    change nothing a lookup can see (their human translations stay, active or obsolete).
    """
    key = _resolved(tuple(str(p) for p in paths))
    if key not in _LANGUAGE_MEMORIES:

        def entries() -> Iterator[Entry]:
            for place in key:
                files = sorted(place.rglob("*.po")) if place.is_dir() else [place]
                for path in files:
                    if path.is_file():
                        yield from read_catalog(path)

        _LANGUAGE_MEMORIES[key] = Memory(entries)
    return _LANGUAGE_MEMORIES[key]


@functools.lru_cache(maxsize=64)
def _resolved(paths: tuple[str, ...]) -> tuple[Path, ...]:
    """The memory's identity: its places resolved once per process (a resolve is a few
    system calls, and an update asks for the language's memory once per document)."""
    return tuple(sorted(Path(p).resolve() for p in paths))
